//! Registry schemas are checked as inline ones are: each file is a valid JSON Schema (as strict
//! validators read it), its patterns are ECMAScript, and its `examples` pass the resolved schema.

mod common;

use common::{dump, one, with_code, Book, BOOK_TOML, PROCESS};
use dacibook::diagnostic::Diagnostic;
use dacibook::Severity;

const SCHEMA: &str = "registry/analytics/button_click/1.0.0.yaml";
const FRAGMENT: &str = "registry/fragment/common/1.0.0.yaml";

/// A book whose one record names `analytics/button_click/1.0.0`, written as `schema`.
fn book(schema: &str) -> Book {
    let book = Book::bare();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[schemas]\nroots = [\"registry\"]\n"),
    );
    book.write("content/process.yaml", PROCESS);
    book.write(
        "content/projects/button-clicks.yaml",
        "title: Button clicks\nstatus: proposed\nschema:\n  ref: analytics/button_click/1.0.0\n",
    );
    book.write(SCHEMA, schema);
    book
}

/// The errors (warnings of house style are not what these tests are about).
fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// (file, line, column, message, hint) of a diagnostic.
fn said(d: &Diagnostic) -> (String, usize, usize, String, String) {
    let l = d.location.as_ref().expect("a located diagnostic");
    (
        l.file.display().to_string(),
        l.line,
        l.column,
        d.message.clone(),
        d.hint.clone().unwrap_or_default(),
    )
}

// Line numbers matter: tests point at them.
const PATTERNS: &str = "\
title: analytics/button_click
$id: /analytics/button_click/1.0.0
type: object
properties:
  button:
    type: string
    pattern: '(?i)^save$'
  label:
    type: string
    pattern: '^[[:alpha:]]+$'
  page:
    type: string
    pattern: '^/wiki/.*\\z'
  attrs:
    type: object
    patternProperties:
      '^data-[a-z+$':
        type: string
  step:
    type: string
    pattern: '^(?=.*\\d)[a-z0-9]+$'
";

#[test]
fn patterns_of_other_dialects_are_errors_at_their_own_line_and_column() {
    let b = book(PATTERNS);
    let diags = b.check();
    let found: Vec<_> = with_code(&diags, "bad-pattern").into_iter().map(said).collect();
    let why = "is not an ECMAScript regular expression (JSON Schema's dialect)";
    assert_eq!(found.len(), 4, "{}", dump(&diags));
    assert_eq!((found[0].1, found[0].2), (7, 14));
    assert!(
        found[0]
            .3
            .starts_with(&format!("{SCHEMA}: the pattern `(?i)^save$` {why}: ")),
        "{}",
        found[0].3
    );
    assert_eq!(
        found[0].4,
        "ECMAScript has no inline flags such as `(?i)`: spell out both cases, e.g. `[Aa]`"
    );
    assert_eq!((found[1].1, found[1].2), (10, 14));
    assert_eq!(
        found[1].4,
        "ECMAScript has no POSIX classes such as `[[:alpha:]]`: write the range, e.g. `[A-Za-z]`"
    );
    assert_eq!((found[2].1, found[2].2), (13, 14));
    assert_eq!(
        found[2].4,
        "ECMAScript has no `\\A`, `\\z` or `\\Z`: anchor with `^` and `$`"
    );
    // A key of `patternProperties` is a pattern too: the key is underlined.
    assert_eq!((found[3].0.as_str(), found[3].1, found[3].2), (SCHEMA, 17, 7));
    assert!(found[3].3.contains("the pattern `^data-[a-z+$`"), "{}", found[3].3);
    // The lookahead of `step` is ECMAScript: no error for it, and nothing else.
    assert_eq!(errors(&diags).len(), 4, "{}", dump(&diags));
}

const INVALID: &str = "\
title: analytics/button_click
$id: /analytics/button_click/1.0.0
type: object
properties:
  button:
    type: text
  count:
    type: [integer, integer]
    minimum: '0'
    exclusiveMaximum: true
  label:
    type: string
    minLenght: 1
    maxLength: -1
  kind:
    type: string
    enum: []
  meta:
    type: object
    properties: [id, dt]
  tags:
    type: array
    items: string
required: button
";

#[test]
fn what_a_strict_validator_refuses_is_an_error_at_the_keyword() {
    let b = book(INVALID);
    let diags = b.check();
    let found: Vec<_> = with_code(&diags, "invalid-schema").into_iter().map(said).collect();
    let at: Vec<(usize, usize)> = found.iter().map(|f| (f.1, f.2)).collect();
    let prefix = format!("{SCHEMA} is not a valid JSON Schema: ");
    let messages: Vec<String> = found
        .iter()
        .map(|f| f.3.strip_prefix(&prefix).unwrap_or(&f.3).to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "`text` is not a JSON Schema type",
            "`type` names `integer` twice",
            "`minimum` is a string, not a number",
            "`exclusiveMaximum` is a boolean, not a number",
            "`minLenght` is not a JSON Schema keyword (strict validators refuse unknown keywords)",
            "`maxLength` is `-1`, not a whole number of at least 0",
            "`enum` is an empty list, which no value can match",
            "`properties` is a list, not a mapping",
            "`properties.tags.items` is a string, where a schema (a mapping of keywords) belongs",
            "`required` is a string, not a list of property names",
        ],
        "{}",
        dump(&diags)
    );
    assert_eq!(
        at,
        [
            (6, 11),
            (8, 21),
            (9, 14),
            (10, 23),
            (13, 5),
            (14, 16),
            (17, 11),
            (20, 17),
            (23, 12),
            (24, 11)
        ]
    );
    assert!(found.iter().all(|f| f.0 == SCHEMA));
    assert_eq!(
        found[0].4,
        "the types are string, integer, number, boolean, object, array and null"
    );
    assert_eq!(found[4].4, "did you mean `minLength`?");
    assert_eq!(
        found[3].4,
        "since draft-06 `exclusiveMaximum` is the bound itself: write the number, e.g. `exclusiveMaximum: 0`, and drop the other bound if it was the same"
    );
    assert_eq!(errors(&diags).len(), found.len(), "{}", dump(&diags));
}

// A fragment pulled by `$ref` whose property examples break its own rules.
const FRAGMENT_TEXT: &str = "\
$id: /fragment/common/1.0.0
type: object
properties:
  dt:
    type: string
    format: date-time
    examples: ['2026-01-31T09:30:00Z', '2026-01-31 09:30']
  big:
    type: integer
    maximum: 9007199254740993
    examples: [9007199254740993, 9007199254740994]
required: [dt]
";

const WITH_EXAMPLES: &str = "\
title: analytics/button_click
$id: /analytics/button_click/1.0.0
type: object
allOf:
  - $ref: /fragment/common/1.0.0
  - properties:
      button:
        type: string
        pattern: '^[a-z]+$'
        minLength: 2
        maxLength: 8
      event:
        type: object
        properties:
          count:
            type: integer
            exclusiveMinimum: 0
          kind:
            enum: [click, tap]
          version:
            const: 1
          tags:
            type: array
            maxItems: 2
            items:
              type: string
              format: uuid
    required: [button]
examples:
  - dt: '2026-01-31T09:30:00Z'
    button: save
    event: { count: 1, kind: click, version: 1, tags: ['123e4567-e89b-12d3-a456-426614174000'] }
  - dt: '2026-01-31T09:30:00Z'
    button: Save
    event:
      count: 'one'
      kind: swipe
      version: 2
      tags: [not-a-uuid]
  - button: averyverylongname
    event: { count: 0, tags: [] }
";

#[test]
fn examples_that_break_the_resolved_schema_are_errors_at_the_example() {
    let b = book(WITH_EXAMPLES);
    b.write(FRAGMENT, FRAGMENT_TEXT);
    let diags = b.check();
    let found: Vec<_> = with_code(&diags, "bad-schema-example").into_iter().map(said).collect();
    let shown: Vec<String> = found
        .iter()
        .map(|f| format!("{}:{}:{} {}", f.0, f.1, f.2, f.3))
        .collect();
    let s = SCHEMA;
    let f = FRAGMENT;
    assert_eq!(
        shown,
        [
            format!("{s}:34:13 the example event 2 in {s}: `button` does not match the pattern `^[a-z]+$`"),
            format!("{s}:36:14 the example event 2 in {s}: `event.count` is a string, not `integer`"),
            format!("{s}:37:13 the example event 2 in {s}: `event.kind` is not one of the `enum` values (`click`, `tap`)"),
            format!("{s}:38:16 the example event 2 in {s}: `event.version` is not `1`, its `const`"),
            format!("{s}:39:14 the example event 2 in {s}: `event.tags[0]` is not a valid `uuid` (e.g. `123e4567-e89b-12d3-a456-426614174000`)"),
            format!("{s}:40:5 the example event 3 in {s}: the event lacks `dt`, which the schema requires"),
            format!("{s}:40:13 the example event 3 in {s}: `button` is 17 characters long, longer than its `maxLength` 8"),
            format!("{s}:41:21 the example event 3 in {s}: `event.count` is not above its `exclusiveMinimum` 0"),
            format!("{f}:7:40 the example 2 of `dt` in {f}: `2026-01-31 09:30` is not a valid `date-time` (e.g. `2026-01-31T09:30:00Z`)"),
            format!("{f}:11:34 the example 2 of `big` in {f}: `9007199254740994` is above its `maximum` 9007199254740993"),
        ],
        "{}",
        dump(&diags)
    );
    assert_eq!(
        found[0].4,
        "give an example that the schema accepts, or fix the schema if the example is right"
    );
    assert_eq!(errors(&diags).len(), found.len(), "{}", dump(&diags));
}

#[test]
fn examples_that_fit_and_a_valid_schema_check_clean() {
    let fixed = WITH_EXAMPLES
        .replace("button: Save", "button: save")
        .replace("count: 'one'", "count: 2")
        .replace("kind: swipe", "kind: tap")
        .replace("version: 2", "version: 1")
        .replace("[not-a-uuid]", "['123e4567-e89b-12d3-a456-426614174000']")
        .replace("  - button: averyverylongname\n    event: { count: 0, tags: [] }\n", "");
    let b = book(&fixed);
    b.write(
        FRAGMENT,
        &FRAGMENT_TEXT
            .replace(", '2026-01-31 09:30'", "")
            .replace(", 9007199254740994", ""),
    );
    let diags = b.check();
    assert!(errors(&diags).is_empty(), "{}", dump(&diags));
}

#[test]
fn a_fragment_shared_by_two_schemas_is_reported_once() {
    let b = book(
        "title: analytics/button_click\n$id: /analytics/button_click/1.0.0\ntype: object\nallOf:\n  - $ref: /fragment/common/1.0.0\n",
    );
    b.write(
        "registry/analytics/page_view/1.0.0.yaml",
        "title: analytics/page_view\n$id: /analytics/page_view/1.0.0\ntype: object\nallOf:\n  - $ref: /fragment/common/1.0.0\n",
    );
    b.write(
        "content/projects/page-views.yaml",
        "title: Page views\nstatus: proposed\nschema:\n  ref: analytics/page_view/1.0.0\n",
    );
    b.write(
        FRAGMENT,
        "$id: /fragment/common/1.0.0\ntype: object\nproperties:\n  dt:\n    type: strng\n",
    );
    let diags = b.check();
    let d = one(&diags, "invalid-schema");
    assert_eq!(
        said(d),
        (
            FRAGMENT.to_string(),
            5,
            11,
            format!("{FRAGMENT} is not a valid JSON Schema: `strng` is not a JSON Schema type"),
            "did you mean `string`?".to_string()
        )
    );
}

#[test]
fn an_unknown_format_is_a_warning_with_the_near_name() {
    let b = book(
        "title: analytics/button_click\n$id: /analytics/button_click/1.0.0\ntype: object\nproperties:\n  when:\n    type: string\n    format: datetime\n  link:\n    type: string\n    format: uri-reference\n",
    );
    let diags = b.check();
    let d = one(&diags, "unknown-format");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        said(d),
        (
            SCHEMA.to_string(),
            7,
            13,
            format!("{SCHEMA}: format `datetime` is not one the exports' validators know"),
            "did you mean `date-time`?".to_string()
        )
    );
    assert!(errors(&diags).is_empty(), "{}", dump(&diags));
}
