//! When each record last changed: the date of the last commit that touched it when the book
//! is in a git work tree and the file is committed as it is, else the file's modification
//! date. Git is asked three times per call, whatever the number of files.

use crate::model::Date;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The last commit touching the file.
    Git,
    /// The file's modification time (not in git, or changed since the last commit).
    File,
}

/// When a file last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LastChanged {
    pub date: Date,
    pub source: DateSource,
}

/// Whether `root` is inside a git work tree (a `.git` entry in it or a parent folder).
fn in_git(root: &Path) -> bool {
    let Ok(abs) = root.canonicalize() else { return false };
    abs.ancestors().any(|d| d.join(".git").exists())
}

/// Runs git in `root`; its standard output when it succeeds.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The last commit date of each file changed under `dir` (relative to `root`), by path from
/// `root`; `None` when git cannot answer.
fn commit_dates(root: &Path, dir: &str) -> Option<HashMap<PathBuf, Date>> {
    let log = git(
        root,
        &["log", "--format=%x01%cs", "--name-only", "--relative", "--", dir],
    )?;
    let dirty: HashSet<PathBuf> = git(root, &["diff", "--name-only", "--relative", "HEAD", "--", dir])?
        .lines()
        .chain(git(root, &["ls-files", "--others", "--exclude-standard", "--", dir])?.lines())
        .map(PathBuf::from)
        .collect();
    let mut dates = HashMap::new();
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(d) = line.strip_prefix('\u{1}') {
            current = Date::parse(d.trim());
        } else if !line.is_empty() {
            let path = PathBuf::from(line);
            if let (Some(d), false) = (current, dirty.contains(&path)) {
                // The log runs newest first: the first date seen is the last change.
                dates.entry(path).or_insert(d);
            }
        }
    }
    Some(dates)
}

/// The modification date of `path` (UTC).
fn file_date(path: &Path) -> Option<Date> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    Some(Date(chrono::DateTime::<chrono::Utc>::from(modified).date_naive()))
}

/// When each of `files` (relative to `root`, all in folder `dir`) last changed.
pub fn last_changed(root: &Path, dir: &Path, files: &[PathBuf]) -> HashMap<PathBuf, LastChanged> {
    let dir = dir.to_string_lossy().replace('\\', "/");
    let dates = if in_git(root) { commit_dates(root, &dir) } else { None };
    files
        .iter()
        .filter_map(|f| {
            let key = PathBuf::from(f.to_string_lossy().replace('\\', "/"));
            let found = match dates.as_ref().and_then(|d| d.get(&key)) {
                Some(&date) => Some(LastChanged {
                    date,
                    source: DateSource::Git,
                }),
                None => file_date(&root.join(f)).map(|date| LastChanged {
                    date,
                    source: DateSource::File,
                }),
            };
            found.map(|c| (f.clone(), c))
        })
        .collect()
}
