//! Helpers of the `check_rules_*` tests: a book with one project or process file of the
//! test's own, and an assertion on a diagnostic's related place.

use super::{dump, Book};
use dacibook::diagnostic::Diagnostic;
use std::path::Path;

pub const X: &str = "content/projects/x.yaml";
pub const P: &str = "content/process.yaml";

/// The fixture's process plus one project file `x.yaml` (and no other project).
pub fn with_project(text: &str) -> (Book, Vec<Diagnostic>) {
    let book = Book::process_only();
    book.write(X, text);
    let diags = book.check();
    (book, diags)
}

/// Only book.toml and the given process file.
pub fn with_process(text: &str) -> (Book, Vec<Diagnostic>) {
    let book = Book::bare();
    book.write(P, text);
    let diags = book.check();
    (book, diags)
}

pub fn related_at(d: &Diagnostic, file: &str, line: usize, column: usize, message: &str) {
    assert_eq!(
        d.related.len(),
        1,
        "one related place: {}",
        dump(std::slice::from_ref(d))
    );
    let r = &d.related[0];
    assert_eq!(r.location.file, Path::new(file), "{}", dump(std::slice::from_ref(d)));
    assert_eq!(
        (r.location.line, r.location.column),
        (line, column),
        "related place: {}",
        dump(std::slice::from_ref(d))
    );
    assert_eq!(r.message, message);
}
