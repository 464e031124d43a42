//! Project pages that add up: each number is named for what it counts and agrees with the list
//! beside it, Markdown is rendered wherever a record's prose is shown, field names link to
//! their dictionary entries, and every cell of a table that reflows on a phone is labelled
//! with its column's header.

mod common;

use common::site::{all, attr, build_site, html_paths, one, page, repo_site, select, select_one, text};
use common::Book;
use dacibook::site::Site;
use scraper::{ElementRef, Html};

/// The fixture book, with a sampling method and stage notes written in Markdown.
fn fixture_site() -> Site {
    let book = Book::valid();
    book.patch(
        "content/projects/reading-depth.yaml",
        "    unit: session\n",
        "    unit: session\n    method: \"**Every** tenth session, by `session_id`\"\n",
    );
    book.patch(
        "content/projects/reading-depth.yaml",
        "    scheduled: 2026-11-11\n",
        "    scheduled: 2026-11-11\n    notes: \"Waiting for *Legal*; see [the ticket](https://example.org/t/1)\"\n",
    );
    build_site(book.root())
}

/// The record lines of a project page: (item, count).
fn record(doc: &Html) -> Vec<(String, String)> {
    select(doc, "#completeness li")
        .into_iter()
        .map(|li| (attr(li, "data-item").to_string(), text(one(li, ".ci-count"))))
        .collect()
}

fn count_of(doc: &Html, item: &str) -> String {
    record(doc)
        .into_iter()
        .find(|(id, _)| id == item)
        .map(|(_, c)| c)
        .unwrap_or_else(|| panic!("no `{item}` line"))
}

/// `done/total` as numbers.
fn fraction(count: &str) -> (usize, usize) {
    let (done, total) = count
        .split_once('/')
        .unwrap_or_else(|| panic!("not a fraction: {count}"));
    (done.parse().unwrap(), total.parse().unwrap())
}

fn project_pages(site: &Site) -> Vec<&str> {
    html_paths(site)
        .into_iter()
        .filter(|p| p.starts_with("projects/"))
        .collect()
}

#[test]
fn the_lead_roles_count_matches_the_list_of_lead_roles_nobody_fills() {
    let site = repo_site();
    let roles = dacibook_roles();
    for path in project_pages(site) {
        let doc = page(site, path);
        let (filled, total) = fraction(&count_of(&doc, "people"));
        let unfilled_lead = select(&doc, "p.unfilled[data-unfilled=lead] a").len();
        assert_eq!(
            total - filled,
            unfilled_lead,
            "{path}: the count and the list of lead roles"
        );
        let unfilled_other = select(&doc, "p.unfilled[data-unfilled=other] a").len();
        let rows = select(&doc, "table.people-table tbody tr").len();
        assert_eq!(
            rows + unfilled_lead + unfilled_other,
            roles,
            "{path}: every role is in the table or one of the lists"
        );
    }
}

/// The number of roles of the repository's process.
fn dacibook_roles() -> usize {
    let book = common::site::model(std::path::Path::new(common::site::REPO));
    common::site::process(&book).roles.len()
}

#[test]
fn the_retention_count_says_what_the_retention_line_says() {
    let site = fixture_site();
    // Reading depth purges after 90 days; Search clicks has no retention and needs none.
    for (path, count, line) in [
        ("projects/reading-depth.html", "yes", "Raw events purged after 90 days"),
        (
            "projects/search-clicks.html",
            "not needed",
            "No purge needed: no field is personal or sensitive",
        ),
    ] {
        let doc = page(&site, path);
        assert_eq!(count_of(&doc, "retention"), count, "{path}");
        let facts = select(&doc, "#schema dl.facts > div");
        let retention = facts
            .into_iter()
            .find(|d| text(one(*d, "dt")) == "Retention")
            .expect("a Retention line");
        assert!(
            text(one(retention, "dd")).starts_with(line),
            "{path}: {}",
            text(one(retention, "dd"))
        );
    }
}

#[test]
fn stage_progress_is_one_named_count_and_no_percentage() {
    let site = repo_site();
    for path in project_pages(site) {
        let doc = page(site, path);
        let label = text(select_one(&doc, "#progress label"));
        let finished = select(&doc, ".stage[data-status=done], .stage[data-status=skipped]").len();
        let stages = select(&doc, ".stage").len();
        assert_eq!(label, format!("Stages finished: {finished} of {stages}"), "{path}");
        let top = text(select_one(&doc, "#progress")) + &text(select_one(&doc, "#completeness"));
        assert!(!top.contains('%'), "{path}: a percentage beside the counts: {top}");
    }
}

#[test]
fn checklists_are_listed_only_where_some_items_are_open() {
    let site = repo_site();
    let doc = page(site, "projects/edit-funnel.html");
    for stage in select(&doc, ".stage") {
        let count = text(one(stage, ".stage-count"));
        let status = attr(stage, "data-status");
        let listed = all(stage, ".checklist li").len();
        let summary = all(stage, ".checklist-summary");
        if count.is_empty() {
            assert!(listed == 0 && summary.is_empty(), "{count}");
            continue;
        }
        let (checked, total) = fraction(count.trim_end_matches(" checked"));
        let open = matches!(status, "in-progress" | "blocked") || (checked > 0 && checked < total);
        if open {
            assert_eq!(listed, total, "{}: every item listed", attr(stage, "id"));
        } else {
            assert_eq!(listed, 0, "{}", attr(stage, "id"));
            let line = text(summary[0]);
            let expected = if checked == total {
                format!("All {total} checklist items ticked: the checklist.")
            } else {
                format!("None of the {total} checklist items ticked yet: the checklist.")
            };
            assert_eq!(line, expected, "{}", attr(stage, "id"));
        }
    }
}

#[test]
fn markdown_in_the_sampling_method_and_stage_notes_is_rendered() {
    let site = fixture_site();
    let doc = page(&site, "projects/reading-depth.html");
    let sampling = select(&doc, "#schema dl.facts > div")
        .into_iter()
        .find(|d| text(one(*d, "dt")) == "Sampling")
        .expect("a Sampling line");
    let note = one(sampling, ".fact-note");
    assert_eq!(text(one(note, "strong")), "Every");
    assert_eq!(text(one(note, "code")), "session_id");
    assert!(!text(note).contains("**"), "{}", note.html());
    let notes = select_one(&doc, "#stage-privacy-review .notes");
    assert_eq!(text(one(notes, "em")), "Legal");
    assert_eq!(attr(one(notes, "a"), "href"), "https://example.org/t/1");
}

#[test]
fn each_field_name_links_to_its_entry_in_the_dictionary() {
    let site = repo_site();
    let mut links = 0;
    for path in project_pages(site) {
        let doc = page(site, path);
        for th in select(&doc, "table.dict-table tbody th") {
            let name = text(one(th, "code.field-name"));
            let href = attr(one(th, "a"), "href");
            let (file, anchor) = href.split_once('#').expect("a link to an anchor");
            let target = file.strip_prefix("../").expect("from the projects folder");
            assert!(target.starts_with("dictionary/"), "{path}: {name} links to {href}");
            let entry = page(site, target);
            let section = select_one(&entry, &format!("section.entry[id=\"{anchor}\"]"));
            assert_eq!(attr(section, "data-field"), name, "{path}: {href}");
            links += 1;
        }
    }
    assert!(links > 50, "only {links} field links were checked");
}

/// The header texts of `table`, by column.
fn headers(table: ElementRef) -> Vec<String> {
    all(table, "thead th").into_iter().map(text).collect()
}

#[test]
fn every_cell_of_a_table_that_reflows_is_labelled_with_its_column() {
    let site = repo_site();
    let mut cells = 0;
    let mut markdown_cells = 0;
    for path in html_paths(site) {
        let doc = page(site, path);
        for table in select(&doc, "table.reflow, .prose table") {
            let heads = headers(table);
            let markdown = !table.value().classes().any(|c| c == "reflow");
            for row in all(table, "tbody tr") {
                for (i, cell) in row.children().filter_map(ElementRef::wrap).enumerate() {
                    let label = cell.value().attr("data-label");
                    let expected = match cell.value().attr("colspan") {
                        Some(_) => Some("Notes"),
                        None if heads[i].is_empty() => None,
                        None => Some(heads[i].as_str()),
                    };
                    // A Markdown table's row header cells are its header row only.
                    if markdown && cell.value().name() == "th" {
                        continue;
                    }
                    assert_eq!(label, expected, "{path}: cell {i} of {}", row.html());
                    cells += 1;
                    markdown_cells += usize::from(markdown);
                }
            }
        }
    }
    assert!(cells > 100, "only {cells} cells were checked");
    assert!(markdown_cells > 10, "only {markdown_cells} Markdown cells were checked");
}

#[test]
fn the_own_matrix_leaves_out_roles_nobody_fills_and_numbers_its_inferred_cells() {
    let site = fixture_site();
    let doc = page(&site, "projects/search-clicks.html");
    // Search clicks names only a product manager.
    let columns: Vec<&str> = select(&doc, "#own-matrix thead th.role-col")
        .into_iter()
        .map(|th| attr(th, "data-role"))
        .collect();
    assert_eq!(columns, ["product-manager"]);
    assert_eq!(
        attr(select_one(&doc, "#own-matrix thead th.role-col abbr"), "title"),
        "Product Manager: Sam Lee"
    );

    let site = repo_site();
    let doc = page(site, "projects/edit-funnel.html");
    let notes: Vec<String> = select(&doc, "#own-matrix ol.why-notes li")
        .into_iter()
        .map(text)
        .collect();
    let marked = select(&doc, "#own-matrix td.is-inferred");
    assert!(!marked.is_empty(), "the repo's process has inferred cells");
    for td in marked {
        let id = attr(td, "aria-describedby");
        let n: usize = id.strip_prefix("own-why-").unwrap().parse().unwrap();
        assert_eq!(attr(one(td, "a.why"), "href"), format!("#{id}"));
        assert!(notes[n - 1].contains("Inferred:"), "{}", notes[n - 1]);
        assert!(
            td.value().attr("title").is_none() && all(td, "[title]").len() == 1,
            "one tooltip"
        );
    }
    let unique: std::collections::BTreeSet<&String> = notes.iter().collect();
    assert_eq!(unique.len(), notes.len(), "each reason is one note");
}
