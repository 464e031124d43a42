//! The home page: the process in a few lines, every project with a strip of its progress.

use super::common::{ActivityRef, CodeView, Prepared};
use crate::model::{Book, Process, Project, StageStatus};
use crate::render::paths;
use serde::Serialize;

/// One cell of a project's progress strip.
#[derive(Debug, Clone, Serialize)]
pub struct StripCell {
    pub n: usize,
    pub activity: String,
    pub status: &'static str,
    /// "3. Schema privacy review: Done", for the tooltip and screen readers.
    pub label: String,
    pub symbol: &'static str,
    pub path: String,
}

/// A project as listed on the home page and elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectSummary {
    pub id: String,
    pub title: String,
    pub path: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub team: Option<String>,
    pub strip: Vec<StripCell>,
    pub done: usize,
    pub total: usize,
    /// The first activity in progress or blocked, if any.
    pub current: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub roles: usize,
    pub activities: usize,
    pub projects: usize,
    pub fields: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView<'a> {
    pub process_name: &'a str,
    pub process_html: &'a str,
    pub source_title: Option<&'a str>,
    pub source_url: Option<&'a str>,
    pub codes: &'a [CodeView],
    pub activities: &'a [ActivityRef],
    pub project_count: usize,
    /// The first projects' cards (`partials/project-card.html`), in order.
    pub project_cards_html: &'a str,
    /// Links to every page of projects, when there is more than one.
    pub pager: Vec<PagerLink>,
    pub counts: Counts,
}

/// A page of projects, in the pager on the home page and on each page of projects.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub path: String,
    /// The first and last project on it (their numbers, from 1).
    pub first: usize,
    pub last: usize,
    pub current: bool,
}

/// The links to the pages of `projects` projects, with page `current` (from 1) marked; empty
/// when one page holds them all.
pub fn pager(projects: usize, current: usize) -> Vec<PagerLink> {
    pages_of(projects, paths::PROJECTS_PER_PAGE, current, paths::projects_page)
}

/// The links to the pages of `total` items, `per` to a page, page `n` at `path_of(n)`, with
/// page `current` (from 1) marked; empty when one page holds them all.
pub fn pages_of(total: usize, per: usize, current: usize, path_of: impl Fn(usize) -> String) -> Vec<PagerLink> {
    let count = total.div_ceil(per);
    if count < 2 {
        return Vec::new();
    }
    (1..=count)
        .map(|n| PagerLink {
            number: n,
            path: path_of(n),
            first: (n - 1) * per + 1,
            last: (n * per).min(total),
            current: n == current,
        })
        .collect()
}

/// A further page of projects (`projects-2.html`…).
#[derive(Debug, Clone, Serialize)]
pub struct ProjectsPageView<'a> {
    pub number: usize,
    pub page_count: usize,
    pub project_count: usize,
    pub first: usize,
    pub last: usize,
    /// The cards of this page's projects, in order.
    pub project_cards_html: &'a str,
    pub pager: Vec<PagerLink>,
}

/// Counts a stage as finished when it is done, or skipped where the activity is optional.
pub fn finished(status: StageStatus) -> bool {
    matches!(status, StageStatus::Done | StageStatus::Skipped)
}

/// How many of the process's activities `project` has finished.
pub fn finished_count(process: &Process, project: &Project) -> usize {
    process
        .activities
        .iter()
        .filter(|a| finished(project.stage_status(&a.id)))
        .count()
}

/// The first activity `project` has in progress or blocked, if any.
pub fn under_way(process: &Process, project: &Project) -> Option<usize> {
    process.activities.iter().position(|a| {
        matches!(
            project.stage_status(&a.id),
            StageStatus::InProgress | StageStatus::Blocked
        )
    })
}

pub fn summary(process: &Process, project: &Project) -> ProjectSummary {
    let strip: Vec<StripCell> = process
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let status = project.stage_status(&a.id);
            StripCell {
                n: i + 1,
                activity: a.name.clone(),
                status: status.as_str(),
                label: format!("{}. {}: {}", i + 1, a.name, status.label()),
                symbol: status.symbol(),
                path: paths::activity(&a.id),
            }
        })
        .collect();
    let done = finished_count(process, project);
    let current = under_way(process, project).map(|i| process.activities[i].name.clone());
    ProjectSummary {
        id: project.id.clone(),
        title: project.title.clone(),
        path: paths::project(&project.id),
        status: project.status.as_str(),
        status_label: project.status.label(),
        team: project.team.clone(),
        strip,
        done,
        total: process.activities.len(),
        current,
    }
}

pub fn view<'a>(book: &Book, process: &'a Process, prepared: &'a Prepared, cards_html: &'a str) -> HomeView<'a> {
    HomeView {
        process_name: &process.name,
        process_html: &prepared.process_html,
        source_title: process.source.as_ref().map(|s| s.title.as_str()),
        source_url: process.source.as_ref().and_then(|s| s.url.as_deref()),
        codes: &prepared.codes,
        activities: &prepared.activities,
        project_count: book.projects.len(),
        project_cards_html: cards_html,
        pager: pager(book.projects.len(), 1),
        counts: Counts {
            roles: process.roles.len(),
            activities: process.activities.len(),
            projects: book.projects.len(),
            fields: book
                .projects
                .iter()
                .filter_map(|p| p.schema.as_ref())
                .map(|s| s.fields.len())
                .sum(),
        },
    }
}
