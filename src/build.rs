//! The whole pipeline, shared by `build` and `serve`: load → check → render → link check.
//! The result is a site in memory; `build` writes it, `serve` serves it.

use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, Loaded};
use crate::render::{self, Theme};
use crate::site::Site;
use anyhow::Result;
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
    let mut timings = Vec::new();
    let t = Instant::now();
    let mut loaded = load::load_and_check(root)?;
    timings.push(("load+check", t.elapsed()));
    let Some(book) = loaded.book.as_ref().filter(|_| !loaded.has_errors()) else {
        return Ok(Built {
            loaded,
            site: None,
            timings,
        });
    };
    let t = Instant::now();
    let theme = match Theme::load(root, book.config.output.html.theme.as_deref()) {
        Ok(t) => t,
        Err(ds) => {
            loaded.diagnostics.extend(ds);
            return Ok(Built {
                loaded,
                site: None,
                timings,
            });
        }
    };
    timings.push(("theme", t.elapsed()));
    let t = Instant::now();
    let rendered = render::render(book, &loaded.diagnostics, &theme);
    timings.push(("render", t.elapsed()));
    let site = match rendered {
        Ok(site) => site,
        Err(ds) => {
            loaded.diagnostics.extend(ds);
            diagnostic::sort(&mut loaded.diagnostics);
            return Ok(Built {
                loaded,
                site: None,
                timings,
            });
        }
    };
    let t = Instant::now();
    let broken = crate::linkcheck::check(&site);
    timings.push(("link check", t.elapsed()));
    let ok = broken.is_empty();
    loaded.diagnostics.extend(broken);
    diagnostic::sort(&mut loaded.diagnostics);
    Ok(Built {
        loaded,
        site: ok.then_some(site),
        timings,
    })
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
