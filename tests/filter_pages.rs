//! The filters on the home page, the board and the dictionary's index, without JavaScript:
//! the forms are in the page but hidden (no dead controls), the plain pages still list and link
//! everything, and the data the scripts read (`projects-index.js`, `dictionary-index.js`) holds
//! every project and field name, the same bytes on every build. With JavaScript:
//! `tests/z_browser/filter.rs`.

mod common;

use common::filter_book;
use common::site::*;
use dacibook::site::Site;
use serde_json::Value;
use std::collections::BTreeSet;

fn site() -> &'static Site {
    static SITE: std::sync::OnceLock<(common::Book, Site)> = std::sync::OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let book = filter_book::book();
        let site = build_site(book.root());
        (book, site)
    });
    site
}

/// The JSON a data script sets on `window`: `window.<name>=<json>;`.
fn data(site: &Site, path: &str, name: &str) -> Value {
    let text = file_text(site, path);
    let json = text
        .strip_prefix(&format!("window.{name}="))
        .and_then(|t| t.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("{path} sets window.{name}: {}", snippet(text)));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{path} holds JSON: {e}"))
}

#[test]
fn without_javascript_the_home_page_hides_its_filter_and_pages_link_every_project() {
    let site = site();
    let home = page(site, "index.html");
    let form = select_one(&home, "form#project-filter");
    assert!(
        form.value().attr("hidden").is_some(),
        "the filter is hidden until filter.js shows it"
    );
    assert_eq!(
        all(form, "label").into_iter().map(text).collect::<Vec<_>>(),
        ["Find", "Status", "Team", "Person", "Current activity", "Sort by"]
    );
    for label in all(form, "label") {
        let target = attr(label, "for");
        assert_eq!(
            all(form, &format!("#{target}")).len(),
            1,
            "label for {target} names a control"
        );
    }
    assert!(select_one(&home, "#project-results").value().attr("hidden").is_some());
    assert_eq!(
        attr(select_one(&home, "#project-filter-status"), "aria-live"),
        "polite",
        "the count is announced"
    );
    // The plain list and its pages reach every project.
    let mut linked: BTreeSet<String> = BTreeSet::new();
    for path in ["index.html", "projects-2.html"] {
        let doc = page(site, path);
        for a in select(
            &doc,
            "#projects-plain .project-card h3 a, main > .project-list .project-card h3 a",
        ) {
            linked.insert(attr(a, "href").to_string());
        }
    }
    let expected: BTreeSet<String> = (0..filter_book::PROJECTS)
        .map(|i| format!("projects/{}.html", filter_book::id(i)))
        .collect();
    assert_eq!(linked, expected);
    let script = select_one(&home, "head script[src=\"static/filter.js\"]");
    assert_eq!(attr(script, "data-root"), "");
}

#[test]
fn the_projects_data_lists_every_project_with_what_the_filters_need() {
    let site = site();
    let d = data(site, "projects-index.js", "dacibookProjects");
    let projects = d["projects"].as_array().unwrap();
    assert_eq!(projects.len(), filter_book::PROJECTS);
    for (i, p) in projects.iter().enumerate() {
        assert_eq!(p[0], filter_book::id(i).as_str());
        assert_eq!(p[1], format!("Project {i:03}").as_str());
        assert_eq!(p[2], format!("projects/{}.html", filter_book::id(i)).as_str());
        assert_eq!(p[3], if filter_book::paused(i) { "paused" } else { "active" });
        assert_eq!(p[4], filter_book::team(i));
        // Nothing started: each project is at the first activity.
        assert_eq!(p[6], 0, "{p}");
        assert_eq!(p[7], "not-started");
    }
    assert_eq!(projects[57][5], serde_json::json!(["Jane Doe"]));
    assert_eq!(projects[0][5], serde_json::json!([]));
    assert_eq!(d["activities"][0][0], "decide-metrics");
    assert_eq!(d["activities"][0][2], "activities/decide-metrics.html");
    assert_eq!(
        d["lifecycles"],
        serde_json::json!([
            ["active", "Active"],
            ["proposed", "Proposed"],
            ["paused", "Paused"],
            ["decommissioned", "Decommissioned"]
        ])
    );
}

#[test]
fn without_javascript_the_dictionary_index_hides_its_filter_and_the_data_names_every_entry() {
    let site = site();
    let doc = page(site, "dictionary.html");
    let form = select_one(&doc, "form#dictionary-filter");
    assert!(form.value().attr("hidden").is_some());
    assert_eq!(text(one(form, "label")), "Filter field names");
    assert_eq!(attr(one(form, "label"), "for"), "dictionary-q");
    // Every name's entry is reachable by plain links: index → letter page → entry.
    let pages: Vec<String> = select(&doc, ".dictionary-pages a")
        .into_iter()
        .map(|a| attr(a, "href").to_string())
        .collect();
    assert_eq!(pages, ["dictionary/f.html", "dictionary/f-2.html"]);
    let d = data(site, "dictionary-index.js", "dacibookDictionary");
    let names = d["names"].as_array().unwrap();
    assert_eq!(names.len(), filter_book::PROJECTS);
    for n in names {
        let name = n[0].as_str().unwrap();
        let path = d["pages"][n[1].as_u64().unwrap() as usize].as_str().unwrap();
        let entry = page(site, path);
        let found = select(&entry, &format!("section.entry#field-{name}"));
        assert_eq!(found.len(), 1, "{name} has its entry on {path}");
        assert_eq!(n[2], 0, "no conflict on {name}");
    }
}

#[test]
fn the_filter_data_is_the_same_bytes_on_every_build() {
    let book = filter_book::book();
    let again = build_site(book.root());
    for path in ["projects-index.js", "dictionary-index.js"] {
        assert_eq!(file_text(site(), path), file_text(&again, path), "{path}");
    }
}

#[test]
fn without_javascript_the_board_shows_every_column_and_hides_its_filter() {
    let doc = page(site(), "board.html");
    assert!(select_one(&doc, "form#board-filter").value().attr("hidden").is_some());
    let col = select_one(&doc, "li.board-column[data-activity=\"decide-metrics\"]");
    let cards = all(col, "li.board-card");
    assert_eq!(cards.len(), 8, "a column shows at most 8 cards");
    for c in &cards {
        assert!(c.value().attr("hidden").is_none());
    }
    // Active first, longest in the stage (none has a date) then by id; paused last.
    let ids: Vec<&str> = cards.iter().map(|c| attr(*c, "data-project")).collect();
    assert_eq!(
        ids,
        ["p-000", "p-001", "p-002", "p-004", "p-005", "p-006", "p-007", "p-008"]
    );
    assert_eq!(
        text(one(col, ".board-more")),
        "8 of 60 shown: active first, then proposed and paused, longest in the stage first. Every project at Decide metrics needs"
    );
    assert_eq!(
        attr(one(col, ".board-more a"), "href"),
        "activities/decide-metrics.html#projects-at-stage"
    );
}
