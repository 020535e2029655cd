//! Dates and date-times as servers write them: RFC 3339, and the two departures from it that
//! published APIs make, read rather than failing a whole response.
//!
//! The generator reads spec examples with the same two functions (it includes this file), so
//! that what it says about an example is what the generated code does with it.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// A `format: date` value: `2024-05-01`, or a date-time whose date part is that date, as
/// written (`2024-05-01T00:00:00`: servers that keep dates as date-times write them so). The
/// time, whatever it is, is not kept.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    if let Ok(date) = text.parse::<NaiveDate>() {
        return Some(date);
    }
    let (date, time) = text.split_at_checked(10)?;
    if !time.starts_with(['T', 't', ' ']) {
        return None;
    }
    parse_date_time(text)?;
    date.parse().ok()
}

/// A `format: date-time` value: RFC 3339 (`2024-05-01T14:00:00+02:00`), or the same without
/// an offset (`2024-05-01T14:00:00`, `T` or a space between date and time), read as UTC.
pub(crate) fn parse_date_time(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(instant) = text.parse::<DateTime<FixedOffset>>() {
        return Some(instant);
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc().fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_written_or_as_the_date_of_a_date_time() {
        let may_first = NaiveDate::from_ymd_opt(2024, 5, 1);
        for text in [
            "2024-05-01",
            "2024-05-01T00:00:00",
            "2024-05-01T00:00:00.000",
            "2024-05-01 13:45:10",
            "2024-05-01T23:30:00-10:00",
        ] {
            assert_eq!(parse_date(text), may_first, "{text}");
        }
        for text in [
            "2024-05-01T",
            "2024-05-01Tnoon",
            "2024-13-01",
            "Johnson",
            "",
            "2024-05-0é",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn date_times_with_an_offset_or_read_as_utc() {
        let with_offset = parse_date_time("2024-05-01T14:00:00+02:00").unwrap();
        assert_eq!(with_offset.offset().local_minus_utc(), 7200);
        for text in [
            "2024-05-01T14:00:00",
            "2024-05-01 14:00:00",
            "2024-05-01T14:00:00.0000000",
        ] {
            let utc = parse_date_time(text).unwrap();
            assert_eq!(utc.offset().local_minus_utc(), 0, "{text}");
            assert_eq!(utc.to_rfc3339(), "2024-05-01T14:00:00+00:00", "{text}");
        }
        let fraction = parse_date_time("2020-08-27T20:49:59.8315619").unwrap();
        assert_eq!(fraction.timestamp_subsec_nanos(), 831_561_900);
        for text in ["2024-05-01", "2024-05-01T14:00", "14:00:00", "yesterday"] {
            assert_eq!(parse_date_time(text), None, "{text}");
        }
    }
}
