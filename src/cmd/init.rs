//! `dacibook init [DIR]`: a new book that builds at once.

use crate::scaffold::{self, InitError};
use std::path::PathBuf;

/// Arguments of `dacibook init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the book in (created when missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The book's title.
    #[arg(long, default_value = "Instrumentation DACI")]
    pub title: String,
    /// Write into a folder that already holds files, replacing files of the same name.
    #[arg(long)]
    pub force: bool,
}

/// Writes the book; returns the exit code (0 written, 2 refused or I/O error).
pub fn run(args: &InitArgs) -> i32 {
    match scaffold::init(&args.dir, &args.title, args.force) {
        Ok(files) => {
            eprintln!("created a new book in {}:", args.dir.display());
            for f in &files {
                eprintln!("  {}", f.display().to_string().replace('\\', "/"));
            }
            let cd = if args.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", args.dir.display())
            };
            eprintln!("next: {cd}dacibook serve --open   (live preview)");
            eprintln!("      add a project with `dacibook new project <id>`");
            eprintln!("      push to GitHub and set Settings → Pages → Source to \"GitHub Actions\" to publish");
            0
        }
        Err(e @ InitError::NotEmpty(..)) | Err(e @ InitError::Io(_)) => {
            eprintln!("error: {e}");
            2
        }
    }
}
