//! People pages, the board and record completeness: on the repository's own book, and on a
//! fixture book whose "waiting on" lists, board groups and blockers are known exactly.

mod common;

use common::site::*;
use common::Book;
use dacibook::model::completeness::{completeness, Item};
use dacibook::model::people::Directory;
use dacibook::site::Site;
use scraper::{ElementRef, Html};
use std::collections::BTreeSet;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The fixture: the common test process, five projects.
//
// - alpha (active): at the privacy review, in progress since 2026-11-02, scheduled for
//   2026-11-11 with no notice recorded. Jane Doe (handle jdoe) drives it, Harriet Quigley
//   approves it, Priya Raman contributes.
// - beta (active): the specification is blocked since 2026-03-02. Its product manager is
//   written "jane  DOE" with no handle: the same Jane Doe.
// - gamma (active): nothing started; nobody is named as Product Manager, who drives the first
//   activity. Chris Park (no handle) is its software engineer.
// - delta (proposed): the specification is in progress since 2026-05-04 although
//   decide-metrics has not started; Sam Lee approves it. Priya Raman is both its data analyst
//   and its software engineer.
// - epsilon (paused): its privacy review is in progress and scheduled; a paused project waits
//   on nobody and is not on the board. It names Jane as "Jane M. Doe" with handle "@JDoe".
//
// Christopher Park (handle chris-park) and Chris Park (no handle) are two people whose slugs
// collide: the handle comes first and keeps `chris-park`.
// ---------------------------------------------------------------------------------------------

const ALPHA: &str = "\
title: Alpha
status: active
team: Web
people:
  product-manager:
    - name: Jane Doe
      handle: jdoe
      email: jdoe@example.org
  data-analyst:
    - name: Priya Raman
  legal-privacy:
    - name: Harriet Quigley
      handle: hq
stages:
  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    sign-off:
      by: Jane Doe
      on: 2026-01-30
  privacy-review:
    status: in-progress
    started: 2026-11-02
    scheduled: 2026-11-11
schema:
  name: Alpha
  fields:
    - name: page_id
      type: integer
      description: The page's id on the wiki.
      sensitivity: public
    - name: depth
      type: number
      description: How far the reader scrolled.
      sensitivity: internal
    - name: skin
      type: string
      sensitivity: public
";

const BETA: &str = "\
title: Beta
status: active
people:
  product-manager:
    - name: jane  DOE
  data-analyst:
    - name: Priya Raman
  software-engineer:
    - name: Christopher Park
      handle: chris-park
stages:
  decide-metrics:
    status: done
    started: 2026-02-02
    finished: 2026-02-06
  specification:
    status: blocked
    started: 2026-03-02
";

const GAMMA: &str = "\
title: Gamma
status: active
people:
  data-analyst:
    - name: Priya Raman
  software-engineer:
    - name: Chris Park
";

const DELTA: &str = "\
title: Delta
status: proposed
people:
  product-manager:
    - name: Sam Lee
  data-analyst:
    - name: Priya Raman
  software-engineer:
    - name: Priya Raman
stages:
  specification:
    status: in-progress
    started: 2026-05-04
";

const EPSILON: &str = "\
title: Epsilon
status: paused
people:
  product-manager:
    - name: Jane M. Doe
      handle: \"@JDoe\"
  legal-privacy:
    - name: Ingrid Solberg
stages:
  privacy-review:
    status: in-progress
    started: 2026-06-01
    notice-sent: 2026-05-01
    scheduled: 2026-06-10
";

fn fixture() -> Book {
    let book = Book::process_only();
    for (id, text) in [
        ("alpha", ALPHA),
        ("beta", BETA),
        ("gamma", GAMMA),
        ("delta", DELTA),
        ("epsilon", EPSILON),
    ] {
        book.write(&format!("content/projects/{id}.yaml"), text);
    }
    book
}

fn fixture_site() -> &'static Site {
    static SITE: std::sync::OnceLock<(Book, Site)> = std::sync::OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let book = fixture();
        let site = build_site(book.root());
        (book, site)
    });
    site
}

/// The text of each element matching `css` below `el`.
fn texts(el: ElementRef, css: &str) -> Vec<String> {
    all(el, css).into_iter().map(text).collect()
}

/// A board's columns: (activity id, [project ids]).
type Columns = Vec<(String, Vec<String>)>;

fn board_columns(doc: &Html) -> Columns {
    select(doc, "main .board-columns > li.board-column")
        .into_iter()
        .map(|col| {
            let cards = all(col, "li.board-card")
                .into_iter()
                .map(|c| attr(c, "data-project").to_string())
                .collect();
            (attr(col, "data-activity").to_string(), cards)
        })
        .collect()
}

fn columns(list: &[(&str, &[&str])]) -> Columns {
    list.iter()
        .map(|(a, ids)| (a.to_string(), ids.iter().map(|x| x.to_string()).collect()))
        .collect()
}

/// A card's blockers: (kind, text of the activity link).
fn blockers(doc: &Html, project: &str) -> Vec<(String, String)> {
    let card = select_one(doc, &format!("li.board-card[data-project=\"{project}\"]"));
    all(card, "li.blocker")
        .into_iter()
        .map(|b| (attr(b, "data-kind").to_string(), text(one(b, "a"))))
        .collect()
}

/// A person page's "waiting on" list: (kind, link text).
fn waiting(site: &Site, path: &str) -> Vec<(String, String)> {
    let doc = page(site, path);
    select(&doc, "#waiting li.waiting")
        .into_iter()
        .map(|w| (attr(w, "data-kind").to_string(), text(one(w, "a"))))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

// ---------------------------------------------------------------------------------------------
// Fixture: the board
// ---------------------------------------------------------------------------------------------

#[test]
fn the_board_has_a_column_per_current_activity_with_blocked_and_paused_work_marked() {
    let doc = page(fixture_site(), "board.html");
    assert_eq!(
        board_columns(&doc),
        columns(&[
            ("decide-metrics", &["gamma"]),
            ("specification", &["beta", "delta"]),
            ("privacy-review", &["alpha", "epsilon"]),
        ]),
        "active first, then proposed, then paused (epsilon), in process order"
    );
    let headings = texts(select_one(&doc, "main .board-columns"), "h2.board-column-h");
    assert_eq!(
        headings,
        [
            "1. Decide metrics needs (1)",
            "2. Write the specification (2)",
            "4. Privacy review (2)"
        ]
    );
    assert_eq!(
        text(select_one(&doc, ".board-summary")),
        "5 projects on the board, 1 blocked, 1 paused."
    );
    let card = |id: &str| select_one(&doc, &format!("li.board-card[data-project=\"{id}\"]"));
    // The paused card says so, in words and in its class; so does the blocked one.
    assert_eq!(attr(card("epsilon"), "data-lifecycle"), "paused");
    assert!(has_class(card("epsilon"), "lc-card-paused"));
    assert_eq!(texts(card("epsilon"), ".meta .badge.lc-paused"), ["Paused"]);
    assert!(has_class(card("beta"), "is-blocked"));
    assert_eq!(texts(card("beta"), ".meta .badge.st-blocked"), ["✕ Blocked"]);
    assert!(!has_class(card("alpha"), "is-blocked") && !has_class(card("alpha"), "lc-card-paused"));
    assert!(
        all(card("alpha"), ".badge[class*=\"lc-\"]").is_empty(),
        "an active card has no lifecycle badge"
    );
    assert_eq!(texts(card("delta"), ".meta .badge.lc-proposed"), ["Proposed"]);
    // The filter form is there for the script, hidden until it runs.
    let form = select_one(&doc, "form#board-filter");
    assert!(
        form.value().attr("hidden").is_some(),
        "no dead controls without JavaScript"
    );
    assert_eq!(
        texts(form, "label"),
        ["Team", "Person"],
        "the board filters by team and by person"
    );
}

#[test]
fn each_card_names_exactly_what_blocks_it() {
    let doc = page(fixture_site(), "board.html");
    assert_eq!(
        blockers(&doc, "alpha"),
        pairs(&[
            ("notice", "4. Privacy review"),
            ("awaiting-sign-off", "4. Privacy review")
        ]),
        "what is missing first; the sign-off of work in progress is awaited, not missing"
    );
    assert_eq!(
        blockers(&doc, "beta"),
        pairs(&[("blocked", "2. Write the specification")])
    );
    assert_eq!(
        blockers(&doc, "gamma"),
        pairs(&[("unfilled-role", "1. Decide metrics needs")])
    );
    assert_eq!(
        blockers(&doc, "delta"),
        pairs(&[
            ("prerequisite", "1. Decide metrics needs"),
            ("awaiting-sign-off", "2. Write the specification")
        ])
    );
    let card = |id: &str| select_one(&doc, &format!("li.board-card[data-project=\"{id}\"]"));
    let details = texts(card("alpha"), "li.blocker");
    assert_eq!(
        details,
        [
            "Notice 4. Privacy review: scheduled for 2026-11-11, but no notice is recorded; it is due by 2026-11-02",
            "Awaiting sign-off 4. Privacy review: waiting for Harriet Quigley to sign off",
        ]
    );
    assert_eq!(
        texts(card("gamma"), "li.blocker"),
        ["Nobody named 1. Decide metrics needs: nobody is named as Driver (Product Manager)"]
    );
    assert_eq!(
        texts(card("delta"), "li.blocker")[0],
        "Prerequisite 1. Decide metrics needs: not started, needed before 2. Write the specification"
    );
    // Blocker links go to the stage on the project's page.
    let link = all(card("alpha"), "li.blocker a")[0];
    assert_eq!(attr(link, "href"), "projects/alpha.html#stage-privacy-review");
}

#[test]
fn cards_say_since_when_with_a_time_element_and_no_day_count() {
    let site = fixture_site();
    let doc = page(site, "board.html");
    for (id, since) in [
        ("alpha", Some("2026-11-02")),
        ("beta", Some("2026-03-02")),
        ("gamma", None),
        ("delta", Some("2026-05-04")),
    ] {
        let card = select_one(&doc, &format!("li.board-card[data-project=\"{id}\"]"));
        let times = all(card, ".since time");
        match since {
            Some(date) => {
                assert_eq!(times.len(), 1, "{id}");
                assert_eq!(attr(times[0], "datetime"), date);
                assert_eq!(text(one(card, ".since")), format!("since {date}"));
            }
            None => assert!(times.is_empty(), "{id} has not started its current activity"),
        }
        assert!(!text(card).contains(" day"), "{id}: {}", text(card));
    }
    // The day count is the browser's job (tested in a browser: tests/z_browser/board.rs).
    let script = select_one(&doc, "head script[src=\"static/board.js\"]");
    assert!(script.value().attr("defer").is_some());
}

/// Sets the modification time of every file below `dir`.
fn touch_all(dir: &Path, when: std::time::SystemTime) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            touch_all(&path, when);
        } else {
            let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            f.set_modified(when).unwrap();
        }
    }
}

#[test]
fn the_board_and_people_pages_are_the_same_bytes_whatever_the_day() {
    // The records' file dates stand in for "today": the project pages show them (the book is
    // not in git), so they do change; the board and people pages must not.
    let book = fixture();
    let day = |secs: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    touch_all(&book.root().join("content"), day(1_577_836_800)); // 2020-01-01
    let first = build_site(book.root());
    touch_all(&book.root().join("content"), day(1_944_000_000)); // 2031-08-07
    let second = build_site(book.root());
    assert_ne!(
        first.files["projects/alpha.html"], second.files["projects/alpha.html"],
        "project pages show the record's date, so the two builds did see different days"
    );
    let pages: Vec<&String> = first
        .files
        .keys()
        .filter(|p| *p == "board.html" || *p == "people.html" || p.starts_with("people/"))
        .collect();
    assert!(pages.len() > 5, "{pages:?}");
    for p in pages {
        assert_eq!(first.files[p], second.files[p], "{p} depends on the day");
    }
    // Every date on the board comes from a record.
    let board = file_text(&first, "board.html");
    let records: String = ["alpha", "beta", "gamma", "delta", "epsilon"]
        .iter()
        .map(|id| std::fs::read_to_string(book.path(&format!("content/projects/{id}.yaml"))).unwrap())
        .collect();
    let re = regex::Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap();
    for m in re.find_iter(board) {
        assert!(
            records.contains(m.as_str()),
            "{} on the board is not a record's date",
            m.as_str()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fixture: people
// ---------------------------------------------------------------------------------------------

#[test]
fn the_same_person_named_in_two_records_has_one_page_listing_both() {
    let site = fixture_site();
    let person_pages: Vec<&String> = site.files.keys().filter(|p| p.starts_with("people/")).collect();
    assert_eq!(
        person_pages,
        [
            "people/chris-park-2.html",
            "people/chris-park.html",
            "people/hq.html",
            "people/ingrid-solberg.html",
            "people/jdoe.html",
            "people/priya-raman.html",
            "people/sam-lee.html",
        ]
    );
    // Jane Doe: with her handle in alpha and (written `@JDoe`) in epsilon, by name only (in
    // other case and spacing) in beta.
    let doc = page(site, "people/jdoe.html");
    assert_eq!(text(select_one(&doc, "main h1")), "Jane Doe");
    let projects: Vec<String> = select(&doc, "table.person-projects tbody tr")
        .into_iter()
        .map(|tr| attr(tr, "data-project").to_string())
        .collect();
    assert_eq!(projects, ["alpha", "beta", "epsilon"]);
    assert_eq!(
        text(select_one(&doc, "main header .muted")),
        "Also written as: Jane M. Doe"
    );
    assert_eq!(texts(select(&doc, "main header").remove(0), ".handle"), ["@jdoe"]);
    // Priya Raman, never with a handle, is one person by name.
    let doc = page(site, "people/priya-raman.html");
    let projects: Vec<String> = select(&doc, "table.person-projects tbody th a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        projects,
        ["Alpha", "Beta", "Gamma", "Delta"],
        "grouped by roles: Delta adds one"
    );
}

#[test]
fn two_people_with_the_same_slug_get_a_stable_suffix() {
    let site = fixture_site();
    assert_eq!(
        text(select_one(&page(site, "people/chris-park.html"), "main h1")),
        "Christopher Park"
    );
    assert_eq!(
        text(select_one(&page(site, "people/chris-park-2.html"), "main h1")),
        "Chris Park"
    );
    // The suffix does not depend on the order of the records.
    let book = fixture();
    let mut projects = model(book.root()).projects;
    let slugs = |d: &Directory| {
        d.people
            .iter()
            .map(|e| (e.name.clone(), e.slug.clone()))
            .collect::<BTreeSet<_>>()
    };
    let forward = slugs(&Directory::new(&projects));
    projects.reverse();
    assert_eq!(forward, slugs(&Directory::new(&projects)));
}

#[test]
fn person_pages_show_exactly_what_waits_on_them_now() {
    let site = fixture_site();
    assert_eq!(
        waiting(site, "people/hq.html"),
        pairs(&[
            ("sign-off", "Alpha · 4. Privacy review"),
            ("review", "Alpha · 4. Privacy review"),
        ])
    );
    // Jane drives alpha's review; epsilon is paused; beta's specification is blocked, not in
    // progress, so her sign-off there is not due.
    assert_eq!(
        waiting(site, "people/jdoe.html"),
        pairs(&[("review", "Alpha · 4. Privacy review")])
    );
    assert_eq!(
        waiting(site, "people/priya-raman.html"),
        pairs(&[("review", "Alpha · 4. Privacy review")])
    );
    assert_eq!(
        waiting(site, "people/sam-lee.html"),
        pairs(&[("sign-off", "Delta · 2. Write the specification")])
    );
    for nobody in [
        "people/ingrid-solberg.html",
        "people/chris-park.html",
        "people/chris-park-2.html",
    ] {
        assert_eq!(waiting(site, nobody), vec![], "{nobody}");
        let doc = page(site, nobody);
        assert!(text(select_one(&doc, "#waiting .empty-note")).starts_with("Nothing is waiting on"));
    }
    let doc = page(site, "people/hq.html");
    assert_eq!(
        text(select_one(&doc, "#waiting-h")),
        "Waiting on Harriet Quigley now (2)"
    );
    let item = select_one(&doc, "#waiting li.waiting[data-kind=\"review\"]");
    assert_eq!(
        text(item),
        "Review Alpha · 4. Privacy review is scheduled for 2026-11-11 (in progress); as Approver (Legal / Privacy)"
    );
    assert_eq!(
        attr(one(item, "a"), "href"),
        "../projects/alpha.html#stage-privacy-review"
    );
}

/// A role set's projects: (project id, text of the "now at" link, status class, their part).
fn role_set_rows(set: ElementRef) -> Vec<(String, String, String, String)> {
    all(set, "tbody tr")
        .into_iter()
        .map(|tr| {
            let cells = all(tr, "td");
            let status = one(cells[1], ".badge")
                .value()
                .classes()
                .find(|c| c.starts_with("st-"))
                .unwrap();
            (
                attr(tr, "data-project").to_string(),
                text(one(cells[1], "a")),
                status.to_string(),
                text(cells[2]),
            )
        })
        .collect()
}

fn quads(list: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    list.iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect()
}

#[test]
fn a_person_page_groups_projects_by_their_roles_and_says_what_the_roles_do() {
    let site = fixture_site();
    let doc = page(site, "people/jdoe.html");
    let sets = select(&doc, "section.role-set");
    assert_eq!(sets.len(), 1);
    assert_eq!(text(one(sets[0], "h3")), "As Product Manager (3 projects)");
    let lines: Vec<(String, Vec<String>)> = all(sets[0], ".duty-line")
        .into_iter()
        .map(|l| (attr(l, "data-code").to_string(), texts(l, ".duty-activities a")))
        .collect();
    let line = |code: &str, names: &[&str]| (code.to_string(), names.iter().map(|n| n.to_string()).collect());
    assert_eq!(
        lines,
        vec![
            line("D", &["1. Decide metrics needs", "4. Privacy review"]),
            line(
                "A",
                &["2. Write the specification", "3. Add the fields to the data dictionary"]
            ),
        ]
    );
    assert_eq!(
        role_set_rows(sets[0]),
        quads(&[
            ("alpha", "4. Privacy review", "st-in-progress", "D Driver"),
            ("beta", "2. Write the specification", "st-blocked", "A Approver"),
            ("epsilon", "4. Privacy review", "st-in-progress", "D Driver"),
        ])
    );

    // Priya is the data analyst of four projects, and in delta its software engineer as well.
    let doc = page(site, "people/priya-raman.html");
    let sets = select(&doc, "section.role-set");
    let heads: Vec<String> = sets.iter().map(|s| text(one(*s, "h3"))).collect();
    assert_eq!(
        heads,
        [
            "As Data Analyst (3 projects)",
            "As Data Analyst and Software Engineer (1 project)"
        ]
    );
    assert_eq!(
        role_set_rows(sets[1]),
        quads(&[(
            "delta",
            "2. Write the specification",
            "st-in-progress",
            "D Driver, C Contributor"
        )])
    );
    let gamma = role_set_rows(sets[0]).pop().unwrap();
    assert_eq!(
        gamma,
        (
            "gamma".into(),
            "1. Decide metrics needs".into(),
            "st-not-started".into(),
            "I Informed".into()
        )
    );
}

#[test]
fn names_on_project_and_role_pages_link_to_their_person_page() {
    let site = fixture_site();
    let doc = page(site, "projects/beta.html");
    let links: Vec<(String, String)> = select(&doc, "table.people-table a.person-name")
        .into_iter()
        .map(|a| (text(a), attr(a, "href").to_string()))
        .collect();
    assert_eq!(
        links,
        pairs(&[
            ("jane DOE", "../people/jdoe.html"),
            ("Priya Raman", "../people/priya-raman.html"),
            ("Christopher Park", "../people/chris-park.html"),
        ])
    );
    let doc = page(site, "roles/software-engineer.html");
    let links: Vec<(String, String)> = select(&doc, "#holders a.person-name")
        .into_iter()
        .map(|a| (text(a), attr(a, "href").to_string()))
        .collect();
    assert_eq!(
        links,
        pairs(&[
            ("Christopher Park", "../people/chris-park.html"),
            ("Priya Raman", "../people/priya-raman.html"),
            ("Chris Park", "../people/chris-park-2.html"),
        ])
    );
}

#[test]
fn the_people_index_lists_everyone_with_their_counts() {
    let doc = page(fixture_site(), "people.html");
    let rows: Vec<(String, String, String, String)> = select(&doc, "table.people-index tbody tr")
        .into_iter()
        .map(|tr| {
            let cells = all(tr, "td");
            (
                text(one(tr, "th a")),
                attr(one(tr, "th a"), "href").to_string(),
                text(cells[1]),
                text(cells[2]),
            )
        })
        .collect();
    let want = [
        ("Chris Park", "people/chris-park-2.html", "1", "–"),
        ("Christopher Park", "people/chris-park.html", "1", "–"),
        ("Harriet Quigley", "people/hq.html", "1", "2"),
        ("Ingrid Solberg", "people/ingrid-solberg.html", "1", "–"),
        ("Jane Doe", "people/jdoe.html", "3", "1"),
        ("Priya Raman", "people/priya-raman.html", "4", "1"),
        ("Sam Lee", "people/sam-lee.html", "1", "1"),
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(rows, want);
    // Both pages are in the navigation of every page.
    let nav: Vec<String> = select(&doc, "nav.site-nav a").into_iter().map(text).collect();
    assert!(
        nav.contains(&"Board".to_string()) && nav.contains(&"People".to_string()),
        "{nav:?}"
    );
    assert_eq!(
        attr(select_one(&doc, "nav.site-nav a[aria-current=\"page\"]"), "href"),
        "people.html"
    );
}

// ---------------------------------------------------------------------------------------------
// Fixture: completeness
// ---------------------------------------------------------------------------------------------

fn item(id: &'static str, label: &'static str, done: usize, total: usize) -> Item {
    Item { id, label, done, total }
}

#[test]
fn completeness_counts_people_fields_retention_and_approvals() {
    let book = fixture();
    let m = model(book.root());
    let process = process(&m);
    let of = |id: &str| completeness(process, m.projects.iter().find(|p| p.id == id).unwrap());
    // Alpha: Product Manager, Data Analyst and Legal/Privacy (the roles that drive or approve
    // anything) are all filled; 2 of 3 fields described; no personal field, so retention is
    // decided; the specification is done and signed off (decide-metrics waives its approver).
    let alpha = of("alpha");
    assert_eq!(
        alpha.items,
        [
            item("people", "Lead roles filled", 3, 3),
            item("fields", "Fields described", 2, 3),
            item("retention", "Retention decided", 1, 1),
            item("approvals", "Sign-offs recorded", 1, 1),
        ]
    );
    assert_eq!(alpha.percent, 91, "the mean of 1, 2/3, 1 and 1");
    // Gamma: one of three roles filled, no schema, nothing done.
    let gamma = of("gamma");
    assert_eq!(
        gamma.items,
        [
            item("people", "Lead roles filled", 1, 3),
            item("fields", "Fields described", 0, 0),
            item("retention", "Retention decided", 0, 0),
            item("approvals", "Sign-offs recorded", 0, 0),
        ]
    );
    assert_eq!(gamma.percent, 33);

    // A personal field without retention would leave retention undecided (the check refuses to
    // build such a record, but the count is still right).
    let mut personal = m.projects.iter().find(|p| p.id == "alpha").unwrap().clone();
    let schema = personal.record.value.schema.as_mut().unwrap();
    schema.fields[2].sensitivity = dacibook::model::Sensitivity::Personal;
    assert_eq!(
        completeness(process, &personal).items[2],
        item("retention", "Retention decided", 0, 1)
    );
}

#[test]
fn completeness_shows_on_the_project_page_and_the_board_card() {
    let site = fixture_site();
    let doc = page(site, "projects/alpha.html");
    let section = select_one(&doc, "section#completeness");
    assert_eq!(text(one(section, "h2")), "How complete the record is");
    let items: Vec<(String, String)> = all(section, "li")
        .into_iter()
        .map(|li| (text(one(li, ".ci-label")), text(one(li, ".ci-count"))))
        .collect();
    // Alpha has no personal or sensitive field and no retention block: none is needed.
    assert_eq!(
        items,
        pairs(&[
            ("Lead roles filled", "3/3"),
            ("Fields described", "2/3"),
            ("Retention decided", "not needed"),
            ("Sign-offs recorded", "1/1")
        ])
    );
    let doc = page(site, "projects/gamma.html");
    let na: Vec<String> = select(&doc, "section#completeness li.is-na")
        .into_iter()
        .map(|li| attr(li, "data-item").to_string())
        .collect();
    assert_eq!(na, ["fields", "retention", "approvals"]);

    let board = page(site, "board.html");
    let line = select_one(&board, "li.board-card[data-project=\"alpha\"] .completeness-line");
    assert_eq!(attr(line, "data-percent"), "91");
    assert_eq!(
        text(line),
        "91% complete: lead roles filled 3/3 · fields described 2/3 · retention decided not needed · sign-offs recorded 1/1",
        "worded as the project's page words them"
    );
    let line = select_one(&board, "li.board-card[data-project=\"gamma\"] .completeness-line");
    assert_eq!(
        text(line),
        "33% complete: lead roles filled 1/3",
        "items that do not apply are left out"
    );
}

#[test]
fn record_strings_on_the_new_pages_are_escaped() {
    let book = fixture();
    book.patch(
        "content/projects/gamma.yaml",
        "    - name: Chris Park\n",
        "    - name: \"<script>alert(1)</script>\"\n      handle: \"\\\"><img src=x onerror=alert(1)>\"\n",
    );
    book.patch(
        "content/projects/gamma.yaml",
        "title: Gamma\n",
        "title: \"<b>Gamma</b>\"\n",
    );
    let site = build_site(book.root());
    let person = site
        .files
        .keys()
        .find(|p| p.starts_with("people/img-src"))
        .unwrap_or_else(|| {
            panic!(
                "a page slugged from the handle: {:?}",
                site.files.keys().collect::<Vec<_>>()
            )
        });
    let doc = page(&site, person);
    assert_eq!(text(select_one(&doc, "main h1")), "<script>alert(1)</script>");
    assert!(select(&doc, "main script, main img, main b").is_empty());
    let board = page(&site, "board.html");
    let card = select_one(&board, "li.board-card[data-project=\"gamma\"]");
    assert_eq!(text(one(card, "h3")), "<b>Gamma</b>");
    assert!(all(card, "b").is_empty());
    let index = page(&site, "people.html");
    assert!(select(&index, "main script, main img").is_empty());
}

// ---------------------------------------------------------------------------------------------
// The repository's own book
// ---------------------------------------------------------------------------------------------

#[test]
fn the_repo_board_shows_the_active_and_paused_projects_at_their_current_activity() {
    let doc = page(repo_site(), "board.html");
    assert_eq!(
        board_columns(&doc),
        columns(&[
            ("define-questions", &["android-reading-streaks"]),
            (
                "privacy-review",
                &["reference-previews-engagement", "mentor-contact-opt-in"]
            ),
            ("long-term-support", &["edit-funnel"]),
        ]),
        "the paused project blocked at the privacy review is on the board; the decommissioned one is not"
    );
    let paused = select_one(&doc, "li.board-card[data-project=\"mentor-contact-opt-in\"]");
    assert!(has_class(paused, "lc-card-paused") && has_class(paused, "is-blocked"));
    assert_eq!(
        texts(paused, "li.blocker"),
        ["Blocked 4. Schema privacy review: the stage is marked blocked"]
    );
    // Work in progress awaits its sign-off: nothing is missing yet.
    assert_eq!(
        texts(
            select_one(&doc, "li.board-card[data-project=\"reference-previews-engagement\"]"),
            "li.blocker"
        ),
        ["Awaiting sign-off 4. Schema privacy review: waiting for Harriet Quigley to sign off"]
    );
    assert_eq!(
        blockers(&doc, "android-reading-streaks"),
        pairs(&[(
            "awaiting-sign-off",
            "2. Define research questions, metrics and instrumentation data"
        )])
    );
    assert_eq!(
        blockers(&doc, "edit-funnel"),
        pairs(&[("awaiting-sign-off", "12. Long-term support (LTS)")])
    );
    assert!(
        !file_text(repo_site(), "board.html").contains("Missing sign-off"),
        "no stage of the repo's book is done without its sign-off"
    );
    let since: Vec<&str> = select(&doc, ".board-card .since time")
        .into_iter()
        .map(|t| attr(t, "datetime"))
        .collect();
    assert_eq!(since, ["2026-11-16", "2026-11-23", "2026-09-09", "2025-06-13"]);
}

#[test]
fn the_repo_people_pages_cover_everyone_named_and_what_waits_on_them() {
    let site = repo_site();
    let book = model(Path::new(REPO));
    // One page per distinct handle (every person in the repo's records has one).
    let mut handles: BTreeSet<String> = BTreeSet::new();
    for p in &book.projects {
        for person in p.people.values().flatten() {
            handles.insert(person.handle.clone().expect("the repo's people have handles"));
        }
    }
    let pages: BTreeSet<String> = site
        .files
        .keys()
        .filter_map(|p| p.strip_prefix("people/").and_then(|p| p.strip_suffix(".html")))
        .map(str::to_string)
        .collect();
    assert_eq!(pages, handles);
    // Harriet Quigley is Legal/Privacy in four projects; only the active one's review waits on
    // her (the paused project's blocked review does not).
    assert_eq!(
        waiting(site, "people/hquigley.html"),
        pairs(&[
            ("sign-off", "Reference previews engagement · 4. Schema privacy review"),
            ("review", "Reference previews engagement · 4. Schema privacy review"),
        ])
    );
    assert_eq!(
        waiting(site, "people/mosei.html"),
        pairs(&[(
            "sign-off",
            "Android reading streaks · 2. Define research questions, metrics and instrumentation data"
        )])
    );
    let doc = page(site, "people/hquigley.html");
    assert_eq!(select(&doc, "table.person-projects tbody tr").len(), 4);
    // Every name in a project's people table links to a page whose heading is that name.
    for p in &book.projects {
        let path = format!("projects/{}.html", p.id);
        let doc = page(site, &path);
        for a in select(&doc, "table.people-table a.person-name") {
            let Target::Internal(target, _) = resolve(&path, attr(a, "href"), None) else {
                panic!("{path}: {}", a.html());
            };
            let person = page(site, &target);
            assert_eq!(text(select_one(&person, "main h1")), text(a), "{path} → {target}");
        }
    }
}

#[test]
fn the_repo_project_page_shows_completeness() {
    let doc = page(repo_site(), "projects/android-reading-streaks.html");
    let section = select_one(&doc, "section#completeness");
    let items: Vec<(String, String)> = all(section, "li")
        .into_iter()
        .map(|li| (attr(li, "data-item").to_string(), text(one(li, ".ci-count"))))
        .collect();
    // Legal/Privacy and the AE software engineer (who approve the privacy review, activation
    // and verification) are not named yet; there is no schema and nothing approved yet.
    assert_eq!(
        items,
        pairs(&[
            ("people", "4/6"),
            ("fields", "n/a"),
            ("retention", "n/a"),
            ("approvals", "n/a")
        ])
    );
    // The two lead roles nobody fills are the ones listed beside the count.
    let unfilled: Vec<String> = select(&doc, "p.unfilled[data-unfilled=lead] abbr")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(unfilled, ["AE SE", "Legal"]);
    assert_eq!(text(one(section, "h2")), "How complete the record is");
}

#[test]
fn record_links_to_people_pages_are_checked() {
    let book = fixture();
    book.patch(
        "content/projects/gamma.yaml",
        "title: Gamma\n",
        "title: Gamma\nsummary: Ask [Jane](people/jdoe.html) or [Sam](people/sam-le.html); see the [board](board.html).\n",
    );
    let diags = book.check();
    let broken: Vec<_> = diags.iter().filter(|d| d.code == "broken-link").collect();
    assert_eq!(broken.len(), 1, "{}", common::dump(&diags));
    assert!(
        broken[0].message.contains("people/sam-le.html"),
        "{}",
        broken[0].message
    );
    assert_eq!(
        broken[0].hint.as_deref(),
        Some("did you mean `people/sam-lee.html`? (links in records are relative to the site's root)")
    );
}
