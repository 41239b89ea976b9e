//! Times in the state file: integer Unix milliseconds, shown as UTC civil dates. Hand-written so the
//! crate needs no date library for two formats.

use std::time::{SystemTime, UNIX_EPOCH};

/// The latest time the state keeps, 9999-12-31T23:59:59.999Z: a later one read from a file (or
/// from a clock set wildly wrong) is taken as this, so every date shown has four digits and no
/// arithmetic on a time comes near `u64::MAX`.
pub const MAX_MS: u64 = 253_402_300_799_999;

/// Milliseconds since the Unix epoch, now; 0 if the clock reads before 1970, [`MAX_MS`] if after
/// the year 9999.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .min(MAX_MS)
}

/// A UTC time broken into its civil parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Civil {
    /// The civil parts of `ms`, taken as [`MAX_MS`] if later (so the year has four digits, and
    /// the day count is far from overflowing in `civil_from_days`).
    fn from_ms(ms: u64) -> Civil {
        let secs = ms.min(MAX_MS) / 1000;
        // At most 2,932,896 days.
        let days = i64::try_from(secs / 86_400).unwrap_or(0);
        let rem = secs % 86_400;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day), proleptic
/// Gregorian.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// RFC 3339 in UTC to the second: `2026-11-23T19:47:13Z`.
pub fn rfc3339(ms: u64) -> String {
    let c = Civil::from_ms(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// For people: `2026-11-23 19:47 UTC`.
pub fn human(ms: u64) -> String {
    let c = Civil::from_ms(ms);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        c.year, c.month, c.day, c.hour, c.minute
    )
}

/// For file names (no colons): `20261123T194713Z`.
pub fn compact(ms: u64) -> String {
    let c = Civil::from_ms(ms);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 (a leap day in a century leap year) 12:34:56 UTC.
        assert_eq!(rfc3339(951_827_696_000), "2000-02-29T12:34:56Z");
        // 2024-12-31 23:59:59.999 UTC.
        assert_eq!(rfc3339(1_735_689_599_999), "2024-12-31T23:59:59Z");
        assert_eq!(human(1_735_689_599_999), "2024-12-31 23:59 UTC");
        assert_eq!(compact(1_735_689_600_000), "20250101T000000Z");
    }

    #[test]
    fn the_latest_time_kept_is_the_end_of_the_year_9999() {
        assert_eq!(rfc3339(MAX_MS), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(u64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn any_later_time_is_shown_as_the_latest() {
        for ms in [u64::MAX, u64::MAX - 1, u64::MAX / 2, MAX_MS + 1] {
            assert_eq!(human(ms), "9999-12-31 23:59 UTC");
            assert_eq!(compact(ms), "99991231T235959Z");
        }
    }

    #[test]
    fn every_day_for_a_few_centuries_follows_the_previous_one() {
        let mut prev = civil_from_days(-1);
        for days in 0..200_000 {
            let next = civil_from_days(days);
            let (y, m, d) = prev;
            let ok = next == (y, m, d + 1) || next == (y, m + 1, 1) || next == (y + 1, 1, 1);
            assert!(ok, "{prev:?} -> {next:?}");
            assert!((28..=31).contains(&d) || next.2 != 1);
            prev = next;
        }
    }
}
