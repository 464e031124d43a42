//! Codes about the process: ids, codes, and one Driver and one Approver per activity.

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/process.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "duplicate-short-name",
        severities: &[Error],
        summary: "two roles have the same short name",
        meaning: "
The matrix, its CSV export and the board head each role's column with its short name (`short`,
or the name when there is none). Two roles with one short name would give two columns nobody
can tell apart. Give each role a short name of its own.",
        source: "the process file: each role's `short` (or `name`)",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager, short: PM }
  - { id: program-manager, name: Program Manager, short: PM }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, program-manager: A }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager, short: PM }
  - { id: program-manager, name: Program Manager, short: PgM }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, program-manager: A }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "duplicate-id",
        severities: &[Error],
        summary: "two codes, roles, activities or checklist items share an id",
        meaning: "
Ids name things across the book: records refer to roles and activities by id, and each id
becomes a page's address. Two things with one id could not be told apart.",
        source: "the process file (content/process.yaml): ids of codes, roles, activities and checklist items",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: product-manager, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D }
    waivers: { A: Management agrees informally. }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D }
    waivers: { A: Management agrees informally. }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-id",
        severities: &[Error],
        summary: "an id is not kebab-case, or a code is not one uppercase letter",
        meaning: "
Role, activity, checklist item and project ids (a project's id is its file name) are
kebab-case: lowercase words joined by hyphens, such as `data-analyst`. They become file names
and addresses of pages, which must be the same on every system. A code's id is the one
uppercase letter shown in the matrix, such as `D`.",
        source: "dacibook's naming rule for ids (they become page addresses); the process file",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: Product_Manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { Product_Manager: D, data-analyst: A }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "missing-duty",
        severities: &[Error],
        summary: "no code of the process drives, or none approves",
        meaning: "
A DACI process (or RACI, or any variant) needs one code whose duty is `drive` and one whose
duty is `approve`: dacibook checks that each activity has exactly one of each, and a project's
sign-offs come from the approving role.",
        source: "the DACI model: every activity has a Driver and an Approver; the process's `codes`",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: C, name: Contributor, duty: contribute }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: C }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
  - { id: C, name: Contributor, duty: contribute }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "empty-reason",
        severities: &[Error],
        summary: "a waiver or an inferred cell gives no reason",
        meaning: "
A waiver (`waivers: { A: \"...\" }`) says why an activity has no role with that code, and an
inferred cell (`inferred: { role: \"...\" }`) why a cell of the matrix was placed where it is.
The reason is shown to readers; an empty one tells them nothing.",
        source: "the process file: `waivers` and `inferred` of an activity",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D }
    waivers: { A: "" }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D }
    waivers: { A: Management agrees informally. }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "needless-waiver",
        severities: &[Warning],
        summary: "an activity waives a code it assigns to a role anyway",
        meaning: "
A waiver says that an activity has no role with a code, and why. When a role does hold that
code, the waiver is wrong or left over: remove it, or remove the assignment.",
        source: "the process file: `waivers` and `assignments` of an activity",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A }
    waivers: { A: Management agrees informally. }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "no-approver",
        severities: &[Warning],
        summary: "an activity has no Approver and does not say why",
        meaning: "
In DACI each activity has exactly one Approver, who signs it off. Some activities have none
on purpose (an informal go-ahead, say): say so with a waiver and its reason, and the warning
goes away. Without an Approver, a project's stage is done without a sign-off.",
        source: "the DACI model: one Approver per activity; the process file's `assignments` and `waivers`",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D }
    waivers: { A: Management agrees informally. }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "no-driver",
        severities: &[Error],
        summary: "an activity has no Driver",
        meaning: "
In DACI each activity has exactly one Driver, the role that moves it forward. An activity
without one has nobody responsible for it, and project pages could not say whose turn it is.",
        source: "the DACI model: one Driver per activity; the process file's `assignments`",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { data-analyst: A }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "too-many",
        severities: &[Error],
        summary: "an activity has more than one Driver or more than one Approver",
        meaning: "
In DACI exactly one role drives an activity and exactly one approves it: when two share the
job, neither owns it. Keep one, and make the others Contributors.",
        source: "the DACI model: one Driver and one Approver per activity; the process file's `assignments`",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
  - { id: C, name: Contributor, duty: contribute }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
  - { id: software-engineer, name: Software Engineer }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A, software-engineer: D }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
  - { id: C, name: Contributor, duty: contribute }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
  - { id: software-engineer, name: Software Engineer }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A, software-engineer: C }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "prerequisite-order",
        severities: &[Error],
        summary: "an activity's prerequisite does not come before it in the process",
        meaning: "
Activities are listed in the order they happen, and a prerequisite must be done before the
activity starts, so it must come earlier in the list. A later one (or the activity itself)
would make a cycle.",
        source: "the process file: the order of `activities` and their `prerequisites`",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    prerequisites: [specification]
    assignments: { product-manager: D, data-analyst: A }
  - id: specification
    name: Write the specification
    assignments: { data-analyst: D, product-manager: A }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: data-analyst, name: Data Analyst }
activities:
  - id: decide-metrics
    name: Decide what to measure
    assignments: { product-manager: D, data-analyst: A }
  - id: specification
    name: Write the specification
    prerequisites: [decide-metrics]
    assignments: { data-analyst: D, product-manager: A }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-notice",
        severities: &[Error],
        summary: "an activity's notice asks for 0 business days, or more than a year (260)",
        meaning: "
An activity's `notice` says how many business days ahead a role must be told of its
`scheduled` date (the privacy review asks for 7). Zero days is no notice: give the number of
days, or remove `notice`. More than 260 business days (a year) is refused too.",
        source: "the process file: an activity's `notice` (business-days, to, what)",
        wrong: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: legal-privacy, name: Legal / Privacy }
activities:
  - id: privacy-review
    name: Privacy review
    assignments: { product-manager: D, legal-privacy: A }
    notice: { business-days: 0, to: legal-privacy, what: Email privacy@ the review date. }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"name: Small process
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: product-manager, name: Product Manager }
  - { id: legal-privacy, name: Legal / Privacy }
activities:
  - id: privacy-review
    name: Privacy review
    assignments: { product-manager: D, legal-privacy: A }
    notice: { business-days: 7, to: legal-privacy, what: Email privacy@ the review date. }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "unknown-reference",
        severities: &[Error],
        summary: "an id that names a role, code, activity, checklist item or field that does not exist",
        meaning: "
Records and the process refer to things by id: roles under `people`, activities under
`stages`, checklist items under `checked`, codes in `assignments`, prerequisites, fields in a
retention allow-list. The id named here is not defined; the help line names the nearest one.",
        source:
            "the process file defines the ids (roles, codes, activities, checklist items); a schema defines its fields",
        wrong: &[BookFile {
            path: "content/projects/checkout-funnel.yaml",
            text: r#"title: Checkout funnel
status: proposed
people:
  data-analist:
    - name: Priya Raman
"#,
        }],
        fixed: &[BookFile {
            path: "content/projects/checkout-funnel.yaml",
            text: r#"title: Checkout funnel
status: proposed
people:
  data-analyst:
    - name: Priya Raman
"#,
        }],
        runs: Runs::Check,
    },
];
