//! Whether a stage's advance notice (the privacy review's 7 business days) went out in time.
//! The check (`notice-missing`, `notice-too-late`) and the board share this one rule.

use super::{Date, Notice, Stage};
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

/// What is wrong with the notice of a scheduled stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeProblem {
    /// The stage is scheduled but no notice is recorded; it is due by `due_by`.
    Missing { scheduled: Date, due_by: Date },
    /// The notice went out `days` business days before `scheduled`, fewer than `required`.
    TooLate {
        sent: Date,
        scheduled: Date,
        days: i64,
        required: u32,
    },
}

/// The problem with the notice `notice` asks of `stage`, if it has a scheduled date and a problem.
pub fn notice_problem(notice: &Notice, stage: &Stage) -> Option<NoticeProblem> {
    let scheduled = stage.scheduled?;
    match stage.notice_sent {
        None => Some(NoticeProblem::Missing {
            scheduled,
            due_by: latest_notice(scheduled, notice.business_days),
        }),
        Some(sent) => {
            let days = sent.business_days_until(scheduled);
            (days < i64::from(notice.business_days)).then_some(NoticeProblem::TooLate {
                sent,
                scheduled,
                days,
                required: notice.business_days,
            })
        }
    }
}

/// The last business day on which notice of `n` business days before `date` can go out.
pub fn latest_notice(date: Date, n: u32) -> Date {
    // The last business day on or before `date` is zero business days before it.
    let mut d = date.0;
    while is_weekend(d) && step(d, -1) != d {
        d = step(d, -1);
    }
    let (weeks, rest) = whole_weeks_then_rest(n);
    d = jump_weeks(d, -weeks);
    // `d` is a business day `5 * weeks` business days before `date`: walk back over the rest.
    let mut counted = 0;
    while counted < rest || is_weekend(d) {
        if !is_weekend(d) {
            counted += 1;
        }
        let prev = step(d, -1);
        if prev == d {
            break;
        }
        d = prev;
    }
    Date(d)
}

/// The first date that is `n` business days after `sent`.
pub fn earliest_date(sent: Date, n: u32) -> Date {
    if n == 0 {
        return sent;
    }
    let (weeks, rest) = whole_weeks_then_rest(n);
    let mut d = jump_weeks(sent.0, weeks);
    // `5 * weeks` business days lie between `sent` and `d`: walk on over the rest.
    let mut counted = 0;
    while counted < rest {
        let next = step(d, 1);
        if next == d {
            break;
        }
        d = next;
        if !is_weekend(d) {
            counted += 1;
        }
    }
    Date(d)
}

/// `n` business days as whole weeks and 1 to 5 days left over (none when `n` is 0), so the
/// leftover walk always ends on a business day.
fn whole_weeks_then_rest(n: u32) -> (i64, u32) {
    match n {
        0 => (0, 0),
        _ => (i64::from((n - 1) / 5), (n - 1) % 5 + 1),
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `d` moved by `weeks` weeks, stopping at the first or last date chrono knows.
fn jump_weeks(d: NaiveDate, weeks: i64) -> NaiveDate {
    let limit = if weeks < 0 { NaiveDate::MIN } else { NaiveDate::MAX };
    weeks
        .checked_mul(7)
        .and_then(TimeDelta::try_days)
        .and_then(|delta| d.checked_add_signed(delta))
        .unwrap_or(limit)
}

/// `d` moved by one day forwards (`1`) or backwards (`-1`); unchanged at the ends of the calendar.
fn step(d: NaiveDate, by: i64) -> NaiveDate {
    let next = if by < 0 { d.pred_opt() } else { d.succ_opt() };
    next.unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn notice(days: u32) -> Notice {
        Notice {
            business_days: days,
            to: "legal-privacy".into(),
            what: String::new(),
        }
    }

    #[test]
    fn notice_needs_a_scheduled_date_and_enough_business_days() {
        let mut stage = Stage::default();
        assert_eq!(notice_problem(&notice(7), &stage), None, "nothing scheduled");
        stage.scheduled = Some(d("2026-11-11"));
        assert_eq!(
            notice_problem(&notice(7), &stage),
            Some(NoticeProblem::Missing {
                scheduled: d("2026-11-11"),
                due_by: d("2026-11-02")
            })
        );
        stage.notice_sent = Some(d("2026-11-02"));
        assert_eq!(notice_problem(&notice(7), &stage), None, "exactly 7 business days");
        stage.notice_sent = Some(d("2026-11-03"));
        assert_eq!(
            notice_problem(&notice(7), &stage),
            Some(NoticeProblem::TooLate {
                sent: d("2026-11-03"),
                scheduled: d("2026-11-11"),
                days: 6,
                required: 7
            })
        );
        assert_eq!(earliest_date(d("2026-11-03"), 7), d("2026-11-12"));
    }

    /// The definitions before the arithmetic: one day at a time, as the rule reads.
    mod day_by_day {
        use super::*;

        pub fn business_days_until(from: Date, later: Date) -> i64 {
            let mut count = 0;
            let mut d = from.0;
            while d < later.0 {
                d = d.succ_opt().unwrap();
                if !is_weekend(d) {
                    count += 1;
                }
            }
            count
        }

        pub fn latest_notice(date: Date, n: u32) -> Date {
            let mut d = date;
            while business_days_until(d, date) < i64::from(n) || is_weekend(d.0) {
                d = Date(d.0.pred_opt().unwrap());
            }
            d
        }

        pub fn earliest_date(sent: Date, n: u32) -> Date {
            let mut d = sent;
            while business_days_until(sent, d) < i64::from(n) {
                d = Date(d.0.succ_opt().unwrap());
            }
            d
        }
    }

    fn day(offset: i64) -> Date {
        Date(d("2026-01-01").0 + TimeDelta::days(offset))
    }

    proptest::proptest! {
        #[test]
        fn arithmetic_agrees_with_counting_day_by_day(from in -400i64..400, span in -20i64..60, n in 0u32..40) {
            let (a, b) = (day(from), day(from + span));
            proptest::prop_assert_eq!(a.business_days_until(b), day_by_day::business_days_until(a, b));
            proptest::prop_assert_eq!(latest_notice(a, n), day_by_day::latest_notice(a, n));
            proptest::prop_assert_eq!(earliest_date(a, n), day_by_day::earliest_date(a, n));
        }
    }

    #[test]
    fn a_notice_of_a_million_business_days_is_answered_at_once() {
        // Day by day this took hours (quadratic); whole weeks make it a handful of steps.
        let (done, answer) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let date = d("2026-11-11");
            let _ = done.send((latest_notice(date, 1_000_000), earliest_date(date, 1_000_000)));
        });
        let (latest, earliest) = answer
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a million business days answered within 10 s");
        // 1,000,000 business days are 200,000 whole weeks: the same weekday, 1,400,000 days away.
        assert_eq!(latest, Date(d("2026-11-11").0 - TimeDelta::days(1_400_000)));
        assert_eq!(earliest, Date(d("2026-11-11").0 + TimeDelta::days(1_400_000)));
        assert_eq!(latest.business_days_until(d("2026-11-11")), 1_000_000);
        assert!(latest_notice(d("2026-11-11"), u32::MAX).0.year() < -100_000);
        assert!(earliest_date(d("2026-11-11"), u32::MAX).0.year() > 100_000);
    }
}
