//! The format reference (content/formats.md) and the authoring guide (content/guide.md) can be
//! followed as written: the reference's full example is a book that passes `check` with nothing
//! to report and builds, and the guide covers what people write and links to the reference on
//! the site itself.

mod common;

use common::site::{attr, build_site, page, select};
use std::fs;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    fs::read_to_string(Path::new(REPO).join(rel)).unwrap()
}

/// The fenced blocks of a Markdown text as (language, body).
fn fenced(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(lang)) => current = Some((lang.trim().to_string(), String::new())),
            (Some(_), Some("")) => blocks.push(current.take().unwrap()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The block of `lang` whose first line starts with `first`.
fn block(blocks: &[(String, String)], lang: &str, first: &str) -> String {
    blocks
        .iter()
        .find(|(l, b)| l == lang && b.starts_with(first))
        .unwrap_or_else(|| panic!("formats.md has a ```{lang} block starting with `{first}`"))
        .1
        .clone()
}

#[test]
fn the_format_reference_example_is_a_book_that_checks_clean_and_builds() {
    let blocks = fenced(&read("content/formats.md"));
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("content/projects")).unwrap();
    fs::write(root.join("book.toml"), block(&blocks, "toml", "[book]")).unwrap();
    fs::write(root.join("content/process.yaml"), block(&blocks, "yaml", "name:")).unwrap();
    fs::write(
        root.join("content/projects/reading-depth.yaml"),
        block(&blocks, "yaml", "title:"),
    )
    .unwrap();
    // The front matter example is a page of its own.
    let front = block(&blocks, "markdown", "---");
    fs::write(root.join("content/guide.md"), &front).unwrap();

    let out = Command::new(BIN)
        .args(["check", root.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{json}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json.trim(), "", "the example draws no warning either");

    let site = build_site(root);
    let project = page(&site, "projects/reading-depth.html");
    let fields: Vec<String> = select(&project, "[id^='field-']")
        .iter()
        .map(|e| attr(*e, "id").to_string())
        .collect();
    for f in ["page_id", "wiki", "skin", "scroll_depth", "event_time"] {
        assert!(fields.iter().any(|id| id == &format!("field-{f}")), "{f} in {fields:?}");
    }
    let guide = page(&site, "guide.html");
    let title: String = select(&guide, "title")[0].text().collect();
    assert!(
        title.starts_with("Writing a project record"),
        "front matter title: {title}"
    );
}

/// The registry example of the format reference: book.toml's `[schemas]`, the record naming
/// `…/current`, the fragment it pulls from the other root and the allow-list, each a block
/// whose first line is a comment naming its file.
#[test]
fn the_format_reference_registry_example_checks_clean_and_lists_fields_by_path() {
    let blocks = fenced(&read("content/formats.md"));
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("content/projects")).unwrap();
    let book_toml = format!(
        "{}\n{}",
        block(&blocks, "toml", "[book]"),
        block(&blocks, "toml", "[schemas]")
    );
    fs::write(root.join("book.toml"), book_toml).unwrap();
    fs::write(root.join("content/process.yaml"), block(&blocks, "yaml", "name:")).unwrap();
    let mut files = Vec::new();
    for (lang, body) in &blocks {
        let Some(path) = body.lines().next().and_then(|l| l.strip_prefix("# ")) else {
            continue;
        };
        if lang == "yaml" && (path.starts_with("registry/") || path.starts_with("content/projects/")) {
            fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            fs::write(root.join(path), body).unwrap();
            files.push(path.to_string());
        }
    }
    assert_eq!(
        files.len(),
        4,
        "the record, two schema files and the allow-list: {files:?}"
    );

    let out = Command::new(BIN)
        .args(["check", root.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{json}");
    assert_eq!(json.trim(), "", "the example draws no warning either");

    let site = build_site(root);
    let project = page(&site, "projects/page-views.html");
    let rows: Vec<String> = select(&project, "[id^='field-']")
        .iter()
        // The row's cells, each cell's words, all separated by a space.
        .map(|e| {
            e.children()
                .filter_map(scraper::ElementRef::wrap)
                .flat_map(|cell| {
                    let words = cell.text().collect::<String>();
                    words.split_whitespace().map(str::to_string).collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
            .clone()
    };
    assert!(row("dt").contains("kept (allow-listed)"), "{}", row("dt"));
    assert!(
        row("meta.stream").contains("kept (allow-listed)"),
        "{}",
        row("meta.stream")
    );
    assert!(
        row("meta.stream").contains("from fragment/common/1.0.0"),
        "{}",
        row("meta.stream")
    );
    assert!(
        row("page_title").contains("kept hashed (allow-listed)"),
        "{}",
        row("page_title")
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
}

#[test]
fn the_guide_covers_links_queries_dashboards_notes_and_blocked_and_links_the_reference() {
    let guide = read("content/guide.md");
    let headings: Vec<&str> = guide.lines().filter(|l| l.starts_with("## ")).collect();
    for h in ["## Notes and blocked work", "## Links", "## Queries and dashboards"] {
        assert!(headings.contains(&h), "{h} in {headings:?}");
    }
    for key in ["status: blocked", "notes:", "queries:", "dashboards:", "links"] {
        assert!(guide.contains(key), "the guide shows `{key}`");
    }
    // On the built site the guide links to the reference, which is a page of the site.
    let site = build_site(Path::new(REPO));
    let built = page(&site, "guide.html");
    let links: Vec<&str> = select(&built, "main a[href]")
        .iter()
        .map(|a| attr(*a, "href"))
        .collect();
    assert!(links.contains(&"formats.html"), "{links:?}");
    let reference = page(&site, "formats.html");
    let h2: Vec<String> = select(&reference, "main h2")
        .iter()
        .map(|h| h.text().collect::<String>().trim_end_matches('#').to_string())
        .collect();
    for h in ["book.toml", "Markdown pages", "What each stage status requires"] {
        assert!(h2.iter().any(|t| t == h), "{h} in {h2:?}");
    }
}

#[test]
fn a_book_made_by_init_has_the_reference_its_guide_links_to() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("b");
    let out = Command::new(BIN)
        .args(["init", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(root.join("content/formats.md")).unwrap(),
        read("content/formats.md")
    );
    let site = build_site(&root);
    assert!(!select(&page(&site, "formats.html"), "main h1").is_empty());
}
