//! One test per rule of `dacibook check` on event schemas, the data dictionary cross-check and
//! files. Each breaks the valid fixture book (or writes a small file of its own) in one place
//! and asserts the diagnostic's rule, severity, message, file, line, column and hint.

mod common;

use common::rules::{related_at, with_project, P, X};
use common::{assert_diag, dump, one, only, underlined, with_code, Book, Expect};
use dacibook::Severity::{Error, Warning};
use std::path::Path;

// Schemas

/// A project with a schema whose fields are `fields` (list items under `fields:`, starting on
/// line 6). A leading newline is dropped, so callers can open the literal with a line break and
/// keep the first line's indentation.
fn schema_project(fields: &str) -> String {
    let fields = fields.strip_prefix('\n').unwrap_or(fields);
    format!("title: X\nstatus: proposed\nschema:\n  name: Thing\n  fields:\n{fields}")
}

#[test]
fn field_defined_twice_is_duplicate_field() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  fields:
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "duplicate-field",
            severity: Error,
            message: "field `wiki_db` is defined twice",
            file: X,
            line: 10,
            column: 13,
            hint: Some("rename or remove one of them"),
        },
    );
    related_at(d, X, 6, 13, "first defined here");
}

#[test]
fn field_name_not_snake_case_suggests_the_snake_case_form() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: pageId
      type: integer
      description: The page.
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-field-name",
            severity: Error,
            message: "field name `pageId` is not snake_case",
            file: X,
            line: 6,
            column: 13,
            hint: Some("use lowercase words joined by underscores, e.g. `page_id`"),
        },
    );
}

#[test]
fn field_name_in_kebab_case_suggests_the_snake_case_form() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: Page-ID
      type: integer
      description: The page.
      sensitivity: public
",
    ));
    assert_eq!(
        only(&diags).hint.as_deref(),
        Some("use lowercase words joined by underscores, e.g. `page_id`")
    );
}

#[test]
fn enum_value_of_the_wrong_type_is_bad_enum() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: skin
      type: string
      description: The skin.
      enum: [vector, 2]
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-enum",
            severity: Error,
            message: "enum value `2` of `skin` is an integer, not a string",
            file: X,
            line: 9,
            column: 22,
            hint: Some("every enum value must be a valid string"),
        },
    );
}

#[test]
fn enum_value_outside_the_bounds_is_bad_enum() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: level
      type: integer
      description: The level.
      minimum: 1
      maximum: 3
      enum:
        - 1
        - 4
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-enum",
            severity: Error,
            message: "enum value `4` of `level` is outside the minimum/maximum",
            file: X,
            line: 13,
            column: 11,
            hint: Some("every enum value must be a valid integer"),
        },
    );
}

#[test]
fn empty_enum_is_bad_enum() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: skin
      type: string
      description: The skin.
      enum: []
      sensitivity: public
",
    ));
    let d = only(&diags);
    assert_eq!((d.code, d.message.as_str()), ("bad-enum", "`skin` has an empty `enum`"));
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (9, 13));
}

#[test]
fn pattern_on_a_non_string_field_is_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: page_id
      type: integer
      description: The page's id on the wiki.
      pattern: '^[0-9]+$'
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`pattern` does not apply to integer field `page_id`",
            file: X,
            line: 9,
            column: 7,
            hint: Some("`pattern` is for string fields; remove it or change the type"),
        },
    );
}

#[test]
fn pattern_that_does_not_compile_is_bad_pattern() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: wiki_db
      type: string
      description: The wiki's database name.
      pattern: '^[a-z+$'
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-pattern",
            severity: Error,
            message: "the pattern of `wiki_db` is not an ECMAScript regular expression (JSON Schema's dialect): Unbalanced bracket",
            file: X,
            line: 9,
            column: 16,
            hint: Some("write an ECMAScript regular expression (JSON Schema's dialect), e.g. `^[a-z]+$`; quote it in single quotes"),
        },
    );
}

#[test]
fn minimum_and_maximum_on_a_string_field_are_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: wiki_db
      type: string
      description: The wiki's database name.
      minimum: 1
      maximum: 9
      sensitivity: public
",
    ));
    assert_eq!(diags.len(), 2, "{}", dump(&diags));
    for (d, key, line) in [(&diags[0], "minimum", 9), (&diags[1], "maximum", 10)] {
        assert_diag(
            d,
            Expect {
                code: "constraint-type",
                severity: Error,
                message: &format!("`{key}` does not apply to string field `wiki_db`"),
                file: X,
                line,
                column: 7,
                hint: Some(&format!(
                    "`{key}` is for integer or number fields; remove it or change the type"
                )),
            },
        );
    }
}

#[test]
fn minimum_above_maximum_is_bad_range() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: rank
      type: integer
      description: The rank.
      minimum: 10
      maximum: 1
      sensitivity: public
",
    ));
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "bad-range",
            severity: Error,
            message: "`rank` has minimum 10 above maximum 1",
            file: X,
            line: 9,
            column: 16,
            hint: Some("swap the two bounds"),
        },
    );
    related_at(d, X, 10, 16, "maximum here");
}

#[test]
fn fractional_bound_on_an_integer_field_is_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: rank
      type: integer
      description: The rank.
      minimum: 0.5
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`minimum` of integer field `rank` is 0.5, not a whole number",
            file: X,
            line: 9,
            column: 16,
            hint: Some("use a whole number, or make the field a `number`"),
        },
    );
}

#[test]
fn fractional_bound_on_a_number_field_is_fine() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: depth
      type: number
      description: The depth.
      minimum: 0.5
      maximum: 1.5
      sensitivity: public
",
    ));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn format_on_a_non_string_field_is_constraint_type() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: logged_at
      type: integer
      description: When.
      format: date-time
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "constraint-type",
            severity: Error,
            message: "`format` does not apply to integer field `logged_at`",
            file: X,
            line: 9,
            column: 7,
            hint: Some("`format` is for string fields; remove it or change the type"),
        },
    );
}

#[test]
fn example_that_breaks_the_fields_own_rules_is_bad_example() {
    let cases = [
        // (type and constraint lines, example, message tail)
        // (The article before "integer" is checked nowhere: the message says "a integer".)
        ("type: integer", "'12'", "the example `12` of `f` is a string, not a"),
        (
            "type: boolean",
            "yes",
            "the example `yes` of `f` is a string, not a boolean",
        ),
        (
            "type: string\n      pattern: '^[a-z]+$'",
            "ABC",
            "the example `ABC` of `f` does not match the pattern `^[a-z]+$`",
        ),
        (
            "type: string\n      enum: [vector, minerva]",
            "timeless",
            "the example `timeless` of `f` is not one of the enum values",
        ),
        (
            "type: integer\n      minimum: 1\n      maximum: 10",
            "11",
            "the example `11` of `f` is outside the minimum/maximum",
        ),
        (
            "type: number\n      minimum: 0",
            "-0.5",
            "the example `-0.5` of `f` is outside the minimum/maximum",
        ),
    ];
    for (spec, example, message) in cases {
        let field = format!(
            "    - name: f\n      {spec}\n      description: F.\n      example: {example}\n      sensitivity: public\n"
        );
        let example_line = 6 + field.lines().position(|l| l.contains("example:")).unwrap();
        let (_b, diags) = with_project(&schema_project(&field));
        assert_diag(
            only(&diags),
            Expect {
                code: "bad-example",
                severity: Error,
                message,
                file: X,
                line: example_line,
                column: 16,
                hint: Some("give an example that the field's own rules accept"),
            },
        );
    }
}

#[test]
fn example_that_fits_every_rule_is_fine() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: f
      type: integer
      description: F.
      minimum: 1
      maximum: 10
      enum: [1, 5, 10]
      example: 5
      sensitivity: public
    - name: g
      type: number
      description: G.
      example: 3
      sensitivity: public
",
    ));
    assert!(diags.is_empty(), "{}", dump(&diags));
}

fn sampled(rate: &str) -> String {
    format!(
        "\
title: X
status: proposed
schema:
  name: Thing
  sampling:
    rate: {rate}
    unit: session
  fields:
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
"
    )
}

#[test]
fn sampling_rate_of_zero_or_above_one_is_bad_sampling() {
    for rate in ["0", "1.5", "-0.1"] {
        let (_b, diags) = with_project(&sampled(rate));
        assert_diag(
            only(&diags),
            Expect {
                code: "bad-sampling",
                severity: Error,
                message: &format!("sampling rate {rate} is not in (0, 1]"),
                file: X,
                line: 6,
                column: 11,
                hint: Some("write the share of units sampled, e.g. 0.1 for 10%, 1 for everything"),
            },
        );
    }
}

#[test]
fn sampling_rate_of_one_or_a_fraction_is_fine() {
    for rate in ["1", "1.0", "0.001"] {
        let (_b, diags) = with_project(&sampled(rate));
        assert!(diags.is_empty(), "rate {rate}: {}", dump(&diags));
    }
}

#[test]
fn allow_listed_field_not_in_the_schema_suggests_nearest_field() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  retention:
    purge-after-days: 90
    allow-list: [wiki_db, page_idd]
  fields:
    - name: wiki_db
      type: string
      description: The wiki's database name.
      sensitivity: public
    - name: page_id
      type: integer
      description: The page.
      sensitivity: public
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "unknown-reference",
            severity: Error,
            message: "allow-listed field `page_idd` is not in the schema",
            file: X,
            line: 7,
            column: 27,
            hint: Some("did you mean `page_id`?"),
        },
    );
}

#[test]
fn purge_after_zero_days_is_bad_retention() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  retention:
    purge-after-days: 0
  fields: []
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-retention",
            severity: Error,
            message: "`purge-after-days` is 0",
            file: X,
            line: 6,
            column: 23,
            hint: Some("give the number of days raw events are kept"),
        },
    );
}

#[test]
fn personal_or_sensitive_field_without_retention_is_no_retention() {
    for sensitivity in ["personal", "sensitive"] {
        let (_b, diags) = with_project(&schema_project(&format!(
            "    - name: user_agent\n      type: string\n      description: The browser's user agent.\n      sensitivity: {sensitivity}\n"
        )));
        assert_diag(
            only(&diags),
            Expect {
                code: "no-retention",
                severity: Error,
                message: &format!(
                    "field `user_agent` holds {sensitivity} data but the schema has no retention decision"
                ),
                file: X,
                line: 9,
                column: 20,
                hint: Some(
                    "add `retention: { purge-after-days: N }` to the schema (allow-list only what must be kept)",
                ),
            },
        );
    }
}

#[test]
fn retention_without_purge_days_is_still_no_retention() {
    let (_b, diags) = with_project(
        "\
title: X
status: proposed
schema:
  name: Thing
  retention:
    notes: Kept forever for now.
  fields:
    - name: user_agent
      type: string
      description: The browser's user agent.
      sensitivity: personal
",
    );
    let d = only(&diags);
    assert_eq!(d.code, "no-retention");
    assert_eq!(d.location.as_ref().unwrap().line, 11);
}

#[test]
fn field_without_description_is_undocumented_field_warning() {
    let (_b, diags) = with_project(&schema_project(
        "
    - name: wiki_db
      type: string
      sensitivity: public
",
    ));
    assert_diag(
        only(&diags),
        Expect {
            code: "undocumented-field",
            severity: Warning,
            message: "field `wiki_db` has no description",
            file: X,
            line: 6,
            column: 13,
            hint: Some("say what the field holds; the data dictionary shows it"),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Data dictionary cross-check

fn schema_file(schema: &str, ty: &str, description: &str) -> String {
    format!(
        "\
title: {schema}
status: proposed
schema:
  name: {schema}
  fields:
    - name: wiki_db
      type: {ty}
      description: {description}
      sensitivity: public
"
    )
}

#[test]
fn same_field_with_different_types_is_dictionary_conflict_naming_the_other_file() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        &schema_file("Alpha", "string", "The wiki's database name."),
    );
    book.write(
        "content/projects/beta.yaml",
        &schema_file("Beta", "number", "The wiki's database name."),
    );
    let diags = book.check();
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "dictionary-conflict",
            severity: Error,
            message: "field `wiki_db` is a number in Beta but a string in Alpha",
            file: "content/projects/beta.yaml",
            line: 7,
            column: 13,
            hint: Some("give `wiki_db` one type everywhere, or rename one of the two fields"),
        },
    );
    related_at(
        d,
        "content/projects/alpha.yaml",
        7,
        13,
        "`wiki_db` is a string in Alpha",
    );
}

#[test]
fn same_field_with_different_descriptions_is_dictionary_conflict_warning() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        &schema_file("Alpha", "string", "The wiki's database name."),
    );
    book.write(
        "content/projects/beta.yaml",
        &schema_file("Beta", "string", "The database of the wiki."),
    );
    let diags = book.check();
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "dictionary-conflict",
            severity: Warning,
            message: "field `wiki_db` is described differently in Beta and Alpha",
            file: "content/projects/beta.yaml",
            line: 8,
            column: 20,
            hint: Some("use the same description in every schema, so the data dictionary has one meaning per name"),
        },
    );
    related_at(d, "content/projects/alpha.yaml", 8, 20, "the description in Alpha");
}

#[test]
fn same_field_with_same_type_and_description_is_fine() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        &schema_file("Alpha", "string", "The wiki's database name."),
    );
    book.write(
        "content/projects/beta.yaml",
        &schema_file("Beta", "string", "The wiki's database name."),
    );
    let diags = book.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn field_conflicting_with_the_fixture_points_at_the_fixture_file() {
    // page_id is an integer in reading-depth (line 50 of that file); a string here conflicts.
    let book = Book::valid();
    book.write(
        "content/projects/zebra.yaml",
        "\
title: Zebra
status: proposed
schema:
  name: Zebra
  fields:
    - name: page_id
      type: string
      description: The page's id on the wiki.
      sensitivity: public
",
    );
    let diags = book.check();
    let d = only(&diags);
    assert_eq!((d.code, d.severity), ("dictionary-conflict", Error));
    assert!(
        d.message.starts_with("field `page_id` is a string in Zebra but a"),
        "{}",
        d.message
    );
    assert!(d.message.ends_with(" integer in ReadingDepth"), "{}", d.message);
    let loc = d.location.as_ref().unwrap();
    assert_eq!(
        (loc.file.as_path(), loc.line),
        (Path::new("content/projects/zebra.yaml"), 7)
    );
    let r = &d.related[0];
    assert_eq!(r.location.file, Path::new("content/projects/reading-depth.yaml"));
    assert_eq!((r.location.line, r.location.column), (50, 13));
    assert!(r.message.ends_with(" integer in ReadingDepth"), "{}", r.message);
}

// ---------------------------------------------------------------------------------------------
// Files

#[test]
fn project_file_that_is_not_utf8_is_not_utf8_at_the_first_bad_byte() {
    let book = Book::valid();
    book.write_bytes(X, b"title: X\nstatus: active\nteam: W\xffeb\n");
    let diags = book.check();
    assert_diag(
        only(&diags),
        Expect {
            code: "not-utf8",
            severity: Error,
            message: "content/projects/x.yaml is not valid UTF-8 text",
            file: X,
            line: 3,
            column: 8,
            hint: Some("save the file as UTF-8"),
        },
    );
}

#[test]
fn missing_process_file_is_reported_at_book_toml() {
    let book = Book::valid();
    book.remove(P);
    let diags = book.check();
    assert_diag(
        only(&diags),
        Expect {
            code: "missing-file",
            severity: Error,
            message: "the process file content/process.yaml does not exist",
            file: "book.toml",
            line: 1,
            column: 1,
            hint: Some("create it, or point `process` in the [content] section of book.toml at it"),
        },
    );
}

#[test]
fn process_path_from_book_toml_is_used() {
    let book = Book::valid();
    book.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[content]\nprocess = \"daci.yaml\"\n",
    );
    let diags = book.check();
    let d = only(&diags);
    assert_eq!(d.code, "missing-file");
    assert_eq!(d.message, "the process file daci.yaml does not exist");
    book.write("daci.yaml", common::PROCESS);
    let diags = book.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
}

#[test]
fn bom_and_crlf_keep_line_and_column_right() {
    let (book, diags) = with_project(
        "\u{feff}title: X\r\nstatus: active\r\npeople:\r\n  product-manager:\r\n    - name: Jane Doe\r\n  data-analist:\r\n    - name: Priya Raman\r\n",
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
fn bom_and_crlf_keep_syntax_error_positions_right() {
    let (_b, diags) = with_project("\u{feff}title: X\r\nstatus: active\r\nteam: a: b\r\n");
    let d = only(&diags);
    assert_eq!(d.code, "yaml-syntax");
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (3, 8));

    let (_b, diags) = with_project("\u{feff}title: X\r\nstatus: activ\r\n");
    let d = only(&diags);
    assert_eq!(
        (d.code, d.hint.as_deref()),
        ("unknown-value", Some("did you mean `active`?"))
    );
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (2, 9));
}

#[test]
fn bom_and_crlf_in_front_matter_keep_line_numbers() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "\u{feff}---\r\ntitle: Guide\r\nordr: 2\r\n---\r\n# Guide\r\n",
    );
    let d = only(&book.check()).clone();
    let loc = d.location.as_ref().unwrap();
    assert_eq!((d.code, loc.line, loc.column), ("unknown-key", 3, 1));
    assert_eq!(d.hint.as_deref(), Some("did you mean `order`?"));
}

#[test]
fn non_ascii_text_before_a_value_keeps_columns_in_characters() {
    let (book, diags) = with_project(
        "\
title: Café crème
status: active
people:
  product-manager:
    - name: Zoë Ünal
      email: zoë.example.org
",
    );
    let d = only(&diags);
    assert_diag(
        d,
        Expect {
            code: "bad-email",
            severity: Error,
            message: "`zoë.example.org` is not an email address",
            file: X,
            line: 6,
            column: 14,
            hint: Some("write it as name@example.org, or leave `email` out"),
        },
    );
    assert_eq!(underlined(&book, d), "zoë.example.org");
}

#[test]
fn diagnostics_are_sorted_by_file_then_line() {
    let book = Book::valid();
    book.write(
        "content/projects/alpha.yaml",
        "title: A\nstatus: active\npeople:\n  zebra: []\n  data-analist: []\n",
    );
    book.write("content/projects/beta.yaml", "title: B\nstatus: activ\n");
    let diags = book.check();
    let places: Vec<(String, usize)> = diags
        .iter()
        .map(|d| {
            let l = d.location.as_ref().unwrap();
            (l.file.display().to_string(), l.line)
        })
        .collect();
    assert_eq!(
        places,
        [
            ("content/projects/alpha.yaml".to_string(), 4),
            ("content/projects/alpha.yaml".to_string(), 5),
            ("content/projects/beta.yaml".to_string(), 2),
        ],
        "{}",
        dump(&diags)
    );
    assert_eq!(with_code(&diags, "unknown-reference").len(), 2);
}

// ---- Links in the Markdown of records ----

#[test]
fn a_relative_link_in_a_record_to_a_missing_page_or_anchor_is_an_error_at_its_field() {
    let (book, diags) = with_project(
        "\
title: X
status: active
summary: See [the guide](guid.html) and [the matrix](matrix.html#top).
",
    );
    assert_diag(
        only(&diags),
        Expect {
            code: "broken-link",
            severity: Error,
            message: "`guid.html` in the summary points to guid.html, which the site does not have",
            file: X,
            line: 3,
            column: 10,
            hint: Some("links in records are relative to the site's root, e.g. `roles/data-analyst.html`"),
        },
    );
    // With the page fixed, the anchor the matrix lacks is found, at the record's line, once
    // (the summary shows on the home page, the board and the project's page).
    // `dacibook check` runs the whole build, the site's link check included.
    let check = || {
        dacibook::build::build_in_memory(book.root())
            .unwrap()
            .loaded
            .diagnostics
    };
    book.patch(X, "guid.html", "matrix.html");
    let diags = check();
    assert_diag(
        only(&diags),
        Expect {
            code: "broken-link",
            severity: Error,
            message: "`matrix.html#top` in the summary points to the anchor `#top`, which matrix.html does not have",
            file: X,
            line: 3,
            column: 10,
            hint: Some("link to an anchor matrix.html has (a heading's id), or drop `#top`"),
        },
    );
    book.patch(X, "matrix.html#top", "matrix.html#content");
    assert!(check().is_empty(), "{}", dump(&check()));
}

#[test]
fn a_record_link_to_a_role_page_from_the_root_passes_and_a_typo_suggests_it() {
    let (_b, ok) = with_project("title: X\nstatus: active\nsummary: Ask the [PM](roles/product-manager.html).\n");
    assert!(ok.is_empty(), "{}", dump(&ok));
    let (_b, diags) = with_project("title: X\nstatus: active\nsummary: Ask the [PM](roles/product-manger.html).\n");
    let d = one(&diags, "broken-link");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `roles/product-manager.html`? (links in records are relative to the site's root)")
    );
}

#[test]
fn record_links_that_climb_or_start_at_slash_are_errors() {
    for (href, why) in [("../x.html", "climbs with `..`"), ("/index.html", "starts with `/`")] {
        let (_b, diags) = with_project(&format!("title: X\nstatus: active\nsummary: See [x]({href}).\n"));
        let d = one(&diags, "broken-link");
        assert!(d.message.contains(why), "{}", d.message);
        assert_eq!(d.location.as_ref().unwrap().line, 3);
    }
}

#[test]
fn a_script_link_in_record_markdown_is_a_refused_link_warning() {
    let (_b, diags) = with_project("title: X\nstatus: active\nsummary: Click [me](javascript:alert(1)).\n");
    assert_diag(
        only(&diags),
        Expect {
            code: "refused-link",
            severity: Warning,
            message: "the `javascript:` link in the summary is refused; only its text is shown",
            file: X,
            line: 3,
            column: 10,
            hint: Some("links must be https://, http://, mailto: or relative to the site's root"),
        },
    );
}
