//! Browser plumbing for the tests in headless Chromium (Debian's `chromium` and
//! `chromium-driver`), driven over WebDriver with fantoccini: chromedriver as a child process,
//! a Chromium session that records the browser console, a plain static file server, building a
//! book with the real binary, and waits that poll a condition with a timeout.
//!
//! Without Chromium or chromedriver the tests fail, naming what to install, rather than skip.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long a wait for something in the browser may take.
pub const WAIT: Duration = Duration::from_secs(10);

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A chromedriver process, stopped when dropped, with the Chromium sessions it started: a test
/// that fails before closing its session leaves no browser behind.
pub struct Driver {
    child: Child,
    port: u16,
    sessions: Mutex<Vec<String>>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        for id in self.sessions.lock().map(|s| s.clone()).unwrap_or_default() {
            // Already closed by the test: chromedriver answers 404, which is fine.
            let _ = agent
                .delete(&format!("http://127.0.0.1:{}/session/{id}", self.port))
                .call();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One entry of the browser's console, as chromedriver reports it.
#[derive(Debug, Clone)]
pub struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO` or `DEBUG`.
    pub level: String,
    /// `javascript` (an uncaught error), `console-api`, `network`, …
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for LogEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}] {}", self.level, self.source, self.message)
    }
}

impl Driver {
    pub fn start() -> Driver {
        for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
            assert!(
                Path::new(path).exists(),
                "{path} is missing: install Debian's `{package}` (apt-get install chromium chromium-driver), or run `bash tests/run-all.sh`, which installs what the tests need"
            );
        }
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            child,
            port,
            sessions: Mutex::new(Vec::new()),
        };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// A new headless Chromium session (1280×900, light colour scheme by default), recording
    /// every console entry from the start of each page.
    pub async fn browser(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--no-first-run", "--disable-background-networking"]
            }),
        );
        caps.insert("goog:loggingPrefs".into(), serde_json::json!({ "browser": "ALL" }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session");
        if let Some(id) = client.session_id().await.unwrap() {
            self.sessions.lock().unwrap().push(id);
        }
        client
    }

    /// The console entries recorded since the last call (chromedriver's `se/log` endpoint; it
    /// also has errors thrown before any script of the test ran, and failed loads).
    pub async fn console(&self, c: &Client) -> Vec<LogEntry> {
        // A round trip to the page first, so that what it printed while loading has arrived.
        c.execute("return document.readyState", vec![]).await.unwrap();
        let session = c.session_id().await.unwrap().expect("a session id");
        let url = format!("http://127.0.0.1:{}/session/{session}/se/log", self.port);
        let body = tokio::task::spawn_blocking(move || {
            let mut response = ureq::post(&url)
                .header("Content-Type", "application/json")
                .send(r#"{"type":"browser"}"#)
                .unwrap_or_else(|e| panic!("POST {url}: {e}"));
            response.body_mut().read_to_string().expect("the log as text")
        })
        .await
        .unwrap();
        let json: Value = serde_json::from_str(&body).expect("the log as JSON");
        json["value"]
            .as_array()
            .unwrap_or_else(|| panic!("no log entries in {body}"))
            .iter()
            .map(|e| LogEntry {
                level: e["level"].as_str().unwrap_or_default().to_string(),
                source: e["source"].as_str().unwrap_or_default().to_string(),
                message: e["message"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// Fails listing them when the console has any SEVERE entry since the last call, other than
    /// those `allowed` accepts.
    pub async fn assert_no_console_errors(&self, c: &Client, page: &str, allowed: impl Fn(&LogEntry) -> bool) {
        let severe: Vec<String> = self
            .console(c)
            .await
            .into_iter()
            .filter(|e| e.level == "SEVERE" && !allowed(e))
            .map(|e| e.to_string())
            .collect();
        assert!(
            severe.is_empty(),
            "the console has errors on {page}:\n  {}",
            severe.join("\n  ")
        );
    }
}

/// Builds the book at `root` into `dest` with the real binary.
pub fn build_book(root: &Path, dest: &Path, extra_args: &[&str]) {
    let out = Command::new(BIN)
        .arg("build")
        .arg(root)
        .arg("-d")
        .arg(dest)
        .args(extra_args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "building {} failed:\n{}",
        root.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The repository's own book, built into a temporary folder.
pub fn built_repo_book() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_book(Path::new(REPO), &site, &[]);
    (tmp, site)
}

/// Serves `dir` with a plain static file server under `/repo/`, as GitHub Pages would: a
/// missing file gets the site's `404.html` with status 404. Returns the base URL.
pub fn serve_static(dir: &Path) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let not_found = tower_http::services::ServeFile::new(dir.join("404.html"));
            let files = tower_http::services::ServeDir::new(dir).not_found_service(not_found);
            let app = axum::Router::new().nest_service("/repo", files);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap().port()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    let port = rx.recv().unwrap();
    format!("http://127.0.0.1:{port}/repo/")
}

/// Waits until `css` matches an element whose text is not empty; returns that text.
pub async fn wait_text(c: &Client, css: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if !t.trim().is_empty() {
                    return t;
                }
            }
        }
        assert!(start.elapsed() < WAIT, "nothing matched {css} in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the browser's address ends with `suffix`.
pub async fn wait_url(c: &Client, suffix: &str) {
    let start = Instant::now();
    loop {
        let now = c.current_url().await.unwrap();
        if now.as_str().ends_with(suffix) {
            return;
        }
        assert!(start.elapsed() < WAIT, "still at {now}, waiting for …{suffix}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the script `js` (a function body) returns something other than `false`, `null`,
/// `undefined`, `0` or `""`; returns that value. `what` names the condition in the failure.
pub async fn wait_js(c: &Client, what: &str, js: &str) -> Value {
    let start = Instant::now();
    loop {
        // A navigation under way can make one call fail: that is "not yet".
        if let Ok(v) = c.execute(js, vec![]).await {
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
        }
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the page has loaded (its deferred scripts have run).
pub async fn wait_loaded(c: &Client) {
    wait_js(c, "the page to load", "return document.readyState === 'complete'").await;
}
