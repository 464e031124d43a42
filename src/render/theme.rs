//! The theme: Tera templates and static files. The default theme is compiled into the binary;
//! a book's own theme folder (`theme` in book.toml) replaces templates and static files of the
//! same name. Every default template is also registered as `default/<name>`, so an override
//! can `{% extends "default/base.html" %}` and replace one block instead of copying the file.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tera::Tera;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $name)) as &[u8])),*]
    };
}

/// The default theme's files, by path inside the theme folder.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/projects.html",
    "templates/matrix.html",
    "templates/role.html",
    "templates/activity.html",
    "templates/stage-page.html",
    "templates/project.html",
    "templates/dictionary.html",
    "templates/dictionary-page.html",
    "templates/dictionary-uses.html",
    "templates/page.html",
    "templates/404.html",
    "templates/board.html",
    "templates/people.html",
    "templates/person.html",
    "templates/pages.html",
    "templates/partials/project-card.html",
    "templates/partials/stage-row.html",
    "templates/partials/holder-row.html",
    "templates/partials/unfilled-item.html",
    "templates/partials/dictionary-index-item.html",
    "templates/partials/dictionary-entry.html",
    "templates/partials/board-card.html",
    "templates/partials/person-project.html",
    "templates/partials/waiting-item.html",
    "templates/partials/person-row.html",
    "static/style.css",
    "static/highlight.css",
    "static/theme.js",
    "static/board.js",
    "static/filter.js",
    "static/search.js",
    "static/favicon.svg",
];

/// Loaded templates and the static files to copy into the site (`static/…`).
pub struct Theme {
    pub tera: Tera,
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme, overridden by the files of `dir` (relative to `root`) when given.
    pub fn load(root: &Path, dir: Option<&Path>) -> Result<Theme, Vec<Diagnostic>> {
        let mut templates: BTreeMap<String, (String, Option<PathBuf>)> = BTreeMap::new();
        let mut statics = BTreeMap::new();
        for (path, bytes) in DEFAULT_FILES {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                templates.insert(format!("default/{name}"), (text.clone(), None));
                templates.insert(name.to_string(), (text, None));
            } else {
                statics.insert(path.to_string(), bytes.to_vec());
            }
        }
        let mut diagnostics = Vec::new();
        if let Some(dir) = dir {
            if !root.join(dir).is_dir() {
                return Err(vec![Diagnostic::error(
                    "missing-file",
                    format!("the theme folder {} does not exist", dir.display()),
                )
                .hint("create it, or remove `theme` from [output.html] in book.toml")]);
            }
            for rel in files_below(root, dir) {
                let inner = rel.strip_prefix(dir).unwrap_or(&rel);
                let key = inner.to_string_lossy().replace('\\', "/");
                let Ok(bytes) = fs::read(root.join(&rel)) else {
                    diagnostics.push(Diagnostic::error("io", format!("cannot read {}", rel.display())));
                    continue;
                };
                if let Some(name) = key.strip_prefix("templates/") {
                    match String::from_utf8(bytes) {
                        Ok(text) => {
                            templates.insert(name.to_string(), (text, Some(rel.clone())));
                        }
                        Err(_) => diagnostics.push(
                            Diagnostic::error("not-utf8", format!("{} is not valid UTF-8 text", rel.display()))
                                .hint("save the template as UTF-8"),
                        ),
                    }
                } else if key.starts_with("static/") {
                    statics.insert(key, bytes);
                }
            }
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape);
        super::filters::register(&mut tera);
        let list: Vec<(String, String)> = templates.iter().map(|(k, (t, _))| (k.clone(), t.clone())).collect();
        if let Err(e) = tera.add_raw_templates(list) {
            let culprit = templates
                .iter()
                .find(|(k, _)| error_chain(&e).contains(k.as_str()))
                .and_then(|(_, (_, p))| p.clone());
            let mut d = Diagnostic::error("template", format!("the theme does not compile: {}", error_chain(&e)));
            if let Some(p) = culprit {
                if let Ok(text) = fs::read_to_string(root.join(&p)) {
                    d = d.at(SourceFile::new(&p, text).start());
                }
            }
            return Err(vec![
                d.hint("fix the template; Tera's syntax is described at keats.github.io/tera")
            ]);
        }
        Ok(Theme { tera, statics })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let ctx = tera::Context::from_serialize(context).map_err(|e| {
            Diagnostic::error(
                "template",
                format!("cannot build the context of {name}: {}", error_chain(&e)),
            )
        })?;
        self.render_context(name, &ctx)
    }

    /// Renders template `name` with a context already built.
    pub fn render_context(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            Diagnostic::error("template", format!("template {name} failed: {}", error_chain(&e)))
                .hint("check the template against the page's context; `dacibook explain template` says more")
        })
    }
}

/// Escapes text for HTML text and quoted attributes (`& < > " '`); unlike Tera's default it
/// leaves `/` alone, so paths stay readable and pages smaller.
pub fn escape(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// Tera's error with its causes, on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

fn files_below(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = fs::read_dir(root.join(&d)) else {
            continue;
        };
        for e in entries.flatten() {
            if crate::load::is_ignored_name(&e.file_name().to_string_lossy()) {
                continue;
            }
            let rel = d.join(e.file_name());
            match e.file_type() {
                Ok(t) if t.is_dir() => todo.push(rel),
                Ok(t) if t.is_file() => out.push(rel),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = files_below(&dir, Path::new(""))
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        let embedded: Vec<&str> = DEFAULT_FILES.iter().map(|(p, _)| *p).collect();
        for f in &on_disk {
            assert!(
                embedded.contains(&f.as_str()),
                "{f} is in themes/default but not embedded"
            );
        }
        assert_eq!(on_disk.len(), embedded.len());
    }
}
