//! The mistakes a newcomer makes when writing a first project record or process (issue 16),
//! each reported in words that teach: where it is, what is wrong and how to fix it, without
//! the parser's or serde's own vocabulary.

mod common;

use common::rules::{related_at, with_process, with_project, P, X};
use common::{assert_diag, dump, one, only, Expect, PROCESS};
use dacibook::Severity::Error;

/// A record with everything a check needs, plus `rest` (written at line 3 on).
fn record(rest: &str) -> String {
    format!("title: X\nstatus: active\n{rest}")
}

fn field_with(key_lines: &str) -> String {
    record(&format!("schema:\n  name: S\n  fields:\n    - name: ts\n{key_lines}"))
}

#[test]
fn a_day_that_does_not_exist_says_how_many_days_its_month_has() {
    let cases = [
        (
            "2026-02-30",
            "there is no date `2026-02-30`: February 2026 has 28 days",
            "write a day from 01 to 28, e.g. 2026-02-28",
        ),
        (
            "2025-02-29",
            "there is no date `2025-02-29`: February 2025 has 28 days (2025 is not a leap year)",
            "write a day from 01 to 28, e.g. 2025-02-28",
        ),
        (
            "2026-04-31",
            "there is no date `2026-04-31`: April 2026 has 30 days",
            "write a day from 01 to 30, e.g. 2026-04-30",
        ),
        (
            "2026-13-01",
            "there is no date `2026-13-01`: there is no month 13 (months go from 01 to 12)",
            "dates are written year, month, day: did you mean 2026-01-13?",
        ),
    ];
    for (date, message, hint) in cases {
        let (_b, diags) = with_project(&record(&format!(
            "stages:\n  decide-metrics:\n    status: not-started\n    scheduled: {date}\n"
        )));
        let d = only(&diags);
        assert_diag(
            d,
            Expect {
                code: "no-such-date",
                severity: Error,
                message,
                file: X,
                line: 6,
                column: 16,
                hint: Some(hint),
            },
        );
        assert_eq!(d.message, format!("stages.decide-metrics.scheduled: {message}"));
    }
    // A leap year's 29 February exists.
    let (_b, diags) = with_project(&record(
        "stages:\n  decide-metrics:\n    status: not-started\n    scheduled: 2028-02-29\n",
    ));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn a_field_type_from_another_schema_language_points_to_ours() {
    let cases = [
        (
            "timestamp",
            "`timestamp` is not a type of its own: write `type: string` and, on the next line, `format: date-time`",
        ),
        (
            "datetime",
            "`datetime` is not a type of its own: write `type: string` and, on the next line, `format: date-time`",
        ),
        (
            "date-time",
            "`date-time` is not a type of its own: write `type: string` and, on the next line, `format: date-time`",
        ),
        (
            "date",
            "`date` is not a type of its own: write `type: string` and, on the next line, `format: date`",
        ),
        ("int", "write `type: integer` (`int` is spelt `integer` here)"),
        ("float", "write `type: number` (`float` is spelt `number` here)"),
        ("double", "write `type: number` (`double` is spelt `number` here)"),
        ("bool", "write `type: boolean` (`bool` is spelt `boolean` here)"),
        ("str", "write `type: string` (`str` is spelt `string` here)"),
        ("text", "write `type: string` (`text` is spelt `string` here)"),
        ("list", "write `type: array` (`list` is spelt `array` here)"),
        ("map", "write `type: object` (`map` is spelt `object` here)"),
        // Not a word of another language: the nearest of ours.
        ("strng", "did you mean `string`?"),
    ];
    for (ty, hint) in cases {
        let (_b, diags) = with_project(&field_with(&format!("      type: {ty}\n      sensitivity: public\n")));
        let message = format!(
            "schema.fields[0].type: unknown value `{ty}`, expected one of `string`, `integer`, `number`, `boolean`, `object`, `array`"
        );
        let d = only(&diags);
        assert_diag(
            d,
            Expect {
                code: "unknown-value",
                severity: Error,
                message: &message,
                file: X,
                line: 7,
                column: 13,
                hint: Some(hint),
            },
        );
        assert_eq!(d.message, message);
    }
}

#[test]
fn no_message_about_an_enum_says_variant() {
    // Several enums of the record and of the process, each given a value it does not have.
    let records = [
        record("").replace("status: active", "status: activ"),
        record("stages:\n  decide-metrics:\n    status: finished\n"),
        field_with("      type: string\n      sensitivity: secret-ish\n"),
        field_with("      type: string\n      format: phone\n      sensitivity: public\n"),
        record("schema:\n  name: S\n  sampling:\n    rate: 0.5\n    unit: pageviews\n"),
        record("").replace("status: active", "status: !paws x"),
    ];
    for text in &records {
        let (_b, diags) = with_project(text);
        let d = only(&diags);
        assert_eq!(d.code, "unknown-value", "{}", dump(&diags));
        assert!(d.message.contains("unknown value `"), "{}", dump(&diags));
        let all = format!("{} {:?}", d.message, d.hint).to_lowercase();
        assert!(!all.contains("variant"), "{}", dump(&diags));
    }
    let (_b, diags) = with_process(&PROCESS.replace("duty: inform", "duty: informed"));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-value",
            severity: Error,
            message:
                "codes[3].duty: unknown value `informed`, expected one of `drive`, `approve`, `contribute`, `inform`",
            file: P,
            line: 15,
            column: 11,
            hint: Some("did you mean `inform`?"),
        },
    );
    // A value the author wrote is quoted as written, even when it is the word itself.
    let (_b, diags) = with_project(&record("").replace("status: active", "status: variant"));
    assert!(
        only(&diags).message.contains("unknown value `variant`"),
        "{}",
        dump(&diags)
    );
}

#[test]
fn a_stage_status_from_everyday_speech_points_to_ours() {
    let (_b, diags) = with_project(&record("stages:\n  decide-metrics:\n    status: completed\n"));
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-value",
            severity: Error,
            message: "stages.decide-metrics.status: unknown value `completed`, expected one of `not-started`, `in-progress`, `done`, `skipped`, `blocked`",
            file: X,
            line: 5,
            column: 13,
            hint: Some("a stage that is `completed` is written `status: done`"),
        },
    );
}

#[test]
fn a_missing_key_that_takes_fixed_values_lists_them() {
    let (_b, diags) = with_project(&field_with("      type: string\n"));
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-key",
            severity: Error,
            message: "schema.fields[0]: missing field `sensitivity`",
            file: X,
            line: 6,
            column: 7,
            hint: Some("add `sensitivity:` with one of `public`, `internal`, `personal`, `sensitive`"),
        },
    );
    let (_b, diags) = with_project("title: X\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-key",
            severity: Error,
            message: "missing field `status`",
            file: X,
            line: 1,
            column: 1,
            hint: Some("add `status:` with one of `proposed`, `active`, `paused`, `decommissioned`"),
        },
    );
    let (_b, diags) = with_project(&record("stages:\n  decide-metrics:\n    started: 2026-01-05\n"));
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-key",
            severity: Error,
            message: "stages.decide-metrics: missing field `status`",
            file: X,
            line: 5,
            column: 5,
            hint: Some("add `status:` with one of `not-started`, `in-progress`, `done`, `skipped`, `blocked`"),
        },
    );
    let (_b, diags) = with_project(&field_with("      sensitivity: public\n"));
    assert_eq!(
        only(&diags).hint.as_deref(),
        Some("add `type:` with one of `string`, `integer`, `number`, `boolean`, `object`, `array`"),
        "{}",
        dump(&diags)
    );
}

#[test]
fn a_repeated_key_points_at_the_first_one_too() {
    let (_b, diags) = with_project("title: X\nstatus: active\nteam: Web\ntitle: Y\n");
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-key",
            severity: Error,
            message: "duplicate key `title`",
            file: X,
            line: 4,
            column: 1,
            hint: Some("remove one of the two entries, or merge them"),
        },
    );
    related_at(d, X, 1, 1, "first written here");
    // In a nested mapping (serde's own check) and in a map of roles (ours) alike.
    let (_b, diags) = with_project(&record(
        "people:\n  product-manager:\n    - name: Ann\n      handle: ann\n      handle: bob\n",
    ));
    let d = one(&diags, "duplicate-key");
    assert_eq!(
        d.message,
        "people.product-manager[0]: duplicate key `handle`",
        "{}",
        dump(&diags)
    );
    assert_eq!(d.location.as_ref().map(|l| (l.line, l.column)), Some((7, 7)));
    related_at(d, X, 6, 7, "first written here");
    let (_b, diags) = with_project(&record(
        "people:\n  data-analyst:\n    - name: Ann\n  data-analyst:\n    - name: Bob\n",
    ));
    let d = one(&diags, "duplicate-key");
    assert_eq!(d.location.as_ref().map(|l| (l.line, l.column)), Some((6, 3)));
    related_at(d, X, 4, 3, "first written here");
}

#[test]
fn a_repeated_key_is_shown_twice_in_the_report() {
    let book = common::Book::process_only();
    book.write(X, "title: X\nstatus: active\ntitle: Y\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dacibook"))
        .arg("check")
        .current_dir(book.root())
        .output()
        .expect("run dacibook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("1 | title: X\n  | ----- first written here"),
        "{stderr}"
    );
    assert!(stderr.contains("3 | title: Y\n  | ^^^^^"), "{stderr}");
}

#[test]
fn a_done_stage_without_sign_off_names_who_can_sign_it() {
    let (_b, diags) = with_project(&record(
        "\
people:
  product-manager:
    - name: Ana Lima
      handle: ana
    - name: Bo Berg
  data-analyst:
    - name: Cy
stages:
  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-sign-off",
            severity: Error,
            message: "`specification` is done but has no sign-off",
            file: X,
            line: 17,
            column: 13,
            hint: Some(
                "sign it off as one of: Ana Lima (ana), Bo Berg; add `sign-off:` with `by: ana` and `on:` the date",
            ),
        },
    );
}

#[test]
fn a_misspelt_role_id_is_reported_once() {
    let (_b, diags) = with_project(&record(
        "\
people:
  product-manager:
    - name: Ana
  data-analist:
    - name: Cy
stages:
  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: in-progress
  data-dictionary:
    status: blocked
",
    ));
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", dump(&diags));
    assert_diag(
        errors[0],
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
    // The people under the misspelt id still count for the stages' sign-offs.
    let (_b, diags) = with_project(&record(
        "\
people:
  product-manger:
    - name: Ana
  data-analyst:
    - name: Cy
stages:
  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
",
    ));
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["unknown-reference", "missing-sign-off"], "{}", dump(&diags));
    assert_eq!(
        diags[1].hint.as_deref(),
        Some("sign it off as one of: Ana; add `sign-off:` with `by: Ana` and `on:` the date")
    );
}

#[test]
fn a_misspelt_role_in_an_activity_s_assignments_is_reported_once() {
    let (_b, diags) = with_process(&PROCESS.replace(
        "      data-analyst: D\n      product-manager: A\n      software-engineer: C\n",
        "      data-analist: D\n      product-manager: A\n      software-engineer: C\n",
    ));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "unknown role `data-analist`",
            file: P,
            line: 44,
            column: 7,
            hint: Some("did you mean `data-analyst`?"),
        },
    );
}

/// What `dacibook check` prints for the book.
fn report(book: &common::Book) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dacibook"))
        .arg("check")
        .current_dir(book.root())
        .output()
        .expect("run dacibook");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const PARSER_WORDS: [&str; 4] = [
    "while scanning",
    "violates indentation",
    "cannot start any token",
    "mapping values are not allowed",
];

fn no_parser_words(diags: &[dacibook::Diagnostic]) {
    for d in diags {
        let all = format!("{} {:?}", d.message, d.hint);
        for w in PARSER_WORDS {
            assert!(!all.contains(w), "`{w}` in {}", dump(diags));
        }
    }
}

#[test]
fn a_tab_that_indents_a_line_is_reported_at_the_tab() {
    let cases = [
        // A tab alone, a tab after spaces (libyaml says "violates indentation" here), and a
        // tab that nests a whole block.
        (
            record("links:\n\tticket: https://example.org\n"),
            4,
            1,
            "replace the tab (shown as `→`) with spaces: 2 spaces nest it under `links:` on line 3",
        ),
        (
            record("people:\n  product-manager:\n    - name: Ana\n  \t  handle: ana\n"),
            6,
            3,
            "replace the tab (shown as `→`) with spaces: 6 spaces line it up with `name:` on line 5",
        ),
        (
            record("links:\n  ticket: https://example.org\n\tschema-repo: https://example.org\n"),
            5,
            1,
            "replace the tab (shown as `→`) with spaces: 2 spaces line it up with `ticket:` on line 4",
        ),
    ];
    for (text, line, column, hint) in cases {
        let (_b, diags) = with_project(&text);
        assert_diag(
            only(&diags),
            Expect {
                code: "tab-indentation",
                severity: Error,
                message: "this line is indented with a tab, and YAML allows only spaces for indentation",
                file: X,
                line,
                column,
                hint: Some(hint),
            },
        );
        no_parser_words(&diags);
    }
    // The quoted line shows the tab, and the caret stands under it.
    let book = common::Book::process_only();
    book.write(
        X,
        &record("people:\n  product-manager:\n    - name: Ana\n  \t  handle: ana\n"),
    );
    let stderr = report(&book);
    assert!(stderr.contains("6 |   →  handle: ana\n  |   ^\n"), "{stderr}");
    // A tab after a key's `:` is fine.
    let (_b, diags) = with_project("title:\tX\nstatus: active\n");
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn a_key_indented_one_space_too_deep_says_so() {
    let (_b, diags) = with_project(&record(
        "links:\n  ticket: https://example.org\n   schema-repo: https://example.org\n",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "indentation",
            severity: Error,
            message: "this line is indented 1 space deeper than `ticket:` on line 4, the key above it",
            file: X,
            line: 5,
            column: 4,
            hint: Some(
                "the keys of one mapping line up: indent `schema-repo:` by 2 spaces, as `ticket:` is (a key cannot go under one that already has a value)",
            ),
        },
    );
    no_parser_words(&diags);
    assert!(!only(&diags).message.contains("`: `"), "{}", dump(&diags));
    // In a list item, the siblings are the keys after its `- `.
    let (_b, diags) = with_project(&record(
        "people:\n  product-manager:\n    - name: Ana\n       handle: ana\n",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "indentation",
            severity: Error,
            message: "this line is indented 1 space deeper than `name:` on line 5, the key above it",
            file: X,
            line: 6,
            column: 8,
            hint: Some(
                "the keys of one mapping line up: indent `handle:` by 6 spaces, as `name:` is (a key cannot go under one that already has a value)",
            ),
        },
    );
    // One space too few, and at the top level.
    let (_b, diags) = with_project(&record("links:\n  ticket: https://example.org\n schema-repo: x\n"));
    assert_diag(
        only(&diags),
        Expect {
            code: "indentation",
            severity: Error,
            message: "this line is indented 1 space less than `ticket:` on line 4, the key above it",
            file: X,
            line: 5,
            column: 2,
            hint: Some("the keys of one mapping line up: indent `schema-repo:` by 2 spaces, as `ticket:` is"),
        },
    );
    no_parser_words(&diags);
    let (_b, diags) = with_project("title: \"X\"\n status: active\n");
    assert_eq!(
        only(&diags).hint.as_deref(),
        Some("the keys of one mapping line up: write `status:` at the start of the line, as `title:` is (a key cannot go under one that already has a value)"),
        "{}",
        dump(&diags)
    );
}
