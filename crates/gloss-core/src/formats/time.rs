//! Timestamps as written in files: RFC 3339 in UTC, with milliseconds.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::model::Timestamp;

/// `2026-11-29T07:10:00.123Z`; the epoch for a time out of range.
pub fn to_rfc3339(at: Timestamp) -> String {
    let nanos = i128::from(at.0) * 1_000_000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Reads an RFC 3339 time (any offset) to milliseconds since the epoch.
pub fn from_rfc3339(s: &str) -> Option<Timestamp> {
    let t = OffsetDateTime::parse(s, &Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000)
        .ok()
        .map(Timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_cases() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (1_790_000_000_123, "2026-09-21T14:13:20.123Z"),
        ];
        for (ms, text) in cases {
            assert_eq!(to_rfc3339(Timestamp(ms)), text);
            assert_eq!(from_rfc3339(text), Some(Timestamp(ms)));
        }
        assert_eq!(
            from_rfc3339("2026-09-21T16:13:20.123+02:00"),
            Some(Timestamp(1_790_000_000_123))
        );
        assert_eq!(from_rfc3339("yesterday"), None);
        assert_eq!(to_rfc3339(Timestamp(i64::MAX)), "1970-01-01T00:00:00Z");
    }
}
