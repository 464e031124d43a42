//! Reads a book from disk: book.toml, the process, every project record and every page.
//!
//! Content problems become diagnostics and loading goes on, so that one run reports every
//! problem; only I/O failures at the edges (no book.toml, unreadable folders) are errors.

use crate::config::BookConfig;
use crate::diagnostic::{self, Diagnostic};
use crate::model::{Book, FrontMatter, Page, Process, Project, ProjectRecord};
use crate::source::SourceFile;
use crate::yaml;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

mod walk;

pub use walk::is_ignored_name;
use walk::list_files;

/// The result of loading: the book (when book.toml parsed), its sources and the diagnostics.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub root: PathBuf,
    pub book: Option<Book>,
    /// Every file read, for quoting source lines in diagnostics.
    pub sources: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads the book whose root folder (holding `book.toml`) is `root`.
pub fn load(root: &Path) -> Result<Loaded> {
    load_with(root, &crate::config::Overrides::default())
}

/// [`load`], with settings from the command line applied over book.toml's.
pub fn load_with(root: &Path, overrides: &crate::config::Overrides) -> Result<Loaded> {
    let config_path = root.join("book.toml");
    if !config_path.is_file() {
        bail!(
            "{} is not a book: there is no book.toml in it (run `dacibook check` in the book's folder, or pass the folder)",
            root.display()
        );
    }
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        book: None,
        sources: Vec::new(),
        diagnostics: Vec::new(),
    };
    let Some(config_file) = loaded.read(Path::new("book.toml"))? else {
        return Ok(loaded);
    };
    let config = match BookConfig::parse(&config_file) {
        Ok(mut c) => {
            loaded.diagnostics.extend(c.check_urls(&config_file));
            let outside = c.check_paths(&config_file, root);
            if !outside.is_empty() {
                // Nothing is read from a path that leaves the book.
                loaded.diagnostics.extend(outside);
                return Ok(loaded);
            }
            c.apply(overrides);
            c
        }
        Err(d) => {
            loaded.diagnostics.push(d);
            return Ok(loaded);
        }
    };
    let process = loaded.load_process(&config)?;
    let mut projects = loaded.load_projects(&config)?;
    let attached = crate::registry::attach(root, &config, &config_file, &mut projects);
    loaded.sources.extend(attached.sources);
    loaded.diagnostics.extend(attached.diagnostics);
    // The pages folder is walked once: its Markdown files are pages, the others assets.
    let page_folder = loaded.list_pages_folder(&config)?;
    let pages = loaded.load_pages(&config, &page_folder)?;
    let assets = load_assets(root, &config, &page_folder, &mut loaded.diagnostics)?;
    loaded.book = Some(Book {
        config,
        process,
        projects,
        pages,
        assets,
    });
    Ok(loaded)
}

/// Loads and checks: the diagnostics of both, sorted by place.
pub fn load_and_check(root: &Path) -> Result<Loaded> {
    load_and_check_with(root, &crate::config::Overrides::default())
}

/// [`load_and_check`], with settings from the command line applied over book.toml's.
pub fn load_and_check_with(root: &Path, overrides: &crate::config::Overrides) -> Result<Loaded> {
    let mut loaded = load_with(root, overrides)?;
    if let Some(book) = &loaded.book {
        let found = crate::check::check(book);
        loaded.diagnostics.extend(found);
    }
    diagnostic::sort(&mut loaded.diagnostics);
    Ok(loaded)
}

impl Loaded {
    /// Reads a file relative to the root, recording it as a source (or its diagnostic).
    fn read(&mut self, rel: &Path) -> Result<Option<SourceFile>> {
        let (file, problem) = read_source(&self.root, rel)?;
        self.diagnostics.extend(problem);
        if let Some(f) = &file {
            self.sources.push(f.clone());
        }
        Ok(file)
    }

    fn load_process(&mut self, config: &BookConfig) -> Result<Option<yaml::Located<Process>>> {
        let rel = config.content.process.clone();
        if !self.root.join(&rel).is_file() {
            let book_toml = self.sources.iter().find(|s| s.path == Path::new("book.toml"));
            let mut d = Diagnostic::error(
                "missing-file",
                format!("the process file {} does not exist", rel.display()),
            )
            .hint("create it, or point `process` in the [content] section of book.toml at it");
            if let Some(f) = book_toml {
                d = d.at(f.start());
            }
            self.diagnostics.push(d);
            return Ok(None);
        }
        let Some(file) = self.read(&rel)? else {
            return Ok(None);
        };
        match yaml::parse::<Process>(&file, 0..file.text.len(), 0) {
            Ok(p) => Ok(Some(p)),
            Err(d) => {
                self.diagnostics.push(d);
                Ok(None)
            }
        }
    }

    fn load_projects(&mut self, config: &BookConfig) -> Result<Vec<Project>> {
        let dir = config.content.projects.clone();
        let mut projects = Vec::new();
        if !self.root.join(&dir).is_dir() {
            return Ok(projects);
        }
        let files = list_files(&self.root, &dir, &["yaml", "yml"], false, &mut self.diagnostics)?;
        // Parsing dominates loading, so records are read and parsed in parallel.
        let root = self.root.clone();
        let parsed: Vec<Result<_>> = files.par_iter().map(|rel| load_project(&root, rel)).collect();
        let mut changed = crate::history::last_changed(&root, &dir, &files);
        for item in parsed {
            let (file, problem) = item?;
            let when = file.as_ref().and_then(|f| changed.remove(&f.path));
            self.sources.extend(file);
            match problem {
                Ok(mut project) => {
                    project.changed = when;
                    projects.push(project);
                }
                Err(d) => self.diagnostics.push(d),
            }
        }
        Ok(projects)
    }

    /// Every file below the pages folder (none when it does not exist).
    fn list_pages_folder(&mut self, config: &BookConfig) -> Result<Vec<PathBuf>> {
        let dir = &config.content.pages;
        if !self.root.join(dir).is_dir() {
            return Ok(Vec::new());
        }
        list_files(&self.root, dir, &[], true, &mut self.diagnostics)
    }

    /// The Markdown pages among `files` (the pages folder's), outside the build dir.
    fn load_pages(&mut self, config: &BookConfig, files: &[PathBuf]) -> Result<Vec<Page>> {
        let dir = config.content.pages.clone();
        let mut pages = Vec::new();
        for rel in files
            .iter()
            .filter(|r| r.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
        {
            if rel.starts_with(&config.build.build_dir) {
                continue;
            }
            let Some(file) = self.read(rel)? else { continue };
            let path = rel.strip_prefix(&dir).unwrap_or(rel).to_path_buf();
            match split_front_matter(&file) {
                Ok((front, body, offset)) => pages.push(Page {
                    path,
                    front,
                    body: body.to_string(),
                    body_line_offset: offset,
                    source: file.clone(),
                }),
                Err(d) => self.diagnostics.push(d),
            }
        }
        pages.sort_by(|a, b| {
            (a.front.order.is_none(), a.front.order, &a.path).cmp(&(b.front.order.is_none(), b.front.order, &b.path))
        });
        Ok(pages)
    }
}

/// The largest file the pages folder may publish: 100 MB. A bigger one is refused before it
/// is read, since the whole site is held in memory.
pub const MAX_ASSET_BYTES: u64 = 100 * 1024 * 1024;

/// The error for a file of `size` bytes, over [`MAX_ASSET_BYTES`].
fn file_too_large(rel: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        "file-too-large",
        format!(
            "{} is {size} bytes, more than the {} bytes (100 MB) a published file may have",
            rel.display(),
            MAX_ASSET_BYTES
        ),
    )
    .at(crate::source::Location {
        file: rel.to_path_buf(),
        line: 1,
        column: 1,
        bytes: 0..0,
    })
    .hint("keep large files out of the pages folder: publish them elsewhere and link to them")
}

/// The files among `files` (the pages folder's) that are neither pages nor records: everything
/// but Markdown and YAML, outside the build dir, the projects folder, the theme and schema roots.
fn load_assets(
    root: &Path,
    config: &BookConfig,
    files: &[PathBuf],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = &config.content.pages;
    let mut out = Vec::new();
    for rel in files {
        let ext = rel.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        let skip = matches!(ext.as_deref(), Some("md" | "yaml" | "yml" | "toml"))
            || rel.starts_with(&config.build.build_dir)
            || rel.starts_with(&config.content.projects)
            || config.output.html.theme.as_ref().is_some_and(|t| rel.starts_with(t))
            // Schema roots are read, never published.
            || config.schemas.roots.iter().any(|r| rel.starts_with(r));
        if skip {
            continue;
        }
        let full = root.join(rel);
        let size = fs::metadata(&full)
            .with_context(|| format!("cannot read {}", rel.display()))?
            .len();
        if size > MAX_ASSET_BYTES {
            warnings.push(file_too_large(rel, size));
            continue;
        }
        let bytes = fs::read(&full).with_context(|| format!("cannot read {}", rel.display()))?;
        let inner = rel.strip_prefix(dir).unwrap_or(rel);
        let path: Vec<String> = inner
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        out.push((path.join("/"), bytes));
    }
    Ok(out)
}

/// Reads and parses one project record: its source (when it is text) and the project, or
/// the diagnostic that stopped it. Other I/O failures are errors.
pub fn load_project(root: &Path, rel: &Path) -> Result<(Option<SourceFile>, Result<Project, Diagnostic>)> {
    let (file, problem) = read_source(root, rel)?;
    let Some(file) = file else {
        let d = problem.unwrap_or_else(|| Diagnostic::error("not-utf8", format!("cannot read {}", rel.display())));
        return Ok((None, Err(d)));
    };
    let id = rel
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let record = yaml::parse::<ProjectRecord>(&file, 0..file.text.len(), 0);
    Ok((
        Some(file),
        record.map(|record| Project {
            id,
            record,
            changed: None,
        }),
    ))
}

/// Reads `rel` below `root`: the source, or the diagnostic of a file that is not UTF-8.
/// Other I/O failures are errors.
fn read_source(root: &Path, rel: &Path) -> Result<(Option<SourceFile>, Option<Diagnostic>)> {
    let bytes = fs::read(root.join(rel)).with_context(|| format!("cannot read {}", rel.display()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((Some(SourceFile::new(rel, text)), None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            let file = SourceFile::new(rel, valid);
            // The text dropped a leading BOM; the offset is into the text.
            let bom = if e.as_bytes().starts_with("\u{feff}".as_bytes()) {
                3
            } else {
                0
            };
            let at = at - bom;
            let (line, column) = file.line_column_of(at);
            let d = Diagnostic::error("not-utf8", format!("{} is not valid UTF-8 text", rel.display()))
                .at(crate::source::Location {
                    file: rel.to_path_buf(),
                    line,
                    column,
                    bytes: at..at,
                })
                .hint("save the file as UTF-8");
            Ok((None, Some(d)))
        }
    }
}

/// Splits `---` front matter from a page: (front matter, body, lines before the body).
fn split_front_matter(file: &SourceFile) -> Result<(FrontMatter, &str, usize), Diagnostic> {
    let text = file.text.as_str();
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Ok((FrontMatter::default(), text, 0));
    };
    let mut offset = text.len() - rest.len();
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml_range = text.len() - rest.len()..offset;
            let body = &text[offset + line.len()..];
            let front = if text[yaml_range.clone()].trim().is_empty() {
                FrontMatter::default()
            } else {
                yaml::parse::<FrontMatter>(file, yaml_range, 1)?.value
            };
            return Ok((front, body, i + 2));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("front-matter", "the front matter starting on line 1 is never closed")
            .at(file.location(1, 1, 3))
            .hint("end the front matter with a line holding only `---`"),
    )
}
