use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::source::SourceFile;

/// A Markdown page's front matter.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrontMatter {
    #[serde(default)]
    pub title: Option<String>,
    /// Position in the navigation (lower first); pages without one come last.
    #[serde(default)]
    pub order: Option<i64>,
}

/// A Markdown page of the book.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the pages folder, e.g. `about.md`.
    pub path: PathBuf,
    pub source: SourceFile,
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// How many lines of the file precede `body`.
    pub body_line_offset: usize,
}

impl Page {
    /// The title: front matter, else the first `# ` heading, else the file name.
    pub fn title(&self) -> String {
        if let Some(t) = &self.front.title {
            return t.clone();
        }
        self.body
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string())
            .unwrap_or_else(|| {
                self.path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
            })
    }
}
