//! `Options`: what a user can tell the generator beyond the spec.

use std::collections::BTreeMap;

/// Generator settings that the spec cannot express. `Options::default()` suits most specs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The item field whose value is the next page's `starting_after`, per operationId.
    ///
    /// List operations with `limit` and `starting_after` query parameters get a page stream.
    /// Without an entry here the cursor is the item's `{segment}_id` field for the path's
    /// literal segments from last to first (`/customers/users` tries `user_id`, then
    /// `customer_id`), else its `id` field.
    pub pagination_cursors: BTreeMap<String, String>,

    /// Rust types to use instead of generating one, keyed by component schema name
    /// (`CustomerId`) or by string format (`format:date-time`). Values are type paths
    /// (`my_crate::Id`, `time::OffsetDateTime`); they must implement serde's traits, and
    /// `codegen_runtime::QueryValue` where used as a parameter.
    pub type_overrides: BTreeMap<String, String>,

    /// Extra derives for every generated struct and enum, e.g. `Eq`, `Hash`, `PartialOrd`
    /// (each must hold for every field type, or the generated code does not compile).
    pub extra_derives: Vec<String>,

    /// How the client's methods are named (default: after the operationId, as written).
    pub method_names: MethodNames,

    /// One cargo feature per tag: each operation sits behind the feature of its first tag
    /// (`untagged` for operations without one), and every type behind the features whose
    /// operations reach it, any of which brings it in; types no operation reaches are always
    /// there. A crate
    /// gets the features in its `Cargo.toml`, `default` enabling all; a module (`generate!`,
    /// build.rs) names them in `#[cfg(feature = ..)]`, so the crate that includes it declares
    /// them.
    pub features_by_tag: bool,
}

/// Where the name of each operation's method (and of its request builder, success enum and
/// inline types) comes from. Parse one from `operation-id`, `summary` or `path`.
///
/// Whatever the choice, names are snake case (`heck`), keyword-escaped (`type_`) and unique,
/// and a method whose name is not its operationId carries it as `#[doc(alias)]`. A derived
/// name is never numbered: when two operations would share one (or it is a method of `Client`
/// itself), each that has a longer candidate takes it, and when none has, they keep their
/// operationIds' names, with a warning at each. An operation the choice cannot name (no
/// summary, a path of parameters only) keeps its operationId's name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MethodNames {
    /// The operationId (`aid_customers_cid_get`; `getCustomer` → `get_customer`), else the
    /// HTTP method and path (`get_accounts_aid_customers`).
    #[default]
    OperationId,
    /// The summary, if it has at most eight words and makes an ASCII name starting with a
    /// letter: `Get customer` → `get_customer`, `Login with email/password` →
    /// `login_with_email_password`.
    Summary,
    /// The HTTP method and path, REST style. The segments every path starts with
    /// (`/accounts/{aid}`) are left out; the resource is the last literal segment, and one
    /// after parameters is owned by the literal before them (`/users/{id}/tags`: the user's
    /// tags):
    ///
    /// | request | name |
    /// |---|---|
    /// | `GET /customers` (a plural) | `list_customers` |
    /// | `GET /customers/{id}` | `get_customer` |
    /// | `GET /settings/status` (not a plural) | `get_status` |
    /// | `POST /customers` | `create_customer` |
    /// | `POST /customers/{id}` | `post_customer` |
    /// | `POST /login` (not a plural: an action) | `login` |
    /// | `POST /addresses/{id}/validate` | `validate_address` |
    /// | `PUT`, `PATCH /customers/{id}` | `update_customer` (`PUT` is `replace_customer` when the path has a `PATCH` too) |
    /// | `DELETE /customers/{id}` | `delete_customer` |
    /// | `HEAD`, `OPTIONS`, `TRACE` | `head_…`, `options_…`, `trace_…` |
    /// | `GET /users/{id}/tags` | `list_user_tags` |
    ///
    /// A longer candidate adds the literal segments before, nearest first: `GET /issues` and
    /// `GET /user/issues` are `list_issues` and `list_user_issues`.
    Path,
}

impl MethodNames {
    /// Every choice, as [`MethodNames::from_str`](std::str::FromStr) reads it.
    pub const ALL: [MethodNames; 3] = [
        MethodNames::OperationId,
        MethodNames::Summary,
        MethodNames::Path,
    ];

    /// The name of the choice: `operation-id`, `summary` or `path`.
    pub fn as_str(self) -> &'static str {
        match self {
            MethodNames::OperationId => "operation-id",
            MethodNames::Summary => "summary",
            MethodNames::Path => "path",
        }
    }
}

impl std::str::FromStr for MethodNames {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        MethodNames::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                format!("unknown method naming `{s}`: use `operation-id`, `summary` or `path`")
            })
    }
}

impl std::fmt::Display for MethodNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How generated code reaches `codegen-runtime`, the code every generated client shares.
/// Parse one from `embedded`, `path:DIR` or `version:REQ` (`"path:../runtime".parse()`).
///
/// A crate (`--out`) writes it into its `Cargo.toml`. A module (`Generator`, `generate!`,
/// `--module`) either embeds the runtime or uses the crate `codegen_runtime` that the including
/// crate's `Cargo.toml` names (by path or by version: the module is the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// The runtime's source as module `runtime` of the generated code (`src/runtime/` of a
    /// crate), so the crate depends on registry crates alone.
    Embedded,
    /// The `codegen-runtime` crate in a directory, relative to the generated crate's.
    Path(RuntimePath),
    /// The `codegen-runtime` crate from a registry, at a version requirement.
    Version(RuntimeVersion),
}

/// A relative directory with forward slashes (no absolute path ever goes into a generated file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimePath(String);

/// A Cargo version requirement such as `0.1` or `=0.1.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeVersion(String);

impl RuntimePath {
    /// `dir` if it is relative (`\` is written as `/`); else why not.
    pub fn new(dir: &str) -> Result<Self, String> {
        let dir = dir.replace('\\', "/");
        let absolute = dir.starts_with('/') || dir.as_bytes().get(1) == Some(&b':');
        if dir.is_empty() {
            Err("the runtime's path is empty".into())
        } else if absolute {
            Err(format!(
                "the runtime's path `{dir}` is absolute; give it relative to the generated crate's directory (e.g. `path:../codegen/runtime`)"
            ))
        } else if dir.contains(['"', '\n']) {
            Err(format!(
                "the runtime's path `{dir}` holds a quote or a line break"
            ))
        } else {
            Ok(RuntimePath(dir))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl RuntimeVersion {
    /// `req` if it looks like a Cargo version requirement (`1`, `0.1.2`, `^0.1`, `=0.1.0`,
    /// `>=0.1, <0.3`); else why not.
    pub fn new(req: &str) -> Result<Self, String> {
        let ok = !req.trim().is_empty()
            && req.starts_with(|c: char| c.is_ascii_digit() || "^~=<>".contains(c))
            && req
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .,*^~=<>-+".contains(c));
        if ok {
            Ok(RuntimeVersion(req.trim().to_string()))
        } else {
            Err(format!(
                "`{req}` is not a version requirement (e.g. `version:0.1`)"
            ))
        }
    }

    /// The version of the runtime this generator embeds, as `=X.Y.Z`.
    pub fn this_generators() -> Self {
        RuntimeVersion(format!("={}", crate::embed::version()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A generated crate's name: a Cargo package name whose library name is a Rust identifier
/// (ASCII letters, digits, `-` and `_`, not starting with a digit, not a keyword: `type` cannot
/// be `use`d). Its library name ([`CrateName::lib`]) is decided here once, for the crate docs'
/// quick start and the examples test to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateName {
    package: String,
    lib: String,
}

impl CrateName {
    /// `name` if it is a valid crate name; else what is wrong with it (`is a Rust keyword`).
    pub fn new(name: &str) -> Result<Self, &'static str> {
        let lib = lib_name(name);
        if name.is_empty() {
            Err("is empty")
        } else if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            Err("may hold only ASCII letters, digits, `-` and `_`")
        } else if name.starts_with(|c: char| c.is_ascii_digit()) {
            Err("starts with a digit")
        } else if crate::naming::is_keyword(&lib) || lib == "_" {
            Err("is a Rust keyword")
        } else {
            Ok(CrateName {
                package: name.to_string(),
                lib,
            })
        }
    }

    /// The package name, as `Cargo.toml` writes it (`dintero-customers`).
    pub fn package(&self) -> &str {
        &self.package
    }

    /// The library's name, as Rust code `use`s it (`dintero_customers`).
    pub fn lib(&self) -> &str {
        &self.lib
    }
}

/// The library name Cargo gives package `package`: `-` as `_`.
pub(crate) fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

impl std::str::FromStr for Runtime {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once(':') {
            _ if s == "embedded" => Ok(Runtime::Embedded),
            Some(("path", dir)) => RuntimePath::new(dir).map(Runtime::Path),
            Some(("version", req)) => RuntimeVersion::new(req).map(Runtime::Version),
            _ => Err(format!(
                "unknown runtime `{s}`: use `embedded`, `path:DIR` or `version:REQ`"
            )),
        }
    }
}

impl Runtime {
    /// The runtime by path; `dir` must be relative (see [`RuntimePath::new`]).
    pub fn path(dir: &str) -> Result<Self, String> {
        RuntimePath::new(dir).map(Runtime::Path)
    }

    /// Whether the generated code holds the runtime's source.
    pub fn is_embedded(&self) -> bool {
        matches!(self, Runtime::Embedded)
    }
}

impl std::fmt::Display for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Runtime::Embedded => f.write_str("embedded"),
            Runtime::Path(p) => write!(f, "path:{}", p.0),
            Runtime::Version(v) => write!(f, "version:{}", v.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CrateName;

    #[test]
    fn a_crate_name_is_a_package_name_whose_library_name_is_an_identifier() {
        let name = CrateName::new("dintero-customers").unwrap();
        assert_eq!(
            (name.package(), name.lib()),
            ("dintero-customers", "dintero_customers")
        );
        assert_eq!(CrateName::new("type"), Err("is a Rust keyword"));
        assert_eq!(CrateName::new("_"), Err("is a Rust keyword"));
        assert_eq!(CrateName::new("3d"), Err("starts with a digit"));
        assert_eq!(CrateName::new(""), Err("is empty"));
        assert!(CrateName::new("a b").is_err());
    }
}
