//! JSON Schemas of the book's own files (the process and the project record), for editors.
//!
//! `dacibook schema` writes them into the book (`schemas/` by default). An editor that speaks
//! yaml-language-server (VS Code's YAML extension, Neovim, Helix…) then completes keys and
//! values, shows each key's description on hover, and flags mistakes while the author types.
//! The record schema is made from the book's process: it knows the role ids, the activity ids
//! and each activity's checklist, so it must be written again when the process changes.
//!
//! The schemas follow what the loader accepts, and add the rules of `check` that need no other
//! file (the forms of ids, dates and links, the sampling rate's range). Draft-07, because that
//! is the draft yaml-language-server supports best.

mod fields;
mod parts;
mod process;
mod record;

pub use process::process_schema;
pub use record::{project_schema, project_schema_for};

use crate::diagnostic::Diagnostic;
use crate::load::{self, Loaded};
use crate::source::SourceFile;
use anyhow::{Context, Result};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// The folder, below the book's root, that `dacibook schema` writes into by default.
pub const DEFAULT_DIR: &str = "schemas";
/// The file name of the process file's schema.
pub const PROCESS_FILE: &str = "process.schema.json";
/// The file name of the project record's schema.
pub const PROJECT_FILE: &str = "project.schema.json";
/// The JSON Schema draft of both schemas.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// The text of a schema file: pretty JSON with a trailing newline. Keys are sorted, so the
/// same process always gives the same bytes.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// Loads the book at `root` and writes both schemas into `out`, made from its process: the
/// paths written, the process's schema first.
///
/// Problems in project records or pages do not matter for the schemas and are ignored. When
/// book.toml or the process does not load, nothing is written and the error is a
/// [`NotLoaded`] (find it with `downcast_ref`), which holds the diagnostics. Other errors are
/// I/O failures: no book.toml, a folder or file that cannot be written.
pub fn write(root: &Path, out: &Path) -> Result<Vec<PathBuf>> {
    let loaded = load::load(root)?;
    let Some((process, naming)) = loaded
        .book
        .as_ref()
        .and_then(|b| Some((b.process.as_ref()?, b.config.schemas.field_names)))
    else {
        return Err(NotLoaded::from(&loaded).into());
    };
    let files = [
        (PROCESS_FILE, to_text(&process_schema())),
        (PROJECT_FILE, to_text(&project_schema_for(Some(process), naming))),
    ];
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut written = Vec::new();
    for (name, text) in files {
        let path = out.join(name);
        write_file(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// The error of [`write`] when book.toml or the process file does not load: their
/// diagnostics (problems in records and pages are left out), and the sources to quote.
#[derive(Debug)]
pub struct NotLoaded {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<SourceFile>,
}

impl From<&Loaded> for NotLoaded {
    fn from(loaded: &Loaded) -> Self {
        let process_file = loaded.book.as_ref().map(|b| b.config.content.process.clone());
        let diagnostics = loaded
            .diagnostics
            .iter()
            .filter(|d| match &d.location {
                None => true,
                Some(l) => l.file == Path::new("book.toml") || process_file.as_deref() == Some(l.file.as_path()),
            })
            .cloned()
            .collect();
        NotLoaded {
            diagnostics,
            sources: loaded.sources.clone(),
        }
    }
}

impl std::fmt::Display for NotLoaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "book.toml or the process file does not load, so no schema was written"
        )?;
        if let Some(first) = self.diagnostics.iter().find(|d| d.is_error()) {
            write!(f, ": {}", first.message)?;
            if let Some(l) = &first.location {
                write!(f, " ({}:{}:{})", l.file.display(), l.line, l.column)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for NotLoaded {}

/// Writes beside the target, then renames, so an editor never reads half a schema.
fn write_file(path: &Path, text: &str) -> Result<()> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let staging = path.with_file_name(format!(".{name}.new-{}", std::process::id()));
    let result = fs::write(&staging, text)
        .and_then(|()| fs::rename(&staging, path))
        .with_context(|| format!("cannot write {}", path.display()));
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::parts::{every, serde_name};
    use super::*;
    use crate::model::{FieldFormat, FieldType, Lifecycle, Sensitivity, StageStatus};

    // The schemas spell values as serde does (what the loader reads); the site spells them
    // with `as_str`. The two must not drift apart.
    #[test]
    fn serde_names_are_the_models_own_spelling() {
        for s in every!(StageStatus {
            NotStarted,
            InProgress,
            Done,
            Skipped,
            Blocked
        }) {
            assert_eq!(serde_name(&s), s.as_str());
        }
        for l in every!(Lifecycle {
            Proposed,
            Active,
            Paused,
            Decommissioned
        }) {
            assert_eq!(serde_name(&l), l.as_str());
        }
        for t in every!(FieldType {
            String,
            Integer,
            Number,
            Boolean,
            Object,
            Array
        }) {
            assert_eq!(serde_name(&t), t.as_str());
        }
        for f in every!(FieldFormat {
            DateTime,
            Date,
            Uri,
            Email,
            Uuid,
            Ipv4
        }) {
            assert_eq!(serde_name(&f), f.as_str());
        }
        for s in every!(Sensitivity {
            Public,
            Internal,
            Personal,
            Sensitive
        }) {
            assert_eq!(serde_name(&s), s.as_str());
        }
    }

    #[test]
    fn free_form_record_schema_takes_any_ids() {
        let schema = project_schema(None);
        assert!(schema["properties"]["people"].get("properties").is_none());
        assert!(schema["properties"]["people"]["additionalProperties"].is_object());
        assert!(
            schema["properties"]["stages"]["additionalProperties"]["properties"]["checked"]["items"]
                .get("enum")
                .is_none()
        );
    }
}
