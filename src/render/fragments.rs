//! The per-project pieces of the pages that list every project: a card on the home page, a row
//! on each activity page and each role page, and the dictionary's entries. Each piece is
//! rendered once through the theme's `partials/` templates and kept, so that when one record
//! changes only its pieces are rendered again and those pages are stitched from the rest.

use super::theme::Theme;
use super::views::dictionary;
use super::views::home::summary;
use super::views::process::{project_at_stage, role_in_project, RoleInProject, RoleRows};
use crate::check::field_uses;
use crate::diagnostic::Diagnostic;
use crate::model::{Book, Process, Project};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The partial templates, with the name each gives its item.
const CARD: (&str, &str) = ("partials/project-card.html", "p");
const STAGE_ROW: (&str, &str) = ("partials/stage-row.html", "p");
const HOLDER_ROW: (&str, &str) = ("partials/holder-row.html", "h");
const UNFILLED_ITEM: (&str, &str) = ("partials/unfilled-item.html", "u");
const INDEX_ITEM: (&str, &str) = ("partials/dictionary-index-item.html", "e");
const ENTRY: (&str, &str) = ("partials/dictionary-entry.html", "e");

/// Activity and role pages are one folder down; the home page and the dictionary at the root.
const NESTED: &str = "../";
const TOP: &str = "";

/// What a project shows on a role's page.
enum RoleRow {
    Held(String),
    Unfilled(String),
}

/// One field name's entry in the dictionary.
struct EntryHtml {
    index_item: String,
    section: String,
    conflict: bool,
}

/// Where a field name is used: (project index, field index).
type Places = Vec<(usize, usize)>;

/// One project's pieces.
struct Pieces {
    card: String,
    stage_rows: Vec<String>,
    role_rows: Vec<RoleRow>,
}

/// Every project's pieces, by page.
pub struct Fragments {
    cards: Vec<String>,
    /// `[activity][project]`
    stage_rows: Vec<Vec<String>>,
    /// `[role][project]`
    role_rows: Vec<Vec<RoleRow>>,
    entries: BTreeMap<String, EntryHtml>,
}

fn render_one(
    theme: &Theme,
    (template, key): (&str, &str),
    root: &str,
    item: &impl Serialize,
) -> Result<String, Diagnostic> {
    let mut ctx = tera::Context::new();
    ctx.insert("root", root);
    ctx.insert(key, item);
    theme.render_context(template, &ctx)
}

fn pieces(theme: &Theme, process: &Process, p: &Project) -> Result<Pieces, Diagnostic> {
    let card = render_one(theme, CARD, TOP, &summary(process, p))?;
    let stage_rows = process
        .activities
        .iter()
        .map(|a| render_one(theme, STAGE_ROW, NESTED, &project_at_stage(a, p)))
        .collect::<Result<_, _>>()?;
    let role_rows = (0..process.roles.len())
        .map(|r| match role_in_project(process, r, p) {
            RoleInProject::Held(h) => render_one(theme, HOLDER_ROW, NESTED, &h).map(RoleRow::Held),
            RoleInProject::Unfilled(u) => render_one(theme, UNFILLED_ITEM, NESTED, &u).map(RoleRow::Unfilled),
        })
        .collect::<Result<_, _>>()?;
    Ok(Pieces {
        card,
        stage_rows,
        role_rows,
    })
}

fn entry_html(theme: &Theme, book: &Book, name: &str, places: &[(usize, usize)]) -> Result<EntryHtml, Diagnostic> {
    let e = dictionary::entry(book, name, places);
    Ok(EntryHtml {
        index_item: render_one(theme, INDEX_ITEM, TOP, &e)?,
        section: render_one(theme, ENTRY, TOP, &e)?,
        conflict: e.has_conflict(),
    })
}

/// The first error of `results`, or their values.
fn all<T>(results: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut ok = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            // One template error repeats for every project: report it once.
            Err(d) => return Err(vec![d]),
        }
    }
    Ok(ok)
}

impl Fragments {
    /// Renders every project's pieces, in parallel.
    pub fn new(book: &Book, process: &Process, theme: &Theme) -> Result<Fragments, Vec<Diagnostic>> {
        let per_project = all(book.projects.par_iter().map(|p| pieces(theme, process, p)).collect())?;
        let mut fragments = Fragments {
            cards: Vec::with_capacity(per_project.len()),
            stage_rows: vec![Vec::with_capacity(per_project.len()); process.activities.len()],
            role_rows: (0..process.roles.len())
                .map(|_| Vec::with_capacity(per_project.len()))
                .collect(),
            entries: BTreeMap::new(),
        };
        for p in per_project {
            fragments.cards.push(p.card);
            for (rows, row) in fragments.stage_rows.iter_mut().zip(p.stage_rows) {
                rows.push(row);
            }
            for (rows, row) in fragments.role_rows.iter_mut().zip(p.role_rows) {
                rows.push(row);
            }
        }
        let uses: Vec<(&str, Vec<(usize, usize)>)> = field_uses(&book.projects).into_iter().collect();
        let entries = all(uses
            .par_iter()
            .map(|(name, places)| entry_html(theme, book, name, places).map(|e| (name.to_string(), e)))
            .collect())?;
        fragments.entries = entries.into_iter().collect();
        Ok(fragments)
    }

    /// Renders again the pieces of the projects at `changed` and the dictionary entries of
    /// `names` (the field names those projects had before and have now). The projects must be
    /// the ones the fragments were made from, in the same order.
    pub fn update(
        &mut self,
        book: &Book,
        process: &Process,
        theme: &Theme,
        changed: &[usize],
        names: &BTreeSet<String>,
    ) -> Result<(), Vec<Diagnostic>> {
        let fresh = all(changed
            .par_iter()
            .map(|&i| pieces(theme, process, &book.projects[i]))
            .collect())?;
        for (&i, p) in changed.iter().zip(fresh) {
            self.cards[i] = p.card;
            for (rows, row) in self.stage_rows.iter_mut().zip(p.stage_rows) {
                rows[i] = row;
            }
            for (rows, row) in self.role_rows.iter_mut().zip(p.role_rows) {
                rows[i] = row;
            }
        }
        let uses = field_uses(&book.projects);
        let todo: Vec<(&String, Option<&Places>)> = names.iter().map(|n| (n, uses.get(n.as_str()))).collect();
        let fresh = all(todo
            .par_iter()
            .map(|(name, places)| match places {
                Some(places) => entry_html(theme, book, name, places).map(Some),
                None => Ok(None),
            })
            .collect())?;
        for ((name, _), entry) in todo.into_iter().zip(fresh) {
            match entry {
                Some(e) => self.entries.insert(name.clone(), e),
                None => self.entries.remove(name),
            };
        }
        Ok(())
    }

    /// The home page's cards.
    pub fn cards_html(&self) -> String {
        self.cards.join("\n")
    }

    /// Activity `a`'s rows.
    pub fn stage_rows_html(&self, a: usize) -> String {
        self.stage_rows[a].join("\n")
    }

    /// Role `r`'s rows: (holders, projects where nobody holds it).
    pub fn role_rows_html(&self, r: usize) -> (String, usize, String, usize) {
        let mut held = Vec::new();
        let mut unfilled = Vec::new();
        for row in &self.role_rows[r] {
            match row {
                RoleRow::Held(s) => held.push(s.as_str()),
                RoleRow::Unfilled(s) => unfilled.push(s.as_str()),
            }
        }
        (held.join("\n"), held.len(), unfilled.join("\n"), unfilled.len())
    }

    /// The dictionary: (A–Z list, entries, number of names, number of names in conflict).
    pub fn dictionary_html(&self) -> (String, String, usize, usize) {
        let index: Vec<&str> = self.entries.values().map(|e| e.index_item.as_str()).collect();
        let sections: Vec<&str> = self.entries.values().map(|e| e.section.as_str()).collect();
        let conflicts = self.entries.values().filter(|e| e.conflict).count();
        (index.join("\n"), sections.join("\n"), self.entries.len(), conflicts)
    }
}

impl<'a> RoleRows<'a> {
    /// The rows of `html` from [`Fragments::role_rows_html`].
    pub fn from(html: &'a (String, usize, String, usize)) -> RoleRows<'a> {
        RoleRows {
            holder_rows_html: &html.0,
            holder_count: html.1,
            unfilled_html: &html.2,
            unfilled_count: html.3,
        }
    }
}
