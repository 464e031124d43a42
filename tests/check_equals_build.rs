//! `check` is `build` without writing: on every fixture book, broken or not, the two commands
//! exit with the same code and print the same diagnostics, so a green `check` on a pull request
//! means the deploy builds.

mod common;

use common::Book;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Exit code and the diagnostics printed (stderr without the closing summary line).
fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN).args(args).env("NO_COLOR", "1").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut lines: Vec<&str> = stderr.lines().collect();
    lines.pop(); // "check passed/failed: …" or "built …" / "build failed: …"
    (out.status.code().unwrap_or(-1), lines.join("\n"))
}

/// Runs check and build on the book at `root`; asserts they agree; returns check's exit code
/// and diagnostics.
fn agree(name: &str, root: &Path) -> (i32, String) {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let check = run(&["check", root.to_str().unwrap()]);
    let build = run(&["build", root.to_str().unwrap(), "-d", dest.to_str().unwrap()]);
    assert_eq!(check, build, "{name}: check and build disagree");
    check
}

/// The broken books: each is the valid fixture book with one change that only the render or
/// the link check finds.
fn broken_books() -> Vec<(&'static str, Book, &'static str)> {
    let mut books = Vec::new();

    let b = Book::valid();
    b.write("content/guide.md", "# Guide\n\nSee [the missing page](missing.md).\n");
    books.push(("a Markdown link to a missing page", b, "broken-link"));

    let b = Book::valid();
    b.write(
        "content/guide.md",
        "# Guide\n\nSee [about](about.md#no-such-heading).\n",
    );
    books.push(("a Markdown link to a missing anchor", b, "broken-link"));

    let b = Book::valid();
    b.write(
        "content/guide.md",
        "# Guide\n\n<p><a href=\"nowhere.html\">raw</a></p>\n",
    );
    books.push(("a raw-HTML link to a missing page", b, "broken-link"));

    let b = Book::valid();
    let record = std::fs::read_to_string(b.path("content/projects/search-clicks.yaml")).unwrap();
    b.write("content/projects/search-clicks.yml", &record);
    books.push(("dup.yaml next to dup.yml", b, "path-clash"));

    let b = Book::valid();
    b.write("content/board.md", "# My board\n");
    books.push(("a page named like a generated one", b, "path-clash"));

    let b = Book::valid();
    b.patch("book.toml", "[book]", "[output.html]\ntheme = \"mytheme\"\n\n[book]");
    b.write("mytheme/templates/page.html", "{% if %}broken{% endif %}");
    books.push(("a theme template that does not compile", b, "template"));

    books
}

#[test]
fn check_and_build_agree_on_every_broken_book_and_both_fail() {
    for (name, book, code) in broken_books() {
        let (exit, diagnostics) = agree(name, book.root());
        assert_eq!(exit, 1, "{name}: both fail:\n{diagnostics}");
        assert!(
            diagnostics.contains(&format!("error[{code}]")),
            "{name}: reported as {code}:\n{diagnostics}"
        );
    }
}

#[test]
fn check_and_build_agree_on_every_valid_book_in_the_repository() {
    let mut books = vec![("this repository's book".to_string(), Path::new(REPO).to_path_buf())];
    for entry in std::fs::read_dir(Path::new(REPO).join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.join("book.toml").is_file() {
            books.push((
                format!("tests/fixtures/{}", path.file_name().unwrap().to_string_lossy()),
                path,
            ));
        }
    }
    assert!(books.len() >= 2, "{books:?}");
    let valid = Book::valid();
    books.push(("the valid fixture book".to_string(), valid.root().to_path_buf()));
    for (name, root) in &books {
        let (exit, diagnostics) = agree(name, root);
        assert_eq!(exit, 0, "{name}:\n{diagnostics}");
    }
}
