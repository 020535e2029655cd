//! The checks behind every generated crate's examples test: an example decodes into its type
//! and encodes back to the same JSON, compared as the wire carries it.

use crate::lenient::WireTime;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes the example `json` (written at `at` in the spec) into `T`, encodes it again and
/// panics, naming the spot, unless the result means the same JSON.
///
/// "The same" is compared on the encoded text, as a server would read it: numbers by value
/// (`50` and `50.0` are one number, and an `f32` is compared as it prints, `0.842`, not as
/// the `f64` it widens to), date-times by instant and offset (`Z` is `+00:00`, `.000` is no
/// fraction; one sent without an offset is UTC), dates as dates (`2024-05-01T00:00:00` sent for a
/// date comes back `2024-05-01`), UUIDs without case, and a `null` member the same as an absent
/// one when the type has nothing to keep it in.
#[track_caller]
pub fn round_trip<T: Serialize + DeserializeOwned>(at: &str, json: &str) {
    comes_back(at, json, serde_json::from_str::<T>(json));
}

/// [`round_trip`] for an example of a date or date-time itself, decoded as a generated field
/// of that type decodes it ([`crate::lenient`]).
#[track_caller]
pub fn round_trip_wire_time<T: WireTime + Serialize>(at: &str, json: &str) {
    comes_back(at, json, lenient_decode::<T>(json));
}

/// Panics, naming the spot, unless `decoded` (the example `json` decoded) encodes back to JSON
/// that means the same.
#[track_caller]
fn comes_back<T: Serialize>(at: &str, json: &str, decoded: serde_json::Result<T>) {
    let expected: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => panic!("{at}: the example is not JSON: {e}"),
    };
    let typed = match decoded {
        Ok(typed) => typed,
        Err(e) => panic!("{at}: the example does not decode: {e}"),
    };
    let text = match serde_json::to_string(&typed) {
        Ok(text) => text,
        Err(e) => panic!("{at}: the decoded example does not encode: {e}"),
    };
    let encoded: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => panic!("{at}: the encoding is not JSON: {e}"),
    };
    if let Err(difference) = same(&encoded, &expected, &mut String::new()) {
        panic!("{at}: the example changed in a round trip: {difference}\n  sent: {expected}\n  back: {encoded}");
    }
}

/// `json` decoded as a generated field of a date or date-time type decodes it.
fn lenient_decode<T: WireTime>(json: &str) -> serde_json::Result<T> {
    crate::lenient::required(&mut serde_json::Deserializer::from_str(json))
}

/// [`must_not_decode`] for an example of a date or date-time itself.
#[track_caller]
pub fn must_not_decode_wire_time<T: WireTime>(at: &str, json: &str, why: &str) {
    if lenient_decode::<T>(json).is_ok() {
        panic!("{at}: the example decodes, though the generator found that {why}");
    }
}

/// Panics unless the example `json` fails to decode into `T`: the generator found that it does
/// not fit its schema.
#[track_caller]
pub fn must_not_decode<T: DeserializeOwned>(at: &str, json: &str, why: &str) {
    if serde_json::from_str::<T>(json).is_ok() {
        panic!("{at}: the example decodes, though the generator found that {why}");
    }
}

/// Panics unless the example `json` decodes into `T`; used for an example that decodes but
/// loses what its schema forbids (a property of an object with `additionalProperties: false`).
#[track_caller]
pub fn decodes<T: DeserializeOwned>(at: &str, json: &str) {
    if let Err(e) = serde_json::from_str::<T>(json) {
        panic!("{at}: the example does not decode: {e}");
    }
}

/// Whether two JSON values mean the same on the wire; the error names the first difference
/// by its JSON pointer inside the value.
pub fn same(back: &Value, sent: &Value, at: &mut String) -> Result<(), String> {
    match (back, sent) {
        (Value::Number(a), Value::Number(b)) => {
            let equal = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), ..) => x == y,
                (.., Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            };
            differ(equal, at, back, sent)
        }
        (Value::String(a), Value::String(b)) => differ(
            a == b || same_date_time(a, b) || same_date(a, b) || same_uuid(a, b),
            at,
            back,
            sent,
        ),
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "at `{at}`: {} items sent, {} back",
                    b.len(),
                    a.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                same(x, y, at)?;
                at.truncate(len);
            }
            Ok(())
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let len = at.len();
                at.push('/');
                at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => same(x, y, at)?,
                    (None, Some(Value::Null)) | (Some(Value::Null), None) => {}
                    (None, Some(_)) => return Err(format!("`{at}` was sent and is lost")),
                    (Some(_), None) => return Err(format!("`{at}` was not sent and appears")),
                    (None, None) => {}
                }
                at.truncate(len);
            }
            Ok(())
        }
        _ => differ(back == sent, at, back, sent),
    }
}

fn differ(equal: bool, at: &str, back: &Value, sent: &Value) -> Result<(), String> {
    if equal {
        Ok(())
    } else {
        Err(format!("at `{at}`: sent {sent}, back {back}"))
    }
}

/// An RFC 3339 date-time encoded `back` and a `sent` one with the same instant and the same
/// offset, `sent` read as a generated field reads it (without an offset, as UTC).
fn same_date_time(back: &str, sent: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(back),
        crate::datetime::parse_date_time(sent),
    ) {
        (Ok(x), Some(y)) => x == y && x.offset() == y.offset(),
        _ => false,
    }
}

/// A date encoded `back` and the date a generated field reads from `sent`
/// (`2024-05-01T00:00:00` is `2024-05-01`).
fn same_date(back: &str, sent: &str) -> bool {
    matches!(
        (back.parse::<chrono::NaiveDate>(), crate::datetime::parse_date(sent)),
        (Ok(x), Some(y)) if x == y
    )
}

fn same_uuid(a: &str, b: &str) -> bool {
    matches!((uuid::Uuid::parse_str(a), uuid::Uuid::parse_str(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(back: Value, sent: Value) -> Result<(), String> {
        same(&back, &sent, &mut String::new())
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(check(json!(50.0), json!(50)).is_ok());
        assert!(check(json!(0.842), json!(0.842)).is_ok());
        assert!(check(json!(u64::MAX), json!(u64::MAX)).is_ok());
        assert!(check(json!(1), json!(2)).is_err());
        assert!(check(json!(i64::MAX), json!(i64::MAX - 1)).is_err());
    }

    #[test]
    fn date_times_keep_instant_and_offset() {
        assert!(check(
            json!("2014-08-09T08:02:04+00:00"),
            json!("2014-08-09T08:02:04Z")
        )
        .is_ok());
        assert!(check(
            json!("2014-08-09T08:02:04Z"),
            json!("2014-08-09T08:02:04.000Z")
        )
        .is_ok());
        // The same instant with the offset lost is a change.
        let lost = check(
            json!("2014-08-08T20:02:04Z"),
            json!("2014-08-09T08:02:04+12:00"),
        );
        assert!(lost.is_err());
        // What a generated field reads leniently comes back in RFC 3339.
        assert!(check(json!("2019-09-23T02:13:29Z"), json!("2019-09-23T02:13:29")).is_ok());
        assert!(check(json!("2019-06-10"), json!("2019-06-10T00:00:00")).is_ok());
        assert!(check(json!("2019-06-10"), json!("2019-06-11T00:00:00")).is_err());
        assert!(check(json!("2019-06-10T00:00:00"), json!("2019-06-10")).is_err());
    }

    #[test]
    fn differences_are_named_by_pointer() {
        let err = check(json!({"a": [1, {"b": "x"}]}), json!({"a": [1, {"b": "y"}]})).unwrap_err();
        assert!(err.contains("`/a/1/b`"), "{err}");
        let lost = check(json!({}), json!({"extra": 1})).unwrap_err();
        assert!(lost.contains("`/extra` was sent and is lost"), "{lost}");
        assert!(check(json!({}), json!({"gone": null})).is_ok());
        assert!(check(json!("A"), json!("a")).is_err());
    }

    #[test]
    fn date_examples_are_read_as_fields_read_them() {
        round_trip_wire_time::<chrono::NaiveDate>("#/d", r#""2015-07-01T00:00:00""#);
        round_trip_wire_time::<chrono::DateTime<chrono::FixedOffset>>(
            "#/t",
            r#""2020-12-10T01:22:00.0000000""#,
        );
        must_not_decode_wire_time::<chrono::NaiveDate>("#/j", r#""Johnson""#, "it is a name");
    }

    #[test]
    fn f32_is_compared_as_it_prints() {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Ratio {
            value: f32,
        }
        round_trip::<Ratio>("#/x", r#"{"value": 0.842}"#);
    }

    #[test]
    #[should_panic(expected = "was sent and is lost")]
    fn a_dropped_property_fails() {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Small {
            kept: i64,
        }
        round_trip::<Small>("#/x", r#"{"kept": 1, "dropped": 2}"#);
    }
}
