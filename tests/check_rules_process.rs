//! One test per rule of `dacibook check` on the process file: ids, references, and one Driver
//! and one Approver per activity. Each breaks the valid fixture book (or writes a small file
//! of its own) in one place and asserts the diagnostic's rule, severity, message, file, line,
//! column and hint.

mod common;

use common::rules::{related_at, with_process, P};
use common::{assert_diag, dump, one, only, underlined, with_code, Expect};
use dacibook::Severity::{Error, Warning};

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
    // The unknown role holds the A: the typo is the one mistake, not a missing approver too.
    assert_eq!(diags.len(), 1, "{}", dump(&diags));
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

#[test]
fn notice_of_more_than_a_year_is_an_error_found_at_once() {
    // Counted day by day, a million business days kept `check` busy for hours (the fixture's
    // privacy review is booked, so its notice is worked out); now it is refused, quickly.
    let book = common::Book::valid();
    book.patch(P, "business-days: 7", "business-days: 1000000");
    let (done, answer) = std::sync::mpsc::channel();
    let root = book.root().to_path_buf();
    std::thread::spawn(move || {
        let _ = done.send(dacibook::load_and_check(&root).expect("the book loads").diagnostics);
    });
    let diags = answer
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("check answers a notice of a million business days within a minute");
    let line = common::PROCESS
        .lines()
        .position(|l| l.contains("business-days"))
        .unwrap()
        + 1;
    assert_diag(
        one(&diags, "bad-notice"),
        Expect {
            code: "bad-notice",
            severity: Error,
            message: "the notice of `privacy-review` asks for 1000000 business days, more than a year (260)",
            file: P,
            line,
            column: 22,
            hint: Some("give at most 260 business days of notice"),
        },
    );
    book.patch(P, "business-days: 1000000", "business-days: 260");
    assert!(
        with_code(&book.check(), "bad-notice").is_empty(),
        "260 business days are allowed"
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
