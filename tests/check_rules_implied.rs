//! Rules the process implies beyond its assignments: what a stage's status requires (dates,
//! ticked checklists, no skipping of required activities, sign-offs after the start) and what
//! schemas of different records must agree on (names, sensitivity, enums).

mod common;

use common::rules::{related_at, with_project, X};
use common::{assert_diag, dump, only, underlined, Book, Expect};
use dacibook::Severity::{Error, Warning};

const PEOPLE: &str = "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analyst:
    - name: Priya Raman
stages:
";

#[test]
fn required_activity_marked_skipped_is_skipped_required() {
    let (book, diags) = with_project(&format!("{PEOPLE}  decide-metrics:\n    status: skipped\n"));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "skipped-required",
            severity: Error,
            message: "`decide-metrics` is required by the process, so it cannot be skipped",
            file: X,
            line: 10,
            column: 13,
            hint: Some("only activities with `required: false` may be skipped; record where the project stands at it (`not-started`, `in-progress`, `blocked` or `done`)"),
        },
    );
    assert_eq!(underlined(&book, d), "skipped");
}

#[test]
fn optional_activity_marked_skipped_is_accepted() {
    let (_b, diags) = with_project(&format!("{PEOPLE}  data-dictionary:\n    status: skipped\n"));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn done_stage_without_finished_date_is_done_without_dates() {
    let (_b, diags) = with_project(&format!(
        "{PEOPLE}  decide-metrics:\n    status: done\n    started: 2026-01-05\n    checked: [need-written-down, ticket-opened]\n"
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "done-without-dates",
            severity: Error,
            message: "`decide-metrics` is done but has no `finished` date",
            file: X,
            line: 10,
            column: 13,
            hint: Some("add `finished: YYYY-MM-DD` to the stage, so the project's timeline is complete"),
        },
    );
}

#[test]
fn done_stage_without_either_date_names_both() {
    let (_b, diags) = with_project(&format!(
        "{PEOPLE}  decide-metrics:\n    status: done\n    checked: [need-written-down, ticket-opened]\n"
    ));
    let d = only(&diags);
    assert_eq!(
        d.message,
        "`decide-metrics` is done but has no `started` or `finished` date"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "add `started: YYYY-MM-DD` and `finished: YYYY-MM-DD` to the stage, so the project's timeline is complete"
        )
    );
}

#[test]
fn finished_date_on_a_stage_in_progress_is_a_warning() {
    let (book, diags) = with_project(&format!(
        "{PEOPLE}  decide-metrics:\n    status: in-progress\n    started: 2026-01-05\n    finished: 2026-01-09\n"
    ));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "finished-not-done",
            severity: Warning,
            message: "`decide-metrics` has a `finished` date but its status is in-progress",
            file: X,
            line: 12,
            column: 15,
            hint: Some("set `status: done` if the stage is finished, or remove `finished`"),
        },
    );
    assert_eq!(underlined(&book, d), "2026-01-09");
}

#[test]
fn sign_off_dated_before_the_stage_started_names_both_dates() {
    let text = format!(
        "{PEOPLE}  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
    sign-off: {{by: Jane Doe, on: 2026-01-02}}
"
    );
    let (book, diags) = with_project(&text);
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "sign-off-before-start",
            severity: Error,
            message: "`specification` is signed off on 2026-01-02, before it started on 2026-01-12",
            file: X,
            line: 19,
            column: 34,
            hint: Some("a stage is signed off once its work is done; check the two dates"),
        },
    );
    assert_eq!(underlined(&book, d), "2026-01-02");
    related_at(d, X, 16, 14, "started here");
}

#[test]
fn done_stage_with_unticked_items_names_them() {
    let (book, diags) = with_project(&format!(
        "{PEOPLE}  decide-metrics:\n    status: done\n    started: 2026-01-05\n    finished: 2026-01-09\n    checked: [ticket-opened]\n"
    ));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unticked-checklist",
            severity: Warning,
            message: "`decide-metrics` is done but its checklist items `need-written-down` are not ticked",
            file: X,
            line: 13,
            column: 5,
            hint: Some("tick them in `checked:` once they are true (need-written-down), or set the status back to `in-progress`"),
        },
    );
    assert_eq!(underlined(&book, d), "checked");
}

#[test]
fn the_valid_fixture_has_every_done_stage_dated_and_ticked() {
    let diags = Book::valid().check();
    assert!(diags.is_empty(), "{}", dump(&diags));
}

// Schemas of different records

const Y: &str = "content/projects/y.yaml";

/// The fixture's process with projects x and y.
fn two_projects(x: &str, y: &str) -> (Book, Vec<dacibook::diagnostic::Diagnostic>) {
    let book = Book::process_only();
    book.write(X, x);
    book.write(Y, y);
    let diags = book.check();
    (book, diags)
}

fn with_schema(name: &str, fields: &str) -> String {
    format!("title: T\nstatus: proposed\nschema:\n  name: {name}\n  retention: {{purge-after-days: 90}}\n  fields:\n{fields}")
}

#[test]
fn two_records_with_one_schema_name_name_both_places() {
    let (book, diags) = two_projects(&with_schema("Clicks", ""), &with_schema("Clicks", ""));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-schema-name",
            severity: Error,
            message: "the event schema name `Clicks` is also used by project `x`",
            file: Y,
            line: 4,
            column: 9,
            hint: Some("give each project's event schema its own name, e.g. after the project"),
        },
    );
    assert_eq!(underlined(&book, d), "Clicks");
    related_at(d, X, 4, 9, "`Clicks` is the schema of `x` here");
}

#[test]
fn field_public_in_one_schema_and_personal_in_another_is_a_warning() {
    let field =
        |s: &str| format!("    - {{name: user_name, type: string, description: The name., sensitivity: {s}}}\n");
    let (_b, diags) = two_projects(
        &with_schema("A", &field("public")),
        &with_schema("B", &field("personal")),
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "sensitivity-conflict",
            severity: Warning,
            message: "field `user_name` is personal in B but public in A: the same data cannot be both",
            file: Y,
            line: 7,
            column: 76,
            hint: Some("decide how sensitive `user_name` is and use that everywhere, or rename the field that holds different data"),
        },
    );
    related_at(d, X, 7, 76, "`user_name` is public in A");
}

#[test]
fn internal_and_personal_are_not_a_sensitivity_conflict() {
    let field =
        |s: &str| format!("    - {{name: user_name, type: string, description: The name., sensitivity: {s}}}\n");
    let (_b, diags) = two_projects(
        &with_schema("A", &field("internal")),
        &with_schema("B", &field("sensitive")),
    );
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn enums_of_one_field_with_no_value_in_common_name_both_places() {
    let field = |values: &str| {
        format!("    - {{name: skin, type: string, description: The skin., enum: [{values}], sensitivity: public}}\n")
    };
    let (book, diags) = two_projects(
        &with_schema("A", &field("vector, minerva")),
        &with_schema("B", &field("desktop, mobile")),
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "enum-conflict",
            severity: Warning,
            message: "field `skin` allows [desktop, mobile] in B and [vector, minerva] in A: no value in common",
            file: Y,
            line: 7,
            column: 64,
            hint: Some("two fields named `skin` with no value in common hold different data: rename one, or merge the two lists"),
        },
    );
    // A flow list is located at its opening bracket.
    assert_eq!(underlined(&book, d), "[");
    related_at(d, X, 7, 64, "the enum of `skin` in A");
}

#[test]
fn enums_sharing_a_value_are_accepted() {
    let field = |values: &str| {
        format!("    - {{name: skin, type: string, description: The skin., enum: [{values}], sensitivity: public}}\n")
    };
    let (_b, diags) = two_projects(
        &with_schema("A", &field("vector, minerva")),
        &with_schema("B", &field("minerva, timeless")),
    );
    assert!(diags.is_empty(), "{}", dump(&diags));
}

// The process

#[test]
fn two_roles_with_one_short_name_is_duplicate_short_name() {
    let book = Book::valid();
    book.patch(
        "content/process.yaml",
        "    name: Data Analyst\n    short: DA\n",
        "    name: Data Analyst\n    short: PM\n",
    );
    let diags = book.check();
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-short-name",
            severity: Error,
            message: "roles `product-manager` and `data-analyst` have the same short name `PM`",
            file: "content/process.yaml",
            line: 22,
            column: 12,
            hint: Some(
                "give `data-analyst` a short name of its own (`short:`), so the matrix's columns can be told apart",
            ),
        },
    );
    related_at(d, "content/process.yaml", 19, 12, "the short name of `product-manager`");
}
