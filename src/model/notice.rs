//! Whether a stage's advance notice (the privacy review's 7 business days) went out in time.
//! The check (`notice-missing`, `notice-too-late`) and the board share this one rule.

use super::{Date, Notice, Stage};
use chrono::{Datelike, Weekday};

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
    let mut d = date;
    while d.business_days_until(date) < i64::from(n) || matches!(d.0.weekday(), Weekday::Sat | Weekday::Sun) {
        match d.0.pred_opt() {
            Some(prev) => d = Date(prev),
            None => break,
        }
    }
    d
}

/// The first date that is `n` business days after `sent`.
pub fn earliest_date(sent: Date, n: u32) -> Date {
    let mut d = sent;
    while sent.business_days_until(d) < i64::from(n) {
        match d.0.succ_opt() {
            Some(next) => d = Date(next),
            None => break,
        }
    }
    d
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
}
