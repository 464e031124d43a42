//! One test per rule of `dacibook check` on project records checked against the process. Each
//! breaks the valid fixture book (or writes a small file of its own) in one place and asserts
//! the diagnostic's rule, severity, message, file, line, column and hint.

mod common;

use common::rules::{related_at, with_project, X};
use common::{assert_diag, dump, one, only, underlined, Book, Expect};
use dacibook::Severity::{Error, Warning};

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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
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
            line: 13,
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
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
            line: 22,
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
  data-dictionary:
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
";

#[test]
fn done_without_sign_off_is_missing_sign_off() {
    let (_b, diags) = with_project(&format!("{TWO_PEOPLE}  specification:\n    status: done\n    started: 2026-01-12\n    finished: 2026-01-30\n    checked: [fields-defined, queries-written]\n"));
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-sign-off",
            severity: Error,
            message: "`specification` is done but has no sign-off",
            file: X,
            line: 16,
            column: 13,
            hint: Some("sign it off as one of: Jane Doe (jdoe); add `sign-off:` with `by: jdoe` and `on:` the date"),
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
        "{TWO_PEOPLE}  specification:\n    status: done\n    started: 2026-01-12\n    finished: 2026-01-30\n    checked: [fields-defined, queries-written]\n    sign-off:\n      by: Jane Do\n      on: 2026-01-30\n"
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "sign-off-not-approver",
            severity: Error,
            message: "`specification` is signed off by `Jane Do`, who is not in its approving role `product-manager`",
            file: X,
            line: 21,
            column: 11,
            hint: Some("did you mean `Jane Doe`?"),
        },
    );
}

#[test]
fn sign_off_by_the_driver_is_not_the_approver() {
    let (_b, diags) = with_project(&format!(
        "{TWO_PEOPLE}  specification:\n    status: done\n    started: 2026-01-12\n    finished: 2026-01-30\n    checked: [fields-defined, queries-written]\n    sign-off:\n      by: Priya Raman\n"
    ));
    let d = only(&diags);
    assert_eq!(d.code, "sign-off-not-approver");
    assert_eq!(d.hint.as_deref(), Some("known approvers: `Jane Doe`"));
}

#[test]
fn sign_off_by_handle_of_the_approver_is_accepted() {
    let (_b, diags) = with_project(&format!(
        "{TWO_PEOPLE}  specification:\n    status: done\n    started: 2026-01-12\n    finished: 2026-01-30\n    checked: [fields-defined, queries-written]\n    sign-off:\n      by: jdoe\n"
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
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
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
            hint: Some("record where the project stands at `decide-metrics` (a required activity cannot be skipped)"),
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
    sign-off: {by: Jane Doe}
  privacy-review:
    status: done
    started: 2026-02-02
    finished: 2026-02-13
    checked: [notice-sent]
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  privacy-review:
    status: done
    started: 2026-02-02
    finished: 2026-02-13
    checked: [notice-sent]
    sign-off: {by: Harriet Quigley}
",
    );
    let d = one(&diags, "out-of-order");
    assert!(d.message.contains("`specification` has not started"), "{}", d.message);
    assert_eq!(d.location.as_ref().unwrap().line, 15);
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
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
            line: 19,
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
    checked: [need-written-down, ticket-opened]
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
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
            line: 24,
            column: 18,
            // The latest notice date is the last business day that leaves seven business days
            // (Friday 2026-10-30); a notice on the Sunday after would count the same.
            hint: Some("the notice had to go out by 2026-10-30; move the date to 2026-11-11 or later"),
        },
    );
    related_at(d, X, 25, 16, "scheduled here");
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
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    checked: [fields-defined, queries-written]
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
            line: 24,
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
