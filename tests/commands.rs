//! The commands behave as people expect (issue 16): they find the book from a subfolder, say
//! one clear thing outside any book, take the book's folder the same way, and `serve` opens,
//! stops and watches as it should. Real books in temporary folders, the real binary.

mod common;
mod serve_support;

use common::Book;
use serve_support::{Server, Stderr, BIN};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Runs `dacibook ARGS` in the folder `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run dacibook")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `dacibook serve -p 0 ARGS` run in the folder `cwd`.
fn serve_in(cwd: &Path, args: &[&str]) -> Server {
    let mut command = Command::new(BIN);
    command.current_dir(cwd).args(["serve", "-p", "0"]).args(args);
    Server::start_command(command, Stderr::Capture)
}

/// Waits (bounded) until serve's stderr holds `what`; its stderr then.
fn stderr_with(server: &Server, what: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = server.stderr();
        if text.contains(what) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "no `{what}` on serve's stderr within 10 s:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_book_command_finds_the_book_from_a_subfolder() {
    let book = Book::valid();
    let deep = book.path("content/projects");

    let out = run_in(&deep, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).ends_with("check passed: 0 error(s), 0 warning(s) in 5 file(s), 2 project(s)\n"),
        "{}",
        stderr(&out)
    );

    let out = run_in(&deep, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        book.path("book/index.html").is_file(),
        "the site goes into the book's build dir"
    );
    assert!(!deep.join("book").exists(), "not into the folder the command ran in");

    let out = run_in(&deep, &["schema"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "wrote ../../schemas/process.schema.json and ../../schemas/project.schema.json\n"
    );
    assert!(book.path("schemas/project.schema.json").is_file());

    let server = serve_in(&deep, &[]);
    assert!(
        server.banner.starts_with("Serving Test book at http://"),
        "{}",
        server.banner
    );
    assert_eq!(server.get("index.html").status, 200);
    drop(server);

    let out = run_in(&deep, &["new", "project", "tap-targets"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("wrote ../../content/projects/tap-targets.yaml\n"),
        "{}",
        stderr(&out)
    );
    assert!(book.path("content/projects/tap-targets.yaml").is_file());
}

#[test]
fn paths_given_on_the_command_line_stay_relative_to_where_the_command_ran() {
    let book = Book::valid();
    // A folder of the book outside the pages folder (a build into the pages folder is refused).
    let content = book.path("tools");
    std::fs::create_dir(&content).unwrap();

    let out = run_in(&content, &["build", "-d", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        content.join("out/index.html").is_file(),
        "-d is taken from the current folder"
    );
    assert!(!book.path("out").exists());

    let out = run_in(&content, &["schema", "-o", "editor"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(content.join("editor/project.schema.json").is_file());

    // A folder given is the book, as given: no search above it.
    let out = run_in(&content, &["check", ".."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run_in(&content, &["check", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: . is not a book: there is no book.toml in it (run `dacibook init .` to start a book there, or pass the book's folder)\n"
    );
}

#[test]
fn outside_any_book_every_command_says_the_same_thing_and_exits_2() {
    let outside = tempfile::tempdir().unwrap();
    let cwd = outside.path().canonicalize().unwrap();
    let expected = format!(
        "error: {} is not in a book: there is no book.toml in it or in any folder above it (run `dacibook init` to start a book here, or pass the book's folder)\n",
        cwd.display()
    );
    for args in [
        &["check"][..],
        &["build"],
        &["serve", "-p", "0"],
        &["schema"],
        &["new", "project", "checkout-funnel"],
    ] {
        let out = run_in(&cwd, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), expected, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(fs::read_dir(&cwd).unwrap().count(), 0, "nothing was written");
}

#[test]
fn new_project_takes_the_books_folder_as_a_positional_argument() {
    let book = Book::valid();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = book.root().to_str().unwrap();

    let out = run_in(elsewhere.path(), &["new", "project", "tap-targets", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(book.path("content/projects/tap-targets.yaml").is_file());

    // The older `--dir` still works, and is not shown in the help.
    let out = run_in(elsewhere.path(), &["new", "project", "scroll-depth", "--dir", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(book.path("content/projects/scroll-depth.yaml").is_file());
    let help = run_in(elsewhere.path(), &["new", "project", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("[DIR]"), "{help}");
    assert!(!help.contains("--dir"), "{help}");

    let out = run_in(elsewhere.path(), &["new", "project", "both", root, "--dir", root]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot be used with"), "{}", stderr(&out));
}

#[test]
fn new_project_with_a_title_leaves_no_comment_asking_for_the_title() {
    let book = Book::valid();
    let out = run_in(
        book.root(),
        &["new", "project", "tap-targets", "--title", "Tap targets"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(book.path("content/projects/tap-targets.yaml")).unwrap();
    assert!(text.contains("\ntitle: \"Tap targets\"\n"), "{text}");
    let comments: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with('#')).collect();
    assert!(
        !comments.iter().any(|c| c.contains("`title`")),
        "a comment still asks for the title:\n{}",
        comments.join("\n")
    );
    assert!(
        text.contains("\n# Fill in `schema: name` first: `dacibook check` reports it until it is set."),
        "{text}"
    );

    // Without a title, the comment asks for both.
    let out = run_in(book.root(), &["new", "project", "no-title"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(book.path("content/projects/no-title.yaml")).unwrap();
    assert!(
        text.contains("\n# Fill in `title` and `schema: name` first: `dacibook check` reports them until"),
        "{text}"
    );
}

// Where serve opens the browser with xdg-open.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn serve_open_without_a_browser_says_so_with_the_address_to_open() {
    let book = Book::valid();
    // An xdg-open that finds no browser, as on a machine without a desktop: it exits with 3.
    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("xdg-open");
    fs::write(
        &fake,
        "#!/bin/sh\necho \"xdg-open: no method available for opening '$1'\" >&2\nexit 3\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let mut command = Command::new(BIN);
    command
        .current_dir(book.root())
        .env("PATH", path)
        .env_remove("BROWSER")
        .args(["serve", "-p", "0", "--open"]);
    let server = Server::start_command(command, Stderr::Capture);
    let text = stderr_with(&server, "warning: could not open a browser");
    let expected = format!(
        "warning: could not open a browser (xdg-open failed with exit status: 3); open {} by hand\n",
        server.url
    );
    assert!(text.contains(&expected), "expected {expected:?} in:\n{text}");
}

/// Sends SIGINT (what Ctrl-C sends) to `pid`.
#[cfg(unix)]
fn interrupt(pid: u32) {
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -INT {pid}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_as_soon_as_the_address_shows_stops_serve_cleanly() {
    let book = Book::valid();
    let mut server = Server::start(book.root());
    interrupt(server.pid());
    let status = server.wait_exit(Duration::from_secs(2));
    assert!(
        status.is_some(),
        "still running 2 s after SIGINT; stderr:\n{}",
        server.stderr()
    );
    assert_eq!(status.unwrap().code(), Some(0), "{}", server.stderr());
    assert!(server.stderr().ends_with("stopping\n"), "{}", server.stderr());
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_serve_at_once_while_browsers_are_connected() {
    use std::io::Write;
    let book = Book::valid();
    let mut server = Server::start(book.root());
    // A page open in a browser: its live-reload stream, and a keep-alive connection in the
    // middle of its next request.
    let events = server.events();
    assert_eq!(events.status, 200);
    let mut half = std::net::TcpStream::connect(server.addr).unwrap();
    half.write_all(b"GET /index.html HTTP/1.1\r\nHost: x\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    interrupt(server.pid());
    let status = server.wait_exit(Duration::from_secs(2));
    assert!(
        status.is_some(),
        "still running 2 s after SIGINT with a browser connected; stderr:\n{}",
        server.stderr()
    );
    assert_eq!(status.unwrap().code(), Some(0), "{}", server.stderr());
    // Both connections stay open until serve has gone.
    drop((events, half));
}

#[test]
fn serve_with_the_poll_watcher_rebuilds_a_record_edit_incrementally() {
    let book = Book::valid();
    let server = Server::start_with(book.root(), &["--watcher", "poll"], Stderr::Capture);
    stderr_with(&server, "built in ");
    // Saved as sed and many editors save: a new file renamed over the old one, which also
    // changes the folder's write time.
    let record = book.path("content/projects/reading-depth.yaml");
    let text = fs::read_to_string(&record).unwrap();
    let edited = text.replacen(
        "summary: Measures how far readers scroll.",
        "summary: Measures scrolling.",
        1,
    );
    assert_ne!(text, edited);
    let temp = book.path("content/projects/.reading-depth.yaml.new");
    fs::write(&temp, edited).unwrap();
    fs::rename(&temp, &record).unwrap();
    let text = stderr_with(&server, "rebuil");
    let line = text
        .lines()
        .find(|l| l.starts_with("rebuil"))
        .unwrap_or_else(|| panic!("no rebuild line in:\n{text}"));
    let (before, how) = line.split_once(" in ").unwrap_or_else(|| panic!("{line}"));
    assert_eq!(before, "rebuilt after content/projects/reading-depth.yaml", "{text}");
    assert!(how.ends_with(" ms (incremental)"), "{text}");
}
