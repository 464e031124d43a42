//! People: one page per person across every project, and the list of everyone. Who is who is
//! decided by [`crate::model::people`]. A person's page is stitched from one piece per project
//! naming them (`partials/person-project.html`) and the things waiting on them there
//! (`partials/waiting-item.html`), kept by [`crate::render::fragments`].

use super::common::{ActivityRef, CodeView, Prepared, RoleRef};
use super::home::finished;
use crate::model::people::{Directory, Entry};
use crate::model::stage_rules::sign_off_state;
use crate::model::{Activity, Duty, Lifecycle, Person, Process, Project, StageStatus};
use crate::render::paths;
use serde::Serialize;

/// A person as a record names them, with a link to their page.
#[derive(Debug, Clone, Serialize)]
pub struct PersonLink<'a> {
    pub name: &'a str,
    pub handle: Option<&'a str>,
    pub email: Option<&'a str>,
    /// Their page, from the site root.
    pub path: Option<String>,
}

/// `person` with the link to their page.
pub fn link<'a>(people: &Directory, person: &'a Person) -> PersonLink<'a> {
    PersonLink {
        name: &person.name,
        handle: person.handle.as_deref(),
        email: person.email.as_deref(),
        path: people.find(person).map(|e| paths::person(&e.slug)),
    }
}

/// The people of a role in a project, linked.
pub fn links<'a>(people: &Directory, list: &'a [Person]) -> Vec<PersonLink<'a>> {
    list.iter().map(|p| link(people, p)).collect()
}

/// The activities in which some roles hold one code: what they drive, approve, contribute to
/// or are told of.
#[derive(Debug, Clone, Serialize)]
pub struct DutyLine<'a> {
    pub code: &'a CodeView,
    pub activities: Vec<&'a ActivityRef>,
}

/// What the roles `role_ids` do in the process, code by code in the process's order. It is the
/// same in every project, so a person's page says it once for the projects where they fill
/// the same roles.
pub fn duties<'a>(process: &Process, prepared: &'a Prepared, role_ids: &[&str]) -> Vec<DutyLine<'a>> {
    prepared
        .codes
        .iter()
        .map(|code| DutyLine {
            code,
            activities: process
                .activities
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    role_ids
                        .iter()
                        .any(|r| a.assignments.get(*r).is_some_and(|c| *c == code.id))
                })
                .map(|(i, _)| &prepared.activities[i])
                .collect(),
        })
        .filter(|line| !line.activities.is_empty())
        .collect()
}

/// A role of the person and the code it holds in an activity.
#[derive(Debug, Clone, Serialize)]
pub struct RoleCode<'a> {
    pub role: &'a RoleRef,
    pub code: &'a CodeView,
}

/// Something waiting on a person now (`partials/waiting-item.html`): a sign-off (`sign-off`)
/// or a review to attend (`review`).
#[derive(Debug, Clone, Serialize)]
pub struct Waiting<'a> {
    pub kind: &'static str,
    pub project_title: &'a str,
    /// The stage on the project's page.
    pub path: String,
    pub activity: &'a ActivityRef,
    pub status: &'static str,
    pub status_label: &'static str,
    pub started: Option<String>,
    pub scheduled: Option<String>,
    /// How it is theirs: their roles holding a code in the activity.
    pub roles: Vec<RoleCode<'a>>,
}

/// One project naming a person, as a row of their page (`partials/person-project.html`): where
/// the project is now and their part there.
#[derive(Debug, Clone, Serialize)]
pub struct PersonInProject<'a> {
    pub project_id: &'a str,
    pub project_title: &'a str,
    pub project_path: String,
    pub lifecycle: &'static str,
    pub lifecycle_label: &'static str,
    /// The project's current activity, as on the board.
    pub current: Option<&'a ActivityRef>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub symbol: &'static str,
    /// The codes their roles hold in the current activity.
    pub part: Vec<RoleCode<'a>>,
}

/// The roles (as linked) among `role_ids`, in process order.
fn roles_of<'a>(prepared: &'a Prepared, role_ids: &[&str]) -> Vec<&'a RoleRef> {
    prepared
        .roles
        .iter()
        .filter(|r| role_ids.contains(&r.id.as_str()))
        .collect()
}

/// The roles among `role_ids` holding a code in `activity`, with the code, in process order.
fn part_in<'a>(prepared: &'a Prepared, activity: &Activity, role_ids: &[&str]) -> Vec<RoleCode<'a>> {
    prepared
        .roles
        .iter()
        .filter(|r| role_ids.contains(&r.id.as_str()))
        .filter_map(|r| {
            let code = activity.assignments.get(&r.id).and_then(|c| prepared.code(c))?;
            Some(RoleCode { role: r, code })
        })
        .collect()
}

/// The row of `project` on the page of the person filling `role_ids` there.
pub fn in_project<'a>(
    process: &Process,
    prepared: &'a Prepared,
    project: &'a Project,
    role_ids: &[&str],
) -> PersonInProject<'a> {
    let current = super::board::current(process, project);
    let status = current.map_or(StageStatus::Done, |c| project.stage_status(&process.activities[c].id));
    PersonInProject {
        project_id: &project.id,
        project_title: &project.title,
        project_path: paths::project(&project.id),
        lifecycle: project.status.as_str(),
        lifecycle_label: project.status.label(),
        current: current.map(|c| &prepared.activities[c]),
        status: status.as_str(),
        status_label: status.label(),
        symbol: status.symbol(),
        part: current.map_or_else(Vec::new, |c| part_in(prepared, &process.activities[c], role_ids)),
    }
}

/// What waits on the person filling `role_ids` in `project`, in process order: each activity
/// one of their roles approves whose sign-off is outstanding (the rule of
/// [`crate::model::stage_rules::sign_off_state`]), and each stage
/// with a `scheduled` date (a review) that is not finished, in an activity where one of their
/// roles holds a code. Only active and proposed projects wait on anyone.
pub fn waiting<'a>(
    process: &Process,
    prepared: &'a Prepared,
    project: &'a Project,
    role_ids: &[&str],
) -> Vec<Waiting<'a>> {
    if !matches!(project.status, Lifecycle::Active | Lifecycle::Proposed) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, a) in process.activities.iter().enumerate() {
        let Some(stage) = project.stages.get(&a.id) else {
            continue;
        };
        let held = part_in(prepared, a, role_ids);
        if held.is_empty() {
            continue;
        }
        let item = |kind, roles| Waiting {
            kind,
            project_title: &project.title,
            path: format!("{}#stage-{}", paths::project(&project.id), a.id),
            activity: &prepared.activities[i],
            status: stage.status.as_str(),
            status_label: stage.status.label(),
            started: stage.started.map(|d| d.to_string()),
            scheduled: stage.scheduled.map(|d| d.to_string()),
            roles,
        };
        let approving: Vec<RoleCode> = held
            .iter()
            .filter(|rc| rc.code.duty == Duty::Approve)
            .cloned()
            .collect();
        if sign_off_state(process, a, project).is_outstanding() && !approving.is_empty() {
            out.push(item("sign-off", approving));
        }
        if stage.scheduled.is_some() && !finished(stage.status) {
            out.push(item("review", held));
        }
    }
    out
}

/// How many projects a person fills a role in.
#[derive(Debug, Clone, Serialize)]
pub struct RoleCount<'a> {
    pub role: &'a RoleRef,
    pub projects: usize,
}

/// The projects in which a person fills the same roles, and what those roles do.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSet<'a> {
    pub roles: Vec<&'a RoleRef>,
    pub duties: Vec<DutyLine<'a>>,
    pub project_count: usize,
    /// How many of them are on this page of the person's projects.
    pub on_page: usize,
    /// A row per project on this page (`partials/person-project.html`).
    pub rows_html: String,
}

/// The projects of a person with the same roles, from [`crate::render::fragments`]: the role
/// ids (in process order), the number of projects, how many of them are on the page, and
/// their rows there.
pub type RoleSetRows = (Vec<String>, usize, usize, String);

/// A person's page.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView<'a> {
    pub name: &'a str,
    pub other_names: &'a [String],
    pub handles: &'a [String],
    pub emails: &'a [String],
    pub project_count: usize,
    pub waiting_count: usize,
    /// The things waiting on them (`partials/waiting-item.html`), by project.
    pub waiting_html: &'a str,
    /// Their projects on this page, grouped by the roles they fill there.
    pub role_sets: Vec<RoleSet<'a>>,
    /// Which page of their projects this is (from 1), and the projects on it (their numbers,
    /// from 1).
    pub number: usize,
    pub first: usize,
    pub last: usize,
    /// Their first page, from the site root.
    pub path: String,
    /// Links to every page of their projects, when there is more than one.
    pub pager: Vec<super::home::PagerLink>,
}

/// The links to the pages of the projects of `entry`, page `current` (from 1) marked.
pub fn person_pager(entry: &Entry, current: usize) -> Vec<super::home::PagerLink> {
    super::home::pages_of(entry.projects().len(), paths::PERSON_ROWS_PER_PAGE, current, |n| {
        paths::person_page(&entry.slug, n)
    })
}

/// The roles `entry` fills, in process order, with the number of projects for each.
fn role_counts<'a>(prepared: &'a Prepared, entry: &Entry) -> Vec<RoleCount<'a>> {
    prepared
        .roles
        .iter()
        .map(|r| RoleCount {
            role: r,
            projects: entry.places.iter().filter(|(_, id)| *id == r.id).count(),
        })
        .filter(|c| c.projects > 0)
        .collect()
}

pub fn person<'a>(
    process: &Process,
    prepared: &'a Prepared,
    entry: &'a Entry,
    waiting_count: usize,
    waiting_html: &'a str,
    sets: Vec<RoleSetRows>,
    n: usize,
) -> PersonView<'a> {
    let count = entry.projects().len();
    let pager = person_pager(entry, n);
    let (first, last) = pager.get(n.max(1) - 1).map_or((1, count), |p| (p.first, p.last));
    PersonView {
        number: n.max(1),
        first,
        last,
        path: paths::person(&entry.slug),
        pager,
        name: &entry.name,
        other_names: &entry.other_names,
        handles: &entry.handles,
        emails: &entry.emails,
        project_count: entry.projects().len(),
        waiting_count,
        waiting_html,
        role_sets: sets
            .into_iter()
            .map(|(roles, project_count, on_page, rows_html)| {
                let ids: Vec<&str> = roles.iter().map(String::as_str).collect();
                RoleSet {
                    roles: roles_of(prepared, &ids),
                    duties: duties(process, prepared, &ids),
                    project_count,
                    on_page,
                    rows_html,
                }
            })
            .collect(),
    }
}

/// One person in the list of everyone (`partials/person-row.html`).
#[derive(Debug, Clone, Serialize)]
pub struct PersonRow<'a> {
    pub name: &'a str,
    pub path: String,
    pub handles: &'a [String],
    pub roles: Vec<RoleCount<'a>>,
    pub project_count: usize,
    pub waiting_count: usize,
}

/// The row of `entry` in the list of everyone; `waiting_count` things wait on them.
pub fn row<'a>(prepared: &'a Prepared, entry: &'a Entry, waiting_count: usize) -> PersonRow<'a> {
    PersonRow {
        name: &entry.name,
        path: paths::person(&entry.slug),
        handles: &entry.handles,
        roles: role_counts(prepared, entry),
        project_count: entry.projects().len(),
        waiting_count,
    }
}

/// The list of everyone.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleView<'a> {
    pub count: usize,
    /// A row per person (`partials/person-row.html`) on this page, by name.
    pub rows_html: &'a str,
    /// Which page of the list this is (from 1), and the people on it (their numbers, from 1).
    pub number: usize,
    pub first: usize,
    pub last: usize,
    /// Links to every page of the list, when there is more than one.
    pub pager: Vec<super::home::PagerLink>,
}

/// The links to the pages of the list of `count` people, page `current` (from 1) marked.
pub fn people_pager(count: usize, current: usize) -> Vec<super::home::PagerLink> {
    super::home::pages_of(
        count,
        crate::render::paths::PEOPLE_PER_PAGE,
        current,
        crate::render::paths::people_page,
    )
}
