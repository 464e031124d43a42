//! Keeping serve's rebuilds alive: a rebuild that panics is reported (terminal and browser)
//! and the next change builds the book afresh; a file watcher that fails is reported and
//! replaced by polling.

use crate::diagnostic::Diagnostic;
use std::any::Any;
use std::path::{Path, PathBuf};

/// The codes of serve's own faults, which are no fault of the book.
pub const SERVE_FAULTS: &[&str] = &["rebuild-crashed", "watcher-failed"];

/// The error shown when a rebuild after `changed` panicked with `payload`.
pub fn crashed(payload: &(dyn Any + Send), changed: &[String]) -> Diagnostic {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no reason given".to_string());
    Diagnostic::error(
        "rebuild-crashed",
        format!("the rebuild after {} crashed: {why}", changed.join(", ")),
    )
    .hint("this is a bug in dacibook, please report it; serve builds the book afresh at the next change")
}

/// The error shown when the file watcher failed with `why`.
pub fn watcher_failed(why: &str) -> Diagnostic {
    Diagnostic::error(
        "watcher-failed",
        format!("the file watcher failed: {why}; serve watches by polling from now on"),
    )
    .hint("the book was built again in case a change was missed; raise the watch limit (fs.inotify.max_user_watches) or start serve with --watcher poll")
}

/// In debug builds only (tests), the file name whose change makes the rebuild panic, from
/// `DACIBOOK_DEBUG_PANIC_ON`. Release builds never read it.
pub fn debug_panic_on(changed: &[PathBuf]) {
    if cfg!(debug_assertions) {
        if let Some(name) = std::env::var_os("DACIBOOK_DEBUG_PANIC_ON") {
            if changed.iter().any(|p| p.file_name() == Some(name.as_os_str())) {
                panic!("DACIBOOK_DEBUG_PANIC_ON: {} changed", Path::new(&name).display());
            }
        }
    }
}

/// In debug builds only (tests), whether `changed` holds the file named by
/// `DACIBOOK_DEBUG_WATCH_ERROR_ON`, which the watcher then reports as its failure. Release
/// builds never read it.
pub fn debug_watch_error_on(changed: &[PathBuf]) -> Option<String> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let name = std::env::var_os("DACIBOOK_DEBUG_WATCH_ERROR_ON")?;
    changed
        .iter()
        .any(|p| p.file_name() == Some(name.as_os_str()))
        .then(|| format!("DACIBOOK_DEBUG_WATCH_ERROR_ON: {} changed", Path::new(&name).display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_names_the_change_and_the_reason() {
        let payload: Box<dyn Any + Send> = Box::new("index out of bounds");
        let d = crashed(payload.as_ref(), &["content/a.md".to_string()]);
        assert_eq!(d.message, "the rebuild after content/a.md crashed: index out of bounds");
        let payload: Box<dyn Any + Send> = Box::new(String::from("boom"));
        assert!(crashed(payload.as_ref(), &[]).message.ends_with("crashed: boom"));
        let payload: Box<dyn Any + Send> = Box::new(42);
        assert!(crashed(payload.as_ref(), &[]).message.ends_with("no reason given"));
    }
}
