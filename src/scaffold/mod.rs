//! New books and new project records: what `dacibook init` and `dacibook new project` write.

mod install;
mod record;

pub use install::{release_tag, Certainty, InstallSource};
pub use record::new_record;

use crate::check::is_kebab_case;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The default process and pages, as this repository ships them.
const PROCESS: &str = include_str!("../../content/process.yaml");
const ABOUT: &str = include_str!("../../content/about.md");
const GUIDE: &str = include_str!("../../content/guide.md");
const FORMATS: &str = include_str!("../../content/formats.md");
/// The example project a new book starts with.
const EXAMPLE_ID: &str = "edit-funnel";
const EXAMPLE: &str = include_str!("../../content/projects/edit-funnel.yaml");
const BOOK_TOML: &str = include_str!("files/book.toml");
const GITIGNORE: &str = include_str!("files/gitignore");
const WORKFLOW: &str = include_str!("files/pages.yml");

/// Where the GitHub Actions workflow goes.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The GitHub Pages workflow; `source_env` are extra top-level `env:` lines, `install` the
/// shell command that installs dacibook and `cache_key` what the installed binary is cached under.
pub fn workflow(source_env: &str, install: &str, cache_key: &str) -> String {
    WORKFLOW
        .replace("__VERSION__", env!("CARGO_PKG_VERSION"))
        .replace("__SOURCE_ENV__\n", source_env)
        .replace("__INSTALL__", install)
        .replace("__CACHE_KEY__", cache_key)
}

/// The workflow of a book made by `init`: it installs the released dacibook from `source`.
pub fn book_workflow(source: &InstallSource) -> String {
    workflow(&source.env_lines(), source.command(), source.cache_key())
}

/// The workflow of dacibook's own repository: the same, but dacibook is built from the
/// checked-out source, cached until the source changes.
pub fn repository_workflow() -> String {
    workflow(
        "",
        "cargo install --path . --locked",
        "dacibook-${{ runner.os }}-${{ hashFiles('Cargo.lock', 'src/**', 'themes/**', 'content/**') }}",
    )
}

/// The path from a file in folder `from` (relative to the book root) to `to` (also relative
/// to the root), `/`-separated.
pub fn relative_to_root(from: &Path, to: &str) -> String {
    let depth = from
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .count();
    format!("{}{to}", "../".repeat(depth))
}

/// The files of a new book, by path from its root.
pub fn book_files(title: &str, source: &InstallSource) -> Vec<(PathBuf, String)> {
    let schema_ref = relative_to_root(
        Path::new("content/projects"),
        &format!(
            "{}/{}",
            crate::editor_schema::DEFAULT_DIR,
            crate::editor_schema::PROJECT_FILE
        ),
    );
    let title_toml = toml::Value::String(title.to_string()).to_string();
    vec![
        ("book.toml".into(), BOOK_TOML.replace("__TITLE__", &title_toml)),
        (".gitignore".into(), GITIGNORE.to_string()),
        (WORKFLOW_PATH.into(), book_workflow(source)),
        ("content/process.yaml".into(), PROCESS.to_string()),
        ("content/about.md".into(), ABOUT.to_string()),
        ("content/guide.md".into(), GUIDE.to_string()),
        ("content/formats.md".into(), FORMATS.to_string()),
        (
            format!("content/projects/{EXAMPLE_ID}.yaml").into(),
            // The example carries the header already when the repository's records do.
            match EXAMPLE.strip_prefix("# yaml-language-server:") {
                Some(_) => EXAMPLE.to_string(),
                None => format!("# yaml-language-server: $schema={schema_ref}\n{EXAMPLE}"),
            },
        ),
    ]
}

/// Why `init` refused to write.
#[derive(Debug)]
pub enum InitError {
    /// The folder holds files and `--force` was not given.
    NotEmpty(PathBuf, Vec<String>),
    Io(anyhow::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::NotEmpty(dir, names) => {
                let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
                let more = if names.len() > 5 { ", …" } else { "" };
                write!(
                    f,
                    "{} is not empty (it holds {}{more}); init never writes into a folder with files in it\n\
                     hint: choose an empty or new folder, or pass --force to write into this one \
                     (files of the same name are replaced)",
                    dir.display(),
                    shown.join(", ")
                )
            }
            InitError::Io(e) => write!(f, "{e:#}"),
        }
    }
}

/// Writes a new book into `dir` (created when missing). Without `force`, `dir` must be empty.
/// Returns the files written, relative to `dir`.
pub fn init(dir: &Path, title: &str, force: bool, source: &InstallSource) -> Result<Vec<PathBuf>, InitError> {
    if dir.exists() && !dir.is_dir() {
        return Err(InitError::Io(anyhow::anyhow!(
            "{} exists and is not a folder",
            dir.display()
        )));
    }
    if dir.is_dir() && !force {
        let mut names: Vec<String> = fs::read_dir(dir)
            .with_context(|| format!("cannot list {}", dir.display()))
            .map_err(InitError::Io)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        if !names.is_empty() {
            return Err(InitError::NotEmpty(dir.to_path_buf(), names));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in book_files(title, source) {
        write_file(&dir.join(&rel), &text).map_err(InitError::Io)?;
        written.push(rel);
    }
    let schemas =
        crate::editor_schema::write(dir, &dir.join(crate::editor_schema::DEFAULT_DIR)).map_err(InitError::Io)?;
    written.extend(
        schemas
            .into_iter()
            .map(|p| p.strip_prefix(dir).map(Path::to_path_buf).unwrap_or(p)),
    );
    Ok(written)
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Checks a new project id: kebab-case and not taken. `existing` are the book's project ids.
pub fn check_new_id(id: &str, existing: &[&str]) -> Result<()> {
    if !is_kebab_case(id) {
        let suggestion = crate::check::to_kebab_case(id);
        let hint = if suggestion.is_empty() {
            "use lowercase letters, digits and dashes, e.g. `checkout-funnel`".to_string()
        } else {
            format!("use lowercase letters, digits and dashes, e.g. `{suggestion}`")
        };
        bail!("`{id}` is not a valid project id: ids are kebab-case, because the id is the file name and part of the page's address\nhint: {hint}");
    }
    if existing.contains(&id) {
        bail!("a project `{id}` already exists\nhint: pick another id, or edit the existing record");
    }
    Ok(())
}
