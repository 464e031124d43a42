//! The search index: every field name, project, person, role, activity and Markdown page as a small
//! document, written as a script (`search-index.js`) so that it also loads when the site is
//! opened from disk, where pages cannot fetch files. The theme's `search.js` loads it the first
//! time someone searches.
//!
//! Each document is `[kind, title, url, snippet, text]`: `url` is relative to the site root,
//! `snippet` is shown under the title, and `text` is what a query is matched against: the title
//! and the document's words, folded (NFKD, marks removed, lowercased) so that `resume` finds
//! `Résumé` in any language. No stemming: the words are matched by prefix.

use super::paths;
use crate::check::field_uses;
use crate::model::people::Directory;
use crate::model::{Book, Process};
use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Where the index goes in the site.
pub const INDEX: &str = "search-index.js";

/// At most this many characters of a Markdown page are indexed.
const PAGE_TEXT: usize = 4000;
/// Snippets are cut to about this many characters.
const SNIPPET: usize = 140;

/// Folds `s` for matching: compatibility decomposition, combining marks dropped, lowercase,
/// runs of anything but letters, digits and `_` made one space. The browser does the same to
/// the query (`search.js`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The plain text of Markdown.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for e in Parser::new(markdown) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The first `SNIPPET` characters of `text` on one line, cut at a word.
fn snippet(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SNIPPET {
        return one_line;
    }
    let cut: String = one_line.chars().take(SNIPPET).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

struct Doc {
    kind: &'static str,
    title: String,
    url: String,
    snippet: String,
    text: String,
}

impl Doc {
    fn new(kind: &'static str, title: &str, url: String, snippet_text: &str, more: &[&str]) -> Doc {
        let mut all = String::from(title);
        for m in more {
            all.push(' ');
            all.push_str(m);
        }
        Doc {
            kind,
            title: title.to_string(),
            url,
            snippet: snippet(snippet_text),
            text: fold(&all),
        }
    }
}

/// The document of the field `name`, used at `places` (project, field) of `book`.
fn field_doc(book: &Book, name: &str, page: &str, places: &[(usize, usize)]) -> Doc {
    let mut descriptions: Vec<&str> = Vec::new();
    let mut types: Vec<&str> = Vec::new();
    let mut schemas: Vec<&str> = Vec::new();
    for &(p, f) in places {
        let Some(schema) = book.projects[p].schema.as_ref() else {
            continue;
        };
        let field = &schema.fields[f];
        let d = field.description.trim();
        if !d.is_empty() && !descriptions.contains(&d) {
            descriptions.push(d);
        }
        if !types.contains(&field.ty.as_str()) {
            types.push(field.ty.as_str());
        }
        if !schemas.contains(&schema.name.as_str()) {
            schemas.push(&schema.name);
        }
    }
    let described: Vec<String> = descriptions.iter().map(|d| plain(d)).collect();
    let shown = format!(
        "{} · {} schema{} · {}",
        types.join(", "),
        schemas.len(),
        if schemas.len() == 1 { "" } else { "s" },
        described.first().map_or("", String::as_str)
    );
    let mut more: Vec<&str> = described.iter().map(String::as_str).collect();
    more.extend(&schemas);
    Doc::new(
        "field",
        name,
        format!("{page}#{}", paths::field_anchor(name)),
        &shown,
        &more,
    )
}

fn project_doc(p: &crate::model::Project) -> Doc {
    let summary = plain(&p.summary);
    let schema = p.schema.as_ref().map_or("", |s| s.name.as_str());
    let team = p.team.as_deref().unwrap_or("");
    let shown = match (team, summary.is_empty()) {
        ("", _) => summary.clone(),
        (t, true) => format!("{t} · {}", p.status.label()),
        (t, false) => format!("{t} · {summary}"),
    };
    Doc::new(
        "project",
        &p.title,
        paths::project(&p.id),
        &shown,
        &[&p.id, team, schema, &summary],
    )
}

/// Every document, in a fixed order: fields by name, projects, people, roles, activities and
/// pages. Fields and projects, the many, are made in parallel.
fn docs(book: &Book, process: &Process, people: &Directory) -> Vec<Doc> {
    let fields: Vec<_> = field_uses(&book.projects).into_iter().collect();
    let pages = super::dictionary_pages::locations(fields.iter().map(|(name, _)| *name));
    let mut docs: Vec<Doc> = fields
        .par_iter()
        .map(|(name, places)| field_doc(book, name, &pages[name], places))
        .collect();
    docs.par_extend(book.projects.par_iter().map(project_doc));
    for person in &people.people {
        let projects = person.projects().len();
        let shown = format!(
            "{}{} project{}",
            person.handles.first().map(|h| format!("@{h} · ")).unwrap_or_default(),
            projects,
            if projects == 1 { "" } else { "s" }
        );
        let mut more: Vec<&str> = person.handles.iter().map(String::as_str).collect();
        more.extend(person.other_names.iter().map(String::as_str));
        docs.push(Doc::new(
            "person",
            &person.name,
            paths::person(&person.slug),
            &shown,
            &more,
        ));
    }
    for r in &process.roles {
        let description = plain(&r.description);
        docs.push(Doc::new(
            "role",
            &r.name,
            paths::role(&r.id),
            &description,
            &[r.short_name(), &r.id, &description],
        ));
    }
    for (n, a) in process.activities.iter().enumerate() {
        let description = plain(&a.description);
        let checklist: Vec<&str> = a.checklist.iter().map(|c| c.text.as_str()).collect();
        let checklist = checklist.join(" ");
        docs.push(Doc::new(
            "activity",
            &format!("{}. {}", n + 1, a.name),
            paths::activity(&a.id),
            &description,
            &[&a.id, &description, &checklist],
        ));
    }
    for page in &book.pages {
        let text: String = plain(&page.body).chars().take(PAGE_TEXT).collect();
        docs.push(Doc::new(
            "page",
            &page.title(),
            paths::page(&page.path),
            &text,
            &[&text],
        ));
    }
    docs
}

/// The index as a script that sets `window.dacibookSearchIndex`.
/// `people` is the directory of `book`'s people.
pub fn index_js(book: &Book, process: &Process, people: &Directory) -> Vec<u8> {
    let docs: Vec<[String; 5]> = docs(book, process, people)
        .into_iter()
        .map(|d| [d.kind.to_string(), d.title, d.url, d.snippet, d.text])
        .collect();
    let json = serde_json::to_string(&serde_json::json!({ "v": 1, "docs": docs })).expect("strings always serialize");
    format!("window.dacibookSearchIndex={json};\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_unicode_aware() {
        assert_eq!(fold("Résumé  Straße"), "resume straße");
        assert_eq!(fold("ÉCOLE—page_id!"), "ecole page_id");
        assert_eq!(fold("Ｆｕｌｌｗｉｄｔｈ"), "fullwidth");
        assert_eq!(fold("Привет, мир"), "привет мир");
        assert_eq!(fold("検索 テスト"), "検索 テスト");
    }

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SNIPPET + 1);
    }
}
