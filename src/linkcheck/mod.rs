//! Checks every internal link and anchor of a built site: a link to a page that does not exist,
//! or to an anchor that page does not have, is an error. Links written in Markdown pages are
//! reported at their source line, and so are links written in the process and the records;
//! others are theme bugs and name the output page.

mod scan;

use crate::diagnostic::Diagnostic;
use crate::site::{ContentLink, Site};
use crate::url;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use scan::{scan, Scan};
use std::collections::{HashMap, HashSet};

/// Resolves `href` from the page at `page`: `Some((target path, fragment))` for an internal
/// link, `None` for an external one. `Err` explains a link that can never work.
fn resolve(page: &str, href: &str) -> Option<Result<(String, String), String>> {
    let href = href.trim();
    if href.starts_with("//") || url::scheme(href).is_some() {
        return None;
    }
    let (rest, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = rest.split('?').next().unwrap_or("");
    let fragment = percent_decode_str(fragment).decode_utf8_lossy().into_owned();
    if path.is_empty() {
        return Some(Ok((page.to_string(), fragment)));
    }
    if path.starts_with('/') {
        return Some(Err(format!(
            "`{href}` starts with `/`, so it breaks when the site is served under a sub-path"
        )));
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(format!("`{href}` points above the site's root")));
                }
            }
            s => parts.push(s),
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
    Some(Ok((target, fragment)))
}

/// Every broken internal link of `site`.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    LinkIndex::new(site).check(site)
}

/// The ids and links of every page, kept between rebuilds so that only re-rendered pages
/// are parsed again.
#[derive(Default)]
pub struct LinkIndex {
    scans: HashMap<String, Scan>,
}

fn checked_pages(site: &Site) -> impl Iterator<Item = (&String, &crate::site::Bytes)> {
    site.files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p.as_str() != crate::render::paths::NOT_FOUND)
}

impl LinkIndex {
    /// Parses every page of `site`.
    pub fn new(site: &Site) -> LinkIndex {
        let pages: Vec<(&String, &crate::site::Bytes)> = checked_pages(site).collect();
        LinkIndex {
            scans: pages
                .par_iter()
                .map(|(p, bytes)| (p.to_string(), scan(bytes)))
                .collect(),
        }
    }

    /// Parses again the pages at `paths` (and forgets pages the site no longer has).
    pub fn rescan(&mut self, site: &Site, paths: &[String]) {
        let fresh: Vec<(String, Scan)> = paths
            .par_iter()
            .filter_map(|p| site.files.get(p).map(|bytes| (p.clone(), scan(bytes))))
            .collect();
        self.scans.extend(fresh);
        self.scans.retain(|p, _| site.files.contains_key(p));
    }

    /// Every broken internal link of `site`, from the scans.
    pub fn check(&self, site: &Site) -> Vec<Diagnostic> {
        self.check_pages(site, None)
    }

    /// The broken links of the pages at `pages` and of the Markdown pages. After an
    /// incremental rebuild these are the only links that can have broken: every other page
    /// holds links made from the same ids as before, into pages whose ids did not change.
    pub fn check_from(&self, site: &Site, pages: &[String]) -> Vec<Diagnostic> {
        let mut from: std::collections::BTreeSet<&str> = pages.iter().map(String::as_str).collect();
        from.extend(site.page_links.iter().map(|l| l.page.as_str()));
        self.check_pages(site, Some(&from))
    }

    fn check_pages(&self, site: &Site, only: Option<&std::collections::BTreeSet<&str>>) -> Vec<Diagnostic> {
        let scans = &self.scans;
        let sources: HashMap<(&str, &str), &crate::site::PageLink> = site
            .page_links
            .iter()
            .map(|l| ((l.page.as_str(), l.href.as_str()), l))
            .collect();
        // Links of the process and records are relative to the root; where they show, the
        // page's own prefix was added. Both resolve to the same target and anchor.
        let mut content: HashMap<(String, String), &ContentLink> = HashMap::new();
        for l in &site.content_links {
            if let Some(Ok(key)) = resolve(crate::render::paths::HOME, &l.href) {
                content.entry(key).or_insert(l);
            }
        }
        let mut pages: Vec<&String> = scans
            .keys()
            .filter(|p| only.is_none_or(|o| o.contains(p.as_str())))
            .collect();
        pages.sort();
        // Links are resolved on every core; what is broken is then reported in page order.
        let broken: Vec<(&String, Vec<(&String, Broken)>)> = pages
            .par_iter()
            .map(|&page| {
                let found = scans[page]
                    .links
                    .iter()
                    .filter_map(|href| broken(site, scans, page, href).map(|b| (href, b)))
                    .collect();
                (page, found)
            })
            .collect();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut seen_content = HashSet::new();
        for (page, found) in broken {
            for (href, broken) in found {
                if !seen.insert((page.as_str(), href.as_str())) {
                    continue;
                }
                if let Some(l) = sources.get(&(page.as_str(), href.as_str())) {
                    out.push(
                        Diagnostic::error("broken-link", format!("broken link: {}", broken.problem(href)))
                            .at(l.location.clone())
                            .hint("fix the path (links are relative to the page), or the heading it points to"),
                    );
                } else if let Some(l) = broken.key().and_then(|k| content.get(&k)) {
                    if seen_content.insert((l.location.file.clone(), l.location.bytes.start, l.href.as_str())) {
                        out.push(content_diagnostic(l, &broken));
                    }
                } else {
                    out.push(
                        Diagnostic::error(
                            "broken-link",
                            format!("broken link in {page}: {}", broken.problem(href)),
                        )
                        .hint("this link comes from the theme's templates; fix the template"),
                    );
                }
            }
        }
        out
    }
}

/// Why the link `href` of `page` does not work, if it does not.
fn broken(site: &Site, scans: &HashMap<String, Scan>, page: &str, href: &str) -> Option<Broken> {
    match resolve(page, href)? {
        Err(why) => Some(Broken::Invalid(why)),
        Ok((target, fragment)) => {
            if !site.files.contains_key(&target) {
                Some(Broken::NoPage(target, fragment))
            } else if !fragment.is_empty()
                && target.ends_with(".html")
                && !scans.get(target.as_str()).is_some_and(|t| t.ids.contains(&fragment))
            {
                Some(Broken::NoAnchor(target, fragment))
            } else {
                None
            }
        }
    }
}

/// Why a link does not work.
enum Broken {
    Invalid(String),
    /// The target page (and the anchor asked for) of a link to a page the site lacks.
    NoPage(String, String),
    /// The target page and the anchor it lacks.
    NoAnchor(String, String),
}

impl Broken {
    fn problem(&self, href: &str) -> String {
        match self {
            Broken::Invalid(why) => why.clone(),
            Broken::NoPage(target, _) => format!("`{href}` points to {target}, which the site does not have"),
            Broken::NoAnchor(target, fragment) => {
                format!("`{href}` points to the anchor `#{fragment}`, which {target} does not have")
            }
        }
    }

    fn key(&self) -> Option<(String, String)> {
        match self {
            Broken::Invalid(_) => None,
            Broken::NoPage(t, f) | Broken::NoAnchor(t, f) => Some((t.clone(), f.clone())),
        }
    }
}

/// A broken link of the process or a record, at the line that holds it.
fn content_diagnostic(l: &ContentLink, broken: &Broken) -> Diagnostic {
    let (href, what) = (&l.href, &l.what);
    let (message, hint) = match broken {
        Broken::NoAnchor(target, fragment) => (
            format!("`{href}` in {what} points to the anchor `#{fragment}`, which {target} does not have"),
            format!("link to an anchor {target} has (a heading's id), or drop `#{fragment}`"),
        ),
        _ => (
            format!("`{href}` in {what}: {}", broken.problem(href)),
            "links in records are relative to the site's root, e.g. `roles/data-analyst.html`".to_string(),
        ),
    };
    Diagnostic::error("broken-link", message)
        .at(l.location.clone())
        .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths_and_fragments() {
        assert_eq!(
            resolve("roles/pm.html", "../index.html#x"),
            Some(Ok(("index.html".into(), "x".into())))
        );
        assert_eq!(resolve("a.html", "#top"), Some(Ok(("a.html".into(), "top".into()))));
        assert_eq!(resolve("a.html", "https://x.org"), None);
        assert_eq!(resolve("a.html", "mailto:a@b"), None);
        assert_eq!(
            resolve("a/b.html", "./c%20d.html?q=1"),
            Some(Ok(("a/c d.html".into(), String::new())))
        );
        assert_eq!(
            resolve("a.html", "guide/"),
            Some(Ok(("guide/index.html".into(), String::new())))
        );
        assert!(matches!(resolve("a.html", "../../x.html"), Some(Err(_))));
        assert!(matches!(resolve("a.html", "/x.html"), Some(Err(_))));
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let mut site = Site::default();
        site.insert(
            "index.html",
            br##"<a href="b.html#there">x</a><a href="c.html">y</a><a href="#here">z</a><p id="here"></p>"##.to_vec(),
        );
        site.insert("b.html", br#"<p id="elsewhere"></p>"#.to_vec());
        let found = check(&site);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 2, "{messages:?}");
        assert!(messages[0].contains("#there"));
        assert!(messages[1].contains("c.html"));
    }
}
