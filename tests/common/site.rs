//! Helpers for the `build` integration tests: building a book in memory, parsing its pages with
//! scraper, reading a written site back from disk, and resolving links the way a browser does.

use dacibook::build::{build_in_memory, Built};
use dacibook::model::{Book as Model, Process};
use dacibook::site::Site;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

/// The repository's own book.
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The RACI fixture book.
pub fn raci_root() -> std::path::PathBuf {
    Path::new(REPO).join("tests/fixtures/raci-book")
}

/// Runs the whole pipeline; panics on an I/O failure.
pub fn build(root: &Path) -> Built {
    build_in_memory(root).unwrap_or_else(|e| panic!("building {} failed: {e:#}", root.display()))
}

/// Builds a book that must build; fails listing the diagnostics otherwise.
pub fn build_site(root: &Path) -> Site {
    let built = build(root);
    let dump = super::dump(built.diagnostics());
    built
        .site
        .unwrap_or_else(|| panic!("{} did not build:\n{dump}", root.display()))
}

/// The repository's book, built once per test binary (a debug build of it takes a while).
pub fn repo_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build_site(Path::new(REPO)))
}

/// The RACI fixture, built once per test binary.
pub fn raci_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build_site(&raci_root()))
}

/// The book's model as loaded (not checked), to compare pages against.
pub fn model(root: &Path) -> Model {
    let loaded = dacibook::load(root).expect("the book loads");
    loaded.book.expect("book.toml parses")
}

pub fn process(book: &Model) -> &Process {
    book.process.as_ref().map(|p| &p.value).expect("the process parses")
}

/// A file of the site as text.
pub fn file_text<'a>(site: &'a Site, path: &str) -> &'a str {
    let bytes = site.files.get(path).unwrap_or_else(|| {
        panic!(
            "the site has no {path}; it has {:?}",
            site.files.keys().collect::<Vec<_>>()
        )
    });
    std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"))
}

/// A page of the site, parsed.
pub fn page(site: &Site, path: &str) -> Html {
    Html::parse_document(file_text(site, path))
}

/// The output paths of every HTML page.
pub fn html_paths(site: &Site) -> Vec<&str> {
    site.files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(String::as_str)
        .collect()
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// Every element matching `css` below `el`.
pub fn all<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    el.select(&sel(css)).collect()
}

/// The one element matching `css` below `el`; fails unless there is exactly one.
pub fn one<'a>(el: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found = all(el, css);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one `{css}` in:\n{}",
        snippet(&el.html())
    );
    found[0]
}

/// The elements matching `css` in a whole document.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(css)).collect()
}

/// The one element matching `css` in a document.
pub fn select_one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    one(doc.root_element(), css)
}

/// Whether `el` has the class `class`.
pub fn has_class(el: ElementRef, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

/// The text of an element with runs of whitespace collapsed to one space, trimmed.
pub fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An attribute that must be there.
pub fn attr<'a>(el: ElementRef<'a>, name: &str) -> &'a str {
    el.value()
        .attr(name)
        .unwrap_or_else(|| panic!("no `{name}` attribute on {}", snippet(&el.html())))
}

/// At most a few hundred characters of `s`, for assertion messages.
pub fn snippet(s: &str) -> String {
    if s.len() <= 600 {
        return s.to_string();
    }
    let mut end = 600;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Every file below `dir`, by `/`-separated path from it.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display())) {
            let e = e.expect("a folder entry");
            let path = e.path();
            if e.file_type().expect("a file type").is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("below the root");
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(key, fs::read(&path).expect("read an output file"));
            }
        }
    }
    out
}

/// `%XX` escapes decoded (as UTF-8, lossily).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The scheme of a URL as a browser reads it (leading spaces and control characters dropped,
/// tabs and newlines removed, lowercased), or `None` for a relative reference.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let head = &cleaned[..colon];
    let is_scheme = head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| head.to_ascii_lowercase())
}

/// Where a link goes inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Not in the site: another scheme or host.
    External,
    /// A site path (`roles/pm.html`) and a decoded fragment (empty when none).
    Internal(String, String),
    /// A link that cannot work, and why.
    Broken(String),
}

/// Resolves `href` written in the site page at `page` (a `/`-separated path from the root),
/// as a browser would for a site served from a folder. `root_path` says where a `/…` link
/// lands: `None` makes such links broken (they fail under a sub-path).
pub fn resolve(page: &str, href: &str, root_path: Option<&str>) -> Target {
    let href = href.trim();
    if href.starts_with("//") || scheme(href).is_some() {
        return Target::External;
    }
    let (before_fragment, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = before_fragment.split('?').next().unwrap_or("");
    let fragment = percent_decode(fragment);
    if path.is_empty() {
        return Target::Internal(page.to_string(), fragment);
    }
    let mut parts: Vec<String> = if let Some(abs) = path.strip_prefix('/') {
        let Some(prefix) = root_path else {
            return Target::Broken(format!("`{href}` is absolute"));
        };
        let Some(rest) = format!("/{abs}").strip_prefix(prefix).map(str::to_string) else {
            return Target::Broken(format!("`{href}` is outside {prefix}"));
        };
        return resolve("index.html", &format!("{rest}{}", hash(&fragment)), None);
    } else {
        let mut p: Vec<String> = page.split('/').map(str::to_string).collect();
        p.pop();
        p
    };
    let decoded = percent_decode(path);
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Broken(format!("`{href}` goes above the root"));
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut target = parts.join("/");
    if decoded.ends_with('/') || target.is_empty() {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    Target::Internal(target, fragment)
}

fn hash(fragment: &str) -> String {
    if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    }
}

/// Every `id` (and `a[name]`) of a page.
pub fn ids(doc: &Html) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for el in select(doc, "[id]") {
        out.insert(attr(el, "id").to_string());
    }
    for el in select(doc, "a[name]") {
        out.insert(attr(el, "name").to_string());
    }
    out
}

/// Resolves `href` against an absolute http(s) `base` URL (RFC 3986, enough for links in a
/// page: absolute URLs, `//host`, `/path`, relative paths with `..`, query and fragment).
pub fn resolve_url(base: &str, href: &str) -> String {
    let href = href.trim();
    if scheme(href).is_some() {
        return href.to_string();
    }
    let (scheme_part, rest) = base.split_once("://").expect("an absolute base URL");
    if let Some(h) = href.strip_prefix("//") {
        return format!("{scheme_part}://{h}");
    }
    let host_end = rest.find('/').unwrap_or(rest.len());
    let (host, base_path) = rest.split_at(host_end);
    let base_path = base_path.split(['?', '#']).next().unwrap_or("");
    let origin = format!("{scheme_part}://{host}");
    if href.starts_with('#') {
        return format!("{origin}{base_path}{href}");
    }
    let (href_path, tail) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let joined = if href_path.starts_with('/') {
        href_path.to_string()
    } else if href_path.is_empty() {
        base_path.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{href_path}")
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = joined.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut path = out.join("/");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    format!("{origin}{path}{tail}")
}
