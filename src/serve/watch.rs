//! Watching the book for changes: which paths matter (a pure function, tested), what kind
//! of change each is, and the notify watcher behind a debouncer.

use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Which file watcher to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WatcherKind {
    /// The operating system's notifications (inotify, FSEvents, …).
    Native,
    /// Polling, for WSL2, network drives and containers where notifications do not arrive.
    Poll,
}

/// What a change needs rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A static file of the theme: copy it, nothing else.
    Static,
    /// A template: render again with the same content.
    Template,
    /// book.toml, the process, a record or a page: load again.
    Content,
}

/// Whether a changed path is one serve should react to. Editor swap, backup and lock files,
/// version-control folders and the build output are not.
pub fn is_relevant(path: &Path, root: &Path, build_dir: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if rel.starts_with(build_dir) {
        return false;
    }
    // Hidden entries are never loaded (that covers .git and the `.book.new-…` staging folders
    // of `dacibook build`), nor are cargo's and npm's folders.
    if rel.components().any(|c| {
        let c = c.as_os_str().to_string_lossy();
        c.starts_with('.') && c != "." && c != ".." || c == "target" || c == "node_modules"
    }) {
        return false;
    }
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let editor_file = name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == ".DS_Store"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext));
    !editor_file
}

/// What rebuilding `path` takes, given the theme folder (if any).
pub fn classify(path: &Path, root: &Path, theme: Option<&Path>) -> ChangeKind {
    let rel = path.strip_prefix(root).unwrap_or(path);
    match theme {
        Some(t) if rel.starts_with(t.join("static")) => ChangeKind::Static,
        Some(t) if rel.starts_with(t) => ChangeKind::Template,
        _ => ChangeKind::Content,
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Box<dyn std::any::Any + Send>,
}

/// Watches `paths` (recursively where they are folders) and sends the changed paths,
/// debounced, to `tx`.
pub fn watch(kind: WatcherKind, paths: &[PathBuf], tx: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            // Reading files (as every rebuild does) raises access events; only changes count.
            let changed: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .collect();
            if !changed.is_empty() {
                let _ = tx.send(changed);
            }
        }
    };
    let debounce = Duration::from_millis(40);
    fn add<W: notify::Watcher>(d: &mut Debouncer<W, RecommendedCache>, paths: &[PathBuf]) -> notify::Result<()> {
        for p in paths {
            let mode = if p.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            d.watch(p, mode)?;
        }
        Ok(())
    }
    match kind {
        WatcherKind::Native => {
            let mut d = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
                debounce,
                None,
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )?;
            add(&mut d, paths)?;
            Ok(Watcher {
                _debouncer: Box::new(d),
            })
        }
        WatcherKind::Poll => {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(200));
            let mut d = new_debouncer_opt::<_, notify::PollWatcher, RecommendedCache>(
                debounce,
                None,
                handler,
                RecommendedCache::new(),
                config,
            )?;
            add(&mut d, paths)?;
            Ok(Watcher {
                _debouncer: Box::new(d),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relevant(p: &str) -> bool {
        is_relevant(&Path::new("/b").join(p), Path::new("/b"), Path::new("book"))
    }

    #[test]
    fn content_files_are_relevant() {
        assert!(relevant("book.toml"));
        assert!(relevant("content/projects/a.yaml"));
        assert!(relevant("content/guide.md"));
        assert!(relevant("themes/mine/templates/base.html"));
    }

    #[test]
    fn editor_files_output_and_vcs_are_not() {
        for p in [
            "content/projects/.a.yaml.swp",
            "content/projects/a.yaml~",
            "content/.#guide.md",
            "content/#guide.md#",
            "content/4913",
            "book/index.html",
            ".git/index",
            "target/debug/x",
            ".book.new-12/index.html",
            "content/a.yaml.tmp",
        ] {
            assert!(!relevant(p), "{p} should be ignored");
        }
    }

    #[test]
    fn changes_are_classified_by_place() {
        let root = Path::new("/b");
        let theme = Some(Path::new("mine"));
        assert_eq!(
            classify(Path::new("/b/mine/static/style.css"), root, theme),
            ChangeKind::Static
        );
        assert_eq!(
            classify(Path::new("/b/mine/templates/base.html"), root, theme),
            ChangeKind::Template
        );
        assert_eq!(
            classify(Path::new("/b/content/projects/a.yaml"), root, theme),
            ChangeKind::Content
        );
        assert_eq!(classify(Path::new("/b/content/a.md"), root, None), ChangeKind::Content);
    }
}
