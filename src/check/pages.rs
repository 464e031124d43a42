//! The Markdown pages: names that links can carry, links the site refuses, and raw HTML the
//! sanitizer takes out. Each is reported at its place in the page.

use crate::config::RawHtml;
use crate::diagnostic::Diagnostic;
use crate::model::{Book, Page};
use crate::render::raw_html;
use crate::url;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

pub fn check(book: &Book, out: &mut Vec<Diagnostic>) {
    let sanitized = book.config.output.html.raw_html == RawHtml::Sanitized;
    let per_page: Vec<Vec<Diagnostic>> = book
        .pages
        .par_iter()
        .map(|page| {
            let mut found = Vec::new();
            check_name(page, &mut found);
            check_body(page, sanitized, &mut found);
            found
        })
        .collect();
    out.extend(per_page.into_iter().flatten());
}

/// A page's path, as written in its links: `javascript:alert(1).md` would be linked as
/// `javascript:alert(1).html` from a page at the root, which a browser reads as a script URL.
/// A colon in any part of the path is refused, which also keeps the book checkout-able on
/// Windows, where no file name holds one.
fn check_name(page: &Page, out: &mut Vec<Diagnostic>) {
    let path = page.path.to_string_lossy().replace('\\', "/");
    if !path.contains(':') {
        return;
    }
    let html = crate::render::paths::page(&page.path);
    let renamed = path.replace(':', "-");
    out.push(
        Diagnostic::error(
            "colon-in-page-name",
            format!("the page `{path}` has a `:` in its name, so a link to `{html}` can read as a URL scheme"),
        )
        .at(page.source.start())
        .hint(format!(
            "rename it without `:`, for example `{renamed}` (Windows cannot hold such a name either)"
        )),
    );
}

/// Raw HTML pieces and links of the page's Markdown, with their byte offsets in the body.
fn check_body(page: &Page, sanitized: bool, out: &mut Vec<Diagnostic>) {
    let body_start = page.source.text.len() - page.body.len();
    let at = |offset: usize| {
        page.source
            .location_of_bytes(body_start + offset..body_start + offset + 1)
    };
    // An HTML block comes one line at a time; its lines are read together, so that a tag
    // spread over lines is seen whole. Each part keeps where it starts in the body.
    let mut block: Option<Block> = None;
    for (event, range) in Parser::new_ext(&page.body, crate::render::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(Block::default()),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(b) = block.take().filter(|_| sanitized) {
                    report_removals(&b, &at, out);
                }
            }
            Event::Html(h) if block.is_some() => {
                if let Some(b) = block.as_mut() {
                    b.parts.push((b.text.len(), range.start));
                    b.text.push_str(&h);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if sanitized => {
                let alone = Block {
                    text: h.to_string(),
                    parts: vec![(0, range.start)],
                };
                report_removals(&alone, &at, out);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(link) = url::refusal(&dest_url) {
                    out.push(
                        Diagnostic::warning("refused-link", format!("{link} is refused; only its text is shown"))
                            .at(at(range.start))
                            .hint(link_hint(&dest_url, "relative to the page")),
                    );
                }
            }
            _ => {}
        }
    }
}

/// The help for a refused link: write a protocol-relative one in full, else use a web link or
/// a `relative` one (relative to the page, or to the site's root in records).
pub(super) fn link_hint(href: &str, relative: &str) -> String {
    if url::scheme(href).is_none() {
        let rest = href.trim().trim_start_matches(['/', '\\']);
        format!("write it in full, `https://{rest}`: a `//` link breaks when the site is opened from disk")
    } else {
        format!("links must be https://, http://, mailto: or {relative}")
    }
}

/// Consecutive raw HTML, and where each part of it starts: (in `text`, in the page's body).
#[derive(Default)]
struct Block {
    text: String,
    parts: Vec<(usize, usize)>,
}

impl Block {
    /// The offset in the body of byte `offset` of `text`.
    fn body_offset(&self, offset: usize) -> usize {
        let (in_text, in_body) = self
            .parts
            .iter()
            .rev()
            .find(|(t, _)| *t <= offset)
            .copied()
            .unwrap_or((0, 0));
        in_body + (offset - in_text)
    }
}

fn report_removals(block: &Block, at: &dyn Fn(usize) -> crate::source::Location, out: &mut Vec<Diagnostic>) {
    for removal in raw_html::removals(&block.text) {
        out.push(
            Diagnostic::warning(
                "raw-html-removed",
                format!("raw HTML: {} is removed from the page", removal.what),
            )
            .at(at(block.body_offset(removal.offset)))
            .hint(
                "pages keep only HTML that cannot run code; to keep it as written, set \
                 `raw-html = \"trusted\"` under `[output.html]` in book.toml (for books whose every page is reviewed)",
            ),
        );
    }
}
