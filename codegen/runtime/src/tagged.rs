//! Helpers for discriminated unions with a fallback for tags this client does not know.

use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Serialize `value` (an object) with `tag: tag_value` added.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    tag_value: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    match serde_json::to_value(value).map_err(S::Error::custom)? {
        Value::Object(mut object) => {
            object.insert(tag.to_string(), Value::String(tag_value.to_string()));
            object.serialize(serializer)
        }
        _ => Err(S::Error::custom("a tagged union variant must be an object")),
    }
}

/// A JSON object, as a union variant's payload or an unknown variant.
pub type Object = Map<String, Value>;

/// Read an object and its tag (if it has a string one).
pub fn split<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &str,
) -> Result<(Option<String>, Object), D::Error> {
    let object = Object::deserialize(deserializer)?;
    let tag = object.get(tag).and_then(Value::as_str).map(str::to_string);
    Ok((tag, object))
}

/// Decode a variant's payload from the object, without its tag (which the variant's type does
/// not declare, and would otherwise keep among its undeclared properties).
pub fn decode<E: serde::de::Error, T: serde::de::DeserializeOwned>(
    mut object: Map<String, Value>,
    tag: &str,
) -> Result<T, E> {
    object.remove(tag);
    serde_json::from_value(Value::Object(object)).map_err(E::custom)
}
