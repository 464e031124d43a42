//! The board: every project under way (active, proposed and paused) in a column for its
//! current activity, each card saying what holds it up and how complete its record is. Cards
//! are rendered one by one (`partials/board-card.html`) by [`crate::render::fragments`] and
//! stitched here.
//!
//! The page holds no date computed at build time: "since" is the stage's start date, and the
//! number of days is added in the browser (`static/board.js`), so the same input builds the
//! same bytes on any day.

use super::common::{ActivityRef, Prepared};
use super::home::finished;
use super::project::{record_lines, RecordLine};
use crate::model::completeness::{completeness, Completeness};
use crate::model::notice::{notice_problem, NoticeProblem};
use crate::model::stage_rules::{sign_off_state, unfilled_roles, SignOffState};
use crate::model::{Date, Duty, Lifecycle, Process, Project, StageStatus};
use crate::render::paths;
use serde::Serialize;

/// The lifecycles on the board, in the order their cards come in a column. Decommissioned
/// projects are finished for good and stay off it.
pub const ON_BOARD: &[Lifecycle] = &[Lifecycle::Active, Lifecycle::Proposed, Lifecycle::Paused];

/// What kind of thing holds a project up, most severe first: at one activity, the board
/// lists a project's blockers in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BlockerKind {
    /// The stage is marked blocked.
    Blocked,
    /// The stage is done without its approvers' sign-off: the record has to be fixed.
    SignOff,
    /// The advance notice is missing or came too late.
    Notice,
    /// Nobody is named in a Driver or Approver role.
    UnfilledRole,
    /// A prerequisite is not finished.
    Prerequisite,
    /// The stage is in progress and its approvers have yet to sign it off: the next step,
    /// nothing missing.
    AwaitingSignOff,
}

impl BlockerKind {
    /// The name the theme sees (`kind`): `blocked`, `sign-off`, `notice`, `unfilled-role`,
    /// `prerequisite`, `awaiting-sign-off`.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockerKind::Blocked => "blocked",
            BlockerKind::SignOff => "sign-off",
            BlockerKind::Notice => "notice",
            BlockerKind::UnfilledRole => "unfilled-role",
            BlockerKind::Prerequisite => "prerequisite",
            BlockerKind::AwaitingSignOff => "awaiting-sign-off",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BlockerKind::Blocked => "Blocked",
            BlockerKind::SignOff => "Missing sign-off",
            BlockerKind::Notice => "Notice",
            BlockerKind::UnfilledRole => "Nobody named",
            BlockerKind::Prerequisite => "Prerequisite",
            BlockerKind::AwaitingSignOff => "Awaiting sign-off",
        }
    }
}

/// Something holding a project up.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker<'a> {
    /// One of [`BlockerKind::as_str`].
    pub kind: &'static str,
    pub label: &'static str,
    /// The activity it is about.
    pub activity: &'a ActivityRef,
    pub detail: String,
}

/// A project's card (`partials/board-card.html`).
#[derive(Debug, Clone, Serialize)]
pub struct Card<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub path: String,
    pub lifecycle: &'static str,
    pub lifecycle_label: &'static str,
    pub team: Option<&'a str>,
    /// The current activity, if the project has one.
    pub activity: Option<&'a ActivityRef>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub symbol: &'static str,
    /// When the current stage started (`YYYY-MM-DD`).
    pub since: Option<String>,
    pub blockers: Vec<Blocker<'a>>,
    pub completeness: Completeness,
    /// The completeness lines that apply, worded as on the project's page.
    pub completeness_items: Vec<RecordLine>,
    pub done: usize,
    pub total: usize,
}

/// Where a card goes: its column (an activity index, or the number of activities for "no
/// current activity"), and its order in the column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Placement {
    pub column: usize,
    /// Cards in a column: active, then proposed, then paused; in each, longest in the stage
    /// first (no start date last), then by id.
    pub order: (usize, bool, Option<Date>, String),
}

/// The current activity of `project`: the first in progress or blocked; if none, the first
/// required activity not finished (done or skipped).
pub fn current(process: &Process, project: &Project) -> Option<usize> {
    super::home::under_way(process, project).or_else(|| {
        process
            .activities
            .iter()
            .position(|a| a.required && !finished(project.stage_status(&a.id)))
    })
}

fn names_in<'a>(project: &'a Project, role: &str) -> Vec<&'a str> {
    project
        .people
        .get(role)
        .map_or_else(Vec::new, |v| v.iter().map(|p| p.name.as_str()).collect())
}

/// What holds `project` up, in process order:
/// - a stage marked `blocked`;
/// - a stage done without its Approver's sign-off (missing), or in progress and not signed
///   off yet (awaited: listed, but last, as the next step rather than something missing);
/// - a stage not finished whose notice (the privacy review's) is missing or came too late;
/// - at the current activity, a Driver or Approver role nobody fills, and a prerequisite not
///   finished.
pub fn blockers<'a>(
    process: &Process,
    prepared: &'a Prepared,
    project: &Project,
    current: Option<usize>,
) -> Vec<Blocker<'a>> {
    let mut out: Vec<(usize, BlockerKind, String)> = Vec::new();
    let code_name = |a: &crate::model::Activity, role: &str| {
        a.assignments
            .get(role)
            .and_then(|c| process.code(c))
            .map_or_else(String::new, |c| c.name.clone())
    };
    for (i, a) in process.activities.iter().enumerate() {
        let status = project.stage_status(&a.id);
        let stage = project.stages.get(&a.id);
        if status == StageStatus::Blocked {
            out.push((i, BlockerKind::Blocked, "the stage is marked blocked".to_string()));
        }
        let sign_off = sign_off_state(process, a, project);
        if sign_off.is_outstanding() {
            let approvers: Vec<&crate::model::Role> = process.roles_with_duty(a, Duty::Approve).collect();
            let people: Vec<&str> = approvers.iter().flat_map(|r| names_in(project, &r.id)).collect();
            let roles: Vec<&str> = approvers.iter().map(|r| r.name.as_str()).collect();
            let missing = sign_off == SignOffState::Missing;
            let detail = match (people.is_empty(), missing) {
                (true, true) => format!("done without a sign-off, and nobody is named as {}", roles.join(" or ")),
                (true, false) => format!("no sign-off yet, and nobody is named as {}", roles.join(" or ")),
                (false, true) => format!("done without a sign-off from {}", people.join(" or ")),
                (false, false) => format!("waiting for {} to sign off", people.join(" or ")),
            };
            let kind = if missing {
                BlockerKind::SignOff
            } else {
                BlockerKind::AwaitingSignOff
            };
            out.push((i, kind, detail));
        }
        if let (Some(notice), Some(stage)) = (&a.notice, stage) {
            if !finished(status) {
                let detail = match notice_problem(notice, stage) {
                    Some(NoticeProblem::Missing { scheduled, due_by }) => Some(format!(
                        "scheduled for {scheduled}, but no notice is recorded; it is due by {due_by}"
                    )),
                    Some(NoticeProblem::TooLate {
                        sent,
                        scheduled,
                        days,
                        required,
                    }) => Some(format!(
                        "notice sent on {sent}, {days} business day(s) before {scheduled}; {required} are needed"
                    )),
                    None => None,
                };
                if let Some(detail) = detail {
                    out.push((i, BlockerKind::Notice, detail));
                }
            }
        }
    }
    if let Some(c) = current {
        let a = &process.activities[c];
        for (_, role) in unfilled_roles(process, a, project) {
            let detail = format!("nobody is named as {} ({})", code_name(a, &role.id), role.name);
            out.push((c, BlockerKind::UnfilledRole, detail));
        }
        for pre in &a.prerequisites {
            let Some(k) = process.activities.iter().position(|x| &x.id == pre) else {
                continue;
            };
            let status = project.stage_status(pre);
            if !finished(status) {
                let detail = format!(
                    "{}, needed before {}. {}",
                    status.label().to_lowercase(),
                    prepared.activities[c].n,
                    a.name
                );
                out.push((k, BlockerKind::Prerequisite, detail));
            }
        }
    }
    // By activity, then most severe first.
    out.sort_by_key(|(i, kind, _)| (*i, *kind));
    out.into_iter()
        .map(|(i, kind, detail)| Blocker {
            kind: kind.as_str(),
            label: kind.label(),
            activity: &prepared.activities[i],
            detail,
        })
        .collect()
}

/// The card of `project` and where it goes; `None` when the project is not on the board
/// (decommissioned).
pub fn card<'a>(process: &Process, prepared: &'a Prepared, project: &'a Project) -> Option<(Placement, Card<'a>)> {
    let rank = ON_BOARD.iter().position(|l| *l == project.status)?;
    let cur = current(process, project);
    let stage = cur.and_then(|c| project.stages.get(&process.activities[c].id));
    let status = cur.map_or(StageStatus::Done, |c| project.stage_status(&process.activities[c].id));
    let since = stage.and_then(|s| s.started);
    let record = completeness(process, project);
    let placement = Placement {
        column: cur.unwrap_or(process.activities.len()),
        order: (rank, since.is_none(), since, project.id.clone()),
    };
    let card = Card {
        id: &project.id,
        title: &project.title,
        path: paths::project(&project.id),
        lifecycle: project.status.as_str(),
        lifecycle_label: project.status.label(),
        team: project.team.as_deref(),
        activity: cur.map(|c| &prepared.activities[c]),
        status: status.as_str(),
        status_label: status.label(),
        symbol: status.symbol(),
        since: since.map(|d| d.to_string()),
        blockers: blockers(process, prepared, project, cur),
        completeness_items: record_lines(process, project)
            .into_iter()
            .filter(|l| l.state != "na")
            .collect(),
        completeness: record,
        done: super::home::finished_count(process, project),
        total: process.activities.len(),
    };
    Some((placement, card))
}

/// A column of the board: the projects at one activity.
#[derive(Debug, Clone, Serialize)]
pub struct Column<'a> {
    /// `None` for the projects with no current activity (every required one finished).
    pub activity: Option<&'a ActivityRef>,
    pub count: usize,
    /// How many of them are paused, and blocked at this activity.
    pub paused: usize,
    pub blocked: usize,
    /// The cards shown: the first [`CARDS_PER_COLUMN`] in the column's order. The rest are
    /// listed on the activity's page (and every project on the home page's pages).
    pub shown: usize,
    pub cards_html: String,
}

/// The most cards in one column of the board, so that the board does not grow with the book.
pub const CARDS_PER_COLUMN: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct BoardView<'a> {
    /// The columns with cards, in process order; "no current activity" last.
    pub columns: Vec<Column<'a>>,
    pub project_count: usize,
    /// How many projects on the board are paused, and how many blocked at their current activity.
    pub paused: usize,
    pub blocked: usize,
}

/// What the board needs to know of a card to place and count it.
#[derive(Debug, Clone, Copy)]
pub struct CardRef<'a> {
    pub placement: &'a Placement,
    pub paused: bool,
    pub blocked: bool,
    pub html: &'a str,
}

/// The board from the cards of every project on it.
pub fn view<'a>(prepared: &'a Prepared, cards: &[CardRef]) -> BoardView<'a> {
    let mut sorted: Vec<&CardRef> = cards.iter().collect();
    sorted.sort_by(|a, b| a.placement.cmp(b.placement));
    let mut columns: Vec<Column> = Vec::new();
    for c in sorted {
        let activity = prepared.activities.get(c.placement.column);
        if columns
            .last()
            .is_none_or(|col| col.activity.map(|a| a.n) != activity.map(|a| a.n))
        {
            columns.push(Column {
                activity,
                count: 0,
                paused: 0,
                blocked: 0,
                shown: 0,
                cards_html: String::new(),
            });
        }
        let Some(col) = columns.last_mut() else { continue };
        col.count += 1;
        col.paused += usize::from(c.paused);
        col.blocked += usize::from(c.blocked);
        if col.shown < CARDS_PER_COLUMN {
            if col.shown > 0 {
                col.cards_html.push('\n');
            }
            col.shown += 1;
            col.cards_html.push_str(c.html);
        }
    }
    BoardView {
        paused: columns.iter().map(|c| c.paused).sum(),
        blocked: columns.iter().map(|c| c.blocked).sum(),
        columns,
        project_count: cards.len(),
    }
}
