//! Study days: the day rolls over at 4 a.m. local time (as in Anki), so a
//! late-night session still counts for the evening it began in.

use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveTime, TimeZone, Utc};

/// Hour of the local day at which a new study day begins.
pub const ROLLOVER_HOUR: u32 = 4;

/// The time zone in which study days are counted. `Local` follows the
/// machine's zone (and `TZ`); tests use a fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Calendar {
    #[default]
    Local,
    Fixed(FixedOffset),
}

impl Calendar {
    /// The study day an instant falls in, as a day number.
    #[must_use]
    pub fn day(self, at: DateTime<Utc>) -> i64 {
        let shifted = at - Duration::hours(i64::from(ROLLOVER_HOUR));
        let date = match self {
            Calendar::Local => shifted.with_timezone(&Local).date_naive(),
            Calendar::Fixed(offset) => shifted.with_timezone(&offset).date_naive(),
        };
        date.signed_duration_since(NaiveDate::MIN).num_days()
    }

    /// The calendar date a study day number stands for.
    #[must_use]
    pub fn date(day: i64) -> NaiveDate {
        NaiveDate::MIN.checked_add_signed(Duration::days(day)).unwrap_or(NaiveDate::MAX)
    }

    /// The instant a study day begins.
    #[must_use]
    pub fn day_start(self, day: i64) -> DateTime<Utc> {
        let date = NaiveDate::MIN.checked_add_signed(Duration::days(day)).unwrap_or(NaiveDate::MAX);
        let local = date.and_time(NaiveTime::from_hms_opt(ROLLOVER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN));
        let resolved = match self {
            Calendar::Local => Local.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)),
            Calendar::Fixed(offset) => offset.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)),
        };
        // A 4 a.m. that a daylight-saving jump skips: an hour later exists.
        resolved.unwrap_or_else(|| Utc.from_utc_datetime(&local) + Duration::hours(1))
    }

    /// Whole study days from `earlier` to `later`; never negative, so a clock
    /// that moved back gives 0.
    #[must_use]
    pub fn days_between(self, earlier: DateTime<Utc>, later: DateTime<Utc>) -> u32 {
        u32::try_from((self.day(later) - self.day(earlier)).max(0)).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).expect("time")
    }

    #[test]
    fn day_rolls_over_at_four_local() {
        let beijing = Calendar::Fixed(FixedOffset::east_opt(8 * 3600).expect("offset"));
        // 03:59 and 04:00 Beijing time, on 2026-03-02.
        let before = at("2026-03-01T19:59:00Z");
        let after = at("2026-03-01T20:00:00Z");
        assert_eq!(beijing.day(after) - beijing.day(before), 1);
        assert_eq!(beijing.day_start(beijing.day(after)), after);
    }

    #[test]
    fn days_between_never_negative() {
        let utc = Calendar::Fixed(FixedOffset::east_opt(0).expect("offset"));
        let a = at("2026-03-10T12:00:00Z");
        let b = at("2026-03-13T03:00:00Z");
        assert_eq!(utc.days_between(a, b), 2);
        assert_eq!(utc.days_between(b, a), 0);
    }
}
