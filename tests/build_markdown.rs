//! `dacibook build`: Markdown, in pages (extensions, highlighting, harmless raw HTML, anchors,
//! the nav) and in records (links in them), and broken links reported where they were written.

mod common;

use common::site::*;
use common::{dump, Book};
use dacibook::site::Site;
use std::collections::BTreeSet;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// Markdown pages

const FEATURES_MD: &str = "\
---
title: Features
order: 5
---

# Features

| Name | Value |
|------|------:|
| alpha | 1 |
| beta | 2 |

- [x] a done task
- [ ] an open task

A claim with a footnote[^source] and ~~struck out~~ words.

[^source]: The footnote's text.

```sql
SELECT page_id, COUNT(*) FROM reading_depth WHERE max_depth > 0.5 GROUP BY 1;
```

## Second part {#custom-id}

## Notes

## Notes

<div class=\"raw-block\" id=\"raw-kept\"><em>raw HTML stays</em></div>

Links: [about](about.html#about), [part](#custom-id), [the matrix](matrix.html).
";

/// The fixture with four more pages: nav order 0, 1 (about), 3, 5 and one without an order.
fn book_with_pages() -> Book {
    let book = Book::valid();
    book.write("content/features.md", FEATURES_MD);
    book.write(
        "content/zz-first.md",
        "---\ntitle: First of all\norder: 0\n---\n\nHello.\n",
    );
    book.write("content/aa-last.md", "# Last page\n\nNo order, so it comes last.\n");
    book.write(
        "content/guide/deep.md",
        "---\ntitle: Deep\norder: 3\n---\n\n# Deep\n\nBack to [features](../features.html#custom-id).\n",
    );
    book
}

#[test]
fn markdown_pages_render_tables_tasks_footnotes_strikethrough_code_anchors_and_raw_html() {
    let book = book_with_pages();
    let site = build_site(book.root());
    let doc = page(&site, "features.html");
    let main = select_one(&doc, "main");

    assert_eq!(all(main, "h1").len(), 1, "the page's own h1 only");
    let table = one(main, "table");
    let heads: Vec<String> = all(table, "thead th").into_iter().map(text).collect();
    assert_eq!(heads, ["Name", "Value"]);
    assert_eq!(all(table, "tbody tr").len(), 2);

    let boxes = all(main, "li input[type=\"checkbox\"]");
    assert_eq!(boxes.len(), 2, "two task-list items");
    assert!(boxes[0].value().attr("checked").is_some());
    assert!(boxes[1].value().attr("checked").is_none());
    // Named by their items' text in the HTML itself, not by the theme's script.
    assert_eq!(attr(boxes[0], "aria-label"), "a done task");
    assert_eq!(attr(boxes[1], "aria-label"), "an open task");

    let struck = one(main, "del");
    assert_eq!(text(struck), "struck out");

    let reference = one(main, "sup a");
    let href = attr(reference, "href");
    let target = href.strip_prefix('#').expect("a footnote links within the page");
    let definition = select_one(&doc, &format!("[id=\"{target}\"]"));
    assert!(
        text(definition).contains("The footnote's text."),
        "{}",
        definition.html()
    );

    let code = one(main, "pre code");
    assert!(has_class(code, "language-sql"), "{}", code.html());
    let spans = all(code, "span");
    assert!(!spans.is_empty(), "the SQL is highlighted: {}", code.html());
    assert!(
        spans.iter().all(|s| s.value().classes().all(|c| c.starts_with("hl-"))),
        "highlight classes are prefixed with hl-"
    );
    assert!(
        spans
            .iter()
            .any(|s| has_class(*s, "hl-keyword") && text(*s).contains("SELECT")),
        "SELECT is marked as a keyword: {}",
        code.html()
    );
    assert_eq!(
        text(code),
        "SELECT page_id, COUNT(*) FROM reading_depth WHERE max_depth > 0.5 GROUP BY 1;"
    );

    for (id, heading) in [
        ("features", "Features"),
        ("custom-id", "Second part"),
        ("notes", "Notes"),
        ("notes-1", "Notes"),
    ] {
        let h = select_one(&doc, &format!("main [id=\"{id}\"]"));
        assert!(matches!(h.value().name(), "h1" | "h2"), "#{id} is a heading");
        let anchor = one(h, "a.anchor");
        assert_eq!(attr(anchor, "href"), format!("#{id}"));
        assert!(text(h).starts_with(heading), "{}", h.html());
    }

    let raw = select_one(&doc, "main div.raw-block#raw-kept");
    assert_eq!(text(one(raw, "em")), "raw HTML stays");

    // A page without a heading gets its title as h1.
    let first = page(&site, "zz-first.html");
    assert_eq!(text(select_one(&first, "main h1")), "First of all");
}

#[test]
fn pages_appear_in_the_nav_in_front_matter_order_from_any_depth() {
    let book = book_with_pages();
    let site = build_site(book.root());
    let expected = [
        ("zz-first.html", "First of all"),
        ("about.html", "About"),
        ("guide/deep.html", "Deep"),
        ("features.html", "Features"),
        ("aa-last.html", "Last page"),
    ];
    let pages: BTreeSet<&str> = expected.iter().map(|(p, _)| *p).collect();
    for from in ["index.html", "guide/deep.html", "projects/reading-depth.html"] {
        let doc = page(&site, from);
        let nav: Vec<(String, String)> = select(&doc, "nav.site-nav a")
            .into_iter()
            .filter_map(|a| match resolve(from, attr(a, "href"), None) {
                Target::Internal(p, _) if pages.contains(p.as_str()) => Some((p, text(a))),
                _ => None,
            })
            .collect();
        let want: Vec<(String, String)> = expected.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        assert_eq!(nav, want, "the nav of {from}");
    }
    let doc = page(&site, "guide/deep.html");
    let current = select_one(&doc, "nav.site-nav a[aria-current=\"page\"]");
    assert_eq!(attr(current, "href"), "../guide/deep.html");
}

#[test]
fn broken_page_links_are_errors_at_their_line_in_the_markdown_file() {
    let book = Book::valid();
    book.write(
        "content/broken.md",
        "\
# Broken

Intro line.

A link to [nowhere](missing.html).

A link to [a bad anchor](about.html#no-such-heading) and [a good one](about.html#about).

Same page [bad](#nope).
",
    );
    book.write(
        "content/guide/nested.md",
        "---\ntitle: Nested\n---\n\nFine: [about](../about.html#about).\n\nBroken: [gone](../gone.html).\n",
    );
    let built = build(book.root());
    let all_diags = dump(built.diagnostics());
    assert!(built.site.is_none(), "a broken link fails the build");
    let found: Vec<(String, usize, usize, bool)> = built
        .diagnostics()
        .iter()
        .map(|d| {
            assert_eq!(d.code, "broken-link", "{all_diags}");
            let loc = d
                .location
                .as_ref()
                .unwrap_or_else(|| panic!("no location: {all_diags}"));
            (
                loc.file.to_string_lossy().replace('\\', "/"),
                loc.line,
                loc.column,
                d.is_error(),
            )
        })
        .collect();
    let mut found = found;
    found.sort();
    assert_eq!(
        found,
        vec![
            ("content/broken.md".to_string(), 5, 11, true),
            ("content/broken.md".to_string(), 7, 11, true),
            ("content/broken.md".to_string(), 9, 11, true),
            ("content/guide/nested.md".to_string(), 7, 9, true),
        ],
        "{all_diags}"
    );
    let messages = all_diags;
    for needle in ["missing.html", "#no-such-heading", "#nope", "gone.html"] {
        assert!(messages.contains(needle), "no message names {needle}:\n{messages}");
    }
}

// ---------------------------------------------------------------------------------------------
// Links written in records

/// The links `text` of the page at `path` resolve to, inside the site.
fn targets_of(site: &Site, path: &str, text_of_link: &str) -> Vec<Target> {
    let doc = page(site, path);
    select(&doc, "main a")
        .into_iter()
        .filter(|a| text(*a) == text_of_link)
        .map(|a| resolve(path, attr(a, "href"), None))
        .collect()
}

/// A field's description is shown on its project's page (in projects/) and in the data
/// dictionary (in dictionary/). Links in records are written relative to the site's root: such a
/// link works on both pages, and one that climbs with `..` is refused at its line.
#[test]
fn a_relative_link_in_a_field_description_works_on_both_pages_that_show_it() {
    let with_link = |href: &str| {
        let book = Book::valid();
        book.patch(
            "content/projects/reading-depth.yaml",
            "description: The page's id on the wiki.\n",
            &format!("description: The page's id on the wiki; see [the about page]({href}).\n"),
        );
        let built = build(book.root());
        (book, built)
    };

    let (_book, built) = with_link("about.html#about");
    let site = built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("the build fails:\n{}", dump(built.diagnostics())));
    let want = Target::Internal("about.html".into(), "about".into());
    for path in ["projects/reading-depth.html", "dictionary/p.html"] {
        assert_eq!(
            targets_of(site, path, "the about page"),
            std::slice::from_ref(&want),
            "on {path}"
        );
    }

    let (_book, built) = with_link("../about.html#about");
    assert!(built.site.is_none(), "a link that climbs is refused");
    let broken: Vec<String> = built
        .diagnostics()
        .iter()
        .filter(|d| d.code == "broken-link")
        .map(|d| {
            let l = d.location.as_ref().expect("located");
            format!("{}:{}: {}", l.file.display(), l.line, d.message)
        })
        .collect();
    assert_eq!(broken.len(), 1, "{}", dump(built.diagnostics()));
    assert!(
        broken[0].starts_with("content/projects/reading-depth.yaml:")
            && broken[0].contains("climbs with `..`, but links in records are relative to the site's root"),
        "{broken:?}"
    );
}

/// A broken link in a record's Markdown is the record's fault: the error should point at the
/// record, not tell the user to fix the theme.
#[test]
fn a_broken_link_in_a_record_is_reported_at_the_record() {
    let book = Book::valid();
    book.patch(
        "content/projects/reading-depth.yaml",
        "summary: Measures how far readers scroll.\n",
        "summary: Measures how far readers scroll; see [the guide](guide.html).\n",
    );
    let built = build(book.root());
    let all = dump(built.diagnostics());
    assert!(built.site.is_none(), "the link is broken: {all}");
    let d = common::one(built.diagnostics(), "broken-link");
    assert!(d.message.contains("guide.html"), "{all}");
    let hint = d.hint.as_deref().unwrap_or("");
    assert!(!hint.contains("theme"), "the record is at fault, not the theme: {all}");
    let loc = d.location.as_ref().unwrap_or_else(|| panic!("no location: {all}"));
    assert_eq!(loc.file, Path::new("content/projects/reading-depth.yaml"), "{all}");
    assert_eq!(loc.line, 2, "the summary's line: {all}");
}

/// Other files below the pages folder (images) are copied into the site, and a page's link
/// to another page's Markdown source goes to the built page, as in mdBook.
#[test]
fn assets_are_copied_and_links_to_md_sources_go_to_the_built_pages() {
    let book = Book::valid();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>";
    book.write("content/img/logo.svg", svg);
    book.write(
        "content/notes.md",
        "---\ntitle: Notes\n---\n\nSee [about](about.md#about) and ![logo](img/logo.svg).\n",
    );
    let built = build(book.root());
    let site = built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("build failed:\n{}", dump(built.diagnostics())));
    assert_eq!(site.files.get("img/logo.svg").map(|b| &b[..]), Some(svg.as_bytes()));
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&site.files["notes.html"]));
    let a = scraper::Selector::parse("main article a[href^='about']").unwrap();
    let hrefs: Vec<&str> = doc.select(&a).filter_map(|e| e.value().attr("href")).collect();
    assert_eq!(hrefs, ["about.html#about"]);
    let img = scraper::Selector::parse("main img").unwrap();
    let srcs: Vec<&str> = doc.select(&img).filter_map(|e| e.value().attr("src")).collect();
    assert_eq!(srcs, ["img/logo.svg"]);
    // YAML and TOML sources are never copied.
    assert!(!site.files.keys().any(|k| k.ends_with(".yaml") || k.ends_with(".toml")));
}

// ---------------------------------------------------------------------------------------------
// A long book: the nav stays bounded

/// The fixture with `n` more pages, `p01.md` … in that order (front-matter order 100 + i, after
/// the fixture's own About page).
fn book_with_numbered_pages(n: usize) -> Book {
    let book = Book::valid();
    for i in 1..=n {
        book.write(
            &format!("content/p{i:02}.md"),
            &format!("---\ntitle: Page {i}\norder: {}\n---\n\nText of page {i}.\n", 100 + i),
        );
    }
    book
}

/// The Markdown pages (and the list of them) linked from the nav of `from`, as site paths.
fn nav_pages(site: &Site, from: &str) -> Vec<String> {
    let doc = page(site, from);
    select(&doc, "nav.site-nav a")
        .into_iter()
        .filter_map(|a| match resolve(from, attr(a, "href"), None) {
            Target::Internal(p, _) if is_numbered_page(&p) || p == "about.html" || p == "pages.html" => Some(p),
            _ => None,
        })
        .collect()
}

/// Whether `path` is `p01.html`, `p02.html` …
fn is_numbered_page(path: &str) -> bool {
    path.strip_prefix('p')
        .and_then(|rest| rest.strip_suffix(".html"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `about.html` then `p01.html` … `p{n}.html`: the reading order of [`book_with_numbered_pages`].
fn reading_order(n: usize) -> Vec<String> {
    std::iter::once("about.html".to_string())
        .chain((1..=n).map(|i| format!("p{i:02}.html")))
        .collect()
}

#[test]
fn a_long_book_lists_its_first_pages_and_those_around_the_current_one_and_links_to_all() {
    let n = 40;
    let book = book_with_numbered_pages(n);
    let site = build_site(book.root());
    let order = reading_order(n);
    let head: Vec<String> = order[..6].to_vec();

    // Away from the pages, and on one of the first pages: the first six and the list.
    for from in ["index.html", "projects/reading-depth.html", "p02.html"] {
        let mut want = head.clone();
        want.push("pages.html".into());
        assert_eq!(nav_pages(&site, from), want, "the nav of {from}");
    }
    // Deep in the book: the first six, the two either side of this page and itself, the list.
    let mut want = head.clone();
    want.extend(order[18..23].iter().cloned());
    want.push("pages.html".into());
    assert_eq!(nav_pages(&site, &order[20]), want);
    let doc = page(&site, &order[20]);
    let current = select_one(&doc, "nav.site-nav a[aria-current=\"page\"]");
    assert_eq!(attr(current, "href"), order[20]);
    assert!(has_class(select_one(&doc, "nav.site-nav li.nav-nearby"), "nav-nearby"));
    // The last page: only the pages before it follow the first six.
    let mut want = head.clone();
    want.extend(order[n - 2..].iter().cloned());
    want.push("pages.html".into());
    assert_eq!(nav_pages(&site, &order[n]), want);

    let home = page(&site, "index.html");
    let all_link = select_one(&home, "nav.site-nav li.nav-all-pages a");
    assert_eq!(text(all_link), format!("All pages ({})", n + 1));

    // The list holds every page, in reading order, with its title.
    let doc = page(&site, "pages.html");
    let listed: Vec<(String, String)> = select(&doc, "main ol.all-pages > li > a")
        .into_iter()
        .map(|a| (attr(a, "href").to_string(), text(a)))
        .collect();
    let want: Vec<(String, String)> = order
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p.clone(),
                if i == 0 {
                    "About".to_string()
                } else {
                    format!("Page {i}")
                },
            )
        })
        .collect();
    assert_eq!(listed, want);
    let current = select_one(&doc, "nav.site-nav a[aria-current=\"page\"]");
    assert_eq!(attr(current, "href"), "pages.html");
}

#[test]
fn the_size_of_a_page_does_not_grow_with_the_number_of_pages() {
    let size_of_page_5 = |n: usize| {
        let site = build_site(book_with_numbered_pages(n).root());
        site.files["p05.html"].len()
    };
    let (small, large) = (size_of_page_5(30), size_of_page_5(300));
    // Titles of the nearby pages differ in length ("Page 9" against "Page 10"): a few bytes.
    assert!(
        large.abs_diff(small) < 64,
        "p05.html is {small} bytes in 30 pages, {large} in 300"
    );
}

#[test]
fn a_short_book_lists_every_page_and_has_no_list_of_pages() {
    let n = 19; // with About: 20 pages, the most the nav lists in full
    let site = build_site(book_with_numbered_pages(n).root());
    assert_eq!(nav_pages(&site, "p10.html"), reading_order(n));
    assert!(!site.files.contains_key("pages.html"));
    assert!(select(&page(&site, "p10.html"), "li.nav-all-pages, li.nav-nearby").is_empty());
}

#[test]
fn each_page_links_to_the_pages_before_and_after_it_in_reading_order() {
    let n = 3;
    let site = build_site(book_with_numbered_pages(n).root());
    let order = reading_order(n);
    for (i, path) in order.iter().enumerate() {
        let doc = page(&site, path);
        let turn = |rel: &str| -> Option<String> {
            let links = select(&doc, &format!("nav.page-turn a[rel=\"{rel}\"]"));
            assert!(links.len() <= 1, "at most one {rel} link on {path}");
            links.first().map(|a| attr(*a, "href").to_string())
        };
        assert_eq!(
            turn("prev"),
            i.checked_sub(1).map(|j| order[j].clone()),
            "previous of {path}"
        );
        assert_eq!(turn("next"), order.get(i + 1).cloned(), "next of {path}");
    }
    // Generated pages are not part of the reading order.
    assert!(select(&page(&site, "matrix.html"), "nav.page-turn").is_empty());
}

#[test]
fn a_link_to_the_list_of_pages_works_only_in_a_book_that_has_it() {
    let book = book_with_numbered_pages(30);
    book.write(
        "content/p01.md",
        "---\ntitle: Page 1\norder: 101\n---\n\nSee [every page](pages.html).\n",
    );
    build_site(book.root());
    let book = book_with_numbered_pages(2);
    book.write(
        "content/p01.md",
        "---\ntitle: Page 1\norder: 101\n---\n\nSee [every page](pages.html).\n",
    );
    let built = build(book.root());
    assert!(
        built.site.is_none(),
        "a short book has no pages.html, so the link is broken"
    );
    let d = common::one(built.diagnostics(), "broken-link");
    assert!(d.message.contains("pages.html"), "{}", dump(built.diagnostics()));
    assert!(d.location.as_ref().unwrap().file.ends_with("p01.md"));
}

#[test]
fn a_task_checkbox_is_named_by_its_items_own_text_escaped_and_without_nested_items() {
    let book = Book::process_only();
    book.write(
        "content/tasks.md",
        "---\ntitle: Tasks\n---\n\n\
         - [x] Ship the <b>schema</b> & `code`\n\
         - [ ] Review\n  with a \"second\" line\n  - [ ] nested *one*\n\
         - [ ]\n\n\
         1. [x] a loose item\n\n   with more text\n",
    );
    let site = build_site(book.root());
    let doc = page(&site, "tasks.html");
    let main = select_one(&doc, "main");
    let boxes = all(main, "li input[type=\"checkbox\"]");
    let names: Vec<Option<&str>> = boxes.iter().map(|b| b.value().attr("aria-label")).collect();
    assert_eq!(
        names,
        [
            Some("Ship the schema & code"),
            Some("Review with a \"second\" line"),
            Some("nested one"),
            None,
            Some("a loose item"),
        ],
        "{}",
        main.html()
    );
    let checked: Vec<bool> = boxes.iter().map(|b| b.value().attr("checked").is_some()).collect();
    assert_eq!(checked, [true, false, false, false, true]);
    assert!(boxes.iter().all(|b| b.value().attr("disabled").is_some()));
}
