//! Reads the ids and links of an HTML page with html5gum's tokenizer, which follows the WHATWG
//! tokenization rules: tag and attribute names in any case, quoted or bare values, character
//! references decoded as in an attribute, nothing inside comments or the text of `script`,
//! `style`, `textarea`, `title` and the other raw-text elements. Only the tree builder's choice of
//! the tokenizer's next state is approximated here, as lol_html does it: raw-text elements switch
//! the tokenizer to their text state in HTML content, not inside `svg` or `math`.
//!
//! No token is allocated: only the values of `id`, `name`, `href` and `src` are kept, and the
//! text of the page is skipped.

use html5gum::{Emitter, Error, State, Tokenizer};
use std::collections::HashSet;
use std::convert::Infallible;

/// What one HTML page holds: its ids and its links, in the order they appear.
#[derive(Default, Debug)]
pub struct Scan {
    pub ids: HashSet<String>,
    pub links: Vec<String>,
}

/// The ids and links of `html`.
pub fn scan(html: &[u8]) -> Scan {
    let mut found = Scan::default();
    let collector = Collector {
        found: &mut found,
        tag: Vec::new(),
        end_tag: false,
        self_closing: false,
        last_start_tag: Vec::new(),
        attr_name: Vec::new(),
        attr: Attr::Unread,
        values: Default::default(),
        has: [false; SLOTS],
        namespaces: Vec::new(),
    };
    let Ok(()) = Tokenizer::new_with_emitter(html, collector).finish();
    found
}

/// The attributes kept, by slot.
const SLOTS: usize = 4;
const ID: usize = 0;
const NAME: usize = 1;
const HREF: usize = 2;
const SRC: usize = 3;

fn slot(attr_name: &[u8]) -> Option<usize> {
    match attr_name {
        b"id" => Some(ID),
        b"name" => Some(NAME),
        b"href" => Some(HREF),
        b"src" => Some(SRC),
        _ => None,
    }
}

/// The attribute being read: its name is not known whole until its value starts.
#[derive(Clone, Copy)]
enum Attr {
    Unread,
    Keep(usize),
    Skip,
}

#[derive(Clone, Copy, PartialEq)]
enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// A browser's parser leaves `svg` and `math` content at these start tags.
#[rustfmt::skip]
const BREAKOUT: &[&[u8]] = &[
    b"b", b"big", b"blockquote", b"body", b"br", b"center", b"code", b"dd", b"div", b"dl", b"dt",
    b"em", b"embed", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"head", b"hr", b"i", b"img",
    b"li", b"listing", b"menu", b"meta", b"nobr", b"ol", b"p", b"pre", b"ruby", b"s", b"small",
    b"span", b"strong", b"strike", b"sub", b"sup", b"table", b"tt", b"u", b"ul", b"var",
];

/// Elements of `svg` and `math` whose content is HTML again.
fn integration_point(ns: Namespace, tag: &[u8]) -> bool {
    match ns {
        Namespace::Svg => matches!(tag, b"desc" | b"title" | b"foreignobject"),
        Namespace::MathMl => matches!(tag, b"mi" | b"mo" | b"mn" | b"ms" | b"mtext"),
        Namespace::Html => false,
    }
}

/// The tokenizer state the content of an HTML element starts in.
fn text_state(tag: &[u8]) -> Option<State> {
    match tag {
        b"textarea" | b"title" => Some(State::RcData),
        b"plaintext" => Some(State::PlainText),
        b"script" => Some(State::ScriptData),
        b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframes" | b"noscript" => Some(State::RawText),
        _ => None,
    }
}

struct Collector<'a> {
    found: &'a mut Scan,
    tag: Vec<u8>,
    end_tag: bool,
    self_closing: bool,
    last_start_tag: Vec<u8>,
    attr_name: Vec<u8>,
    attr: Attr,
    /// The first value of each kept attribute of the current tag (a repeat is ignored).
    values: [Vec<u8>; SLOTS],
    has: [bool; SLOTS],
    /// The namespaces entered by `svg`, `math` and their integration points; empty in HTML.
    namespaces: Vec<Namespace>,
}

impl Collector<'_> {
    fn namespace(&self) -> Namespace {
        self.namespaces.last().copied().unwrap_or(Namespace::Html)
    }

    /// Decides whether the attribute being read is kept, once its name is whole.
    fn resolve_attr(&mut self) {
        if let Attr::Unread = self.attr {
            self.attr = match slot(&self.attr_name) {
                Some(s) if !self.has[s] => {
                    self.has[s] = true;
                    self.values[s].clear();
                    Attr::Keep(s)
                }
                _ => Attr::Skip,
            };
        }
    }

    fn init_tag(&mut self, end: bool) {
        self.tag.clear();
        self.end_tag = end;
        self.self_closing = false;
        self.attr_name.clear();
        self.attr = Attr::Skip;
        self.has = [false; SLOTS];
    }

    fn value(&self, s: usize) -> Option<String> {
        self.has[s].then(|| String::from_utf8_lossy(&self.values[s]).into_owned())
    }

    fn start_tag(&mut self) -> Option<State> {
        if let Some(id) = self.value(ID) {
            self.found.ids.insert(id);
        }
        let tag = self.tag.as_slice();
        if tag == b"a" {
            if let Some(name) = self.value(NAME) {
                self.found.ids.insert(name);
            }
        }
        let link = match tag {
            b"a" | b"link" | b"area" => self.value(HREF),
            b"img" | b"script" | b"source" | b"iframe" | b"video" | b"audio" => self.value(SRC),
            _ => None,
        };
        self.found.links.extend(link);
        self.last_start_tag.clone_from(&self.tag);
        let tag = self.tag.as_slice();
        if tag == b"svg" || tag == b"math" {
            if !self.self_closing {
                let ns = if tag == b"svg" {
                    Namespace::Svg
                } else {
                    Namespace::MathMl
                };
                self.namespaces.push(ns);
            }
            return None;
        }
        match self.namespace() {
            Namespace::Html => text_state(tag),
            _ if BREAKOUT.contains(&tag) => {
                // The tag closes the foreign elements open, and is read as an HTML start tag.
                while matches!(self.namespaces.last(), Some(Namespace::Svg | Namespace::MathMl)) {
                    self.namespaces.pop();
                }
                text_state(tag)
            }
            ns => {
                if !self.self_closing && integration_point(ns, tag) {
                    self.namespaces.push(Namespace::Html);
                }
                None
            }
        }
    }

    fn end_tag(&mut self) {
        let tag = self.tag.as_slice();
        let leaves = match self.namespace() {
            Namespace::Html => {
                let n = self.namespaces.len();
                n >= 2 && integration_point(self.namespaces[n - 2], tag)
            }
            Namespace::Svg => matches!(tag, b"svg" | b"p" | b"br"),
            Namespace::MathMl => matches!(tag, b"math" | b"p" | b"br"),
        };
        if leaves {
            self.namespaces.pop();
        }
    }
}

impl Emitter for Collector<'_> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {}

    fn emit_error(&mut self, _: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, _: &[u8]) {}

    fn init_start_tag(&mut self) {
        self.init_tag(false);
    }

    fn init_end_tag(&mut self) {
        self.init_tag(true);
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<State> {
        if self.end_tag {
            self.end_tag();
            None
        } else {
            self.resolve_attr();
            self.start_tag()
        }
    }

    fn emit_current_comment(&mut self) {}

    fn emit_current_doctype(&mut self) {}

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag.extend_from_slice(s);
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, _: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        // The attribute before this one, if it had no value, still counts (`<a href>`).
        self.resolve_attr();
        self.attr_name.clear();
        self.attr = Attr::Unread;
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.resolve_attr();
        if let Attr::Keep(slot) = self.attr {
            self.values[slot].extend_from_slice(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.end_tag && !self.last_start_tag.is_empty() && self.tag == self.last_start_tag
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.namespace() != Namespace::Html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(found: &Scan) -> Vec<&str> {
        let mut ids: Vec<&str> = found.ids.iter().map(String::as_str).collect();
        ids.sort();
        ids
    }

    #[test]
    fn scans_ids_and_links_as_a_browser_reads_them() {
        let found = scan(
            br##"<!doctype html><A HREF="a.html?x=1&amp;y=2#t&eacute;">x</A>
<p id=one ID="ignored, a repeat"><a name="old">n</a><img src='i.png' alt="<a href=no.html>">
<link rel=stylesheet href=s.css><script src="j.js">var s = '<a href="in-script.html">';</script>
<!-- <a href="in-comment.html"> --><style>a[href="in-style.html"] {}</style>
<div href="not-a-link.html" src="nor-this"></div><area href="#map"><a href>empty</a><p id="">"##,
        );
        assert_eq!(ids(&found), ["", "old", "one"]);
        // `<a href>` links to its own page.
        assert_eq!(
            found.links,
            ["a.html?x=1&y=2#t\u{e9}", "i.png", "s.css", "j.js", "#map", ""]
        );
    }

    #[test]
    fn skips_the_text_of_raw_text_elements_to_their_end_tag() {
        let found = scan(
            br##"<script>if (a<b) document.write("<a href='s1.html'>", "</scr" + "ipt>")</script>
<SCRIPT type=module>let t = `<img src="s2.png">`;</SCRIPT >
<style>p::before { content: "<a href=st.html>" }</STYLE><title>A <a href=t.html> title</title>
<textarea><a href="ta.html"></textarea><noscript><img src=ns.png></noscript>
<xmp><a href=x.html></xmp><iframe src=f.html><a href=if.html></iframe><noembed><a href=ne.html></noembed>
<noframes><a href=nf.html></noframes><a href="after.html">after</a>"##,
        );
        assert_eq!(found.links, ["f.html", "after.html"]);
        assert!(found.ids.is_empty());
        // `plaintext` never ends.
        let found = scan(b"<a href=before.html></a><plaintext></plaintext><a href=lost.html>");
        assert_eq!(found.links, ["before.html"]);
    }

    #[test]
    fn skips_comments_and_declarations_but_not_what_follows_them() {
        let found = scan(
            br##"<!-- <a href="c1.html"> --><!--> <a href="after-abrupt.html"> <!----><!-- a -- b -->
<!--<a href=c2.html>--!><?php echo '<a href="pi.html">'; ?><!DOCTYPE x <a href=dt.html>>
<!-- unclosed <a href="c3.html"> --"##,
        );
        // `<?php ... '<a href="pi.html">` is a bogus comment up to the first `>`.
        assert_eq!(found.links, ["after-abrupt.html"]);
    }

    #[test]
    fn decodes_character_references_as_in_an_attribute() {
        let found = scan(
            br##"<a href="&#x61;.html#caf&eacute;&#233;">1</a><a href='q?a=1&amp;b=2&lt;'>2</a>
<a href=q?x=1&copy=2&copy;>3</a><a href="&notit;&amp">4</a><p id="&quot;q&quot;">"##,
        );
        // In an attribute, a reference without `;` before `=` or a letter or digit stays as
        // written (`&copy=`, `&notit;`); before anything else it is decoded (`&amp"`).
        assert_eq!(
            found.links,
            ["a.html#caf\u{e9}\u{e9}", "q?a=1&b=2<", "q?x=1&copy=2\u{a9}", "&notit;&"]
        );
        assert_eq!(ids(&found), ["\"q\""]);
    }

    #[test]
    fn reads_names_in_any_case_and_values_bare_or_quoted() {
        let found = scan(
            br##"<IMG SRC=a.png><Img sRc = "b.png" ><a hReF=c.html/><A
href
=
'd.html'>d</A><VIDEO SRC=v.mp4></VIDEO><Source src=s.webm><AUDIO src=au.ogg><P ID=Up NaMe=no>
<A NAME=Anchor><a id=x href=x.html id=y name=n1 name=n2 href=ignored.html><LINK HREF ID=z>"##,
        );
        assert_eq!(
            found.links,
            ["a.png", "b.png", "c.html/", "d.html", "v.mp4", "s.webm", "au.ogg", "x.html", ""]
        );
        // Values keep their case; only the first of repeated attributes counts.
        assert_eq!(ids(&found), ["Anchor", "Up", "n1", "x", "z"]);
    }

    #[test]
    fn ignores_attributes_of_end_tags_and_unknown_places() {
        let found = scan(br##"<p>text href="t.html"</a href="end.html" id=e><span src=x.png id=ok>"##);
        assert!(found.links.is_empty());
        assert_eq!(ids(&found), ["ok"]);
    }

    #[test]
    fn reads_svg_and_math_content_as_markup() {
        let found = scan(
            br##"<svg><style><a href="in-svg-style.html"></a></style><title>t</title>
<![CDATA[ x > y <a href="cdata.html"> ]]><a href="svg-a.html" id=s></a></svg>
<style><a href="html-style.html"></style><math><mi><style><a href=mi.html></style></mi></math>
<svg><p><style><a href="after-breakout.html"></style></p><svg/><style><a href=sc.html></style>"##,
        );
        assert_eq!(found.links, ["in-svg-style.html", "svg-a.html"]);
        assert_eq!(ids(&found), ["s"]);
    }
}
