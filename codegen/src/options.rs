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
}
