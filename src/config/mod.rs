//! `book.toml`: strict, kebab-case, with defaults for every optional key.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

mod paths;

pub use paths::normalize;

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
    #[serde(default)]
    pub schemas: SchemasSection,
}

/// Where the schema registry is: its roots, searched in order, and its allow-list.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SchemasSection {
    /// Folders holding schemas by path (`<root>/<path>/<version>.yaml`). They may lie outside
    /// the book: they are only read, never published.
    pub roots: Vec<PathBuf>,
    /// The sanitization allow-list (table → field → `keep` or `hash`), inside the book.
    pub allow_list: Option<PathBuf>,
    /// How the fields of inline schemas are named, at every depth.
    pub field_names: FieldNames,
}

/// The naming rule for inline schema fields (`[schemas] field-names`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum FieldNames {
    /// Lowercase words joined by underscores: `page_id`.
    #[default]
    #[serde(rename = "snake_case")]
    SnakeCase,
    /// A lowercase word, then capitalized ones: `pageId`.
    #[serde(rename = "camelCase")]
    CamelCase,
    /// Any name (a legacy schema's own).
    #[serde(rename = "any")]
    Any,
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
    /// What happens to raw HTML in Markdown pages.
    pub raw_html: RawHtml,
}

/// `raw-html`: raw HTML in Markdown pages is sanitized (the default) or kept as written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawHtml {
    /// Scripts, event handlers, frames, forms, style attributes and unsafe URLs are removed.
    #[default]
    Sanitized,
    /// Kept as written, for books whose every page is reviewed.
    Trusted,
}

/// Whether `url` is an absolute http(s) URL with a host.
pub fn is_web_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Where `key = …` is written in the TOML file.
pub(crate) fn key_location(file: &SourceFile, key: &str) -> Option<crate::source::Location> {
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with('='))
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(file.location_of_bytes(start..start + key.len()));
        }
        offset += line.len();
    }
    None
}

/// Settings given on the command line, which win over book.toml's.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--site-url`: where the site is published.
    pub site_url: Option<String>,
}

impl BookConfig {
    /// The URLs of `[output.html]`: each must be an absolute http(s) URL, and the edit
    /// template must hold `{path}`. `file` is book.toml, to point at the key.
    pub fn check_urls(&self, file: &SourceFile) -> Vec<Diagnostic> {
        let html = &self.output.html;
        let mut out = Vec::new();
        for (key, value, example) in [
            ("site-url", &html.site_url, "https://org.github.io/repo/"),
            (
                "git-repository-url",
                &html.git_repository_url,
                "https://github.com/org/repo",
            ),
            (
                "edit-url-template",
                &html.edit_url_template,
                "https://github.com/org/repo/edit/main/{path}",
            ),
        ] {
            let Some(url) = value else { continue };
            let problem = if !is_web_url(url) {
                Some(format!("`{key}` must be an absolute http or https URL, not `{url}`"))
            } else if key == "edit-url-template" && !url.contains("{path}") {
                Some(format!("`{key}` must contain `{{path}}`, where the file's path goes"))
            } else {
                None
            };
            if let Some(message) = problem {
                let at = key_location(file, key).unwrap_or_else(|| file.start());
                out.push(
                    Diagnostic::error("bad-url", format!("book.toml: {message}"))
                        .at(at)
                        .hint(format!("for example `{key} = \"{example}\"`")),
                );
            }
        }
        out
    }

    /// Applies command-line settings.
    pub fn apply(&mut self, overrides: &Overrides) {
        if let Some(url) = &overrides.site_url {
            self.output.html.site_url = Some(url.clone());
        }
    }

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
                    Some("add the key; `dacibook explain missing-key` says which keys each file needs".to_string()),
                )
            } else if let Some((_, expected)) = message.split_once("expected") {
                let values: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
                match message.starts_with("unknown variant") && !values.is_empty() {
                    true => ("unknown-value", Some(format!("write one of `{}`", values.join("`, `")))),
                    false => ("toml-syntax", None),
                }
            } else {
                ("toml-syntax", None)
            };
            Diagnostic::error(code, format!("book.toml: {message}"))
                .at(location)
                .maybe_hint(hint)
        })
    }
}
