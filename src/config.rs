//! `book.toml`: strict, kebab-case, with defaults for every optional key.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The whole of `book.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    pub book: BookSection,
    #[serde(default)]
    pub content: ContentSection,
    #[serde(default)]
    pub build: BuildSection,
    #[serde(default)]
    pub output: OutputSection,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookSection {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
}

fn default_language() -> String {
    "en".to_string()
}

/// Where the content lives, relative to the book root.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ContentSection {
    pub process: PathBuf,
    pub projects: PathBuf,
    pub pages: PathBuf,
}

impl Default for ContentSection {
    fn default() -> Self {
        ContentSection {
            process: "content/process.yaml".into(),
            projects: "content/projects".into(),
            pages: "content".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BuildSection {
    pub build_dir: PathBuf,
}

impl Default for BuildSection {
    fn default() -> Self {
        BuildSection {
            build_dir: "book".into(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct OutputSection {
    pub html: HtmlOutput,
}

/// Options of the HTML site.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct HtmlOutput {
    /// Absolute URL of the published site; used only where an absolute URL is required.
    pub site_url: Option<String>,
    /// Custom domain for GitHub Pages, written to `CNAME`.
    pub cname: Option<String>,
    pub git_repository_url: Option<String>,
    /// e.g. `https://github.com/org/repo/edit/main/{path}`.
    pub edit_url_template: Option<String>,
    /// A theme folder whose templates override the default theme's.
    pub theme: Option<PathBuf>,
}

impl BookConfig {
    /// Parses `book.toml`; a syntax error or unknown key becomes a located diagnostic.
    pub fn parse(file: &SourceFile) -> Result<BookConfig, Diagnostic> {
        toml::from_str::<BookConfig>(&file.text).map_err(|e| {
            let message = e.message().trim().to_string();
            let location = match e.span() {
                Some(span) => file.location_of_bytes(span),
                None => file.start(),
            };
            let (code, hint) = if message.starts_with("unknown field") {
                let ticks: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
                let hint = ticks
                    .split_first()
                    .and_then(|(u, known)| crate::suggest::did_you_mean(u, known.iter().copied(), "keys"));
                ("unknown-key", hint)
            } else if message.starts_with("missing field") {
                (
                    "missing-key",
                    Some("see docs/formats.md for the keys of book.toml".to_string()),
                )
            } else {
                ("toml-syntax", None)
            };
            Diagnostic::error(code, format!("book.toml: {message}"))
                .at(location)
                .maybe_hint(hint)
        })
    }
}
