//! The build session's incremental updates (what `serve` uses) give exactly the site a full
//! build of the same files gives.

mod common;

use common::Book;
use dacibook::build::{build_in_memory, Session, Update};
use std::path::Path;

fn full_site(root: &Path) -> std::collections::BTreeMap<String, dacibook::site::Bytes> {
    build_in_memory(root)
        .unwrap()
        .site
        .expect("the edited book builds")
        .files
}

#[test]
fn editing_a_record_rebuilds_incrementally_and_matches_a_full_build() {
    let book = Book::valid();
    let mut session = Session::start(book.root()).unwrap();
    assert!(session.built.site.is_some());
    let record = "content/projects/reading-depth.yaml";
    book.patch(record, "title: Reading depth\n", "title: Reading depth (v2)\n");
    let how = session.update(&[book.root().join(record)]).unwrap();
    assert_eq!(how, Update::Incremental);
    let site = session.built.site.as_ref().expect("builds");
    assert_eq!(site.files, full_site(book.root()));
}

#[test]
fn an_edit_that_moves_a_warning_onto_another_record_s_page_matches_a_full_build() {
    let book = Book::valid();
    let mut session = Session::start(book.root()).unwrap();
    // `page_id` is shared by both schemas; a new description in one makes the dictionary
    // cross-check warn, and the warning lands on the page of the later record.
    let record = "content/projects/reading-depth.yaml";
    book.patch(
        record,
        "      description: The page's id on the wiki.\n",
        "      description: The id of the page.\n",
    );
    let how = session.update(&[book.root().join(record)]).unwrap();
    assert_eq!(how, Update::Incremental);
    assert!(session
        .built
        .diagnostics()
        .iter()
        .any(|d| d.code == "dictionary-conflict"));
    let site = session.built.site.as_ref().expect("a warning does not stop the build");
    assert_eq!(site.files, full_site(book.root()));
}

#[test]
fn a_broken_edit_fails_and_the_fix_builds_again() {
    let book = Book::valid();
    let mut session = Session::start(book.root()).unwrap();
    let record = "content/projects/reading-depth.yaml";
    book.patch(record, "status: active\n", "status: activ\n");
    session.update(&[book.root().join(record)]).unwrap();
    assert!(session.built.site.is_none());
    assert!(session.built.diagnostics().iter().any(|d| d.code == "unknown-value"));
    book.patch(record, "status: activ\n", "status: active\n");
    session.update(&[book.root().join(record)]).unwrap();
    assert_eq!(
        session.built.site.as_ref().expect("fixed").files,
        full_site(book.root())
    );
}

#[test]
fn other_changes_rebuild_everything() {
    let book = Book::valid();
    let mut session = Session::start(book.root()).unwrap();
    book.patch(
        "content/about.md",
        "This book is a fixture.",
        "This book is a test fixture.",
    );
    let how = session.update(&[book.root().join("content/about.md")]).unwrap();
    assert_eq!(how, Update::Full);
    assert_eq!(session.built.site.as_ref().unwrap().files, full_site(book.root()));
}
