//! `dacibook check [DIR]`: the whole build without writing (load, check, render, link check),
//! so a book that passes `check` builds; prints the diagnostics.

use crate::build;
use crate::diagnostic::{self, Format};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `dacibook check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The book's folder (holding book.toml; default: the nearest one from the current folder
    /// upwards).
    pub dir: Option<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs the check; returns the process exit code (0 clean, 1 content errors, 2 I/O).
pub fn run(args: &CheckArgs) -> i32 {
    let dir = match super::book_dir::find(args.dir.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let loaded = match build::build_in_memory(&dir) {
        Ok(built) => built.loaded,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 2;
        }
    };
    let color = args.format == Format::Human && std::io::stderr().is_terminal();
    let text = diagnostic::render(&loaded.diagnostics, &loaded.sources, args.format, color);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = loaded.diagnostics.len() - errors;
    if args.format == Format::Human {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let projects = loaded.book.as_ref().map_or(0, |b| b.projects.len());
        let _ = writeln!(
            err,
            "{}: {errors} error(s), {warnings} warning(s) in {} file(s), {projects} project(s)",
            if errors > 0 { "check failed" } else { "check passed" },
            loaded.sources.len()
        );
    } else {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
    i32::from(errors > 0)
}
