//! The data dictionary: every field of every schema, grouped by name; under a name, the uses
//! that share a meaning (type, description, constraints) are shown once with their users, so
//! the page stays compact however many schemas share a field. Uses that differ only in their
//! example or retention share the meaning; each use shows its own. Conflicts are flagged.

use super::common::md;
use super::project::{constraints, retention};
use crate::model::{Book, Field};
use crate::render::paths;
use serde::Serialize;

/// One schema's use of a field name.
#[derive(Debug, Clone, Serialize)]
pub struct FieldUse<'a> {
    pub schema: &'a str,
    pub project_title: &'a str,
    pub project_path: String,
    pub required: bool,
    pub sensitivity: &'static str,
    pub retention: String,
    /// This use's example, when the uses of the meaning do not share one.
    pub example: Option<String>,
}

/// A meaning of a field name: what several schemas agree on, and which schemas they are.
#[derive(Debug, Clone, Serialize)]
pub struct Definition<'a> {
    /// Which meaning of the name this is, from 1.
    pub number: usize,
    #[serde(rename = "type")]
    pub ty: String,
    pub description_html: String,
    pub constraints: Vec<String>,
    /// The example, when every use of this meaning gives the same one.
    pub example: Option<String>,
    pub uses: Vec<FieldUse<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry<'a> {
    pub name: &'a str,
    pub anchor: String,
    /// The distinct types used; more than one is a conflict.
    pub types: Vec<String>,
    pub type_conflict: bool,
    pub description_conflict: bool,
    pub use_count: usize,
    /// How many meanings the name has (some may not be shown, when the entry is cut).
    pub meaning_count: usize,
    pub definitions: Vec<Definition<'a>>,
    /// The uses shown: all of them, or the first [`paths::ENTRY_USES`] on a letter page.
    pub shown: usize,
    /// The first page of the name's uses, when the entry does not show them all.
    pub uses_path: Option<String>,
}

/// The dictionary's index page (`dictionary.html`): counts, letter jumps and, under each
/// letter, its pages of entries. Its size grows with the number of letters and pages, not
/// with the entries.
#[derive(Debug, Clone, Serialize)]
pub struct DictionaryView {
    pub entry_count: usize,
    pub field_count: usize,
    pub schema_count: usize,
    pub conflict_count: usize,
    /// A to Z and `other`: each a link to its letter's section when names start with it.
    pub jumps: Vec<Jump>,
    pub letters: Vec<Letter>,
}

/// One letter in the index's jumps.
#[derive(Debug, Clone, Serialize)]
pub struct Jump {
    pub label: String,
    /// `#letter-f`, when a name starts with the letter.
    pub href: Option<String>,
}

/// One letter's section in the index: its pages of entries.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub label: String,
    pub id: String,
    pub count: usize,
    pub pages: Vec<PageRef>,
}

/// A page of entries, named by the first and last name on it.
#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    pub path: String,
    pub first: String,
    pub last: String,
    pub count: usize,
}

/// One page of entries (`dictionary/f.html`). Entries are rendered one by one
/// (`partials/dictionary-entry.html` and `partials/dictionary-index-item.html`) by
/// [`crate::render::fragments`].
#[derive(Debug, Clone, Serialize)]
pub struct DictionaryPageView<'a> {
    pub letter: String,
    /// Which page of its letter this is, from 1, of how many.
    pub number: usize,
    pub of: usize,
    pub count: usize,
    /// The list of the names on this page.
    pub index_html: &'a str,
    /// The entries on this page, by name.
    pub entries_html: &'a str,
    pub previous: Option<PageRef>,
    pub next: Option<PageRef>,
}

/// How a letter is shown: `F`, or `Other` for names that do not start with a letter.
pub fn letter_label(letter: &str) -> String {
    match letter {
        "other" => "Other".to_string(),
        l => l.to_uppercase(),
    }
}

/// The reference to a page of entries.
pub fn page_ref(p: &crate::render::dictionary_pages::DictPage) -> PageRef {
    PageRef {
        path: p.path.clone(),
        first: p.names.first().map_or_else(String::new, |n| n.to_string()),
        last: p.names.last().map_or_else(String::new, |n| n.to_string()),
        count: p.names.len(),
    }
}

/// The index's letters and jumps, from the pages of entries.
pub fn letters(pages: &[crate::render::dictionary_pages::DictPage]) -> (Vec<Jump>, Vec<Letter>) {
    let mut letters: Vec<Letter> = Vec::new();
    for p in pages {
        if letters.last().is_none_or(|l| l.id != format!("letter-{}", p.letter)) {
            letters.push(Letter {
                label: letter_label(&p.letter),
                id: format!("letter-{}", p.letter),
                count: 0,
                pages: Vec::new(),
            });
        }
        if let Some(l) = letters.last_mut() {
            l.count += p.names.len();
            l.pages.push(page_ref(p));
        }
    }
    let jumps = ('a'..='z')
        .map(|c| c.to_string())
        .chain(["other".to_string()])
        .map(|l| Jump {
            label: letter_label(&l),
            href: letters
                .iter()
                .any(|x| x.id == format!("letter-{l}"))
                .then(|| format!("#letter-{l}")),
        })
        .collect();
    (jumps, letters)
}

/// What makes two uses of a name mean the same: type, description and constraints. An example
/// or a retention period is a detail of one use.
fn meaning(f: &Field) -> (String, &str, Vec<String>) {
    (f.type_label(), f.description.trim(), constraints(f))
}

/// The entry of field `name`, used at `places` (project index, field index), for a page
/// `root` below the site's root.
pub fn entry<'a>(book: &'a Book, name: &'a str, places: &[(usize, usize)], root: &str) -> Entry<'a> {
    let mut keys: Vec<(String, &str, Vec<String>)> = Vec::new();
    let mut definitions: Vec<Definition> = Vec::new();
    for &(p, f) in places {
        let project = &book.projects[p];
        let schema = project.schema.as_ref().expect("listed fields have a schema");
        let field = &schema.fields[f];
        let key = meaning(field);
        let at = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                definitions.push(Definition {
                    number: definitions.len() + 1,
                    ty: key.0.clone(),
                    description_html: md(&field.description, root),
                    constraints: key.2.clone(),
                    example: None,
                    uses: Vec::new(),
                });
                keys.push(key);
                keys.len() - 1
            }
        };
        definitions[at].uses.push(FieldUse {
            schema: &schema.name,
            project_title: &project.title,
            project_path: format!("{}#{}", paths::project(&project.id), paths::field_anchor(name)),
            required: field.required,
            sensitivity: field.sensitivity_label(),
            retention: retention(schema, field),
            example: field.example.as_ref().map(|e| e.to_string()),
        });
    }
    // One example shared by every use is the meaning's; otherwise each use shows its own.
    for d in &mut definitions {
        let first = d.uses[0].example.clone();
        if first.is_some() && d.uses.iter().all(|u| u.example == first) {
            d.example = first;
            for u in &mut d.uses {
                u.example = None;
            }
        }
    }
    let mut types: Vec<String> = keys.iter().map(|k| k.0.clone()).collect();
    types.sort_unstable();
    types.dedup();
    let mut descriptions: Vec<&str> = keys.iter().map(|k| k.1).collect();
    descriptions.sort_unstable();
    descriptions.dedup();
    Entry {
        name,
        anchor: paths::field_anchor(name),
        type_conflict: types.len() > 1,
        types,
        description_conflict: descriptions.len() > 1,
        use_count: places.len(),
        meaning_count: definitions.len(),
        definitions,
        shown: places.len(),
        uses_path: None,
    }
}

impl<'a> Entry<'a> {
    pub fn has_conflict(&self) -> bool {
        self.type_conflict || self.description_conflict
    }

    /// The entry as a letter page shows it: at most [`paths::ENTRY_USES`] uses, the first
    /// ones meaning by meaning, and a link to the pages of every use when that leaves some out.
    pub fn capped(mut self) -> Entry<'a> {
        if self.use_count <= paths::ENTRY_USES {
            return self;
        }
        self.definitions = slice(self.definitions, 0, paths::ENTRY_USES);
        self.shown = paths::ENTRY_USES;
        self.uses_path = Some(paths::dictionary_uses(self.name, 1));
        self
    }

    /// The number of pages listing every use of the name; none when its entry shows them all.
    pub fn uses_page_count(&self) -> usize {
        match self.use_count > paths::ENTRY_USES {
            true => self.use_count.div_ceil(paths::USES_PER_PAGE),
            false => 0,
        }
    }
}

/// The meanings holding uses `start..start + len` of `definitions` (counting meaning by
/// meaning), with only those uses.
fn slice<'a>(definitions: Vec<Definition<'a>>, start: usize, len: usize) -> Vec<Definition<'a>> {
    let mut at = 0;
    let mut out = Vec::new();
    for mut d in definitions {
        let (from, to) = (at, at + d.uses.len());
        at = to;
        let (lo, hi) = (from.max(start), to.min(start + len));
        if lo < hi {
            d.uses = d.uses.drain(lo - from..hi - from).collect();
            out.push(d);
        }
    }
    out
}

/// One page of the uses of a field name (`dictionary/uses/<slug>.html`): the meanings of the
/// uses on it, each with its uses there.
#[derive(Debug, Clone, Serialize)]
pub struct UsesPageView<'a> {
    pub name: &'a str,
    /// The name's entry on its letter page, from the site's root.
    pub entry_path: String,
    pub types: Vec<String>,
    pub type_conflict: bool,
    pub description_conflict: bool,
    pub use_count: usize,
    pub meaning_count: usize,
    /// Which page this is (from 1), of how many, and the uses on it (their numbers, from 1).
    pub number: usize,
    pub of: usize,
    pub first: usize,
    pub last: usize,
    pub definitions: Vec<Definition<'a>>,
    /// Links to every page of the name's uses.
    pub pager: Vec<super::home::PagerLink>,
}

/// Page `n` (from 1) of the uses of `e`, whose entry is on the letter page `letter_page`.
pub fn uses_page<'a>(e: Entry<'a>, letter_page: &str, n: usize) -> UsesPageView<'a> {
    let name = e.name;
    let pager = super::home::pages_of(e.use_count, paths::USES_PER_PAGE, n, |k| {
        paths::dictionary_uses(name, k)
    });
    let first = (n.max(1) - 1) * paths::USES_PER_PAGE;
    let last = (first + paths::USES_PER_PAGE).min(e.use_count);
    UsesPageView {
        name,
        entry_path: format!("{letter_page}#{}", e.anchor),
        types: e.types,
        type_conflict: e.type_conflict,
        description_conflict: e.description_conflict,
        use_count: e.use_count,
        meaning_count: e.meaning_count,
        number: n,
        of: e.use_count.div_ceil(paths::USES_PER_PAGE),
        first: first + 1,
        last,
        definitions: slice(e.definitions, first, paths::USES_PER_PAGE),
        pager,
    }
}
