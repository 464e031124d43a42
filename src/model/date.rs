use chrono::{Datelike, NaiveDate, Weekday};
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
    /// `later` is not after `self`.
    pub fn business_days_until(self, later: Date) -> i64 {
        let mut count = 0;
        let mut d = self.0;
        while d < later.0 {
            d = d.succ_opt().unwrap_or(d);
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                count += 1;
            }
            if d == NaiveDate::MAX {
                break;
            }
        }
        count
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
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date `{s}`: write dates as YYYY-MM-DD, e.g. 2026-03-31"
            ))
        })
    }
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
    fn only_full_iso_dates_parse() {
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2026-2-3").is_none());
        assert!(Date::parse("2026-02-03").is_some());
    }
}
