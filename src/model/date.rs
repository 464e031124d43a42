use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        if s.len() != 10 {
            return None;
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Date)
    }

    /// Business days (Monday to Friday) after `self` up to and including `later`; zero when
    /// `later` is not after `self`. Counted in whole weeks, then the days left over, so a
    /// long range costs no more than a short one.
    pub fn business_days_until(self, later: Date) -> i64 {
        let days = (later.0 - self.0).num_days();
        if days <= 0 {
            return 0;
        }
        let (weeks, rest) = (days / 7, days % 7);
        // Monday is 0; the leftover days are the `rest` days after `self`'s weekday.
        let start = i64::from(self.0.weekday().num_days_from_monday());
        let rest_business = (1..=rest).filter(|k| (start + k) % 7 < 5).count() as i64;
        weeks * 5 + rest_business
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(why_not_a_date(&s)))
    }
}

/// Why `s` is not a date: the wrong form, or the right form for a day that does not exist
/// (`2026-02-30`), with a hint after [`crate::yaml::HINT_MARK`].
fn why_not_a_date(s: &str) -> String {
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let dashes = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    let (Some(year), Some(month), Some(day), true) = (number(0..4), number(5..7), number(8..10), dashes) else {
        return format!("invalid date `{s}`: write dates as YYYY-MM-DD, e.g. 2026-03-31");
    };
    let hint = crate::yaml::HINT_MARK;
    if !(1..=12).contains(&month) {
        let fix = if (1..=12).contains(&day) {
            format!("dates are written year, month, day: did you mean {year:04}-{day:02}-{month:02}?")
        } else {
            format!("write the month as 01 to 12, e.g. {year:04}-01-{:02}", day.clamp(1, 28))
        };
        return format!("there is no date `{s}`: there is no month {month:02} (months go from 01 to 12){hint}{fix}");
    }
    let days = days_in_month(year as i32, month);
    let month_name = NaiveDate::from_ymd_opt(2000, month, 1).map_or(String::new(), |d| d.format("%B").to_string());
    let leap = if month == 2 && day == 29 {
        format!(" ({year} is not a leap year)")
    } else {
        String::new()
    };
    format!(
        "there is no date `{s}`: {month_name} {year} has {days} days{leap}{hint}write a day from 01 to {days}, e.g. {year:04}-{month:02}-{days:02}"
    )
}

/// How many days month `month` (1 to 12) of `year` has.
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn business_days_skip_weekends() {
        // Monday 2026-11-02 to Wednesday 2026-11-11: Tue..Fri (4) + Mon, Tue, Wed (3).
        assert_eq!(d("2026-11-02").business_days_until(d("2026-11-11")), 7);
        assert_eq!(d("2026-11-06").business_days_until(d("2026-11-09")), 1);
        assert_eq!(d("2026-11-09").business_days_until(d("2026-11-02")), 0);
    }

    #[test]
    fn a_day_that_does_not_exist_is_named_with_its_month() {
        let text = why_not_a_date("2026-02-30");
        let (message, hint) = text.split_once(crate::yaml::HINT_MARK).unwrap();
        assert_eq!(message, "there is no date `2026-02-30`: February 2026 has 28 days");
        assert_eq!(hint, "write a day from 01 to 28, e.g. 2026-02-28");
        assert!(why_not_a_date("2025-02-29").contains("February 2025 has 28 days (2025 is not a leap year)"));
        assert!(why_not_a_date("2026-04-31").contains("April 2026 has 30 days"));
        assert!(why_not_a_date("2026-13-01").contains("did you mean 2026-01-13?"));
        assert!(why_not_a_date("2026-00-40").contains("e.g. 2026-01-28"));
        assert!(why_not_a_date("2026-2-3").starts_with("invalid date `2026-2-3`"));
        assert!(why_not_a_date("2026-0é-01").starts_with("invalid date"));
        assert_eq!(days_in_month(2024, 2), 29);
    }

    #[test]
    fn only_full_iso_dates_parse() {
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2026-2-3").is_none());
        assert!(Date::parse("2026-02-03").is_some());
    }
}
