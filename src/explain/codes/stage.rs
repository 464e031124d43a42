//! Codes about what a stage's status implies: skipping, dates, sign-off dates and checklists.

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/projects/checkout-funnel.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "skipped-required",
        severities: &[Error],
        summary: "a required activity is marked `skipped`",
        meaning: "
Every project goes through the activities the process marks as required; only the ones with
`required: false` (\"if needed\" stages, such as the data dictionary) may be `skipped`. Record
where the project really stands at a required activity instead.",
        source: "the process: an activity's `required`; project records: a stage's `status`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: skipped
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: in-progress
    started: 2026-03-02
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "done-without-dates",
        severities: &[Error],
        summary: "a stage is done but has no `started` or `finished` date",
        meaning: "
A done stage is part of the project's history: its page and the board show when it started
and when it finished, and the rules on sign-off dates and date order rely on both dates.",
        source: "project records: a stage's `status`, `started` and `finished`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
    checked: [need-written-down, management-ok, ticket-opened, analytics-told]
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
    started: 2026-03-02
    finished: 2026-03-04
    checked: [need-written-down, management-ok, ticket-opened, analytics-told]
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "finished-not-done",
        severities: &[Warning],
        summary: "a stage has a `finished` date but is not done",
        meaning: "
A `finished` date says the stage is over, its status says it is not: one of the two is out of
date. Mark the stage done, or remove the date.",
        source: "project records: a stage's `status` and `finished`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: in-progress
    started: 2026-03-02
    finished: 2026-03-04
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
    started: 2026-03-02
    finished: 2026-03-04
    checked: [need-written-down, management-ok, ticket-opened, analytics-told]
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "sign-off-before-start",
        severities: &[Error],
        summary: "a sign-off is dated before its stage started",
        meaning: "
The Approver signs a stage off once its work is done, so the sign-off's `on` date cannot come
before the stage's `started` date: one of the two is mistyped. The diagnostic points at both.",
        source: "the DACI model: the Approver signs the outcome off; a stage's `started` and `sign-off`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
  head-of-product-analytics:
    - name: Marguerite Osei
stages:
  decide-metrics:
    status: done
    started: 2026-03-02
    finished: 2026-03-04
    checked: [need-written-down, management-ok, ticket-opened, analytics-told]
  define-questions:
    status: done
    started: 2026-03-05
    finished: 2026-03-20
    checked: [questions-listed, metrics-defined, data-needs-listed, feasibility-checked, questions-approved]
    sign-off: { by: Marguerite Osei, on: 2026-02-20 }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
  head-of-product-analytics:
    - name: Marguerite Osei
stages:
  decide-metrics:
    status: done
    started: 2026-03-02
    finished: 2026-03-04
    checked: [need-written-down, management-ok, ticket-opened, analytics-told]
  define-questions:
    status: done
    started: 2026-03-05
    finished: 2026-03-20
    checked: [questions-listed, metrics-defined, data-needs-listed, feasibility-checked, questions-approved]
    sign-off: { by: Marguerite Osei, on: 2026-03-20 }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "unticked-checklist",
        severities: &[Warning],
        summary: "a done stage has checklist items that are not ticked",
        meaning: "
Each activity of the process has a checklist of concrete things that are true when it is done.
A stage marked done with items missing from `checked` is either not quite done or its record
is behind; the warning names the items.",
        source: "the process: an activity's `checklist`; project records: a stage's `checked`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
    started: 2026-03-02
    finished: 2026-03-04
    checked: [need-written-down]
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
people:
  product-manager:
    - name: Jane Doe
stages:
  decide-metrics:
    status: done
    started: 2026-03-02
    finished: 2026-03-04
    checked: [need-written-down, management-ok, ticket-opened, analytics-told]
"#,
        }],
        runs: Runs::Check,
    },
];
