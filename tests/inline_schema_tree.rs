//! Inline schemas as trees: nested objects (`fields`), arrays (`items`), string lengths, item
//! counts, semantic versions and the book's field naming rule, checked at every depth, shown by
//! dotted path and exported as nested JSON Schema.

mod common;

use common::rules::{with_project, X};
use common::site::{attr, build_site, file_text, page, select, select_one, text};
use common::{assert_diag, dump, one, only, Book, Expect};
use dacibook::Severity::Error;
use serde_json::{json, Value};

/// A record whose schema nests an object, an array of strings and an array of objects.
const TREE: &str = "\
title: X
status: proposed
schema:
  name: Thing
  version: 1.2.0
  retention: { purge-after-days: 30, allow-list: [meta] }
  fields:
    - name: meta
      type: object
      required: true
      description: Where and when.
      fields:
        - name: dt
          type: string
          format: date-time
          required: true
          description: When it happened.
          example: \"2026-01-20T10:15:00Z\"
          sensitivity: internal
    - name: tags
      type: array
      description: The labels.
      items: { type: string, min-length: 2, max-length: 40, example: news }
      max-items: 10
      sensitivity: public
    - name: results
      type: array
      description: The results shown.
      items:
        type: object
        fields:
          - { name: rank, type: integer, minimum: 1, required: true, description: The rank., example: 1, sensitivity: public }
          - { name: title, type: string, max-length: 200, description: The title shown., sensitivity: public }
";

fn tree_book() -> Book {
    let book = Book::process_only();
    book.write(X, TREE);
    book
}

/// A record with `fields` (list items under `fields:`, starting on line 6).
fn with_fields(fields: &str) -> String {
    format!("title: X\nstatus: proposed\nschema:\n  name: Thing\n  fields:\n{fields}")
}

#[test]
fn a_nested_schema_checks_clean_and_its_page_lists_leaf_fields_by_dotted_path() {
    let book = tree_book();
    let diags = book.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
    let site = build_site(book.root());
    let doc = page(&site, "projects/x.html");
    let ids: Vec<&str> = select(&doc, "[id^='field-']").iter().map(|e| attr(*e, "id")).collect();
    assert_eq!(
        ids,
        [
            "field-meta.dt",
            "field-tags[]",
            "field-results[].rank",
            "field-results[].title"
        ]
    );
    let tags = select_one(&doc, "[id='field-tags[]']");
    let row = text(tags);
    for shown in [
        "length at least 2",
        "length at most 40",
        "items of the array `tags`",
        "at most 10 items",
        "news",
    ] {
        assert!(row.contains(shown), "the row of tags[] shows {shown:?}: {row}");
    }
    let dt = text(select_one(&doc, "[id='field-meta.dt']"));
    assert!(
        dt.contains("kept (allow-listed)"),
        "`meta` in the allow-list keeps meta.dt: {dt}"
    );
    let version = text(select_one(&doc, "#schema dl.facts"));
    assert!(
        version.contains("1.2.0"),
        "the page shows the semantic version: {version}"
    );

    let json: Value = serde_json::from_str(file_text(&site, "dictionary.json")).expect("JSON");
    let names: Vec<&str> = json["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|e| e["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["meta.dt", "results[].rank", "results[].title", "tags[]"]);
    let rank = &json["fields"][1]["uses"][0];
    assert_eq!(rank["type"], "integer");
    assert_eq!(
        rank["required"], false,
        "an item of an array that is not required is not"
    );
    assert_eq!(
        json["fields"][0]["uses"][0]["required"], true,
        "meta and meta.dt are required"
    );
}

#[test]
fn the_export_nests_properties_items_and_lengths_and_validates_its_examples() {
    let book = tree_book();
    let site = build_site(book.root());
    let schema: Value = serde_json::from_str(file_text(&site, "schemas/x.schema.json")).expect("JSON");
    assert_eq!(schema["required"], json!(["meta"]));
    assert_eq!(schema["$comment"], "Thing version 1.2.0");
    let meta = &schema["properties"]["meta"];
    assert_eq!(meta["type"], "object");
    assert_eq!(meta["required"], json!(["dt"]));
    assert_eq!(meta["additionalProperties"], false);
    assert_eq!(meta["properties"]["dt"]["format"], "date-time");
    let tags = &schema["properties"]["tags"];
    assert_eq!(tags["maxItems"], 10);
    assert_eq!(
        tags["items"],
        json!({ "type": "string", "minLength": 2, "maxLength": 40, "examples": ["news"] })
    );
    let results = &schema["properties"]["results"]["items"];
    assert_eq!(results["required"], json!(["rank"]));
    assert_eq!(results["properties"]["title"]["maxLength"], 200);

    jsonschema::draft202012::meta::validate(&schema).unwrap_or_else(|e| panic!("not a valid schema: {e}"));
    let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{e}"));
    // An event made of the schema's own examples.
    let event = json!({
        "meta": { "dt": "2026-01-20T10:15:00Z" },
        "tags": ["news"],
        "results": [{ "rank": 1 }],
    });
    let errors: Vec<String> = validator.iter_errors(&event).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "the examples make a valid event: {errors:?}");
    for (wrong, why) in [
        (json!({ "meta": {} }), "meta without its required dt"),
        (
            json!({ "meta": { "dt": "2026-01-20T10:15:00Z", "x": 1 } }),
            "an unknown key in meta",
        ),
        (
            json!({ "meta": { "dt": "2026-01-20T10:15:00Z" }, "tags": ["a"] }),
            "a tag shorter than min-length",
        ),
        (
            json!({ "meta": { "dt": "2026-01-20T10:15:00Z" }, "tags": vec!["ab"; 11] }),
            "more tags than max-items",
        ),
        (
            json!({ "meta": { "dt": "2026-01-20T10:15:00Z" }, "results": [{ "rank": 0 }] }),
            "a rank below its minimum",
        ),
    ] {
        assert!(!validator.is_valid(&wrong), "the export accepts {why}: {wrong}");
    }
}

#[test]
fn a_constraint_that_does_not_fit_a_nested_field_is_reported_at_its_own_line() {
    let (_b, diags) = with_project(&with_fields(
        "    - name: meta
      type: object
      description: Where.
      fields:
        - name: count
          type: integer
          pattern: '^[0-9]+$'
          description: How many.
          sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`pattern` does not apply to integer field `meta.count`",
            file: X,
            line: 12,
            column: 11,
            hint: Some("`pattern` is for string fields; remove it or change the type"),
        },
    );
}

#[test]
fn an_array_items_example_that_breaks_its_pattern_is_reported_at_the_example() {
    let (_b, diags) = with_project(&with_fields(
        "    - name: tags
      type: array
      description: The labels.
      sensitivity: public
      items:
        type: string
        pattern: '^[a-z]+$'
        example: News
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-example",
            severity: Error,
            message: "the example `News` of `tags[]` does not match the pattern `^[a-z]+$`",
            file: X,
            line: 13,
            column: 18,
            hint: Some("give an example that the field's own rules accept"),
        },
    );
}

#[test]
fn an_example_longer_than_max_length_is_a_bad_example() {
    let (_b, diags) = with_project(&with_fields(
        "    - { name: code, type: string, max-length: 3, example: abcd, description: A code., sensitivity: public }\n",
    ));
    let d = one(&diags, "bad-example");
    assert_eq!(
        d.message,
        "the example `abcd` of `code` is 4 characters long, outside the min-length/max-length"
    );
}

#[test]
fn min_length_above_max_length_is_bad_range_and_lengths_fit_strings_only() {
    let (_b, diags) = with_project(&with_fields(
        "    - name: code
      type: string
      min-length: 5
      max-length: 2
      description: A code.
      sensitivity: public
    - name: count
      type: integer
      min-items: 1
      description: How many.
      sensitivity: public
",
    ));
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    assert_diag(
        one(&diags, "bad-range"),
        Expect {
            code: "bad-range",
            severity: Error,
            message: "`code` has min-length 5 above max-length 2",
            file: X,
            line: 8,
            column: 19,
            hint: Some("swap the two bounds"),
        },
    );
    assert_diag(
        one(&diags, "constraint-type"),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`min-items` does not apply to integer field `count`",
            file: X,
            line: 14,
            column: 7,
            hint: Some("`min-items` is for array fields; remove it or change the type"),
        },
    );
}

#[test]
fn an_object_without_fields_and_an_array_without_items_are_incomplete() {
    let (_b, diags) = with_project(&with_fields(
        "    - { name: meta, type: object, description: Where. }
    - { name: tags, type: array, description: The labels., sensitivity: public }
",
    ));
    let found: Vec<(String, usize, usize, Option<String>)> = diags
        .iter()
        .map(|d| {
            let l = d.location.as_ref().expect("located");
            (d.message.clone(), l.line, l.column, d.hint.clone())
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "object field `meta` has no `fields`".to_string(),
                6,
                27,
                Some("say what the object holds, e.g. `fields: [{ name: dt, type: string, format: date-time, sensitivity: internal }]`".to_string())
            ),
            (
                "array field `tags` has no `items`".to_string(),
                7,
                27,
                Some("say what the array's items are, e.g. `items: { type: string }`".to_string())
            ),
        ],
        "{}",
        dump(&diags)
    );
    assert!(diags.iter().all(|d| d.code == "incomplete-field"));
}

#[test]
fn an_object_that_states_a_sensitivity_is_refused_since_its_fields_say_theirs() {
    let (_b, diags) = with_project(&with_fields(
        "    - name: meta
      type: object
      description: Where.
      sensitivity: public
      fields:
        - { name: dt, type: string, description: When., sensitivity: internal }
",
    ));
    let d = only(&diags);
    assert!(
        d.message.contains(
            "field `meta` holds objects: each of their `fields` says its own `sensitivity`, so remove it here"
        ),
        "{}",
        dump(&diags)
    );
}

#[test]
fn a_version_may_be_a_whole_number_or_a_semantic_version_but_nothing_else() {
    for good in ["3", "1.2.0", "\"2.0.10\""] {
        let (_b, diags) = with_project(&format!(
            "title: X\nstatus: proposed\nschema:\n  name: Thing\n  version: {good}\n  fields:\n    - {{ name: a, type: string, description: A., sensitivity: public }}\n"
        ));
        assert!(diags.is_empty(), "version {good}: {}", dump(&diags));
    }
    let (_b, diags) = with_project(
        "title: X\nstatus: proposed\nschema:\n  name: Thing\n  version: v1.2\n  fields:\n    - { name: a, type: string, description: A., sensitivity: public }\n",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-schema-version",
            severity: Error,
            message: "the schema version `v1.2` is neither a whole number nor a semantic version",
            file: X,
            line: 5,
            column: 12,
            hint: Some(
                "write three whole numbers joined by dots, e.g. `version: 1.2.0`, or a whole number, e.g. `version: 2`",
            ),
        },
    );
}

const CAMEL_NESTED: &str = "    - name: event
      type: object
      description: What happened.
      fields:
        - { name: searchSessionId, type: string, description: The session., sensitivity: internal }
";

#[test]
fn nested_field_names_are_snake_case_by_default() {
    let (_b, diags) = with_project(&with_fields(CAMEL_NESTED));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-field-name",
            severity: Error,
            message: "field name `searchSessionId` is not snake_case",
            file: X,
            line: 10,
            column: 19,
            hint: Some("use lowercase words joined by underscores, e.g. `search_session_id`"),
        },
    );
}

#[test]
fn field_names_any_accepts_camel_case_at_every_depth_but_no_path_characters() {
    let book = Book::process_only();
    book.write(
        "book.toml",
        &format!("{}\n[schemas]\nfield-names = \"any\"\n", common::BOOK_TOML),
    );
    book.write(X, &with_fields(CAMEL_NESTED));
    let diags = book.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
    let site = build_site(book.root());
    let doc = page(&site, "projects/x.html");
    assert_eq!(
        attr(select_one(&doc, "[id^='field-']"), "id"),
        "field-event.searchSessionId"
    );

    book.write(
        X,
        &with_fields("    - { name: meta.dt, type: string, description: When., sensitivity: internal }\n"),
    );
    let d = one(&book.check(), "bad-field-name").clone();
    assert_eq!(
        d.message,
        "field name `meta.dt` is empty or holds `.`, `[`, `]` or `*`, which write field paths"
    );
}

#[test]
fn field_names_camel_case_refuses_snake_case_with_the_camel_case_form() {
    let book = Book::process_only();
    book.write(
        "book.toml",
        &format!("{}\n[schemas]\nfield-names = \"camelCase\"\n", common::BOOK_TOML),
    );
    book.write(X, &with_fields(CAMEL_NESTED));
    assert!(book.check().is_empty(), "{}", dump(&book.check()));
    book.write(
        X,
        &with_fields("    - { name: page_id, type: integer, description: The page., sensitivity: public }\n"),
    );
    let diags = book.check();
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-field-name",
            severity: Error,
            message: "field name `page_id` is not camelCase",
            file: X,
            line: 6,
            column: 15,
            hint: Some("start with a lowercase word and capitalize the next ones, e.g. `pageId`"),
        },
    );
}

#[test]
fn a_nested_name_used_twice_in_one_object_is_a_duplicate_but_not_across_objects() {
    let (_b, diags) = with_project(&with_fields(
        "    - name: a
      type: object
      description: A.
      fields:
        - { name: id, type: string, description: The id., sensitivity: public }
        - { name: id, type: string, description: The id., sensitivity: public }
    - name: b
      type: object
      description: B.
      fields:
        - { name: id, type: string, description: The id., sensitivity: public }
",
    ));
    let d = only(&diags);
    assert_eq!(
        (d.code, d.message.as_str()),
        ("duplicate-field", "field `a.id` is defined twice")
    );
    assert_eq!(d.location.as_ref().map(|l| (l.line, l.column)), Some((11, 19)));
}
