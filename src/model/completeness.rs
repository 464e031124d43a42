//! How complete a project record is: four things a reader of the record expects to find, each
//! counted as done out of total. The board and the project page show them.

use super::{Duty, Process, Project, Schema, StageStatus};
use serde::Serialize;

/// One thing counted: `done` of `total`. A total of zero means it does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// `people`, `fields`, `retention` or `approvals`.
    pub id: &'static str,
    pub label: &'static str,
    pub done: usize,
    pub total: usize,
}

/// The items of one record, and their mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub items: Vec<Item>,
    /// The mean of `done / total` over the items that apply, in whole percent (rounded down);
    /// 100 when none applies.
    pub percent: usize,
}

/// How complete `project`'s record is:
/// - **people**: the roles that drive or approve any activity of the process, filled by someone;
/// - **fields**: the schema's fields with a description;
/// - **retention**: decided (the schema has `retention`, or no personal or sensitive field);
///   does not apply without a schema;
/// - **approvals**: done activities with an Approver (not waived) that carry a sign-off.
pub fn completeness(process: &Process, project: &Project) -> Completeness {
    let leading = leading_roles(process);
    let filled = leading
        .iter()
        .filter(|r| project.people.get(**r).is_some_and(|v| !v.is_empty()))
        .count();
    let fields = project.schema.as_ref().map_or(&[][..], |s| s.fields.as_slice());
    let described = fields.iter().filter(|f| !f.description.trim().is_empty()).count();
    let retention = project.schema.as_ref().map_or((0, 0), |s| {
        (usize::from(retention_decision(s) != RetentionDecision::Undecided), 1)
    });
    let approved: Vec<bool> = process
        .activities
        .iter()
        .filter(|a| project.stage_status(&a.id) == StageStatus::Done)
        .filter(|a| !process.waives(a, Duty::Approve) && process.roles_with_duty(a, Duty::Approve).next().is_some())
        .map(|a| project.stages.get(&a.id).is_some_and(|s| s.sign_off.is_some()))
        .collect();
    let items = vec![
        Item {
            id: "people",
            label: "Lead roles filled",
            done: filled,
            total: leading.len(),
        },
        Item {
            id: "fields",
            label: "Fields described",
            done: described,
            total: fields.len(),
        },
        Item {
            id: "retention",
            label: "Retention decided",
            done: retention.0,
            total: retention.1,
        },
        Item {
            id: "approvals",
            label: "Sign-offs recorded",
            done: approved.iter().filter(|a| **a).count(),
            total: approved.len(),
        },
    ];
    let applying: Vec<&Item> = items.iter().filter(|i| i.total > 0).collect();
    let percent = if applying.is_empty() {
        100
    } else {
        // Whole percent of the mean, computed exactly: sum(done_i / total_i) * 100 / n.
        let scaled: f64 = applying.iter().map(|i| i.done as f64 / i.total as f64).sum::<f64>() * 100.0;
        ((scaled / applying.len() as f64) + 1e-9).floor() as usize
    };
    Completeness { items, percent }
}

/// The roles that drive or approve some activity of the process, in the process's order: the
/// roles the "people" item counts.
pub fn leading_roles(process: &Process) -> Vec<&str> {
    process
        .roles
        .iter()
        .filter(|r| {
            process.activities.iter().any(|a| {
                a.assignments
                    .get(&r.id)
                    .and_then(|c| process.code(c))
                    .is_some_and(|c| matches!(c.duty, Duty::Drive | Duty::Approve))
            })
        })
        .map(|r| r.id.as_str())
        .collect()
}

/// What a schema says about how long its events are kept: the "retention" item counts every
/// answer but [`RetentionDecision::Undecided`], and the project page words each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionDecision {
    /// Raw events are purged after this many days.
    Purged(u32),
    /// The schema has a `retention` block without a purge: kept as its notes say.
    Kept,
    /// No `retention` block, and none is needed: no field is personal or sensitive.
    NotNeeded,
    /// No `retention` block although some field is personal or sensitive.
    Undecided,
}

/// How `schema`'s retention is decided.
pub fn retention_decision(schema: &Schema) -> RetentionDecision {
    match &schema.retention {
        Some(r) => r
            .purge_after_days
            .map_or(RetentionDecision::Kept, RetentionDecision::Purged),
        None if schema.fields.iter().any(|f| f.sensitivity.needs_retention()) => RetentionDecision::Undecided,
        None => RetentionDecision::NotNeeded,
    }
}
