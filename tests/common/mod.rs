//! Shared fixture for the `check` integration tests: a small, valid book in a temporary folder
//! that each test breaks in exactly one place.
//!
//! The fixture's YAML is written out literally so a test can count lines. Tests that break a
//! project or page usually write a whole small file of their own, so the line and column of the
//! broken value can be read straight off the test.

// Each integration test binary compiles this module and uses a different part of it.
#![allow(dead_code)]

pub mod browser;
pub mod filter_book;
pub mod rules;
pub mod site;

use dacibook::diagnostic::Diagnostic;
use dacibook::Severity;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const BOOK_TOML: &str = "\
[book]
title = \"Test book\"
description = \"A fixture for the integration tests\"
";

/// The fixture's process: decide-metrics (approver waived), specification, data-dictionary
/// (not required) and privacy-review (7 business days' notice to legal-privacy), in that order.
pub const PROCESS: &str = "\
name: Test process
description: A small process for tests.
codes:
  - id: D
    name: Driver
    duty: drive
  - id: A
    name: Approver
    duty: approve
  - id: C
    name: Contributor
    duty: contribute
  - id: I
    name: Informed
    duty: inform
roles:
  - id: product-manager
    name: Product Manager
    short: PM
  - id: data-analyst
    name: Data Analyst
    short: DA
  - id: legal-privacy
    name: Legal / Privacy
  - id: software-engineer
    name: Software Engineer
activities:
  - id: decide-metrics
    name: Decide metrics needs
    assignments:
      product-manager: D
      data-analyst: I
    waivers:
      A: Management gives its OK informally.
    checklist:
      - id: need-written-down
        text: The need is written down.
      - id: ticket-opened
        text: A ticket exists.
  - id: specification
    name: Write the specification
    prerequisites: [decide-metrics]
    assignments:
      data-analyst: D
      product-manager: A
      software-engineer: C
    checklist:
      - id: fields-defined
        text: Every field is defined.
      - id: queries-written
        text: The queries are written first.
  - id: data-dictionary
    name: Add the fields to the data dictionary
    required: false
    prerequisites: [specification]
    assignments:
      data-analyst: D
      product-manager: A
      software-engineer: I
    checklist:
      - id: fields-added
        text: Every field is in the data dictionary.
  - id: privacy-review
    name: Privacy review
    prerequisites: [specification]
    assignments:
      product-manager: D
      legal-privacy: A
      data-analyst: C
    notice:
      business-days: 7
      to: legal-privacy
      what: Email privacy@ about the review date.
    checklist:
      - id: notice-sent
        text: Legal/Privacy was told in time.
";

/// A project two stages in: decide-metrics (waived approver) and specification done, the
/// privacy review booked with notice given exactly 7 business days ahead.
pub const READING_DEPTH: &str = "\
title: Reading depth
summary: Measures how far readers scroll.
status: active
team: Web
links:
  ticket: https://phabricator.example.org/T123
  other:
    - title: Design document
      url: https://example.org/design
people:
  product-manager:
    - name: Jane Doe
      handle: jdoe
      email: jdoe@example.org
  data-analyst:
    - name: Priya Raman
  legal-privacy:
    - name: Harriet Quigley
stages:
  decide-metrics:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
    checked: [need-written-down, ticket-opened]
  specification:
    status: done
    started: 2026-01-12
    finished: 2026-01-30
    sign-off:
      by: Jane Doe
      on: 2026-01-30
    checked: [fields-defined, queries-written]
  privacy-review:
    status: in-progress
    started: 2026-11-02
    notice-sent: 2026-11-02
    scheduled: 2026-11-11
schema:
  name: ReadingDepth
  version: 2
  description: One event per scroll milestone.
  sampling:
    rate: 0.1
    unit: session
  retention:
    purge-after-days: 90
    allow-list: [page_id, max_depth]
  fields:
    - name: page_id
      type: integer
      description: The page's id on the wiki.
      required: true
      minimum: 1
      example: 42
      sensitivity: public
    - name: max_depth
      type: number
      description: The deepest scroll position reached, from 0 to 1.
      minimum: 0
      maximum: 1
      example: 0.5
      sensitivity: internal
    - name: session_token
      type: string
      description: A random token for the reading session.
      pattern: '^[0-9a-f]{20}$'
      example: 0123456789abcdef0123
      sensitivity: personal
    - name: skin
      type: string
      description: The skin the page was shown in.
      enum: [vector, minerva]
      example: vector
      sensitivity: public
dashboards:
  - name: Reading depth (Superset)
    url: https://superset.example.org/dashboard/12
";

/// A proposed project whose schema shares `page_id` with reading-depth, with the same type and
/// description (so the data dictionary cross-check has a clean match to look at).
pub const SEARCH_CLICKS: &str = "\
title: Search clicks
status: proposed
people:
  product-manager:
    - name: Sam Lee
stages:
  decide-metrics:
    status: in-progress
    started: 2026-02-02
schema:
  name: SearchClick
  fields:
    - name: page_id
      type: integer
      description: The page's id on the wiki.
      sensitivity: public
    - name: position
      type: integer
      description: The 1-based rank of the clicked result.
      minimum: 1
      sensitivity: public
";

pub const ABOUT_MD: &str = "\
---
title: About
order: 1
---

# About

This book is a fixture.
";

/// A book in a temporary folder. Dropping it removes the folder.
pub struct Book {
    dir: TempDir,
}

impl Book {
    /// The full, valid fixture book.
    pub fn valid() -> Book {
        let book = Book::bare();
        book.write("content/process.yaml", PROCESS);
        book.write("content/projects/reading-depth.yaml", READING_DEPTH);
        book.write("content/projects/search-clicks.yaml", SEARCH_CLICKS);
        book.write("content/about.md", ABOUT_MD);
        book
    }

    /// The fixture's book.toml and process, but no projects or pages.
    pub fn process_only() -> Book {
        let book = Book::bare();
        book.write("content/process.yaml", PROCESS);
        book
    }

    /// Only book.toml.
    pub fn bare() -> Book {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let book = Book { dir };
        book.write("book.toml", BOOK_TOML);
        book
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes (or overwrites) a file relative to the book root, creating folders as needed.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, bytes).expect("write a fixture file");
    }

    /// Replaces the one occurrence of `from` in a file with `to` (panics unless there is exactly one).
    pub fn patch(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(rel)).expect("read a fixture file");
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur exactly once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).expect("remove a fixture file");
    }

    /// Loads and checks the book; the diagnostics, sorted by place.
    pub fn check(&self) -> Vec<Diagnostic> {
        dacibook::load_and_check(self.root())
            .expect("the book loads (book.toml exists)")
            .diagnostics
    }
}

/// Every diagnostic, one per line, for assertion messages.
pub fn dump(diags: &[Diagnostic]) -> String {
    if diags.is_empty() {
        return "(no diagnostics)".to_string();
    }
    diags
        .iter()
        .map(|d| {
            let at = d.location.as_ref().map_or("-".to_string(), |l| {
                format!("{}:{}:{}", l.file.display(), l.line, l.column)
            });
            format!(
                "{:?}[{}] {at}: {} (hint: {:?}; related: {:?})",
                d.severity, d.code, d.message, d.hint, d.related
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The diagnostics with rule `code`.
pub fn with_code<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

/// The one diagnostic of the run; fails (listing them all) if there is not exactly one.
pub fn only(diags: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(diags.len(), 1, "expected exactly one diagnostic, got:\n{}", dump(diags));
    &diags[0]
}

/// The one diagnostic with rule `code`; fails (listing them all) if there is not exactly one.
pub fn one<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found = with_code(diags, code);
    assert_eq!(found.len(), 1, "expected exactly one `{code}`, got:\n{}", dump(diags));
    found[0]
}

/// What a test expects of a diagnostic. `message` and `hint` are substrings unless noted.
pub struct Expect<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    /// The exact hint, or `None` when there must be none.
    pub hint: Option<&'a str>,
}

/// Asserts code, severity, message (substring), file, line, column and the exact hint.
pub fn assert_diag(d: &Diagnostic, e: Expect) {
    let all = format!("diagnostic: {}", dump(std::slice::from_ref(d)));
    assert_eq!(d.code, e.code, "{all}");
    assert_eq!(d.severity, e.severity, "{all}");
    assert!(
        d.message.contains(e.message),
        "message should contain {:?}; {all}",
        e.message
    );
    let loc = d.location.as_ref().unwrap_or_else(|| panic!("no location; {all}"));
    assert_eq!(loc.file, Path::new(e.file), "{all}");
    assert_eq!((loc.line, loc.column), (e.line, e.column), "line and column; {all}");
    assert_eq!(d.hint.as_deref(), e.hint, "{all}");
}

/// The text a location underlines, read from the book on disk (BOM removed).
pub fn underlined(book: &Book, d: &Diagnostic) -> String {
    let loc = d.location.as_ref().expect("a location");
    let text = fs::read_to_string(book.root().join(&loc.file)).expect("read the file");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text[loc.bytes.clone()].to_string()
}
