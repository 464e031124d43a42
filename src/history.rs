//! When each record last changed: the date of the last commit that touched it when the book
//! is in a git work tree and the file is committed as it is, else the file's modification
//! date. Git is asked three times per build, whatever the number of files, and about the
//! edited file only after an edit in `serve`; an answer that takes too long is not waited for.

use crate::model::Date;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// How long git may take to answer before the dates fall back to the files' own.
pub const GIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs git in `root`; its standard output when it succeeds within [`GIT_TIMEOUT`].
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false"])
        .args(args);
    run(command, GIT_TIMEOUT)
}

/// Runs `command`; its standard output when it succeeds within `timeout`, else `None` (and
/// the command is killed).
fn run(mut command: Command, timeout: Duration) -> Option<String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    // Read while it runs, so that a long answer never fills the pipe and stalls it.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let out = reader.join().ok()?.ok()?;
    status.success().then(|| String::from_utf8_lossy(&out).into_owned())
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

/// When `file` (relative to `root`) last changed, asking git about this file only: what
/// serve does after an edit, instead of reading the whole history again.
pub fn last_changed_one(root: &Path, file: &Path) -> Option<LastChanged> {
    let key = file.to_string_lossy().replace('\\', "/");
    let from_git = || -> Option<Date> {
        if !in_git(root) {
            return None;
        }
        let dirty = git(root, &["diff", "--name-only", "--relative", "HEAD", "--", &key])?;
        let untracked = git(root, &["ls-files", "--others", "--exclude-standard", "--", &key])?;
        if !dirty.trim().is_empty() || !untracked.trim().is_empty() {
            return None;
        }
        Date::parse(git(root, &["log", "-1", "--format=%cs", "--", &key])?.trim())
    };
    match from_git() {
        Some(date) => Some(LastChanged {
            date,
            source: DateSource::Git,
        }),
        None => file_date(&root.join(file)).map(|date| LastChanged {
            date,
            source: DateSource::File,
        }),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_outlasts_its_timeout_is_killed_and_gives_nothing() {
        let started = Instant::now();
        let mut slow = Command::new("sleep");
        slow.arg("30");
        assert_eq!(run(slow, Duration::from_millis(200)), None);
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        let mut quick = Command::new("echo");
        quick.arg("hello");
        assert_eq!(run(quick, Duration::from_secs(5)).as_deref(), Some("hello\n"));
        assert_eq!(run(Command::new("false"), Duration::from_secs(5)), None);
    }
}
