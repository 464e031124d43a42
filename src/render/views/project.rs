//! One page per project: people, stage checklist, its own matrix, data dictionary, queries.

use super::common::{md, ActivityRef, CodeView, Prepared, RoleRef};
use super::home::finished_count;
use super::people::{self as people_view, PersonLink};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::completeness::{completeness, leading_roles, retention_decision, RetentionDecision};
use crate::model::{Field, Person, Process, Project, Schema, StageStatus};
use crate::render::{highlight, paths};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct PeopleOfRole<'a> {
    pub role: &'a RoleRef,
    pub people: Vec<PersonLink<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckItem<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageView<'a> {
    pub activity: &'a ActivityRef,
    pub status: &'static str,
    pub started: Option<String>,
    pub finished: Option<String>,
    pub scheduled: Option<String>,
    pub notice_sent: Option<String>,
    pub sign_off_by: Option<&'a str>,
    pub sign_off_on: Option<String>,
    pub items: Vec<CheckItem<'a>>,
    pub checked: usize,
    /// Whether the page lists the checklist's items: for a stage under way, or one with some
    /// items ticked and some not. Otherwise a line says "all ticked" or "none ticked", and
    /// the activity's page has the list.
    pub show_items: bool,
    pub notes_html: Option<String>,
    /// Who holds each driving and approving code of the process in this project.
    pub duties: Vec<DutyLine<'a>>,
}

/// One code that drives or approves, with the people holding it at a stage: labelled "Driven
/// by" or "Approved by" only when the code is named Driver or Approver, by the code's own name
/// otherwise ("Decide" in RAPID), so that any process, in any language, reads right.
#[derive(Debug, Clone, Serialize)]
pub struct DutyLine<'a> {
    pub label: &'a str,
    pub code: &'a str,
    pub people: Vec<&'a str>,
    /// The reason the activity waives this code, when it does.
    pub waived: Option<&'a str>,
}

/// The lines of `activity`'s codes that drive, then those that approve: the codes of each duty
/// it assigns or waives, or the process's first code of that duty when it does neither.
fn duty_lines<'a>(process: &'a Process, project: &'a Project, a: &'a crate::model::Activity) -> Vec<DutyLine<'a>> {
    use crate::model::Duty;
    let mut lines = Vec::new();
    for duty in [Duty::Drive, Duty::Approve] {
        let of_duty = || process.codes.iter().filter(move |c| c.duty == duty);
        let used: Vec<&crate::model::Code> = of_duty()
            .filter(|c| a.assignments.values().any(|v| *v == c.id) || a.waivers.contains_key(&c.id))
            .collect();
        let shown = if used.is_empty() {
            of_duty().take(1).collect()
        } else {
            used
        };
        for code in shown {
            let label = match (duty, code.name.as_str()) {
                (Duty::Drive, "Driver") => "Driven by",
                (Duty::Approve, "Approver") => "Approved by",
                _ => code.name.as_str(),
            };
            let people = process
                .roles
                .iter()
                .filter(|r| a.assignments.get(&r.id) == Some(&code.id))
                .flat_map(|r| names(project.people.get(&r.id)))
                .collect();
            lines.push(DutyLine {
                label,
                code: &code.id,
                people,
                waived: a.waivers.get(&code.id).map(String::as_str),
            });
        }
    }
    lines
}

/// One cell of the project's own matrix: the code its role holds, and the number of the note
/// saying why the placement is inferred, when it is.
#[derive(Debug, Clone, Serialize)]
pub struct OwnCell<'a> {
    pub role: &'a str,
    pub code: Option<&'a CodeView>,
    pub note: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnRow<'a> {
    pub activity: &'a ActivityRef,
    pub cells: Vec<OwnCell<'a>>,
}

/// A column of the project's own matrix: a role somebody fills in this project, and who.
#[derive(Debug, Clone, Serialize)]
pub struct OwnColumn<'a> {
    pub role: &'a RoleRef,
    pub people: Vec<&'a str>,
}

/// One line of "how complete the record is", worded for the project page.
#[derive(Debug, Clone, Serialize)]
pub struct RecordLine {
    /// `people`, `fields`, `retention` or `approvals`.
    pub id: &'static str,
    pub label: &'static str,
    /// `5/6`, or the retention's answer in words.
    pub count: String,
    /// `complete`, `partial` or `na` (does not apply).
    pub state: &'static str,
}

/// A field as shown in a data dictionary (the project's or the book's).
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub name: String,
    pub anchor: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub required: bool,
    pub description_html: String,
    pub constraints: Vec<String>,
    pub example: Option<String>,
    pub sensitivity: &'static str,
    pub retention: String,
    /// The page of the name's entry in the book's data dictionary, from the site root.
    pub entry_path: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SchemaView<'a> {
    pub name: &'a str,
    pub version: Option<String>,
    pub description_html: String,
    pub sampling: Option<String>,
    /// How the sample is drawn, as HTML.
    pub sampling_method_html: Option<String>,
    /// The retention decision in words.
    pub retention: String,
    pub allow_list: &'a [String],
    /// The retention's notes, as HTML.
    pub retention_notes_html: Option<String>,
    pub fields: Vec<FieldView>,
    pub export_path: String,
    /// A registry schema's versions, newest first (empty for an inline schema).
    pub versions: Vec<VersionView<'a>>,
}

/// One version of a registry schema and what it changed.
#[derive(Debug, Clone, Serialize)]
pub struct VersionView<'a> {
    pub version: &'a str,
    /// Whether the record's schema is this version.
    pub used: bool,
    pub file: String,
    pub changes: Vec<ChangeView<'a>>,
    /// The record's reason for accepting this version's incompatible changes, as HTML.
    pub accepted_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeView<'a> {
    pub path: &'a str,
    pub kind: &'static str,
    pub what: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryView<'a> {
    pub name: &'a str,
    pub purpose_html: String,
    pub language: Option<&'a str>,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub line: Option<usize>,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary_html: String,
    pub status: &'static str,
    pub team: Option<&'a str>,
    pub links: Vec<LinkView<'a>>,
    pub people: Vec<PeopleOfRole<'a>>,
    /// The roles that drive or approve some activity, with nobody named: the ones the
    /// record's "lead roles filled" count misses.
    pub unfilled_lead_roles: Vec<&'a RoleRef>,
    /// The other roles with nobody named.
    pub unfilled_other_roles: Vec<&'a RoleRef>,
    pub stages: Vec<StageView<'a>>,
    pub done: usize,
    pub total: usize,
    /// How complete the record is, one line per thing counted.
    pub record: Vec<RecordLine>,
    pub codes: &'a [CodeView],
    /// The own matrix's columns: the roles somebody fills in this project.
    pub columns: Vec<OwnColumn<'a>>,
    pub matrix: Vec<OwnRow<'a>>,
    /// Why cells of the own matrix are inferred: note `n` is `matrix_notes[n - 1]`.
    pub matrix_notes: Vec<&'a str>,
    pub schema: Option<SchemaView<'a>>,
    pub queries: Vec<QueryView<'a>>,
    pub dashboards: Vec<LinkView<'a>>,
    pub warnings: Vec<Notice>,
    pub source_file: String,
    /// When the record last changed, and whether git or the file's date says so.
    pub changed: Option<crate::history::LastChanged>,
}

fn names(people: Option<&Vec<Person>>) -> Vec<&str> {
    people.map_or_else(Vec::new, |v| v.iter().map(|p| p.name.as_str()).collect())
}

/// The project page of `project`; `entries` gives the page of each field name's dictionary
/// entry.
pub fn view<'a>(
    process: &'a Process,
    prepared: &'a Prepared,
    project: &'a Project,
    diagnostics: &[&Diagnostic],
    entries: &HashMap<&str, String>,
) -> ProjectView<'a> {
    let mut links = Vec::new();
    if let Some(t) = &project.links.ticket {
        links.push(LinkView {
            title: "Ticket",
            url: t,
        });
    }
    if let Some(t) = &project.links.schema_repo {
        links.push(LinkView {
            title: "Schema repository",
            url: t,
        });
    }
    for o in &project.links.other {
        links.push(LinkView {
            title: &o.title,
            url: &o.url,
        });
    }
    let people = prepared
        .roles
        .iter()
        .filter_map(|r| {
            project
                .people
                .get(&r.id)
                .filter(|v| !v.is_empty())
                .map(|v| PeopleOfRole {
                    role: r,
                    people: people_view::links(&prepared.people, v),
                })
        })
        .collect();
    let leading = leading_roles(process);
    let (unfilled_lead_roles, unfilled_other_roles): (Vec<&RoleRef>, Vec<&RoleRef>) = prepared
        .roles
        .iter()
        .filter(|r| project.people.get(&r.id).is_none_or(|v| v.is_empty()))
        .partition(|r| leading.contains(&r.id.as_str()));
    let stages: Vec<StageView> = process
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let stage = project.stages.get(&a.id);
            let items: Vec<CheckItem> = a
                .checklist
                .iter()
                .map(|c| CheckItem {
                    id: &c.id,
                    text: &c.text,
                    done: stage.is_some_and(|s| s.checked.contains(&c.id)),
                })
                .collect();
            let status = project.stage_status(&a.id);
            let checked = items.iter().filter(|c| c.done).count();
            let show_items = !items.is_empty()
                && (matches!(status, StageStatus::InProgress | StageStatus::Blocked)
                    || (checked > 0 && checked < items.len()));
            StageView {
                activity: &prepared.activities[i],
                status: status.as_str(),
                started: stage.and_then(|s| s.started).map(|d| d.to_string()),
                finished: stage.and_then(|s| s.finished).map(|d| d.to_string()),
                scheduled: stage.and_then(|s| s.scheduled).map(|d| d.to_string()),
                notice_sent: stage.and_then(|s| s.notice_sent).map(|d| d.to_string()),
                sign_off_by: stage.and_then(|s| s.sign_off.as_ref()).map(|s| s.by.as_str()),
                sign_off_on: stage
                    .and_then(|s| s.sign_off.as_ref())
                    .and_then(|s| s.on)
                    .map(|d| d.to_string()),
                checked,
                show_items,
                items,
                notes_html: stage.and_then(|s| s.notes.as_deref()).map(|n| md(n, "../")),
                duties: duty_lines(process, project, a),
            }
        })
        .collect();
    let done = finished_count(process, project);
    let total = process.activities.len();
    let (columns, matrix, matrix_notes) = own_matrix(process, prepared, project);
    ProjectView {
        id: &project.id,
        title: &project.title,
        summary_html: md(&project.summary, "../"),
        status: project.status.as_str(),
        team: project.team.as_deref(),
        links,
        people,
        unfilled_lead_roles,
        unfilled_other_roles,
        stages,
        done,
        total,
        record: record_lines(process, project),
        codes: &prepared.codes,
        columns,
        matrix,
        matrix_notes,
        schema: project.schema.as_ref().map(|s| schema_view(project, s, entries)),
        queries: project
            .queries
            .iter()
            .map(|q| QueryView {
                name: &q.name,
                purpose_html: md(&q.purpose, "../"),
                language: q.language.as_deref(),
                html: highlight::code_block(&q.text, q.language.as_deref()),
            })
            .collect(),
        dashboards: project
            .dashboards
            .iter()
            .map(|d| LinkView {
                title: &d.name,
                url: &d.url,
            })
            .collect(),
        warnings: diagnostics
            .iter()
            .map(|d| Notice {
                severity: if d.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                },
                code: d.code,
                message: d.message.clone(),
                line: d.location.as_ref().map(|l| l.line),
                hint: d.hint.clone(),
            })
            .collect(),
        source_file: project.record.locator.file().path.display().to_string(),
        changed: project.changed,
    }
}

/// The project's own matrix: a column per role somebody fills in the project (the others are
/// listed under it, so that it fits a screen), a row per activity, and the numbered reasons of
/// its inferred cells, each reason once.
fn own_matrix<'a>(
    process: &'a Process,
    prepared: &'a Prepared,
    project: &'a Project,
) -> (Vec<OwnColumn<'a>>, Vec<OwnRow<'a>>, Vec<&'a str>) {
    let shown: Vec<usize> = (0..process.roles.len())
        .filter(|&k| project.people.get(&process.roles[k].id).is_some_and(|v| !v.is_empty()))
        .collect();
    let columns = shown
        .iter()
        .map(|&k| OwnColumn {
            role: &prepared.roles[k],
            people: names(project.people.get(&process.roles[k].id)),
        })
        .collect();
    let mut notes: Vec<&str> = Vec::new();
    let rows = process
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| OwnRow {
            activity: &prepared.activities[i],
            cells: shown
                .iter()
                .map(|&k| {
                    let r = &process.roles[k];
                    let code = a.assignments.get(&r.id).and_then(|c| prepared.code(c));
                    let note = a.inferred.get(&r.id).filter(|_| code.is_some()).map(|why| {
                        match notes.iter().position(|n| *n == why.as_str()) {
                            Some(at) => at + 1,
                            None => {
                                notes.push(why);
                                notes.len()
                            }
                        }
                    });
                    OwnCell {
                        role: &r.id,
                        code,
                        note,
                    }
                })
                .collect(),
        })
        .collect();
    (columns, rows, notes)
}

/// The lines of "how complete the record is", each named for what it counts.
pub(super) fn record_lines(process: &Process, project: &Project) -> Vec<RecordLine> {
    let counted = completeness(process, project);
    counted
        .items
        .iter()
        .map(|i| {
            let state = match (i.total, i.done == i.total) {
                (0, _) => "na",
                (_, true) => "complete",
                _ => "partial",
            };
            let (label, count) = match i.id {
                "retention" => (
                    "Retention decided",
                    match project.schema.as_ref().map(retention_decision) {
                        None => "n/a".to_string(),
                        Some(RetentionDecision::Undecided) => "no".to_string(),
                        Some(RetentionDecision::NotNeeded) => "not needed".to_string(),
                        Some(_) => "yes".to_string(),
                    },
                ),
                _ => (i.label, format!("{}/{}", i.done, i.total)),
            };
            let count = if i.total == 0 && i.id != "retention" {
                "n/a".to_string()
            } else {
                count
            };
            RecordLine {
                id: i.id,
                label,
                count,
                state,
            }
        })
        .collect()
}

/// The retention of `s` in words, matching the "retention decided" count.
fn retention_words(s: &Schema) -> String {
    match retention_decision(s) {
        RetentionDecision::Purged(days) => format!("Raw events purged after {days} days"),
        RetentionDecision::Kept => "Decided: raw events are not purged".to_string(),
        RetentionDecision::NotNeeded => "No purge needed: no field is personal or sensitive".to_string(),
        RetentionDecision::Undecided => "Not decided yet, although some fields are personal or sensitive".to_string(),
    }
}

fn schema_view<'a>(project: &Project, s: &'a Schema, entries: &HashMap<&str, String>) -> SchemaView<'a> {
    SchemaView {
        name: &s.name,
        version: s.version.as_ref().map(|v| v.to_string()),
        description_html: md(&s.description, "../"),
        sampling: s.sampling.as_ref().map(|x| {
            let unit = serde_json::to_value(x.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("{} of each {unit}", percent(x.rate))
        }),
        sampling_method_html: s
            .sampling
            .as_ref()
            .and_then(|x| x.method.as_deref())
            .map(|m| md(m, "../")),
        retention: retention_words(s),
        allow_list: s.retention.as_ref().map_or(&[], |r| r.allow_list.as_slice()),
        retention_notes_html: s
            .retention
            .as_ref()
            .and_then(|r| r.notes.as_deref())
            .map(|n| md(n, "../")),
        fields: s
            .fields
            .iter()
            .map(|f| FieldView {
                entry_path: entries.get(f.name.as_str()).cloned(),
                ..field_view(s, f, "../")
            })
            .collect(),
        export_path: paths::schema_export(&project.id),
        versions: versions(s),
    }
}

fn versions(s: &Schema) -> Vec<VersionView<'_>> {
    let Some(r) = &s.registry else { return Vec::new() };
    let history = r.resolved.as_ref().map_or(&[][..], |x| x.history.as_slice());
    history
        .iter()
        .map(|v| VersionView {
            version: &v.version,
            used: v.used,
            file: v.file.display().to_string(),
            changes: v
                .changes
                .iter()
                .map(|c| ChangeView {
                    path: &c.path,
                    kind: c.kind.label(),
                    what: &c.what,
                })
                .collect(),
            accepted_html: r.incompatible_ok.get(&v.version).map(|why| md(why, "../")),
        })
        .collect()
}

fn percent(rate: f64) -> String {
    let p = rate * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{}%", p.round())
    } else {
        format!("{}%", (p * 1000.0).round() / 1000.0)
    }
}

/// The constraints of a field in words.
pub fn constraints(f: &Field) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(values) = &f.allowed {
        out.push(format!(
            "one of {}",
            values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
        ));
    }
    if let Some(p) = &f.pattern {
        out.push(format!("matches {p}"));
    }
    match (f.minimum, f.maximum) {
        (Some(lo), Some(hi)) => out.push(format!("{lo} to {hi}")),
        (Some(lo), None) => out.push(format!("at least {lo}")),
        (None, Some(hi)) => out.push(format!("at most {hi}")),
        (None, None) => {}
    }
    if let Some(fmt) = f.format {
        out.push(format!("format {}", fmt.as_str()));
    }
    out.extend(f.min_length.map(|n| format!("length at least {n}")));
    out.extend(f.max_length.map(|n| format!("length at most {n}")));
    out.extend(f.within.iter().cloned());
    if let Some(r) = &f.registry {
        out.extend(r.details.iter().cloned());
    }
    out
}

/// What happens to a field's values over time, in words.
pub fn retention(s: &Schema, f: &Field) -> String {
    if let Some(r) = &f.registry {
        return r.retention.label();
    }
    let kept = s.retention.as_ref().is_some_and(|r| {
        r.allow_list
            .iter()
            .any(|kept| crate::model::registry::path_covers(kept, &f.name))
    });
    match s.retention.as_ref().and_then(|r| r.purge_after_days) {
        Some(_) if kept => "kept (allow-listed)".to_string(),
        Some(days) => format!("purged after {days} days"),
        None => "no purge decided".to_string(),
    }
}

/// A field as shown on a page whose path to the site root is `root`.
pub fn field_view(s: &Schema, f: &Field, root: &str) -> FieldView {
    FieldView {
        name: f.name.clone(),
        anchor: paths::field_anchor(&f.name),
        ty: f.type_label(),
        required: f.required,
        description_html: md(&f.description, root),
        constraints: constraints(f),
        example: f.example.as_ref().map(|e| e.to_string()),
        sensitivity: f.sensitivity_label(),
        retention: retention(s, f),
        entry_path: None,
    }
}
