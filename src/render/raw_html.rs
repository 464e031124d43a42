//! Raw HTML in Markdown pages, made safe (`raw-html = "sanitized"`, the default): ammonia
//! cleans the rendered page, and [`removals`] says, for one piece of raw HTML, what the
//! cleaning takes out, so that `check` can warn at the line. Both read the same allow-lists
//! (ammonia's own, cloned from the one builder), so they cannot disagree.
//!
//! Kept: the harmless HTML of ammonia's defaults (`details`, `summary`, `kbd`, `sub`, `sup`,
//! tables, images…) and what dacibook's Markdown emits (heading ids and anchors, highlighted
//! code's classes, task-list checkboxes, footnotes, table alignment). Removed: scripts, styles,
//! frames, forms, event handlers, `style` attributes, and links or sources whose scheme could
//! run code (only http, https, mailto and relative ones stay, as everywhere in the site).

use crate::url;
use ammonia::Builder;
use lol_html::{element, HtmlRewriter, Settings};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Attributes dacibook's Markdown gives elements of every kind (heading ids, classes of code,
/// footnotes and anchors, the names of checkboxes and anchors).
const GENERIC_ATTRIBUTES: &[&str] = &["class", "id", "aria-label"];

/// The table alignments pulldown-cmark writes, the only `style` values kept.
const ALIGNMENTS: &[&str] = &["text-align: left", "text-align: center", "text-align: right"];

/// The one sanitizer, built on first use.
fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = Builder::default();
        b.add_tags(["input"])
            .add_generic_attributes(GENERIC_ATTRIBUTES.iter().copied())
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("details", ["open"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style", "data-label"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(None)
            .strip_comments(false)
            .attribute_filter(|element, attribute, value| {
                kept(element, attribute, value).then_some(Cow::Borrowed(value))
            });
        b
    })
}

/// The rules beyond ammonia's allow-lists: one link policy for the whole site (no
/// protocol-relative links), alignment as the only style, checkboxes as the only inputs.
fn kept(element: &str, attribute: &str, value: &str) -> bool {
    match attribute {
        "href" | "src" => url::is_safe_href(value),
        "style" => ALIGNMENTS.contains(&value.trim()),
        "type" if element == "input" => value.trim().eq_ignore_ascii_case("checkbox"),
        _ => true,
    }
}

/// `html` with everything unsafe taken out.
pub fn sanitize(html: &str) -> String {
    builder().clean(html).to_string()
}

/// One thing the sanitizer takes out of a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Where the element holding it starts, in bytes from the start of the piece.
    pub offset: usize,
    /// What it is: "the `<script>` element and its content", "the `onerror` attribute of `<img>`"…
    pub what: String,
}

/// The allow-lists of the sanitizer, as sets to look names up in.
struct Lists {
    tags: HashSet<&'static str>,
    emptied: HashSet<&'static str>,
    generic: HashSet<&'static str>,
    per_tag: std::collections::HashMap<&'static str, HashSet<&'static str>>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let b = builder();
        Lists {
            tags: b.clone_tags(),
            emptied: b.clone_clean_content_tags(),
            generic: b.clone_generic_attributes(),
            per_tag: b.clone_tag_attributes(),
        }
    })
}

/// What [`sanitize`] takes out of `fragment`, a piece of raw HTML as the Markdown holds it
/// (possibly an opening or closing tag alone).
pub fn removals(fragment: &str) -> Vec<Removal> {
    let lists = lists();
    let found = RefCell::new(Vec::new());
    let settings = Settings::new().append_element_content_handler(element!("*", |el| {
        let offset = el.source_location().bytes().start;
        let tag = el.tag_name();
        let mut found = found.borrow_mut();
        if !lists.tags.contains(tag.as_str()) {
            let what = if lists.emptied.contains(tag.as_str()) {
                format!("the `<{tag}>` element and its content")
            } else {
                format!("the `<{tag}>` tag (its content stays)")
            };
            found.push(Removal { offset, what });
            return Ok(());
        }
        for attr in el.attributes() {
            let name = attr.name();
            let value = html_escape::decode_html_entities(&attr.value()).into_owned();
            let listed = lists.generic.contains(name.as_str())
                || lists
                    .per_tag
                    .get(tag.as_str())
                    .is_some_and(|a| a.contains(name.as_str()));
            let what = if !listed {
                format!("the `{name}` attribute of `<{tag}>`")
            } else if kept(&tag, &name, &value) {
                continue;
            } else if let Some(link) = (name == "href" || name == "src")
                .then(|| url::refusal(&value))
                .flatten()
            {
                format!("{link} in the `{name}` of `<{tag}>`")
            } else {
                format!("the `{name}=\"{value}\"` attribute of `<{tag}>`")
            };
            found.push(Removal { offset, what });
        }
        Ok(())
    }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A piece that does not parse cleanly still yields what was found before the fault.
    let _ = rewriter.write(fragment.as_bytes()).and_then(|()| rewriter.end());
    found.into_inner()
}

/// The links (`href`, `src`) of `fragment`, a piece of raw HTML, as a browser reads them, with
/// where each element starts: so that the link check can name the page's line for one that
/// points nowhere.
pub fn links(fragment: &str) -> Vec<(usize, String)> {
    let found = RefCell::new(Vec::new());
    let settings = Settings::new().append_element_content_handler(element!("[href], [src]", |el| {
        let offset = el.source_location().bytes().start;
        for name in ["href", "src"] {
            if let Some(value) = el.get_attribute(name) {
                let value = html_escape::decode_html_entities(&value).into_owned();
                found.borrow_mut().push((offset, value));
            }
        }
        Ok(())
    }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let _ = rewriter.write(fragment.as_bytes()).and_then(|()| rewriter.end());
    found.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(fragment: &str) -> Vec<String> {
        removals(fragment).into_iter().map(|r| r.what).collect()
    }

    #[test]
    fn harmless_html_and_what_the_markdown_emits_stay() {
        let html = concat!(
            "<details open=\"\"><summary>More</summary><kbd>Ctrl</kbd> H<sub>2</sub>O x<sup>2</sup></details>",
            "<table><tbody><tr><th style=\"text-align: center\">a</th></tr></tbody></table>",
            "<img src=\"pic.png\" alt=\"a picture\"><img src=\"https://a.org/p.png\" alt=\"b\">",
            "<h2 id=\"notes\" class=\"x\">Notes<a class=\"anchor\" href=\"#notes\" aria-label=\"Link\">#</a></h2>",
            "<pre class=\"code hl-code\"><code class=\"language-sql\"><span class=\"hl-keyword\">select</span></code></pre>",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"done\">",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup></div>",
            "<!-- a note -->"
        );
        assert_eq!(sanitize(html), html);
        assert!(what(html).is_empty(), "{:?}", what(html));
    }

    #[test]
    fn code_and_its_ways_in_are_removed_and_named() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "",
                "the `<script>` element and its content",
            ),
            (
                "<img src=\"x.png\" onerror=\"alert(1)\">",
                "<img src=\"x.png\">",
                "the `onerror` attribute of `<img>`",
            ),
            (
                "<iframe src=\"https://a.org\"></iframe>",
                "",
                "the `<iframe>` tag (its content stays)",
            ),
            (
                "<form action=\"https://a.org\"><b>x</b></form>",
                "<b>x</b>",
                "the `<form>` tag (its content stays)",
            ),
            (
                "<p style=\"color: red\">x</p>",
                "<p>x</p>",
                "the `style` attribute of `<p>`",
            ),
            (
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a>x</a>",
                "the `javascript:` link in the `href` of `<a>`",
            ),
            (
                "<a href=\"&#106;avascript:x\">x</a>",
                "<a>x</a>",
                "the `javascript:` link in the `href` of `<a>`",
            ),
            (
                "<img src=\"data:image/png;base64,AA\">",
                "<img>",
                "the `data:` link in the `src` of `<img>`",
            ),
            (
                "<a href=\"vbscript:x\">x</a>",
                "<a>x</a>",
                "the `vbscript:` link in the `href` of `<a>`",
            ),
            (
                "<a href=\"//cdn.example/x\">x</a>",
                "<a>x</a>",
                "the protocol-relative link `//cdn.example/x` in the `href` of `<a>`",
            ),
        ];
        for (html, clean, removed) in cases {
            assert_eq!(sanitize(html), clean, "{html}");
            assert_eq!(what(html), [removed], "{html}");
        }
    }

    #[test]
    fn a_tag_alone_is_read_with_its_place() {
        let found = removals("text <span onclick=\"x()\">");
        assert_eq!(
            found,
            [Removal {
                offset: 5,
                what: "the `onclick` attribute of `<span>`".into()
            }]
        );
        assert!(removals("</details>").is_empty());
    }

    #[test]
    fn links_of_raw_html_are_read_decoded_with_their_place() {
        assert_eq!(
            links("see <a href=\"a.html?x=1&amp;y=2\">a</a> <img src='i.png'>"),
            [(4, "a.html?x=1&y=2".to_string()), (39, "i.png".to_string())]
        );
    }
}
