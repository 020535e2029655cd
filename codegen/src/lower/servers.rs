//! Servers: each `servers` entry checked, its `{variables}` at their defaults, into [`ir::Server`].

use super::{Dir, Hint, Lowerer, Origin};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{self, EnumVariant, ServerVariable, StringEnum, TypeKind};
use crate::naming::{self, Scope};

impl Lowerer<'_> {
    /// The servers whose URL, with every variable at its default, is a URL; the others are
    /// reported and left out, so the client's default base URL always parses. A variable with
    /// an `enum` gets a string enum type of its own.
    pub(super) fn lower_servers(&mut self) -> Vec<ir::Server> {
        let spec = self.spec;
        let servers = &spec.servers;
        let diags = &mut self.diags;
        let mut out = Vec::new();
        let mut enums = Vec::new();
        for (i, server) in servers.iter().enumerate() {
            let at = Pointer::root().push("servers").push(i);
            let mut scope = Scope::new();
            let mut url = server.url.clone();
            let mut variables = Vec::new();
            let mut pending = Vec::new();
            let before = out.len();
            for (name, var) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &var.default);
                if !var.enumeration.is_empty() {
                    pending.push((variables.len(), at.push("variables").push(name), var));
                }
                variables.push(ServerVariable {
                    name: name.clone(),
                    ident: scope.unique(&naming::field_ident(name, "variable")),
                    default: var.default.clone(),
                    values: var.enumeration.clone(),
                    description: var.description.clone(),
                    ty: None,
                });
            }
            if url.contains('{') {
                diags.push(
                Diagnostic::warning(
                    &at.push("url"),
                    format!("server URL `{}` has a `{{variable}}` without a default in `variables`; the server is left out", server.url),
                )
                .with_help("declare each variable with a `default`"),
            );
                continue;
            }
            let relative =
                url::Url::parse(&url).is_err_and(|e| e == url::ParseError::RelativeUrlWithoutBase);
            let absolute = if relative {
                url::Url::parse("http://localhost").and_then(|base| base.join(&url))
            } else {
                url::Url::parse(&url)
            };
            match absolute {
                Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => out.push(ir::Server {
                    url: if relative { parsed.to_string() } else { url },
                    template: server.url.clone(),
                    relative,
                    description: server.description.clone(),
                    variables,
                }),
                Ok(parsed) => diags.push(Diagnostic::warning(
                    &at.push("url"),
                    format!(
                        "server URL `{}` is not http or https (`{}`); the server is left out",
                        server.url,
                        parsed.scheme()
                    ),
                )),
                Err(e) => diags.push(Diagnostic::warning(
                    &at.push("url"),
                    format!(
                        "server URL `{}` is not a URL ({e}); the server is left out",
                        server.url
                    ),
                )),
            }
            if out.len() > before {
                enums.extend(
                    pending
                        .into_iter()
                        .map(|(index, at, var)| (before, index, at, var)),
                );
            }
        }
        // Only the first server's variables are parameters (`Client::base_url_for`).
        for (server, index, at, var) in enums.into_iter().filter(|(s, ..)| *s == 0) {
            let name = &out[server].variables[index].name;
            let origin = Origin {
                at,
                dir: Dir::Any,
                omit: None,
            };
            let hint = Hint::new(naming::type_ident(name, "Variable"));
            let id = self.new_slot(origin, None, Some(&hint));
            let mut scope = Scope::new();
            let mut seen = std::collections::BTreeSet::new();
            let variants = var
                .enumeration
                .iter()
                .filter(|v| seen.insert(v.as_str()))
                .map(|v| EnumVariant {
                    ident: scope.unique(&naming::type_ident(v, "Empty")),
                    wire: v.clone(),
                })
                .collect();
            let fallback = scope.unique("Unknown");
            let slot = &mut self.slots[id.0];
            slot.kind = Some(TypeKind::Enum(StringEnum { variants, fallback }));
            slot.docs.description = var.description.clone();
            out[server].variables[index].ty = Some(id);
        }
        out
    }
}
