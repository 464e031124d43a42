use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The process: its codes (letters of the matrix), roles and activities in order.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Process {
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub source: Option<SourceRef>,
    pub codes: Vec<Code>,
    pub roles: Vec<Role>,
    pub activities: Vec<Activity>,
}

/// Where a process comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceRef {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// What a code obliges its role to do; the checks are phrased in duties, not in letters,
/// so a book may use RACI or its own letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Duty {
    Drive,
    Approve,
    Contribute,
    Inform,
}

/// One letter of the matrix, e.g. D for Driver.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Code {
    pub id: String,
    pub name: String,
    pub duty: Duty,
    #[serde(default)]
    pub meaning: String,
}

/// A role people fill in a project.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Role {
    pub id: String,
    pub name: String,
    /// Short name for matrix headers; defaults to the name.
    #[serde(default)]
    pub short: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: String,
}

impl Role {
    /// The short name, or the full name when there is none.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

fn yes() -> bool {
    true
}

/// One stage of the process.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Activity {
    pub id: String,
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// Whether every project goes through it (false for "if needed" stages).
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Role id to code id; roles not listed have no part.
    #[serde(default, deserialize_with = "super::unique::unique_map")]
    pub assignments: BTreeMap<String, String>,
    /// Role id to why that cell's placement is inferred rather than known.
    #[serde(default, deserialize_with = "super::unique::unique_map")]
    pub inferred: BTreeMap<String, String>,
    /// Code id to why the activity has no role with that code.
    #[serde(default, deserialize_with = "super::unique::unique_map")]
    pub waivers: BTreeMap<String, String>,
    #[serde(default)]
    pub notice: Option<Notice>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
}

/// Advance notice a stage needs before its scheduled date (e.g. a review).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Notice {
    pub business_days: u32,
    /// The role to notify.
    pub to: String,
    #[serde(default)]
    pub what: String,
}

/// A concrete item to tick off.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
}

impl Process {
    pub fn code(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// The roles of `activity` whose code has `duty`, in role order.
    pub fn roles_with_duty<'a>(&'a self, activity: &'a Activity, duty: Duty) -> impl Iterator<Item = &'a Role> + 'a {
        self.roles.iter().filter(move |r| {
            activity
                .assignments
                .get(&r.id)
                .and_then(|c| self.code(c))
                .is_some_and(|c| c.duty == duty)
        })
    }

    /// Whether `activity` waives the code(s) of `duty`.
    pub fn waives(&self, activity: &Activity, duty: Duty) -> bool {
        activity
            .waivers
            .keys()
            .any(|c| self.code(c).is_some_and(|c| c.duty == duty))
    }
}
