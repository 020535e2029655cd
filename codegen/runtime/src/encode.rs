//! Wire text of parameters: percent-encoded path segments and `QueryValue` for query/header values.

use std::borrow::Cow;
use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

/// Every byte except RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encode one path parameter so it stays exactly one path segment.
///
/// Everything but RFC 3986 unreserved characters is encoded, including `/`, `?`, `#`, `%`, `+`,
/// spaces and non-ASCII (as UTF-8): `a/b c` becomes `a%2Fb%20c`, `../x` becomes `..%2Fx`.
/// Generated code formats paths as
/// `format!("/accounts/{}/customers/users/{}", encode_path_segment(aid), encode_path_segment(id))`.
///
/// A value that is exactly `.` or `..` (or empty) cannot be a segment of its own: URL
/// normalisation would remove it. [`Transport::execute`](crate::Transport::execute) refuses such
/// paths with [`Error::InvalidRequest`](crate::Error::InvalidRequest) instead of sending them.
pub fn encode_path_segment(segment: &str) -> String {
    utf8_percent_encode(segment, NOT_UNRESERVED).to_string()
}

/// A value that can be sent as a query or header parameter: its text before percent-encoding.
///
/// Implemented for strings, `bool` (`true`/`false`), integers, floats, `char`,
/// `chrono::DateTime<FixedOffset>` (RFC 3339 with its offset), `chrono::DateTime<Utc>` (RFC 3339,
/// in UTC), `chrono::NaiveDate` (`YYYY-MM-DD`),
/// [`uuid::Uuid`] (hyphenated, lower case), [`UnknownValue`](crate::UnknownValue) and references, boxes, `Arc`s and `Cow`s of those.
/// Generated enums and newtypes implement it with one line, usually through their `Display`
/// impl or [`query_value_via_serde`]:
///
/// ```
/// # #[derive(serde::Serialize)] #[serde(rename_all = "snake_case")] enum Status { Enabled }
/// impl codegen_runtime::QueryValue for Status {
///     fn query_value(&self) -> String {
///         codegen_runtime::query_value_via_serde(self)
///     }
/// }
/// ```
pub trait QueryValue {
    /// The raw text of the value; percent-encoding happens when the request is built.
    fn query_value(&self) -> String;
}

macro_rules! query_value_via_display {
    ($($ty:ty),* $(,)?) => {
        $(impl QueryValue for $ty {
            fn query_value(&self) -> String {
                self.to_string()
            }
        })*
    };
}

query_value_via_display!(
    str, String, bool, char, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32,
    f64,
);

impl QueryValue for uuid::Uuid {
    fn query_value(&self) -> String {
        self.hyphenated().to_string()
    }
}

impl QueryValue for chrono::DateTime<chrono::Utc> {
    /// RFC 3339 in UTC with a `Z`, e.g. `2024-05-01T12:00:00Z` (fractional seconds only if set).
    fn query_value(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

impl QueryValue for chrono::DateTime<chrono::FixedOffset> {
    /// RFC 3339 with the value's own offset (`Z` for UTC), e.g. `2024-05-01T14:00:00+02:00`
    /// (fractional seconds only if set).
    fn query_value(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

impl QueryValue for chrono::NaiveDate {
    /// `YYYY-MM-DD` (RFC 3339 `full-date`).
    fn query_value(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

impl QueryValue for crate::UnknownValue {
    /// The value exactly as the server sent it.
    fn query_value(&self) -> String {
        self.as_str().to_owned()
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn query_value(&self) -> String {
        (**self).query_value()
    }
}

impl<T: QueryValue + ?Sized> QueryValue for Box<T> {
    fn query_value(&self) -> String {
        (**self).query_value()
    }
}

impl<T: QueryValue + ?Sized> QueryValue for Arc<T> {
    fn query_value(&self) -> String {
        (**self).query_value()
    }
}

impl QueryValue for Cow<'_, str> {
    fn query_value(&self) -> String {
        self.to_string()
    }
}

/// `null` in an array parameter (`nullable` items) is sent as an empty value.
impl<T: QueryValue> QueryValue for Option<T> {
    fn query_value(&self) -> String {
        self.as_ref().map(T::query_value).unwrap_or_default()
    }
}

/// The query text of any value whose serde form is a string, number or bool.
///
/// Lets generated enums reuse their `#[serde(rename = ...)]` wire names. Other shapes (objects,
/// arrays, `null`) fall back to their compact JSON text. A value that fails to serialize gives
/// an empty text, and the [`RequestParts`](crate::RequestParts) method it was passed to refuses
/// the request with [`Error::InvalidRequest`](crate::Error::InvalidRequest).
pub fn query_value_via_serde<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(err) => {
            SERIALIZATION_FAILURE.with(|failure| failure.replace(Some(err.to_string())));
            String::new()
        }
    }
}

thread_local! {
    /// The last failure of [`query_value_via_serde`] on this thread, until taken.
    static SERIALIZATION_FAILURE: std::cell::RefCell<Option<String>> =
        const { std::cell::RefCell::new(None) };
}

/// Take the failure [`query_value_via_serde`] recorded on this thread, if any.
pub(crate) fn take_serialization_failure() -> Option<String> {
    SERIALIZATION_FAILURE.with(std::cell::RefCell::take)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_keep_only_unreserved() {
        assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_path_segment("../"), "..%2F");
        assert_eq!(encode_path_segment("a+b?c#d%e"), "a%2Bb%3Fc%23d%25e");
        assert_eq!(encode_path_segment("æ"), "%C3%A6");
        assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
    }

    #[test]
    fn scalar_query_values() {
        assert_eq!(true.query_value(), "true");
        assert_eq!(false.query_value(), "false");
        assert_eq!((-12i64).query_value(), "-12");
        assert_eq!(1.5f64.query_value(), "1.5");
        assert_eq!("+47 999".query_value(), "+47 999");
        let when = chrono::DateTime::parse_from_rfc3339("2024-05-01T14:00:00+02:00").unwrap();
        assert_eq!(when.to_utc().query_value(), "2024-05-01T12:00:00Z");
        assert_eq!(when.query_value(), "2024-05-01T14:00:00+02:00");
        let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        assert_eq!(day.query_value(), "2024-05-01");
        let id = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(id.query_value(), "01234567-89ab-cdef-0123-456789abcdef");
    }

    #[test]
    fn serde_query_values_use_wire_names() {
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Status {
            SoftDeleted,
        }
        assert_eq!(query_value_via_serde(&Status::SoftDeleted), "soft_deleted");
        assert_eq!(query_value_via_serde(&3u8), "3");
    }
}
