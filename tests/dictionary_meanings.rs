//! The data dictionary agrees with itself: uses of a name that differ only in their example
//! (or retention) are one meaning, with each use's example listed inside it.

mod common;

use common::site::{build_site, page, select};
use common::Book;

#[test]
fn uses_differing_only_by_example_are_one_meaning_listing_each_example() {
    let book = Book::valid();
    // Both fixture schemas have page_id with one type and description; give them two examples.
    book.patch(
        "content/projects/search-clicks.yaml",
        "      description: The page's id on the wiki.\n      sensitivity: public\n",
        "      description: The page's id on the wiki.\n      minimum: 1\n      example: 7\n      sensitivity: public\n",
    );
    let site = build_site(book.root());
    let dictionary = page(&site, "dictionary/p.html");
    let entry = select(&dictionary, "section.entry[data-field=page_id]");
    assert_eq!(entry.len(), 1);
    let definitions = select(&dictionary, "section.entry[data-field=page_id] .definition");
    assert_eq!(definitions.len(), 1, "one meaning, not 'Meaning 1 of 2'");
    let uses: Vec<String> = select(&dictionary, "section.entry[data-field=page_id] .uses li")
        .iter()
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(uses.len(), 2, "{uses:?}");
    assert!(uses.iter().any(|u| u.contains("example 42")), "{uses:?}");
    assert!(uses.iter().any(|u| u.contains("example 7")), "{uses:?}");
    let facts: String = select(&dictionary, "section.entry[data-field=page_id] .def-facts")[0]
        .text()
        .collect();
    assert!(
        !facts.contains("Example"),
        "no shared example when they differ: {facts}"
    );
    let banner: String = select(&page(&site, "dictionary.html"), ".ok-summary")[0]
        .text()
        .collect();
    assert!(banner.contains("one type and one description"), "{banner}");
}

#[test]
fn a_shared_example_is_shown_once_for_the_meaning() {
    let book = Book::valid();
    book.patch(
        "content/projects/search-clicks.yaml",
        "      description: The page's id on the wiki.\n      sensitivity: public\n",
        "      description: The page's id on the wiki.\n      minimum: 1\n      example: 42\n      sensitivity: public\n",
    );
    let site = build_site(book.root());
    let dictionary = page(&site, "dictionary/p.html");
    let facts: String = select(&dictionary, "section.entry[data-field=page_id] .def-facts")[0]
        .text()
        .collect();
    assert!(facts.contains("Example") && facts.contains("42"), "{facts}");
    for li in select(&dictionary, "section.entry[data-field=page_id] .uses li") {
        assert!(
            !li.text().collect::<String>().contains("example"),
            "not repeated per use"
        );
    }
}
