//! Codes about what schemas of different records must agree on: names, sensitivity, enums.

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/projects/checkout-funnel.yaml";
const Q: &str = "content/projects/search-clicks.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "duplicate-schema-name",
        severities: &[Error],
        summary: "two project records define event schemas with the same name",
        meaning: "
An event schema's name is how the pipeline, the exports (`schemas/<project>.json`) and queries
tell events apart. Two records with one schema name describe two events nobody could tell
apart. The diagnostic names both places.",
        source: "project records: `schema: name`, across the book",
        wrong: &[
            BookFile {
                path: P,
                text: "title: Checkout funnel\nstatus: proposed\nschema:\n  name: Clicks\n",
            },
            BookFile {
                path: Q,
                text: "title: Search clicks\nstatus: proposed\nschema:\n  name: Clicks\n",
            },
        ],
        fixed: &[
            BookFile {
                path: P,
                text: "title: Checkout funnel\nstatus: proposed\nschema:\n  name: CheckoutFunnel\n",
            },
            BookFile {
                path: Q,
                text: "title: Search clicks\nstatus: proposed\nschema:\n  name: SearchClick\n",
            },
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "sensitivity-conflict",
        severities: &[Warning],
        summary: "a field name is `public` in one schema and `personal` or `sensitive` in another",
        meaning: "
The data dictionary gives a field name one meaning across schemas. Data that is public in one
schema and personal or sensitive in another cannot be the same data: either one label is
wrong, and personal data may be shared as if it were public, or the two fields need two names.",
        source: "the data dictionary cross-check; the schema's `sensitivity` labels (privacy review)",
        wrong: &[
            BookFile {
                path: P,
                text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: user_name, type: string, description: The user's name., sensitivity: public }
"#,
            },
            BookFile {
                path: Q,
                text: r#"title: Search clicks
status: proposed
schema:
  name: SearchClick
  retention: { purge-after-days: 90 }
  fields:
    - { name: user_name, type: string, description: The user's name., sensitivity: personal }
"#,
            },
        ],
        fixed: &[
            BookFile {
                path: P,
                text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  retention: { purge-after-days: 90 }
  fields:
    - { name: user_name, type: string, description: The user's name., sensitivity: personal }
"#,
            },
            BookFile {
                path: Q,
                text: r#"title: Search clicks
status: proposed
schema:
  name: SearchClick
  retention: { purge-after-days: 90 }
  fields:
    - { name: user_name, type: string, description: The user's name., sensitivity: personal }
"#,
            },
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "enum-conflict",
        severities: &[Warning],
        summary: "two enums of one field name have no value in common",
        meaning: "
A field name means one thing across schemas, so its allowed values should overlap. Two enums
with no value in common say the two fields hold different data under one name: rename one, or
merge the two lists. The diagnostic names both places.",
        source: "the data dictionary cross-check; the schema's `enum` lists",
        wrong: &[
            BookFile {
                path: P,
                text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: skin, type: string, description: The skin., enum: [vector, minerva], sensitivity: public }
"#,
            },
            BookFile {
                path: Q,
                text: r#"title: Search clicks
status: proposed
schema:
  name: SearchClick
  fields:
    - { name: skin, type: string, description: The skin., enum: [desktop, mobile], sensitivity: public }
"#,
            },
        ],
        fixed: &[
            BookFile {
                path: P,
                text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: skin, type: string, description: The skin., enum: [vector, minerva], sensitivity: public }
"#,
            },
            BookFile {
                path: Q,
                text: r#"title: Search clicks
status: proposed
schema:
  name: SearchClick
  fields:
    - { name: skin, type: string, description: The skin., enum: [vector, minerva, timeless], sensitivity: public }
"#,
            },
        ],
        runs: Runs::Check,
    },
];
