//! `dacibook build` under faults: killed while it writes, a full disk, a destination it may
//! not write, a theme that went missing or broke. In every case the previous output stays
//! byte for byte as it was, nothing half-written is left beside it, the exit code follows the
//! README (1 for content errors, 2 for usage or I/O errors) and the message says what and where.
//! Each fault is injected for real into the built binary, run as a child process.

mod common;

use common::site::read_tree;
use common::{Book, BOOK_TOML};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");

/// `dacibook build ROOT -d DEST`, to run.
fn build_command(root: &Path, dest: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.arg("build").arg(root).arg("-d").arg(dest);
    command
}

fn build(root: &Path, dest: &Path) -> Output {
    build_command(root, dest).output().expect("run dacibook build")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a build that must succeed.
fn build_ok(root: &Path, dest: &Path) {
    let out = build(root, dest);
    assert_eq!(out.status.code(), Some(0), "the build fails:\n{}", stderr(&out));
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Fails naming the first path that differs between two trees.
fn assert_same_tree(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>, what: &str) {
    let gone: Vec<&String> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(
        gone.is_empty() && added.is_empty(),
        "{what}: files gone: {gone:?}; files added: {added:?}"
    );
    for (path, bytes) in before {
        assert!(*bytes == after[path], "{what}: {path} changed");
    }
}

/// The HTML pages of a site tree that do not contain `text`.
fn pages_without<'a>(tree: &'a BTreeMap<String, Vec<u8>>, text: &str) -> Vec<&'a String> {
    tree.iter()
        .filter(|(k, v)| k.ends_with(".html") && !String::from_utf8_lossy(v).contains(text))
        .map(|(k, _)| k)
        .collect()
}

/// A book of the fixture's process and `pages` Markdown pages of about 4 KiB each: enough
/// files that writing the site takes a while, even on a fast disk.
fn big_book(pages: usize) -> Book {
    let book = Book::process_only();
    let paragraph = "Some words to make the page longer than a few bytes, so that the file is \
                     written in more than one call; lorem ipsum dolor sit amet.\n\n";
    for i in 1..=pages {
        book.write(
            &format!("content/page-{i:04}.md"),
            &format!(
                "---\ntitle: Page {i}\norder: {i}\n---\n\n# Page {i}\n\n{}",
                paragraph.repeat(30)
            ),
        );
    }
    book
}

/// Polls `f` every millisecond until it gives a value, or fails after `timeout`.
fn poll<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(t) = f() {
            return t;
        }
        assert!(Instant::now() < deadline, "{what}: not within {timeout:?}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The staging folders (`.NAME.new-PID`) beside `dest`.
fn staging_beside(dest: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.new-", dest.file_name().unwrap().to_string_lossy());
    let parent = dest.parent().unwrap();
    names_in(parent)
        .into_iter()
        .filter(|n| n.starts_with(&prefix))
        .map(|n| parent.join(n))
        .collect()
}

const READING_DEPTH_PATH: &str = "content/projects/reading-depth.yaml";

// ---------------------------------------------------------------------------------------------
// 1. Killed while writing

/// Starts a build and SIGKILLs it midway through writing: once its staging folder holds part
/// of the site. `None` when the build ended before it could be killed (a loaded machine may
/// let it finish between two looks); else the staging folder it left.
fn build_killed_midway(root: &Path, dest: &Path) -> Option<PathBuf> {
    let mut child = build_command(root, dest)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dacibook build");
    let staging = poll("the build to write", Duration::from_secs(60), || {
        if let Ok(Some(status)) = child.try_wait() {
            assert!(status.success(), "the build failed on its own: {status}");
            return Some(None);
        }
        let dir = staging_beside(dest).into_iter().next()?;
        let written = fs::read_dir(&dir).map_or(0, |entries| entries.count());
        (written >= 50).then_some(Some(dir))
    })?;
    child.kill().expect("SIGKILL the build");
    let status = child.wait().expect("reap the build");
    (!status.success()).then_some(staging)
}

#[test]
fn a_build_killed_while_it_writes_leaves_the_previous_output_and_the_next_build_cleans_up() {
    const PAGES: usize = 600;
    let book = big_book(PAGES);
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dest = out_dir.path().join("site");
    build_ok(book.root(), &dest);

    let mut attempt = 0;
    let (before, staging, title) = loop {
        attempt += 1;
        let before = read_tree(&dest);
        assert!(before.len() > PAGES, "{} files", before.len());
        // Every page shows the book's title, so the next build writes every page anew.
        let title = format!("Test book, edit {attempt}");
        book.write("book.toml", &BOOK_TOML.replace("Test book", &title));
        match build_killed_midway(book.root(), &dest) {
            Some(staging) => break (before, staging, title),
            None => assert!(
                attempt < 3,
                "the build ended before it could be killed, {attempt} times"
            ),
        }
    };
    assert!(
        staging.is_dir(),
        "the build was not killed midway: its staging folder {} is gone",
        staging.display()
    );
    let partial = read_tree(&staging).len();
    assert!(
        partial < before.len(),
        "the staging folder is complete ({partial} files)"
    );
    assert_same_tree(&before, &read_tree(&dest), "the previous output after the kill");

    // The next build succeeds, removes what the killed one left, and writes the new site whole.
    build_ok(book.root(), &dest);
    assert_eq!(names_in(out_dir.path()), ["site"], "left beside the output");
    let after = read_tree(&dest);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let stale = pages_without(&after, &title);
    assert!(stale.is_empty(), "pages without the new title: {stale:?}");
}

/// The state a build killed between moving the previous output aside and moving the new site
/// in leaves: no output, the previous one in `.site.old-PID`, the new one in `.site.new-PID`.
/// The next build puts the previous output back first, so that even when it fails itself the
/// previous output is in place, and it then builds over it.
#[cfg(unix)]
#[test]
fn a_build_killed_during_the_swap_gets_its_previous_output_back_from_the_next_build() {
    use std::os::unix::fs::MetadataExt;
    let book = Book::valid();
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dest = out_dir.path().join("site");
    build_ok(book.root(), &dest);
    let before = read_tree(&dest);
    // 4194304 is above Linux's largest process id: no running build has it.
    let aside = out_dir.path().join(".site.old-4194304");
    fs::rename(&dest, &aside).unwrap();
    let half = out_dir.path().join(".site.new-4194304");
    fs::create_dir_all(half.join("projects")).unwrap();
    fs::write(half.join("index.html"), "<p>half</p>").unwrap();

    // A build with a content error writes nothing, but the previous output is back in place.
    book.write(
        "content/projects/x.yaml",
        "title: X\nstatus: active\npeople:\n  data-analist: []\n",
    );
    let failed = build(book.root(), &dest);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert_same_tree(&before, &read_tree(&dest), "the previous output put back");
    assert_eq!(names_in(out_dir.path()), ["site"], "left beside the output");

    // The next good build builds over it: unchanged files are linked from the previous output.
    book.remove("content/projects/x.yaml");
    let style = fs::metadata(dest.join("static/style.css")).unwrap().ino();
    build_ok(book.root(), &dest);
    assert_eq!(fs::metadata(dest.join("static/style.css")).unwrap().ino(), style);
    assert_same_tree(&before, &read_tree(&dest), "the output rebuilt from the same book");
    assert_eq!(names_in(out_dir.path()), ["site"], "left beside the output");
}

// ---------------------------------------------------------------------------------------------
// 2. A full disk

/// `dacibook build ROOT -d DEST` with files limited to `blocks` × 512 bytes (RLIMIT_FSIZE, which
/// binds root too): a write past the limit fails with EFBIG ("File too large"), as writes to a
/// full disk fail with ENOSPC. SIGXFSZ is ignored so that the write fails instead of the
/// signal killing the process.
#[cfg(unix)]
fn build_with_file_size_limit(root: &Path, dest: &Path, blocks: u32) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" build \"$1\" -d \"$2\""
        ))
        .arg(BIN)
        .arg(root)
        .arg(dest)
        .output()
        .expect("run sh")
}

#[cfg(unix)]
#[test]
fn a_full_disk_fails_with_exit_2_naming_the_file_and_keeps_the_previous_output() {
    let book = Book::valid();
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dest = out_dir.path().join("site");
    build_ok(book.root(), &dest);
    let before = read_tree(&dest);

    // A new title changes every page, so every page must be written (not linked) again; pages
    // are larger than the 2 KiB limit, some smaller files fit.
    book.write("book.toml", &BOOK_TOML.replace("Test book", "Test book, edited"));
    let out = build_with_file_size_limit(book.root(), &dest, 4);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("File too large"), "the cause: {err}");
    assert!(
        err.contains(&format!("cannot write the site into {}", dest.display())),
        "the destination: {err}"
    );
    // The file that could not be written, as a path of the site (the staging folder is gone).
    assert!(
        err.split("cannot write ")
            .filter_map(|s| s.split(':').next())
            .any(|p| before.contains_key(p)),
        "no file of the site is named: {err}"
    );
    assert!(err.contains("the previous output is untouched"), "{err}");
    assert_same_tree(&before, &read_tree(&dest), "the previous output after a full disk");
    assert_eq!(
        names_in(out_dir.path()),
        ["site"],
        "nothing half-written left beside the output"
    );

    // With room again, the build succeeds.
    build_ok(book.root(), &dest);
    assert!(String::from_utf8_lossy(&fs::read(dest.join("index.html")).unwrap()).contains("Test book, edited"));
}

// ---------------------------------------------------------------------------------------------
// 3. A destination that cannot be written

/// Whether this process runs as root (uid 0), read from /proc.
#[cfg(target_os = "linux")]
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(str::to_string))
        .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
}

/// Root ignores permission bits through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so a
/// read-only folder stops only other users. Run as root, the build is started through
/// `setpriv` (util-linux, in every Debian) with those two capabilities dropped from its bounding
/// set: the build still runs as uid 0, owner of the files, but is held to their permission
/// bits, exactly as a user who owns a read-only folder is.
#[cfg(target_os = "linux")]
fn build_held_to_permissions(root: &Path, dest: &Path) -> Output {
    let mut command = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--bounding-set=-dac_override,-dac_read_search", "--", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    let out = command
        .arg("build")
        .arg(root)
        .arg("-d")
        .arg(dest)
        .output()
        .expect("run dacibook build (through setpriv when root)");
    assert!(
        !stderr(&out).starts_with("setpriv:"),
        "setpriv cannot drop the capabilities here (it needs CAP_SETPCAP): {}",
        stderr(&out)
    );
    out
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_build_folder_fails_with_exit_2_and_keeps_the_previous_output() {
    use std::os::unix::fs::PermissionsExt;
    let book = Book::valid();
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let parent = out_dir.path().join("out");
    let dest = parent.join("site");
    build_ok(book.root(), &dest);
    let before = read_tree(&dest);
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );

    // The new site is built beside the output, so the folder holding it must be writable.
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o555)).unwrap();
    let out = build_held_to_permissions(book.root(), &dest);
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("Permission denied"), "the cause: {err}");
    assert!(
        err.contains(&format!("cannot write the site into {}", dest.display())),
        "the destination: {err}"
    );
    assert!(
        err.contains(&parent.display().to_string()),
        "the read-only folder: {err}"
    );
    assert!(err.contains("the previous output is untouched"), "{err}");
    assert_same_tree(&before, &read_tree(&dest), "the previous output in a read-only folder");
    assert_eq!(names_in(&parent), ["site"], "nothing left beside the output");

    // Writable again, the build succeeds.
    let out = build_held_to_permissions(book.root(), &dest);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(names_in(&parent), ["site"]);
}

/// A regular file where the destination's folder should be stops root too: `mkdir` below a
/// file fails with ENOTDIR and a folder cannot be made where a file is (EEXIST), whatever the
/// permissions. And a destination that is itself a file is not the previous output of a build:
/// replacing it would lose it.
#[test]
fn a_destination_below_a_file_or_that_is_a_file_fails_with_exit_2_and_leaves_the_file() {
    let book = Book::valid();
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let file = out_dir.path().join("notes.txt");
    fs::write(&file, "my notes").unwrap();
    for (dest, says) in [
        (file.join("site"), format!("{} is a file, not a folder", file.display())),
        (
            file.join("a/site"),
            format!("{} is a file, not a folder", file.display()),
        ),
        (file.clone(), format!("{} is a file, not a folder", file.display())),
    ] {
        let out = build(book.root(), &dest);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "-d {}: {err}", dest.display());
        assert!(
            err.contains(&format!("cannot write the site into {}", dest.display())),
            "-d {}: {err}",
            dest.display()
        );
        assert!(err.contains(&says), "-d {}: should say {says:?}: {err}", dest.display());
        assert_eq!(fs::read_to_string(&file).unwrap(), "my notes", "-d {}", dest.display());
        assert_eq!(names_in(out_dir.path()), ["notes.txt"], "-d {}", dest.display());
    }
}

// ---------------------------------------------------------------------------------------------
// 4. The theme gone or broken

#[test]
fn a_removed_theme_folder_or_a_broken_template_fails_with_exit_1_and_keeps_the_previous_output() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    book.write("mytheme/static/own.css", "body { color: navy }");
    const BASE: &str =
        "{% extends \"default/base.html\" %}\n{% block footer %}<p>Our footer</p>{% endblock footer %}\n";
    book.write("mytheme/templates/base.html", BASE);
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dest = out_dir.path().join("site");
    build_ok(book.root(), &dest);
    let before = read_tree(&dest);
    assert!(String::from_utf8_lossy(&before["index.html"]).contains("Our footer"));
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );

    // The folder book.toml names is gone: a mistake in the book, so exit 1.
    fs::rename(book.path("mytheme"), book.path("mytheme.off")).unwrap();
    let out = build(book.root(), &dest);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the theme folder mytheme does not exist"), "{err}");
    assert!(err.contains("remove `theme` from [output.html]"), "the hint: {err}");
    assert!(err.contains("the previous output is untouched"), "{err}");
    assert_same_tree(&before, &read_tree(&dest), "the previous output without the theme");
    assert_eq!(names_in(out_dir.path()), ["site"]);

    // Back, with a template that does not compile: exit 1, naming the template and the line.
    fs::rename(book.path("mytheme.off"), book.path("mytheme")).unwrap();
    book.write(
        "mytheme/templates/base.html",
        &BASE.replace("{% endblock footer %}", "{% endblock"),
    );
    let out = build(book.root(), &dest);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the theme does not compile"), "{err}");
    assert!(
        err.contains("mytheme/templates/base.html"),
        "the template's file: {err}"
    );
    assert!(err.contains("the previous output is untouched"), "{err}");
    assert_same_tree(&before, &read_tree(&dest), "the previous output with a broken template");
    assert_eq!(names_in(out_dir.path()), ["site"]);

    // Fixed, the build succeeds.
    book.write("mytheme/templates/base.html", BASE);
    build_ok(book.root(), &dest);
    assert!(
        String::from_utf8_lossy(&fs::read(dest.join("projects/reading-depth.html")).unwrap())
            .contains("Reading depth, edited")
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Two builds into one folder at the same time (a `serve` and a `build`, or two terminals)

#[test]
fn builds_into_one_folder_at_the_same_time_all_succeed_and_leave_one_whole_site() {
    let book = big_book(200);
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dest = out_dir.path().join("site");
    build_ok(book.root(), &dest);
    let whole = read_tree(&dest);
    for round in 1..=3 {
        // Every page changes, so every build writes every file and the builds overlap long.
        book.write(
            "book.toml",
            &BOOK_TOML.replace("Test book", &format!("Test book {round}")),
        );
        let children: Vec<_> = (0..3)
            .map(|_| {
                build_command(book.root(), &dest)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start dacibook build")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait for a build");
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: a build failed:\n{}",
                stderr(&out)
            );
        }
        assert_eq!(
            names_in(out_dir.path()),
            ["site"],
            "round {round}: left beside the output"
        );
        let after = read_tree(&dest);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            whole.keys().collect::<Vec<_>>(),
            "round {round}: the same files"
        );
        let stale = pages_without(&after, &format!("Test book {round}"));
        assert!(
            stale.is_empty(),
            "round {round}: pages without the new title: {stale:?}"
        );
    }
}
