//! The dates records last changed, from git: read from the whole history once per build, and
//! after an edit in serve only for the edited record. This binary holds one test, since it puts
//! a git that logs its calls first on the PATH of the whole process.

mod common;

use common::Book;
use dacibook::build::{Session, Update};
use dacibook::history::DateSource;
use std::path::Path;
use std::process::Command;

const RECORD: &str = "content/projects/reading-depth.yaml";

fn run_git(git: &Path, root: &Path, args: &[&str]) {
    let status = Command::new(git)
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn source_of(session: &Session) -> DateSource {
    let book = session.built.loaded.book.as_ref().unwrap();
    let project = book.projects.iter().find(|p| p.id == "reading-depth").unwrap();
    project.changed.expect("a date").source
}

#[test]
fn an_edit_asks_git_about_the_edited_record_only() {
    let real_git = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let book = Book::valid();
    run_git(Path::new(&real_git), book.root(), &["init", "-q"]);
    run_git(Path::new(&real_git), book.root(), &["add", "."]);
    run_git(Path::new(&real_git), book.root(), &["commit", "-q", "-m", "fixture"]);

    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("calls.log");
    let fake = bin.path().join("git");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{real_git}' \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    std::env::set_var("PATH", path);
    let calls = || std::fs::read_to_string(&log).unwrap_or_default();
    let whole_history = |calls: &str| {
        calls
            .lines()
            .filter(|l| l.contains("--name-only") && l.contains(" log "))
            .count()
    };

    let mut session = Session::start(book.root()).unwrap();
    assert_eq!(
        whole_history(&calls()),
        1,
        "one read of the history per build:\n{}",
        calls()
    );
    assert_eq!(source_of(&session), DateSource::Git);

    let before = calls().lines().count();
    book.patch(RECORD, "title: Reading depth\n", "title: Reading depth (v2)\n");
    assert_eq!(session.update(&[book.path(RECORD)]).unwrap(), Update::Incremental);
    let after = calls();
    let new: Vec<&str> = after.lines().skip(before).collect();
    assert_eq!(whole_history(&after), 1, "an edit reads no history:\n{after}");
    assert!(!new.is_empty() && new.iter().all(|l| l.ends_with(RECORD)), "{new:?}");
    assert_eq!(source_of(&session), DateSource::File, "edited since the last commit");

    book.patch(RECORD, "title: Reading depth (v2)\n", "title: Reading depth\n");
    assert_eq!(session.update(&[book.path(RECORD)]).unwrap(), Update::Incremental);
    assert_eq!(source_of(&session), DateSource::Git, "as committed again");
    assert_eq!(whole_history(&calls()), 1, "{}", calls());
}
