//! Servers: each `servers` entry checked, its `{variables}` at their defaults, into [`ir::Server`].

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::ir::{self, ServerVariable};
use crate::naming::{self, Scope};

/// The servers whose URL, with every variable at its default, is a URL; the others are
/// reported and left out, so the client's default base URL always parses.
pub(super) fn lower(servers: &[openapiv3::Server], diags: &mut Diagnostics) -> Vec<ir::Server> {
    let mut out = Vec::new();
    for (i, server) in servers.iter().enumerate() {
        let at = Pointer::root().push("servers").push(i);
        let mut scope = Scope::new();
        let mut url = server.url.clone();
        let mut variables = Vec::new();
        for (name, var) in server.variables.iter().flatten() {
            url = url.replace(&format!("{{{name}}}"), &var.default);
            variables.push(ServerVariable {
                name: name.clone(),
                ident: scope.unique(&naming::field_ident(name, "variable")),
                default: var.default.clone(),
                values: var.enumeration.clone(),
                description: var.description.clone(),
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
    }
    out
}
