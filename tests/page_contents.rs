//! A long Markdown page gets a contents list under its title, linking every second- and
//! third-level heading; a short one does not. Heading ids never take the template's own ids.

mod common;

use common::site::{attr, build_site, page, select};
use common::Book;

#[test]
fn a_long_page_lists_its_sections_under_its_title_and_a_short_one_does_not() {
    let book = Book::valid();
    book.write(
        "content/handbook.md",
        "# Handbook\n\nIntro.\n\n## Setup\n\nText.\n\n### On a laptop\n\nText.\n\n## Writing\n\nText.\n\n\
         ## Search\n\nA heading named like the template's search box.\n\n## Publishing\n\nText.\n",
    );
    book.write("content/short.md", "# Short\n\n## One\n\n## Two\n");
    let site = build_site(book.root());

    let long = page(&site, "handbook.html");
    let article = select(&long, "article.page > *");
    assert_eq!(article[0].value().name(), "h1", "the title comes first");
    assert_eq!(article[1].value().attr("class"), Some("page-toc"), "then the contents");
    let links: Vec<(String, String)> = select(&long, ".page-toc a")
        .iter()
        .map(|a| (attr(*a, "href").to_string(), a.text().collect()))
        .collect();
    let expected = [
        ("#setup", "Setup"),
        ("#on-a-laptop", "On a laptop"),
        ("#writing", "Writing"),
        ("#search-1", "Search"),
        ("#publishing", "Publishing"),
    ];
    assert_eq!(
        links,
        expected.map(|(h, t)| (h.to_string(), t.to_string())).to_vec(),
        "every section, in order; the heading `Search` does not take the search box's id"
    );
    for (href, _) in &links {
        assert_eq!(select(&long, href).len(), 1, "{href} is on the page once");
    }
    assert_eq!(select(&long, "#search").len(), 1);
    assert_eq!(select(&long, ".page-toc .toc-3").len(), 1);

    let short = page(&site, "short.html");
    assert!(
        select(&short, ".page-toc").is_empty(),
        "two sections need no contents list"
    );
}
