//! Codes about a project's event schema and the data dictionary built from all of them.

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/projects/checkout-funnel.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "empty-schema-name",
        severities: &[Error],
        summary: "a project's event schema has an empty name",
        meaning: "
The schema's name names the event (and its JSON Schema) in the data dictionary and the
exports. Name it in PascalCase, after the event it describes.",
        source: "project records: `schema.name`; the JSON Schema written for each event",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: ""
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "duplicate-field",
        severities: &[Error],
        summary: "a schema defines the same field twice",
        meaning: "
A field name is a key of the event: two definitions of one name would make one of them
unreachable, and the JSON Schema ambiguous.",
        source: "JSON Schema: property names of an object are unique; project records' `schema.fields`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
    - { name: step, type: integer, description: The step's number., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
    - { name: step_number, type: integer, description: The step's number., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-field-name",
        severities: &[Error],
        summary: "a field name is not snake_case",
        meaning: "
Field names are snake_case (lowercase words joined by underscores), the convention of event
platforms and SQL columns, so the same field is spelt the same way in every schema and query.",
        source: "the event platform's naming convention for fields (snake_case)",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: stepReached, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step_reached, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "undocumented-field",
        severities: &[Warning],
        summary: "a field has no description",
        meaning: "
The data dictionary shows every field with its description; analysts reading a query need to
know what a field holds without asking. Say what it holds, in a sentence.",
        source: "the specification activity of the process (every field defined precisely); the data dictionary",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "no-retention",
        severities: &[Error],
        summary: "a personal or sensitive field, but no retention decision",
        meaning: "
A schema with a `personal` or `sensitive` field must say how long raw events are kept
(`retention: { purge-after-days: N }`), and which fields are kept after that (`allow-list`).
The privacy review asks for it.",
        source: "the process's specification and privacy review (purging and allow-listing); project records' `schema.retention`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: session_token, type: string, description: A random session token., sensitivity: personal }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  retention: { purge-after-days: 90 }
  fields:
    - { name: session_token, type: string, description: A random session token., sensitivity: personal }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-sampling",
        severities: &[Error],
        summary: "a sampling rate outside (0, 1]",
        meaning: "
The sampling rate is the share of units (sessions, users...) whose events are sent: above 0,
at most 1. Write 0.1 for 10%, 1 for everything.",
        source: "project records: `schema.sampling.rate`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  sampling: { rate: 10, unit: session }
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  sampling: { rate: 0.1, unit: session }
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-retention",
        severities: &[Error],
        summary: "`purge-after-days` is 0",
        meaning: "
`purge-after-days` is the number of days raw events are kept before they are purged. Zero
would purge them before anyone reads them: give the number of days agreed in the review.",
        source: "project records: `schema.retention.purge-after-days`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  retention: { purge-after-days: 0 }
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  retention: { purge-after-days: 90 }
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "constraint-type",
        severities: &[Error],
        summary: "a constraint that does not fit the field's type",
        meaning: "
`pattern` and `format` apply to strings, `minimum` and `maximum` to numbers and integers (and
must be whole numbers for an integer field). A constraint on the wrong type would be ignored
by every validator, so it is an error.",
        source: "JSON Schema (draft 2020-12): which keywords apply to which types",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: integer, pattern: "^[a-z]+$", description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, pattern: "^[a-z]+$", description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-pattern",
        severities: &[Error],
        summary: "a field's pattern is not a valid ECMAScript regular expression",
        meaning: "
A string field's `pattern` is a regular expression its values must match, in JSON Schema's
dialect: ECMA-262, compiled in Unicode mode as validators such as Ajv do. It does not compile
as such; the message says why. Other dialects' constructs are refused with the ECMAScript way
to write them: no inline flags like `(?i)` (spell both cases, `[Aa]`), no POSIX classes like
`[[:alpha:]]` (write `[A-Za-z]`), no `\\A`, `\\z` or `\\Z` (anchor with `^` and `$`). Quote it in
single quotes in YAML so that backslashes stay.",
        source: "JSON Schema's `pattern` (ECMA-262 regular expressions), in a record's inline schema or a registry schema file (its `pattern`s and `patternProperties` keys)",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, pattern: '^[a-z+$', description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: string, pattern: '^[a-z]+$', description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-schema-version",
        severities: &[Error],
        summary: "an inline schema's `version` is neither a whole number nor a semantic version",
        meaning: "
A schema's version is a whole number (`2`) or a semantic version, three whole numbers joined
by dots (`1.2.0`), as schema registries number theirs. Anything else cannot be compared with
another version, and readers cannot tell which one is newer.",
        source: "project records: `schema.version`; semantic versioning (semver.org)",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  version: v1.2
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  version: 1.2.0
  fields:
    - { name: step, type: string, description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "incomplete-field",
        severities: &[Error],
        summary: "an object field has no `fields`, or an array field no `items`",
        meaning: "
An object field lists what it holds in `fields` (each with a name, a type and the rest, as the
schema's own fields), an array field says what each item is in `items` (a type and its
constraints, or `fields` when the items are objects). Without them the data dictionary cannot
list the leaf fields by path (`meta.dt`, `tags[]`) and the exported JSON Schema would accept
anything there.",
        source: "project records: `schema.fields`, at any depth; JSON Schema's `properties` and `items`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: tags, type: array, description: The labels of the step., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - name: tags
      type: array
      items: { type: string, max-length: 40 }
      description: The labels of the step.
      sensitivity: public
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-range",
        severities: &[Error],
        summary: "a field's minimum is above its maximum",
        meaning: "
No value can be at least the minimum and at most the maximum when the minimum is the larger:
the two bounds are swapped.",
        source: "JSON Schema's `minimum` and `maximum`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: depth, type: number, minimum: 1, maximum: 0, description: How far the reader scrolled., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: depth, type: number, minimum: 0, maximum: 1, description: How far the reader scrolled., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-enum",
        severities: &[Error],
        summary: "a field's `enum` is empty, or holds a value of another type",
        meaning: "
`enum` lists the values a field may take. An empty list allows nothing, and a value of another
type than the field's (text in an integer field, say) could never be sent.",
        source: "JSON Schema's `enum`",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: integer, enum: [1, 2, pay], description: The step reached., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: step, type: integer, enum: [1, 2, 3], description: The step reached., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-example",
        severities: &[Error],
        summary: "a field's example breaks the field's own rules",
        meaning: "
A field's `example` is shown in the data dictionary and the JSON Schema. It must be a value the
field accepts: of its type, within its bounds, in its `enum`, matching its `pattern`, and a
value of its `format` as ajv-formats judges it (`date` is `2026-01-31`, `date-time` RFC 3339,
`uri` has a scheme, `ipv4` has no leading zeros).",
        source: "JSON Schema's `examples`, validated against the field's own keywords",
        wrong: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: items, type: integer, minimum: 1, example: 0, description: Items in the cart., sensitivity: public }
"#,
        }],
        fixed: &[BookFile {
            path: P,
            text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: items, type: integer, minimum: 1, example: 3, description: Items in the cart., sensitivity: public }
"#,
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "dictionary-conflict",
        severities: &[Error, Warning],
        summary: "one field name with two types (error) or two descriptions (warning) across schemas",
        meaning: "
The data dictionary groups every field by name across all schemas, so that one name means one
thing in every query. Two types for one name is an error; two different descriptions a
warning. The diagnostic names both places: give the field one meaning, or rename one.",
        source: "the data dictionary cross-check of the process's specification activity",
        wrong: &[
            BookFile {
                path: P,
                text: r#"title: Checkout funnel
status: proposed
schema:
  name: CheckoutFunnel
  fields:
    - { name: wiki_db, type: string, description: The wiki's database name., sensitivity: public }
"#,
            },
            BookFile {
                path: "content/projects/search-clicks.yaml",
                text: r#"title: Search clicks
status: proposed
schema:
  name: SearchClick
  fields:
    - { name: wiki_db, type: integer, description: The wiki's database name., sensitivity: public }
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
    - { name: wiki_db, type: string, description: The wiki's database name., sensitivity: public }
"#,
            },
            BookFile {
                path: "content/projects/search-clicks.yaml",
                text: r#"title: Search clicks
status: proposed
schema:
  name: SearchClick
  fields:
    - { name: wiki_db, type: string, description: The wiki's database name., sensitivity: public }
"#,
            },
        ],
        runs: Runs::Check,
    },
];
