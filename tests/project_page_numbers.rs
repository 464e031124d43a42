//! Project pages that add up: each number is named for what it counts and agrees with the list
//! beside it, Markdown is rendered wherever a record's prose is shown, field names link to
//! their dictionary entries, and every cell of a table that reflows on a phone is labelled
//! with its column's header.

mod common;

use common::site::{all, attr, build_site, has_class, html_paths, one, page, repo_site, select, select_one, text};
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
        let finished = select(&doc, "tbody.stage.st-done, tbody.stage.st-skipped").len();
        let stages = select(&doc, "tbody.stage").len();
        assert_eq!(label, format!("Stages finished: {finished} of {stages}"), "{path}");
        let top = text(select_one(&doc, "#progress")) + &text(select_one(&doc, "#completeness"));
        assert!(!top.contains('%'), "{path}: a percentage beside the counts: {top}");
    }
}

#[test]
fn checklists_are_listed_only_where_some_items_are_open() {
    let site = repo_site();
    let doc = page(site, "projects/edit-funnel.html");
    for stage in select(&doc, "tbody.stage") {
        // The last cell of the stage's row: `checked/total`, empty without a checklist.
        let count = text(all(stage, "tr:first-child > td")[5]);
        let status = ["in-progress", "blocked", "done", "skipped", "not-started"]
            .into_iter()
            .find(|st| stage.value().classes().any(|c| c == format!("st-{st}")))
            .expect("a status class");
        let listed = all(stage, ".checklist li").len();
        if count.is_empty() {
            assert!(listed == 0, "{count}");
            continue;
        }
        let (checked, total) = fraction(&count);
        let open = matches!(status, "in-progress" | "blocked") || (checked > 0 && checked < total);
        if open {
            assert_eq!(listed, total, "{}: every item listed", attr(stage, "id"));
        } else {
            // All ticked or none: the count says which, and the stage's name leads to the
            // activity's page, which lists the checklist.
            assert_eq!(listed, 0, "{}", attr(stage, "id"));
            assert!(checked == total || checked == 0, "{}", attr(stage, "id"));
            let id = attr(stage, "id").strip_prefix("stage-").unwrap();
            assert_eq!(attr(one(stage, "th a"), "href"), format!("../activities/{id}.html"));
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
            let name = text(one(th, "code"));
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
    // A table marked `css-labels` (its rows are alike) is labelled by the stylesheet, by
    // column: `.<its class> td:nth-child(<n>)::before { content: "<header>"; }`.
    let css = common::site::file_text(site, "static/style.css");
    for path in html_paths(site) {
        let doc = page(site, path);
        for table in select(&doc, "table.reflow, .prose table") {
            let heads = headers(table);
            let markdown = !table.value().classes().any(|c| c == "reflow");
            let by_css = table.value().classes().any(|c| c == "css-labels").then(|| {
                table
                    .value()
                    .classes()
                    .find(|c| !["data", "reflow", "css-labels"].contains(c))
                    .expect("a class naming the table")
            });
            for row in all(table, "tbody tr") {
                for (i, cell) in row.children().filter_map(ElementRef::wrap).enumerate() {
                    if let Some(class) = by_css {
                        if cell.value().attr("colspan").is_some() {
                            // A stage's notes and checklist, under its row: headed inside.
                            assert!(has_class(row, "more"), "{path}: {}", row.html());
                            continue;
                        }
                        assert_eq!(cell.value().attr("data-label"), None, "{path}: {}", cell.html());
                        if cell.value().name() == "td" {
                            let rule = format!(".{class} td:nth-child({}) {{ content: \"{}\"; }}", i + 1, heads[i])
                                .replace(") {", ")::before {");
                            assert!(css.contains(&rule), "{path}: no `{rule}` in the stylesheet");
                            cells += 1;
                        }
                        continue;
                    }
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
    let columns: Vec<&str> = select(&doc, "#own-matrix thead th:not(.corner) a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(columns, ["../roles/product-manager.html"]);
    // The header names the role; People, above, says who fills it.
    assert_eq!(
        attr(select_one(&doc, "#own-matrix thead th:not(.corner) a"), "title"),
        "Product Manager"
    );
    let people = select_one(&doc, "#people tr[data-role=product-manager]");
    assert_eq!(text(one(people, ".person-name")), "Sam Lee");

    let site = repo_site();
    let doc = page(site, "projects/edit-funnel.html");
    let list = select_one(&doc, "#own-matrix ol.why-notes");
    let heading = text(select_one(&doc, &format!("#{}", attr(list, "aria-labelledby"))));
    assert!(heading.starts_with("Inferred cells"), "{heading}");
    let notes: Vec<String> = all(list, "li").into_iter().map(text).collect();
    for (n, li) in all(list, "li").into_iter().enumerate() {
        assert_eq!(attr(li, "id"), format!("own-why-{}", n + 1));
    }
    let marked = select(&doc, "#own-matrix td.q");
    assert!(!marked.is_empty(), "the repo's process has inferred cells");
    for td in marked {
        // The cell's letter, then the number of its note, linked to the note.
        let link = one(td, "a");
        let href = attr(link, "href");
        let n: usize = href.strip_prefix("#own-why-").unwrap().parse().unwrap();
        assert_eq!(text(link), n.to_string());
        assert!(n <= notes.len() && !notes[n - 1].is_empty(), "{href}");
        assert!(
            td.value().attr("title").is_none() && all(td, "[title]").is_empty(),
            "no tooltip: the note is a tap away"
        );
    }
    let unique: std::collections::BTreeSet<&String> = notes.iter().collect();
    assert_eq!(unique.len(), notes.len(), "each reason is one note");
}
