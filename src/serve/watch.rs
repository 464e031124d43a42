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

/// What serve watches, relative to the book's root: single files (book.toml, the process)
/// and folders watched with everything below them (pages, projects, theme).
#[derive(Debug, Clone, Default)]
pub struct Watched {
    pub files: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
    pub build_dir: PathBuf,
    /// The pages live in the root folder itself (`pages = "."`).
    pub root_pages: bool,
}

impl Watched {
    /// What to watch for a book with this configuration.
    pub fn of(config: &crate::config::BookConfig) -> Watched {
        let c = &config.content;
        let mut folders = vec![c.pages.clone(), c.projects.clone()];
        folders.extend(config.output.html.theme.clone());
        folders.retain(|f| !f.as_os_str().is_empty() && f != Path::new("."));
        folders.sort();
        folders.dedup();
        // A folder below another watched one needs no watch of its own.
        let all = folders.clone();
        folders.retain(|f| !all.iter().any(|g| g != f && f.starts_with(g)));
        Watched {
            files: vec![PathBuf::from("book.toml"), c.process.clone()],
            folders,
            build_dir: config.build.build_dir.clone(),
            root_pages: c.pages.as_os_str().is_empty() || c.pages == Path::new("."),
        }
    }

    /// Whether a changed path is one serve should react to: a watched file, or a file below a
    /// watched folder that is not an editor's swap, backup or lock file, not hidden, and not
    /// in the build output.
    pub fn is_relevant(&self, path: &Path, root: &Path) -> bool {
        let rel = path.strip_prefix(root).unwrap_or(path);
        if self.files.iter().any(|f| f == rel) {
            return true;
        }
        let at_root_page =
            self.root_pages && rel.parent() == Some(Path::new("")) && rel.extension().is_some_and(|e| e == "md");
        if rel.starts_with(&self.build_dir) || !(at_root_page || self.folders.iter().any(|f| rel.starts_with(f))) {
            return false;
        }
        // What the loader never reads (hidden entries, which covers .git and the `.book.new-…`
        // staging folders of `dacibook build`, and cargo's and npm's folders) is not watched.
        if rel
            .components()
            .any(|c| crate::load::is_ignored_name(&c.as_os_str().to_string_lossy()))
        {
            return false;
        }
        let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        let editor_file = name.ends_with('~')
            || (name.starts_with('#') && name.ends_with('#'))
            || name == "4913"
            || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crswap"]
                .iter()
                .any(|ext| name.ends_with(ext));
        !editor_file
    }

    /// The paths to hand to the watcher, absolute, with whether to watch below them. The
    /// root is watched alone (not below it) so that book.toml and a process file at the root
    /// are seen, while logs and other folders are not.
    pub fn watch_list(&self, root: &Path) -> Vec<(PathBuf, bool)> {
        let mut list = vec![(root.to_path_buf(), false)];
        for f in &self.files {
            if let Some(parent) = f.parent().filter(|p| !p.as_os_str().is_empty()) {
                if !self.folders.iter().any(|d| parent.starts_with(d)) {
                    list.push((root.join(parent), false));
                }
            }
        }
        list.extend(self.folders.iter().map(|f| (root.join(f), true)));
        list.retain(|(p, _)| p.exists());
        list.sort();
        list.dedup();
        list
    }

    /// The watches to add again after `changed` (absolute paths): those of the watched
    /// folders that exist now and that a changed path is, or is above. Such a change removed
    /// or replaced the folder (or made it for the first time), and a watch ends with the folder
    /// it was on: without a new one, edits in a theme folder deleted and restored (a checkout,
    /// `rm -r` and `cp -r`) would never be seen.
    pub fn to_watch_again(&self, root: &Path, changed: &[PathBuf]) -> Vec<(PathBuf, bool)> {
        let mut list = self.watch_list(root);
        list.retain(|(p, _)| p != root && changed.iter().any(|c| p.starts_with(c)));
        list
    }
}

/// Whether an event of `kind` on a path (a folder when `is_dir`) changes the book, so that
/// both watchers hand the same paths to the rebuild and it classifies them alike.
///
/// Reading files (as every rebuild does) raises access events: they are no change. Nor is a
/// folder's own modification: saving a file by writing a temporary one and renaming it over
/// the old (as sed and many editors do) changes the folder's write time, which the poll
/// watcher reports besides the file itself, and the folder would make an incremental rebuild
/// a full one. The files in the folder report their own changes. A folder made, removed or
/// renamed still counts, to be watched again.
pub fn is_change(kind: notify::EventKind, is_dir: bool) -> bool {
    match kind {
        notify::EventKind::Access(_) => false,
        notify::EventKind::Modify(notify::event::ModifyKind::Name(_)) => true,
        notify::EventKind::Modify(_) => !is_dir,
        _ => true,
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Box<dyn AddWatch>,
}

/// The one thing serve does with a debouncer after starting it: watch a path (again).
trait AddWatch: Send {
    fn add(&mut self, path: &Path, below: bool) -> notify::Result<()>;
}

impl<W: notify::Watcher + Send + 'static> AddWatch for Debouncer<W, RecommendedCache> {
    fn add(&mut self, path: &Path, below: bool) -> notify::Result<()> {
        let mode = if below {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        self.watch(path, mode)
    }
}

impl Watcher {
    /// Watches `paths` again (see [`Watched::to_watch_again`]); a path gone again by now is
    /// skipped, its next creation brings it back here.
    pub fn watch_again(&mut self, paths: &[(PathBuf, bool)]) {
        for (p, below) in paths {
            let _ = self.debouncer.add(p, *below);
        }
    }
}

/// What the watcher tells the rebuild loop.
#[derive(Debug)]
pub enum Event {
    /// These paths changed.
    Changed(Vec<PathBuf>),
    /// The watcher failed (a watch limit reached, its queue overflowed): changes may have been
    /// missed.
    Failed(String),
}

/// Watches `paths` (below them where the flag says so) and sends the changed paths,
/// debounced, to `tx`, or what went wrong.
pub fn watch(kind: WatcherKind, paths: &[(PathBuf, bool)], tx: Sender<Event>) -> notify::Result<Watcher> {
    let handler = move |result: DebounceEventResult| {
        let event = match result {
            Ok(events) => {
                if events.iter().any(|e| e.event.need_rescan()) {
                    Event::Failed("the system dropped some change notifications (its queue overflowed)".into())
                } else {
                    let changed: Vec<PathBuf> = events
                        .into_iter()
                        .flat_map(|e| {
                            let kind = e.event.kind;
                            e.event.paths.into_iter().filter(move |p| is_change(kind, p.is_dir()))
                        })
                        .collect();
                    match super::recover::debug_watch_error_on(&changed) {
                        Some(why) => Event::Failed(why),
                        None if changed.is_empty() => return,
                        None => Event::Changed(changed),
                    }
                }
            }
            Err(errors) => {
                let why: Vec<String> = errors.iter().map(ToString::to_string).collect();
                Event::Failed(why.join("; "))
            }
        };
        let _ = tx.send(event);
    };
    let debounce = Duration::from_millis(40);
    let mut debouncer: Box<dyn AddWatch> = match kind {
        WatcherKind::Native => Box::new(new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
            debounce,
            None,
            handler,
            RecommendedCache::new(),
            notify::Config::default(),
        )?),
        WatcherKind::Poll => Box::new(new_debouncer_opt::<_, notify::PollWatcher, RecommendedCache>(
            debounce,
            None,
            handler,
            RecommendedCache::new(),
            // Modification times are compared in whole seconds: without the contents, a second
            // save within the same second would go unseen.
            notify::Config::default()
                .with_poll_interval(Duration::from_millis(200))
                .with_compare_contents(true),
        )?),
    };
    for (p, below) in paths {
        debouncer.add(p, *below)?;
    }
    Ok(Watcher { debouncer })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BookConfig;

    fn watched() -> Watched {
        let mut config: BookConfig = toml::from_str("[book]\ntitle = \"x\"\n").unwrap();
        config.output.html.theme = Some("themes/mine".into());
        Watched::of(&config)
    }

    fn relevant(p: &str) -> bool {
        watched().is_relevant(&Path::new("/b").join(p), Path::new("/b"))
    }

    #[test]
    fn a_folders_own_modification_and_reads_are_no_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, ModifyKind, RemoveKind, RenameMode};
        use notify::EventKind;
        let write_time = EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime));
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(is_change(write_time, false), "a file's new write time is a change");
        assert!(is_change(data, false));
        assert!(!is_change(write_time, true), "a folder's new write time is not");
        assert!(!is_change(data, true));
        assert!(!is_change(EventKind::Access(AccessKind::Any), false));
        for (kind, is_dir) in [
            (EventKind::Modify(ModifyKind::Name(RenameMode::To)), true),
            (EventKind::Create(CreateKind::Any), true),
            (EventKind::Remove(RemoveKind::Any), true),
            (EventKind::Create(CreateKind::Any), false),
            (EventKind::Remove(RemoveKind::Any), false),
        ] {
            assert!(is_change(kind, is_dir), "{kind:?} (folder: {is_dir})");
        }
    }

    #[test]
    fn content_files_are_relevant() {
        assert!(relevant("book.toml"));
        assert!(relevant("content/process.yaml"));
        assert!(relevant("content/projects/a.yaml"));
        assert!(relevant("content/guide.md"));
        assert!(relevant("themes/mine/templates/base.html"));
    }

    #[test]
    fn editor_files_output_vcs_and_other_files_are_not() {
        for p in [
            "content/projects/.a.yaml.swp",
            // Not hidden: caught by their endings alone.
            "content/projects/a.yaml.swp",
            "content/projects/a.yaml.swx",
            "content/guide.md.orig",
            "content/projects/a.yaml~",
            "content/.#guide.md",
            "content/#guide.md#",
            "content/4913",
            "book/index.html",
            ".git/index",
            "target/debug/x",
            ".book.new-12/index.html",
            "content/a.yaml.tmp",
            "serve.log",
            "notes/todo.txt",
            "README.md",
        ] {
            assert!(!relevant(p), "{p} should be ignored");
        }
    }

    #[test]
    fn a_watched_folder_made_again_is_watched_again_and_edits_inside_it_change_nothing() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::create_dir_all(root.join("themes/mine/static")).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let w = watched();
        let again = |changed: &[&str]| {
            let changed: Vec<PathBuf> = changed.iter().map(|c| root.join(c)).collect();
            w.to_watch_again(root, &changed)
        };
        assert_eq!(again(&["themes/mine"]), [(root.join("themes/mine"), true)]);
        assert_eq!(again(&["themes"]), [(root.join("themes/mine"), true)]);
        assert_eq!(again(&["content"]), [(root.join("content"), true)]);
        assert!(again(&["themes/mine/static/a.css", "content/projects/a.yaml", "book.toml"]).is_empty());
        // A folder that is gone (again) has nothing to watch.
        std::fs::remove_dir_all(root.join("themes")).unwrap();
        assert!(again(&["themes/mine"]).is_empty());
    }

    #[test]
    fn the_root_is_watched_alone_and_folders_below_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let list = watched().watch_list(root);
        assert!(list.contains(&(root.to_path_buf(), false)));
        assert!(list.contains(&(root.join("content"), true)));
        // content/projects is inside content, so it needs no watch of its own.
        assert!(!list.iter().any(|(p, _)| p.ends_with("projects")));
    }
}
