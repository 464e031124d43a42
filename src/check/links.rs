//! Links written in the Markdown of the process and the records. They are relative to the
//! site's root (the same text shows on pages at different depths), so each one is checked
//! here against the pages the site will have, and reported at its record.

use crate::diagnostic::Diagnostic;
use crate::model::{Book, Locator};
use crate::render::{markdown, paths};
use crate::site::ContentLink;
use crate::url;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Every path the built site will have, but the theme's static files.
fn site_paths(book: &Book) -> BTreeSet<String> {
    let mut known: BTreeSet<String> = [
        paths::HOME,
        paths::MATRIX,
        paths::DICTIONARY,
        paths::NOT_FOUND,
        paths::BOARD,
        paths::PEOPLE,
        "matrix.csv",
        "matrix.json",
        "dictionary.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some(p) = &book.process {
        known.extend(p.roles.iter().map(|r| paths::role(&r.id)));
        known.extend(p.activities.iter().map(|a| paths::activity(&a.id)));
    }
    for p in &book.projects {
        known.insert(paths::project(&p.id));
        if p.schema.is_some() {
            known.insert(paths::schema_export(&p.id));
        }
    }
    known.extend(book.pages.iter().map(|p| paths::page(&p.path)));
    if book.pages.len() > crate::render::views::common::NAV_PAGES {
        known.insert(paths::ALL_PAGES.to_string());
    }
    known.extend(book.assets.iter().map(|(p, _)| p.clone()));
    known
}

/// The paths the site will have. The people pages are worked out only when a link points
/// into `people/`, since it takes every record to know who is who.
struct Known<'a> {
    pages: BTreeSet<String>,
    book: &'a Book,
    people: OnceCell<BTreeSet<String>>,
}

impl Known<'_> {
    fn people(&self) -> &BTreeSet<String> {
        self.people.get_or_init(|| {
            let directory = crate::model::people::Directory::new(&self.book.projects);
            directory.people.iter().map(|e| paths::person(&e.slug)).collect()
        })
    }

    fn contains(&self, target: &str) -> bool {
        self.pages.contains(target) || (target.starts_with("people/") && self.people().contains(target))
    }

    /// The paths to suggest instead of `target`: the people pages too when it is one.
    fn candidates(&self, target: &str) -> impl Iterator<Item = &String> {
        let people = target.starts_with("people/").then(|| self.people());
        self.pages.iter().chain(people.into_iter().flatten())
    }
}

pub fn check(book: &Book, out: &mut Vec<Diagnostic>) {
    let known = Known {
        pages: site_paths(book),
        book,
        people: OnceCell::new(),
    };
    each_text(book, |text, what, loc, path| {
        check_text(text, what, loc, path, &known, out)
    });
}

/// Every Markdown text of the process and the records: the text, what it is ("the
/// summary"), its file's locator and its path in the file.
fn each_text(book: &Book, mut visit: impl FnMut(&str, &str, &Locator, &str)) {
    if let Some(p) = &book.process {
        let loc = &p.locator;
        visit(&p.description, "the process description", loc, "description");
        for (i, r) in p.roles.iter().enumerate() {
            let what = format!("the description of role `{}`", r.id);
            visit(&r.description, &what, loc, &format!("roles/{i}/description"));
        }
        for (i, a) in p.activities.iter().enumerate() {
            let what = format!("the description of activity `{}`", a.id);
            visit(&a.description, &what, loc, &format!("activities/{i}/description"));
        }
    }
    for project in &book.projects {
        let loc = &project.record.locator;
        visit(&project.summary, "the summary", loc, "summary");
        for (id, stage) in &project.stages {
            if let Some(notes) = &stage.notes {
                let what = format!("the notes of stage `{id}`");
                visit(notes, &what, loc, &format!("stages/{id}/notes"));
            }
        }
        if let Some(s) = &project.schema {
            visit(&s.description, "the schema description", loc, "schema/description");
            for (i, f) in s.fields.iter().enumerate() {
                let what = format!("the description of field `{}`", f.name);
                visit(&f.description, &what, loc, &format!("{}/description", s.record_path(i)));
            }
        }
        for (i, q) in project.queries.iter().enumerate() {
            let what = format!("the purpose of query `{}`", q.name);
            visit(&q.purpose, &what, loc, &format!("queries/{i}/purpose"));
        }
    }
}

/// Every internal link written in the Markdown of the process and the records, relative to
/// the site's root, with where it was written: the site's link check reports a link that
/// breaks on a page (an anchor the target page lacks) at its source, not on the page.
pub fn content_links(book: &Book) -> Vec<ContentLink> {
    let mut found = Vec::new();
    each_text(book, |text, what, loc, path| {
        if !text.contains('[') {
            return;
        }
        for href in markdown::links(text) {
            if url::scheme(&href).is_none() && !href.starts_with("//") {
                found.push(ContentLink {
                    href,
                    what: what.to_string(),
                    location: loc.value(path),
                });
            }
        }
    });
    found
}

/// The known page in the same folder whose name is closest to `target`'s (names compared
/// without their extension, which every page shares).
fn nearest_page<'a>(target: &str, known: &'a Known) -> Option<&'a String> {
    let (dir, name) = target.rsplit_once('/').unwrap_or(("", target));
    fn stem(n: &str) -> &str {
        n.rsplit_once('.').map_or(n, |(s, _)| s)
    }
    let siblings: Vec<(&str, &String)> = known
        .candidates(target)
        .filter_map(|k| {
            let (d, n) = k.rsplit_once('/').unwrap_or(("", k.as_str()));
            (d == dir).then(|| (stem(n), k))
        })
        .collect();
    let wanted = stem(name);
    let best = crate::suggest::nearest(wanted, siblings.iter().map(|(s, _)| s))?;
    siblings.iter().find(|(s, _)| *s == best).map(|(_, k)| *k)
}

fn check_text(text: &str, what: &str, loc: &Locator, path: &str, known: &Known, out: &mut Vec<Diagnostic>) {
    if !text.contains('[') {
        return;
    }
    for href in markdown::links(text) {
        if let Some(link) = url::refusal(&href) {
            out.push(
                Diagnostic::warning(
                    "refused-link",
                    format!("{link} in {what} is refused; only its text is shown"),
                )
                .at(loc.value(path))
                .hint(super::pages::link_hint(&href, "relative to the site's root")),
            );
            continue;
        }
        if url::scheme(&href).is_some() {
            continue;
        }
        let target = href.split(['#', '?']).next().unwrap_or("");
        if target.is_empty() || target.starts_with("static/") {
            continue;
        }
        let problem = if target.starts_with('/') {
            Some(format!(
                "`{href}` in {what} starts with `/`, so it breaks when the site is served under a sub-path"
            ))
        } else if target.split('/').any(|s| s == "..") {
            Some(format!(
                "`{href}` in {what} climbs with `..`, but links in records are relative to the site's root"
            ))
        } else if !known.contains(target) {
            Some(format!(
                "`{href}` in {what} points to {target}, which the site does not have"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            let hint = nearest_page(target, known).map_or_else(
                || "links in records are relative to the site's root, e.g. `roles/data-analyst.html`".to_string(),
                |p| format!("did you mean `{p}`? (links in records are relative to the site's root)"),
            );
            out.push(Diagnostic::error("broken-link", message).at(loc.value(path)).hint(hint));
        }
    }
}
