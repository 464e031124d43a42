//! `dacibook serve` end to end: the real binary on a free port, spoken to over HTTP and
//! server-sent events. Every test has its own book in a temporary folder and its own server
//! (killed on drop); every wait is bounded.

mod common;
mod serve_support;

use common::{Book, BOOK_TOML, SEARCH_CLICKS};
use serve_support::*;
use std::collections::BTreeMap;
use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The fixture's search-clicks record with a role the process does not know, and the place
/// (`file:line:col`) the error must point at.
fn broken_search_clicks() -> (String, String) {
    let text = SEARCH_CLICKS.replacen("people:\n", "people:\n  not-a-role:\n    - name: Nobody\n", 1);
    let line = text
        .lines()
        .position(|l| l == "  not-a-role:")
        .expect("the inserted line")
        + 1;
    (text, format!("content/projects/search-clicks.yaml:{line}:3"))
}

const SEARCH_CLICKS_PATH: &str = "content/projects/search-clicks.yaml";
const READING_DEPTH_PATH: &str = "content/projects/reading-depth.yaml";

/// A site path as a URL path segment list (percent-encoding what needs it).
fn encode(site_path: &str) -> String {
    let mut out = String::new();
    for b in site_path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

/// What a page served right now must look like.
#[derive(Clone, Copy)]
enum Overlay<'a> {
    /// No overlay.
    None,
    /// An overlay listing exactly these places.
    Places(&'a [&'a str]),
}

/// Fetches every file of `site` from the server and compares it with the built file: HTML
/// pages with what serve injects taken out again (the reload script must be there, and the
/// overlay exactly when `overlay` says so), other files byte for byte.
fn assert_serves(server: &Server, site: &BTreeMap<String, dacibook::site::Bytes>, overlay: Overlay) {
    let agent = agent();
    for (key, expected) in site {
        let url = format!("http://{}{}", server.addr, server.path(&encode(key)));
        let resp = fetch(&agent, "GET", &url);
        assert_eq!(resp.status, 200, "GET {url}");
        if !key.ends_with(".html") {
            assert_eq!(&resp.body, expected, "GET {url}: the body differs from the built file");
            continue;
        }
        assert_page(&resp, &url, overlay);
        let served = resp.text();
        let stripped = strip_injected(&served).unwrap_or_else(|| panic!("GET {url}: nothing injected"));
        let expected = String::from_utf8_lossy(expected);
        if stripped != expected {
            let at = stripped
                .bytes()
                .zip(expected.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(stripped.len().min(expected.len()));
            let from = at.saturating_sub(200);
            panic!(
                "GET {url}: the page differs from a full build from byte {at}:\nserved:   {:?}\nexpected: {:?}",
                &stripped[from..(at + 200).min(stripped.len())],
                &expected[from..(at + 200).min(expected.len())]
            );
        }
    }
}

/// An HTML response has one reload script, and the overlay exactly as `overlay` says.
fn assert_page(resp: &Resp, what: &str, overlay: Overlay) {
    assert_eq!(resp.header("content-type"), Some("text/html; charset=utf-8"), "{what}");
    let doc = resp.html();
    assert_eq!(
        select(&doc, "script[data-dacibook-reload]").len(),
        1,
        "{what}: reload script"
    );
    let overlays = select(&doc, "#dacibook-overlay");
    match overlay {
        Overlay::None => assert!(overlays.is_empty(), "{what}: unexpected overlay"),
        Overlay::Places(places) => {
            assert_eq!(overlays.len(), 1, "{what}: one overlay");
            assert_eq!(texts(&doc, "#dacibook-overlay code[data-place]"), places, "{what}");
        }
    }
}

fn has_overlay(resp: &Resp) -> bool {
    !select(&resp.html(), "#dacibook-overlay").is_empty()
}

// ---------------------------------------------------------------------------------------------
// 1. Pages, types, HEAD, 404

#[test]
fn serves_every_built_file_with_the_reload_script_and_the_right_types() {
    let book = Book::valid();
    let site = built_site(book.root());
    let server = Server::start(book.root());
    assert_eq!(server.prefix, "/");
    assert_eq!(
        server.banner,
        format!("Serving Test book at {} (Ctrl-C to stop)", server.url)
    );
    let mut events = server.events();

    let home = server.get("");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let doc = home.html();
    assert_eq!(select(&doc, "script[data-dacibook-reload]").len(), 1);
    // The page knows the version it was built from, so that it does not reload at once.
    assert_eq!(script_version(&doc), events.initial);
    assert_eq!(event_source_url(&doc), "__dacibook/events");
    assert!(
        events.next(Duration::from_millis(200)).is_none(),
        "no rebuild without a change"
    );

    // Every file of a full build, and nothing but what serve injects.
    assert_serves(&server, &site, Overlay::None);

    let css = server.get("static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let json = server.get("matrix.json");
    assert_eq!(json.header("content-type"), Some("application/json; charset=utf-8"));
    assert!(serde_json::from_slice::<serde_json::Value>(&json.body).is_ok());

    // HEAD: the same status and type, and not one byte of body.
    let head = raw(server.addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(head.body.is_empty(), "HEAD sent a body: {:?}", head.text());
    if let Some(len) = head.header("content-length") {
        assert_eq!(len, home.body.len().to_string());
    }
    let head = fetch(&agent(), "HEAD", &format!("{}static/style.css", server.url));
    assert_eq!((head.status, head.body.len()), (200, 0));

    // Anything else is not allowed.
    let post = raw(server.addr, "POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[test]
fn a_missing_page_gets_the_sites_404_page_with_status_404() {
    let book = Book::valid();
    let site = built_site(book.root());
    let not_found = String::from_utf8(site["404.html"].to_vec()).unwrap();
    let server = Server::start(book.root());
    for path in [
        "no-such-page.html",
        "projects/no-such-project.html",
        "a/b/c/",
        "static/none.css",
    ] {
        let resp = server.get(path);
        assert_eq!(resp.status, 404, "{path}");
        assert_eq!(resp.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        assert_page(&resp, path, Overlay::None);
        assert_eq!(
            strip_injected(&resp.text()).as_deref(),
            Some(not_found.as_str()),
            "{path}"
        );
    }
    // The book's sources are not part of the site.
    for path in [
        "book.toml",
        READING_DEPTH_PATH,
        "content/about.md",
        "content/process.yaml",
    ] {
        let resp = server.get(path);
        assert_eq!(resp.status, 404, "{path}");
        assert!(!resp.text().contains("[book]") && !resp.text().contains("title: Reading depth"));
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Edits reach the browser

#[test]
fn editing_a_record_announces_a_new_version_and_serves_the_new_title() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut events = server.events();
    let page = "projects/reading-depth.html";
    assert_eq!(h1(&server.get(page).html()), "Reading depth");

    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );
    let version = events.until("the new title", |_| {
        let doc = server.get(page).html();
        match h1(&doc) {
            t if t == "Reading depth, edited" => Ok(script_version(&doc)),
            t => Err(format!("h1 is {t:?}")),
        }
    });
    // The page carries the version it shows, so the browser stops reloading after one reload.
    assert!(
        version >= events.last,
        "page version {version}, events at {}",
        events.last
    );
    // Every page is what a full build of the edited book gives (pages listing the project too).
    assert_serves(&server, &built_site(book.root()), Overlay::None);
    // Serve builds in memory only.
    assert!(!book.path("book").exists(), "serve wrote a build folder");
    assert!(server.stderr().contains("rebuilt after"), "{}", server.stderr());
}

#[test]
fn polling_sees_two_saves_within_the_same_second() {
    // notify's poll watcher keeps modification times in whole seconds; serve asks it to compare
    // contents too. Both saves get the same modification time, as two saves in one second do.
    let book = Book::valid();
    let server = Server::start_with(book.root(), &["--watcher", "poll"], Stderr::Capture);
    let mut events = server.events();
    let page = "projects/reading-depth.html";
    let same_second = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let save = |title: &str| {
        let text = fs::read_to_string(book.path(READING_DEPTH_PATH)).unwrap();
        let (old, rest) = text.split_once('\n').unwrap();
        assert!(old.starts_with("title: "), "{old}");
        book.write(READING_DEPTH_PATH, &format!("title: {title}\n{rest}"));
        let file = fs::File::options()
            .write(true)
            .open(book.path(READING_DEPTH_PATH))
            .unwrap();
        file.set_modified(same_second).unwrap();
    };
    for title in ["Reading depth, first", "Reading depth, again"] {
        save(title);
        events.until(title, |_| match h1(&server.get(page).html()) {
            t if t == title => Ok(()),
            t => Err(format!("h1 is {t:?}")),
        });
    }
}

#[test]
fn adding_and_removing_a_record_updates_every_page() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut events = server.events();
    book.write(
        "content/projects/new-one.yaml",
        "title: A new one\nstatus: proposed\npeople:\n  product-manager:\n    - name: Sam Lee\n",
    );
    events.until("the new project page", |_| {
        match server.get("projects/new-one.html").status {
            200 => Ok(()),
            s => Err(format!("status {s}")),
        }
    });
    assert_serves(&server, &built_site(book.root()), Overlay::None);

    book.remove("content/projects/new-one.yaml");
    events.until("the project page gone", |_| {
        match server.get("projects/new-one.html").status {
            404 => Ok(()),
            s => Err(format!("status {s}")),
        }
    });
    assert_serves(&server, &built_site(book.root()), Overlay::None);
}

// ---------------------------------------------------------------------------------------------
// 3. A broken record: the overlay over the last good site

#[test]
fn a_broken_record_shows_the_overlay_over_the_last_good_site_until_fixed() {
    let book = Book::valid();
    let good = built_site(book.root());
    let server = Server::start(book.root());
    let mut events = server.events();

    let (broken, place) = broken_search_clicks();
    book.write(SEARCH_CLICKS_PATH, &broken);
    events.until("the overlay", |_| match has_overlay(&server.get("")) {
        true => Ok(()),
        false => Err("no overlay on the home page".into()),
    });
    // Every page: the overlay naming exactly the broken place, over the last good content.
    assert_serves(&server, &good, Overlay::Places(&[place.as_str()]));
    let missing = server.get("no-such-page.html");
    assert_eq!(missing.status, 404);
    assert_page(&missing, "404", Overlay::Places(&[place.as_str()]));
    let overlay = texts(&server.get("").html(), "#dacibook-overlay").concat();
    assert!(overlay.contains("unknown role `not-a-role`"), "{overlay}");
    assert!(overlay.contains("unknown-reference"), "{overlay}");
    // The same diagnostic, in the terminal.
    let stderr = wait_for(|| {
        let s = server.stderr();
        (s.contains("unknown role `not-a-role`") && s.contains(&place)).then_some(s)
    });
    assert!(stderr.is_some(), "stderr: {}", server.stderr());

    book.write(SEARCH_CLICKS_PATH, SEARCH_CLICKS);
    events.until("the overlay gone", |_| match has_overlay(&server.get("")) {
        false => Ok(()),
        true => Err("the overlay is still there".into()),
    });
    assert_serves(&server, &good, Overlay::None);
}

#[test]
fn an_edit_while_broken_does_not_replace_the_last_good_content() {
    let book = Book::valid();
    let good = built_site(book.root());
    let server = Server::start(book.root());
    let mut events = server.events();
    let (broken, place) = broken_search_clicks();
    book.write(SEARCH_CLICKS_PATH, &broken);
    events.until("the overlay", |_| match has_overlay(&server.get("")) {
        true => Ok(()),
        false => Err("no overlay".into()),
    });
    // A good edit elsewhere while still broken: still the last good site, still the overlay.
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );
    events.next(EVENT_TIMEOUT).expect("a version for the second edit");
    assert_serves(&server, &good, Overlay::Places(&[place.as_str()]));
}

// ---------------------------------------------------------------------------------------------
// 4. Nothing outside the site

/// Raw request targets that try to leave the site.
const TRAVERSALS: &[&str] = &[
    "/../Cargo.toml",
    "/../book.toml",
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/book.toml",
    "/..%2f..%2fetc%2fpasswd",
    "/..%2fbook.toml",
    "/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
    "/static/..%2f..%2fbook.toml",
    "/static/%2e%2e/%2e%2e/book.toml",
    "/static/../../book.toml",
    "//etc/passwd",
    "//book.toml",
    "/%2fetc%2fpasswd",
    "/a\\..\\..\\book.toml",
    "/..\\book.toml",
    "/.%2e/book.toml",
    "/%2e/book.toml",
    "/content/../book.toml",
    "/book.toml%00.html",
    "/%c0%ae%c0%ae/book.toml",
    "/file:/etc/passwd",
    "/C:/Windows/win.ini",
    "http://127.0.0.1/../book.toml",
];

fn assert_nothing_leaks(resp: &Resp, target: &str, book_toml: &str) {
    assert!(
        resp.status == 400 || resp.status == 404,
        "{target}: status {}",
        resp.status
    );
    let body = resp.text();
    assert!(!body.contains("[book]"), "{target}: book.toml leaked");
    assert!(!body.contains(book_toml.trim()), "{target}: book.toml leaked");
    assert!(!body.contains("[package]"), "{target}: Cargo.toml leaked");
    assert!(
        !body.lines().any(|l| l.starts_with("root:")),
        "{target}: /etc/passwd leaked"
    );
    assert!(!body.contains("root:x:0:0"), "{target}: /etc/passwd leaked");
}

#[test]
fn path_traversal_never_leaves_the_site() {
    let book = Book::valid();
    // A file the book's parent folder holds, one level above the root.
    let server = Server::start(book.root());
    let book_toml = std::fs::read_to_string(book.path("book.toml")).unwrap();
    for target in TRAVERSALS {
        for method in ["GET", "HEAD"] {
            let resp = raw(server.addr, method, target);
            assert_nothing_leaks(&resp, &format!("{method} {target}"), &book_toml);
        }
    }
    // The server answers from the site in memory only, so no spelling can reach a file
    // outside it (the guard itself, `site_path`, has its unit test). What the guard adds here:
    // a page asked for by a path that is not its own (with `.`, `..` or an empty segment) is
    // not found, while the same raw request for its own path serves it.
    for (own, other) in [
        ("/index.html", "/projects/../index.html"),
        ("/index.html", "/./index.html"),
        ("/projects/reading-depth.html", "/projects//reading-depth.html"),
        ("/projects/reading-depth.html", "/projects/%2e/reading-depth.html"),
    ] {
        assert_eq!(raw(server.addr, "GET", own).status, 200, "{own}");
        assert_eq!(raw(server.addr, "GET", other).status, 404, "{other}");
    }
}

#[test]
fn path_traversal_under_a_sub_path_never_leaves_the_site() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\nsite-url = \"https://example.org/repo/\"\n"),
    );
    let server = Server::start(book.root());
    let book_toml = std::fs::read_to_string(book.path("book.toml")).unwrap();
    for target in TRAVERSALS {
        let target = target.replacen('/', "/repo/", 1);
        let resp = raw(server.addr, "GET", &target);
        assert_nothing_leaks(&resp, &target, &book_toml);
    }
    for target in [
        "/repo/../repo/../book.toml",
        "/repo%2f..%2fbook.toml",
        "/repo/..",
        "/repo/%2e%2e/book.toml",
    ] {
        let resp = raw(server.addr, "GET", target);
        // A redirect is fine as long as it stays on the site.
        if (300..400).contains(&resp.status) {
            let to = resp.header("location").unwrap_or("");
            assert!(to.starts_with("/repo/") && !to.contains(".."), "{target} → {to}");
            continue;
        }
        assert_nothing_leaks(&resp, target, &book_toml);
    }
}

#[cfg(unix)]
#[test]
fn symlinks_in_the_book_to_files_outside_are_not_served() {
    use std::os::unix::fs::symlink;
    const MARKER: &str = "SECRET-OUTSIDE-THE-BOOK";
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path();
    std::fs::write(o.join("secret.md"), format!("# {MARKER}\n")).unwrap();
    std::fs::write(
        o.join("secret.yaml"),
        format!("title: {MARKER}\nstatus: proposed\npeople:\n  product-manager:\n    - name: X\n"),
    )
    .unwrap();
    std::fs::write(o.join("secret.css"), format!("/* {MARKER} */")).unwrap();
    std::fs::write(o.join("secret.html"), format!("<p>{MARKER}</p>")).unwrap();

    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    book.write("mytheme/static/own.css", "body { color: black }");
    symlink(o.join("secret.md"), book.path("content/leak.md")).unwrap();
    symlink(o, book.path("content/leaked")).unwrap();
    symlink(o.join("secret.yaml"), book.path("content/projects/leak.yaml")).unwrap();
    symlink(o.join("secret.css"), book.path("mytheme/static/leak.css")).unwrap();
    symlink(o, book.path("mytheme/static/dir")).unwrap();

    let site = built_site(book.root());
    assert!(site.contains_key("static/own.css"));
    for (key, bytes) in &site {
        assert!(
            !String::from_utf8_lossy(bytes).contains(MARKER),
            "{key} holds a file from outside"
        );
    }
    let server = Server::start(book.root());
    assert_eq!(server.get("").status, 200);
    assert_eq!(server.get("static/own.css").status, 200);
    for path in [
        "leak.html",
        "leak.md",
        "leaked/secret.html",
        "leaked/secret.md",
        "leaked/secret.css",
        "projects/leak.html",
        "static/leak.css",
        "static/dir/secret.css",
        "static/dir/secret.html",
        "content/leaked/secret.md",
    ] {
        let resp = server.get(path);
        assert_eq!(resp.status, 404, "{path}");
        assert!(
            !resp.text().contains(MARKER),
            "{path}: a file from outside the book was served"
        );
    }
    // Nothing any page links to comes from outside either.
    assert_serves(&server, &site, Overlay::None);
}

#[cfg(unix)]
#[test]
fn a_symlink_added_to_the_theme_static_folder_while_serving_is_not_followed() {
    use std::os::unix::fs::symlink;
    const MARKER: &str = "SECRET-OUTSIDE-THE-BOOK";
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), MARKER).unwrap();
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    book.write("mytheme/static/own.css", "body { color: black }");
    let server = Server::start(book.root());
    let mut events = server.events();
    symlink(outside.path().join("secret.txt"), book.path("mytheme/static/leak.txt")).unwrap();
    // Then an ordinary edit, so that there is a version to wait for whatever serve does.
    book.write("mytheme/static/own.css", "body { color: navy }");
    events.until("the edited stylesheet", |_| {
        let css = server.get("static/own.css").text();
        css.contains("navy").then_some(()).ok_or(css)
    });
    let resp = server.get("static/leak.txt");
    assert!(
        !resp.text().contains(MARKER),
        "static/leak.txt ({}) served a file from outside the book",
        resp.status
    );
    assert_eq!(resp.status, 404);
}

// ---------------------------------------------------------------------------------------------
// 5. Concurrency

#[test]
fn two_hundred_concurrent_requests_all_succeed() {
    let book = Book::valid();
    let site = built_site(book.root());
    let server = Server::start(book.root());
    let paths: Vec<String> = [
        "",
        "projects/reading-depth.html",
        "projects/search-clicks.html",
        "matrix.html",
        "dictionary.html",
        "about.html",
        "roles/data-analyst.html",
        "activities/privacy-review.html",
        "static/style.css",
        "static/theme.js",
        "matrix.json",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    for p in &paths {
        let key = if p.is_empty() { "index.html" } else { p.as_str() };
        assert!(site.contains_key(key), "{key} is not in the fixture site");
    }
    let base = format!("http://{}", server.addr);
    let shared = agent();
    let threads: Vec<_> = (0..20)
        .map(|t| {
            let paths = paths.clone();
            let base = base.clone();
            // Half the threads share one connection pool, half have their own.
            let agent = if t % 2 == 0 { shared.clone() } else { agent() };
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..10 {
                    let path = &paths[(t * 10 + i) % paths.len()];
                    let url = format!("{base}/{path}");
                    let result = if i % 2 == 0 {
                        agent.get(&url).call()
                    } else {
                        agent.get(&url).header("Connection", "close").call()
                    };
                    match result {
                        Ok(mut r) => {
                            let status = r.status().as_u16();
                            let body = r.body_mut().with_config().limit(1 << 26).read_to_vec();
                            match body {
                                Ok(b) if status == 200 && !b.is_empty() => {}
                                Ok(b) => failures.push(format!("{url}: status {status}, {} bytes", b.len())),
                                Err(e) => failures.push(format!("{url}: body: {e}")),
                            }
                        }
                        Err(e) => failures.push(format!("{url}: {e}")),
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a request thread panicked"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of 200 requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(server.get("").status, 200);
}

#[test]
fn requests_during_rebuilds_always_get_a_whole_page() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut events = server.events();
    let base = format!("http://{}/projects/reading-depth.html", server.addr);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (base, stop) = (base.clone(), stop.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let mut seen = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let resp = fetch(&agent, "GET", &base);
                    assert_eq!(resp.status, 200);
                    let text = resp.text();
                    assert!(text.trim_end().ends_with("</html>"), "a cut page");
                    let title = h1(&resp.html());
                    assert!(title.starts_with("Reading depth"), "{title}");
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for n in 1..=3 {
        book.patch(
            READING_DEPTH_PATH,
            &format!("title: Reading depth{}\n", " x".repeat(n - 1)),
            &format!("title: Reading depth{}\n", " x".repeat(n)),
        );
        let want = format!("Reading depth{}", " x".repeat(n));
        events.until("the edit", |_| {
            let t = h1(&server.get("projects/reading-depth.html").html());
            (t == want).then_some(()).ok_or(t)
        });
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for r in readers {
        assert!(r.join().expect("a reader failed") > 0);
    }
}

// ---------------------------------------------------------------------------------------------
// 6. A site under a sub-path

#[test]
fn a_sub_path_site_is_served_below_its_prefix_and_its_reload_script_finds_the_events() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\nsite-url = \"https://example.org/repo/\"\n"),
    );
    let site = built_site(book.root());
    let server = Server::start(book.root());
    assert_eq!(server.prefix, "/repo/");
    assert!(server.url.ends_with("/repo/"), "{}", server.url);

    let home = server.get_abs("/repo/");
    assert_eq!(home.status, 200);
    assert_eq!(
        strip_injected(&home.text()).as_deref(),
        Some(String::from_utf8_lossy(&site["index.html"]).as_ref())
    );
    for (from, to) in [("/", "/repo/"), ("/repo", "/repo/")] {
        let resp = server.get_abs(from);
        assert!((300..400).contains(&resp.status), "{from}: {}", resp.status);
        assert_eq!(resp.header("location"), Some(to), "{from}");
    }
    // Outside the prefix: the site's 404 page.
    let outside = server.get_abs("/other/page.html");
    assert_eq!(outside.status, 404);
    assert_page(&outside, "/other/page.html", Overlay::None);
    assert_eq!(server.get_abs("/__dacibook/events").status, 404);

    // From every kind of page, the script's URL resolves to the events below the prefix.
    for page in [
        "/repo/",
        "/repo/index.html",
        "/repo/projects/reading-depth.html",
        "/repo/no/such/page.html",
        "/other/page.html",
    ] {
        let doc = server.get_abs(page).html();
        let url = event_source_url(&doc);
        assert_eq!(resolve(page, &url), "/repo/__dacibook/events", "{page}: {url}");
    }
    let events = Events::connect(server.addr, "/repo/__dacibook/events");
    assert_eq!(events.status, 200);
    assert!(
        events.content_type.starts_with("text/event-stream"),
        "{}",
        events.content_type
    );
    assert!(events.initial >= 1);

    assert_serves(&server, &site, Overlay::None);
}

// ---------------------------------------------------------------------------------------------
// 7. Port in use

#[test]
fn a_port_in_use_exits_2_and_names_the_port_and_the_flag() {
    let book = Book::valid();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let child = Command::new(BIN)
        .arg("serve")
        .arg(book.root())
        .args(["-p", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut guard = KillOnDrop(child);
    let status = wait_exit(&mut guard.0, Duration::from_secs(10)).expect("serve exits when its port is taken");
    let mut stderr = String::new();
    let mut stdout = String::new();
    use std::io::Read;
    guard.0.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    guard.0.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains(&port.to_string()), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
    assert!(!stdout.contains("Serving"), "{stdout}");
    drop(taken);
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// 8. A book that does not build at start

#[test]
fn a_book_broken_at_start_serves_503_with_the_overlay_until_fixed() {
    let book = Book::valid();
    let good = built_site(book.root());
    let (broken, place) = broken_search_clicks();
    book.write(SEARCH_CLICKS_PATH, &broken);
    let server = Server::start(book.root());
    let mut events = server.events();
    assert!(
        wait_for(|| server.stderr().contains("the book has errors").then_some(())).is_some(),
        "{}",
        server.stderr()
    );
    for key in good.keys() {
        let path = encode(key.strip_suffix("index.html").unwrap_or(key));
        let resp = server.get(&path);
        assert_eq!(resp.status, 503, "{key}");
        assert_page(&resp, key, Overlay::Places(&[place.as_str()]));
        // The script reaches the events from any depth.
        let url = event_source_url(&resp.html());
        assert_eq!(resolve(&server.path(&path), &url), "/__dacibook/events", "{key}");
        assert_eq!(script_version(&resp.html()), events.initial);
    }

    book.write(SEARCH_CLICKS_PATH, SEARCH_CLICKS);
    events.until("the site", |_| match server.get("").status {
        200 => Ok(()),
        s => Err(format!("status {s}")),
    });
    assert_serves(&server, &good, Overlay::None);
}

#[test]
fn a_book_whose_toml_is_broken_at_start_is_served_once_fixed() {
    let book = Book::valid();
    let good = built_site(book.root());
    book.write("book.toml", "[book]\ntitle = \"Test book\"\ndescription = 3\n");
    let server = Server::start(book.root());
    let mut events = server.events();
    let home = server.get("");
    assert_eq!(home.status, 503);
    let places = texts(&home.html(), "#dacibook-overlay code[data-place]");
    assert!(places.len() == 1 && places[0].starts_with("book.toml:3:"), "{places:?}");
    book.write("book.toml", BOOK_TOML);
    events.until("the site", |_| match server.get("").status {
        200 => Ok(()),
        s => Err(format!("status {s}")),
    });
    assert_serves(&server, &good, Overlay::None);
}

// ---------------------------------------------------------------------------------------------
// 9. `build` never gets what serve injects

#[test]
fn build_output_has_no_reload_script_even_after_serving() {
    let book = Book::valid();
    {
        let server = Server::start(book.root());
        let mut events = server.events();
        let (broken, _) = broken_search_clicks();
        book.write(SEARCH_CLICKS_PATH, &broken);
        events.until("the overlay", |_| match has_overlay(&server.get("")) {
            true => Ok(()),
            false => Err("no overlay".into()),
        });
        book.write(SEARCH_CLICKS_PATH, SEARCH_CLICKS);
        events.until("the overlay gone", |_| match has_overlay(&server.get("")) {
            false => Ok(()),
            true => Err("overlay".into()),
        });
        assert!(!book.path("book").exists(), "serve wrote the build folder");
    }
    let out = Command::new(BIN).arg("build").arg(book.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut on_disk = BTreeMap::new();
    read_tree(&book.path("book"), "", &mut on_disk);
    let mut pages = 0;
    for (key, bytes) in &on_disk {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("__dacibook"), "{key} mentions serve's events");
        assert!(!text.contains("data-dacibook-reload"), "{key}");
        assert!(!text.contains("dacibook-overlay"), "{key}");
        if key.ends_with(".html") {
            let doc = scraper::Html::parse_document(&text);
            assert!(select(&doc, "script[data-dacibook-reload]").is_empty(), "{key}");
            assert!(select(&doc, "#dacibook-overlay").is_empty(), "{key}");
            pages += 1;
        }
    }
    assert!(pages >= 10, "only {pages} pages built");
    // What build writes is what serve serves, minus the injection.
    assert_eq!(on_disk, built_site(book.root()));
}

fn read_tree(dir: &Path, prefix: &str, out: &mut BTreeMap<String, dacibook::site::Bytes>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().unwrap().is_dir() {
            read_tree(&entry.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read(entry.path()).unwrap().into());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Theme static files (copied without a rebuild)

#[test]
fn a_theme_static_edit_is_served_and_survives_the_next_content_edit() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    book.write("mytheme/static/own.css", "body { color: black }");
    let server = Server::start(book.root());
    let mut events = server.events();
    book.write("mytheme/static/own.css", "body { color: navy }");
    events.until("the edited stylesheet", |_| {
        let css = server.get("static/own.css").text();
        css.contains("navy").then_some(()).ok_or(css)
    });
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );
    events.until("the new title", |_| {
        let t = h1(&server.get("projects/reading-depth.html").html());
        (t == "Reading depth, edited").then_some(()).ok_or(t)
    });
    assert_eq!(server.get("static/own.css").text(), "body { color: navy }");
    assert_serves(&server, &built_site(book.root()), Overlay::None);
}

#[test]
fn a_theme_static_edit_while_the_book_has_never_built_keeps_the_error_pages() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    book.write("mytheme/static/own.css", "body { color: black }");
    let (broken, place) = broken_search_clicks();
    book.write(SEARCH_CLICKS_PATH, &broken);
    let server = Server::start(book.root());
    let mut events = server.events();
    assert_eq!(server.get("").status, 503);
    book.write("mytheme/static/own.css", "body { color: navy }");
    events.next(EVENT_TIMEOUT).expect("a version for the stylesheet edit");
    for path in ["", "projects/reading-depth.html"] {
        let resp = server.get(path);
        assert_eq!(resp.status, 503, "{path}: {}", resp.text());
        assert_page(&resp, path, Overlay::Places(&[place.as_str()]));
    }
}

// ---------------------------------------------------------------------------------------------
// Stopping, and what does not trigger a rebuild

#[cfg(unix)]
fn interrupt(server: &Server) {
    let ok = Command::new("kill")
        .args(["-INT", &server.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(ok.success());
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server() {
    let book = Book::valid();
    let mut server = Server::start(book.root());
    assert_eq!(server.get("").status, 200);
    interrupt(&server);
    let status = server.wait_exit(Duration::from_secs(5)).expect("serve stops on Ctrl-C");
    assert_eq!(status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_while_a_browser_is_connected() {
    let book = Book::valid();
    let mut server = Server::start(book.root());
    let _events = server.events();
    interrupt(&server);
    let status = server.wait_exit(Duration::from_secs(5));
    assert!(
        status.is_some(),
        "serve did not stop within 5 s of Ctrl-C; stderr:\n{}",
        server.stderr()
    );
}

#[test]
fn editor_backup_and_hidden_files_do_not_trigger_rebuilds() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut events = server.events();
    book.write("content/projects/.reading-depth.yaml.swp", "swap");
    book.write("content/projects/reading-depth.yaml~", "backup");
    book.write("content/.#about.md", "lock");
    book.write(".git/index", "git");
    std::fs::create_dir_all(book.path("book")).unwrap();
    book.write("book/index.html", "built");
    // Then one real edit: the first version must be the one for it.
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );
    let v = events.next(EVENT_TIMEOUT).expect("a version for the real edit");
    assert_eq!(v, events.initial + 1);
    assert_eq!(
        h1(&server.get("projects/reading-depth.html").html()),
        "Reading depth, edited"
    );
    assert!(
        events.next(Duration::from_millis(500)).is_none(),
        "a second rebuild; stderr:\n{}",
        server.stderr()
    );
}

#[test]
fn files_in_other_folders_of_the_book_do_not_trigger_rebuilds() {
    let book = Book::valid();
    book.write("notes/todo.txt", "one");
    let server = Server::start(book.root());
    let mut events = server.events();
    book.write("notes/todo.txt", "two");
    let extra = events.next(Duration::from_millis(1500));
    assert!(
        extra.is_none(),
        "rebuilt after notes/todo.txt; stderr:\n{}",
        server.stderr()
    );
    // The positive control: the watcher is alive, and an edit of the book is rebuilt.
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );
    events.until("the edit rebuilt", |_| {
        let t = h1(&server.get("projects/reading-depth.html").html());
        (t == "Reading depth, edited").then_some(()).ok_or(t)
    });
}

#[test]
fn a_log_file_in_the_book_folder_does_not_cause_a_rebuild_loop() {
    let book = Book::valid();
    let log = book.path("serve.log");
    let server = Server::start_with(book.root(), &[], Stderr::File(&log));
    let mut events = server.events();
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, edited\n",
    );
    events.until("the new title", |_| {
        let t = h1(&server.get("projects/reading-depth.html").html());
        (t == "Reading depth, edited").then_some(()).ok_or(t)
    });
    let mut more = Vec::new();
    while let Some(v) = events.next(Duration::from_millis(1500)) {
        more.push(v);
        if more.len() >= 5 {
            break;
        }
    }
    assert!(
        more.is_empty(),
        "rebuilt again and again without an edit (versions {more:?}); log:\n{}",
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .take(10)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Polls `f` for up to 5 s.
fn wait_for<T>(mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(t) = f() {
            return Some(t);
        }
        if std::time::Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
