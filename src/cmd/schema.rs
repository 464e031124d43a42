//! `dacibook schema [DIR] [-o OUT]`: writes JSON Schemas of the process file and the project
//! record, for editors.

use crate::diagnostic::{self, Format};
use crate::editor_schema::{self, NotLoaded};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Arguments of `dacibook schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The book's folder (holding book.toml; default: the nearest one from the current folder
    /// upwards).
    pub dir: Option<PathBuf>,
    /// Where to write the schemas (default: `schemas` in the book's folder). A relative path is
    /// taken from the current folder.
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Writes the schemas; returns the exit code (0 written, 1 the process does not load, 2 usage
/// or I/O errors).
pub fn run(args: &SchemaArgs) -> i32 {
    let dir = match super::book_dir::find(args.dir.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let out = args
        .out_dir
        .clone()
        .unwrap_or_else(|| dir.join(editor_schema::DEFAULT_DIR));
    let result = editor_schema::write(&dir, &out);
    let mut err = std::io::stderr().lock();
    match result {
        Ok(paths) => {
            let names: Vec<String> = paths.iter().map(|p| shown(p)).collect();
            let _ = writeln!(err, "wrote {}", names.join(" and "));
            0
        }
        Err(e) => match e.downcast_ref::<NotLoaded>() {
            Some(not_loaded) => {
                let color = std::io::stderr().is_terminal();
                let text = diagnostic::render(&not_loaded.diagnostics, &not_loaded.sources, Format::Human, color);
                let _ = err.write_all(text.as_bytes());
                let errors = not_loaded.diagnostics.iter().filter(|d| d.is_error()).count();
                let _ = writeln!(
                    err,
                    "schema failed: {errors} error(s) in book.toml or the process; nothing was written"
                );
                1
            }
            None => {
                let _ = writeln!(err, "error: {e:#}");
                2
            }
        },
    }
}

/// A path as the user would type it: without a leading `./`.
fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}
