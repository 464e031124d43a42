//! Paths stay in the book: every path of book.toml resolves inside the book's folder (else a
//! located error, and nothing is read from it), the build folder is never read back as
//! content, hidden files and tools' folders are never published, and symbolic links are
//! followed only inside the book.

mod common;

use common::Book;
use serde_json::Value;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");

/// One diagnostic of `check --format json`: code, file, line, column, message.
type Found = (String, String, u64, u64, String);

/// `check --format json`: the exit code and each diagnostic.
fn check(root: &Path) -> (i32, Vec<Found>) {
    let out = Command::new(BIN)
        .args(["check", root.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let found = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), found)
}

/// Builds into `<root>/book`; the exit code and stderr.
fn build(root: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .args(["build", root.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file of the built site, relative to it.
fn site_files(site: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![site.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p.strip_prefix(site).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

fn with_content_key(book: &Book, key_line: &str) {
    book.patch("book.toml", "[book]", &format!("[content]\n{key_line}\n\n[book]"));
}

#[test]
fn a_book_toml_path_outside_the_book_is_an_error_at_its_key_and_nothing_is_read() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("private.key"), "-----BEGIN PRIVATE KEY-----").unwrap();
    fs::write(outside.path().join("secret.md"), "# Secret\n").unwrap();
    let abs = outside.path().display().to_string();
    for (key_line, key) in [
        (format!("pages = \"{abs}\""), "pages"),
        ("pages = \"..\"".to_string(), "pages"),
        ("pages = \"content/../../x\"".to_string(), "pages"),
        ("process = \"../process.yaml\"".to_string(), "process"),
        (format!("projects = \"{abs}\""), "projects"),
    ] {
        let book = Book::valid();
        with_content_key(&book, &key_line);
        let (code, found) = check(book.root());
        assert_eq!(code, 1, "{key_line}: {found:?}");
        assert_eq!(found.len(), 1, "{key_line}: only the path is reported: {found:?}");
        let (c, file, line, column, message) = &found[0];
        assert_eq!(
            (c.as_str(), file.as_str(), *line, *column),
            ("path-outside-book", "book.toml", 2, 1),
            "{key_line}"
        );
        assert!(
            message.contains(&format!("`{key}`")) && message.contains("outside the book"),
            "{message}"
        );
        let (code, _) = build(book.root(), &[]);
        assert_eq!(code, 1);
        assert!(!book.path("book").exists(), "{key_line}: nothing built");
    }
}

#[test]
fn the_theme_and_build_dir_stay_inside_too_and_pages_is_not_the_book_root() {
    let book = Book::valid();
    book.patch("book.toml", "[book]", "[output.html]\ntheme = \"/etc\"\n\n[book]");
    let (code, found) = check(book.root());
    assert_eq!(code, 1);
    assert_eq!((found[0].0.as_str(), found[0].2), ("path-outside-book", 2), "{found:?}");

    let book = Book::valid();
    book.patch("book.toml", "[book]", "[build]\nbuild-dir = \".\"\n\n[book]");
    let (_, found) = check(book.root());
    assert_eq!(found[0].0, "path-outside-book", "{found:?}");
    assert!(found[0].4.contains("it would replace the book"), "{}", found[0].4);

    let book = Book::valid();
    with_content_key(&book, "pages = \".\"");
    let (code, found) = check(book.root());
    assert_eq!(code, 1);
    assert!(
        found[0].4.contains("`pages` is the book's own folder"),
        "{}",
        found[0].4
    );
}

#[test]
fn a_pages_folder_that_is_a_link_out_of_the_book_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("private.key"), "secret").unwrap();
    let book = Book::valid();
    symlink(outside.path(), book.path("docs")).unwrap();
    with_content_key(&book, "pages = \"docs\"");
    let (code, found) = check(book.root());
    assert_eq!(code, 1);
    assert_eq!(found[0].0, "path-outside-book");
    assert!(found[0].4.contains("through a symbolic link"), "{}", found[0].4);
}

#[test]
fn links_leaving_the_book_are_not_followed_and_links_inside_are_read() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("private.key"), "secret").unwrap();
    fs::create_dir(outside.path().join("etc")).unwrap();
    fs::write(outside.path().join("etc/passwd.txt"), "root").unwrap();
    let book = Book::valid();
    symlink(outside.path().join("private.key"), book.path("content/private.key")).unwrap();
    symlink(outside.path().join("etc"), book.path("content/etc")).unwrap();
    symlink(book.path("nowhere"), book.path("content/dangling.md")).unwrap();
    // A record kept elsewhere in the book and linked into the projects folder is read.
    let record = fs::read_to_string(book.path("content/projects/search-clicks.yaml")).unwrap();
    book.remove("content/projects/search-clicks.yaml");
    book.write("records/search-clicks.yaml", &record);
    symlink(
        book.path("records/search-clicks.yaml"),
        book.path("content/projects/search-clicks.yaml"),
    )
    .unwrap();
    // A folder linking to its parent does not loop.
    symlink(book.path("content"), book.path("content/again")).unwrap();

    let (code, found) = check(book.root());
    assert_eq!(code, 0, "{found:?}");
    let warnings: Vec<(&str, &str)> = found.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
    assert_eq!(
        warnings,
        vec![
            ("dangling-symlink", "content/dangling.md"),
            ("symlink-outside", "content/etc"),
            ("symlink-outside", "content/private.key"),
        ]
    );
    assert!(
        found[2].4.contains("outside the book; it is not read"),
        "{}",
        found[2].4
    );
    let (code, err) = build(book.root(), &[]);
    assert_eq!(code, 0, "{err}");
    let files = site_files(&book.path("book"));
    assert!(
        files.contains(&"projects/search-clicks.html".to_string()),
        "the linked record is a project"
    );
    for leaked in ["private.key", "etc/passwd.txt", "again/about.html"] {
        assert!(
            !files.iter().any(|f| f.ends_with(leaked)),
            "{leaked} published: {files:?}"
        );
    }
}

#[test]
fn hidden_files_and_tools_folders_are_never_published() {
    let book = Book::valid();
    book.write("content/.env", "TOKEN=secret");
    book.write("content/.well-known/security.txt", "x");
    book.write("content/.drafts/plan.md", "# Plan\n");
    book.write("content/node_modules/left-pad/index.js", "x");
    book.write("content/target/debug/x.txt", "x");
    book.write("content/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let (code, err) = build(book.root(), &[]);
    assert_eq!(code, 0, "{err}");
    let files = site_files(&book.path("book"));
    assert!(files.contains(&"img/logo.svg".to_string()), "{files:?}");
    for f in files.iter().filter(|f| *f != ".nojekyll") {
        // (.nojekyll is dacibook's own, for GitHub Pages.)
        assert!(
            !f.split('/')
                .any(|c| c.starts_with('.') || c == "node_modules" || c == "target"),
            "{f} published"
        );
    }
}

#[test]
fn the_build_folder_is_never_read_back_as_content() {
    // A build dir inside the pages folder is skipped by the loader: building twice gives the
    // same site.
    let book = Book::valid();
    book.patch(
        "book.toml",
        "[book]",
        "[build]\nbuild-dir = \"./content/site/\"\n\n[book]",
    );
    let (code, err) = build(book.root(), &[]);
    assert_eq!(code, 0, "{err}");
    let first = site_files(&book.path("content/site"));
    let (code, err) = build(book.root(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(site_files(&book.path("content/site")), first);

    // Another destination inside the pages folder would be read back: refused.
    let out = book.path("content/elsewhere");
    let (code, err) = build(book.root(), &["-d", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is inside the pages folder content"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_file_over_100_mb_in_the_pages_folder_is_refused_at_its_name_before_it_is_read() {
    let book = Book::valid();
    let limit = dacibook::load::MAX_ASSET_BYTES;
    // A sparse file: as long as the limit and one byte more, without writing 100 MB.
    let big = fs::File::create(book.path("content/video.mp4")).unwrap();
    big.set_len(limit + 1).unwrap();
    let (code, found) = check(book.root());
    assert_eq!(code, 1, "{found:?}");
    assert_eq!(
        found,
        [(
            "file-too-large".to_string(),
            "content/video.mp4".to_string(),
            1,
            1,
            format!(
                "content/video.mp4 is {} bytes, more than the {limit} bytes (100 MB) a published file may have",
                limit + 1
            )
        )]
    );
    // A small file of the same name is published.
    big.set_len(3).unwrap();
    let (code, found) = check(book.root());
    assert_eq!((code, found), (0, Vec::new()));
    assert_eq!(build(book.root(), &[]).0, 0);
    assert!(site_files(&book.path("book")).contains(&"video.mp4".to_string()));
}
