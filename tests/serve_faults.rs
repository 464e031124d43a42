//! `dacibook serve` under faults: a record deleted, renamed, or replaced by invalid YAML, and
//! the theme folder removed, while serve watches the book. In every case serve keeps answering,
//! serves either the site of the book as it now is (when it builds) or the last good site with
//! the overlay (when it does not), says what is wrong on stderr, recovers once the fault is
//! undone, and neither exits nor panics. Every wait is bounded.

mod common;
mod serve_support;

use common::{Book, BOOK_TOML, SEARCH_CLICKS};
use serve_support::*;
use std::collections::BTreeMap;
use std::fs;
use std::time::Duration;

const SEARCH_CLICKS_PATH: &str = "content/projects/search-clicks.yaml";
const CLICKS_PAGE: &str = "projects/search-clicks.html";

/// Serve is still running, has not panicked, and answers.
fn assert_alive(server: &mut Server, what: &str) {
    if let Some(status) = server.wait_exit(Duration::ZERO) {
        panic!("{what}: serve exited ({status}); stderr:\n{}", server.stderr());
    }
    let stderr = server.stderr();
    assert!(!stderr.contains("panicked"), "{what}: serve panicked:\n{stderr}");
    assert_eq!(server.get("").status, 200, "{what}: the home page");
}

fn overlay_text(resp: &Resp) -> Option<String> {
    let doc = resp.html();
    let found = texts(&doc, "#dacibook-overlay");
    (!found.is_empty()).then(|| found.concat())
}

/// Every file of `site` is served as built: HTML pages with what serve injects taken out, and
/// with the overlay exactly when `overlay` says so; other files byte for byte.
fn assert_serves(server: &Server, site: &BTreeMap<String, dacibook::site::Bytes>, overlay: bool, what: &str) {
    let agent = agent();
    for (key, expected) in site {
        let url = format!("http://{}{}", server.addr, server.path(key));
        let resp = fetch(&agent, "GET", &url);
        assert_eq!(resp.status, 200, "{what}: GET {key}");
        if !key.ends_with(".html") {
            assert_eq!(&resp.body, expected, "{what}: GET {key}: not the built file");
            continue;
        }
        assert_eq!(overlay_text(&resp).is_some(), overlay, "{what}: GET {key}: the overlay");
        let served = resp.text();
        let stripped = strip_injected(&served).unwrap_or_else(|| panic!("{what}: GET {key}: nothing injected"));
        assert!(
            stripped == String::from_utf8_lossy(expected),
            "{what}: GET {key}: not the page as built"
        );
    }
}

/// Waits for a rebuild after which `check` passes on the served site.
fn until(events: &mut Events, what: &str, mut check: impl FnMut() -> Result<(), String>) {
    events.until(what, |_| check());
}

fn status_is(server: &Server, path: &str, status: u16) -> Result<(), String> {
    match server.get(path).status {
        s if s == status => Ok(()),
        s => Err(format!("GET {path}: {s}")),
    }
}

/// The home page carries the overlay, and it says `needle`.
fn overlay_says(server: &Server, needle: &str) -> Result<(), String> {
    match overlay_text(&server.get("")) {
        Some(text) if text.contains(needle) => Ok(()),
        Some(text) => Err(format!("the overlay does not say {needle:?}: {text}")),
        None => Err("no overlay".into()),
    }
}

fn no_overlay(server: &Server) -> Result<(), String> {
    match overlay_text(&server.get("")) {
        None => Ok(()),
        Some(text) => Err(format!("still an overlay: {text}")),
    }
}

/// Polls serve's stderr (bounded) until it holds every one of `needles`.
fn assert_stderr_says(server: &Server, needles: &[&str], what: &str) {
    let deadline = std::time::Instant::now() + EVENT_TIMEOUT;
    loop {
        let stderr = server.stderr();
        if needles.iter().all(|n| stderr.contains(n)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: stderr should say {needles:?}:\n{stderr}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------------
// 5. A record deleted

#[test]
fn a_deleted_record_leaves_the_site_and_comes_back_when_restored() {
    let book = Book::valid();
    let good = built_site(book.root());
    let mut server = Server::start(book.root());
    let mut events = server.events();
    assert_eq!(server.get(CLICKS_PAGE).status, 200);

    // The book without the record is a valid book: its site is served, without an overlay.
    book.remove(SEARCH_CLICKS_PATH);
    until(&mut events, "the page gone", || status_is(&server, CLICKS_PAGE, 404));
    let without = built_site(book.root());
    assert!(!without.contains_key(CLICKS_PAGE));
    assert_serves(&server, &without, false, "after the deletion");
    assert_alive(&mut server, "after the deletion");

    book.write(SEARCH_CLICKS_PATH, SEARCH_CLICKS);
    until(&mut events, "the page back", || status_is(&server, CLICKS_PAGE, 200));
    assert_serves(&server, &good, false, "after the restore");
    assert_alive(&mut server, "after the restore");
}

#[test]
fn a_deleted_record_that_a_page_links_to_keeps_the_last_good_site_with_the_overlay() {
    let book = Book::valid();
    book.write(
        "content/about.md",
        "---\ntitle: About\norder: 1\n---\n\n# About\n\nSee [the clicks](projects/search-clicks.html).\n",
    );
    let good = built_site(book.root());
    let mut server = Server::start(book.root());
    let mut events = server.events();

    // Now about.md links to a page the site will not have: the book does not build.
    book.remove(SEARCH_CLICKS_PATH);
    until(&mut events, "the overlay", || {
        overlay_says(&server, "content/about.md:8")
    });
    assert_serves(&server, &good, true, "while the link is broken");
    assert_stderr_says(
        &server,
        &["content/about.md", "still serving the last good site"],
        "the broken link",
    );
    assert_alive(&mut server, "while the link is broken");

    book.write(SEARCH_CLICKS_PATH, SEARCH_CLICKS);
    until(&mut events, "the overlay gone", || no_overlay(&server));
    assert_serves(&server, &good, false, "after the restore");
    assert_alive(&mut server, "after the restore");
}

// ---------------------------------------------------------------------------------------------
// 6. A record renamed

#[test]
fn a_renamed_record_moves_its_page_and_one_renamed_to_another_extension_leaves_until_renamed_back() {
    let book = Book::valid();
    let good = built_site(book.root());
    let mut server = Server::start(book.root());
    let mut events = server.events();
    let taps = "content/projects/search-taps.yaml";

    // A new name: the project's id is the file's name.
    fs::rename(book.path(SEARCH_CLICKS_PATH), book.path(taps)).unwrap();
    until(&mut events, "the page under its new name", || {
        status_is(&server, "projects/search-taps.html", 200)?;
        status_is(&server, CLICKS_PAGE, 404)
    });
    assert_serves(&server, &built_site(book.root()), false, "renamed");
    assert_eq!(h1(&server.get("projects/search-taps.html").html()), "Search clicks");
    assert_alive(&mut server, "renamed");

    // Names that are not records: `.txt`, and an editor's backup name, which serve otherwise
    // ignores. Either way the record is gone, and comes back when renamed back.
    for other in [
        "content/projects/search-taps.txt",
        "content/projects/search-taps.yaml.bak",
    ] {
        fs::rename(book.path(taps), book.path(other)).unwrap();
        until(&mut events, &format!("the page gone as {other}"), || {
            status_is(&server, "projects/search-taps.html", 404)
        });
        let site = built_site(book.root());
        assert!(!site.keys().any(|k| k.contains("search-taps")), "{other}");
        assert_serves(&server, &site, false, other);
        assert_alive(&mut server, other);

        fs::rename(book.path(other), book.path(taps)).unwrap();
        until(&mut events, &format!("the page back from {other}"), || {
            status_is(&server, "projects/search-taps.html", 200)
        });
        assert_serves(&server, &built_site(book.root()), false, &format!("back from {other}"));
    }

    fs::rename(book.path(taps), book.path(SEARCH_CLICKS_PATH)).unwrap();
    until(&mut events, "the page under its first name", || {
        status_is(&server, CLICKS_PAGE, 200)?;
        status_is(&server, "projects/search-taps.html", 404)
    });
    assert_serves(&server, &good, false, "renamed back");
    assert_alive(&mut server, "renamed back");
}

// ---------------------------------------------------------------------------------------------
// 7. The theme folder removed

const OWN_BASE: &str =
    "{% extends \"default/base.html\" %}\n{% block footer %}<p>Our footer</p>{% endblock footer %}\n";

fn write_theme(book: &Book, css: &str) {
    book.write("mytheme/templates/base.html", OWN_BASE);
    book.write("mytheme/static/own.css", css);
}

#[test]
fn a_removed_theme_folder_keeps_the_last_good_site_and_a_restored_one_is_watched_again() {
    theme_folder_removed_and_restored("native");
}

#[test]
fn a_removed_theme_folder_keeps_the_last_good_site_and_a_restored_one_is_watched_again_when_polling() {
    theme_folder_removed_and_restored("poll");
}

fn theme_folder_removed_and_restored(watcher: &str) {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    write_theme(&book, "body { color: black }");
    let good = built_site(book.root());
    let mut server = Server::start_with(book.root(), &["--watcher", watcher], Stderr::Capture);
    let mut events = server.events();
    assert!(server.get("").text().contains("Our footer"));

    fs::remove_dir_all(book.path("mytheme")).unwrap();
    until(&mut events, "the overlay", || {
        overlay_says(&server, "the theme folder mytheme does not exist")
    });
    // The last good site, own stylesheet and footer included.
    assert_serves(&server, &good, true, "without the theme folder");
    assert_stderr_says(
        &server,
        &[
            "the theme folder mytheme does not exist",
            "still serving the last good site",
        ],
        "the missing theme",
    );
    assert_alive(&mut server, "without the theme folder");

    // Restored as a checkout would: the folder, then its files one by one.
    write_theme(&book, "body { color: black }");
    until(&mut events, "the overlay gone", || {
        no_overlay(&server)?;
        match server.get("static/own.css").text() {
            css if css == "body { color: black }" => Ok(()),
            css => Err(format!("own.css is {css:?}")),
        }
    });
    assert_serves(&server, &good, false, "with the theme folder back");

    // The restored folder is a new folder: an edit in it must still be seen.
    book.write("mytheme/static/own.css", "body { color: navy }");
    until(&mut events, "the edited stylesheet", || {
        match server.get("static/own.css").text() {
            css if css.contains("navy") => Ok(()),
            css => Err(format!("own.css is {css:?}")),
        }
    });
    // Polling compares contents too: a second save within the same second is seen.
    book.write(
        "mytheme/templates/base.html",
        &OWN_BASE.replace("Our footer", "Our new footer"),
    );
    until(&mut events, "the edited template", || {
        match server.get("").text().contains("Our new footer") {
            true => Ok(()),
            false => Err("the old footer".into()),
        }
    });
    assert_serves(
        &server,
        &built_site(book.root()),
        false,
        "after editing the restored theme",
    );
    assert_alive(&mut server, "after editing the restored theme");
}

// ---------------------------------------------------------------------------------------------
// 8. A record replaced by invalid YAML

#[test]
fn a_record_replaced_by_invalid_yaml_keeps_the_last_good_site_until_fixed() {
    let book = Book::valid();
    let good = built_site(book.root());
    let mut server = Server::start(book.root());
    let mut events = server.events();
    let broken: [(&str, &[u8], &str); 3] = [
        (
            "a syntax error",
            b"title: \"Search clicks\nstatus: proposed\n",
            "yaml-syntax",
        ),
        ("an empty file", b"", "search-clicks.yaml"),
        (
            "bytes that are not UTF-8",
            b"title: Search \xff\xfe clicks\n",
            "not-utf8",
        ),
    ];
    for (what, bytes, says) in broken {
        book.write_bytes(SEARCH_CLICKS_PATH, bytes);
        until(&mut events, &format!("the overlay for {what}"), || {
            overlay_says(&server, says)
        });
        assert!(
            overlay_says(&server, "content/projects/search-clicks.yaml").is_ok(),
            "{what}: the overlay names the file"
        );
        // The last good pages, the broken record's own page too.
        assert_serves(&server, &good, true, what);
        assert_eq!(h1(&server.get(CLICKS_PAGE).html()), "Search clicks", "{what}");
        assert_stderr_says(&server, &[SEARCH_CLICKS_PATH, "still serving the last good site"], what);
        assert_alive(&mut server, what);

        book.write(SEARCH_CLICKS_PATH, SEARCH_CLICKS);
        until(&mut events, &format!("the overlay gone after {what}"), || {
            no_overlay(&server)
        });
        assert_serves(&server, &good, false, &format!("fixed after {what}"));
        assert_alive(&mut server, &format!("fixed after {what}"));
    }
}

// ---------------------------------------------------------------------------------------------
// 9. book.toml removed (a branch switch, a move): the book cannot be read at all

#[test]
fn a_removed_book_toml_shows_the_overlay_over_the_last_good_site_until_restored() {
    let book = Book::valid();
    let good = built_site(book.root());
    let mut server = Server::start(book.root());
    let mut events = server.events();

    book.remove("book.toml");
    until(&mut events, "the overlay", || {
        overlay_says(&server, "there is no book.toml")
    });
    assert_serves(&server, &good, true, "without book.toml");
    assert_stderr_says(
        &server,
        &["there is no book.toml", "still serving the last good site"],
        "without book.toml",
    );
    assert_alive(&mut server, "without book.toml");

    book.write("book.toml", BOOK_TOML);
    until(&mut events, "the overlay gone", || no_overlay(&server));
    assert_serves(&server, &good, false, "with book.toml back");
    assert_alive(&mut server, "with book.toml back");
}

// ---------------------------------------------------------------------------------------------
// Serve's own faults: a rebuild that crashes, a watcher that fails. Debug builds (these tests)
// read a variable naming the file whose change causes the fault; release builds never do.

/// `dacibook serve` with the environment variable `var` set to `value`.
fn serve_with_env(book: &Book, var: &str, value: &str) -> Server {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dacibook"));
    command.arg("serve").arg(book.root()).args(["-p", "0"]).env(var, value);
    Server::start_command(command, Stderr::Capture)
}

/// The project page's heading is `title`, without an overlay.
fn serves_title(server: &Server, title: &str) -> Result<(), String> {
    no_overlay(server)?;
    match h1(&server.get("projects/reading-depth.html").html()) {
        t if t.contains(title) => Ok(()),
        t => Err(format!("the heading is {t:?}")),
    }
}

#[test]
fn a_rebuild_that_crashes_is_shown_and_the_next_change_builds_afresh() {
    let book = Book::valid();
    let server = serve_with_env(&book, "DACIBOOK_DEBUG_PANIC_ON", "crash.md");
    let mut events = server.events();
    book.write("content/crash.md", "# Crash\n");
    until(&mut events, "the crash shown", || {
        overlay_says(
            &server,
            "the rebuild after content/crash.md crashed: DACIBOOK_DEBUG_PANIC_ON: crash.md changed",
        )
    });
    overlay_says(&server, "dacibook: serve had a problem").unwrap();
    assert_stderr_says(
        &server,
        &["error[rebuild-crashed]: the rebuild after content/crash.md crashed"],
        "the crash",
    );
    // The rebuild loop lives on: the next change builds the whole book again.
    book.patch(
        "content/projects/reading-depth.yaml",
        "title: Reading depth\n",
        "title: Reading depth after the crash\n",
    );
    until(&mut events, "rebuilt after the crash", || {
        serves_title(&server, "after the crash")
    });
    assert_stderr_says(
        &server,
        &["rebuilt after content/projects/reading-depth.yaml in"],
        "the rebuild",
    );
    assert!(server.stderr().contains("ms (full)"), "{}", server.stderr());
    assert_eq!(
        server.get("crash.html").status,
        200,
        "the page whose change crashed is built afresh"
    );
}

#[test]
fn a_failing_watcher_is_shown_and_serve_goes_on_by_polling() {
    let book = Book::valid();
    let server = serve_with_env(&book, "DACIBOOK_DEBUG_WATCH_ERROR_ON", "overflow.md");
    let mut events = server.events();
    book.write("content/overflow.md", "# Overflow\n");
    until(&mut events, "the watcher's failure shown", || {
        overlay_says(&server, "the file watcher failed: DACIBOOK_DEBUG_WATCH_ERROR_ON: overflow.md changed; serve watches by polling from now on")
    });
    assert_stderr_says(
        &server,
        &["error[watcher-failed]: the file watcher failed"],
        "the failure",
    );
    // The book was built again in case a change was missed.
    assert_eq!(server.get("overflow.html").status, 200);
    book.patch(
        "content/projects/reading-depth.yaml",
        "title: Reading depth\n",
        "title: Reading depth, polled\n",
    );
    until(&mut events, "rebuilt by polling", || serves_title(&server, "polled"));
}
