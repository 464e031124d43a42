//! Browser tests in headless Chromium (Debian's `chromium` and `chromium-driver`), driven over
//! WebDriver with fantoccini. `.ci/run` installs both; without them these tests fail, naming
//! what to install, rather than skip.

mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A chromedriver process, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
            assert!(
                Path::new(path).exists(),
                "{path} is missing: install Debian's `{package}` (apt-get install chromium chromium-driver); .ci/run does"
            );
        }
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver { child, port };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    async fn browser(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--no-first-run", "--disable-background-networking"]
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session")
    }
}

/// The repository's own book, built into a temporary folder.
fn built_repo_book() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = Command::new(BIN)
        .arg("build")
        .arg(REPO)
        .arg("-d")
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (tmp, site)
}

/// Serves `dir` with a plain static file server under `/repo/`; returns the base URL.
fn serve_static(dir: &Path) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().nest_service("/repo", tower_http::services::ServeDir::new(dir));
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap().port()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    let port = rx.recv().unwrap();
    format!("http://127.0.0.1:{port}/repo/")
}

/// Waits until `css` matches an element whose text is not empty; returns that text.
async fn wait_text(c: &Client, css: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if !t.trim().is_empty() {
                    return t;
                }
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "nothing matched {css} in time"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the browser's address ends with `suffix`.
async fn wait_url(c: &Client, suffix: &str) {
    let start = Instant::now();
    loop {
        let now = c.current_url().await.unwrap();
        if now.as_str().ends_with(suffix) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still at {now}, waiting for …{suffix}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// On the page at `url`: `/` focuses the search box, typing `field` shows that field as the
/// first result, under Fields, and following it opens its dictionary entry.
async fn search_opens_the_field(c: &Client, url: &str, field: &str) {
    c.goto(url).await.unwrap();
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    let active: String = c
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(active, "search-input", "`/` focuses the search box on {url}");
    c.find(Locator::Id("search-input"))
        .await
        .unwrap()
        .send_keys(field)
        .await
        .unwrap();
    let first = wait_text(
        c,
        "#search-results .search-group:first-child .search-result .search-title",
    )
    .await;
    assert_eq!(first, field, "the field comes first on {url}");
    let group = c
        .find(Locator::Css("#search-results .search-group:first-child"))
        .await
        .unwrap()
        .attr("data-kind")
        .await
        .unwrap();
    assert_eq!(group.as_deref(), Some("field"));
    let mark = wait_text(c, "#search-results .search-result mark").await;
    assert_eq!(mark.to_lowercase(), field.to_lowercase(), "the match is highlighted");
    c.find(Locator::Css("#search-results .search-result"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let anchor = format!("#field-{field}");
    wait_url(c, &format!("dictionary.html{anchor}")).await;
    let entry = c
        .find(Locator::Css(&format!("section.entry{anchor}")))
        .await
        .expect("the entry");
    assert_eq!(entry.attr("data-field").await.unwrap().as_deref(), Some(field));
    let target: bool = c
        .execute(
            &format!("return document.querySelector('{anchor}').matches(':target')"),
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false);
    assert!(target, "the entry is the page's target");
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_a_field_first_and_opens_its_dictionary_entry() {
    let (_tmp, site) = built_repo_book();
    let base = serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    // From the home page and from a page one folder down (the index path is relative).
    search_opens_the_field(&c, &format!("{base}index.html"), "wiki").await;
    search_opens_the_field(&c, &format!("{base}roles/data-analyst.html"), "platform").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_works_when_the_site_is_opened_from_disk() {
    let (_tmp, site) = built_repo_book();
    let driver = Driver::start();
    let c = driver.browser().await;
    let home = format!("file://{}", site.join("index.html").display());
    search_opens_the_field(&c, &home, "wiki").await;
    let deep = format!("file://{}", site.join("activities/testing.html").display());
    search_opens_the_field(&c, &deep, "skin").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_shows_grouped_results_and_says_when_nothing_matches() {
    let (_tmp, site) = built_repo_book();
    let base = serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}index.html")).await.unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    input.send_keys("privacy").await.unwrap();
    wait_text(&c, "#search-results .search-result").await;
    let kinds: Vec<String> = c
        .execute(
            "return [...document.querySelectorAll('#search-results .search-group')].map(g => g.dataset.kind)",
            vec![],
        )
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert!(kinds.contains(&"activity".to_string()), "{kinds:?}");
    let mut unique = kinds.clone();
    unique.dedup();
    assert_eq!(unique, kinds, "one group per kind");
    input.clear().await.unwrap();
    input.send_keys("zzqqxx").await.unwrap();
    let none = wait_text(&c, "#search-results .search-none").await;
    assert_eq!(none, "Nothing matches “zzqqxx”.");
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_people_by_handle_and_by_name_in_any_case() {
    let (_tmp, site) = built_repo_book();
    let base = serve_static(&site);
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("{base}index.html")).await.unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    // "Celeste Moreau" is @cmoreau: the handle finds her, and the name typed in capitals too.
    for query in ["cmoreau", "CELESTE mor"] {
        input.clear().await.unwrap();
        input.send_keys(query).await.unwrap();
        let first = wait_text(&c, "#search-results .search-group[data-kind=person] .search-title").await;
        assert_eq!(first, "Celeste Moreau", "{query}");
    }
    c.find(Locator::Css("#search-results .search-group[data-kind=person] a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, "people/cmoreau.html").await;
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn search_ignores_accents_and_case_in_any_script() {
    let book = common::Book::valid();
    book.patch(
        "content/projects/reading-depth.yaml",
        "  data-analyst:\n    - name: Priya Raman\n",
        "  data-analyst:\n    - name: Priya Raman\n    - name: Zoë Ångström\n    - name: Дмитрий Волков\n",
    );
    let site = book.path("site");
    let out = Command::new(BIN)
        .arg("build")
        .arg(book.root())
        .arg("-d")
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let driver = Driver::start();
    let c = driver.browser().await;
    c.goto(&format!("file://{}", site.join("index.html").display()))
        .await
        .unwrap();
    let input = c.find(Locator::Id("search-input")).await.unwrap();
    for (query, expected) in [("zoe angst", "Zoë Ångström"), ("ВОЛКОВ", "Дмитрий Волков")] {
        input.clear().await.unwrap();
        input.send_keys(query).await.unwrap();
        let first = wait_text(&c, "#search-results .search-group[data-kind=person] .search-title").await;
        assert_eq!(first, expected, "{query}");
        let marked = wait_text(&c, "#search-results .search-group[data-kind=person] mark").await;
        assert!(expected.contains(&marked), "{marked} is part of {expected}");
    }
    c.close().await.unwrap();
}
