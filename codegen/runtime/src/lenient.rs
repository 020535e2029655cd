//! Serde adapters for the generated structs' `format: date` and `format: date-time` fields:
//! they read what [`datetime`](crate::datetime) accepts, where chrono's own `Deserialize` reads
//! only RFC 3339 and `YYYY-MM-DD`. Writing is chrono's, unchanged.
//!
//! A server that writes `2024-05-01T00:00:00` for a date, or a date-time without an offset,
//! would otherwise make every response that holds one fail to decode. The generator puts
//! `#[serde(deserialize_with = "codegen_runtime::lenient::…")]` on such fields.

use crate::datetime::{parse_date, parse_date_time};
use crate::Nullable;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A type read from text more leniently than its own `Deserialize` reads it.
pub trait WireTime: Sized {
    /// What a value looks like, for error messages.
    const EXPECTED: &'static str;
    /// The value of `text`, if it is one.
    fn parse(text: &str) -> Option<Self>;
}

impl WireTime for NaiveDate {
    const EXPECTED: &'static str = "a date (`YYYY-MM-DD`, or a date-time whose date is kept)";
    fn parse(text: &str) -> Option<Self> {
        parse_date(text)
    }
}

impl WireTime for DateTime<FixedOffset> {
    const EXPECTED: &'static str = "an RFC 3339 date-time (one without an offset is read as UTC)";
    fn parse(text: &str) -> Option<Self> {
        parse_date_time(text)
    }
}

struct Text<T>(PhantomData<T>);

impl<T: WireTime> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::parse(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
    }
}

struct Maybe<T>(PhantomData<T>);

impl<'de, T: WireTime> Visitor<'de> for Maybe<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} or null", T::EXPECTED)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        required(deserializer).map(Some)
    }
}

/// A required field.
pub fn required<'de, D: Deserializer<'de>, T: WireTime>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_str(Text(PhantomData))
}

/// An `Option` field: `null` is `None` (a missing key too, by `#[serde(default)]`).
pub fn optional<'de, D: Deserializer<'de>, T: WireTime>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(Maybe(PhantomData))
}

/// A [`Nullable`] field: `null` is `Null` (a missing key is `Absent`, by `#[serde(default)]`).
pub fn nullable<'de, D: Deserializer<'de>, T: WireTime>(
    deserializer: D,
) -> Result<Nullable<T>, D::Error> {
    Ok(optional(deserializer)?.map_or(Nullable::Null, Nullable::Value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Payslip {
        #[serde(deserialize_with = "required")]
        period_start: NaiveDate,
        #[serde(default, deserialize_with = "optional")]
        last_edited: Option<DateTime<FixedOffset>>,
        #[serde(
            default,
            skip_serializing_if = "Nullable::is_absent",
            deserialize_with = "nullable"
        )]
        paid_on: Nullable<NaiveDate>,
    }

    #[test]
    fn fields_read_what_servers_write_and_write_rfc_3339() {
        let slip: Payslip = serde_json::from_str(
            r#"{"period_start": "2019-06-10T00:00:00", "last_edited": "2019-09-23T02:13:29", "paid_on": null}"#,
        )
        .unwrap();
        assert_eq!(
            slip.period_start,
            NaiveDate::from_ymd_opt(2019, 6, 10).unwrap()
        );
        assert_eq!(slip.paid_on, Nullable::Null);
        assert_eq!(
            serde_json::to_string(&slip).unwrap(),
            r#"{"period_start":"2019-06-10","last_edited":"2019-09-23T02:13:29Z","paid_on":null}"#
        );
        let bare: Payslip = serde_json::from_str(r#"{"period_start": "2019-06-10"}"#).unwrap();
        assert_eq!((bare.last_edited, bare.paid_on), (None, Nullable::Absent));
        let set: Payslip = serde_json::from_str(
            r#"{"period_start": "2019-06-10", "paid_on": "2019-06-30", "last_edited": null}"#,
        )
        .unwrap();
        assert_eq!(
            set.paid_on,
            Nullable::Value(NaiveDate::from_ymd_opt(2019, 6, 30).unwrap())
        );
    }

    #[test]
    fn what_is_no_date_is_an_error_naming_the_value() {
        let err = serde_json::from_str::<Payslip>(r#"{"period_start": "Johnson"}"#).unwrap_err();
        assert!(
            err.to_string()
                .contains("invalid value: string \"Johnson\", expected a date"),
            "{err}"
        );
        assert!(serde_json::from_str::<Payslip>(r#"{"period_start": 20190610}"#).is_err());
    }
}
