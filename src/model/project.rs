use super::{Date, Located, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A project record as written in `projects/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectRecord {
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub summary: String,
    pub status: Lifecycle,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub links: Links,
    /// Role id to the people who fill it.
    #[serde(default, deserialize_with = "super::unique::unique_map")]
    pub people: BTreeMap<String, Vec<Person>>,
    /// Activity id to where the project stands; an absent activity has not started.
    #[serde(default, deserialize_with = "super::unique::unique_map")]
    pub stages: BTreeMap<String, Stage>,
    #[serde(default)]
    pub schema: Option<Schema>,
    #[serde(default)]
    pub queries: Vec<Query>,
    #[serde(default)]
    pub dashboards: Vec<Dashboard>,
}

/// A project: its id (the file name) and its record.
#[derive(Debug, Clone)]
pub struct Project {
    pub id: String,
    pub record: Located<ProjectRecord>,
    /// When the record last changed (from git or the file), when known.
    pub changed: Option<crate::history::LastChanged>,
}

impl std::ops::Deref for Project {
    type Target = ProjectRecord;
    fn deref(&self) -> &ProjectRecord {
        &self.record.value
    }
}

impl ProjectRecord {
    /// The status of the project at an activity (not started when absent).
    pub fn stage_status(&self, activity: &str) -> StageStatus {
        self.stages.get(activity).map_or(StageStatus::NotStarted, |s| s.status)
    }
}

/// Where a project is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lifecycle {
    Proposed,
    Active,
    Paused,
    Decommissioned,
}

impl Lifecycle {
    /// The status in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Proposed => "Proposed",
            Lifecycle::Active => "Active",
            Lifecycle::Paused => "Paused",
            Lifecycle::Decommissioned => "Decommissioned",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Proposed => "proposed",
            Lifecycle::Active => "active",
            Lifecycle::Paused => "paused",
            Lifecycle::Decommissioned => "decommissioned",
        }
    }
}

/// Where a project stands at one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StageStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Skipped,
    Blocked,
}

impl StageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StageStatus::NotStarted => "not-started",
            StageStatus::InProgress => "in-progress",
            StageStatus::Done => "done",
            StageStatus::Skipped => "skipped",
            StageStatus::Blocked => "blocked",
        }
    }

    /// The status in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            StageStatus::NotStarted => "Not started",
            StageStatus::InProgress => "In progress",
            StageStatus::Done => "Done",
            StageStatus::Skipped => "Skipped",
            StageStatus::Blocked => "Blocked",
        }
    }

    /// A symbol for the status, so that it is never told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            StageStatus::NotStarted => "○",
            StageStatus::InProgress => "…",
            StageStatus::Done => "✓",
            StageStatus::Skipped => "–",
            StageStatus::Blocked => "✕",
        }
    }

    /// Work has begun (or finished) at this stage.
    pub fn is_started(self) -> bool {
        matches!(self, StageStatus::InProgress | StageStatus::Done | StageStatus::Blocked)
    }
}

/// Links of a project.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Links {
    #[serde(default)]
    pub ticket: Option<String>,
    #[serde(default)]
    pub schema_repo: Option<String>,
    #[serde(default)]
    pub other: Vec<OtherLink>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OtherLink {
    pub title: String,
    pub url: String,
}

/// A person filling a role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub handle: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl Person {
    /// Whether `who` names this person (by name or handle).
    pub fn is(&self, who: &str) -> bool {
        self.name == who || self.handle.as_deref() == Some(who)
    }
}

/// A project's progress at one activity.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Stage {
    pub status: StageStatus,
    #[serde(default)]
    pub started: Option<Date>,
    #[serde(default)]
    pub finished: Option<Date>,
    /// The date the activity is booked for (e.g. a review meeting).
    #[serde(default)]
    pub scheduled: Option<Date>,
    /// When the activity's advance notice went out.
    #[serde(default)]
    pub notice_sent: Option<Date>,
    #[serde(default)]
    pub sign_off: Option<SignOff>,
    /// Checklist item ids ticked.
    #[serde(default)]
    pub checked: Vec<String>,
    /// Markdown.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Who signed an activity off, and when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SignOff {
    pub by: String,
    #[serde(default)]
    pub on: Option<Date>,
}

/// A query the analysis relies on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Query {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub language: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Dashboard {
    pub name: String,
    pub url: String,
}
