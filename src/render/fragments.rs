//! The per-project pieces of the pages that list every project: a card on the home page and on
//! the board, a row on each activity page and each role page, a piece on the page of each
//! person the project names, and the dictionary's entries. Each piece is rendered once through
//! the theme's `partials/` templates and kept, so that when one record changes only its pieces
//! are rendered again and those pages are stitched from the rest.

use super::dictionary_pages::{self, DictPage};
use super::theme::Theme;
use super::views::board::{self, Placement};
use super::views::dictionary;
use super::views::home::summary;
use super::views::people::{self, RoleSetRows};
use super::views::process::{project_at_stage, role_in_project, RoleInProject, RoleRows};
use super::views::Prepared;
use crate::check::field_uses;
use crate::diagnostic::Diagnostic;
use crate::model::people::{Directory, Entry, PersonKey};
use crate::model::{Book, Process, Project};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The partial templates, with the name each gives its item.
const CARD: (&str, &str) = ("partials/project-card.html", "p");
const STAGE_ROW: (&str, &str) = ("partials/stage-row.html", "p");
const HOLDER_ROW: (&str, &str) = ("partials/holder-row.html", "h");
const UNFILLED_ITEM: (&str, &str) = ("partials/unfilled-item.html", "u");
const INDEX_ITEM: (&str, &str) = ("partials/dictionary-index-item.html", "e");
const ENTRY: (&str, &str) = ("partials/dictionary-entry.html", "e");
const BOARD_CARD: (&str, &str) = ("partials/board-card.html", "c");
const PERSON_PROJECT: (&str, &str) = ("partials/person-project.html", "s");
const WAITING_ITEM: (&str, &str) = ("partials/waiting-item.html", "w");
const PERSON_ROW: (&str, &str) = ("partials/person-row.html", "p");

/// Activity, role, person and dictionary pages are one folder down; the home page and the
/// board at the root.
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
    /// Where the name is used, for the pages of its uses.
    places: Places,
    /// How many pages list its uses (none when its entry shows them all).
    uses_pages: usize,
}

/// Where a field name is used: (project index, field index).
type Places = Vec<(usize, usize)>;

/// A project's card on the board, and where it goes.
struct BoardPiece {
    placement: Placement,
    paused: bool,
    blocked: bool,
    html: String,
}

/// What one person's page shows of one project.
struct PersonPiece {
    /// The roles they fill there (ids, in process order): their page groups projects by them.
    roles: Vec<String>,
    row: String,
    waiting: String,
    waiting_count: usize,
}

/// One project's pieces.
struct Pieces {
    card: String,
    stage_rows: Vec<String>,
    role_rows: Vec<RoleRow>,
    board: Option<BoardPiece>,
    people: BTreeMap<PersonKey, Arc<PersonPiece>>,
}

/// Every project's pieces, by page.
pub struct Fragments {
    cards: Vec<String>,
    /// `[activity][project]`
    stage_rows: Vec<Vec<String>>,
    /// `[role][project]`
    role_rows: Vec<Vec<RoleRow>>,
    entries: BTreeMap<String, EntryHtml>,
    /// `[project]`: its card, when it is on the board.
    board: Vec<Option<BoardPiece>>,
    /// `[project]`: the pieces of each person it names.
    people: Vec<BTreeMap<PersonKey, Arc<PersonPiece>>>,
    /// Who was who when the pieces were made.
    directory: Arc<Directory>,
    /// Each person's row in the list of everyone.
    person_rows: HashMap<PersonKey, String>,
    /// Each role's place in the process.
    role_index: BTreeMap<String, usize>,
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

/// The roles each person named in `p` fills there (in process order), by who they are.
fn roles_by_person<'a>(process: &'a Process, directory: &Directory, p: &Project) -> BTreeMap<PersonKey, Vec<&'a str>> {
    let mut out: BTreeMap<PersonKey, Vec<&str>> = BTreeMap::new();
    for role in &process.roles {
        for person in p.people.get(&role.id).into_iter().flatten() {
            let roles = out.entry(directory.key_of(person)).or_default();
            if !roles.contains(&role.id.as_str()) {
                roles.push(&role.id);
            }
        }
    }
    out
}

fn person_piece(
    theme: &Theme,
    process: &Process,
    prepared: &Prepared,
    p: &Project,
    roles: &[&str],
) -> Result<PersonPiece, Diagnostic> {
    let row = render_one(
        theme,
        PERSON_PROJECT,
        NESTED,
        &people::in_project(process, prepared, p, roles),
    )?;
    let waiting = people::waiting(process, prepared, p, roles);
    let items = waiting
        .iter()
        .map(|w| render_one(theme, WAITING_ITEM, NESTED, w))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PersonPiece {
        roles: roles.iter().map(|r| r.to_string()).collect(),
        row,
        waiting: items.join("\n"),
        waiting_count: items.len(),
    })
}

fn pieces(theme: &Theme, process: &Process, prepared: &Prepared, p: &Project) -> Result<Pieces, Diagnostic> {
    let card = render_one(theme, CARD, TOP, &summary(process, p))?;
    let stage_rows = process
        .activities
        .iter()
        .map(|a| render_one(theme, STAGE_ROW, NESTED, &project_at_stage(a, p)))
        .collect::<Result<_, _>>()?;
    let role_rows = (0..process.roles.len())
        .map(|r| match role_in_project(process, &prepared.people, r, p) {
            RoleInProject::Held(h) => render_one(theme, HOLDER_ROW, NESTED, &h).map(RoleRow::Held),
            RoleInProject::Unfilled(u) => render_one(theme, UNFILLED_ITEM, NESTED, &u).map(RoleRow::Unfilled),
        })
        .collect::<Result<_, _>>()?;
    let board = match board::card(process, prepared, p) {
        Some((placement, c)) => Some(BoardPiece {
            placement,
            paused: c.lifecycle == crate::model::Lifecycle::Paused.as_str(),
            blocked: c.status == crate::model::StageStatus::Blocked.as_str(),
            html: render_one(theme, BOARD_CARD, TOP, &c)?,
        }),
        None => None,
    };
    // What a person's page shows of `p` depends only on the roles they fill there: people
    // filling the same roles share one piece.
    let mut shared: BTreeMap<Vec<&str>, Arc<PersonPiece>> = BTreeMap::new();
    let mut people = BTreeMap::new();
    for (key, roles) in roles_by_person(process, &prepared.people, p) {
        let piece = match shared.get(&roles) {
            Some(piece) => piece.clone(),
            None => {
                let piece = Arc::new(person_piece(theme, process, prepared, p, &roles)?);
                shared.insert(roles, piece.clone());
                piece
            }
        };
        people.insert(key, piece);
    }
    Ok(Pieces {
        card,
        stage_rows,
        role_rows,
        board,
        people,
    })
}

fn entry_html(theme: &Theme, book: &Book, name: &str, places: &[(usize, usize)]) -> Result<EntryHtml, Diagnostic> {
    let e = dictionary::entry(book, name, places, NESTED).capped();
    Ok(EntryHtml {
        index_item: render_one(theme, INDEX_ITEM, NESTED, &e)?,
        section: render_one(theme, ENTRY, NESTED, &e)?,
        conflict: e.has_conflict(),
        places: places.to_vec(),
        uses_pages: e.uses_page_count(),
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
    pub fn new(
        book: &Book,
        process: &Process,
        prepared: &Prepared,
        theme: &Theme,
    ) -> Result<Fragments, Vec<Diagnostic>> {
        let per_project = all(book
            .projects
            .par_iter()
            .map(|p| pieces(theme, process, prepared, p))
            .collect())?;
        let mut fragments = Fragments {
            cards: Vec::with_capacity(per_project.len()),
            stage_rows: vec![Vec::with_capacity(per_project.len()); process.activities.len()],
            role_rows: (0..process.roles.len())
                .map(|_| Vec::with_capacity(per_project.len()))
                .collect(),
            entries: BTreeMap::new(),
            board: Vec::with_capacity(per_project.len()),
            people: Vec::with_capacity(per_project.len()),
            directory: prepared.people.clone(),
            person_rows: HashMap::new(),
            role_index: process
                .roles
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), i))
                .collect(),
        };
        for p in per_project {
            fragments.cards.push(p.card);
            fragments.board.push(p.board);
            fragments.people.push(p.people);
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
        let everyone: Vec<&PersonKey> = prepared.people.people.iter().map(|e| &e.key).collect();
        fragments.render_person_rows(prepared, theme, &everyone)?;
        Ok(fragments)
    }

    /// Whether the people named by the projects not in `changed` are the same people, with the
    /// same pages, in `now` as when the fragments were made. When they are not (a record joined
    /// two people, or took a page's name), pages that did not change link to other pages.
    pub fn people_stable(&self, book: &Book, now: &Directory, changed: &[usize]) -> bool {
        let same = |person| {
            let before = self.directory.find(person).map(|e| (&e.key, &e.slug));
            before.is_some() && before == now.find(person).map(|e| (&e.key, &e.slug))
        };
        book.projects
            .iter()
            .enumerate()
            .filter(|(i, _)| !changed.contains(i))
            .all(|(_, p)| p.people.values().flatten().all(same))
    }

    /// Renders again the pieces of the projects at `changed` and the dictionary entries of
    /// `names` (the field names those projects had before and have now). The projects must be
    /// the ones the fragments were made from, in the same order, and
    /// [`Fragments::people_stable`] must hold. Returns the people whose pages change: everyone
    /// the changed records named before or name now.
    pub fn update(
        &mut self,
        book: &Book,
        process: &Process,
        prepared: &Prepared,
        theme: &Theme,
        changed: &[usize],
        names: &BTreeSet<String>,
    ) -> Result<BTreeSet<PersonKey>, Vec<Diagnostic>> {
        let fresh = all(changed
            .par_iter()
            .map(|&i| pieces(theme, process, prepared, &book.projects[i]))
            .collect())?;
        let mut affected: BTreeSet<PersonKey> = BTreeSet::new();
        for (&i, p) in changed.iter().zip(fresh) {
            affected.extend(self.people[i].keys().cloned());
            affected.extend(p.people.keys().cloned());
            self.board[i] = p.board;
            self.people[i] = p.people;
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
        self.directory = prepared.people.clone();
        for key in &affected {
            self.person_rows.remove(key);
        }
        let keys: Vec<&PersonKey> = affected.iter().filter(|k| prepared.people.index(k).is_some()).collect();
        self.render_person_rows(prepared, theme, &keys)?;
        Ok(affected)
    }

    /// Renders the rows of the people with `keys` in the list of everyone.
    fn render_person_rows(
        &mut self,
        prepared: &Prepared,
        theme: &Theme,
        keys: &[&PersonKey],
    ) -> Result<(), Vec<Diagnostic>> {
        let rows = all(keys
            .par_iter()
            .filter_map(|k| prepared.people.index(k))
            .map(|i| {
                let entry = &prepared.people.people[i];
                let view = people::row(prepared, entry, self.waiting_count(entry));
                render_one(theme, PERSON_ROW, TOP, &view).map(|html| (entry.key.clone(), html))
            })
            .collect())?;
        self.person_rows.extend(rows);
        Ok(())
    }

    /// The rows of page `n` (from 1) of the list of everyone, in the directory's order.
    pub fn person_rows_html(&self, people: &Directory, n: usize) -> String {
        let per = super::paths::PEOPLE_PER_PAGE;
        let rows: Vec<&str> = people
            .people
            .iter()
            .skip((n.max(1) - 1) * per)
            .take(per)
            .filter_map(|e| self.person_rows.get(&e.key).map(String::as_str))
            .collect();
        rows.join("\n")
    }

    /// Who was who when the pieces were made.
    pub fn directory(&self) -> &Arc<Directory> {
        &self.directory
    }

    /// The board's cards.
    pub fn board_cards(&self) -> Vec<board::CardRef<'_>> {
        self.board
            .iter()
            .flatten()
            .map(|b| board::CardRef {
                placement: &b.placement,
                paused: b.paused,
                blocked: b.blocked,
                html: b.html.as_str(),
            })
            .collect()
    }

    /// Page `n` (from 1) of a person's page: (how many things wait on them, those things
    /// (on the first page only), their projects on page `n`, by
    /// [`super::paths::PERSON_ROWS_PER_PAGE`], grouped by the roles they fill there, in process
    /// order of the roles, each group with its number of projects on every page).
    pub fn person_html(&self, entry: &Entry, n: usize) -> (usize, String, Vec<RoleSetRows>) {
        let pieces: Vec<&PersonPiece> = entry
            .projects()
            .into_iter()
            .filter_map(|p| self.people.get(p).and_then(|m| m.get(&entry.key)))
            .map(|p| &**p)
            .collect();
        let waiting: Vec<&str> = match n {
            0 | 1 => pieces
                .iter()
                .filter(|p| p.waiting_count > 0)
                .map(|p| p.waiting.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let mut sets: BTreeMap<&[String], Vec<&str>> = BTreeMap::new();
        for p in &pieces {
            sets.entry(p.roles.as_slice()).or_default().push(p.row.as_str());
        }
        let mut sets: Vec<(&[String], Vec<&str>)> = sets.into_iter().collect();
        let rank = |roles: &[String]| -> Vec<usize> {
            roles
                .iter()
                .map(|r| self.role_index.get(r).copied().unwrap_or(usize::MAX))
                .collect()
        };
        sets.sort_by_cached_key(|(roles, _)| rank(roles));
        // The rows of page `n`, counting set by set.
        let per = super::paths::PERSON_ROWS_PER_PAGE;
        let start = (n.max(1) - 1) * per;
        let mut at = 0;
        let mut out = Vec::new();
        for (roles, rows) in sets {
            let (from, to) = (at, at + rows.len());
            at = to;
            let (lo, hi) = (from.max(start), to.min(start + per));
            if lo < hi {
                out.push((
                    roles.to_vec(),
                    rows.len(),
                    hi - lo,
                    rows[lo - from..hi - from].join("\n"),
                ));
            }
        }
        (pieces.iter().map(|p| p.waiting_count).sum(), waiting.join("\n"), out)
    }

    /// How many things wait on the person of `entry`.
    pub fn waiting_count(&self, entry: &Entry) -> usize {
        entry
            .projects()
            .into_iter()
            .filter_map(|p| self.people.get(p).and_then(|m| m.get(&entry.key)))
            .map(|p| p.waiting_count)
            .sum()
    }

    /// The cards of page `n` (from 1) of the projects.
    pub fn cards_html(&self, n: usize) -> String {
        let per = super::paths::PROJECTS_PER_PAGE;
        let start = (n.max(1) - 1) * per;
        let end = (start + per).min(self.cards.len());
        self.cards.get(start..end).unwrap_or_default().join("\n")
    }

    /// Activity `a`'s rows on page `n` (from 1) of them.
    pub fn stage_rows_html(&self, a: usize, n: usize) -> String {
        let per = super::paths::STAGE_ROWS_PER_PAGE;
        let rows = &self.stage_rows[a];
        let start = (n.max(1) - 1) * per;
        let end = (start + per).min(rows.len());
        rows.get(start..end).unwrap_or_default().join("\n")
    }

    /// Role `r`'s rows on page `n` (from 1) of them: (holders, projects where nobody holds it).
    pub fn role_rows_html(&self, r: usize, n: usize) -> (String, usize, String, usize) {
        let per = super::paths::ROLE_ROWS_PER_PAGE;
        let mut held = Vec::new();
        let mut unfilled = Vec::new();
        for row in self.role_rows[r].iter().skip((n.max(1) - 1) * per).take(per) {
            match row {
                RoleRow::Held(s) => held.push(s.as_str()),
                RoleRow::Unfilled(s) => unfilled.push(s.as_str()),
            }
        }
        (held.join("\n"), held.len(), unfilled.join("\n"), unfilled.len())
    }

    /// The dictionary's pages of entries.
    pub fn dictionary_pages(&self) -> Vec<DictPage<'_>> {
        dictionary_pages::split(self.entries.keys().map(String::as_str))
    }

    /// The page of each name's entry in the dictionary.
    pub fn dictionary_locations(&self) -> HashMap<&str, String> {
        dictionary_pages::locations(self.entries.keys().map(String::as_str))
    }

    /// The pages of the uses of the names used more than an entry shows: (name, page number
    /// from 1), by name and number.
    pub fn dictionary_uses_pages(&self) -> Vec<(&str, usize)> {
        self.entries
            .iter()
            .flat_map(|(name, e)| (1..=e.uses_pages).map(move |n| (name.as_str(), n)))
            .collect()
    }

    /// Where field `name` is used: (project index, field index).
    pub fn places(&self, name: &str) -> &[(usize, usize)] {
        self.entries.get(name).map_or(&[], |e| e.places.as_slice())
    }

    /// The number of names in the dictionary, and of those in conflict.
    pub fn dictionary_counts(&self) -> (usize, usize) {
        (self.entries.len(), self.entries.values().filter(|e| e.conflict).count())
    }

    /// Whether the field `name` is used with different types or descriptions.
    pub fn is_conflict(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|e| e.conflict)
    }

    /// One page of the dictionary: (its list of names, its entries).
    pub fn dictionary_page_html(&self, page: &DictPage) -> (String, String) {
        let entries: Vec<&EntryHtml> = page.names.iter().filter_map(|n| self.entries.get(*n)).collect();
        let index: Vec<&str> = entries.iter().map(|e| e.index_item.as_str()).collect();
        let sections: Vec<&str> = entries.iter().map(|e| e.section.as_str()).collect();
        (index.join("\n"), sections.join("\n"))
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
