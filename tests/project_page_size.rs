//! A project page stays small (issue 20): in a book of many projects, each filling every role
//! of the repository's process, with every stage recorded and 25 fields, a project's page is
//! under a bound the old page (a box per stage, a tooltip per matrix cell, a label per
//! dictionary cell) was far over, and it does not grow with the number of projects; its stage
//! table still carries every stage's dates, sign-off and notes.

mod common;

use common::site::{all, build_site, file_text, model, one, page, process, select_one, text, REPO};
use common::Book;
use std::fmt::Write;
use std::path::Path;

/// The most bytes of the page of a project like the corpus's (`cargo run --example corpus`):
/// the old template made it 85,325 bytes, this one about 52,600.
const BOUND: usize = 56 * 1024;

const ROLES: &[&str] = &[
    "head-of-product-analytics",
    "data-analyst",
    "ri-engineering-manager",
    "ri-data-engineer",
    "product-software-engineer",
    "research-software-engineer",
    "ae-engineering-manager",
    "ae-software-engineer",
    "product-manager",
    "legal-privacy",
    "security",
    "management",
];

/// The repository's activities, each with the ids of its checklist's items.
fn stages() -> Vec<(String, Vec<String>)> {
    let book = model(Path::new(REPO));
    process(&book)
        .activities
        .iter()
        .map(|a| (a.id.clone(), a.checklist.iter().map(|c| c.id.clone()).collect()))
        .collect()
}

/// Project `i`'s record: two people in each role, every stage finished and signed off but the
/// last (in progress), each with a note, and `fields` fields.
fn record(i: usize, fields: usize, stages: &[(String, Vec<String>)]) -> String {
    let mut y = format!("title: Project {i}\nsummary: Measures feature {i}.\nstatus: active\nteam: Search\npeople:\n");
    for (k, role) in ROLES.iter().enumerate() {
        writeln!(y, "  {role}:").unwrap();
        // The project's lead, in every role (so that they may sign every stage off), and one
        // person of 40.
        for (name, handle) in [
            (format!("Lead {i}"), format!("lead{i}")),
            (format!("Person {}", (i + k) % 40), format!("person{}", (i + k) % 40)),
        ] {
            writeln!(
                y,
                "    - name: {name}\n      handle: {handle}\n      email: {handle}@example.org"
            )
            .unwrap();
        }
    }
    y.push_str("stages:\n");
    for (n, (stage, items)) in stages.iter().enumerate() {
        let last = n + 1 == stages.len();
        writeln!(
            y,
            "  {stage}:\n    status: {}\n    started: 2024-{:02}-01",
            if last { "in-progress" } else { "done" },
            n % 12 + 1
        )
        .unwrap();
        if !last {
            writeln!(
                y,
                "    finished: 2024-{m:02}-20\n    sign-off:\n      by: Lead {i}\n      on: 2024-{m:02}-21",
                m = n % 12 + 1
            )
            .unwrap();
        }
        writeln!(y, "    checked: [{}]", items.join(", ")).unwrap();
        writeln!(y, "    notes: Stage {n} of project {i}, discussed in the weekly sync.").unwrap();
    }
    y.push_str("schema:\n  name: Schema");
    writeln!(y, "{i}\n  retention:\n    purge-after-days: 90\n  fields:").unwrap();
    for f in 0..fields {
        writeln!(
            y,
            "    - name: field_{i}_{f}\n      type: string\n      description: Opaque token number {f}.\n      \
             pattern: \"^[0-9a-f]{{20}}$\"\n      example: \"0123456789abcdef0123\"\n      sensitivity: internal"
        )
        .unwrap();
    }
    y
}

/// A book of `projects` projects on the repository's process.
fn book(projects: usize) -> Book {
    let book = Book::bare();
    let process = std::fs::read_to_string(format!("{REPO}/content/process.yaml")).unwrap();
    book.write("content/process.yaml", &process);
    let stages = stages();
    for i in 0..projects {
        book.write(&format!("content/projects/p{i:04}.yaml"), &record(i, 25, &stages));
    }
    book
}

#[test]
fn a_project_page_is_small_and_does_not_grow_with_the_number_of_projects() {
    let many = build_site(book(300).root());
    let few = build_site(book(3).root());
    let path = "projects/p0001.html";
    let big = file_text(&many, path).len();
    let small = file_text(&few, path).len();
    assert!(big < BOUND, "{path} is {big} bytes, over {BOUND}");
    assert!(
        big.abs_diff(small) < 64,
        "{path} is {small} bytes in a book of 3 projects and {big} in one of 300"
    );

    // Every stage is a row group of one table, anchored `stage-<activity>`, with its dates,
    // its sign-off and its notes.
    let doc = page(&many, path);
    let stages = stages();
    for (n, (stage, _)) in stages.iter().enumerate() {
        let group = select_one(&doc, &format!("table.stage-list > tbody#stage-{stage}"));
        let cells: Vec<String> = all(group, "tr:first-child > td").into_iter().map(text).collect();
        let m = n % 12 + 1;
        assert_eq!(cells[1], format!("2024-{m:02}-01"), "{stage}: started");
        if n + 1 < stages.len() {
            assert_eq!(cells[2], format!("2024-{m:02}-20"), "{stage}: finished");
            assert_eq!(cells[3], format!("Lead 1 2024-{m:02}-21"), "{stage}: signed off");
        } else {
            assert_eq!(cells[2], "", "{stage}: not finished");
            assert_eq!(cells[3], "", "{stage}: not signed off");
        }
        assert_eq!(
            text(one(group, "tr.more .notes")),
            format!("Stage {n} of project 1, discussed in the weekly sync."),
            "{stage}: notes"
        );
    }
}
