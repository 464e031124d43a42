//! Schemas from a registry: `[schemas]` roots (one outside the book), `schema.ref` records,
//! `$ref` and `allOf` resolution, leaf fields by dotted path, the allow-list, and the rules.

mod common;

use common::site::{attr, build_site, file_text, page, select, text};
use common::{dump, one, PROCESS};
use dacibook::diagnostic::Diagnostic;
use dacibook::Severity;
use std::fs;
use std::path::PathBuf;
use tempfile::TempDir;

/// A folder holding `book/` (the book) and `primary/` (a registry root outside it).
struct Fixture {
    dir: TempDir,
}

const BOOK_TOML: &str = "\
[book]
title = \"Registry book\"

[schemas]
roots = [\"registry/secondary\", \"../primary\"]
allow-list = \"registry/allowlist.yaml\"
";

// Line numbers matter: tests point at them.
const COMMON: &str = "\
$id: /fragment/common/1.0.0
type: object
properties:
  dt:
    type: string
    format: date-time
    description: When the event happened, in UTC.
  meta:
    type: object
    description: What the pipeline adds.
    properties:
      stream:
        type: string
        description: The stream the event was sent to.
      id:
        type: [string, \"null\"]
        format: uuid
        description: A unique id of the event.
required: [dt, meta]
";

const HTTP: &str = "\
$id: /fragment/http/1.0.0
type: object
properties:
  http:
    type: object
    description: The request that carried the event.
    properties:
      client_ip:
        type: string
        format: ipv4
        description: The client's address.
      request_headers:
        type: object
        description: Request headers by name.
        additionalProperties:
          type: string
          maxLength: 200
";

// A materialized version: no `$ref` left.
const CLICKS_1: &str = "\
title: analytics/button_click
$id: /analytics/button_click/1.0.0
$schema: https://json-schema.org/draft-07/schema#
type: object
properties:
  button:
    type: string
    description: Which button was clicked.
    minLength: 1
    examples: [save, cancel]
  tags:
    type: array
    description: Labels of the button.
    maxItems: 4
    items:
      type: string
  count:
    type: integer
    description: How many clicks.
    exclusiveMinimum: 0
    default: 1
required: [button]
";

// A legacy camelCase schema whose `current.yaml` pulls fragments from both roots.
const LEGACY_CURRENT: &str = "\
title: analytics/legacy/searchsatisfaction
$id: /analytics/legacy/searchsatisfaction/1.1.0
type: object
allOf:
  - $ref: /fragment/common/1.0.0
  - $ref: /fragment/http/1.0.0
  - properties:
      event:
        type: object
        description: The instrument's own fields.
        properties:
          searchSessionId:
            type: string
            description: Random id of one search session.
          msToDisplayResults:
            type: integer
            description: Milliseconds until results were shown.
            const: 0
";

const ALLOW_LIST: &str = "\
__defaults__:
  dt: keep
SearchSatisfaction:
  event:
    searchSessionId: hash
  meta.stream: keep
clicks_table:
  button: keep
";

const CLICKS_RECORD: &str = "\
title: Button clicks
status: proposed
schema:
  ref: analytics/button_click/1.0.0
  table: clicks_table
  fields:
    button: { sensitivity: public }
    tags: { sensitivity: public }
    count: { sensitivity: public }
";

const SEARCH_RECORD: &str = "\
title: Search satisfaction
status: proposed
schema:
  ref: analytics/legacy/searchsatisfaction/current
  retention:
    purge-after-days: 90
  fields:
    dt: { sensitivity: public }
    meta: { sensitivity: internal }
    http: { sensitivity: personal }
    event: { sensitivity: internal }
";

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        f.write("book/book.toml", BOOK_TOML);
        f.write("book/content/process.yaml", PROCESS);
        f.write("primary/fragment/common/1.0.0.yaml", COMMON);
        f.write("book/registry/secondary/fragment/http/1.0.0.yaml", HTTP);
        f.write("book/registry/secondary/analytics/button_click/1.0.0.yaml", CLICKS_1);
        f.write(
            "primary/analytics/legacy/searchsatisfaction/current.yaml",
            LEGACY_CURRENT,
        );
        f.write(
            "primary/.jsonschema-tools.yaml",
            "skipSchemaTestCases:\n  ^/analytics/legacy/.*:\n    - schema-snake-case-properties\n",
        );
        f.write("book/registry/allowlist.yaml", ALLOW_LIST);
        f.write("book/content/projects/button-clicks.yaml", CLICKS_RECORD);
        f.write("book/content/projects/search-satisfaction.yaml", SEARCH_RECORD);
        f
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn book(&self) -> PathBuf {
        self.path("book")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().expect("a parent")).expect("create folders");
        fs::write(p, text).expect("write a fixture file");
    }

    fn check(&self) -> Vec<Diagnostic> {
        dacibook::load_and_check(&self.book())
            .expect("the book loads")
            .diagnostics
    }
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// (file, line, column) of a diagnostic.
fn place(d: &Diagnostic) -> (String, usize, usize) {
    let l = d.location.as_ref().expect("a located diagnostic");
    (l.file.display().to_string(), l.line, l.column)
}

#[test]
fn a_book_with_two_roots_checks_clean_and_lists_every_leaf_field_by_dotted_path() {
    let f = Fixture::new();
    let diags = f.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
    let site = build_site(&f.book());
    let page_ids = |path: &str| -> Vec<String> {
        let doc = page(&site, path);
        select(&doc, "[id^='field-']")
            .iter()
            .map(|e| attr(*e, "id").to_string())
            .collect()
    };
    assert_eq!(
        page_ids("projects/search-satisfaction.html"),
        [
            "field-dt",
            "field-meta.id",
            "field-meta.stream",
            "field-http.client_ip",
            "field-http.request_headers.*",
            "field-event.msToDisplayResults",
            "field-event.searchSessionId",
        ]
    );
    assert_eq!(
        page_ids("projects/button-clicks.html"),
        ["field-button", "field-count", "field-tags[]"]
    );
    let json: serde_json::Value = serde_json::from_str(file_text(&site, "dictionary.json")).expect("JSON");
    let names: Vec<&str> = json["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|e| e["name"].as_str().expect("a name"))
        .collect();
    assert!(
        names.contains(&"event.searchSessionId") && names.contains(&"tags[]"),
        "{names:?}"
    );
}

fn dictionary_use<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    let entry = json["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} in the dictionary"));
    &entry["uses"][0]
}

#[test]
fn types_unions_constraints_and_origins_are_shown_in_the_dictionary() {
    let f = Fixture::new();
    let site = build_site(&f.book());
    let json: serde_json::Value = serde_json::from_str(file_text(&site, "dictionary.json")).expect("JSON");
    let id = dictionary_use(&json, "meta.id");
    assert_eq!(id["type"], "string or null");
    assert_eq!(
        id["constraints"],
        serde_json::json!(["format uuid", "from fragment/common/1.0.0"])
    );
    let headers = dictionary_use(&json, "http.request_headers.*");
    assert_eq!(
        headers["constraints"],
        serde_json::json!([
            "values of the map `http.request_headers`",
            "length at most 200",
            "from fragment/http/1.0.0"
        ])
    );
    assert_eq!(dictionary_use(&json, "http.client_ip")["constraints"][0], "format ipv4");
    let tags = dictionary_use(&json, "tags[]");
    assert_eq!(tags["type"], "string");
    assert_eq!(
        tags["constraints"],
        serde_json::json!([
            "items of the array `tags`",
            "at most 4 items",
            "from analytics/button_click/1.0.0"
        ])
    );
    let count = dictionary_use(&json, "count");
    assert_eq!(
        count["constraints"],
        serde_json::json!(["default 1", "more than 0", "from analytics/button_click/1.0.0"])
    );
    let button = dictionary_use(&json, "button");
    assert_eq!(button["required"], true);
    assert_eq!(
        button["constraints"],
        serde_json::json!([
            "length at least 1",
            "examples: save, cancel",
            "from analytics/button_click/1.0.0"
        ])
    );
    let ms = dictionary_use(&json, "event.msToDisplayResults");
    assert_eq!(ms["constraints"][0], "always 0");
    assert_eq!(dictionary_use(&json, "dt")["required"], true);
    assert_eq!(dictionary_use(&json, "meta.stream")["required"], false);
}

#[test]
fn the_allow_list_says_per_field_kept_hashed_purged_or_undecided() {
    let f = Fixture::new();
    let site = build_site(&f.book());
    let json: serde_json::Value = serde_json::from_str(file_text(&site, "dictionary.json")).expect("JSON");
    let retention = |name: &str| {
        dictionary_use(&json, name)["retention"]
            .as_str()
            .expect("text")
            .to_string()
    };
    // SearchSatisfaction is matched by the title's last segment, without regard to case.
    assert_eq!(retention("event.searchSessionId"), "kept hashed (allow-listed)");
    assert_eq!(retention("meta.stream"), "kept (allow-listed)");
    assert_eq!(retention("meta.id"), "purged after 90 days");
    // `__defaults__` applies to every table.
    assert_eq!(retention("dt"), "kept (allow-listed)");
    // The clicks schema is matched by `table:`; its record decides no purge.
    assert_eq!(retention("button"), "kept (allow-listed)");
    assert_eq!(retention("count"), "no purge decided");
    let doc = page(&site, "projects/search-satisfaction.html");
    let row = select(&doc, "[id='field-event.searchSessionId']");
    assert!(text(row[0]).contains("kept hashed"), "{}", text(row[0]));
}

#[test]
fn the_first_root_that_has_a_schema_wins() {
    let f = Fixture::new();
    f.write(
        "primary/analytics/button_click/1.0.0.yaml",
        "title: analytics/button_click\ntype: object\nproperties:\n  other:\n    type: string\n",
    );
    let diags = f.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
    let site = build_site(&f.book());
    let doc = page(&site, "projects/button-clicks.html");
    assert_eq!(select(&doc, "[id='field-other']").len(), 0);
    assert_eq!(select(&doc, "[id='field-button']").len(), 1);
}

#[test]
fn a_missing_ref_is_an_error_at_its_line_and_column_in_the_schema_file() {
    let f = Fixture::new();
    f.write(
        "primary/analytics/legacy/searchsatisfaction/current.yaml",
        &LEGACY_CURRENT.replace("/fragment/http/1.0.0", "/fragment/htp/1.0.0"),
    );
    let diags = f.check();
    let d = one(&diags, "unresolved-ref");
    assert_eq!(
        place(d),
        (
            "../primary/analytics/legacy/searchsatisfaction/current.yaml".to_string(),
            6,
            11
        )
    );
    assert_eq!(
        d.message,
        "`$ref: /fragment/htp/1.0.0` names no file in the schema roots (`registry/secondary`, `../primary`)"
    );
    assert_eq!(
        errors(&diags).len(),
        2,
        "and the record's `http` path: {}",
        dump(&diags)
    );
    assert_eq!(
        one(&diags, "unknown-field-path").message,
        "`http` is not a field of schema `analytics/legacy/searchsatisfaction/current`"
    );
}

#[test]
fn a_ref_to_a_pointer_that_does_not_exist_is_an_error() {
    let f = Fixture::new();
    f.write(
        "primary/analytics/legacy/searchsatisfaction/current.yaml",
        &LEGACY_CURRENT.replace("/fragment/http/1.0.0", "/fragment/http/1.0.0#/definitions/nope"),
    );
    let d = one(&f.check(), "unresolved-ref").clone();
    assert_eq!(
        d.message,
        "`$ref: /fragment/http/1.0.0#/definitions/nope` points at `#/definitions/nope`, which registry/secondary/fragment/http/1.0.0.yaml does not have"
    );
}

#[test]
fn relative_refs_and_pointers_within_a_file_resolve() {
    let f = Fixture::new();
    f.write(
        "book/registry/secondary/analytics/button_click/1.0.0.yaml",
        "title: analytics/button_click\ntype: object\nproperties:\n  http:\n    $ref: ../../fragment/http/1.0.0#/properties/http\n  button:\n    $ref: '#/definitions/name'\ndefinitions:\n  name:\n    type: string\n    description: A name.\n",
    );
    f.write(
        "book/content/projects/button-clicks.yaml",
        "title: Button clicks\nstatus: proposed\nschema:\n  ref: analytics/button_click/1.0.0\n  fields:\n    button: { sensitivity: public }\n    http.client_ip: { sensitivity: personal }\n    http.request_headers: { sensitivity: internal }\n  retention: { purge-after-days: 30 }\n",
    );
    let diags = f.check();
    assert!(errors(&diags).is_empty(), "{}", dump(&diags));
    let site = build_site(&f.book());
    let doc = page(&site, "projects/button-clicks.html");
    for id in ["field-button", "field-http.client_ip", "field-http.request_headers.*"] {
        assert_eq!(select(&doc, &format!("[id='{id}']")).len(), 1, "{id}");
    }
}

#[test]
fn a_cyclic_ref_is_an_error_naming_the_trail() {
    let f = Fixture::new();
    f.write(
        "primary/fragment/common/1.0.0.yaml",
        "$id: /fragment/common/1.0.0\ntype: object\nallOf:\n  - $ref: /fragment/http/1.0.0\n",
    );
    f.write(
        "book/registry/secondary/fragment/http/1.0.0.yaml",
        "$id: /fragment/http/1.0.0\ntype: object\nallOf:\n  - $ref: /fragment/common/1.0.0\n",
    );
    let diags = f.check();
    let cyclic: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "cyclic-ref").collect();
    assert!(!cyclic.is_empty(), "{}", dump(&diags));
    let d = cyclic[0];
    assert_eq!(place(d), ("../primary/fragment/common/1.0.0.yaml".to_string(), 4, 11));
    assert_eq!(
        d.message,
        "`$ref: /fragment/http/1.0.0` leads back to itself: registry/secondary/fragment/http/1.0.0.yaml → ../primary/fragment/common/1.0.0.yaml → registry/secondary/fragment/http/1.0.0.yaml"
    );
}

#[test]
fn an_all_of_type_clash_is_an_error_at_the_clashing_property() {
    let f = Fixture::new();
    f.write(
        "primary/analytics/legacy/searchsatisfaction/current.yaml",
        &format!("{LEGACY_CURRENT}      dt:\n        type: integer\n"),
    );
    let diags = f.check();
    let d = one(&diags, "allof-type-clash");
    assert_eq!(
        place(d),
        (
            "../primary/analytics/legacy/searchsatisfaction/current.yaml".to_string(),
            19,
            7
        )
    );
    assert_eq!(
        d.message,
        "analytics/legacy/searchsatisfaction/1.1.0 makes this `type` `integer`, but fragment/common/1.0.0 made it `string`"
    );
    assert_eq!(d.related[0].location.line, 4, "the fragment's `dt`");
}

#[test]
fn a_record_naming_a_schema_in_no_root_is_an_error_at_its_ref() {
    let f = Fixture::new();
    f.write(
        "book/content/projects/button-clicks.yaml",
        &CLICKS_RECORD.replace("button_click/1.0.0", "button_clicks/1.0.0"),
    );
    let diags = f.check();
    let d = one(&diags, "unknown-schema-ref");
    assert_eq!(place(d), ("content/projects/button-clicks.yaml".to_string(), 4, 8));
    assert_eq!(
        d.message,
        "schema `analytics/button_clicks/1.0.0` is in none of the schema roots"
    );
}

#[test]
fn a_fields_path_the_schema_lacks_is_an_error_with_the_nearest_field() {
    let f = Fixture::new();
    f.write(
        "book/content/projects/button-clicks.yaml",
        &CLICKS_RECORD.replace("    count:", "    cont:"),
    );
    let diags = f.check();
    let d = one(&diags, "unknown-field-path");
    assert_eq!(place(d), ("content/projects/button-clicks.yaml".to_string(), 9, 5));
    assert_eq!(d.hint.as_deref(), Some("did you mean `count`?"));
}

#[test]
fn an_allow_list_entry_the_schema_lacks_is_an_error_at_the_entry() {
    let f = Fixture::new();
    f.write(
        "book/registry/allowlist.yaml",
        &ALLOW_LIST.replace("    searchSessionId: hash", "    searchSesionId: hash"),
    );
    let diags = f.check();
    let d = one(&diags, "allow-list-field");
    assert_eq!(place(d), ("registry/allowlist.yaml".to_string(), 5, 5));
    assert_eq!(
        d.message,
        "the allow-list keeps `event.searchSesionId` of table `SearchSatisfaction`, but schema `analytics/legacy/searchsatisfaction/current` has no such field"
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `event.searchSessionId`?"));
}

#[test]
fn house_style_is_a_warning_and_the_registry_skip_list_is_honoured() {
    let f = Fixture::new();
    // Without its skip list the legacy schema's camelCase names are warned of.
    fs::remove_file(f.path("primary/.jsonschema-tools.yaml")).expect("remove");
    f.write(
        "book/content/projects/button-clicks.yaml",
        &CLICKS_RECORD.replace("    count: { sensitivity: public }\n", ""),
    );
    let diags = f.check();
    assert!(errors(&diags).is_empty(), "{}", dump(&diags));
    let names: Vec<(String, usize, usize)> = diags
        .iter()
        .filter(|d| d.code == "registry-field-name")
        .map(place)
        .collect();
    let legacy = "../primary/analytics/legacy/searchsatisfaction/current.yaml".to_string();
    assert_eq!(names, [(legacy.clone(), 12, 11), (legacy, 15, 11)]);
    let d = one(&diags, "undecided-sensitivity");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(place(d), ("content/projects/button-clicks.yaml".to_string(), 4, 8));
    assert_eq!(
        d.message,
        "1 field of schema `analytics/button_click/1.0.0` has no sensitivity: `count`"
    );
    // A property without a description.
    f.write(
        "book/registry/secondary/fragment/http/1.0.0.yaml",
        &HTTP.replace("        description: The client's address.\n", ""),
    );
    let d = one(&f.check(), "undescribed-field").clone();
    assert_eq!(
        place(&d),
        ("registry/secondary/fragment/http/1.0.0.yaml".to_string(), 8, 7)
    );
}

#[test]
fn a_missing_root_is_an_error_at_roots_in_book_toml() {
    let f = Fixture::new();
    fs::remove_dir_all(f.path("primary")).expect("remove the primary root");
    let diags = f.check();
    let missing: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "missing-file").collect();
    assert_eq!(place(missing[0]), ("book.toml".to_string(), 5, 1), "{}", dump(&diags));
    assert_eq!(
        missing[0].message,
        "book.toml: the schema root `../primary` is not a folder"
    );
}

#[test]
fn the_exported_schema_is_the_resolved_registry_schema() {
    let f = Fixture::new();
    let site = build_site(&f.book());
    let exported: serde_json::Value =
        serde_json::from_str(file_text(&site, "schemas/search-satisfaction.schema.json")).expect("JSON");
    assert_eq!(exported["$id"], "/analytics/legacy/searchsatisfaction/1.1.0");
    assert!(!exported.to_string().contains("$ref"), "{exported}");
    assert_eq!(exported["properties"]["meta"]["properties"]["id"]["format"], "uuid");
    assert_eq!(exported["required"], serde_json::json!(["dt", "meta"]));
    // Nothing of the roots is published.
    assert!(
        !site.files.keys().any(|k| k.contains("registry/")),
        "{:?}",
        site.files.keys()
    );
}

#[test]
fn an_inline_schema_keeps_working_beside_registry_schemas() {
    let f = Fixture::new();
    f.write("book/content/projects/reading-depth.yaml", common::READING_DEPTH);
    let diags = f.check();
    assert!(errors(&diags).is_empty(), "{}", dump(&diags));
    let bad = common::READING_DEPTH.replace("  name: ReadingDepth\n", "  ref: x\n");
    f.write("book/content/projects/reading-depth.yaml", &bad);
    let d = one(&f.check(), "wrong-value").clone();
    assert!(
        d.message.contains("with `ref`, `fields` maps a field's dotted path"),
        "{}",
        d.message
    );
}
