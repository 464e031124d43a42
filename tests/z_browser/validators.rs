//! The exported `schemas/<project>.schema.json` files are accepted by real validators: Ajv 8 in
//! strict mode with ajv-formats (Node.js, pinned in `tests/ajv/package-lock.json`), and the
//! `jsonschema` crate, independent of it. Each compiles, and accepts its own examples.
//!
//! Ajv comes from npm: when `tests/ajv/node_modules` is missing, the tests fail naming
//! `npm ci --prefix tests/ajv` (tests/run-all.sh runs it).

use crate::common::Book;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Builds the book at `root` into `dest` and returns its exported schema files, sorted.
fn build_schemas(root: &Path, dest: &Path) -> Vec<PathBuf> {
    let out = Command::new(BIN)
        .arg("build")
        .arg("-d")
        .arg(dest)
        .arg(root)
        .output()
        .expect("run dacibook build");
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<PathBuf> = fs::read_dir(dest.join("schemas"))
        .expect("the build writes schemas/")
        .map(|e| e.expect("read schemas/").path())
        .filter(|p| p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    files.sort();
    files
}

/// Runs tests/ajv/validate.js over `files`; its output, and whether every schema passed.
fn ajv(files: &[PathBuf]) -> (String, bool) {
    let ajv_dir = Path::new(REPO).join("tests/ajv");
    assert!(
        ajv_dir.join("node_modules/ajv/package.json").exists()
            && ajv_dir.join("node_modules/ajv-formats/package.json").exists(),
        "Ajv is not installed: run `npm ci --prefix tests/ajv` in {REPO} (tests/run-all.sh does)"
    );
    let out = Command::new("node")
        .arg(ajv_dir.join("validate.js"))
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("node could not run ({e}): install Node.js, then run `npm ci --prefix tests/ajv` in {REPO}")
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.success())
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).expect("read an export")).expect("an export is JSON")
}

#[test]
fn the_repository_books_exports_compile_under_ajv_strict_and_accept_their_examples() {
    let dest = tempfile::tempdir().unwrap();
    let files = build_schemas(Path::new(REPO), dest.path());
    assert!(files.len() >= 4, "the repository's book exports its schemas: {files:?}");
    let (text, ok) = ajv(&files);
    assert!(ok, "Ajv refuses an export:\n{text}");
    for f in &files {
        let line = format!("{}: compiled, 1 example(s) checked", f.display());
        assert!(text.contains(&line), "missing `{line}` in:\n{text}");
    }
}

#[test]
fn an_inline_schemas_version_is_a_comment_not_a_keyword_ajv_strict_refuses() {
    let book = Book::valid();
    let dest = tempfile::tempdir().unwrap();
    let files = build_schemas(book.root(), dest.path());
    let reading = files
        .iter()
        .find(|p| p.ends_with("reading-depth.schema.json"))
        .expect("reading-depth has a schema");
    let schema = read_json(reading);
    assert_eq!(schema.get("version"), None, "{schema}");
    assert_eq!(schema["$comment"], "ReadingDepth version 2");
    let (text, ok) = ajv(&files);
    assert!(ok, "Ajv refuses an export:\n{text}");
}

#[test]
fn ajv_strict_refuses_a_keyword_it_does_not_know_so_the_test_above_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.schema.json");
    fs::write(
        &bad,
        r#"{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","version":2}"#,
    )
    .unwrap();
    let (text, ok) = ajv(std::slice::from_ref(&bad));
    assert!(!ok);
    assert!(
        text.contains("does not compile: strict mode: unknown keyword: \"version\""),
        "{text}"
    );
}

#[test]
fn every_export_compiles_under_the_jsonschema_crate_and_accepts_its_examples() {
    let dest = tempfile::tempdir().unwrap();
    let files = build_schemas(Path::new(REPO), dest.path());
    let book = Book::valid();
    let fixture_dest = tempfile::tempdir().unwrap();
    let all: Vec<PathBuf> = files
        .into_iter()
        .chain(build_schemas(book.root(), fixture_dest.path()))
        .collect();
    for path in &all {
        let schema = read_json(path);
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let examples: Vec<Value> = match schema["examples"].as_array() {
            Some(events) => events.clone(),
            None => vec![event_from_property_examples(&schema)],
        };
        assert!(!examples.is_empty(), "{}", path.display());
        for event in &examples {
            let errors: Vec<String> = validator.iter_errors(event).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{} refuses {event}: {errors:?}", path.display());
        }
    }
}

/// An event made of each property's first example (an inline schema's examples are per field).
fn event_from_property_examples(schema: &Value) -> Value {
    let mut event = serde_json::Map::new();
    for (name, sub) in schema["properties"].as_object().expect("an object schema") {
        if let Some(first) = sub["examples"].as_array().and_then(|e| e.first()) {
            event.insert(name.clone(), first.clone());
        }
    }
    Value::Object(event)
}

#[test]
fn a_nested_inline_schema_compiles_under_ajv_strict_and_accepts_its_examples() {
    let book = Book::process_only();
    book.write(
        "content/projects/x.yaml",
        "\
title: X
status: proposed
schema:
  name: Thing
  version: 1.2.0
  fields:
    - name: meta
      type: object
      required: true
      description: Where and when.
      fields:
        - { name: dt, type: string, format: date-time, required: true, example: \"2026-01-20T10:15:00Z\", description: When., sensitivity: internal }
    - name: tags
      type: array
      description: The labels.
      items: { type: string, min-length: 2, max-length: 40, example: news }
      min-items: 1
      max-items: 10
      sensitivity: public
    - name: results
      type: array
      description: The results shown.
      items:
        type: object
        fields:
          - { name: rank, type: integer, minimum: 1, required: true, example: 1, description: The rank., sensitivity: public }
",
    );
    let dest = tempfile::tempdir().unwrap();
    let files = build_schemas(book.root(), dest.path());
    let schema = read_json(&files[0]);
    assert_eq!(schema["properties"]["tags"]["items"]["maxLength"], 40, "{schema}");
    let (text, ok) = ajv(&files);
    assert!(ok, "Ajv refuses the nested export:\n{text}");
    let line = format!("{}: compiled, 1 example(s) checked", files[0].display());
    assert!(text.contains(&line), "missing `{line}` in:\n{text}");
}
