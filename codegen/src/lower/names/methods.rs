//! Method names for operations: from the operationId, the summary, or the HTTP method and path.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::ir::Method;
use crate::naming::{field_ident, Scope};
use crate::options::MethodNames;
use std::collections::BTreeMap;

/// What naming an operation's method needs to know of it.
pub(in crate::lower) struct OpName<'a> {
    pub at: Pointer,
    pub method: Method,
    pub path: &'a str,
    pub operation_id: Option<&'a str>,
    pub summary: Option<&'a str>,
    /// Its operationId repeats an earlier one's (already an error).
    pub duplicate: bool,
}

/// The methods `impl Client` has besides the operations'.
const CLIENT_METHODS: [&str; 5] = [
    "base_url_for",
    "config",
    "from_transport",
    "transport",
    "with_bearer_token",
];

/// The most words a summary may have to name a method.
const SUMMARY_WORDS: usize = 8;

/// One method name per operation, unique beside `Client`'s own methods, deterministically:
/// 1. each operation's own name is the snake case of its operationId (else of its method and
///    path); with [`MethodNames::Summary`] or [`MethodNames::Path`] it gets derived candidates
///    instead where they can be made (a summary gives one; a path gives one per literal
///    segment that can qualify it, shortest first: `list_issues`, `list_user_issues`);
/// 2. while a derived name is shared with another operation's name (derived or own) or is a
///    `Client` method: the operations sharing it that have a longer candidate take it, and
///    when none has, each keeps its own name, with a warning. So the option never numbers a
///    name, and the derived names are the shortest unique ones;
/// 3. names that are still shared (operationIds that differ only in case or separators) are
///    numbered in document order (`get_item2`), with a warning naming the first owner.
pub(in crate::lower) fn methods(
    ops: &[OpName],
    mode: MethodNames,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let own: Vec<String> = ops.iter().map(own_name).collect();
    let candidates: Vec<Vec<String>> = match mode {
        MethodNames::OperationId => vec![Vec::new(); ops.len()],
        MethodNames::Summary => ops
            .iter()
            .map(|op| op.summary.and_then(from_summary).into_iter().collect())
            .collect(),
        MethodNames::Path => {
            let prefix = common_prefix(ops);
            ops.iter()
                .map(|op| {
                    let patched = ops
                        .iter()
                        .any(|o| o.path == op.path && o.method == Method::Patch);
                    from_path(op, prefix, patched)
                })
                .collect()
        }
    };
    let source = match mode {
        MethodNames::Summary => "its summary",
        _ => "its method and path",
    };
    // The candidate each operation has taken; `None`: its own name.
    let mut level: Vec<Option<usize>> = candidates
        .iter()
        .map(|c| (!c.is_empty()).then_some(0))
        .collect();
    loop {
        let name = |i: usize| level[i].map_or(own[i].as_str(), |l| candidates[i][l].as_str());
        let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for i in 0..ops.len() {
            owners.entry(name(i)).or_default().push(i);
        }
        let mut longer = Vec::new();
        let mut dropped = Vec::new();
        for (n, sharing) in &owners {
            let client = CLIENT_METHODS.contains(n);
            if sharing.len() < 2 && !client {
                continue;
            }
            let derived = sharing.iter().copied().filter(|&i| level[i].is_some());
            let (can, cannot): (Vec<usize>, Vec<usize>) =
                derived.partition(|&i| level[i].is_some_and(|l| l + 1 < candidates[i].len()));
            if !can.is_empty() {
                longer.extend(can);
                continue;
            }
            for i in cannot {
                let with = match sharing.iter().find(|&&j| j != i) {
                    Some(&j) => format!("`{}`'s", ops[j].at),
                    None => "a method of `Client` itself".into(),
                };
                dropped.push((
                    i,
                    format!("the name `{n}` that {source} gives is also {with}"),
                ));
            }
        }
        if longer.is_empty() && dropped.is_empty() {
            break;
        }
        dropped.sort_by_key(|(i, _)| *i);
        for i in longer {
            level[i] = level[i].map(|l| l + 1);
        }
        for (i, why) in dropped {
            diags.push(
                Diagnostic::warning(
                    &ops[i].at,
                    format!("this operation's method is `{}`: {why}", own[i]),
                )
                .with_help("derived names are never numbered: an operation whose name is shared keeps its operationId's name"),
            );
            level[i] = None;
        }
    }
    let mut picked: Vec<Option<String>> = level
        .iter()
        .zip(candidates)
        .map(|(l, mut c)| l.map(|l| c.swap_remove(l)))
        .collect();
    let mut scope = Scope::new();
    for name in CLIENT_METHODS {
        scope.reserve(name);
    }
    // The operation each name went to, to explain numbered names.
    let mut owners: BTreeMap<String, &Pointer> = BTreeMap::new();
    let mut idents = Vec::with_capacity(ops.len());
    for (i, op) in ops.iter().enumerate() {
        let base = picked[i].take().unwrap_or_else(|| own[i].clone());
        let ident = scope.unique(&base);
        let first = owners.get(&base).copied();
        if ident != base && !op.duplicate {
            let (why, help) = match first {
                Some(first) => (
                    format!("`{base}` is already the method of `{first}`"),
                    "operationIds that differ only in case or separators make the same Rust name; rename one",
                ),
                None => (
                    format!("`{base}` is a method of `Client` itself"),
                    "rename the operationId",
                ),
            };
            let at = match op.operation_id {
                Some(_) => op.at.push("operationId"),
                None => op.at.clone(),
            };
            diags.push(
                Diagnostic::warning(
                    &at,
                    format!("this operation becomes the method `{ident}`: {why}"),
                )
                .with_help(help),
            );
        }
        if first.is_none() {
            owners.insert(base, &op.at);
        }
        idents.push(ident);
    }
    idents
}

/// The operationId as a `#[doc(alias)]` of a method named `ident`: when the two differ and
/// rustdoc accepts it (no quotes, tabs or line breaks, no space at either end).
pub(in crate::lower) fn doc_alias(operation_id: Option<&str>, ident: &str) -> Option<String> {
    let id = operation_id?;
    let accepted = !id.is_empty()
        && !id.starts_with(' ')
        && !id.ends_with(' ')
        && !id
            .chars()
            .any(|c| c == '"' || c == '\'' || (c.is_whitespace() && c != ' '));
    (accepted && id != ident).then(|| id.to_string())
}

/// The name an operation has without a naming option: its operationId's, else its method's
/// and path's (`get_accounts_aid_customers`).
fn own_name(op: &OpName) -> String {
    match op.operation_id {
        Some(id) => field_ident(id, "operation"),
        None => field_ident(
            &format!("{} {}", op.method.as_str().to_ascii_lowercase(), op.path),
            "operation",
        ),
    }
}

/// `Get customer` → `get_customer`; `None` past [`SUMMARY_WORDS`] words, or when the name
/// would not be plain ASCII or would start with `_` (a digit first).
fn from_summary(summary: &str) -> Option<String> {
    let summary = summary.trim().trim_end_matches('.');
    let ident = field_ident(summary, "");
    let words = ident.split('_').filter(|w| !w.is_empty()).count();
    let plain = ident.is_ascii() && !ident.starts_with('_');
    (plain && (1..=SUMMARY_WORDS).contains(&words)).then_some(ident)
}

/// A path segment: a literal, or one that holds a `{parameter}`.
fn is_param(segment: &str) -> bool {
    segment.contains('{')
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// How many leading segments every path shares (`/accounts/{aid}` for Customers, `/v1`
/// often), never so many that a path loses its last literal segment.
fn common_prefix(ops: &[OpName]) -> usize {
    let paths: Vec<Vec<&str>> = ops.iter().map(|op| segments(op.path).collect()).collect();
    let Some(first) = paths.first() else {
        return 0;
    };
    let shared = paths.iter().fold(first.len(), |n, p| {
        n.min(first.iter().zip(p).take_while(|(a, b)| a == b).count())
    });
    let keep = paths
        .iter()
        .filter_map(|p| p.iter().rposition(|s| !is_param(s)))
        .min()
        .unwrap_or(0);
    shared.min(keep)
}

/// REST-style names from the HTTP method and the path after the common prefix, shortest
/// first. The resource is the last literal segment; a resource after parameters is owned by
/// the literal before them (`/users/{id}/tags`: `user` `tags`); each longer name adds the next
/// literal segment before (`/repos/{o}/{r}/pulls/{n}/comments`: `list_pull_comments`, then
/// `list_repo_pull_comments`). None for a path without a literal segment.
fn from_path(op: &OpName, prefix: usize, patched: bool) -> Vec<String> {
    let segs: Vec<&str> = segments(op.path).skip(prefix).collect();
    let Some(last) = segs.iter().rposition(|s| !is_param(s)) else {
        return Vec::new();
    };
    let Some(noun) = word(segs[last]) else {
        return Vec::new();
    };
    let item = last + 1 < segs.len();
    // The literal segments before the resource, nearest first, singular.
    let before: Vec<String> = segs[..last]
        .iter()
        .rev()
        .filter(|s| !is_param(s))
        .filter_map(|s| word(s))
        .map(|w| singular(&w))
        .collect();
    let owned = last > 0 && is_param(segs[last - 1]);
    let shortest = usize::from(owned).min(before.len());
    let one = singular(&noun);
    let plural = is_plural(&noun);
    let either = if item { one.as_str() } else { noun.as_str() };
    // `(verb, noun)`; an action (`POST /login`) is its segment, qualified after it.
    let (verb, noun) = match op.method {
        Method::Get if item => (Some("get"), one.as_str()),
        Method::Get if plural => (Some("list"), noun.as_str()),
        Method::Get => (Some("get"), noun.as_str()),
        Method::Post if item => (Some("post"), one.as_str()),
        Method::Post if plural => (Some("create"), one.as_str()),
        Method::Post => (None, noun.as_str()),
        Method::Put if patched => (Some("replace"), either),
        Method::Put | Method::Patch => (Some("update"), either),
        Method::Delete => (Some("delete"), either),
        Method::Head => (Some("head"), either),
        Method::Options => (Some("options"), either),
        Method::Trace => (Some("trace"), either),
    };
    (shortest..=before.len())
        .map(|k| {
            let mut words: Vec<&str> = before[..k].iter().rev().map(String::as_str).collect();
            match verb {
                Some(verb) => {
                    words.insert(0, verb);
                    words.push(noun);
                }
                None => words.insert(0, noun),
            }
            field_ident(&words.join("_"), "operation")
        })
        .collect()
}

/// A literal path segment as a snake-case word (without a keyword's `_`), if it makes one.
fn word(segment: &str) -> Option<String> {
    let word = field_ident(segment, "");
    (!word.is_empty() && !word.starts_with('_')).then(|| word.trim_end_matches('_').to_string())
}

/// Whether a snake-case noun's last word looks like an English plural (`users`, `settings`;
/// not `status`, `address`, `analysis`).
fn is_plural(noun: &str) -> bool {
    let word = noun.rsplit('_').next().unwrap_or(noun);
    word.len() > 1 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
}

/// The singular of a snake-case noun's last word, when it looks plural: `companies` →
/// `company`, `addresses` → `address`, `branches` → `branch`, `statuses` → `status`,
/// `users` → `user`.
fn singular(noun: &str) -> String {
    if !is_plural(noun) {
        return noun.to_string();
    }
    let word = noun.rsplit('_').next().unwrap_or(noun);
    let stem = &noun[..noun.len() - word.len()];
    let one = if let Some(w) = word.strip_suffix("ies").filter(|w| w.len() > 1) {
        format!("{w}y")
    } else if ["sses", "shes", "ches", "xes", "tuses", "iases"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        word[..word.len() - 2].to_string()
    } else {
        word[..word.len() - 1].to_string()
    };
    format!("{stem}{one}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(method: Method, path: &str) -> OpName<'_> {
        OpName {
            at: Pointer::root().push("paths").push(path),
            method,
            path,
            operation_id: None,
            summary: None,
            duplicate: false,
        }
    }

    fn path_names(ops: &[(Method, &str)]) -> Vec<String> {
        let ops: Vec<OpName> = ops.iter().map(|(m, p)| op(*m, p)).collect();
        methods(&ops, MethodNames::Path, &mut Diagnostics::default())
    }

    #[test]
    fn rest_names_from_method_and_path() {
        use Method::*;
        let names = path_names(&[
            (Get, "/accounts/{aid}/customers"),
            (Post, "/accounts/{aid}/customers"),
            (Get, "/accounts/{aid}/customers/{cid}"),
            (Put, "/accounts/{aid}/customers/{cid}"),
            (Delete, "/accounts/{aid}/customers/{cid}"),
            (Get, "/accounts/{aid}/customers/{cid}/tags"),
            (Post, "/accounts/{aid}/login"),
            (Get, "/accounts/{aid}/settings/status"),
            (Get, "/accounts/{aid}/companies/{id}"),
            (Patch, "/accounts/{aid}/addresses/{id}"),
            (Put, "/accounts/{aid}/addresses/{id}"),
            (Head, "/accounts/{aid}/type"),
            (Post, "/accounts/{aid}/addresses/{id}/validate"),
            (Post, "/accounts/{aid}/customers/{cid}"),
            (Options, "/accounts/{aid}/customers/{cid}"),
        ]);
        assert_eq!(
            names,
            [
                "list_customers",
                "create_customer",
                "get_customer",
                "update_customer",
                "delete_customer",
                "list_customer_tags",
                "login",
                "get_status",
                "get_company",
                "update_address",
                "replace_address",
                "head_type",
                "validate_address",
                "post_customer",
                "options_customer",
            ]
        );
    }

    #[test]
    fn shared_derived_names_grow_or_keep_the_operation_id() {
        let mut ops = vec![
            op(Method::Get, "/things/{id}"),
            op(Method::Get, "/things/{id}/{version}"),
            op(Method::Get, "/issues"),
            op(Method::Get, "/user/issues"),
            op(Method::Get, "/config"),
        ];
        ops[0].operation_id = Some("getThing");
        ops[1].operation_id = Some("getThingVersion");
        ops[4].summary = Some("Config");
        let mut diags = Diagnostics::default();
        let names = methods(&ops, MethodNames::Path, &mut diags);
        // `/user/issues` takes its longer name, `/issues` keeps the short one; the two
        // `get_thing`s have none, so they keep their operationIds'.
        assert_eq!(
            names,
            [
                "get_thing",
                "get_thing_version",
                "list_issues",
                "list_user_issues",
                "get_config"
            ]
        );
        let warned: Vec<String> = diags
            .warnings()
            .filter_map(|d| d.at.as_ref())
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            warned,
            [
                "#/paths/~1things~1{id}",
                "#/paths/~1things~1{id}~1{version}"
            ]
        );
        // `config` is `Client::config`: the summary's name is dropped, not numbered.
        let mut diags = Diagnostics::default();
        let names = methods(&ops, MethodNames::Summary, &mut diags);
        assert_eq!(names[4], "get_config");
        assert_eq!(diags.warnings().count(), 1);
    }

    #[test]
    fn client_methods_are_reserved_in_every_mode() {
        let mut ops = vec![op(Method::Get, "/config"), op(Method::Get, "/transport")];
        ops[0].operation_id = Some("config");
        let mut diags = Diagnostics::default();
        let names = methods(&ops, MethodNames::OperationId, &mut diags);
        // `get_transport` is no `Client` method: only `config` is numbered.
        assert_eq!(names, ["config2", "get_transport"]);
        let warned: Vec<String> = diags.warnings().map(|d| d.to_string()).collect();
        assert_eq!(warned.len(), 1);
        assert!(
            warned[0].contains("#/paths/~1config/operationId")
                && warned[0].contains("`config` is a method of `Client` itself"),
            "{warned:?}"
        );
    }

    #[test]
    fn summaries_make_short_ascii_names() {
        assert_eq!(from_summary("Get customer."), Some("get_customer".into()));
        assert_eq!(
            from_summary("Login with email/password"),
            Some("login_with_email_password".into())
        );
        assert_eq!(from_summary("Type"), Some("type_".into()));
        assert_eq!(
            from_summary("one two three four five six seven eight nine"),
            None
        );
        assert_eq!(from_summary("Kunde hämten"), None);
        assert_eq!(from_summary("2FA login"), None);
        assert_eq!(from_summary("  "), None);
    }

    #[test]
    fn singulars() {
        for (many, one) in [
            ("users", "user"),
            ("companies", "company"),
            ("postal_addresses", "postal_address"),
            ("branches", "branch"),
            ("status", "status"),
            ("statuses", "status"),
            ("aliases", "alias"),
            ("settings", "setting"),
            ("s", "s"),
        ] {
            assert_eq!(singular(many), one);
        }
    }

    #[test]
    fn aliases_rustdoc_accepts() {
        assert_eq!(
            doc_alias(Some("getCustomer"), "get_customer"),
            Some("getCustomer".into())
        );
        assert_eq!(doc_alias(Some("get_customer"), "get_customer"), None);
        assert_eq!(doc_alias(Some("say \"hi\""), "say_hi"), None);
        assert_eq!(doc_alias(Some(" x"), "x"), None);
        assert_eq!(doc_alias(None, "x"), None);
    }
}
