//! A registry schema's history and the compatibility rule: the versions beside the schema a
//! record names are listed newest first with what each added, removed or changed, and a change
//! that breaks events of the previous version within a major version is an error at the newer
//! file, unless the record accepts it with a reason or the registry's skip list skips it.

mod common;

use common::site::{build_site, page, select, text};
use common::{dump, one, PROCESS};
use dacibook::diagnostic::Diagnostic;
use dacibook::Severity;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const BOOK_TOML: &str = "[book]\ntitle = \"History book\"\n\n[schemas]\nroots = [\"registry\"]\n";
const DIR: &str = "registry/analytics/button_click";

// Line numbers matter: tests point at them.
const V1_0_0: &str = "\
title: analytics/button_click
$id: /analytics/button_click/1.0.0
type: object
properties:
  button:
    type: string
    description: Which button was clicked.
  count:
    type: integer
    maximum: 10
    description: How many clicks.
required: [button]
";

/// 1.0.0 plus an optional `label`, and a larger maximum: compatible.
const V1_1_0: &str = "\
title: analytics/button_click
$id: /analytics/button_click/1.1.0
type: object
properties:
  button:
    type: string
    description: Which button was clicked.
  count:
    type: integer
    maximum: 100
    description: How many clicks.
  label:
    type: string
    description: The button's label.
required: [button]
";

/// A new major version may break anything: `label` goes.
const V2_0_0: &str = "\
title: analytics/button_click
$id: /analytics/button_click/2.0.0
type: object
properties:
  button:
    type: string
    description: Which button was clicked.
  count:
    type: integer
    maximum: 100
    description: How many clicks.
required: [button]
";

struct Book {
    dir: TempDir,
}

impl Book {
    /// A book whose record names `reference` (with `extra` lines under `schema:`) and gives
    /// each of its fields a sensitivity, and the schema files given as (name in the schema's
    /// folder, text).
    fn new(reference: &str, extra: &str, versions: &[(&str, &str)]) -> Book {
        let b = Book {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        b.write("book.toml", BOOK_TOML);
        b.write("content/process.yaml", PROCESS);
        let name = reference.rsplit('/').next().unwrap_or("");
        let named = versions
            .iter()
            .find(|(file, _)| file.strip_suffix(".yaml") == Some(name))
            .map_or("", |(_, text)| text);
        // The schema's fields: its properties, indented by two spaces.
        let fields: String = named
            .lines()
            .filter_map(|l| l.strip_prefix("  ")?.strip_suffix(':'))
            .filter(|k| !k.starts_with(' '))
            .map(|k| format!("    {k}: {{ sensitivity: public }}\n"))
            .collect();
        b.write(
            "content/projects/clicks.yaml",
            &format!("title: Clicks\nstatus: proposed\nschema:\n  ref: {reference}\n{extra}  fields:\n{fields}"),
        );
        for (name, text) in versions {
            b.write(&format!("{DIR}/{name}"), text);
        }
        b
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let p: PathBuf = self.root().join(rel);
        fs::create_dir_all(p.parent().expect("a parent")).expect("create folders");
        fs::write(p, text).expect("write a fixture file");
    }

    fn check(&self) -> Vec<Diagnostic> {
        dacibook::load_and_check(self.root())
            .expect("the book loads")
            .diagnostics
    }
}

fn place(d: &Diagnostic) -> (String, usize, usize) {
    let l = d.location.as_ref().expect("a located diagnostic");
    (l.file.display().to_string(), l.line, l.column)
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// 1.1.0 with `count` removed.
fn without_count() -> String {
    V1_1_0.replace(
        "  count:\n    type: integer\n    maximum: 100\n    description: How many clicks.\n",
        "",
    )
}

#[test]
fn the_project_page_lists_the_versions_newest_first_with_what_each_changed() {
    let book = Book::new(
        "analytics/button_click/1.1.0",
        "",
        &[("1.0.0.yaml", V1_0_0), ("1.1.0.yaml", V1_1_0), ("2.0.0.yaml", V2_0_0)],
    );
    let loaded = dacibook::load_and_check(book.root()).expect("the book loads");
    // The new major version removes `label`, which the rule allows.
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded.diagnostics));

    // The history is the model's: the project's schema knows its versions.
    let model = loaded.book.expect("a book");
    let schema = model.projects[0].schema.as_ref().expect("a schema");
    let history = &schema
        .registry
        .as_ref()
        .expect("a registry schema")
        .resolved
        .as_ref()
        .expect("resolved")
        .history;
    let versions: Vec<(&str, bool)> = history.iter().map(|v| (v.version.as_str(), v.used)).collect();
    assert_eq!(versions, [("2.0.0", false), ("1.1.0", true), ("1.0.0", false)]);
    assert_eq!(history[1].file, Path::new(DIR).join("1.1.0.yaml"));

    let site = build_site(book.root());
    let doc = page(&site, "projects/clicks.html");
    let items: Vec<String> = select(&doc, ".schema-versions > li")
        .into_iter()
        .map(|li| text(li).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        items,
        [
            format!("2.0.0 {DIR}/2.0.0.yaml removed label: string"),
            format!(
                "1.1.0 (this record's schema) {DIR}/1.1.0.yaml changed count: maximum 10 → 100 added label: string"
            ),
            format!("1.0.0 {DIR}/1.0.0.yaml The first version."),
        ]
    );
}

#[test]
fn a_current_yaml_not_yet_materialized_is_the_newest_version() {
    let current = V1_1_0
        .replace("/1.1.0", "/1.2.0")
        .replace("required: [button]", "required: [button]\nexamples: []");
    let book = Book::new(
        "analytics/button_click/current",
        "",
        &[
            ("1.0.0.yaml", V1_0_0),
            ("1.1.0.yaml", V1_1_0),
            ("current.yaml", &current),
        ],
    );
    assert!(book.check().is_empty(), "{}", dump(&book.check()));
    let site = build_site(book.root());
    let doc = page(&site, "projects/clicks.html");
    let first = text(select(&doc, ".schema-versions > li")[0]);
    let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        first,
        format!("1.2.0 (this record's schema) {DIR}/current.yaml No field changed.")
    );
}

#[test]
fn a_field_removed_within_a_major_version_is_an_error_naming_the_field_and_both_versions() {
    let removed = without_count();
    let book = Book::new(
        "analytics/button_click/1.1.0",
        "",
        &[("1.0.0.yaml", V1_0_0), ("1.1.0.yaml", &removed)],
    );
    let diags = book.check();
    let d = one(&diags, "incompatible-change");
    assert_eq!(
        d.message,
        "analytics/button_click 1.1.0 is incompatible with 1.0.0: `count` was removed"
    );
    // At the newer file's `$id`, with the field in the older file as the related place.
    assert_eq!(place(d), (format!("{DIR}/1.1.0.yaml"), 2, 6));
    let related = &d.related[0].location;
    assert_eq!(
        (related.file.clone(), related.line, related.column),
        (Path::new(DIR).join("1.0.0.yaml"), 8, 3)
    );
    assert!(
        d.hint.as_deref().unwrap_or("").contains("incompatible-ok: { \"1.1.0\""),
        "{d:?}"
    );
    assert_eq!(errors(&diags).len(), 1, "{}", dump(&diags));
}

#[test]
fn a_changed_type_and_a_new_required_field_are_errors_at_their_lines() {
    let broken = V1_1_0
        .replace("  count:\n    type: integer", "  count:\n    type: number")
        .replace("required: [button]", "required: [button, label]");
    let book = Book::new(
        "analytics/button_click/1.1.0",
        "",
        &[("1.0.0.yaml", V1_0_0), ("1.1.0.yaml", &broken)],
    );
    let diags = book.check();
    let found: Vec<(String, (String, usize, usize))> = errors(&diags)
        .into_iter()
        .map(|d| (d.message.clone(), place(d)))
        .collect();
    let file = format!("{DIR}/1.1.0.yaml");
    assert_eq!(
        found,
        [
            (
                "analytics/button_click 1.1.0 is incompatible with 1.0.0: `count` changed type from `integer` to `number`".to_string(),
                (file.clone(), 8, 3)
            ),
            (
                "analytics/button_click 1.1.0 is incompatible with 1.0.0: `label` is a new required field".to_string(),
                (file, 12, 3)
            ),
        ],
        "{}",
        dump(&diags)
    );
}

#[test]
fn a_record_accepts_an_incompatible_version_with_a_reason_and_not_without_one() {
    let removed = without_count();
    let files: [(&str, &str); 2] = [("1.0.0.yaml", V1_0_0), ("1.1.0.yaml", &removed)];
    let accepted = Book::new(
        "analytics/button_click/1.1.0",
        "  incompatible-ok:\n    \"1.1.0\": No client ever sent count.\n",
        &files,
    );
    let diags = accepted.check();
    assert!(diags.is_empty(), "{}", dump(&diags));
    // The page says the change was accepted, and why.
    let doc = page(&build_site(accepted.root()), "projects/clicks.html");
    let newest = text(select(&doc, ".schema-versions > li")[0]);
    assert!(
        newest.contains("Incompatible change accepted by this record:")
            && newest.contains("No client ever sent count."),
        "{newest}"
    );

    let empty = Book::new(
        "analytics/button_click/1.1.0",
        "  incompatible-ok:\n    \"1.1.0\": \"\"\n",
        &files,
    );
    let diags = empty.check();
    let d = one(&diags, "empty-reason");
    assert_eq!(
        d.message,
        "`incompatible-ok` accepts version `1.1.0` without saying why"
    );
    assert_eq!(place(d), ("content/projects/clicks.yaml".to_string(), 6, 14));
    one(&diags, "incompatible-change");

    let needless = Book::new(
        "analytics/button_click/1.1.0",
        "  incompatible-ok:\n    \"1.1.0\": No client ever sent count.\n    \"1.0.0\": Nothing.\n    \"3.0.0\": Nothing.\n",
        &files,
    );
    let diags = needless.check();
    assert!(errors(&diags).is_empty(), "{}", dump(&diags));
    let messages: Vec<(&str, usize)> = diags.iter().map(|d| (d.message.as_str(), place(d).1)).collect();
    assert_eq!(
        messages,
        [
            ("`incompatible-ok` accepts version `1.0.0` of `analytics/button_click/1.1.0`, which makes no incompatible change", 7),
            ("`incompatible-ok` accepts version `3.0.0` of `analytics/button_click/1.1.0`, which is not a version of it in the registry (it has 1.1.0, 1.0.0)", 8),
        ]
    );
    assert!(diags
        .iter()
        .all(|d| d.code == "needless-waiver" && d.severity == Severity::Warning));
}

#[test]
fn an_inline_schema_cannot_accept_incompatible_versions() {
    let book = Book::new("analytics/button_click/1.0.0", "", &[("1.0.0.yaml", V1_0_0)]);
    book.write(
        "content/projects/inline.yaml",
        "title: Inline\nstatus: proposed\nschema:\n  name: Inline\n  incompatible-ok:\n    \"1.1.0\": Why.\n",
    );
    let diags = book.check();
    let d = errors(&diags)[0];
    assert!(
        d.message.contains(
            "`incompatible-ok` accepts incompatible changes between versions of a registry schema: it goes with `ref`"
        ),
        "{}",
        dump(&diags)
    );
}

#[test]
fn the_registry_skip_list_turns_the_compatibility_check_off_for_matching_schemas() {
    let removed = without_count();
    let files: [(&str, &str); 2] = [("1.0.0.yaml", V1_0_0), ("1.1.0.yaml", &removed)];
    let book = Book::new("analytics/button_click/1.1.0", "", &files);
    book.write(
        "registry/.jsonschema-tools.yaml",
        "skipSchemaTestCases:\n  ^/analytics/button_click/.*:\n    - schema-version-compatibility\n",
    );
    assert!(book.check().is_empty(), "{}", dump(&book.check()));
    // A pattern for other schemas leaves this one checked.
    book.write(
        "registry/.jsonschema-tools.yaml",
        "skipSchemaTestCases:\n  ^/analytics/other/.*:\n    - schema-version-compatibility\n",
    );
    one(&book.check(), "incompatible-change");
}

/// This repository's book: its search project names the sample registry's `current.yaml`,
/// whose fields, allow-list decisions and versions show on its page, and no file of the
/// registry is published.
#[test]
fn the_repository_book_shows_its_registry_schema_and_publishes_none_of_the_registry() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let diags = dacibook::load_and_check(repo).expect("the book loads").diagnostics;
    assert!(diags.is_empty(), "{}", dump(&diags));
    let site = build_site(repo);
    let leaked: Vec<&String> = site
        .files
        .keys()
        .filter(|k| k.contains("registry") || k.ends_with(".yaml") || k.contains("jsonschema-tools"))
        .collect();
    assert!(leaked.is_empty(), "published registry files: {leaked:?}");

    let doc = page(&site, "projects/search-autocomplete-satisfaction.html");
    let row = |id: &str| {
        let found = select(&doc, &format!("[id='field-{id}']"));
        text(*found.first().unwrap_or_else(|| panic!("field {id} is listed")))
    };
    assert!(row("event.searchToken").contains("kept hashed (allow-listed)"));
    assert!(row("event.queryText").contains("purged after 30 days"));
    assert!(row("meta.stream").contains("from fragment/common/1.0.0"));
    assert!(row("http.request_headers.*").contains("values of the map `http.request_headers`"));
    let versions: Vec<String> = select(&doc, ".schema-versions > li > code")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(versions, ["1.2.0", "1.1.0", "1.0.0"]);
    let accepted = text(select(&doc, "#version-1\\.1\\.0")[0]);
    assert!(
        accepted.contains("Incompatible change accepted by this record"),
        "{accepted}"
    );
}
