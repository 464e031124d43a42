//! One test per rule of `dacibook check`: each breaks the valid fixture book (or writes a small
//! file of its own) in one place and asserts the diagnostic's rule, severity, message, file,
//! line, column and hint.

mod common;

use common::{assert_diag, dump, one, only, underlined, with_code, Book, Expect};
use dacibook::diagnostic::Diagnostic;
use dacibook::Severity::{Error, Warning};
use std::path::Path;

const X: &str = "content/projects/x.yaml";
const P: &str = "content/process.yaml";

/// The fixture's process plus one project file `x.yaml` (and no other project).
fn with_project(text: &str) -> (Book, Vec<Diagnostic>) {
    let book = Book::process_only();
    book.write(X, text);
    let diags = book.check();
    (book, diags)
}

/// Only book.toml and the given process file.
fn with_process(text: &str) -> (Book, Vec<Diagnostic>) {
    let book = Book::bare();
    book.write(P, text);
    let diags = book.check();
    (book, diags)
}

fn related_at(d: &Diagnostic, file: &str, line: usize, column: usize, message: &str) {
    assert_eq!(
        d.related.len(),
        1,
        "one related place: {}",
        dump(std::slice::from_ref(d))
    );
    let r = &d.related[0];
    assert_eq!(r.location.file, Path::new(file), "{}", dump(std::slice::from_ref(d)));
    assert_eq!(
        (r.location.line, r.location.column),
        (line, column),
        "related place: {}",
        dump(std::slice::from_ref(d))
    );
    assert_eq!(r.message, message);
}

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
    assert_eq!((d.code, d.severity), ("yaml-syntax", Error));
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
            hint: Some("docs/formats.md shows the expected form of each key"),
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
            hint: Some("add the key; docs/formats.md lists the keys of each file"),
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
            hint: Some("docs/formats.md shows the expected form of each key"),
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
            message: "status: unknown variant `activ`",
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
            message: "stages.decide-metrics.status: unknown variant `dun`",
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
            message: "unknown variant `in-progres`",
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
            message: "status: unknown variant `activ`",
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
    assert!(d.message.contains("duplicate field `title`"), "{}", dump(&diags));
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
            message: "duplicate field `title`",
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
    assert!(
        d.message
            .contains("invalid date `2026-02-30`: write dates as YYYY-MM-DD, e.g. 2026-03-31"),
        "{}",
        dump(&diags)
    );
    assert_eq!(d.location.as_ref().unwrap().file, Path::new(X));

    let (_b, diags) = with_project(&BAD_DATE.replace("2026-02-30", "2026-2-3"));
    assert!(
        only(&diags).message.contains("invalid date `2026-2-3`"),
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

// ---------------------------------------------------------------------------------------------
// Process: ids

#[test]
fn duplicate_code_id_points_at_second_use_and_first() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
  - {id: D, name: Doer, duty: contribute}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: A
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-id",
            severity: Error,
            message: "code id `D` is used twice",
            file: P,
            line: 5,
            column: 10,
            hint: Some("give each code its own id"),
        },
    );
    related_at(d, P, 3, 10, "first used here");
}

#[test]
fn duplicate_role_id_points_at_second_use_and_first() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
  - {id: legal-privacy, name: Legal}
  - {id: legal-privacy, name: Privacy}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: A
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-id",
            severity: Error,
            message: "role id `legal-privacy` is used twice",
            file: P,
            line: 9,
            column: 10,
            hint: Some("give each role its own id"),
        },
    );
    related_at(d, P, 8, 10, "first used here");
}

#[test]
fn duplicate_activity_id_points_at_second_use_and_first() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D, data-analyst: A}
  - id: decide-metrics
    name: Decide again
    assignments: {product-manager: D, data-analyst: A}
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-id",
            severity: Error,
            message: "activity id `decide-metrics` is used twice",
            file: P,
            line: 12,
            column: 9,
            hint: Some("give each activity its own id"),
        },
    );
    related_at(d, P, 9, 9, "first used here");
}

#[test]
fn duplicate_checklist_item_id_points_at_second_use_and_first() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D, data-analyst: A}
    checklist:
      - id: need-written-down
        text: The need is written down.
      - id: ticket-opened
        text: A ticket exists.
      - id: need-written-down
        text: Written down again.
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-id",
            severity: Error,
            message: "checklist item id `need-written-down` is used twice",
            file: P,
            line: 17,
            column: 13,
            hint: Some("give each checklist item its own id"),
        },
    );
    related_at(d, P, 13, 13, "first used here");
}

#[test]
fn role_id_not_kebab_case_suggests_the_kebab_form() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: Data_Analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D, Data_Analyst: A}
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-id",
            severity: Error,
            message: "role id `Data_Analyst` is not kebab-case",
            file: P,
            line: 7,
            column: 10,
            hint: Some("use lowercase words joined by hyphens, e.g. `data-analyst`"),
        },
    );
}

#[test]
fn activity_and_checklist_ids_not_kebab_case_suggest_the_kebab_form() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decideMetrics
    name: Decide
    assignments: {product-manager: D, data-analyst: A}
    checklist:
      - id: Need written down
        text: The need is written down.
",
    );
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    assert_diag(
        &diags[0],
        Expect {
            code: "bad-id",
            severity: Error,
            message: "activity id `decideMetrics` is not kebab-case",
            file: P,
            line: 9,
            column: 9,
            hint: Some("use lowercase words joined by hyphens, e.g. `decide-metrics`"),
        },
    );
    assert_diag(
        &diags[1],
        Expect {
            code: "bad-id",
            severity: Error,
            message: "checklist item id `Need written down` is not kebab-case",
            file: P,
            line: 13,
            column: 13,
            hint: Some("use lowercase words joined by hyphens, e.g. `need-written-down`"),
        },
    );
}

#[test]
fn code_id_must_be_one_uppercase_letter() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: Dr, name: Driver, duty: drive}
  - {id: a, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: Dr, data-analyst: a}
",
    );
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    for (d, id, line) in [(&diags[0], "Dr", 3), (&diags[1], "a", 4)] {
        assert_diag(
            d,
            Expect {
                code: "bad-id",
                severity: Error,
                message: &format!("code id `{id}` is not one uppercase letter"),
                file: P,
                line,
                column: 10,
                hint: Some("a code is the letter shown in the matrix, e.g. `D` for Driver"),
            },
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Process: references

#[test]
fn unknown_role_in_assignments_suggests_nearest_role() {
    let (book, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analist: A
",
    );
    // The unknown role's A counts for no one, so the activity also lacks an approver.
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    let d = one(&diags, "unknown-reference");
    assert_diag(
        d,
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown role `data-analist`",
            file: P,
            line: 13,
            column: 7,
            hint: Some("did you mean `data-analyst`?"),
        },
    );
    assert_eq!(underlined(&book, d), "data-analist");
    assert_eq!(one(&diags, "no-approver").severity, Warning);
}

#[test]
fn unknown_code_in_assignments_suggests_the_uppercase_code() {
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
  - {id: legal-privacy, name: LP}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: A
      legal-privacy: c
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown code `c`",
            file: P,
            line: 16,
            column: 22,
            hint: Some("did you mean `C`?"),
        },
    );
}

#[test]
fn unknown_code_far_from_any_lists_the_known_codes() {
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
  - {id: legal-privacy, name: LP}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: A
      legal-privacy: X
",
    );
    let d = only(&diags);
    assert_eq!((d.code, d.message.as_str()), ("unknown-reference", "unknown code `X`"));
    assert_eq!(d.hint.as_deref(), Some("known codes: `D`, `A`, `C`"));
}

#[test]
fn unknown_code_in_waivers_is_an_unknown_reference() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
    waivers:
      Q: No approver is needed.
",
    );
    // The waiver names no real code, so the missing approver is not waived either.
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    assert_diag(
        one(&diags, "unknown-reference"),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown code `Q`",
            file: P,
            line: 13,
            column: 7,
            hint: Some("known codes: `D`, `A`"),
        },
    );
    assert_eq!(one(&diags, "no-approver").severity, Warning);
}

#[test]
fn unknown_prerequisite_suggests_nearest_activity() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D, data-analyst: A}
  - id: specification
    name: Specify
    prerequisites:
      - decide-metric
    assignments: {product-manager: D, data-analyst: A}
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown activity `decide-metric`",
            file: P,
            line: 15,
            column: 9,
            hint: Some("did you mean `decide-metrics`?"),
        },
    );
}

#[test]
fn unknown_notice_recipient_suggests_nearest_role() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: legal-privacy, name: LP}
activities:
  - id: privacy-review
    name: Review
    assignments: {product-manager: D, legal-privacy: A}
    notice:
      business-days: 7
      to: legal-privcy
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown role `legal-privcy`",
            file: P,
            line: 14,
            column: 11,
            hint: Some("did you mean `legal-privacy`?"),
        },
    );
}

#[test]
fn inferred_cell_for_an_unknown_role_or_without_reason_is_reported() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D, data-analyst: A}
    inferred:
      product-manger: The PM usually spots the need.
      data-analyst: ''
",
    );
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    assert_diag(
        &diags[0],
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown role `product-manger`",
            file: P,
            line: 13,
            column: 7,
            hint: Some("did you mean `product-manager`?"),
        },
    );
    assert_diag(
        &diags[1],
        Expect {
            code: "empty-reason",
            severity: Error,
            message: "the inferred cell `data-analyst` of `decide-metrics` gives no reason",
            file: P,
            line: 14,
            column: 21,
            hint: Some("say why this cell is placed where it is"),
        },
    );
}

#[test]
fn notice_of_zero_business_days_is_an_error() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: legal-privacy, name: LP}
activities:
  - id: privacy-review
    name: Review
    assignments: {product-manager: D, legal-privacy: A}
    notice:
      business-days: 0
      to: legal-privacy
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-notice",
            severity: Error,
            message: "the notice of `privacy-review` asks for 0 business days",
            file: P,
            line: 13,
            column: 22,
            hint: Some("give the number of business days of notice, or remove `notice`"),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Process: one Driver, one Approver

#[test]
fn activity_without_driver_is_no_driver_error() {
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
      product-manager: C
      data-analyst: A
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "no-driver",
            severity: Error,
            message: "activity `decide-metrics` has no driver",
            file: P,
            line: 10,
            column: 9,
            hint: Some("give exactly one role the code `D` in its assignments"),
        },
    );
}

#[test]
fn activity_with_two_drivers_is_too_many_error_pointing_at_both() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
  - {id: legal-privacy, name: LP}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: D
      legal-privacy: A
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "too-many",
            severity: Error,
            message: "activity `decide-metrics` has more than one driver: `product-manager` and `data-analyst`",
            file: P,
            line: 14,
            column: 21,
            hint: Some("keep exactly one driver; make the others contributors"),
        },
    );
    related_at(d, P, 13, 24, "the first one");
}

#[test]
fn activity_without_approver_is_no_approver_warning() {
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
      data-analyst: C
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "no-approver",
            severity: Warning,
            message: "activity `decide-metrics` has no approver",
            file: P,
            line: 10,
            column: 9,
            hint: Some("assign `A` to one role, or say why there is none: `waivers: { A: \"<reason>\" }`"),
        },
    );
}

#[test]
fn waived_approver_gives_no_diagnostic() {
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
      data-analyst: C
    waivers:
      A: Management gives its OK informally.
",
    );
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn waiver_without_a_reason_is_an_error() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
    waivers:
      A: '  '
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "empty-reason",
            severity: Error,
            message: "the waiver of `A` on `decide-metrics` gives no reason",
            file: P,
            line: 13,
            column: 10,
            hint: Some("a waiver must say why the activity has no such role"),
        },
    );
}

#[test]
fn activity_with_two_approvers_is_too_many_error() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
  - {id: legal-privacy, name: LP}
activities:
  - id: privacy-review
    name: Review
    assignments:
      product-manager: D
      data-analyst: A
      legal-privacy: A
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "too-many",
            severity: Error,
            message: "activity `privacy-review` has more than one approver: `data-analyst` and `legal-privacy`",
            file: P,
            line: 15,
            column: 22,
            hint: Some("keep exactly one approver; make the others contributors"),
        },
    );
    related_at(d, P, 14, 21, "the first one");
}

#[test]
fn waiver_for_an_assigned_code_is_needless_waiver_warning() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    assignments:
      product-manager: D
      data-analyst: A
    waivers:
      A: No approver.
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "needless-waiver",
            severity: Warning,
            message: "`decide-metrics` waives code `A` but assigns it to a role anyway",
            file: P,
            line: 15,
            column: 7,
            hint: Some("remove the waiver or the assignment"),
        },
    );
}

#[test]
fn prerequisite_listed_after_the_activity_is_prerequisite_order_error() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    prerequisites: [specification]
    assignments: {product-manager: D, data-analyst: A}
  - id: specification
    name: Specify
    assignments: {product-manager: D, data-analyst: A}
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "prerequisite-order",
            severity: Error,
            message: "`decide-metrics` needs `specification` first, but `specification` does not come before it",
            file: P,
            line: 11,
            column: 21,
            hint: Some("a prerequisite must be an earlier activity; reorder the activities or drop it"),
        },
    );
}

#[test]
fn activity_that_is_its_own_prerequisite_is_prerequisite_order_error() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: product-manager, name: PM}
  - {id: data-analyst, name: DA}
activities:
  - id: decide-metrics
    name: Decide
    prerequisites: [decide-metrics]
    assignments: {product-manager: D, data-analyst: A}
",
    );
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("prerequisite-order", Error));
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (11, 21));
}

#[test]
fn process_without_an_approving_code_is_missing_duty() {
    let (_b, diags) = with_process(
        "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
roles:
  - {id: product-manager, name: PM}
activities:
  - id: decide-metrics
    name: Decide
    assignments: {product-manager: D}
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-duty",
            severity: Error,
            message: "no code has the duty `approve`",
            file: P,
            line: 2,
            column: 1,
            hint: Some(
                "every process needs a code that drives and one that approves (D and A in DACI, R and A in RACI)",
            ),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Project records against the process

#[test]
fn unknown_role_in_project_names_file_line_and_suggests_nearest() {
    let (book, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analist:
    - name: Priya Raman
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown role `data-analist`",
            file: X,
            line: 6,
            column: 3,
            hint: Some("did you mean `data-analyst`?"),
        },
    );
    assert_eq!(underlined(&book, d), "data-analist");
}

#[test]
fn unknown_role_far_from_any_lists_the_known_roles() {
    let (_b, diags) = with_project("title: X\nstatus: active\npeople:\n  zebra:\n    - name: Z\n");
    let d = only(&diags);
    assert_eq!(d.message, "unknown role `zebra`");
    assert_eq!(
        d.hint.as_deref(),
        Some("known roles: `product-manager`, `data-analyst`, `legal-privacy`, `software-engineer`")
    );
}

#[test]
fn unknown_activity_under_stages_suggests_nearest_activity() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
stages:
  specificaton:
    status: not-started
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown activity `specificaton`",
            file: X,
            line: 4,
            column: 3,
            hint: Some("did you mean `specification`?"),
        },
    );
}

#[test]
fn unknown_checklist_item_in_checked_suggests_nearest_item() {
    let (book, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: in-progress
    checked: [need-written-down, tiket-opened]
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown checklist item `tiket-opened`",
            file: X,
            line: 9,
            column: 34,
            hint: Some("did you mean `ticket-opened`?"),
        },
    );
    assert_eq!(underlined(&book, d), "tiket-opened");
}

#[test]
fn checklist_item_of_another_activity_is_unknown_here() {
    // `fields-defined` belongs to specification, not decide-metrics.
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: in-progress
    checked:
      - fields-defined
",
    );
    let d = only(&diags);
    assert_eq!(d.message, "unknown checklist item `fields-defined`");
    assert_eq!(
        d.hint.as_deref(),
        Some("known checklist items: `need-written-down`, `ticket-opened`")
    );
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (10, 9));
}

#[test]
fn started_activity_whose_driver_role_has_no_one_is_role_unfilled() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
  specification:
    status: in-progress
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "role-unfilled",
            severity: Error,
            message:
                "`data-analyst` drives `specification`, which this project has started, but no one fills that role",
            file: X,
            line: 10,
            column: 13,
            hint: Some("name a person under `people:` → `data-analyst:` → `- name: …`"),
        },
    );
}

#[test]
fn started_activity_whose_approver_role_is_an_empty_list_is_role_unfilled() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
  legal-privacy: []
stages:
  decide-metrics:
    status: done
  specification:
    status: done
    sign-off: {by: Jane Doe}
  privacy-review:
    status: blocked
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "role-unfilled",
            severity: Error,
            message: "`legal-privacy` approves `privacy-review`",
            file: X,
            line: 16,
            column: 13,
            hint: Some("name a person under `people:` → `legal-privacy:` → `- name: …`"),
        },
    );
}

#[test]
fn activity_not_started_needs_no_people() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
stages:
  decide-metrics:
    status: not-started
  specification:
    status: skipped
",
    );
    assert!(diags.is_empty(), "{}", dump(&diags));
}

const TWO_PEOPLE: &str = "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
      handle: jdoe
  data-analyst:
    - name: Priya Raman
stages:
  decide-metrics:
    status: done
";

#[test]
fn done_without_sign_off_is_missing_sign_off() {
    let (_b, diags) = with_project(&format!("{TWO_PEOPLE}  specification:\n    status: done\n"));
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-sign-off",
            severity: Error,
            message: "`specification` is done but has no sign-off",
            file: X,
            line: 13,
            column: 13,
            hint: Some("add `sign-off:` with `by:` a person in the product-manager role and `on:` the date"),
        },
    );
}

#[test]
fn done_activity_with_waived_approver_needs_no_sign_off() {
    // decide-metrics is done in TWO_PEOPLE without a sign-off; the fixture waives its approver.
    let (_b, diags) = with_project(TWO_PEOPLE);
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn sign_off_by_someone_outside_the_approver_role_suggests_the_nearest_approver() {
    let (_b, diags) = with_project(&format!(
        "{TWO_PEOPLE}  specification:\n    status: done\n    sign-off:\n      by: Jane Do\n      on: 2026-01-30\n"
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "sign-off-not-approver",
            severity: Error,
            message: "`specification` is signed off by `Jane Do`, who is not in its approving role `product-manager`",
            file: X,
            line: 15,
            column: 11,
            hint: Some("did you mean `Jane Doe`?"),
        },
    );
}

#[test]
fn sign_off_by_the_driver_is_not_the_approver() {
    let (_b, diags) = with_project(&format!(
        "{TWO_PEOPLE}  specification:\n    status: done\n    sign-off:\n      by: Priya Raman\n"
    ));
    let d = only(&diags);
    assert_eq!(d.code, "sign-off-not-approver");
    assert_eq!(d.hint.as_deref(), Some("known approvers: `Jane Doe`"));
}

#[test]
fn sign_off_by_handle_of_the_approver_is_accepted() {
    let (_b, diags) = with_project(&format!(
        "{TWO_PEOPLE}  specification:\n    status: done\n    sign-off:\n      by: jdoe\n"
    ));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn done_while_an_earlier_required_activity_is_not_started_is_out_of_order() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
stages:
  specification:
    status: done
    sign-off: {by: Jane Doe}
",
    );
    // specification's prerequisite is decide-metrics too, hence the warning beside the error.
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    assert_diag(
        one(&diags, "out-of-order"),
        Expect {
            code: "out-of-order",
            severity: Error,
            message: "`specification` is done while the earlier required activity `decide-metrics` has not started",
            file: X,
            line: 10,
            column: 13,
            hint: Some("record where the project stands at `decide-metrics` (or mark it `skipped` with a note)"),
        },
    );
    assert_eq!(one(&diags, "prerequisite-not-done").severity, Warning);
}

#[test]
fn earlier_activity_that_is_not_required_does_not_make_a_later_one_out_of_order() {
    // data-dictionary (required: false) comes before privacy-review and is absent.
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
  legal-privacy:
    - name: Harriet Quigley
stages:
  decide-metrics:
    status: done
  specification:
    status: done
    sign-off: {by: Jane Doe}
  privacy-review:
    status: done
    sign-off: {by: Harriet Quigley}
",
    );
    assert!(diags.is_empty(), "{}", dump(&diags));

    // The same record with specification absent is out of order: the rule does look back.
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  legal-privacy:
    - name: Harriet Quigley
stages:
  decide-metrics:
    status: done
  privacy-review:
    status: done
    sign-off: {by: Harriet Quigley}
",
    );
    let d = one(&diags, "out-of-order");
    assert!(d.message.contains("`specification` has not started"), "{}", d.message);
    assert_eq!(d.location.as_ref().unwrap().line, 12);
}

#[test]
fn started_while_a_prerequisite_is_not_done_is_a_warning() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
  legal-privacy:
    - name: Harriet Quigley
stages:
  decide-metrics:
    status: done
  specification:
    status: in-progress
  privacy-review:
    status: in-progress
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "prerequisite-not-done",
            severity: Warning,
            message: "`privacy-review` has started but its prerequisite `specification` is in-progress",
            file: X,
            line: 16,
            column: 13,
            hint: Some("finish `specification` first, or record it as done"),
        },
    );
}

#[test]
fn finished_before_started_is_date_order() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-02
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "date-order",
            severity: Error,
            message: "`decide-metrics` finished on 2026-01-02, before it started on 2026-01-05",
            file: X,
            line: 10,
            column: 15,
            hint: Some("check the two dates"),
        },
    );
}

/// A project at the privacy review (7 business days' notice to legal-privacy) with the given
/// notice date and review date; `notice-sent` is on line 18 and `scheduled` on line 19.
fn privacy_review(notice_sent: &str, scheduled: &str) -> String {
    format!(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
  legal-privacy:
    - name: Harriet Quigley
stages:
  decide-metrics:
    status: done
  specification:
    status: done
    sign-off: {{by: Jane Doe}}
  privacy-review:
    status: in-progress
    notice-sent: {notice_sent}
    scheduled: {scheduled}
"
    )
}

#[test]
fn notice_exactly_seven_business_days_ahead_is_accepted() {
    // Monday 2026-11-02 to Wednesday 2026-11-11: Tue–Fri (4) and Mon–Wed (3).
    let (_b, diags) = with_project(&privacy_review("2026-11-02", "2026-11-11"));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn notice_six_business_days_ahead_is_too_late_and_the_hint_gives_both_dates() {
    // Monday 2026-11-02 to Tuesday 2026-11-10 is six business days.
    let (_b, diags) = with_project(&privacy_review("2026-11-02", "2026-11-10"));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "notice-too-late",
            severity: Error,
            message: "the notice for `privacy-review` went out 6 business day(s) before 2026-11-10; the process asks for at least 7",
            file: X,
            line: 18,
            column: 18,
            // The latest notice date is the last business day that leaves seven business days
            // (Friday 2026-10-30); a notice on the Sunday after would count the same.
            hint: Some("the notice had to go out by 2026-10-30; move the date to 2026-11-11 or later"),
        },
    );
    related_at(d, X, 19, 16, "scheduled here");
}

#[test]
fn notice_too_late_hint_dates_are_the_exact_boundaries() {
    // The latest notice date the hint gave above is accepted…
    let (_b, diags) = with_project(&privacy_review("2026-11-01", "2026-11-10"));
    assert!(diags.is_empty(), "{}", dump(&diags));
    // …and so is the earliest review date.
    let (_b, diags) = with_project(&privacy_review("2026-11-02", "2026-11-11"));
    assert!(diags.is_empty(), "{}", dump(&diags));

    // A notice on Tuesday 2026-11-03 for Wednesday 2026-11-11: the latest notice day is the
    // Monday before, and the review can move to Thursday 2026-11-12.
    let (_b, diags) = with_project(&privacy_review("2026-11-03", "2026-11-11"));
    let d = only(&diags);
    assert_eq!(d.code, "notice-too-late");
    assert!(
        d.message.contains("went out 6 business day(s) before 2026-11-11"),
        "{}",
        d.message
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("the notice had to go out by 2026-11-02; move the date to 2026-11-12 or later")
    );

    // Across two weekends: Friday 2026-10-30 to Monday 2026-11-09 is six business days; the
    // notice had to go out on Thursday 2026-10-29, or the review waits until Tuesday 2026-11-10.
    let (_b, diags) = with_project(&privacy_review("2026-10-30", "2026-11-09"));
    let d = only(&diags);
    assert!(d.message.contains("went out 6 business day(s)"), "{}", d.message);
    assert_eq!(
        d.hint.as_deref(),
        Some("the notice had to go out by 2026-10-29; move the date to 2026-11-10 or later")
    );
}

#[test]
fn notice_sent_after_the_review_date_counts_zero_days() {
    let (_b, diags) = with_project(&privacy_review("2026-11-12", "2026-11-11"));
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("notice-too-late", Error));
    assert!(
        d.message.contains("went out 0 business day(s) before 2026-11-11"),
        "{}",
        d.message
    );
}

#[test]
fn notice_too_late_hint_names_a_business_day() {
    let (_b, diags) = with_project(&privacy_review("2026-11-02", "2026-11-10"));
    let d = only(&diags);
    assert_eq!(
        d.hint.as_deref(),
        Some("the notice had to go out by 2026-10-30; move the date to 2026-11-11 or later")
    );
}

#[test]
fn scheduled_review_without_notice_is_notice_missing_warning() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
  legal-privacy:
    - name: Harriet Quigley
stages:
  decide-metrics:
    status: done
  specification:
    status: done
    sign-off: {by: Jane Doe}
  privacy-review:
    status: not-started
    scheduled: 2026-11-11
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "notice-missing",
            severity: Warning,
            message: "`privacy-review` is scheduled for 2026-11-11 but no notice is recorded",
            file: X,
            line: 18,
            column: 16,
            hint: Some("send the notice to `legal-privacy` by 2026-11-02 and record it as `notice-sent: YYYY-MM-DD`"),
        },
    );
}

#[test]
fn javascript_links_are_unsafe_in_links_and_dashboards() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
links:
  ticket: javascript:alert(1)
  schema-repo: https://example.org/schemas
  other:
    - title: Design
      url: JavaScript:alert(1)
dashboards:
  - name: Board
    url: javascript:alert(1)
",
    );
    assert_eq!(diags.len(), 3, "{}", dump(&diags));
    for (d, (line, column, url)) in diags.iter().zip([
        (4, 11, "javascript:alert(1)"),
        (8, 12, "JavaScript:alert(1)"),
        (11, 10, "javascript:alert(1)"),
    ]) {
        assert_diag(
            d,
            Expect {
                code: "unsafe-link",
                severity: Error,
                message: &format!("the link `{url}` uses the `javascript:` scheme, which is refused"),
                file: X,
                line,
                column,
                hint: Some("links must start with https://, http:// or mailto:"),
            },
        );
    }
}

#[test]
fn relative_link_in_a_project_is_not_absolute() {
    let (_b, diags) = with_project("title: X\nstatus: active\nlinks:\n  ticket: tickets/T1\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "unsafe-link",
            severity: Error,
            message: "the link `tickets/T1` is not an absolute URL",
            file: X,
            line: 4,
            column: 11,
            hint: Some("links must start with https://, http:// or mailto:"),
        },
    );
}

#[test]
fn email_without_at_sign_is_bad_email() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
      email: jane.example.org
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-email",
            severity: Error,
            message: "`jane.example.org` is not an email address",
            file: X,
            line: 6,
            column: 14,
            hint: Some("write it as name@example.org, or leave `email` out"),
        },
    );
}

#[test]
fn blank_title_is_empty_title() {
    let (_b, diags) = with_project("title: ' '\nstatus: proposed\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "empty-title",
            severity: Error,
            message: "the project has no title",
            file: X,
            line: 1,
            column: 8,
            hint: Some("write the project's name as people say it, e.g. `title: Checkout funnel`"),
        },
    );
}

#[test]
fn schema_without_a_name_is_empty_schema_name() {
    let (_b, diags) = with_project("title: X\nstatus: proposed\nschema:\n  name: \"\"\n  fields: []\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "empty-schema-name",
            severity: Error,
            message: "the event schema has no name",
            file: X,
            line: 4,
            column: 9,
            hint: Some("name the event in PascalCase, e.g. `name: CheckoutFunnel`"),
        },
    );
}

#[test]
fn person_with_an_empty_name_is_empty_name() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
people:
  data-analyst:
    - name: '  '
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "empty-name",
            severity: Error,
            message: "a person in role `data-analyst` has an empty name",
            file: X,
            line: 5,
            column: 13,
            hint: Some("write the person's name"),
        },
    );
}

#[test]
fn project_file_name_not_kebab_case_is_bad_id() {
    let book = Book::process_only();
    book.write("content/projects/Reading_Depth.yaml", "title: X\nstatus: proposed\n");
    assert_diag(
        only(&book.check()),
        Expect {
            code: "bad-id",
            severity: Error,
            message: "project id `Reading_Depth` (the file name) is not kebab-case",
            file: "content/projects/Reading_Depth.yaml",
            line: 1,
            column: 1,
            hint: Some("rename the file to `reading-depth.yaml`"),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Schemas

/// A project with a schema whose fields are `fields` (list items under `fields:`, starting on
/// line 6). A leading newline is dropped, so callers can open the literal with a line break and
/// keep the first line's indentation.
fn schema_project(fields: &str) -> String {
    let fields = fields.strip_prefix('\n').unwrap_or(fields);
    format!("title: X\nstatus: proposed\nschema:\n  name: Thing\n  fields:\n{fields}")
}

#[test]
fn field_defined_twice_is_duplicate_field() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  fields:
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-field",
            severity: Error,
            message: "field `wiki_db` is defined twice",
            file: X,
            line: 10,
            column: 13,
            hint: Some("rename or remove one of them"),
        },
    );
    related_at(d, X, 6, 13, "first defined here");
}

#[test]
fn field_name_not_snake_case_suggests_the_snake_case_form() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: pageId
      type: integer
      description: The page.
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-field-name",
            severity: Error,
            message: "field name `pageId` is not snake_case",
            file: X,
            line: 6,
            column: 13,
            hint: Some("use lowercase words joined by underscores, e.g. `page_id`"),
        },
    );
}

#[test]
fn field_name_in_kebab_case_suggests_the_snake_case_form() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: Page-ID
      type: integer
      description: The page.
      sensitivity: public
",
    ));
    assert_eq!(
        only(&diags).hint.as_deref(),
        Some("use lowercase words joined by underscores, e.g. `page_id`")
    );
}

#[test]
fn enum_value_of_the_wrong_type_is_bad_enum() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: skin
      type: string
      description: The skin.
      enum: [vector, 2]
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-enum",
            severity: Error,
            message: "enum value `2` of `skin` is an integer, not a string",
            file: X,
            line: 9,
            column: 22,
            hint: Some("every enum value must be a valid string"),
        },
    );
}

#[test]
fn enum_value_outside_the_bounds_is_bad_enum() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: level
      type: integer
      description: The level.
      minimum: 1
      maximum: 3
      enum:
        - 1
        - 4
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-enum",
            severity: Error,
            message: "enum value `4` of `level` is outside the minimum/maximum",
            file: X,
            line: 13,
            column: 11,
            hint: Some("every enum value must be a valid integer"),
        },
    );
}

#[test]
fn empty_enum_is_bad_enum() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: skin
      type: string
      description: The skin.
      enum: []
      sensitivity: public
",
    ));
    let d = only(&diags);
    assert_eq!((d.code, d.message.as_str()), ("bad-enum", "`skin` has an empty `enum`"));
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (9, 13));
}

#[test]
fn pattern_on_a_non_string_field_is_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: page_id
      type: integer
      description: The page's id on the wiki.
      pattern: '^[0-9]+$'
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`pattern` does not apply to integer field `page_id`",
            file: X,
            line: 9,
            column: 7,
            hint: Some("`pattern` is for string fields; remove it or change the type"),
        },
    );
}

#[test]
fn pattern_that_does_not_compile_is_bad_pattern() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: wiki_db
      type: string
      description: The wiki's database name.
      pattern: '^[a-z+$'
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-pattern",
            severity: Error,
            message: "the pattern of `wiki_db` does not compile: unclosed character class",
            file: X,
            line: 9,
            column: 16,
            hint: Some("write a regular expression, e.g. `^[a-z]+$`; quote it in single quotes"),
        },
    );
}

#[test]
fn minimum_and_maximum_on_a_string_field_are_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: wiki_db
      type: string
      description: The wiki's database name.
      minimum: 1
      maximum: 9
      sensitivity: public
",
    ));
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    for (d, key, line) in [(&diags[0], "minimum", 9), (&diags[1], "maximum", 10)] {
        assert_diag(
            d,
            Expect {
                code: "constraint-type",
                severity: Error,
                message: &format!("`{key}` does not apply to string field `wiki_db`"),
                file: X,
                line,
                column: 7,
                hint: Some(&format!(
                    "`{key}` is for integer or number fields; remove it or change the type"
                )),
            },
        );
    }
}

#[test]
fn minimum_above_maximum_is_bad_range() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: rank
      type: integer
      description: The rank.
      minimum: 10
      maximum: 1
      sensitivity: public
",
    ));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "bad-range",
            severity: Error,
            message: "`rank` has minimum 10 above maximum 1",
            file: X,
            line: 9,
            column: 16,
            hint: Some("swap the two bounds"),
        },
    );
    related_at(d, X, 10, 16, "maximum here");
}

#[test]
fn fractional_bound_on_an_integer_field_is_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: rank
      type: integer
      description: The rank.
      minimum: 0.5
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`minimum` of integer field `rank` is 0.5, not a whole number",
            file: X,
            line: 9,
            column: 16,
            hint: Some("use a whole number, or make the field a `number`"),
        },
    );
}

#[test]
fn fractional_bound_on_a_number_field_is_fine() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: depth
      type: number
      description: The depth.
      minimum: 0.5
      maximum: 1.5
      sensitivity: public
",
    ));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn format_on_a_non_string_field_is_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: logged_at
      type: integer
      description: When.
      format: date-time
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`format` does not apply to integer field `logged_at`",
            file: X,
            line: 9,
            column: 7,
            hint: Some("`format` is for string fields; remove it or change the type"),
        },
    );
}

#[test]
fn example_that_breaks_the_fields_own_rules_is_bad_example() {
    let cases = [
        // (type and constraint lines, example, message tail)
        // (The article before "integer" is checked nowhere: the message says "a integer".)
        ("type: integer", "'12'", "the example `12` of `f` is a string, not a"),
        (
            "type: boolean",
            "yes",
            "the example `yes` of `f` is a string, not a boolean",
        ),
        (
            "type: string\n      pattern: '^[a-z]+$'",
            "ABC",
            "the example `ABC` of `f` does not match the pattern `^[a-z]+$`",
        ),
        (
            "type: string\n      enum: [vector, minerva]",
            "timeless",
            "the example `timeless` of `f` is not one of the enum values",
        ),
        (
            "type: integer\n      minimum: 1\n      maximum: 10",
            "11",
            "the example `11` of `f` is outside the minimum/maximum",
        ),
        (
            "type: number\n      minimum: 0",
            "-0.5",
            "the example `-0.5` of `f` is outside the minimum/maximum",
        ),
    ];
    for (spec, example, message) in cases {
        let field = format!(
            "    - name: f\n      {spec}\n      description: F.\n      example: {example}\n      sensitivity: public\n"
        );
        let example_line = 6 + field.lines().position(|l| l.contains("example:")).unwrap();
        let (_b, diags) = with_project(&schema_project(&field));
        assert_diag(
            only(&diags),
            Expect {
                code: "bad-example",
                severity: Error,
                message,
                file: X,
                line: example_line,
                column: 16,
                hint: Some("give an example that the field's own rules accept"),
            },
        );
    }
}

#[test]
fn example_that_fits_every_rule_is_fine() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: f
      type: integer
      description: F.
      minimum: 1
      maximum: 10
      enum: [1, 5, 10]
      example: 5
      sensitivity: public
    - name: g
      type: number
      description: G.
      example: 3
      sensitivity: public
",
    ));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

fn sampled(rate: &str) -> String {
    format!(
        "\
title: X
status: proposed
schema:
  name: Thing
  sampling:
    rate: {rate}
    unit: session
  fields:
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
"
    )
}

#[test]
fn sampling_rate_of_zero_or_above_one_is_bad_sampling() {
    for rate in ["0", "1.5", "-0.1"] {
        let (_b, diags) = with_project(&sampled(rate));
        assert_diag(
            only(&diags),
            Expect {
                code: "bad-sampling",
                severity: Error,
                message: &format!("sampling rate {rate} is not in (0, 1]"),
                file: X,
                line: 6,
                column: 11,
                hint: Some("write the share of units sampled, e.g. 0.1 for 10%, 1 for everything"),
            },
        );
    }
}

#[test]
fn sampling_rate_of_one_or_a_fraction_is_fine() {
    for rate in ["1", "1.0", "0.001"] {
        let (_b, diags) = with_project(&sampled(rate));
        assert!(diags.is_empty(), "rate {rate}: {}", dump(&diags));
    }
}

#[test]
fn allow_listed_field_not_in_the_schema_suggests_nearest_field() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  retention:
    purge-after-days: 90
    allow-list: [wiki_db, page_idd]
  fields:
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
    - name: page_id
      type: integer
      description: The page.
      sensitivity: public
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "allow-listed field `page_idd` is not in the schema",
            file: X,
            line: 7,
            column: 27,
            hint: Some("did you mean `page_id`?"),
        },
    );
}

#[test]
fn purge_after_zero_days_is_bad_retention() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  retention:
    purge-after-days: 0
  fields: []
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-retention",
            severity: Error,
            message: "`purge-after-days` is 0",
            file: X,
            line: 6,
            column: 23,
            hint: Some("give the number of days raw events are kept"),
        },
    );
}

#[test]
fn personal_or_sensitive_field_without_retention_is_no_retention() {
    for sensitivity in ["personal", "sensitive"] {
        let (_b, diags) = with_project(&schema_project(&format!(
            "    - name: user_agent\n      type: string\n      description: The browser's user agent.\n      sensitivity: {sensitivity}\n"
        )));
        assert_diag(
            only(&diags),
            Expect {
                code: "no-retention",
                severity: Error,
                message: &format!(
                    "field `user_agent` holds {sensitivity} data but the schema has no retention decision"
                ),
                file: X,
                line: 9,
                column: 20,
                hint: Some(
                    "add `retention: { purge-after-days: N }` to the schema (allow-list only what must be kept)",
                ),
            },
        );
    }
}

#[test]
fn retention_without_purge_days_is_still_no_retention() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  retention:
    notes: Kept forever for now.
  fields:
    - name: user_agent
      type: string
      description: The browser's user agent.
      sensitivity: personal
",
    );
    let d = only(&diags);
    assert_eq!(d.code, "no-retention");
    assert_eq!(d.location.as_ref().unwrap().line, 11);
}

#[test]
fn field_without_description_is_undocumented_field_warning() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: wiki_db
      type: string
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "undocumented-field",
            severity: Warning,
            message: "field `wiki_db` has no description",
            file: X,
            line: 6,
            column: 13,
            hint: Some("say what the field holds; the data dictionary shows it"),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Data dictionary cross-check

fn schema_file(schema: &str, ty: &str, description: &str) -> String {
    format!(
        "\
title: {schema}
status: proposed
schema:
  name: {schema}
  fields:
    - name: wiki_db
      type: {ty}
      description: {description}
      sensitivity: public
"
    )
}

#[test]
fn same_field_with_different_types_is_dictionary_conflict_naming_the_other_file() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        &schema_file("Alpha", "string", "The wiki's database name."),
    );
    book.write(
        "content/projects/beta.yaml",
        &schema_file("Beta", "number", "The wiki's database name."),
    );
    let diags = book.check();
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "dictionary-conflict",
            severity: Error,
            message: "field `wiki_db` is a number in Beta but a string in Alpha",
            file: "content/projects/beta.yaml",
            line: 7,
            column: 13,
            hint: Some("give `wiki_db` one type everywhere, or rename one of the two fields"),
        },
    );
    related_at(
        d,
        "content/projects/alpha.yaml",
        7,
        13,
        "`wiki_db` is a string in Alpha",
    );
}

#[test]
fn same_field_with_different_descriptions_is_dictionary_conflict_warning() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        &schema_file("Alpha", "string", "The wiki's database name."),
    );
    book.write(
        "content/projects/beta.yaml",
        &schema_file("Beta", "string", "The database of the wiki."),
    );
    let diags = book.check();
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "dictionary-conflict",
            severity: Warning,
            message: "field `wiki_db` is described differently in Beta and Alpha",
            file: "content/projects/beta.yaml",
            line: 8,
            column: 20,
            hint: Some("use the same description in every schema, so the data dictionary has one meaning per name"),
        },
    );
    related_at(d, "content/projects/alpha.yaml", 8, 20, "the description in Alpha");
}

#[test]
fn same_field_with_same_type_and_description_is_fine() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        &schema_file("Alpha", "string", "The wiki's database name."),
    );
    book.write(
        "content/projects/beta.yaml",
        &schema_file("Beta", "string", "The wiki's database name."),
    );
    let diags = book.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn field_conflicting_with_the_fixture_points_at_the_fixture_file() {
    // page_id is an integer in reading-depth (line 50 of that file); a string here conflicts.
    let book = Book::valid();
    book.write(
        "content/projects/zebra.yaml",
        "\
title: Zebra
status: proposed
schema:
  name: Zebra
  fields:
    - name: page_id
      type: string
      description: The page's id on the wiki.
      sensitivity: public
",
    );
    let diags = book.check();
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("dictionary-conflict", Error));
    assert!(
        d.message.starts_with("field `page_id` is a string in Zebra but a"),
        "{}",
        d.message
    );
    assert!(d.message.ends_with(" integer in ReadingDepth"), "{}", d.message);
    let loc = d.location.as_ref().unwrap();
    assert_eq!(
        (loc.file.as_path(), loc.line),
        (Path::new("content/projects/zebra.yaml"), 7)
    );
    let r = &d.related[0];
    assert_eq!(r.location.file, Path::new("content/projects/reading-depth.yaml"));
    assert_eq!((r.location.line, r.location.column), (50, 13));
    assert!(r.message.ends_with(" integer in ReadingDepth"), "{}", r.message);
}

// ---------------------------------------------------------------------------------------------
// Files

#[test]
fn project_file_that_is_not_utf8_is_not_utf8_at_the_first_bad_byte() {
    let book = Book::valid();
    book.write_bytes(X, b"title: X\nstatus: active\nteam: W\xffeb\n");
    let diags = book.check();
    assert_diag(
        only(&diags),
        Expect {
            code: "not-utf8",
            severity: Error,
            message: "content/projects/x.yaml is not valid UTF-8 text",
            file: X,
            line: 3,
            column: 8,
            hint: Some("save the file as UTF-8"),
        },
    );
}

#[test]
fn missing_process_file_is_reported_at_book_toml() {
    let book = Book::valid();
    book.remove(P);
    let diags = book.check();
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-file",
            severity: Error,
            message: "the process file content/process.yaml does not exist",
            file: "book.toml",
            line: 1,
            column: 1,
            hint: Some("create it, or point `process` in the [content] section of book.toml at it"),
        },
    );
}

#[test]
fn process_path_from_book_toml_is_used() {
    let book = Book::valid();
    book.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[content]\nprocess = \"daci.yaml\"\n",
    );
    let diags = book.check();
    let d = only(&diags);
    assert_eq!(d.code, "missing-file");
    assert_eq!(d.message, "the process file daci.yaml does not exist");
    book.write("daci.yaml", common::PROCESS);
    let diags = book.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn bom_and_crlf_keep_line_and_column_right() {
    let (book, diags) = with_project(
        "\u{feff}title: X\r\nstatus: active\r\npeople:\r\n  product-manager:\r\n    - name: Jane Doe\r\n  data-analist:\r\n    - name: Priya Raman\r\n",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown role `data-analist`",
            file: X,
            line: 6,
            column: 3,
            hint: Some("did you mean `data-analyst`?"),
        },
    );
    assert_eq!(underlined(&book, d), "data-analist");
}

#[test]
fn bom_and_crlf_keep_syntax_error_positions_right() {
    let (_b, diags) = with_project("\u{feff}title: X\r\nstatus: active\r\nteam: a: b\r\n");
    let d = only(&diags);
    assert_eq!(d.code, "yaml-syntax");
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (3, 8));

    let (_b, diags) = with_project("\u{feff}title: X\r\nstatus: activ\r\n");
    let d = only(&diags);
    assert_eq!(
        (d.code, d.hint.as_deref()),
        ("unknown-value", Some("did you mean `active`?"))
    );
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (2, 9));
}

#[test]
fn bom_and_crlf_in_front_matter_keep_line_numbers() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "\u{feff}---\r\ntitle: Guide\r\nordr: 2\r\n---\r\n# Guide\r\n",
    );
    let d = only(&book.check()).clone();
    let loc = d.location.as_ref().unwrap();
    assert_eq!((d.code, loc.line, loc.column), ("unknown-key", 3, 1));
    assert_eq!(d.hint.as_deref(), Some("did you mean `order`?"));
}

#[test]
fn non_ascii_text_before_a_value_keeps_columns_in_characters() {
    let (book, diags) = with_project(
        "\
title: Café crème
status: active
people:
  product-manager:
    - name: Zoë Ünal
      email: zoë.example.org
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "bad-email",
            severity: Error,
            message: "`zoë.example.org` is not an email address",
            file: X,
            line: 6,
            column: 14,
            hint: Some("write it as name@example.org, or leave `email` out"),
        },
    );
    assert_eq!(underlined(&book, d), "zoë.example.org");
}

#[test]
fn diagnostics_are_sorted_by_file_then_line() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        "title: A\nstatus: active\npeople:\n  zebra: []\n  data-analist: []\n",
    );
    book.write("content/projects/beta.yaml", "title: B\nstatus: activ\n");
    let diags = book.check();
    let places: Vec<(String, usize)> = diags
        .iter()
        .map(|d| {
            let l = d.location.as_ref().unwrap();
            (l.file.display().to_string(), l.line)
        })
        .collect();
    assert_eq!(
        places,
        [
            ("content/projects/alpha.yaml".to_string(), 4),
            ("content/projects/alpha.yaml".to_string(), 5),
            ("content/projects/beta.yaml".to_string(), 2),
        ],
        "{}",
        dump(&diags)
    );
    assert_eq!(with_code(&diags, "unknown-reference").len(), 2);
}

// ---- Links in the Markdown of records ----

#[test]
fn a_relative_link_in_a_record_to_a_missing_page_is_an_error_at_its_field() {
    let (_b, diags) = with_project(
        "\
title: X
status: active
summary: See [the guide](guid.html) and [the matrix](matrix.html#top).
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "broken-link",
            severity: Error,
            message: "`guid.html` in the summary points to guid.html, which the site does not have",
            file: X,
            line: 3,
            column: 10,
            hint: Some("links in records are relative to the site's root, e.g. `roles/data-analyst.html`"),
        },
    );
}

#[test]
fn a_record_link_to_a_role_page_from_the_root_passes_and_a_typo_suggests_it() {
    let (_b, ok) = with_project("title: X\nstatus: active\nsummary: Ask the [PM](roles/product-manager.html).\n");
    assert!(ok.is_empty(), "{}", dump(&ok));
    let (_b, diags) = with_project("title: X\nstatus: active\nsummary: Ask the [PM](roles/product-manger.html).\n");
    let d = one(&diags, "broken-link");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `roles/product-manager.html`? (links in records are relative to the site's root)")
    );
}

#[test]
fn record_links_that_climb_or_start_at_slash_are_errors() {
    for (href, why) in [("../x.html", "climbs with `..`"), ("/index.html", "starts with `/`")] {
        let (_b, diags) = with_project(&format!("title: X\nstatus: active\nsummary: See [x]({href}).\n"));
        let d = one(&diags, "broken-link");
        assert!(d.message.contains(why), "{}", d.message);
        assert_eq!(d.location.as_ref().unwrap().line, 3);
    }
}

#[test]
fn a_script_link_in_record_markdown_is_a_refused_link_warning() {
    let (_b, diags) = with_project("title: X\nstatus: active\nsummary: Click [me](javascript:alert(1)).\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "refused-link",
            severity: Warning,
            message: "the `javascript:` link in the summary is refused; only its text is shown",
            file: X,
            line: 3,
            column: 10,
            hint: Some("links must be https://, http://, mailto: or relative to the site's root"),
        },
    );
}
