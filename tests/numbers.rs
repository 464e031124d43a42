//! Numbers that grow with the book are printed with thousands separators.

mod common;

use common::site::{build_site, page, select};
use common::{Book, SEARCH_CLICKS};

#[test]
fn counts_past_a_thousand_have_thousands_separators() {
    let book = Book::valid();
    let mut record = SEARCH_CLICKS.to_string();
    for i in 0..1_200 {
        record.push_str(&format!(
            "    - name: extra_{i:04}\n      type: string\n      description: Extra field {i}.\n      sensitivity: public\n"
        ));
    }
    book.write("content/projects/search-clicks.yaml", &record);
    let site = build_site(book.root());

    let dictionary = page(&site, "dictionary.html");
    let lede: String = select(&dictionary, "main p.lead")[0].text().collect();
    // 1,200 extra fields, position and page_id here, and reading-depth's fields.
    assert!(lede.contains("fields in 2 schemas"), "{lede}");
    assert!(lede.contains("1,2"), "a separator in {lede}");
    assert!(!lede.contains("120"), "no number without its separator in {lede}");

    let home = page(&site, "index.html");
    let stats: Vec<String> = select(&home, ".stat-n").iter().map(|e| e.text().collect()).collect();
    assert!(stats.iter().any(|s| s.starts_with("1,2") && s.len() == 5), "{stats:?}");

    let project = page(&site, "projects/search-clicks.html");
    let heading: String = select(&project, "#data-dictionary")[0].text().collect();
    assert!(heading.contains("(1,202 fields)"), "{heading}");
}
