//! `Properties`: an object's properties beyond those the spec names, kept as sent.

use crate::redact::{is_secret_name, REDACTED};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};

/// The properties of an object that its schema does not name, kept so that nothing a server
/// sends is lost: a value read, changed and sent back still carries them.
///
/// JSON Schema allows properties a schema does not list unless it says
/// `additionalProperties: false`, and real servers send them. Generated structs keep them in a
/// field `additional_properties` of this type (flattened into the object on the wire). It
/// dereferences to a `BTreeMap<String, V>`; `V` is the `additionalProperties` schema's type,
/// `serde_json::Value` when the spec gives none.
///
/// `Debug` shows `[REDACTED]` for the value of any secret-looking name (`password`, `token`,
/// `api_key`, ...), at any depth, since the spec says nothing about these properties.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    transparent,
    bound(serialize = "V: Serialize", deserialize = "V: Deserialize<'de>")
)]
pub struct Properties<V = serde_json::Value>(BTreeMap<String, V>);

impl<V> Properties<V> {
    /// No properties.
    pub fn new() -> Self {
        Self(BTreeMap::new())
    }

    /// The map itself.
    pub fn into_inner(self) -> BTreeMap<String, V> {
        self.0
    }
}

impl<V> Default for Properties<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V> Deref for Properties<V> {
    type Target = BTreeMap<String, V>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> DerefMut for Properties<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<V> From<BTreeMap<String, V>> for Properties<V> {
    fn from(map: BTreeMap<String, V>) -> Self {
        Self(map)
    }
}

impl<K: Into<String>, V> FromIterator<(K, V)> for Properties<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(iter.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl<V> IntoIterator for Properties<V> {
    type Item = (String, V);
    type IntoIter = std::collections::btree_map::IntoIter<String, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Properties<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::collections::btree_map::Iter<'a, String, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V: Serialize> fmt::Debug for Properties<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (key, value) in &self.0 {
            if is_secret_name(key) {
                map.entry(key, &Shown(REDACTED));
            } else {
                // Through JSON, so that secrets nested in the value are redacted too.
                match serde_json::to_value(value) {
                    Ok(value) => map.entry(key, &Redacting(&value)),
                    Err(_) => map.entry(key, &Shown("<not JSON>")),
                };
            }
        }
        map.finish()
    }
}

/// Text shown as is (without the quotes `Debug` of a `str` adds).
struct Shown(&'static str);

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A JSON value shown with the values of secret-looking names redacted.
struct Redacting<'a>(&'a serde_json::Value);

impl fmt::Debug for Redacting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            serde_json::Value::Object(object) => {
                let mut map = f.debug_map();
                for (key, value) in object {
                    if is_secret_name(key) {
                        map.entry(key, &Shown(REDACTED));
                    } else {
                        map.entry(key, &Redacting(value));
                    }
                }
                map.finish()
            }
            serde_json::Value::Array(items) => {
                f.debug_list().entries(items.iter().map(Redacting)).finish()
            }
            other => write!(f, "{other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Thing {
        name: String,
        #[serde(flatten)]
        additional_properties: Properties,
    }

    #[test]
    fn keeps_what_the_struct_does_not_name() {
        let sent = json!({"name": "a", "colour": "red", "nested": {"x": [1, 2]}});
        let thing: Thing = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(thing.additional_properties["colour"], json!("red"));
        assert!(!thing.additional_properties.contains_key("name"));
        assert_eq!(serde_json::to_value(&thing).unwrap(), sent);
    }

    #[test]
    fn debug_redacts_secret_names_at_any_depth() {
        let thing: Thing = serde_json::from_value(json!({
            "name": "a",
            "api_key": "sk-123",
            "inner": {"password": "hunter2", "plain": "shown"},
            "list": [{"access_token": "t0k"}]
        }))
        .unwrap();
        let shown = format!("{thing:?}");
        for secret in ["sk-123", "hunter2", "t0k"] {
            assert!(!shown.contains(secret), "{secret} leaked: {shown}");
        }
        assert!(shown.contains("\"plain\": \"shown\""), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
    }
}
