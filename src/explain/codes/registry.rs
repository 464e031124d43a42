//! Codes about schemas read from a schema registry (`[schemas]` in book.toml, `schema.ref`
//! in a record).

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

// The example book: one root, `registry/`, and a record naming a schema in it.
macro_rules! book_toml {
    () => {
        BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Example\"\n\n[schemas]\nroots = [\"registry\"]\nallow-list = \"allowlist.yaml\"\n",
        }
    };
}
macro_rules! record {
    ($fields:literal) => {
        BookFile {
            path: "content/projects/checkout-funnel.yaml",
            text: concat!(
                "title: Checkout funnel\nstatus: proposed\nschema:\n  ref: analytics/button_click/1.0.0\n",
                $fields
            ),
        }
    };
}
macro_rules! schema {
    ($body:literal) => {
        BookFile {
            path: "registry/analytics/button_click/1.0.0.yaml",
            text: concat!(
                "title: analytics/button_click\n$id: /analytics/button_click/1.0.0\ntype: object\n",
                $body
            ),
        }
    };
}
macro_rules! allow_list {
    ($body:literal) => {
        BookFile {
            path: "allowlist.yaml",
            text: $body,
        }
    };
}

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "unknown-schema-ref",
        severities: &[Error],
        summary: "a record's `schema.ref` names no schema in the registry's roots",
        meaning: "
A record may name a schema of the registry instead of writing its fields: `ref` is the
schema's path below one of the roots of `[schemas]` in book.toml, without `.yaml` or `.json`
(`analytics/button_click/1.0.0`, or `…/current`, `…/latest`). The roots are searched in order
and the first that has the file wins.",
        source: "book.toml `[schemas] roots`; project records' `schema.ref`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            BookFile {
                path: "content/projects/checkout-funnel.yaml",
                text: "title: Checkout funnel\nstatus: proposed\nschema:\n  ref: analytics/button_clik/1.0.0\n",
            },
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "unresolved-ref",
        severities: &[Error],
        summary: "a `$ref` in a registry schema names a file or a place that does not exist",
        meaning: "
`$ref: /fragment/x/1.0.0` is looked up in the roots in order (`<root>/fragment/x/1.0.0.yaml`
or `.json`); a relative `$ref` is taken from the folder of the schema that writes it, and
`#/…` is a JSON pointer into the file. Whatever a `$ref` names must exist, or the schema's
fields are unknown.",
        source: "JSON Schema `$ref`; the registry's layout (`<title>/<version>.yaml`)",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("allOf:\n  - $ref: /fragment/button/1.0.0\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("allOf:\n  - $ref: /fragment/button/1.0.0\n"),
            BookFile {
                path: "registry/fragment/button/1.0.0.yaml",
                text: "$id: /fragment/button/1.0.0\ntype: object\nproperties:\n  button:\n    type: string\n    description: Which button was clicked.\n",
            },
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "cyclic-ref",
        severities: &[Error],
        summary: "a `$ref` in a registry schema leads back to itself",
        meaning: "
Resolving a `$ref` replaces it with what it names. When that leads back to where it started
(directly or through other files), the schema would contain itself without end. The message
lists the trail of files and pointers.",
        source: "JSON Schema `$ref`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    $ref: '#/properties/button'\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "allof-type-clash",
        severities: &[Error],
        summary: "the parts an `allOf` (or a `$ref`) unites give one property two types",
        meaning: "
`allOf` unites its parts: their properties and `required` lists are merged. A property that
one part makes a string and another an integer cannot hold any value, so no event could be
valid.",
        source: "JSON Schema `allOf`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("allOf:\n  - properties:\n      button:\n        type: string\n        description: Which button was clicked.\n  - properties:\n      button:\n        type: integer\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("allOf:\n  - properties:\n      button:\n        type: string\n        description: Which button was clicked.\n  - properties:\n      button:\n        type: string\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "invalid-schema",
        severities: &[Error],
        summary: "a registry schema file is not a valid JSON Schema",
        meaning: "
Every schema file the records' schemas pull in (the schema itself and each fragment its `$ref`s
name) must be a JSON Schema that a strict validator such as Ajv 8 compiles: `type` names only
string, integer, number, boolean, object, array or null; `required` is a list of property names;
`properties` is a mapping of schemas; `minimum`, `maximum` and the exclusive bounds are numbers;
lengths and item counts are whole numbers; `enum` is a non-empty list; every other keyword is one
of JSON Schema's (strict validators refuse unknown ones). The error is at the keyword's own line
and column in the schema file.",
        source: "JSON Schema (draft-07 to 2020-12) as strict validators read it",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: text\n    description: Which button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "bad-schema-example",
        severities: &[Error],
        summary: "an example in a registry schema breaks the schema's own rules",
        meaning: "
A registry schema's `examples` (whole events at its root, values at a property) are checked
against the schema they illustrate, with every `$ref` and `allOf` resolved: the type, `enum`,
`const`, `pattern` (as ECMAScript), `format` (as ajv-formats judges it), the bounds (integers
compared exactly), `minLength`/`maxLength`, item counts and required properties. An example the
schema refuses would fail the exported schema's validators too; the message names the path in
the example and what is wrong, at the example's own place in the file.",
        source: "JSON Schema `examples`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    pattern: '^[a-z]+$'\n    description: Which button was clicked.\nexamples:\n  - button: Save\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    pattern: '^[a-z]+$'\n    description: Which button was clicked.\nexamples:\n  - button: save\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "unknown-format",
        severities: &[Warning],
        summary: "a registry schema names a `format` the exports' validators do not know",
        meaning: "
JSON Schema allows any `format` name, and validators ignore the ones they do not know (Ajv in
strict mode refuses them). A name that is not one of ajv-formats' (`date`, `time`, `date-time`,
`duration`, `uri`, `uri-reference`, `email`, `hostname`, `ipv4`, `ipv6`, `uuid`, …) is most
often a misspelling, and checks nothing. A warning: the schema's owners decide.",
        source: "JSON Schema `format`; ajv-formats",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  when: keep\n"),
            record!("  fields:\n    when: { sensitivity: public }\n"),
            schema!("properties:\n  when:\n    type: string\n    format: datetime\n    description: When the button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  when: keep\n"),
            record!("  fields:\n    when: { sensitivity: public }\n"),
            schema!("properties:\n  when:\n    type: string\n    format: date-time\n    description: When the button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "unknown-field-path",
        severities: &[Error],
        summary: "a record's `schema.fields` names a path the registry schema lacks",
        meaning: "
With `ref`, `fields:` adds what the registry does not say (each field's sensitivity), by the
field's dotted path as the project page lists it (`meta.dt`, `event.searchSessionId`), or by
an object's path for every field below it (`meta`). A path the schema lacks is a typo, or a
field that was removed from the schema.",
        source: "project records' `schema.fields` with `schema.ref`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n    buton_color: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "allow-list-field",
        severities: &[Error],
        summary: "the allow-list keeps a field that the schema of its table lacks",
        meaning: "
The allow-list (`allow-list` in `[schemas]`) says which fields of each table are kept past
the purge (`keep`) or kept as a salted hash (`hash`). A table is matched by the record's
`schema.table`, else by the last segment of the schema's title, without regard to case. An
entry naming a field the schema lacks keeps nothing: the field was renamed or removed, or the
entry is misspelt. Entries of `__defaults__` apply to every table and may name fields that
only some schemas have.",
        source: "the registry's sanitization allow-list",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  buttons: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "registry-field-name",
        severities: &[Warning],
        summary: "a registry schema's field name is not snake_case",
        meaning: "
Field names are lowercase words joined by underscores. For a schema of the registry this is a
warning: its owners enforce their own rules. Legacy schemas keep their camelCase names; a
registry's `.jsonschema-tools.yaml` that skips `schema-snake-case-properties` for a schema's
`$id` silences the warning for it.",
        source: "the registry's `schema-snake-case-properties` check",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  buttonName: keep\n"),
            record!("  fields:\n    buttonName: { sensitivity: public }\n"),
            schema!("properties:\n  buttonName:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button_name: keep\n"),
            record!("  fields:\n    button_name: { sensitivity: public }\n"),
            schema!("properties:\n  button_name:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "undescribed-field",
        severities: &[Warning],
        summary: "a registry schema's field has no description",
        meaning: "
The data dictionary shows what each field holds from its `description`. For a schema of the
registry a missing one is a warning, written in the schema file where the property is.",
        source: "the registry's schema files; the data dictionary",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "undecided-sensitivity",
        severities: &[Warning],
        summary: "fields of a registry schema have no sensitivity in the record",
        meaning: "
JSON Schema has no word for how sensitive a field is, so the record says it, under `fields:`
by the field's dotted path or for every field below an object's path. Until it does, the
field shows as `undecided` and no retention rule can apply to it.",
        source: "project records' `schema.fields` with `schema.ref`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!(""),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            record!("  fields:\n    button: { sensitivity: public }\n"),
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "incompatible-change",
        severities: &[Error],
        summary: "a version of a registry schema breaks events of the version before it",
        meaning: "
The versions of a schema (`1.0.0.yaml`, `1.1.0.yaml`, … beside the one a record names) are
compared in order, as the registry's own jsonschema-tools does: within one major version a
new version may add fields, but not remove one, change a field's type, or add a required
field (or make one required), since events and queries written for the older version would
break. A new major version (`2.0.0`) may change anything. The registry's
`.jsonschema-tools.yaml` may skip the check (`schema-version-compatibility`) for schemas whose
`$id` matches; a record may accept one version's change with a reason, under `schema:`:
`incompatible-ok: { \"1.1.0\": \"why nothing breaks\" }`.",
        source: "the registry's version files; jsonschema-tools' `schema-version-compatibility`",
        wrong: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            BookFile {
                path: "content/projects/checkout-funnel.yaml",
                text: "title: Checkout funnel\nstatus: proposed\nschema:\n  ref: analytics/button_click/1.1.0\n  fields:\n    button: { sensitivity: public }\n",
            },
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
            BookFile {
                path: "registry/analytics/button_click/1.1.0.yaml",
                text: "title: analytics/button_click\n$id: /analytics/button_click/1.1.0\ntype: object\nproperties:\n  button:\n    type: integer\n    description: Which button was clicked, by number.\n",
            },
        ],
        fixed: &[
            book_toml!(),
            allow_list!("button_click:\n  button: keep\n"),
            BookFile {
                path: "content/projects/checkout-funnel.yaml",
                text: "title: Checkout funnel\nstatus: proposed\nschema:\n  ref: analytics/button_click/1.1.0\n  incompatible-ok:\n    \"1.1.0\": No client sent a click before 1.1.0 was deployed.\n  fields:\n    button: { sensitivity: public }\n",
            },
            schema!("properties:\n  button:\n    type: string\n    description: Which button was clicked.\n"),
            BookFile {
                path: "registry/analytics/button_click/1.1.0.yaml",
                text: "title: analytics/button_click\n$id: /analytics/button_click/1.1.0\ntype: object\nproperties:\n  button:\n    type: integer\n    description: Which button was clicked, by number.\n",
            },
        ],
        runs: Runs::Check,
    },
];
