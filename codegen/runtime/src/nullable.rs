//! `Nullable<T>`: a field that may be absent, explicitly `null`, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property that is optional *and* nullable: absent, explicitly `null`, or a value.
///
/// `Option<T>` cannot tell "leave unchanged" (absent) from "clear" (`null`); this can. Use it
/// as a struct field with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`
/// (the generator does) so that `Absent` is not sent, `Null` is sent as `null`, and a received
/// `null` decodes as `Null` rather than as absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Nullable<T> {
    /// The property is not present.
    #[default]
    Absent,
    /// The property is present with the value `null`.
    Null,
    /// The property is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// `true` when the property is not present.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// `true` when the property is present and `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if one is set.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if one is set, consuming `self`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Borrow the value: `Nullable<&T>`.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => v.serialize(serializer),
            // `Absent` is skipped by the field attribute; when serialised on its own it is null.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only called when the key is present (a missing key takes `Default`, i.e. `Absent`).
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        metadata: Nullable<u32>,
    }

    #[test]
    fn three_states_round_trip() {
        for (json, state) in [
            ("{}", Nullable::Absent),
            (r#"{"metadata":null}"#, Nullable::Null),
            (r#"{"metadata":7}"#, Nullable::Value(7)),
        ] {
            let body: Body = serde_json::from_str(json).unwrap();
            assert_eq!(body.metadata, state, "{json}");
            assert_eq!(serde_json::to_string(&body).unwrap(), json);
        }
    }
}
