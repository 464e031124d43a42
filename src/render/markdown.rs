//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists, heading
//! anchors, highlighted code, and safe links.
//!
//! Raw HTML in pages is sanitized (see [`super::raw_html`]), or kept as written in a book that
//! says its pages are trusted; Markdown from YAML records is never trusted (raw HTML is shown as
//! text). In all, a link or image whose scheme is not http(s)/mailto, or that is neither
//! relative nor one of those (`//host`), is refused: its text is kept, the link dropped.

use super::{highlight, raw_html};
use crate::url;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// What becomes of raw HTML in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Pages of the book: raw HTML sanitized.
    Page,
    /// Pages of a book with `raw-html = "trusted"`: raw HTML kept as written.
    TrustedPage,
    /// Strings from YAML records: raw HTML escaped.
    Record,
}

/// A link the Markdown made, with its byte offset in the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub href: String,
    pub offset: usize,
}

/// Rendered Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Links kept (to check they resolve).
    pub links: Vec<SourceLink>,
    /// Links refused for their scheme.
    pub refused: Vec<SourceLink>,
    /// A page's second- and third-level headings, in order, for its contents list.
    pub headings: Vec<Heading>,
}

/// A heading of a page, as its contents list names it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The CommonMark extensions every Markdown text is read with.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading being collected: level, explicit id, classes, and its inner events.
type OpenHeading<'a> = (HeadingLevel, Option<String>, Vec<String>, Vec<Event<'a>>);

/// How to render one Markdown text.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    pub trust: Trust,
    /// Records only: the path from the page showing the text to the site root. A relative link
    /// in a record is relative to the site root, since the same text appears on pages at
    /// different depths (a field's description on its project page and in the dictionary).
    pub root: &'a str,
    /// Pages only: ids the page template already uses, which headings must not take.
    pub reserved_ids: &'a [&'a str],
}

/// Renders `text` (record links relative to a root-level page; no reserved ids).
pub fn render(text: &str, trust: Trust) -> Rendered {
    render_with(
        text,
        Style {
            trust,
            root: "",
            reserved_ids: &[],
        },
    )
}

/// Where a link or image goes once rendered: record links are rebased on the site root; page
/// links to Markdown sources (`guide.md`) go to the page built from them (`guide.html`).
fn rebase<'t>(dest: CowStr<'t>, style: &Style) -> CowStr<'t> {
    if url::scheme(&dest).is_some() || dest.starts_with(['#', '/']) || dest.is_empty() {
        return dest;
    }
    match style.trust {
        Trust::Record => CowStr::from(format!("{}{dest}", style.root)),
        Trust::Page | Trust::TrustedPage => {
            let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
            match path.strip_suffix(".md") {
                Some(stem) => CowStr::from(format!("{stem}.html{rest}")),
                None => dest,
            }
        }
    }
}

/// Every link and image target written in `text`, as written.
pub fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// Renders `text` in `style`.
pub fn render_with(text: &str, style: Style) -> Rendered {
    let trust = style.trust;
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut code: Option<(Option<String>, String)> = None;
    let mut heading: Option<OpenHeading> = None;
    let mut ids: HashMap<String, usize> = style.reserved_ids.iter().map(|id| (id.to_string(), 1)).collect();
    // For each open link or image: whether it was refused (so its end tag is dropped too).
    let mut open_links: Vec<bool> = Vec::new();
    let mut open_images: Vec<bool> = Vec::new();
    let mut task: Option<TaskBox> = None;
    let mut tables = super::table_labels::TableLabels::default();
    let mut raw = false;

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Some((_, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, body) = code.take().unwrap_or_default();
                    events.push(Event::Html(highlight::code_block(&body, lang.as_deref()).into()));
                }
                _ => {}
            }
            continue;
        }
        if let (Event::Html(h) | Event::InlineHtml(h), Trust::Page | Trust::TrustedPage) = (&event, trust) {
            raw = true;
            // Links in raw HTML are checked too, and reported at their line; those the
            // sanitizer removes are not in the page.
            let kept = raw_html::links(h)
                .into_iter()
                .filter(|(_, href)| trust == Trust::TrustedPage || url::is_safe_href(href));
            out.links.extend(kept.map(|(at, href)| SourceLink {
                href,
                offset: range.start + at,
            }));
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                code = Some((lang.filter(|l| !l.is_empty()), String::new()));
                continue;
            }
            Event::Html(h) | Event::InlineHtml(h) if trust == Trust::Record => Event::Text(h),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = url::is_safe_href(&dest_url);
                open_links.push(!safe);
                if safe {
                    let dest_url = rebase(dest_url, &style);
                    out.links.push(SourceLink {
                        href: dest_url.to_string(),
                        offset: range.start,
                    });
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else {
                    out.refused.push(SourceLink {
                        href: dest_url.to_string(),
                        offset: range.start,
                    });
                    continue;
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop().unwrap_or(false) {
                    continue;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let mut link = SourceLink {
                    href: dest_url.to_string(),
                    offset: range.start,
                };
                let safe = url::is_safe_href(&dest_url);
                open_images.push(!safe);
                if safe {
                    let dest_url = rebase(dest_url, &style);
                    link.href = dest_url.to_string();
                    out.links.push(link);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else {
                    // A refused image is dropped; its alt text stays as plain text.
                    out.refused.push(link);
                    continue;
                }
            }
            Event::End(TagEnd::Image) => {
                if open_images.pop().unwrap_or(false) {
                    continue;
                }
                Event::End(TagEnd::Image)
            }
            // Record text appears inside pages beside other records: its headings take no
            // ids, which could clash with the page's own.
            Event::Start(Tag::Heading { level, .. }) if trust == Trust::Record => Event::Start(Tag::Heading {
                level,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                let classes = classes.iter().map(|c| c.to_string()).collect();
                heading = Some((level, id.map(|i| i.to_string()), classes, Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) if trust != Trust::Record => {
                if let Some((level, id, classes, inner)) = heading.take() {
                    let id = push_heading(&mut events, level, id, classes, inner.clone(), &mut ids);
                    let level = match level {
                        HeadingLevel::H2 => Some(2),
                        HeadingLevel::H3 => Some(3),
                        _ => None,
                    };
                    if let Some(level) = level {
                        out.headings.push(Heading {
                            level,
                            id,
                            text: plain_text(&inner),
                        });
                    }
                }
                continue;
            }
            other => tables.map(other),
        };
        // A task's checkbox is named by its item's text (up to a nested list), so that a screen
        // reader says what is done; the marker is replaced once that text is known.
        if let Event::TaskListMarker(checked) = event {
            task = Some(TaskBox {
                at: events.len(),
                checked,
                text: String::new(),
            });
        } else if let Some(open) = task.as_mut() {
            match &event {
                Event::Text(t) | Event::Code(t) => open.text.push_str(t),
                Event::SoftBreak | Event::HardBreak => open.text.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_)) => {
                    if let Some(done) = task.take() {
                        events[done.at] = done.checkbox();
                    }
                }
                _ => {}
            }
        }
        match heading.as_mut() {
            Some((.., inner)) => inner.push(event),
            None => events.push(event),
        }
    }
    if let Some(done) = task {
        events[done.at] = done.checkbox();
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    // Only a page holding raw HTML has anything to clean; the rest is dacibook's own output.
    if raw && trust == Trust::Page {
        out.html = raw_html::sanitize(&out.html);
    }
    // CommonMark: a NUL is replaced with U+FFFD (the parser passes it through; offsets above
    // point into the source, so the page is mended once it is HTML).
    if out.html.contains('\0') {
        out.html = out.html.replace('\0', "\u{FFFD}");
    }
    out
}

/// A task list item's checkbox, waiting for the item's text to name it.
struct TaskBox {
    /// Where its marker sits in the events.
    at: usize,
    checked: bool,
    text: String,
}

impl TaskBox {
    fn checkbox(&self) -> Event<'static> {
        let checked = if self.checked { " checked=\"\"" } else { "" };
        let name = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = if name.is_empty() {
            String::new()
        } else {
            format!(" aria-label=\"{}\"", crate::render::theme::escape(&name))
        };
        Event::Html(format!("<input disabled=\"\" type=\"checkbox\"{checked}{label}/>\n").into())
    }
}

/// The text of a heading's events (its words and code, without markup).
fn plain_text(inner: &[Event]) -> String {
    inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Writes a heading with a unique id and its anchor link; returns the id.
fn push_heading<'a>(
    events: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    inner: Vec<Event<'a>>,
    ids: &mut HashMap<String, usize>,
) -> String {
    let text = plain_text(&inner);
    let base = id.unwrap_or_else(|| slug(&text));
    // `base`, else `base-1`, `base-2`…, skipping any taken (`# a`, `# a`, `# a-1` must not
    // give `a-1` twice); every id given out is recorded as taken.
    let mut n = ids.get(&base).copied().unwrap_or(0);
    let id = loop {
        let candidate = if n == 0 { base.clone() } else { format!("{base}-{n}") };
        n += 1;
        if !ids.contains_key(&candidate) {
            break candidate;
        }
    };
    ids.insert(base.clone(), n);
    ids.entry(id.clone()).or_insert(1);
    let raw_id = id.clone();
    let id = crate::render::theme::escape(&id);
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", crate::render::theme::escape(&classes.join(" ")))
    };
    events.push(Event::Html(format!("<{level} id=\"{id}\"{class}>").into()));
    events.extend(inner);
    events.push(Event::Html(
        format!("<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></{level}>\n").into(),
    ));
    raw_id
}

/// A heading's anchor: lowercase letters and digits (any script) joined by hyphens.
pub fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        "section".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_markdown_escapes_raw_html_and_drops_script_links() {
        let r = render(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.org)",
            Trust::Record,
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains("<a href=\"https://a.org\">ok</a>"));
        assert_eq!(r.refused.len(), 1);
    }

    #[test]
    fn record_links_are_rebased_on_the_root_and_headings_take_no_ids() {
        let style = Style {
            trust: Trust::Record,
            root: "../",
            reserved_ids: &[],
        };
        let r = render_with(
            "## People\n\n[a](about.html#x) [b](#top) [c](https://a.org) ![i](javascript:x)",
            style,
        );
        assert!(r.html.contains("<h2>People</h2>"), "{}", r.html);
        assert!(r.html.contains("href=\"../about.html#x\""), "{}", r.html);
        assert!(r.html.contains("href=\"#top\""));
        assert!(r.html.contains("href=\"https://a.org\""));
        assert!(!r.html.contains("<img"), "a refused image is dropped: {}", r.html);
    }

    #[test]
    fn page_headings_avoid_reserved_ids_and_md_links_become_html() {
        let style = Style {
            trust: Trust::Page,
            root: "",
            reserved_ids: &["content"],
        };
        let r = render_with("# Content\n\n[g](guide.md#a) [h](sub/x.md)", style);
        assert!(r.html.contains("<h1 id=\"content-1\">"), "{}", r.html);
        assert!(r.html.contains("href=\"guide.html#a\""), "{}", r.html);
        assert!(r.html.contains("href=\"sub/x.html\""));
    }

    #[test]
    fn page_markdown_keeps_harmless_raw_html_and_trusted_pages_keep_all() {
        let text = "<div class=\"note\" onclick=\"x()\">hi</div>\n\n<script>alert(1)</script>\n";
        let r = render(text, Trust::Page);
        assert!(r.html.contains("<div class=\"note\">hi</div>"), "{}", r.html);
        assert!(!r.html.contains("script"), "{}", r.html);
        let r = render(text, Trust::TrustedPage);
        assert!(r.html.contains("<div class=\"note\" onclick=\"x()\">"), "{}", r.html);
        assert!(r.html.contains("<script>alert(1)</script>"), "{}", r.html);
    }

    #[test]
    fn headings_get_unique_anchor_ids_in_any_script() {
        let r = render("# Über uns\n\n## Notes\n\n## Notes\n", Trust::Page);
        assert!(r.html.contains("<h1 id=\"über-uns\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"notes\">"));
        assert!(r.html.contains("<h2 id=\"notes-1\">"));
    }

    #[test]
    fn extensions_are_on() {
        let r = render(
            "| a |\n|---|\n| b |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: note\n",
            Trust::Page,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn links_are_recorded_with_offsets() {
        let text = "see\n[about](about.html#x)";
        let r = render(text, Trust::Page);
        assert_eq!(
            r.links,
            vec![SourceLink {
                href: "about.html#x".into(),
                offset: 4
            }]
        );
    }
}
