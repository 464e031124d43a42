//! The data the theme's filters read, written as scripts (like the search index) so that they
//! also load when the site is opened from disk, where pages cannot fetch files:
//!
//! - `projects-index.js` sets `window.dacibookProjects`: every project, for the filter and sort
//!   on the home page (`static/filter.js`) and the filters of the board (`static/board.js`);
//! - `dictionary-index.js` sets `window.dacibookDictionary`: every field name and the page of
//!   its entry, for the filter box of the dictionary's index.
//!
//! Both are made from the book alone, in a fixed order, so the same book gives the same bytes.

use super::dictionary_pages::DictPage;
use super::paths;
use super::views::board;
use crate::model::{Book, Lifecycle, Process, Project, StageStatus};
use serde_json::{json, Value};

/// Where the projects' data goes in the site.
pub const PROJECTS: &str = "projects-index.js";
/// Where the field names' data goes in the site.
pub const DICTIONARY: &str = "dictionary-index.js";

/// The lifecycles, in the order the filter offers them.
const LIFECYCLES: [Lifecycle; 4] = [
    Lifecycle::Active,
    Lifecycle::Proposed,
    Lifecycle::Paused,
    Lifecycle::Decommissioned,
];

/// The statuses of a stage, with their words and symbols for the cards made in the browser.
const STAGE_STATUSES: [StageStatus; 5] = [
    StageStatus::NotStarted,
    StageStatus::InProgress,
    StageStatus::Blocked,
    StageStatus::Done,
    StageStatus::Skipped,
];

/// The people `project` names, each name once, by role id and then as listed.
fn people(project: &Project) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for person in project.people.values().flatten() {
        let name = person.name.trim();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// One project: `[id, title, path, lifecycle, team, people, current, stage status, since,
/// finished, last change]`. `current` is the index of its current activity (as on the board),
/// or -1; `stage status` is its status there; `since` when that stage started; `last change`
/// the date the record last changed. Unknown text is `""`.
fn project_row(process: &Process, project: &Project) -> Value {
    let current = board::current(process, project);
    let stage = current.map(|c| &process.activities[c].id);
    let status = stage.map_or("", |id| project.stage_status(id).as_str());
    let since = stage
        .and_then(|id| project.stages.get(id))
        .and_then(|s| s.started)
        .map_or_else(String::new, |d| d.to_string());
    json!([
        project.id,
        project.title,
        paths::project(&project.id),
        project.status.as_str(),
        project.team.as_deref().unwrap_or(""),
        people(project),
        current.map_or(-1, |c| c as i64),
        status,
        since,
        super::views::home::finished_count(process, project),
        project.changed.map_or_else(String::new, |c| c.date.to_string()),
    ])
}

/// The script holding every project of `book`, in the book's order.
pub fn projects_js(book: &Book, process: &Process) -> Vec<u8> {
    let activities: Vec<Value> = process
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| json!([a.id, format!("{}. {}", i + 1, a.name), paths::activity(&a.id)]))
        .collect();
    let lifecycles: Vec<Value> = LIFECYCLES.iter().map(|l| json!([l.as_str(), l.label()])).collect();
    let stages: Vec<Value> = STAGE_STATUSES
        .iter()
        .map(|s| json!([s.as_str(), s.label(), s.symbol()]))
        .collect();
    let projects: Vec<Value> = book.projects.iter().map(|p| project_row(process, p)).collect();
    let data = json!({
        "v": 1,
        "activities": activities,
        "lifecycles": lifecycles,
        "stages": stages,
        "projects": projects,
    });
    format!("window.dacibookProjects={data};\n").into_bytes()
}

/// The script holding every field name, by the dictionary's `pages`: `pages` is the list of
/// page paths, and each name is `[name, page index, conflict (1 or 0)]`, in name order.
pub fn dictionary_js(pages: &[DictPage], conflict: impl Fn(&str) -> bool) -> Vec<u8> {
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let mut names: Vec<(&str, usize)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.names.iter().map(move |n| (*n, i)))
        .collect();
    names.sort_unstable();
    let names: Vec<Value> = names
        .into_iter()
        .map(|(n, i)| json!([n, i, u8::from(conflict(n))]))
        .collect();
    let data = json!({ "v": 1, "pages": paths, "names": names });
    format!("window.dacibookDictionary={data};\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::dictionary_pages::split;

    #[test]
    fn the_dictionary_data_names_each_field_with_its_page_in_name_order() {
        let pages = split(["b_two", "a_one", "_x"]);
        let js = String::from_utf8(dictionary_js(&pages, |n| n == "b_two")).unwrap();
        assert_eq!(
            js,
            "window.dacibookDictionary={\"names\":[[\"_x\",2,0],[\"a_one\",0,0],[\"b_two\",1,1]],\
             \"pages\":[\"dictionary/a.html\",\"dictionary/b.html\",\"dictionary/other.html\"],\"v\":1};\n"
        );
    }
}
