//! Pages about the process: the role matrix, one page per role, one per activity.

use super::common::{ActivityRef, CodeView, Prepared, RoleRef};
use super::home::finished;
use super::people::{links, PersonLink};
use crate::model::people::Directory;
use crate::model::{Activity, Book, Process, Project};
use crate::render::paths;
use serde::Serialize;

/// One cell of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub role: String,
    pub code: Option<CodeView>,
    /// Why the cell's placement is inferred, when it is.
    pub inferred: Option<String>,
    /// The number of the note giving that reason (each reason is one note).
    pub note: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiver {
    pub code: String,
    pub name: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub activity: ActivityRef,
    pub cells: Vec<Cell>,
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixView<'a> {
    pub roles: &'a [RoleRef],
    pub codes: &'a [CodeView],
    pub rows: Vec<MatrixRow>,
    pub inferred_count: usize,
    /// The reasons of the inferred cells, each once: note `n` is `notes[n - 1]`.
    pub notes: Vec<String>,
}

fn waivers(process: &Process, i: usize) -> Vec<Waiver> {
    process.activities[i]
        .waivers
        .iter()
        .map(|(code, reason)| Waiver {
            code: code.clone(),
            name: process.code(code).map_or_else(|| code.clone(), |c| c.name.clone()),
            reason: reason.clone(),
        })
        .collect()
}

pub fn matrix<'a>(process: &Process, prepared: &'a Prepared) -> MatrixView<'a> {
    let mut rows: Vec<MatrixRow> = process
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| MatrixRow {
            activity: prepared.activities[i].clone(),
            cells: process
                .roles
                .iter()
                .map(|r| Cell {
                    role: r.id.clone(),
                    code: a.assignments.get(&r.id).and_then(|c| prepared.code(c)).cloned(),
                    inferred: a.inferred.get(&r.id).cloned(),
                    note: None,
                })
                .collect(),
            waivers: waivers(process, i),
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();
    for cell in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        if let Some(why) = &cell.inferred {
            cell.note = Some(match notes.iter().position(|n| n == why) {
                Some(at) => at + 1,
                None => {
                    notes.push(why.clone());
                    notes.len()
                }
            });
        }
    }
    let inferred_count = rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.inferred.is_some())
        .count();
    MatrixView {
        roles: &prepared.roles,
        codes: &prepared.codes,
        rows,
        inferred_count,
        notes,
    }
}

/// An activity a role takes part in, on the role's page.
#[derive(Debug, Clone, Serialize)]
pub struct RoleActivity {
    pub activity: ActivityRef,
    pub inferred: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DutyGroup {
    pub code: CodeView,
    pub activities: Vec<RoleActivity>,
}

/// Who holds a role in one project.
#[derive(Debug, Clone, Serialize)]
pub struct Holder<'a> {
    pub project_title: &'a str,
    pub project_path: String,
    pub project_status: &'static str,
    pub project_status_label: &'static str,
    pub people: Vec<PersonLink<'a>>,
}

/// What a project shows on a role's page: who holds the role, or that nobody does.
#[derive(Debug, Clone)]
pub enum RoleInProject<'a> {
    Held(Holder<'a>),
    Unfilled(Link<'a>),
}

pub fn role_in_project<'a>(process: &Process, people: &Directory, role: usize, p: &'a Project) -> RoleInProject<'a> {
    match p.people.get(&process.roles[role].id).filter(|v| !v.is_empty()) {
        Some(list) => RoleInProject::Held(Holder {
            project_title: &p.title,
            project_path: paths::project(&p.id),
            project_status: p.status.as_str(),
            project_status_label: p.status.label(),
            people: links(people, list),
        }),
        None => RoleInProject::Unfilled(Link {
            title: &p.title,
            path: paths::project(&p.id),
        }),
    }
}

/// The projects' rows of a role page, rendered by [`crate::render::fragments`].
#[derive(Debug, Clone, Copy)]
pub struct RoleRows<'a> {
    pub holder_count: usize,
    pub holder_rows_html: &'a str,
    pub unfilled_count: usize,
    pub unfilled_html: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView<'a> {
    pub role: &'a RoleRef,
    pub description_html: &'a str,
    pub groups: Vec<DutyGroup>,
    pub holder_count: usize,
    /// A row (`partials/holder-row.html`) per project naming someone in this role.
    pub holder_rows_html: &'a str,
    /// Projects in which nobody fills this role (`partials/unfilled-item.html`).
    pub unfilled_count: usize,
    pub unfilled_html: &'a str,
    /// Links to every page of the role's projects, when there is more than one.
    pub pager: Vec<super::home::PagerLink>,
}

/// The links to the pages of the projects of role `id`, page `current` marked.
pub fn role_pager(projects: usize, id: &str, current: usize) -> Vec<super::home::PagerLink> {
    super::home::pages_of(projects, paths::ROLE_ROWS_PER_PAGE, current, |n| {
        paths::role_page(id, n)
    })
}

pub fn role<'a>(process: &Process, prepared: &'a Prepared, i: usize, rows: RoleRows<'a>) -> RoleView<'a> {
    let r = &process.roles[i];
    let groups = prepared
        .codes
        .iter()
        .map(|code| DutyGroup {
            code: code.clone(),
            activities: process
                .activities
                .iter()
                .enumerate()
                .filter(|(_, a)| a.assignments.get(&r.id) == Some(&code.id))
                .map(|(k, a)| RoleActivity {
                    activity: prepared.activities[k].clone(),
                    inferred: a.inferred.get(&r.id).cloned(),
                })
                .collect(),
        })
        .collect();
    RoleView {
        role: &prepared.roles[i],
        description_html: &prepared.role_html[i],
        groups,
        holder_count: rows.holder_count,
        holder_rows_html: rows.holder_rows_html,
        unfilled_count: rows.unfilled_count,
        unfilled_html: rows.unfilled_html,
        pager: Vec::new(),
    }
}

/// A title and where it links.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub path: String,
}

/// A role holding a code in an activity, with why its placement is inferred (if it is).
#[derive(Debug, Clone, Serialize)]
pub struct DaciRole {
    pub role: RoleRef,
    pub inferred: Option<String>,
}

/// The roles holding one code in an activity.
#[derive(Debug, Clone, Serialize)]
pub struct DaciLine {
    pub code: CodeView,
    pub roles: Vec<DaciRole>,
}

/// A checklist item.
#[derive(Debug, Clone, Serialize)]
pub struct Item<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectAtStage<'a> {
    pub title: &'a str,
    pub path: String,
    pub lifecycle: &'static str,
    pub lifecycle_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_symbol: &'static str,
    pub started: Option<String>,
    pub finished: Option<String>,
    pub scheduled: Option<String>,
    pub sign_off: Option<String>,
    pub checked: usize,
    pub total: usize,
    pub notes_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    pub business_days: u32,
    pub to: Option<RoleRef>,
    pub what: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView<'a> {
    pub activity: &'a ActivityRef,
    pub description_html: &'a str,
    pub daci: Vec<DaciLine>,
    pub waivers: Vec<Waiver>,
    pub checklist: Vec<Item<'a>>,
    pub prerequisites: Vec<ActivityRef>,
    pub notice: Option<NoticeView>,
    pub project_count: usize,
    /// A row (`partials/stage-row.html`) per project, in order.
    pub project_rows_html: &'a str,
    /// Links to every page of the projects at this stage, when there is more than one.
    pub pager: Vec<super::home::PagerLink>,
    pub finished_count: usize,
    pub prev: Option<&'a ActivityRef>,
    pub next: Option<&'a ActivityRef>,
}

/// Where project `p` stands at activity `a`.
pub fn project_at_stage<'a>(a: &Activity, p: &'a Project) -> ProjectAtStage<'a> {
    let stage = p.stages.get(&a.id);
    let status = p.stage_status(&a.id);
    ProjectAtStage {
        title: &p.title,
        path: paths::project(&p.id),
        lifecycle: p.status.as_str(),
        lifecycle_label: p.status.label(),
        status: status.as_str(),
        status_label: status.label(),
        status_symbol: status.symbol(),
        started: stage.and_then(|s| s.started).map(|d| d.to_string()),
        finished: stage.and_then(|s| s.finished).map(|d| d.to_string()),
        scheduled: stage.and_then(|s| s.scheduled).map(|d| d.to_string()),
        sign_off: stage.and_then(|s| s.sign_off.as_ref()).map(|s| match s.on {
            Some(on) => format!("{} on {on}", s.by),
            None => s.by.clone(),
        }),
        checked: stage.map_or(0, |s| s.checked.len()),
        total: a.checklist.len(),
        notes_html: stage
            .and_then(|s| s.notes.as_deref())
            .map(|n| super::common::md(n, "../")),
    }
}

pub fn activity<'a>(
    book: &'a Book,
    process: &'a Process,
    prepared: &'a Prepared,
    i: usize,
    rows_html: &'a str,
) -> ActivityView<'a> {
    let a = &process.activities[i];
    let role_ref = |id: &str| prepared.roles.iter().find(|r| r.id == id).cloned();
    let daci = prepared
        .codes
        .iter()
        .map(|code| DaciLine {
            code: code.clone(),
            roles: process
                .roles
                .iter()
                .filter(|r| a.assignments.get(&r.id) == Some(&code.id))
                .filter_map(|r| {
                    role_ref(&r.id).map(|role| DaciRole {
                        role,
                        inferred: a.inferred.get(&r.id).cloned(),
                    })
                })
                .collect(),
        })
        .filter(|line| !line.roles.is_empty())
        .collect();
    let finished_count = book.projects.iter().filter(|p| finished(p.stage_status(&a.id))).count();
    ActivityView {
        activity: &prepared.activities[i],
        description_html: &prepared.activity_html[i],
        daci,
        waivers: waivers(process, i),
        checklist: a
            .checklist
            .iter()
            .map(|c| Item {
                id: &c.id,
                text: &c.text,
            })
            .collect(),
        prerequisites: a
            .prerequisites
            .iter()
            .filter_map(|p| prepared.activities.iter().find(|x| &x.id == p).cloned())
            .collect(),
        notice: a.notice.as_ref().map(|n| NoticeView {
            business_days: n.business_days,
            to: role_ref(&n.to),
            what: n.what.clone(),
        }),
        project_count: book.projects.len(),
        project_rows_html: rows_html,
        pager: activity_pager(book.projects.len(), &a.id, 1),
        finished_count,
        prev: i.checked_sub(1).map(|k| &prepared.activities[k]),
        next: prepared.activities.get(i + 1),
    }
}

/// The links to the pages of the projects at activity `id`, page `current` marked.
pub fn activity_pager(projects: usize, id: &str, current: usize) -> Vec<super::home::PagerLink> {
    super::home::pages_of(projects, paths::STAGE_ROWS_PER_PAGE, current, |n| {
        paths::activity_page(id, n)
    })
}

/// A further page of the projects at an activity (`activities/<id>.page-2.html`…).
#[derive(Debug, Clone, Serialize)]
pub struct StagePageView<'a> {
    pub activity: &'a ActivityRef,
    pub number: usize,
    pub page_count: usize,
    pub project_count: usize,
    pub first: usize,
    pub last: usize,
    /// This page's rows (`partials/stage-row.html`), in order.
    pub project_rows_html: &'a str,
    pub pager: Vec<super::home::PagerLink>,
}
