//! End to end in headless Chromium (Debian's `chromium` and `chromium-driver`), over HTTP, on
//! the site built from this repository's own book and on fixture books in temporary folders:
//! every kind of page reached by clicking real links, the colour-theme toggle, one search, live
//! reload under `dacibook serve`, no console errors on any page, and axe-core's WCAG 2 A/AA
//! rules in the light and the dark palette.
//!
//! axe-core comes from npm, pinned in `tests/axe/package-lock.json`. When
//! `tests/axe/node_modules` is missing, the accessibility test runs `npm ci --prefix tests/axe`
//! itself, and fails saying so when it cannot. Without Chromium or chromedriver every test here
//! fails, naming the packages to install. The search tests proper are in `search.rs`.

use crate::common::browser::{
    build_book, serve_static, wait_js, wait_loaded, wait_text, wait_url, Driver, LogEntry, BIN, REPO, WAIT,
};
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// No console entry is acceptable.
fn none(_: &LogEntry) -> bool {
    false
}

/// Where a click on a link led.
struct Arrival {
    /// The link's text, as shown.
    link: String,
    /// The link's target, resolved by the browser.
    href: String,
    /// The first heading of the page it led to.
    h1: String,
}

/// Clicks the first element matching `css` (a link) on the current page, waits until the
/// browser is at the link's target and the page has loaded, and checks that the console has no
/// error. Returns the link's text and target and the heading of the page it led to.
async fn follow(driver: &Driver, c: &Client, css: &str) -> Arrival {
    let here = c.current_url().await.unwrap();
    let link = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no link matches {css} on {here}: {e}"));
    let href = link
        .prop("href")
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{css} is not a link"));
    let text = squeeze(&link.text().await.unwrap());
    link.click().await.unwrap();
    let start = Instant::now();
    loop {
        let now = c.current_url().await.unwrap();
        if now.as_str() == href {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "clicking {css} ({text:?}) did not lead to {href}; still at {now}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    wait_loaded(c).await;
    let h1 = squeeze(&wait_text(c, "main h1").await);
    driver.assert_no_console_errors(c, &href, none).await;
    Arrival { link: text, href, h1 }
}

/// `text` with each run of white space made one space (a flex box puts its parts on lines).
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The book at `root`, built into a temporary folder and served under `/repo/` by a plain file
/// server, as GitHub Pages would serve it. It is built with `--site-url` set to that address, as
/// the Pages workflow does, so that the 404 page's links are right at any depth. Returns the
/// the temporary folder, the site's folder in it and the site's address.
fn served_book(root: &Path) -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    // The server reads files as they are asked for, so it can start before the site exists.
    let base = serve_static(&site);
    build_book(root, &site, &["--site-url", &base]);
    (tmp, site, base)
}

/// `text` without a leading "12. " (activity links are numbered).
fn unnumbered(text: &str) -> &str {
    match text.split_once(". ") {
        Some((n, rest)) if n.chars().all(|ch| ch.is_ascii_digit()) => rest,
        _ => text,
    }
}

/// The process's name, as content/process.yaml gives it.
fn process_name() -> String {
    let yaml = fs::read_to_string(Path::new(REPO).join("content/process.yaml")).unwrap();
    let line = yaml
        .lines()
        .find_map(|l| l.strip_prefix("name: "))
        .expect("a `name:` line in process.yaml");
    line.trim().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_of_page_is_reached_by_clicking_its_links() {
    let (_tmp, _, base) = served_book(Path::new(REPO));
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}index.html")).await.unwrap();
    wait_loaded(&c).await;
    assert_eq!(wait_text(&c, "main h1").await, process_name(), "the home page");
    driver.assert_no_console_errors(&c, "the home page", none).await;

    // Home → a project, from its card.
    let a = follow(&driver, &c, "#projects .project-card h3 a").await;
    assert!(a.href.contains("/projects/"), "{}", a.href);
    assert_eq!(a.h1, a.link, "the project page is titled as its card");
    // Project → a person it names.
    let a = follow(&driver, &c, "#people .people-table a.person-name").await;
    assert!(a.href.contains("/people/"), "{}", a.href);
    assert_eq!(a.h1, a.link, "the person page is titled with the name");
    // Person → a role they fill → the list of everyone.
    let a = follow(&driver, &c, "#projects .role-set h3 a").await;
    assert!(a.href.contains("/roles/"), "{}", a.href);
    assert_eq!(a.h1, a.link, "the role page is titled with the role's name");
    let a = follow(&driver, &c, "nav.site-nav a[href$='people.html']").await;
    assert_eq!((a.link.as_str(), a.h1.as_str()), ("People", "People"));
    assert!(a.href.ends_with("/repo/people.html"), "{}", a.href);
    let a = follow(&driver, &c, ".people-index tbody th a").await;
    assert_eq!(a.h1, a.link, "a person from the list");

    // The role matrix → an activity (a stage of the process) → the next one → a role in it.
    let a = follow(&driver, &c, "nav.site-nav a[href$='matrix.html']").await;
    assert_eq!(a.h1, "Role matrix");
    let a = follow(&driver, &c, ".matrix tbody th.activity-col a").await;
    assert!(a.href.contains("/activities/"), "{}", a.href);
    assert_eq!(a.h1, unnumbered(&a.link), "the activity page is titled with its name");
    let next = c
        .find(Locator::Css(".pager-next .pager-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let a = follow(&driver, &c, ".pager-next").await;
    assert_eq!(a.h1, unnumbered(&next), "the pager leads to the next activity");
    let a = follow(&driver, &c, "#daci .role-list a").await;
    let (short, name) = a.link.split_once(" · ").expect("“short · name”");
    assert!(!short.is_empty());
    assert_eq!(a.h1, name, "the role page is titled with the role's name");
    // A role from the menu → a project holding it.
    let a = follow(&driver, &c, ".nav-roles li:last-child a").await;
    let full = c
        .find(Locator::Css(".nav-roles a[aria-current=page] .nav-full"))
        .await
        .expect("the menu marks the current role")
        .text()
        .await
        .unwrap();
    assert_eq!(a.h1, full);
    let a = follow(&driver, &c, "#holders tbody th a").await;
    assert_eq!(a.h1, a.link, "a project holding the role");
    // Project → the activity of its first stage, from the stage's row of the stage table.
    let first = "#stages tbody.stage:first-of-type";
    let a = follow(&driver, &c, &format!("{first} th a")).await;
    assert!(a.link.contains(&a.h1), "{:?} leads to {:?}", a.link, a.h1);

    // The data dictionary: the index leads to a letter's page, whose list of names jumps to
    // the entry, which becomes the page's target.
    let a = follow(&driver, &c, "nav.site-nav a[href$='dictionary.html']").await;
    assert_eq!(a.h1, "Data dictionary");
    let a = follow(&driver, &c, ".dictionary-pages a").await;
    assert!(a.h1.starts_with("Fields: "), "{:?}", a.h1);
    let a = follow(&driver, &c, ".name-index a").await;
    let (_, anchor) = a.href.split_once('#').expect("an anchor");
    let field: Value = c
        .execute(
            "var e = document.getElementById(arguments[0]); return e && e.matches(':target') && e.dataset.field",
            vec![Value::from(anchor)],
        )
        .await
        .unwrap();
    assert_eq!(field.as_str(), Some(a.link.as_str()), "the entry for {}", a.link);

    // The board → a project's card, then a blocker, which leads to the blocked stage's row
    // (the target), its checklist listed.
    let a = follow(&driver, &c, "nav.site-nav a[href$='board.html']").await;
    assert_eq!(a.h1, "Board");
    let a = follow(&driver, &c, ".board-card h3 a").await;
    assert_eq!(a.h1, a.link, "the card's project");
    c.back().await.unwrap();
    wait_url(&c, "board.html").await;
    wait_loaded(&c).await;
    let a = follow(&driver, &c, ".board-card .blocker a").await;
    let (_, stage) = a.href.split_once('#').expect("a stage anchor");
    let open: Value = c
        .execute(
            "var e = document.getElementById(arguments[0]); return !!e && e.matches(':target') && !!e.querySelector('.checklist')",
            vec![Value::from(stage)],
        )
        .await
        .unwrap();
    assert_eq!(
        open,
        Value::Bool(true),
        "the blocked stage {stage} is targeted, its checklist listed"
    );

    // The Markdown pages, from the menu, then the previous/next links between them.
    let pages = c
        .execute(
            "return [...document.querySelectorAll('nav.site-nav .nav-list:first-child a')].map(a => a.href).filter(h => h.endsWith('.html') && !/\\/(index|matrix|dictionary|board|people)\\.html$/.test(h))",
            vec![],
        )
        .await
        .unwrap();
    let pages: Vec<&str> = pages.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(pages.len() >= 2, "the menu lists the book's pages: {pages:?}");
    let file = pages[0].rsplit('/').next().unwrap();
    let first = follow(
        &driver,
        &c,
        &format!("nav.site-nav a[href$='/{file}'], nav.site-nav a[href='{file}']"),
    )
    .await;
    assert_eq!(first.href, pages[0]);
    assert_eq!(first.h1, first.link, "the page is titled as the menu says");
    let second = follow(&driver, &c, ".page-turn-next").await;
    assert_eq!(second.href, pages[1], "“Next” leads to the menu's next page");
    // (The label is shown in capitals: WebDriver reads the rendered text.)
    assert_eq!(second.link.to_lowercase(), format!("next {}", second.h1.to_lowercase()));
    let back = follow(&driver, &c, ".page-turn-previous").await;
    assert_eq!(back.href, first.href);
    assert_eq!(
        back.link.to_lowercase(),
        format!("previous {}", first.h1.to_lowercase())
    );

    // The site's title leads home; the home page's counters lead to the matrix.
    let a = follow(&driver, &c, ".site-title").await;
    assert_eq!(a.h1, process_name());
    let a = follow(&driver, &c, ".stats li:first-child a").await;
    assert_eq!(a.h1, "Role matrix");

    // A missing page, however deep, gets the site's 404 page (as GitHub Pages serves it), which
    // leads home.
    let missing = format!("{base}no/such/page.html");
    c.goto(&missing).await.unwrap();
    wait_loaded(&c).await;
    assert_eq!(wait_text(&c, "main h1").await, "Page not found");
    driver
        .assert_no_console_errors(&c, "the 404 page", |e| is_the_404_itself(e, &missing))
        .await;
    let a = follow(&driver, &c, ".not-found .actions a.button:not(.button-quiet)").await;
    assert_eq!(a.href, format!("{base}index.html"));
    assert_eq!(a.h1, process_name());
    c.close().await.unwrap();
}

/// The one console entry a 404 page has: the browser noting that its own address answered 404.
fn is_the_404_itself(e: &LogEntry, url: &str) -> bool {
    e.source == "network" && e.message.starts_with(url) && e.message.contains("404")
}

/// A book of 25 Markdown pages (the fixture's About and 24 more) and the fixture's projects.
fn long_book() -> crate::common::Book {
    let book = crate::common::Book::valid();
    for n in 2..=25 {
        book.write(
            &format!("content/chapter-{n:02}.md"),
            &format!("---\ntitle: Chapter {n}\norder: {n}\n---\n\nThe text of chapter {n}.\n"),
        );
    }
    book
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_book_links_every_page_from_its_list_of_pages() {
    let book = long_book();
    let (_site_tmp, _, base) = served_book(book.root());
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}about.html")).await.unwrap();
    wait_loaded(&c).await;
    assert_eq!(wait_text(&c, "main h1").await, "About");

    // The menu does not list every page: it links to the list of them all.
    let listed = c
        .execute(
            "return document.querySelectorAll('nav.site-nav a[href$=\"chapter-25.html\"]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(listed, Value::from(0), "the menu of a long book stops early");
    let a = follow(&driver, &c, ".nav-all-pages a").await;
    assert_eq!(a.h1, "All pages");
    assert_eq!(a.link, "All pages (25)");
    assert!(a.href.ends_with("/repo/pages.html"), "{}", a.href);
    let items = c.find_all(Locator::Css("ol.all-pages li a")).await.unwrap();
    assert_eq!(items.len(), 25, "the list has every page");

    // From the list to a page far down; the menu then shows the pages around it.
    let a = follow(&driver, &c, "ol.all-pages li:nth-child(22) a").await;
    assert_eq!((a.link.as_str(), a.h1.as_str()), ("Chapter 22", "Chapter 22"));
    let nearby: Value = c
        .execute(
            "return [...document.querySelectorAll('nav.site-nav li.nav-nearby ~ li a, nav.site-nav li.nav-nearby a')].map(a => a.textContent.trim())",
            vec![],
        )
        .await
        .unwrap();
    let nearby: Vec<&str> = nearby.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for around in ["Chapter 21", "Chapter 22", "Chapter 23"] {
        assert!(
            nearby.contains(&around),
            "{around} is in the menu near chapter 22: {nearby:?}"
        );
    }
    let current = wait_text(&c, "nav.site-nav a[aria-current=page]").await;
    assert_eq!(current, "Chapter 22");
    let a = follow(&driver, &c, ".page-turn-next").await;
    assert_eq!(a.h1, "Chapter 23");
    let a = follow(&driver, &c, ".page-turn-previous").await;
    assert_eq!(a.h1, "Chapter 22");
    let a = follow(&driver, &c, "nav.site-nav .nav-all-pages a").await;
    assert_eq!(a.h1, "All pages");
    c.close().await.unwrap();
}

/// What the page shows of the colour theme: the root's `data-theme` (`null` when the system
/// decides), its computed `color-scheme`, the body's background and text colours, and the
/// toggle's state.
async fn theme_state(c: &Client) -> Value {
    c.execute(
        "var b = document.getElementById('theme-toggle'); var s = getComputedStyle(document.body);
         var code = document.querySelector('pre.code');
         return { attr: document.documentElement.getAttribute('data-theme'),
                  scheme: getComputedStyle(document.documentElement).colorScheme,
                  bg: s.backgroundColor, fg: s.color,
                  code: code ? getComputedStyle(code).backgroundColor : null,
                  choice: b.dataset.choice, label: b.querySelector('.theme-label').textContent,
                  name: b.getAttribute('aria-label'), stored: localStorage.getItem('dacibook-theme') }",
        vec![],
    )
    .await
    .unwrap()
}

/// The body's background and text colours in each palette (`--bg` and `--text` of style.css).
fn palette(scheme: &str) -> (&'static str, &'static str) {
    match scheme {
        "light" => ("rgb(255, 255, 255)", "rgb(27, 34, 48)"),
        "dark" => ("rgb(20, 23, 28)", "rgb(227, 230, 235)"),
        other => panic!("no palette {other}"),
    }
}

/// Checks that the page shows `scheme`, chosen by the toggle (`choice`) or by the system.
fn assert_theme(state: &Value, scheme: &str, choice: &str, page: &str) {
    let (bg, fg) = palette(scheme);
    let expected_attr = if choice == "system" {
        Value::Null
    } else {
        Value::from(choice)
    };
    assert_eq!(state["attr"], expected_attr, "data-theme on {page}: {state}");
    assert_eq!(state["scheme"], scheme, "color-scheme on {page}: {state}");
    assert_eq!(state["bg"], bg, "the body's background on {page}: {state}");
    assert_eq!(state["fg"], fg, "the body's text colour on {page}: {state}");
    assert_eq!(state["choice"], choice, "the toggle's state on {page}: {state}");
    let label = match choice {
        "system" => "Auto",
        "dark" => "Dark",
        _ => "Light",
    };
    assert_eq!(state["label"], label, "the toggle's label on {page}: {state}");
    let name = state["name"].as_str().unwrap_or_default();
    assert!(
        name.starts_with(&format!("Colour theme: {label}")),
        "the toggle's name says the theme on {page}: {state}"
    );
    let stored = if choice == "system" {
        Value::Null
    } else {
        Value::from(choice)
    };
    assert_eq!(
        state["stored"], stored,
        "the choice kept in localStorage on {page}: {state}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_colour_theme_toggle_changes_the_palette_and_is_remembered() {
    let (_tmp, _, base) = served_book(Path::new(REPO));
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}index.html")).await.unwrap();
    wait_loaded(&c).await;
    let system_dark = c
        .execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![])
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    let (system, other) = if system_dark {
        ("dark", "light")
    } else {
        ("light", "dark")
    };
    assert_theme(&theme_state(&c).await, system, "system", "the home page, at first");

    // The first click shows the opposite of the system's scheme.
    let toggle = c.find(Locator::Id("theme-toggle")).await.unwrap();
    toggle.click().await.unwrap();
    assert_theme(&theme_state(&c).await, other, other, "the home page, after a click");

    // It holds on the next page, reached by a link, and over a reload; code blocks follow.
    let a = follow(&driver, &c, "nav.site-nav a[href$='guide.html']").await;
    let page = a.href.as_str();
    let state = theme_state(&c).await;
    assert_theme(&state, other, other, page);
    let code_bg = |scheme: &str| {
        if scheme == "dark" {
            "rgb(43, 48, 59)"
        } else {
            "rgb(244, 246, 249)"
        }
    };
    assert_eq!(state["code"], code_bg(other), "a code block's background on {page}");
    c.refresh().await.unwrap();
    wait_loaded(&c).await;
    assert_theme(&theme_state(&c).await, other, other, "the guide, reloaded");

    // The second click chooses the system's scheme explicitly; the third goes back to the system.
    c.find(Locator::Id("theme-toggle"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let state = theme_state(&c).await;
    assert_theme(&state, system, system, "the guide, after a second click");
    assert_eq!(state["code"], code_bg(system), "a code block's background");
    c.refresh().await.unwrap();
    wait_loaded(&c).await;
    assert_theme(&theme_state(&c).await, system, system, "the guide, reloaded again");
    c.find(Locator::Id("theme-toggle"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_theme(
        &theme_state(&c).await,
        system,
        "system",
        "the guide, after a third click",
    );
    driver.assert_no_console_errors(&c, "the guide", none).await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_from_the_box_opens_the_project_it_finds() {
    let (_tmp, _, base) = served_book(Path::new(REPO));
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}people/cmoreau.html")).await.unwrap();
    wait_loaded(&c).await;
    c.find(Locator::Id("search-input"))
        .await
        .unwrap()
        .send_keys("streaks")
        .await
        .unwrap();
    let title = wait_text(&c, "#search-results .search-group[data-kind=project] .search-title").await;
    assert_eq!(title, "Android reading streaks");
    let a = follow(
        &driver,
        &c,
        "#search-results .search-group[data-kind=project] a.search-result",
    )
    .await;
    assert!(
        a.href.ends_with("/repo/projects/android-reading-streaks.html"),
        "{}",
        a.href
    );
    assert_eq!(a.h1, "Android reading streaks");
    c.close().await.unwrap();
}

/// A running `dacibook serve`, killed when dropped.
struct Serve {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// `dacibook serve ROOT -p 0`; waits (bounded) for the address it prints.
    fn start(root: &Path, log: PathBuf) -> Serve {
        let mut child = Command::new(BIN)
            .arg("serve")
            .arg(root)
            .args(["-p", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .expect("start dacibook serve");
        let out = child.stdout.take().unwrap();
        let mut serve = Serve {
            child,
            url: String::new(),
            log,
        };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let banner = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|e| panic!("serve printed no address ({e}); stderr:\n{}", serve.stderr()));
        serve.url = banner
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {banner:?}"))
            .to_string();
        serve
    }

    fn stderr(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Copies `from` into `to`, folders and all.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The repository's book (book.toml and content) copied into a temporary folder.
fn repo_book_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(Path::new(REPO).join("book.toml"), tmp.path().join("book.toml")).unwrap();
    copy_dir(&Path::new(REPO).join("content"), &tmp.path().join("content"));
    tmp
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_reloads_an_open_project_page_when_its_record_changes() {
    let book = repo_book_copy();
    let logs = tempfile::tempdir().unwrap();
    let serve = Serve::start(book.path(), logs.path().join("serve.log"));
    let driver = Driver::start();
    let c = driver.browser().await;
    let page = format!("{}projects/edit-funnel.html", serve.url);
    c.goto(&page).await.unwrap();
    wait_loaded(&c).await;
    assert_eq!(wait_text(&c, "main h1").await, "Edit attempt funnel");
    driver.assert_no_console_errors(&c, &page, none).await;
    // A mark in this document: a reload makes a new document, without it.
    c.execute("window.dacibookE2eMark = 'before the edit'; return true", vec![])
        .await
        .unwrap();

    let record = book.path().join("content/projects/edit-funnel.yaml");
    let yaml = fs::read_to_string(&record).unwrap();
    assert_eq!(yaml.matches("title: Edit attempt funnel\n").count(), 1);
    fs::write(
        &record,
        yaml.replace(
            "title: Edit attempt funnel\n",
            "title: Edit attempt funnel, edited live\n",
        ),
    )
    .unwrap();

    // The test does not touch the browser: the page must reload by itself.
    let start = Instant::now();
    loop {
        let now: Value = c
            .execute(
                "var h = document.querySelector('main h1');
                 return { mark: window.dacibookE2eMark || null, ready: document.readyState, h1: h && h.textContent,
                          how: performance.getEntriesByType('navigation')[0].type }",
                vec![],
            )
            .await
            .unwrap_or(Value::Null);
        if now["h1"] == "Edit attempt funnel, edited live" && now["ready"] == "complete" {
            assert_eq!(now["mark"], Value::Null, "a new document: {now}");
            assert_eq!(now["how"], "reload", "the page reloaded itself: {now}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the open page did not reload with the new title; it shows {now}; serve said:\n{}",
            serve.stderr()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(c.current_url().await.unwrap().as_str(), page, "still the same page");
    driver.assert_no_console_errors(&c, &page, none).await;

    // A missing page, however deep, gets the site's 404 page, whose links lead home.
    let missing = format!("{}no/such/page.html", serve.url);
    c.goto(&missing).await.unwrap();
    wait_loaded(&c).await;
    assert_eq!(wait_text(&c, "main h1").await, "Page not found");
    driver
        .assert_no_console_errors(&c, &missing, |e| is_the_404_itself(e, &missing))
        .await;
    let a = follow(&driver, &c, ".not-found .actions a.button:not(.button-quiet)").await;
    assert_eq!(a.href, format!("{}index.html", serve.url));
    assert_eq!(a.h1, process_name());
    c.close().await.unwrap();
}

/// Every HTML file of the site at `site`, as paths relative to it.
fn html_pages(site: &Path) -> Vec<String> {
    fn walk(dir: &Path, site: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, site, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(site, site, &mut out);
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn no_page_of_the_site_logs_a_console_error() {
    let (_tmp, site, base) = served_book(Path::new(REPO));
    let pages = html_pages(&site);
    assert!(pages.len() > 50, "the repo's site has its pages: {pages:?}");
    let driver = Driver::start();
    let c = driver.browser().await;
    let mut errors = Vec::new();
    for page in &pages {
        c.goto(&format!("{base}{page}")).await.unwrap();
        wait_loaded(&c).await;
        for e in driver.console(&c).await {
            if e.level == "SEVERE" {
                errors.push(format!("{page}: {e}"));
            }
        }
    }
    // What scripts do on use: the search loads its index, the toggle stores the choice.
    c.goto(&format!("{base}activities/testing.html")).await.unwrap();
    wait_loaded(&c).await;
    c.find(Locator::Id("search-input"))
        .await
        .unwrap()
        .send_keys("privacy")
        .await
        .unwrap();
    wait_text(&c, "#search-results .search-result").await;
    c.find(Locator::Id("theme-toggle"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for e in driver.console(&c).await {
        if e.level == "SEVERE" {
            errors.push(format!("activities/testing.html, searching: {e}"));
        }
    }
    assert!(errors.is_empty(), "console errors:\n  {}", errors.join("\n  "));
    c.close().await.unwrap();
}

/// axe-core's script, from `tests/axe/node_modules`; installed with `npm ci --prefix tests/axe`
/// the first time it is missing.
fn axe_source() -> &'static str {
    static AXE: OnceLock<String> = OnceLock::new();
    AXE.get_or_init(|| {
        let file = Path::new(REPO).join("tests/axe/node_modules/axe-core/axe.min.js");
        if !file.exists() {
            let status = Command::new("npm")
                .args(["ci", "--prefix", "tests/axe"])
                .current_dir(REPO)
                .stdin(Stdio::null())
                .status();
            match status {
                Ok(s) if s.success() => {}
                Ok(s) => panic!(
                    "`npm ci --prefix tests/axe` failed ({s}); run it in {REPO} to install axe-core for the accessibility test"
                ),
                Err(e) => panic!(
                    "axe-core is not installed and `npm ci --prefix tests/axe` could not run ({e}): install Node.js and npm, then run `npm ci --prefix tests/axe` in {REPO}"
                ),
            }
        }
        fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!(
                "cannot read {} ({e}); run `npm ci --prefix tests/axe` in {REPO}",
                file.display()
            )
        })
    })
}

/// The WCAG 2 A and AA rules (2.0, 2.1 and 2.2).
const AXE_TAGS: &str = r#"["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]"#;

/// Runs axe on the current page; returns its violations of impact "serious" or "critical",
/// one line each with the rule, impact, help URL and the selectors of the elements.
async fn axe_violations(c: &Client) -> Vec<String> {
    let loaded = c
        .execute(&format!("{}\n;return typeof axe;", axe_source()), vec![])
        .await
        .unwrap();
    assert_eq!(loaded, "object", "axe-core did not load");
    let script = format!(
        "var done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {AXE_TAGS} }}, resultTypes: ['violations'] }})
            .then(function (r) {{ done(JSON.stringify(r.violations)); }},
                  function (e) {{ done(JSON.stringify({{ error: String(e) }})); }});"
    );
    let out = c.execute_async(&script, vec![]).await.unwrap();
    let parsed: Value = serde_json::from_str(out.as_str().expect("axe's results as JSON")).unwrap();
    assert!(parsed.get("error").is_none(), "axe failed: {parsed}");
    let mut found = Vec::new();
    for v in parsed.as_array().unwrap() {
        let impact = v["impact"].as_str().unwrap_or_default();
        if impact != "serious" && impact != "critical" {
            continue;
        }
        let targets: Vec<String> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                let target = n["target"].to_string();
                let why = n["failureSummary"].as_str().unwrap_or_default().replace('\n', " ");
                format!("{target} ({why})")
            })
            .collect();
        found.push(format!(
            "{} [{impact}] {} — {}\n      {}",
            v["id"].as_str().unwrap_or_default(),
            v["help"].as_str().unwrap_or_default(),
            v["helpUrl"].as_str().unwrap_or_default(),
            targets.join("\n      ")
        ));
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_serious_violations_on_any_kind_of_page_in_light_and_dark() {
    let axe = axe_source();
    assert!(axe.contains("axe"), "axe-core's script");
    let (_tmp, site, base) = served_book(Path::new(REPO));
    let long = long_book();
    let (_long_tmp, _, long_base) = served_book(long.root());

    // One page of each kind, every project (their records differ most), the 404 page as served
    // for a missing address, and a long book's list of pages and a page with its nearby menu.
    let mut pages: Vec<String> = [
        "index.html",
        "matrix.html",
        "dictionary.html",
        "board.html",
        "people.html",
        "people/cmoreau.html",
        "roles/data-analyst.html",
        "activities/privacy-review.html",
        "about.html",
        "guide.html",
        "no/such/page.html",
    ]
    .iter()
    .map(|p| format!("{base}{p}"))
    .collect();
    pages.extend(
        html_pages(&site)
            .into_iter()
            .filter(|p| p.starts_with("projects/"))
            .map(|p| format!("{base}{p}")),
    );
    pages.push(format!("{long_base}pages.html"));
    pages.push(format!("{long_base}chapter-12.html"));

    let driver = Driver::start();
    let c = driver.browser().await;
    let mut failures = Vec::new();
    for scheme in ["light", "dark"] {
        for origin in [&base, &long_base] {
            c.goto(&format!("{origin}index.html")).await.unwrap();
            c.execute(
                "localStorage.setItem('dacibook-theme', arguments[0]); return true",
                vec![Value::from(scheme)],
            )
            .await
            .unwrap();
        }
        for url in &pages {
            c.goto(url).await.unwrap();
            wait_loaded(&c).await;
            let attr = c
                .execute("return document.documentElement.getAttribute('data-theme')", vec![])
                .await
                .unwrap();
            assert_eq!(attr, scheme, "{url} shows the {scheme} palette");
            for v in axe_violations(&c).await {
                failures.push(format!("{url} ({scheme}): {v}"));
            }
        }
        // The search box with its results open.
        c.goto(&format!("{base}index.html")).await.unwrap();
        wait_loaded(&c).await;
        c.find(Locator::Id("search-input"))
            .await
            .unwrap()
            .send_keys("page")
            .await
            .unwrap();
        wait_text(&c, "#search-results .search-result mark").await;
        for v in axe_violations(&c).await {
            failures.push(format!("index.html with search results ({scheme}): {v}"));
        }
    }
    // A phone's width: the menu folds away.
    c.set_window_size(390, 844).await.unwrap();
    for page in ["index.html", "projects/edit-funnel.html"] {
        c.goto(&format!("{base}{page}")).await.unwrap();
        wait_loaded(&c).await;
        wait_js(
            &c,
            "the menu to fold",
            "return !document.getElementById('sidebar').open",
        )
        .await;
        for v in axe_violations(&c).await {
            failures.push(format!("{page} at a phone's width: {v}"));
        }
    }
    assert!(
        failures.is_empty(),
        "axe-core ({AXE_TAGS}) finds serious or critical violations:\n  {}",
        failures.join("\n  ")
    );
    c.close().await.unwrap();
}
