//! `dacibook schema`: the JSON Schemas editors use to complete and check the process file and
//! the project records. The schemas accept this repository's own book and the fixtures, agree
//! with the loader, know the book's ids, point at the right place of a mistake, and the command
//! writes them the same way every time.

mod common;

use common::{Book, PROCESS, READING_DEPTH};
use dacibook::editor_schema::{self, process_schema, project_schema, NotLoaded};
use dacibook::model::{Process, ProjectRecord};
use dacibook::source::SourceFile;
use jsonschema::Validator;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn yaml(text: &str) -> Value {
    dacibook::yaml::to_json(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

/// A validator of `schema`, which must itself be a valid draft-07 schema.
fn validator(schema: &Value) -> Validator {
    if let Err(e) = jsonschema::draft7::meta::validate(schema) {
        panic!("not a valid draft-07 schema: {e}");
    }
    jsonschema::draft7::new(schema).unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
}

/// Every schema error of `instance`: (where in the document, keyword, message).
fn errors(v: &Validator, instance: &Value) -> Vec<(String, String, String)> {
    v.iter_errors(instance)
        .map(|e| {
            (
                e.instance_path().as_str().to_string(),
                e.kind().keyword().to_string(),
                e.to_string(),
            )
        })
        .collect()
}

fn assert_valid(v: &Validator, text: &str, what: &str) {
    let found = errors(v, &yaml(text));
    assert!(found.is_empty(), "{what} should validate, got: {found:#?}");
}

/// The one error of `text`; fails unless there is exactly one.
fn only_error(v: &Validator, text: &str) -> (String, String, String) {
    let mut found = errors(v, &yaml(text));
    assert_eq!(found.len(), 1, "expected exactly one schema error, got: {found:#?}");
    found.remove(0)
}

/// Replaces the one occurrence of `from` in `text` (panics unless there is exactly one).
fn patched(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur exactly once");
    text.replacen(from, to, 1)
}

fn parse_process(text: &str) -> Process {
    let file = SourceFile::new("process.yaml", text);
    match dacibook::yaml::parse::<Process>(&file, 0..text.len(), 0) {
        Ok(p) => p.value,
        Err(d) => panic!("the process does not load: {}", d.message),
    }
}

fn fixture_process() -> Process {
    parse_process(PROCESS)
}

fn repo_process() -> Process {
    parse_process(&read(&Path::new(REPO).join("content/process.yaml")))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `*.yaml` files of a folder, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// The schemas themselves

#[test]
fn schemas_are_draft_07_and_describe_every_key() {
    let process = fixture_process();
    for (name, schema) in [
        ("process", process_schema()),
        ("record (with a process)", project_schema(Some(&process))),
        ("record (without a process)", project_schema(None)),
    ] {
        validator(&schema);
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#", "{name}");
        let mut keys = 0;
        walk(&schema, "", &mut |at, node| {
            if let Some(Value::Object(props)) = node.get("properties") {
                // `if` conditions and `then` branches only narrow keys already described.
                if !at.contains("/allOf/") {
                    assert_eq!(
                        node.get("additionalProperties"),
                        Some(&Value::Bool(false)),
                        "{name}: {at} allows unknown keys"
                    );
                    for (key, sub) in props {
                        keys += 1;
                        let d = sub.get("description").and_then(Value::as_str).unwrap_or("");
                        assert!(d.len() > 3, "{name}: {at}/properties/{key} has no description");
                    }
                }
            }
        });
        assert!(keys > 20, "{name}: only {keys} keys found");
    }
}

/// Calls `f` on every schema object below `node`, with its JSON pointer.
fn walk(node: &Value, at: &str, f: &mut dyn FnMut(&str, &Value)) {
    match node {
        Value::Object(map) => {
            f(at, node);
            for (k, v) in map {
                walk(v, &format!("{at}/{k}"), f);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{at}/{i}"), f);
            }
        }
        _ => {}
    }
}

#[test]
fn record_schema_knows_the_processs_roles_activities_and_checklists() {
    let process = repo_process();
    let schema = project_schema(Some(&process));
    let keys = |v: &Value| -> Vec<String> { v.as_object().expect("an object").keys().cloned().collect() };
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };

    let people = &schema["properties"]["people"];
    let role_ids = sorted(process.roles.iter().map(|r| r.id.clone()).collect());
    assert_eq!(keys(&people["properties"]), role_ids);
    assert_eq!(people["additionalProperties"], false);
    for role in &process.roles {
        assert_eq!(people["properties"][&role.id]["description"], role.name.as_str());
    }

    let stages = &schema["properties"]["stages"];
    let activity_ids = sorted(process.activities.iter().map(|a| a.id.clone()).collect());
    assert_eq!(keys(&stages["properties"]), activity_ids);
    assert_eq!(stages["additionalProperties"], false);
    for a in &process.activities {
        let stage = &stages["properties"][&a.id];
        assert_eq!(stage["description"], a.name.as_str());
        let ids: Vec<&str> = a.checklist.iter().map(|c| c.id.as_str()).collect();
        let texts: Vec<&str> = a.checklist.iter().map(|c| c.text.as_str()).collect();
        let item = &stage["properties"]["checked"]["items"];
        assert_eq!(item["enum"], serde_json::json!(ids), "{}", a.id);
        assert_eq!(item["enumDescriptions"], serde_json::json!(texts), "{}", a.id);
    }

    // The closed value sets come from the model, spelt as the loader reads them.
    let status = &stages["properties"]["testing"]["properties"]["status"];
    assert_eq!(
        status["enum"],
        serde_json::json!(["not-started", "in-progress", "done", "skipped", "blocked"])
    );
    // A field nests (an object's `fields`, an array's `items`), so it is a definition.
    assert_eq!(
        schema["properties"]["schema"]["properties"]["fields"]["items"]["$ref"],
        "#/definitions/field"
    );
    let field = &schema["definitions"]["field"];
    assert_eq!(
        field["properties"]["type"]["enum"],
        serde_json::json!(["string", "integer", "number", "boolean", "object", "array"])
    );
    assert_eq!(field["properties"]["fields"]["items"]["$ref"], "#/definitions/field");
    assert_eq!(field["properties"]["items"]["$ref"], "#/definitions/items");
    assert_eq!(
        field["properties"]["sensitivity"]["enum"],
        serde_json::json!(["public", "internal", "personal", "sensitive"])
    );
}

#[test]
fn schema_text_is_pretty_sorted_and_ends_with_a_newline() {
    let process = repo_process();
    let a = editor_schema::to_text(&project_schema(Some(&process)));
    let b = editor_schema::to_text(&project_schema(Some(&repo_process())));
    assert_eq!(a, b);
    assert!(a.starts_with("{\n  \"$schema\""), "{}", &a[..40]);
    assert!(a.ends_with("}\n") && !a.ends_with("\n\n"));
    let objects = assert_keys_sorted(&a);
    assert!(objects > 20, "only {objects} objects checked");
}

/// Checks, in pretty JSON text, that each object's keys come in sorted order and that each
/// level is indented two spaces more than its parent; returns how many objects it checked.
fn assert_keys_sorted(text: &str) -> usize {
    // One entry per open object (its keys so far) or array (`None`).
    let mut open: Vec<Option<Vec<String>>> = Vec::new();
    let mut objects = 0;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let closes = trimmed.starts_with('}') || trimmed.starts_with(']');
        let depth = open.len() - usize::from(closes);
        assert_eq!(indent, 2 * depth, "line {}: indented {indent}: {line}", n + 1);
        if closes {
            if let Some(Some(keys)) = open.pop() {
                let mut sorted = keys.clone();
                sorted.sort();
                assert_eq!(keys, sorted, "the object closing on line {} is not sorted", n + 1);
                objects += 1;
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('"') {
            if let Some((key, _)) = rest.split_once("\": ") {
                if let Some(Some(keys)) = open.last_mut() {
                    keys.push(key.to_string());
                }
            }
        }
        let opens = trimmed.trim_end_matches(',');
        if opens.ends_with('{') && !opens.ends_with("{}") {
            open.push(Some(Vec::new()));
        } else if opens.ends_with('[') && !opens.ends_with("[]") {
            open.push(None);
        }
    }
    assert!(open.is_empty(), "unclosed objects or arrays");
    objects
}

#[test]
fn the_key_order_check_finds_an_unsorted_object() {
    let unsorted = "{\n  \"b\": 1,\n  \"a\": {\n    \"y\": [],\n    \"x\": 2\n  }\n}\n";
    assert!(std::panic::catch_unwind(|| assert_keys_sorted(unsorted)).is_err());
    assert_eq!(
        assert_keys_sorted("{\n  \"a\": {\n    \"x\": [\n      1\n    ]\n  },\n  \"b\": 1\n}\n"),
        2
    );
}

// ---------------------------------------------------------------------------------------------
// Real books validate

#[test]
fn repo_process_and_records_validate() {
    let root = Path::new(REPO);
    let process_text = read(&root.join("content/process.yaml"));
    assert_valid(&validator(&process_schema()), &process_text, "content/process.yaml");

    let process = repo_process();
    let specific = validator(&project_schema(Some(&process)));
    let free = validator(&project_schema(None));
    let records = yaml_files(&root.join("content/projects"));
    assert!(records.len() >= 5, "only {} records found", records.len());
    for path in records {
        let text = read(&path);
        let name = path.display().to_string();
        assert_valid(&specific, &text, &name);
        assert_valid(&free, &text, &name);
    }
}

#[test]
fn raci_fixture_validates_against_its_own_process_only() {
    let root = Path::new(REPO).join("tests/fixtures/raci-book/content");
    let process_text = read(&root.join("process.yaml"));
    assert_valid(&validator(&process_schema()), &process_text, "raci process.yaml");
    let raci = parse_process(&process_text);
    let own = validator(&project_schema(Some(&raci)));
    let records = yaml_files(&root.join("projects"));
    assert!(!records.is_empty());
    for path in &records {
        assert_valid(&own, &read(path), &path.display().to_string());
    }
    // Its roles and activities are not the repository's: the schema is specific to the book.
    let other = validator(&project_schema(Some(&repo_process())));
    let found = errors(&other, &yaml(&read(&records[0])));
    assert!(
        found
            .iter()
            .any(|(at, kw, _)| at == "/people" && kw == "additionalProperties"),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(at, kw, _)| at == "/stages" && kw == "additionalProperties"),
        "{found:#?}"
    );
}

#[test]
fn fixture_book_validates() {
    let process = fixture_process();
    assert_valid(&validator(&process_schema()), PROCESS, "fixture process");
    let v = validator(&project_schema(Some(&process)));
    assert_valid(&v, READING_DEPTH, "reading-depth");
    assert_valid(&v, common::SEARCH_CLICKS, "search-clicks");
}

// ---------------------------------------------------------------------------------------------
// Mistakes are flagged where they are

fn record_validator() -> Validator {
    validator(&project_schema(Some(&fixture_process())))
}

#[test]
fn unknown_top_level_key_in_a_record_is_flagged_at_the_root() {
    let text = patched(READING_DEPTH, "team: Web\n", "team: Web\nowner: Web\n");
    let (at, keyword, message) = only_error(&record_validator(), &text);
    assert_eq!((at.as_str(), keyword.as_str()), ("", "additionalProperties"));
    assert!(message.contains("'owner'"), "{message}");
}

#[test]
fn unknown_role_under_people_is_flagged_at_people() {
    let text = patched(READING_DEPTH, "  data-analyst:\n", "  data-analist:\n");
    let (at, keyword, message) = only_error(&record_validator(), &text);
    assert_eq!((at.as_str(), keyword.as_str()), ("/people", "additionalProperties"));
    assert!(message.contains("'data-analist'"), "{message}");
    // Without a process any role id goes; the loader leaves that to `check` too.
    assert!(errors(&validator(&project_schema(None)), &yaml(&text)).is_empty());
}

#[test]
fn unknown_activity_under_stages_is_flagged_at_stages() {
    let text = patched(READING_DEPTH, "  specification:\n", "  specs:\n");
    let (at, keyword, message) = only_error(&record_validator(), &text);
    assert_eq!((at.as_str(), keyword.as_str()), ("/stages", "additionalProperties"));
    assert!(message.contains("'specs'"), "{message}");
}

#[test]
fn misspelt_stage_status_is_flagged_at_the_status() {
    let text = patched(READING_DEPTH, "status: in-progress", "status: in-progres");
    for v in [record_validator(), validator(&project_schema(None))] {
        let (at, keyword, message) = only_error(&v, &text);
        assert_eq!(
            (at.as_str(), keyword.as_str()),
            ("/stages/privacy-review/status", "enum")
        );
        assert!(message.contains("in-progres"), "{message}");
    }
}

#[test]
fn checklist_id_of_another_activity_is_flagged_at_the_item() {
    // `notice-sent` is a checklist item, but of privacy-review, not of specification.
    let text = patched(
        READING_DEPTH,
        "checked: [fields-defined, queries-written]",
        "checked: [fields-defined, queries-written, notice-sent]",
    );
    let (at, keyword, message) = only_error(&record_validator(), &text);
    assert_eq!(
        (at.as_str(), keyword.as_str()),
        ("/stages/specification/checked/2", "enum")
    );
    assert!(message.contains("notice-sent"), "{message}");
}

#[test]
fn field_with_an_unknown_type_is_flagged_at_the_type() {
    let text = patched(
        READING_DEPTH,
        "type: integer\n      description: The page's",
        "type: int\n      description: The page's",
    );
    let (at, keyword, message) = only_error(&record_validator(), &text);
    assert_eq!((at.as_str(), keyword.as_str()), ("/schema/fields/0/type", "enum"));
    assert!(message.contains("\"int\""), "{message}");
}

#[test]
fn constraint_that_does_not_fit_the_field_type_is_flagged() {
    // `check` says: `minimum` does not apply to string field `skin`.
    let text = patched(
        READING_DEPTH,
        "enum: [vector, minerva]",
        "enum: [vector, minerva]\n      minimum: 1",
    );
    let (at, _, _) = only_error(&record_validator(), &text);
    assert_eq!(at, "/schema/fields/3/minimum");
}

#[test]
fn unknown_key_in_the_process_is_flagged_where_it_is() {
    let v = validator(&process_schema());
    let text = patched(
        PROCESS,
        "    duty: approve\n",
        "    duty: approve\n    dutty: approve\n",
    );
    let (at, keyword, message) = only_error(&v, &text);
    assert_eq!((at.as_str(), keyword.as_str()), ("/codes/1", "additionalProperties"));
    assert!(message.contains("'dutty'"), "{message}");

    let text = patched(PROCESS, "activities:\n", "activites:\n");
    let found = errors(&v, &yaml(&text));
    assert!(
        found
            .iter()
            .any(|(at, kw, m)| at.is_empty() && kw == "additionalProperties" && m.contains("'activites'")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(at, kw, m)| at.is_empty() && kw == "required" && m.contains("activities")),
        "{found:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The schema accepts what the loader accepts

/// A small valid record with `extra` appended.
fn record(extra: &str) -> String {
    format!("title: T\nstatus: active\n{extra}")
}

/// A record with one field whose lines are `field` (indented under `- `).
fn with_field(field: &str) -> String {
    record(&format!("schema:\n  name: E\n  fields:\n    - {field}\n"))
}

#[test]
fn record_schema_and_loader_agree() {
    let schema = validator(&project_schema(None));
    let cases: Vec<(String, bool)> = vec![
        (record(""), true),
        ("title: T\n".to_string(), false),
        ("status: active\n".to_string(), false),
        (record("team: ~\n"), true),
        (record("team: 42\n"), true),
        ("title: 2024\nstatus: paused\n".to_string(), true),
        ("title: T\nstatus: Active\n".to_string(), false),
        ("title: [T]\nstatus: active\n".to_string(), false),
        (record("schema: ~\n"), true),
        (record("people: ~\n"), false),
        (record("stages: ~\n"), false),
        (record("links: {}\nqueries: []\ndashboards: []\n"), true),
        (record("links: ~\n"), false),
        (record("links:\n  tickets: https://example.org\n"), false),
        (
            record("people:\n  pm:\n    - name: A\n      handle: ~\n      email: a@example.org\n"),
            true,
        ),
        (record("people:\n  pm:\n    - name: A\n      nick: a\n"), false),
        (record("people:\n  pm:\n    name: A\n"), false),
        (
            record("stages:\n  x:\n    status: done\n    started: 2026-01-05\n    notice-sent: ~\n"),
            true,
        ),
        (record("stages:\n  x:\n    started: 2026-01-05\n"), false),
        (
            record("stages:\n  x:\n    status: done\n    started: 2026-1-5\n"),
            false,
        ),
        (
            record("stages:\n  x:\n    status: done\n    finished: 2026-13-01\n"),
            false,
        ),
        (
            record("stages:\n  x:\n    status: done\n    finished: 2026-02-30\n"),
            false,
        ),
        (
            record("stages:\n  x:\n    status: done\n    sign-off: {by: A, on: 2026-02-03}\n"),
            true,
        ),
        (
            record("stages:\n  x:\n    status: done\n    sign-off: {on: 2026-02-03}\n"),
            false,
        ),
        (
            record("stages:\n  x:\n    status: done\n    checked: [a, b]\n    notes: ok\n"),
            true,
        ),
        (record("stages:\n  x:\n    status: done\n    checked: a\n"), false),
        (record("schema:\n  name: E\n  version: 3\n"), true),
        (record("schema:\n  name: E\n  version: -1\n"), false),
        (record("schema:\n  name: E\n  version: 1.5\n"), false),
        (record("schema:\n  name: E\n  version: 1.2.0\n"), true),
        (record("schema:\n  name: E\n  version: [1]\n"), false),
        (
            with_field("{name: m, type: object, fields: [{name: dt, type: string, sensitivity: internal}]}"),
            true,
        ),
        (
            with_field("{name: m, type: object, sensitivity: public, fields: [{name: dt, type: string, sensitivity: internal}]}"),
            false,
        ),
        (
            with_field("{name: m, type: object, fields: [{name: dt, type: string}]}"),
            false,
        ),
        (
            with_field("{name: t, type: array, sensitivity: public, items: {type: string, max-length: 4}, max-items: 2}"),
            true,
        ),
        (
            with_field("{name: t, type: array, items: {type: object, fields: [{name: a, type: integer, sensitivity: public}]}}"),
            true,
        ),
        (
            with_field("{name: t, type: array, sensitivity: public, items: {type: string, sensitivity: public}}"),
            false,
        ),
        (
            with_field("{name: t, type: array, sensitivity: public, items: {type: string, min-length: -1}}"),
            false,
        ),
        (record("schema:\n  name: E\n  sampling: {rate: 1, unit: event}\n"), true),
        (
            record("schema:\n  name: E\n  sampling: {rate: 0.5, unit: hour}\n"),
            false,
        ),
        (
            record("schema:\n  name: E\n  sampling: {rate: '0.5', unit: user}\n"),
            false,
        ),
        (
            record("schema:\n  name: E\n  retention: {purge-after-days: 90, allow-list: [a]}\n"),
            true,
        ),
        (record("schema:\n  version: 1\n"), false),
        (with_field("{name: a, type: string, sensitivity: public}"), true),
        (with_field("{name: a, type: string}"), false),
        (with_field("{name: a, type: string, sensitivity: secret}"), false),
        (
            with_field("{name: a, type: string, sensitivity: public, required: true}"),
            true,
        ),
        (
            with_field("{name: a, type: string, sensitivity: public, required: 'yes'}"),
            false,
        ),
        (
            with_field("{name: a, type: integer, sensitivity: public, enum: [1, 2], example: 1}"),
            true,
        ),
        (
            with_field("{name: a, type: string, sensitivity: public, enum: ~, example: ~}"),
            true,
        ),
        (
            with_field("{name: a, type: string, sensitivity: public, format: uuid}"),
            true,
        ),
        (
            with_field("{name: a, type: string, sensitivity: public, format: ipv6}"),
            false,
        ),
        (
            with_field("{name: a, type: number, sensitivity: public, minimum: 0, maximum: 1.5}"),
            true,
        ),
        (
            with_field("{name: a, type: number, sensitivity: public, minimum: low}"),
            false,
        ),
        (
            record("schema:\n  ref: a/b/1.1.0\n  incompatible-ok:\n    \"1.1.0\": Nothing was sent.\n"),
            true,
        ),
        (
            record("schema:\n  ref: a/b/1.1.0\n  incompatible-ok: [\"1.1.0\"]\n"),
            false,
        ),
        (record("queries:\n  - {name: Q, language: sql, text: SELECT 1}\n"), true),
        (record("queries:\n  - {name: Q}\n"), false),
        (record("dashboards:\n  - {name: D, url: https://example.org}\n"), true),
        (record("dashboards:\n  - {name: D}\n"), false),
    ];
    for (text, ok) in cases {
        let file = SourceFile::new("x.yaml", text.as_str());
        let loaded = dacibook::yaml::parse::<ProjectRecord>(&file, 0..text.len(), 0);
        assert_eq!(
            loaded.is_ok(),
            ok,
            "the loader on:\n{text}\n{:?}",
            loaded.err().map(|d| d.message)
        );
        let found = errors(&schema, &yaml(&text));
        assert_eq!(found.is_empty(), ok, "the schema on:\n{text}\n{found:#?}");
    }
}

/// The one place the schema is stricter than the loader, as content/formats.md says: a key with
/// nothing after it is `null` to an editor, but the loader reads empty text or an empty list.
#[test]
fn key_with_nothing_after_it_is_flagged_though_the_loader_reads_it_as_empty() {
    let schema = validator(&project_schema(None));
    for (text, at) in [
        (record("summary:\n"), "/summary"),
        (
            record("stages:\n  x:\n    status: done\n    checked:\n"),
            "/stages/x/checked",
        ),
    ] {
        let file = SourceFile::new("x.yaml", text.as_str());
        let loaded = dacibook::yaml::parse::<ProjectRecord>(&file, 0..text.len(), 0);
        assert!(
            loaded.is_ok(),
            "the loader on:\n{text}\n{:?}",
            loaded.err().map(|d| d.message)
        );
        let (path, keyword, _) = only_error(&schema, &text);
        assert_eq!((path.as_str(), keyword.as_str()), (at, "type"));
    }
}

#[test]
fn process_schema_and_loader_agree() {
    let schema = validator(&process_schema());
    let cases: Vec<(String, bool)> = vec![
        (PROCESS.to_string(), true),
        (patched(PROCESS, "name: Test process\n", ""), false),
        (patched(PROCESS, "duty: inform", "duty: informs"), false),
        (patched(PROCESS, "short: PM", "short: ~"), true),
        (
            patched(PROCESS, "    waivers:\n", "    notice: ~\n    waivers:\n"),
            true,
        ),
        (
            patched(PROCESS, "    waivers:\n", "    inferred: ~\n    waivers:\n"),
            false,
        ),
        (patched(PROCESS, "    required: false\n", "    required: 'no'\n"), false),
        (patched(PROCESS, "business-days: 7", "business-days: seven"), false),
        (patched(PROCESS, "      to: legal-privacy\n", ""), false),
        (patched(PROCESS, "        text: A ticket exists.\n", ""), false),
        (
            patched(
                PROCESS,
                "    prerequisites: [decide-metrics]\n",
                "    prerequisites: decide-metrics\n",
            ),
            false,
        ),
        (
            patched(
                PROCESS,
                "name: Test process\n",
                "name: Test process\nsource:\n  title: A wiki page\n  url: https://example.org\n",
            ),
            true,
        ),
        (
            patched(
                PROCESS,
                "name: Test process\n",
                "name: Test process\nsource:\n  url: https://example.org\n",
            ),
            false,
        ),
    ];
    for (text, ok) in cases {
        let file = SourceFile::new("process.yaml", text.as_str());
        let loaded = dacibook::yaml::parse::<Process>(&file, 0..text.len(), 0);
        assert_eq!(
            loaded.is_ok(),
            ok,
            "the loader on:\n{text}\n{:?}",
            loaded.err().map(|d| d.message)
        );
        let found = errors(&schema, &yaml(&text));
        assert_eq!(found.is_empty(), ok, "the schema on:\n{text}\n{found:#?}");
    }
}

#[test]
fn record_with_the_schema_comment_still_checks_clean() {
    let book = Book::valid();
    let first_line = "# yaml-language-server: $schema=../../schemas/project.schema.json\n";
    book.write(
        "content/projects/reading-depth.yaml",
        &format!("{first_line}{READING_DEPTH}"),
    );
    let diags = book.check();
    assert!(diags.iter().all(|d| !d.is_error()), "{}", common::dump(&diags));
}

// ---------------------------------------------------------------------------------------------
// The command

fn schema_cmd(args: &[&Path]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("schema");
    for a in args {
        cmd.arg(a);
    }
    cmd.output().expect("run dacibook")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn cli_writes_both_schemas_the_same_way_every_time() {
    let book = Book::valid();
    let out = schema_cmd(&[book.root()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let process_path = book.path("schemas/process.schema.json");
    let project_path = book.path("schemas/project.schema.json");
    assert!(stderr(&out).contains("wrote "), "{}", stderr(&out));
    assert!(stderr(&out).contains("project.schema.json"), "{}", stderr(&out));
    let first = (fs::read(&process_path).unwrap(), fs::read(&project_path).unwrap());

    // Both parse, are the library's schemas, and accept the book's own files.
    let process: Value = serde_json::from_slice(&first.0).expect("process schema is JSON");
    let project: Value = serde_json::from_slice(&first.1).expect("project schema is JSON");
    assert_eq!(process, process_schema());
    assert_eq!(project, project_schema(Some(&fixture_process())));
    assert_valid(&validator(&process), PROCESS, "fixture process");
    assert_valid(&validator(&project), READING_DEPTH, "reading-depth");
    assert!(first.1.ends_with(b"}\n"));

    let again = schema_cmd(&[book.root()]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(fs::read(&process_path).unwrap(), first.0, "process schema changed");
    assert_eq!(fs::read(&project_path).unwrap(), first.1, "project schema changed");
    // Nothing but the two schemas is left in the folder (no staging files).
    let mut names: Vec<String> = fs::read_dir(book.path("schemas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["process.schema.json", "project.schema.json"]);
}

#[test]
fn cli_out_dir_writes_elsewhere() {
    let book = Book::valid();
    let elsewhere = tempfile::tempdir().unwrap();
    let dest = elsewhere.path().join("nested/schemas");
    let out = Command::new(BIN)
        .arg("schema")
        .arg(book.root())
        .arg("--out-dir")
        .arg(&dest)
        .output()
        .expect("run dacibook");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let project: Value = serde_json::from_slice(&fs::read(dest.join("project.schema.json")).unwrap()).unwrap();
    assert_eq!(project, project_schema(Some(&fixture_process())));
    assert!(dest.join("process.schema.json").is_file());
    assert!(!book.path("schemas").exists(), "wrote into the book as well");
}

#[test]
fn cli_broken_process_exits_1_and_writes_nothing() {
    let book = Book::valid();
    book.patch("content/process.yaml", "duty: inform", "duty: informs");
    let out = schema_cmd(&[book.root()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/process.yaml"), "{err}");
    assert!(err.contains("informs"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!book.path("schemas").exists(), "wrote despite the broken process");
}

#[test]
fn broken_records_do_not_stop_the_schemas() {
    let book = Book::valid();
    book.write("content/projects/broken.yaml", "title: [unclosed\n");
    let out = schema_cmd(&[book.root()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(book.path("schemas/project.schema.json").is_file());
}

#[test]
fn not_loaded_error_holds_only_the_process_diagnostics() {
    let book = Book::valid();
    book.patch("content/process.yaml", "duty: inform", "duty: informs");
    book.write("content/projects/broken.yaml", "title: [unclosed\n");
    let out = tempfile::tempdir().unwrap();
    let e = editor_schema::write(book.root(), out.path()).expect_err("the process is broken");
    let not_loaded = e.downcast_ref::<NotLoaded>().expect("a NotLoaded error");
    assert_eq!(
        not_loaded.diagnostics.len(),
        1,
        "{}",
        common::dump(&not_loaded.diagnostics)
    );
    let d = &not_loaded.diagnostics[0];
    assert_eq!(d.code, "unknown-value");
    assert_eq!(d.location.as_ref().unwrap().file, Path::new("content/process.yaml"));
    assert!(e.to_string().contains("informs"), "{e}");
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn cli_missing_process_file_exits_1() {
    let book = Book::bare();
    let out = schema_cmd(&[book.root()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("process file"), "{err}");
    assert!(!book.path("schemas").exists());
}

#[test]
fn cli_folder_without_book_toml_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = schema_cmd(&[dir.path()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("book.toml"), "{err}");
    assert!(!dir.path().join("schemas").exists());
}

#[test]
fn cli_unwritable_out_dir_exits_2() {
    let book = Book::valid();
    // A folder cannot be created below a file.
    let out = Command::new(BIN)
        .arg("schema")
        .arg(book.root())
        .arg("-o")
        .arg(book.path("book.toml/schemas"))
        .output()
        .expect("run dacibook");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot create"), "{err}");
}

#[test]
fn a_code_may_be_any_uppercase_letter_as_check_allows() {
    let v = validator(&process_schema());
    let with_code = |letter: &str| {
        let text = patched(
            PROCESS,
            "  - id: I\n    name: Informed\n",
            &format!("  - id: {letter}\n    name: Informed\n"),
        );
        text.replace("data-analyst: I\n", &format!("data-analyst: {letter}\n"))
            .replace("software-engineer: I\n", &format!("software-engineer: {letter}\n"))
    };
    assert_valid(&v, &with_code("É"), "a process with the code É");
    assert_valid(&v, &with_code("Ж"), "a process with the code Ж");
    for bad in ["é", "II"] {
        let found = errors(&v, &yaml(&with_code(bad)));
        assert!(
            found.iter().any(|(at, kw, _)| at == "/codes/3/id" && kw == "pattern"),
            "{bad}: {found:#?}"
        );
    }
}

#[test]
fn the_field_naming_rule_of_book_toml_shapes_the_name_pattern_at_every_depth() {
    use dacibook::config::FieldNames;
    let nested = record(
        "schema:\n  name: E\n  fields:\n    - {name: event, type: object, fields: [{name: searchSessionId, type: string, sensitivity: internal}]}\n",
    );
    let snake = validator(&dacibook::editor_schema::project_schema_for(
        None,
        FieldNames::SnakeCase,
    ));
    let found = errors(&snake, &yaml(&nested));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "/schema/fields/0/fields/0/name");
    for naming in [FieldNames::CamelCase, FieldNames::Any] {
        let v = validator(&dacibook::editor_schema::project_schema_for(None, naming));
        assert!(errors(&v, &yaml(&nested)).is_empty(), "{naming:?}");
    }
}
