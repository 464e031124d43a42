//! Codes about a project record: people, stages, sign-offs, dates and links.

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/projects/checkout-funnel.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "empty-title",
        severities: &[Error],
        summary: "a project has an empty title",
        meaning: "
A project's title is how every page names it: the home page, the board, role and people
pages. Write the project's name as people say it.",
        source: "project records: `title`",
        wrong: &[BookFile {
            path: P,
            text: "title: \"\"\nstatus: proposed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "empty-name",
        severities: &[Error],
        summary: "a person in a project's `people` has an empty name",
        meaning: "
Everyone a record names gets a page, titled with their name, and a sign-off names its
approver. A person without a name could be neither shown nor matched.",
        source: "project records: `people`, each person's `name`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
people:
  product-manager:
    - { name: "", handle: jdoe }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
people:
  product-manager:
    - { name: Jane Doe, handle: jdoe }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-email",
        severities: &[Error],
        summary: "a person's email is not an email address",
        meaning: "
A person's `email` becomes a mailto: link on their page, so it must look like
name@example.org. Leave the key out when there is no address.",
        source: "project records: a person's `email` (an address as in RFC 5322, simplified)",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
people:
  product-manager:
    - { name: Jane Doe, email: jane at example.org }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
people:
  product-manager:
    - { name: Jane Doe, email: jane@example.org }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "role-unfilled",
        severities: &[Error],
        summary: "a project has started an activity whose Driver or Approver role nobody fills",
        meaning: "
Once a project starts an activity, someone must drive it and someone must be able to sign it
off. The process says which roles those are; the project's `people` must name a person in
each.",
        source: "the process (who drives and approves each activity) and the project's `people` and `stages`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
stages:
  decide-metrics:
    status: in-progress
    started: 2026-03-02
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
        code: "missing-sign-off",
        severities: &[Error],
        summary: "an activity is marked done without a sign-off",
        meaning: "
An activity with an Approver is done only once the Approver has signed it off. Record who
signed it off and when, with `sign-off: { by: <name>, on: <date> }`.",
        source: "the DACI model: the Approver signs an activity off; project records' `stages`",
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
        code: "sign-off-not-approver",
        severities: &[Error],
        summary: "an activity is signed off by someone who is not in its approving role",
        meaning: "
Only the activity's Approver can sign it off. The name in `sign-off: by:` must be a person
the record lists in the approving role (compared by name or handle).",
        source: "the DACI model: the Approver signs an activity off; the process's assignments",
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
    sign-off: { by: Jane Doe, on: 2026-03-20 }
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
        code: "date-order",
        severities: &[Error],
        summary: "a stage finished before it started",
        meaning: "
A stage's `finished` date cannot come before its `started` date: one of the two is mistyped.",
        source: "project records: a stage's `started` and `finished` dates",
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
    started: 2026-03-12
    finished: 2026-03-04
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
        code: "notice-missing",
        severities: &[Warning],
        summary: "an activity that needs notice is scheduled, but no notice is recorded",
        meaning: "
Some activities need notice: the process's privacy review asks that Legal/Privacy be told
7 business days before the review date. Once a stage has a `scheduled` date, record the day
the notice went out with `notice-sent`; the help line says by when it is due.",
        source:
            "the process: an activity's `notice` (business days, to whom); the stage's `scheduled` and `notice-sent`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
stages:
  privacy-review:
    status: not-started
    scheduled: 2026-11-11
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
stages:
  privacy-review:
    status: not-started
    scheduled: 2026-11-11
    notice-sent: 2026-11-02
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "notice-too-late",
        severities: &[Error],
        summary: "an activity's notice went out fewer business days ahead than the process asks",
        meaning: "
The scheduled date must be at least the N-th business day (Monday to Friday) after the day
the notice was sent, N being the process's `business-days` for the activity. Move the date,
or record the notice that was really sent in time.",
        source: "the process: an activity's `notice`; the stage's `scheduled` and `notice-sent`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
stages:
  privacy-review:
    status: not-started
    scheduled: 2026-11-11
    notice-sent: 2026-11-06
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: active
stages:
  privacy-review:
    status: not-started
    scheduled: 2026-11-17
    notice-sent: 2026-11-06
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "out-of-order",
        severities: &[Error],
        summary: "an activity is done while an earlier required activity has not started",
        meaning: "
Activities happen in the process's order. One cannot be done while a required activity before
it has not even started: mark the earlier one's status, or correct this one's.",
        source: "the process: the order of activities and `required`; project records' `stages`",
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
  define-questions:
    status: done
    started: 2026-03-05
    finished: 2026-03-20
    checked: [questions-listed, metrics-defined, data-needs-listed, feasibility-checked, questions-approved]
    sign-off: { by: Marguerite Osei, on: 2026-03-20 }
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
        code: "prerequisite-not-done",
        severities: &[Warning],
        summary: "an activity has started while one of its prerequisites is not done",
        meaning: "
The process says which activities must be done before another starts (`prerequisites`).
Starting early is sometimes right, so this is a warning: it says the stage may be working
from something not yet settled.",
        source: "the process: an activity's `prerequisites`; project records' `stages`",
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
    status: in-progress
    started: 2026-03-02
  define-questions:
    status: in-progress
    started: 2026-03-05
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
    status: in-progress
    started: 2026-03-05
"#,
        }],
        runs: Runs::Check,
    },
];
