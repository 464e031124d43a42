//! Entry points for the fuzz targets (`fuzz/`) and the hostile-input tests: the real loaders,
//! checker and Markdown renderer, fed the text of one file instead of a book folder. Not part
//! of the public API; nothing here has logic of its own.
//!
//! A record is parsed as [`crate::load::load_project`] parses it and checked against this
//! repository's own process; a process is parsed as the loader parses it and checked alone. A
//! page goes through the loader itself (its front matter is split there), in a scratch book
//! folder of its own, and its body is rendered to HTML.

use crate::config::BookConfig;
use crate::diagnostic::Diagnostic;
use crate::model::{Book, Process, Project, ProjectRecord};
use crate::render::markdown::{self, Style, Trust};
use crate::source::SourceFile;
use crate::yaml::{self, Located};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where the text given to [`project`] is said to come from.
pub const PROJECT_FILE: &str = "content/projects/fuzz.yaml";
/// Where the text given to [`process`] is said to come from, and the file of the default
/// process that [`project`] checks records against.
pub const PROCESS_FILE: &str = "content/process.yaml";
/// Where the bytes given to [`page`] are written, relative to the scratch book.
pub const PAGE_FILE: &str = "content/fuzz.md";
/// The process a record is checked against: this repository's.
pub const DEFAULT_PROCESS: &str = include_str!("../content/process.yaml");

const BOOK_TOML: &str = "[book]\ntitle = \"Fuzz\"\n";
/// The smallest process that loads, for the scratch book of [`page`].
const SMALL_PROCESS: &str = "\
name: P
codes:
  - {id: D, name: Driver, duty: drive}
  - {id: A, name: Approver, duty: approve}
roles:
  - {id: owner, name: Owner}
activities:
  - id: plan
    name: Plan
    assignments: {owner: D}
    waivers: {A: Nobody signs.}
";

/// What one input gave.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Whether the loader produced a value (a project, a process, a page).
    pub loaded: bool,
    /// The loader's diagnostic, or everything the checker found in the value.
    pub diagnostics: Vec<Diagnostic>,
    /// For a page: its body rendered as a page and as record text.
    pub html: Vec<String>,
    /// The files read, to print the diagnostics with ([`crate::diagnostic::render`]).
    pub sources: Vec<SourceFile>,
}

fn config() -> &'static BookConfig {
    static CONFIG: OnceLock<BookConfig> = OnceLock::new();
    CONFIG.get_or_init(|| BookConfig::parse(&SourceFile::new("book.toml", BOOK_TOML)).expect("book.toml parses"))
}

fn default_process() -> &'static Located<Process> {
    static PROCESS: OnceLock<Located<Process>> = OnceLock::new();
    PROCESS.get_or_init(|| {
        let file = SourceFile::new(PROCESS_FILE, DEFAULT_PROCESS);
        yaml::parse::<Process>(&file, 0..file.text.len(), 0).expect("the default process parses")
    })
}

fn checked(process: Option<Located<Process>>, projects: Vec<Project>) -> Vec<Diagnostic> {
    crate::check::check(&Book {
        config: config().clone(),
        process,
        projects,
        pages: Vec::new(),
        assets: Vec::new(),
    })
}

/// Loads `text` as the project record [`PROJECT_FILE`] and checks it against the default process.
pub fn project(text: &str) -> Outcome {
    let file = SourceFile::new(PROJECT_FILE, text);
    match yaml::parse::<ProjectRecord>(&file, 0..file.text.len(), 0) {
        Ok(record) => {
            let project = Project {
                id: "fuzz".to_string(),
                record,
                changed: None,
            };
            Outcome {
                loaded: true,
                diagnostics: checked(Some(default_process().clone()), vec![project]),
                html: Vec::new(),
                sources: vec![file, default_process().locator.file().clone()],
            }
        }
        Err(d) => Outcome {
            loaded: false,
            diagnostics: vec![d],
            html: Vec::new(),
            sources: vec![file],
        },
    }
}

/// Loads `text` as the process file [`PROCESS_FILE`] and checks it.
pub fn process(text: &str) -> Outcome {
    let file = SourceFile::new(PROCESS_FILE, text);
    match yaml::parse::<Process>(&file, 0..file.text.len(), 0) {
        Ok(process) => Outcome {
            loaded: true,
            diagnostics: checked(Some(process), Vec::new()),
            html: Vec::new(),
            sources: vec![file],
        },
        Err(d) => Outcome {
            loaded: false,
            diagnostics: vec![d],
            html: Vec::new(),
            sources: vec![file],
        },
    }
}

/// A scratch book folder (book.toml and a small process), removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("dacibook-fuzzing-{}-{n}", std::process::id()));
        std::fs::create_dir_all(root.join("content")).expect("create a scratch book");
        std::fs::write(root.join("book.toml"), BOOK_TOML).expect("write the scratch book.toml");
        std::fs::write(root.join(PROCESS_FILE), SMALL_PROCESS).expect("write the scratch process");
        Scratch(root)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `bytes` as the page [`PAGE_FILE`] of a scratch book, loads the book (which splits the
/// front matter), checks it, and renders the page's body to HTML.
pub fn page(bytes: &[u8]) -> Outcome {
    let scratch = Scratch::new();
    page_in(&scratch.0, bytes)
}

fn page_in(root: &Path, bytes: &[u8]) -> Outcome {
    std::fs::write(root.join(PAGE_FILE), bytes).expect("write the scratch page");
    let loaded = crate::load::load(root).expect("the scratch book loads");
    let mut outcome = Outcome {
        loaded: false,
        diagnostics: loaded.diagnostics,
        html: Vec::new(),
        sources: loaded.sources,
    };
    if let Some(book) = &loaded.book {
        if let Some(page) = book.pages.first() {
            outcome.loaded = true;
            for trust in [Trust::Page, Trust::Record] {
                let style = Style {
                    trust,
                    root: "../",
                    reserved_ids: &["content", "sidebar"],
                };
                outcome.html.push(markdown::render_with(&page.body, style).html);
            }
        }
        outcome.diagnostics.extend(crate::check::check(book));
    }
    outcome
}
