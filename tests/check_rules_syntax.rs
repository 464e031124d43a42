//! One test per rule of `dacibook check`: the fixture book itself, and YAML and TOML syntax,
//! types, keys, enumerations and dates. Each breaks the valid fixture book (or writes a small
//! file of its own) in one place and asserts the diagnostic's rule, severity, message, file,
//! line, column and hint.

mod common;

use common::rules::{with_process, with_project, P, X};
use common::{assert_diag, dump, only, underlined, Book, Expect};
use dacibook::Severity::Error;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The fixture itself

#[test]
fn valid_fixture_book_has_no_diagnostics() {
    let book = Book::valid();
    let loaded = dacibook::load_and_check(book.root()).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded.diagnostics));
    // Everything was actually read, so the other tests' changes land in checked content.
    let b = loaded.book.expect("book.toml parsed");
    let process = b.process.as_ref().expect("the process parsed");
    assert_eq!(process.activities.len(), 4);
    assert_eq!(process.roles.len(), 4);
    let ids: Vec<&str> = b.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["reading-depth", "search-clicks"]);
    assert_eq!(b.projects[0].schema.as_ref().unwrap().fields.len(), 4);
    assert_eq!(b.pages.len(), 1);
    assert_eq!(b.pages[0].title(), "About");
}

#[test]
fn crlf_copy_of_the_valid_book_is_still_valid() {
    let book = Book::valid();
    for rel in [
        "book.toml",
        P,
        "content/projects/reading-depth.yaml",
        "content/projects/search-clicks.yaml",
        "content/about.md",
    ] {
        let text = std::fs::read_to_string(book.path(rel)).unwrap();
        book.write(rel, &format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    let loaded = dacibook::load_and_check(book.root()).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded.diagnostics));
    let b = loaded.book.unwrap();
    assert_eq!(b.projects.len(), 2);
    assert_eq!(b.projects[0].title, "Reading depth");
    assert_eq!(b.pages[0].title(), "About");
}

// ---------------------------------------------------------------------------------------------
// Syntax, types and keys

#[test]
fn yaml_syntax_error_names_file_line_and_column() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
team: a: b
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "yaml-syntax",
            severity: Error,
            message: "mapping values are not allowed in this context",
            file: X,
            line: 3,
            column: 8,
            hint: Some(
                "a second `: ` on one line: quote the value (`key: \"a: b\"`), or put the nested key on a line of its own, indented",
            ),
        },
    );
    assert!(
        !only(&diags).message.contains(" at line "),
        "the place is not repeated in the message"
    );
}

#[test]
fn yaml_tab_indentation_is_a_syntax_error() {
    let (_b, diags) = with_project("title: X\nstatus: active\n\tteam: Web\n");
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("tab-indentation", Error));
    assert!(d.message.contains("tab"), "{}", d.message);
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.file.as_path(), loc.line), (Path::new(X), 3));
}

#[test]
fn toml_syntax_error_in_book_toml_is_located() {
    let book = Book::valid();
    book.write("book.toml", "[book]\ntitle = \"Unclosed\nlanguage = \"en\"\n");
    let diags = book.check();
    // The string opened on line 2 runs to the end of the line (column 18).
    assert_diag(
        only(&diags),
        Expect {
            code: "toml-syntax",
            severity: Error,
            message: "book.toml: invalid basic string",
            file: "book.toml",
            line: 2,
            column: 18,
            hint: None,
        },
    );
}

#[test]
fn list_where_a_string_is_expected_is_a_wrong_type_error() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
team: [Web, Apps]
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "wrong-type",
            severity: Error,
            message: "team: invalid type: sequence, expected a string",
            file: X,
            line: 3,
            column: 7,
            hint: Some("give the key a value of the type it takes; `dacibook explain wrong-type` shows how"),
        },
    );
}

#[test]
fn missing_required_key_is_missing_key() {
    let (_b, diags) = with_project("status: active\nteam: Web\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-key",
            severity: Error,
            message: "missing field `title`",
            file: X,
            line: 1,
            column: 1,
            hint: Some("add the key; `dacibook explain missing-key` says which keys each file needs"),
        },
    );
}

#[test]
fn unknown_key_in_project_suggests_nearest_key() {
    let (book, diags) = with_project(
        "\
title: X
status: active
sumary: Typo of summary.
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-key",
            severity: Error,
            message: "unknown field `sumary`",
            file: X,
            line: 3,
            column: 1,
            hint: Some("did you mean `summary`?"),
        },
    );
    assert_eq!(underlined(&book, d), "sumary");
}

#[test]
fn unknown_key_nested_in_a_stage_names_its_path() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
stages:
  decide-metrics:
    status: not-started
    finshed: 2026-01-02
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-key",
            severity: Error,
            message: "stages.decide-metrics: unknown field `finshed`",
            file: X,
            line: 6,
            column: 5,
            hint: Some("did you mean `finished`?"),
        },
    );
}

#[test]
fn unknown_key_in_process_file_suggests_nearest_key() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - id: product-manager
    name: Product Manager
    shrt: PM
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D}
    waivers: {A: Informal.}
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-key",
            severity: Error,
            message: "roles[0]: unknown field `shrt`",
            file: P,
            line: 8,
            column: 5,
            hint: Some("did you mean `short`?"),
        },
    );
}

#[test]
fn unknown_key_in_page_front_matter_counts_lines_from_the_top_of_the_file() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "\
---
title: Guide
ordr: 2
---
# Guide
",
    );
    assert_diag(
        only(&book.check()),
        Expect {
            code: "unknown-key",
            severity: Error,
            message: "unknown field `ordr`",
            file: "content/guide.md",
            line: 3,
            column: 1,
            hint: Some("did you mean `order`?"),
        },
    );
}

#[test]
fn front_matter_value_of_the_wrong_type_is_wrong_type() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "\
---
title: Guide
order: one
---
# Guide
",
    );
    assert_diag(
        only(&book.check()),
        Expect {
            code: "wrong-type",
            severity: Error,
            message: "order: invalid type: string \"one\", expected a whole number",
            file: "content/guide.md",
            line: 3,
            column: 8,
            hint: Some("give the key a value of the type it takes; `dacibook explain wrong-type` shows how"),
        },
    );
}

#[test]
fn project_with_yml_extension_is_checked_too() {
    let book = Book::process_only();
    book.write("content/projects/x.yml", "title: X\nstatus: activ\n");
    assert_diag(
        only(&book.check()),
        Expect {
            code: "unknown-value",
            severity: Error,
            message: "status: unknown value `activ`",
            file: "content/projects/x.yml",
            line: 2,
            column: 9,
            hint: Some("did you mean `active`?"),
        },
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    let book = Book::valid();
    book.write("content/guide.md", "---\ntitle: Guide\n# Guide\n");
    assert_diag(
        only(&book.check()),
        Expect {
            code: "front-matter",
            severity: Error,
            message: "the front matter starting on line 1 is never closed",
            file: "content/guide.md",
            line: 1,
            column: 1,
            hint: Some("end the front matter with a line holding only `---`"),
        },
    );
}

#[test]
fn unknown_key_in_book_toml_suggests_nearest_key() {
    let book = Book::valid();
    book.write(
        "book.toml",
        "\
[book]
title = \"T\"

[build]
build-dri = \"out\"
",
    );
    let diags = book.check();
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-key",
            severity: Error,
            message: "book.toml: unknown field `build-dri`",
            file: "book.toml",
            line: 5,
            column: 1,
            hint: Some("did you mean `build-dir`?"),
        },
    );
    assert_eq!(underlined(&book, d), "build-dri");
}

#[test]
fn unknown_stage_status_lists_the_known_values() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
stages:
  decide-metrics:
    status: dun
",
    );
    // `dun` is too far from `done` for a "did you mean"; the five values are listed instead.
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-value",
            severity: Error,
            message: "stages.decide-metrics.status: unknown value `dun`",
            file: X,
            line: 5,
            column: 13,
            hint: Some("did you mean `done`?"),
        },
    );
}

#[test]
fn misspelt_stage_status_suggests_nearest_value() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
stages:
  decide-metrics:
    status: in-progres
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-value",
            severity: Error,
            message: "unknown value `in-progres`",
            file: X,
            line: 5,
            column: 13,
            hint: Some("did you mean `in-progress`?"),
        },
    );
}

#[test]
fn misspelt_project_status_suggests_active() {
    let (_b, diags) = with_project("title: X\nstatus: activ\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-value",
            severity: Error,
            message: "status: unknown value `activ`",
            file: X,
            line: 2,
            column: 9,
            hint: Some("did you mean `active`?"),
        },
    );
}

#[test]
fn duplicate_key_is_an_error() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
title: Y
",
    );
    let d = only(&diags);
    assert_eq!(d.severity, Error);
    assert!(d.message.contains("duplicate key `title`"), "{}", dump(&diags));
    assert_eq!(d.location.as_ref().unwrap().file, Path::new(X));
}

#[test]
fn duplicate_key_points_at_the_second_key() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
title: Y
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "duplicate-key",
            severity: Error,
            message: "duplicate key `title`",
            file: X,
            line: 3,
            column: 1,
            hint: Some("remove one of the two entries, or merge them"),
        },
    );
}

#[test]
fn duplicate_role_under_people_is_an_error() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  data-analyst:
    - name: Ann
  data-analyst:
    - name: Bob
",
    );
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("duplicate-key", Error), "{}", dump(&diags));
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.file.as_path(), loc.line, loc.column), (Path::new(X), 6, 3));
}

#[test]
fn role_assigned_twice_in_an_activity_is_an_error() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
  - {id: C, name: Contributor, duty: contribute}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: A
      product-manager: C
",
    );
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("duplicate-key", Error), "{}", dump(&diags));
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.file.as_path(), loc.line, loc.column), (Path::new(P), 15, 7));
}

const BAD_DATE: &str = "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: in-progress
    started: 2026-02-30
";

#[test]
fn invalid_date_is_an_error_that_shows_the_format() {
    let (_b, diags) = with_project(BAD_DATE);
    let d = only(&diags);
    assert_eq!(d.severity, Error);
    // The form is right but the day does not exist (tests/newcomer_errors.rs has more).
    assert_eq!(d.code, "no-such-date", "{}", dump(&diags));
    assert!(
        d.message
            .contains("there is no date `2026-02-30`: February 2026 has 28 days"),
        "{}",
        dump(&diags)
    );
    assert_eq!(d.location.as_ref().unwrap().file, Path::new(X));

    let (_b, diags) = with_project(&BAD_DATE.replace("2026-02-30", "2026-2-3"));
    assert!(
        only(&diags)
            .message
            .contains("invalid date `2026-2-3`: write dates as YYYY-MM-DD, e.g. 2026-03-31"),
        "{}",
        dump(&diags)
    );
}

#[test]
fn invalid_date_points_at_the_date() {
    let (_b, diags) = with_project(BAD_DATE);
    let d = only(&diags);
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (9, 14), "{}", dump(&diags));
    assert_ne!(d.code, "yaml-syntax", "a bad date is not a YAML syntax error");
}
