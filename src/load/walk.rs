//! Listing the files of a book's folders: which entries are never content (hidden ones,
//! cargo's and npm's folders), and symbolic links, which are followed only inside the book.
//! The watcher of `serve` ignores the same entries ([`is_ignored_name`]).

use crate::diagnostic::Diagnostic;
use crate::source::Location;
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Names never read as content, anywhere in the book: hidden entries (`.git`, editors' files,
/// the staging folders of a build), and the folders of cargo (`target`) and npm
/// (`node_modules`), which hold tools' files, not the book's.
pub fn is_ignored_name(name: &str) -> bool {
    (name.starts_with('.') && name != "." && name != "..") || name == "target" || name == "node_modules"
}

/// Files with one of `exts` (any file when `exts` is empty) in `dir` (relative to `root`),
/// sorted; below it too when `recursive`. Ignored names are skipped. A symbolic link is
/// followed when it leads to a place inside the book; one that leads outside, or nowhere, is
/// skipped with a warning in `warnings`.
pub fn list_files(
    root: &Path,
    dir: &Path,
    exts: &[&str],
    recursive: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>> {
    let inside = fs::canonicalize(root).with_context(|| format!("cannot read {}", root.display()))?;
    let mut out = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    if let Ok(real) = fs::canonicalize(root.join(dir)) {
        seen_dirs.insert(real);
    }
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = fs::read_dir(root.join(&d)).with_context(|| format!("cannot list {}", d.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", d.display()))?;
            let name = entry.file_name();
            if is_ignored_name(&name.to_string_lossy()) {
                continue;
            }
            let rel = d.join(&name);
            let mut kind = entry.file_type()?;
            if kind.is_symlink() {
                match fs::canonicalize(root.join(&rel)) {
                    Ok(real) if real.starts_with(&inside) => {
                        kind = fs::metadata(&real)?.file_type();
                        // A link back to a folder already listed would loop.
                        if kind.is_dir() && !seen_dirs.insert(real) {
                            continue;
                        }
                    }
                    Ok(real) => {
                        warnings.push(located(
                            &rel,
                            Diagnostic::warning(
                                "symlink-outside",
                                format!(
                                    "{} is a symbolic link to {}, outside the book; it is not read",
                                    rel.display(),
                                    real.display()
                                ),
                            ),
                        ));
                        continue;
                    }
                    Err(_) => {
                        warnings.push(located(
                            &rel,
                            Diagnostic::warning(
                                "dangling-symlink",
                                format!("{} is a symbolic link to nothing; it is not read", rel.display()),
                            ),
                        ));
                        continue;
                    }
                }
            }
            if kind.is_dir() && recursive {
                todo.push(rel);
            } else if kind.is_file()
                && (exts.is_empty()
                    || rel
                        .extension()
                        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x))))
            {
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The warning of a link, placed at the link itself.
fn located(rel: &Path, warning: Diagnostic) -> Diagnostic {
    warning
        .at(Location {
            file: rel.to_path_buf(),
            line: 1,
            column: 1,
            bytes: 0..0,
        })
        .hint("copy the file into the book, or remove the link; a book only publishes what is inside its folder")
}
