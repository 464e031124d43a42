//! The whole pipeline, shared by `build` and `serve`: load → check → render → link check.
//! The result is a site in memory; `build` writes it, `serve` serves it. A [`Session`] keeps
//! the pieces of the last build so that serve can redo only what an edit needs.

use crate::config::Overrides;
use crate::diagnostic::{self, Diagnostic};
use crate::linkcheck::LinkIndex;
use crate::load::{self, Loaded};
use crate::render::{self, Theme};
use crate::site::Site;
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a build produced: the diagnostics (with the sources to quote) and, when there was no
/// error, the site.
pub struct Built {
    pub loaded: Loaded,
    pub site: Option<Site>,
    /// Time spent per phase, for `--timings` and slow-build reports.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Built {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.loaded.diagnostics
    }
}

/// Runs the pipeline on the book at `root`. Errors are I/O failures only; content problems
/// are diagnostics in the result.
pub fn build_in_memory(root: &Path) -> Result<Built> {
    build_in_memory_with(root, &Overrides::default())
}

/// [`build_in_memory`] with settings from the command line applied over book.toml's.
pub fn build_in_memory_with(root: &Path, overrides: &Overrides) -> Result<Built> {
    Ok(Session::start_with(root, overrides)?.built)
}

/// The last build and what it was made from.
pub struct Session {
    root: PathBuf,
    overrides: Overrides,
    pub built: Built,
    /// Diagnostics found while loading (syntax, types), kept apart from the check's.
    load_diagnostics: Vec<Diagnostic>,
    theme: Option<Theme>,
    /// The per-project pieces of the pages listing every project, to stitch them after an edit.
    fragments: Option<render::Fragments>,
    links: LinkIndex,
}

/// How an update was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Only static files of the theme changed: they were copied into the site.
    Static,
    /// Only the changed records were read again and only the pages showing them rendered.
    Incremental,
    /// Everything was done again.
    Full,
}

impl Session {
    /// A full build of the book at `root`.
    pub fn start(root: &Path) -> Result<Session> {
        Session::start_with(root, &Overrides::default())
    }

    /// A full build with settings from the command line applied over book.toml's.
    pub fn start_with(root: &Path, overrides: &Overrides) -> Result<Session> {
        let mut timings = Vec::new();
        let t = Instant::now();
        let loaded = load::load_with(root, overrides)?;
        let load_diagnostics = loaded.diagnostics.clone();
        let mut session = Session {
            root: root.to_path_buf(),
            overrides: overrides.clone(),
            built: Built {
                loaded,
                site: None,
                timings: Vec::new(),
            },
            load_diagnostics,
            theme: None,
            fragments: None,
            links: LinkIndex::default(),
        };
        session.recheck();
        timings.push(("load+check", t.elapsed()));
        if session.built.loaded.has_errors() {
            session.built.timings = timings;
            return Ok(session);
        }
        let Some(book) = session.built.loaded.book.as_ref() else {
            return Ok(session);
        };
        let t = Instant::now();
        let theme = match Theme::load(root, book.config.output.html.theme.as_deref()) {
            Ok(t) => t,
            Err(ds) => {
                session.fail(ds);
                return Ok(session);
            }
        };
        timings.push(("theme", t.elapsed()));
        let t = Instant::now();
        let rendered = render::render(book, &session.built.loaded.diagnostics, &theme);
        timings.push(("render", t.elapsed()));
        session.theme = Some(theme);
        match rendered {
            Ok((site, fragments)) => {
                session.fragments = Some(fragments);
                let t = Instant::now();
                session.links = LinkIndex::new(&site);
                let broken = session.links.check(&site);
                timings.push(("link check", t.elapsed()));
                if broken.is_empty() {
                    session.built.site = Some(site);
                } else {
                    session.fail(broken);
                }
            }
            Err(ds) => session.fail(ds),
        }
        session.built.timings = timings;
        Ok(session)
    }

    /// The book's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Brings the session up to date after `changed` files (absolute, or relative to the
    /// root) changed. Edits to existing project records are handled incrementally; anything
    /// else, or any error, builds everything again.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        if self.try_statics(changed) {
            return Ok(Update::Static);
        }
        if let Some(done) = self.try_incremental(changed)? {
            return Ok(done);
        }
        *self = Session::start_with(&self.root, &self.overrides)?;
        Ok(Update::Full)
    }

    /// Static files of the theme: copied into the site when every changed path is a regular
    /// file (never a symlink) below the theme's `static/` folder and the site has built.
    fn try_statics(&mut self, changed: &[PathBuf]) -> bool {
        let (Some(book), Some(site)) = (&self.built.loaded.book, self.built.site.as_mut()) else {
            return false;
        };
        let Some(theme) = &book.config.output.html.theme else {
            return false;
        };
        let static_dir = theme.join("static");
        let mut files = Vec::new();
        for p in changed {
            let rel = p.strip_prefix(&self.root).unwrap_or(p);
            let Ok(inner) = rel.strip_prefix(&static_dir) else {
                return false;
            };
            let full = self.root.join(rel);
            let regular = std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_file());
            let Some(bytes) = regular.then(|| std::fs::read(&full).ok()).flatten() else {
                return false;
            };
            files.push((format!("static/{}", inner.to_string_lossy().replace('\\', "/")), bytes));
        }
        site.files.extend(files.into_iter().map(|(p, b)| (p, b.into())));
        true
    }

    fn try_incremental(&mut self, changed: &[PathBuf]) -> Result<Option<Update>> {
        let (Some(book), Some(_), Some(_), Some(_)) =
            (&self.built.loaded.book, &self.built.site, &self.theme, &self.fragments)
        else {
            return Ok(None);
        };
        // A registry schema is resolved across records and files: reload the whole book.
        if !book.config.schemas.roots.is_empty() {
            return Ok(None);
        }
        let projects_dir = book.config.content.projects.clone();
        let mut rels = Vec::new();
        for p in changed {
            let rel = p.strip_prefix(&self.root).unwrap_or(p).to_path_buf();
            let is_record = rel.parent() == Some(projects_dir.as_path())
                && rel.extension().is_some_and(|e| e == "yaml" || e == "yml");
            let id = rel.file_stem().map(|s| s.to_string_lossy().into_owned());
            let known = id.is_some_and(|id| book.projects.iter().any(|p| p.id == id));
            if !is_record || !known || !self.root.join(&rel).is_file() {
                return Ok(None);
            }
            rels.push(rel);
        }
        let mut fresh = Vec::new();
        for rel in &rels {
            match load::load_project(&self.root, rel)? {
                (Some(file), Ok(mut project)) => {
                    // Only the edited record's date: the others' have not changed.
                    project.changed = crate::history::last_changed_one(&self.root, rel);
                    fresh.push((file, project));
                }
                _ => return Ok(None),
            }
        }
        let mut timings = Vec::new();
        let t = Instant::now();
        let before = per_file(&self.built.loaded.diagnostics);
        let loaded = &mut self.built.loaded;
        let Some(book) = loaded.book.as_mut() else {
            return Ok(None);
        };
        let mut indices = Vec::new();
        // The dictionary's ids are the field names; if the edited records name the same
        // fields as before, its ids (and the links into it) cannot have changed.
        let mut names_changed = false;
        // Who is who, and their pages' names, can only change when an edited record names
        // other people.
        let mut people_changed = false;
        // The dictionary entries to render again: every name the edited records had or have.
        let mut names = BTreeSet::new();
        for (file, project) in fresh {
            if let Some(s) = loaded.sources.iter_mut().find(|s| s.path == file.path) {
                *s = file.clone();
            }
            self.load_diagnostics
                .retain(|d| d.location.as_ref().is_none_or(|l| l.file != file.path));
            if let Some(i) = book.projects.iter().position(|p| p.id == project.id) {
                let (old, new) = (field_names(&book.projects[i]), field_names(&project));
                names_changed |= old != new;
                names.extend(old.into_iter().chain(new).map(str::to_string));
                people_changed |= book.projects[i].people != project.people;
                book.projects[i] = project;
                indices.push(i);
            }
        }
        self.recheck();
        timings.push(("load+check", t.elapsed()));
        self.built.timings = timings.clone();
        if self.built.loaded.has_errors() {
            self.built.site = None;
            return Ok(Some(Update::Incremental));
        }
        // A change in one record can move warnings (dictionary conflicts) onto another's page.
        let after = per_file(&self.built.loaded.diagnostics);
        let (Some(book), Some(site), Some(theme), Some(fragments)) = (
            &self.built.loaded.book,
            self.built.site.as_mut(),
            &self.theme,
            self.fragments.as_mut(),
        ) else {
            return Ok(None);
        };
        for (i, p) in book.projects.iter().enumerate() {
            let file = &p.record.locator.file().path;
            if before.get(file) != after.get(file) && !indices.contains(&i) {
                indices.push(i);
            }
        }
        let t = Instant::now();
        let diagnostics = &self.built.loaded.diagnostics;
        let edit = render::Edit {
            projects: &indices,
            names: &names,
            people: people_changed,
        };
        let done = match render::rerender_projects(site, fragments, book, diagnostics, theme, &edit) {
            Ok(Some(done)) => done,
            Ok(None) | Err(_) => return Ok(None),
        };
        // Only pages whose ids can change are parsed again: the changed projects', the
        // dictionary's pages, and the pages of people named for the first time. The other pages
        // written hold links made from the same ids as before.
        let is_dictionary = |p: &String| {
            names_changed && (p == render::paths::DICTIONARY || p.starts_with(render::dictionary_pages::FOLDER))
        };
        let dictionary: Vec<String> = done.written.iter().filter(|p| is_dictionary(p)).cloned().collect();
        let targets: Vec<String> = indices
            .iter()
            .map(|&i| render::paths::project(&book.projects[i].id))
            .chain(dictionary)
            .filter(|p| done.written.contains(p))
            .chain(done.added)
            .collect();
        timings.push(("render", t.elapsed()));
        let t = Instant::now();
        self.links.rescan(site, &targets);
        let broken = self.links.check_from(site, &targets);
        timings.push(("link check", t.elapsed()));
        self.built.timings = timings;
        if !broken.is_empty() {
            self.fail(broken);
        }
        Ok(Some(Update::Incremental))
    }

    /// Runs the check again over the current book; the diagnostics become the load's and
    /// the check's, sorted.
    fn recheck(&mut self) {
        let mut all = self.load_diagnostics.clone();
        if let Some(book) = &self.built.loaded.book {
            all.extend(crate::check::check(book));
        }
        diagnostic::sort(&mut all);
        self.built.loaded.diagnostics = all;
    }

    fn fail(&mut self, more: Vec<Diagnostic>) {
        self.built.loaded.diagnostics.extend(more);
        diagnostic::sort(&mut self.built.loaded.diagnostics);
        self.built.site = None;
    }
}

/// The names of a project's schema fields, in order.
fn field_names(p: &crate::model::Project) -> Vec<&str> {
    p.schema
        .as_ref()
        .map_or_else(Vec::new, |s| s.fields.iter().map(|f| f.name.as_str()).collect())
}

/// Diagnostics by file, to see which pages' warnings changed.
fn per_file(ds: &[Diagnostic]) -> BTreeMap<PathBuf, Vec<(&'static str, String, usize)>> {
    let mut map: BTreeMap<PathBuf, Vec<_>> = BTreeMap::new();
    for d in ds {
        if let Some(l) = &d.location {
            map.entry(l.file.clone())
                .or_default()
                .push((d.code, d.message.clone(), l.line));
        }
    }
    map
}

/// Where the site goes: `dest` when given, else book.toml's build dir, relative to `root`.
pub fn destination(root: &Path, loaded: &Loaded, dest: Option<&Path>) -> PathBuf {
    match dest {
        Some(d) => d.to_path_buf(),
        None => {
            let dir = loaded
                .book
                .as_ref()
                .map_or_else(|| PathBuf::from("book"), |b| b.config.build.build_dir.clone());
            root.join(dir)
        }
    }
}
