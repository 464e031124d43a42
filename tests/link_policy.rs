//! Links are what they look like: a page whose name would make its links read as a URL scheme
//! is refused, every link the site writes to its own pages is plain relative, and a
//! protocol-relative `//host` link is refused in records and pages alike.

mod common;

use common::site::*;
use common::{assert_diag, dump, with_code, Book, Expect};
use dacibook::diagnostic::Severity;

/// Every `href` and `src` of every HTML page, and every path in the search index.
fn every_link(site: &dacibook::site::Site) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in html_paths(site) {
        let doc = page(site, path);
        for el in select(&doc, "[href], [src]") {
            for name in ["href", "src"] {
                if let Some(v) = el.value().attr(name) {
                    out.push((path.to_string(), v.to_string()));
                }
            }
        }
    }
    let index = file_text(site, "search-index.js");
    let json = index
        .split_once('=')
        .map(|(_, j)| j.trim().trim_end_matches(';'))
        .unwrap_or_else(|| panic!("the search index is `window.X = …;`: {index}"));
    let value: serde_json::Value = serde_json::from_str(json).expect("the search index is JSON");
    // Each document is `[kind, title, url, snippet, text]`.
    let docs = value["docs"].as_array().expect("the index has its documents");
    for doc in docs {
        out.push(("search-index.js".into(), doc[2].as_str().expect("a url").to_string()));
    }
    out
}

#[test]
fn a_page_name_with_a_colon_is_refused_at_the_page_and_nothing_is_built() {
    let book = Book::valid();
    book.write("content/javascript:alert(1).md", "# Click me\n");
    let diags = book.check();
    assert_diag(
        common::one(&diags, "colon-in-page-name"),
        Expect {
            code: "colon-in-page-name",
            severity: Severity::Error,
            message: "the page `javascript:alert(1).md` has a `:` in its name, so a link to \
                      `javascript:alert(1).html` can read as a URL scheme",
            file: "content/javascript:alert(1).md",
            line: 1,
            column: 1,
            hint: Some(
                "rename it without `:`, for example `javascript-alert(1).md` (Windows cannot hold such a name either)",
            ),
        },
    );
    assert!(build(book.root()).site.is_none(), "a site was built");
    // The same for a folder, whatever the depth.
    let book = Book::valid();
    book.write("content/notes:x/a.md", "# A\n");
    let diags = book.check();
    let d = common::one(&diags, "colon-in-page-name");
    assert_eq!(
        d.message,
        "the page `notes:x/a.md` has a `:` in its name, so a link to `notes:x/a.html` can read as a URL scheme"
    );
}

#[test]
fn every_link_the_site_writes_to_its_pages_is_plain_relative_or_web() {
    let book = Book::valid();
    book.write("content/guide/intro.md", "# Intro\n\n[Back](../about.md)\n");
    book.write("content/guide/deep/more.md", "# More\n\n[Up](../intro.md)\n");
    // More pages than the navigation lists, so the list of every page is made too.
    for n in 0..24 {
        book.write(&format!("content/extra/p{n:02}.md"), &format!("# Page {n}\n"));
    }
    let site = build_site(book.root());
    assert!(site.files.contains_key("pages.html"));
    let links = every_link(&site);
    let has = |page: &str, link: &str| links.iter().any(|(p, l)| p == page && l == link);
    assert!(
        has("pages.html", "guide/intro.html"),
        "pages.html does not list guide/intro.html"
    );
    assert!(
        has("index.html", "about.html"),
        "the home page's navigation has no about.html"
    );
    assert!(
        has("search-index.js", "guide/deep/more.html"),
        "the search index lacks guide/deep/more.html"
    );
    for (page, link) in &links {
        let s = scheme(link);
        assert!(
            s.is_none() || matches!(s.as_deref(), Some("http" | "https" | "mailto")),
            "{page} links to {link:?}"
        );
        assert!(!link.starts_with("//"), "{page} links to {link:?}");
    }
}

const PROTOCOL_RELATIVE_HINT: &str =
    "write it in full, `https://cdn.example/x`: a `//` link breaks when the site is opened from disk";

#[test]
fn a_protocol_relative_link_is_refused_in_pages_and_records_alike() {
    let book = Book::valid();
    book.write("content/guide.md", "# Guide\n\nSee [the CDN](//cdn.example/x) now.\n");
    book.patch(
        "content/projects/reading-depth.yaml",
        "summary: Measures how far readers scroll.",
        "summary: \"See [the CDN](//cdn.example/x) now.\"",
    );
    let diags = book.check();
    let refused = with_code(&diags, "refused-link");
    assert_eq!(refused.len(), 2, "{}", dump(&diags));
    assert_diag(
        refused[0],
        Expect {
            code: "refused-link",
            severity: Severity::Warning,
            message: "the protocol-relative link `//cdn.example/x` is refused; only its text is shown",
            file: "content/guide.md",
            line: 3,
            column: 5,
            hint: Some(PROTOCOL_RELATIVE_HINT),
        },
    );
    assert_diag(
        refused[1],
        Expect {
            code: "refused-link",
            severity: Severity::Warning,
            message: "the protocol-relative link `//cdn.example/x` in the summary is refused; only its text is shown",
            file: "content/projects/reading-depth.yaml",
            line: 2,
            column: 10,
            hint: Some(PROTOCOL_RELATIVE_HINT),
        },
    );
    assert!(with_code(&diags, "broken-link").is_empty(), "{}", dump(&diags));
    let site = build_site(book.root());
    for path in ["guide.html", "projects/reading-depth.html"] {
        let doc = page(&site, path);
        let main = select_one(&doc, "main");
        assert!(all(main, "a[href*=cdn]").is_empty(), "{path}: {}", main.html());
        assert!(text(main).contains("See the CDN now."), "{path}: {}", text(main));
    }
}

#[test]
fn a_script_link_in_a_page_is_refused_with_a_warning_as_in_records() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "# Guide\n\n[Run](javascript:alert(1)) ![pic](data:image/png,x)\n",
    );
    let diags = book.check();
    let refused = with_code(&diags, "refused-link");
    let seen: Vec<(&str, usize, usize)> = refused
        .iter()
        .map(|d| {
            let l = d.location.as_ref().expect("located");
            (d.message.as_str(), l.line, l.column)
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("the `javascript:` link is refused; only its text is shown", 3, 1),
            ("the `data:` link is refused; only its text is shown", 3, 28),
        ],
        "{}",
        dump(&diags)
    );
    assert_eq!(
        refused[0].hint.as_deref(),
        Some("links must be https://, http://, mailto: or relative to the page")
    );
}
