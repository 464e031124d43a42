//! Search at scale: the size of `search-index.js` and the time of the first search in headless
//! Chromium, for a generated book (default: 1,000 projects of 25 fields, so 25,000 fields).
//!
//!     cargo bench --bench search
//!
//! Needs Debian's `chromium` and `chromium-driver`. `SEARCH_PROJECTS` and `SEARCH_FIELDS` set
//! the size of the book; `SEARCH_ROUNDS` the number of fresh page loads measured (default 5).
//! Each round opens the home page from disk, types a field name and times, inside the page,
//! from the input event to the first result on screen: the index is loaded then, as it is on
//! a reader's first search.

use fantoccini::{ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn release_binary(name: &str, example: bool) -> PathBuf {
    let dir = Path::new(MANIFEST_DIR).join("target/release");
    let path = if example {
        dir.join("examples").join(name)
    } else {
        dir.join(name)
    };
    if !path.exists() {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["build", "--release"]).current_dir(MANIFEST_DIR);
        if example {
            cmd.args(["--example", name]);
        }
        assert!(cmd.status().expect("cargo build").success());
    }
    path
}

const MEASURE: &str = r#"
const done = arguments[arguments.length - 1];
const input = document.getElementById("search-input");
const results = document.getElementById("search-results");
const t0 = performance.now();
const finish = () => done(performance.now() - t0);
const seen = () => results.querySelector(".search-result");
new MutationObserver((_, o) => { if (seen()) { o.disconnect(); finish(); } })
  .observe(results, { childList: true, subtree: true });
input.value = arguments[0];
input.dispatchEvent(new Event("input"));
"#;

#[tokio::main]
async fn main() {
    let projects = env_number("SEARCH_PROJECTS", 1000);
    let fields = env_number("SEARCH_FIELDS", 25);
    let rounds = env_number("SEARCH_ROUNDS", 5);
    let work = tempfile::tempdir().unwrap();
    let book = work.path().join("book");
    let site = work.path().join("site");
    let corpus = release_binary("corpus", true);
    let status = Command::new(corpus)
        .args([
            "--projects",
            &projects.to_string(),
            "--fields",
            &fields.to_string(),
            "--out",
        ])
        .arg(&book)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let out = Command::new(release_binary("dacibook", false))
        .arg("build")
        .arg(&book)
        .arg("-d")
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let index = std::fs::read_to_string(site.join("search-index.js")).unwrap();
    let docs = index.matches("],[").count() + 1;
    let field = index
        .split("[\"field\",\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a field in the index")
        .to_string();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut driver = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (apt-get install chromium chromium-driver)");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}),
    );
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap();
    let home = format!("file://{}", site.join("index.html").display());
    let mut times = Vec::new();
    for _ in 0..rounds {
        c.goto(&home).await.unwrap();
        c.find(Locator::Id("search-input")).await.unwrap();
        let ms = c
            .execute_async(MEASURE, vec![serde_json::json!(field)])
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        times.push(ms);
    }
    let first: String = c
        .find(Locator::Css("#search-results .search-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    c.close().await.unwrap();
    let _ = driver.kill();
    let _ = driver.wait();
    times.sort_by(f64::total_cmp);
    println!("\nbook: {projects} projects of {fields} fields; query `{field}` (first result: `{first}`)");
    println!(
        "search-index.js: {} bytes ({:.2} MB), {docs} documents, {:.0} bytes per document",
        index.len(),
        index.len() as f64 / 1e6,
        index.len() as f64 / docs as f64
    );
    println!(
        "first search (index load + query + results shown), {rounds} fresh loads: median {:.1} ms, max {:.1} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
