//! The built site published under a sub-path, as on GitHub Pages (`https://org.github.io/repo/`).
//!
//! A plain static file server (not `dacibook serve`, which injects a script) serves the site
//! below `/repo/`. A crawler starts at the home page and fetches every page it can reach. Each
//! `href`, `src`, `srcset` and CSS `url(...)` that points at the server must answer 200 and stay
//! below the prefix. Each `#fragment` into a page must name an `id` (or `a name`) on it.

use axum::Router;
use dacibook::config::BookConfig;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use regex::Regex;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::fmt;
use std::fs;
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tower_http::services::{ServeDir, ServeFile};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");
const SITE_URL: &str = "https://example.github.io/repo/";
const PREFIX: &str = "/repo/";

// ---------------------------------------------------------------------------------------------
// A plain static file server below a prefix

/// Serves a folder below a URL prefix on 127.0.0.1 from a background runtime, until dropped.
/// As on GitHub Pages, a missing file gets the site's `404.html` (when it has one) with status 404.
struct StaticServer {
    addr: SocketAddr,
    /// Dropping it stops the server.
    _runtime: tokio::runtime::Runtime,
}

impl StaticServer {
    fn start(site_dir: &Path, prefix: &str) -> StaticServer {
        let mount = prefix.trim_end_matches('/');
        assert!(
            mount.len() > 1 && mount.starts_with('/'),
            "not a prefix like /repo/: {prefix:?}"
        );
        let files = ServeDir::new(site_dir);
        let not_found = site_dir.join("404.html");
        let router = if not_found.is_file() {
            Router::new().nest_service(mount, files.not_found_service(ServeFile::new(not_found)))
        } else {
            Router::new().nest_service(mount, files)
        };
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let addr = listener.local_addr().expect("the bound address");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build();
        let runtime = runtime.expect("a tokio runtime");
        let listener = {
            let _in_runtime = runtime.enter();
            tokio::net::TcpListener::from_std(listener).expect("a tokio listener")
        };
        runtime.spawn(async move { axum::serve(listener, router).await.expect("serve the site") });
        StaticServer {
            addr,
            _runtime: runtime,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Resolving references the way a browser does

/// What a browser percent-encodes in a path (`#` and `?` are split off before).
const PATH_ENCODE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Resolves `reference`, found in the document at URL path `base`, to the URL path it requests
/// on the server at `authority` (query dropped, dot segments removed, encoded as sent) and its
/// fragment. `None` for what the server is not asked for: other hosts, other schemes (`mailto:`,
/// `tel:`, `data:`…), and empty or `#`-only references.
fn resolve(base: &str, reference: &str, authority: &str) -> Option<(String, Option<String>)> {
    let cleaned: String = reference
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.replace('\\', "/");
    if cleaned.is_empty() || cleaned == "#" {
        return None;
    }
    let (rest, fragment) = match cleaned.split_once('#') {
        Some((r, f)) => (r, (!f.is_empty()).then(|| f.to_string())),
        None => (cleaned.as_str(), None),
    };
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let same_origin = |after_scheme: &str| {
        let (host, path) = after_scheme
            .find('/')
            .map_or((after_scheme, "/"), |i| after_scheme.split_at(i));
        host.eq_ignore_ascii_case(authority).then(|| path.to_string())
    };
    let scheme = rest.find(':').map(|i| &rest[..i]).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let path = if let Some(scheme) = scheme {
        let after = rest[scheme.len() + 1..].strip_prefix("//");
        same_origin(after.filter(|_| scheme.eq_ignore_ascii_case("http"))?)?
    } else if let Some(after) = rest.strip_prefix("//") {
        same_origin(after)?
    } else if rest.starts_with('/') {
        rest.to_string()
    } else if rest.is_empty() {
        base.to_string()
    } else {
        format!(
            "{}{rest}",
            &base[..=base.rfind('/').expect("a base path starts with /")]
        )
    };
    Some((normalize(&path), fragment))
}

/// Removes `.` and `..` segments from an absolute path and percent-encodes it as a browser would.
fn normalize(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let dots = seg.to_ascii_lowercase().replace("%2e", ".");
        if dots == "." || dots == ".." {
            if dots == ".." {
                out.pop();
            }
            if i + 1 == segments.len() {
                out.push("");
            }
        } else {
            out.push(seg);
        }
    }
    utf8_percent_encode(&format!("/{}", out.join("/")), PATH_ENCODE).to_string()
}

/// Every URL an HTML document refers to, as written.
fn html_refs(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for (css, attr) in [
        ("[href]", "href"),
        ("[src]", "src"),
        ("[poster]", "poster"),
        ("object[data]", "data"),
    ] {
        out.extend(
            doc.select(&sel(css))
                .filter_map(|e| e.value().attr(attr))
                .map(str::to_string),
        );
    }
    for srcset in doc.select(&sel("[srcset]")).filter_map(|e| e.value().attr("srcset")) {
        out.extend(
            srcset
                .split(',')
                .filter_map(|c| c.split_whitespace().next())
                .map(str::to_string),
        );
    }
    for style in doc.select(&sel("style")) {
        out.extend(css_refs(&style.text().collect::<String>()));
    }
    out.extend(
        doc.select(&sel("[style]"))
            .flat_map(|e| css_refs(e.value().attr("style").unwrap_or(""))),
    );
    out
}

/// The `url(...)` and `@import "…"` references of a stylesheet.
fn css_refs(css: &str) -> Vec<String> {
    static RES: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (comment, reference) = RES.get_or_init(|| {
        (
            Regex::new(r"(?s)/\*.*?\*/").unwrap(),
            Regex::new(r#"url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"#).unwrap(),
        )
    });
    let css = comment.replace_all(css, "");
    reference
        .captures_iter(&css)
        .filter_map(|c| c.iter().skip(1).flatten().next().map(|m| m.as_str().to_string()))
        .collect()
}

/// The fragment targets of a page: every `id`, and the `name` of every `a`.
fn anchors(doc: &Html) -> HashSet<String> {
    let (ids, names) = (sel("[id]"), sel("a[name]"));
    let ids = doc.select(&ids).filter_map(|e| e.value().attr("id"));
    ids.chain(doc.select(&names).filter_map(|e| e.value().attr("name")))
        .map(str::to_string)
        .collect()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

fn decoded(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------------
// The crawler

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    /// The server answered with another status than 200.
    Status(u16),
    /// The request failed (connection, timeout, body).
    Failed(String),
    /// The URL leaves the prefix, so on GitHub Pages it leaves the site.
    LeavesPrefix,
    /// The target page has no element with the fragment as its id.
    NoSuchAnchor,
}

/// One broken reference: on which page (URL path), as written, and the URL path it resolved to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Problem {
    page: String,
    reference: String,
    url: String,
    fault: Fault,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let what = match &self.fault {
            Fault::Status(s) => format!("status {s}"),
            Fault::Failed(e) => format!("request failed: {e}"),
            Fault::LeavesPrefix => "leaves the prefix".to_string(),
            Fault::NoSuchAnchor => "no element with this id on the target page".to_string(),
        };
        write!(f, "{}: `{}` -> {}: {what}", self.page, self.reference, self.url)
    }
}

/// What a crawl found.
struct Crawl {
    problems: Vec<Problem>,
    /// The decoded URL paths of the HTML pages fetched with status 200.
    pages: BTreeSet<String>,
    /// How many URLs were fetched, each once.
    fetched: usize,
    elapsed: Duration,
}

/// A fetched URL: its status (`Err` when the request failed), the status it should have, and,
/// for a page, its anchors.
struct Fetched {
    status: Result<u16, String>,
    expected: u16,
    anchors: Option<HashSet<String>>,
}

/// The document a URL path names: `dir/` and `dir/index.html` are one page, fetched once.
fn page_key(url: &str) -> String {
    if url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// The page the crawl starts from, or a missing one when the site has a 404 page: served at any
/// depth on GitHub Pages, its links must work there too.
const START: &str = "(start)";

/// Serves `site_dir` below `prefix` (like "/repo/") and crawls it from the home page; every problem.
fn check_site(site_dir: &Path, prefix: &str) -> Crawl {
    let started = Instant::now();
    let server = StaticServer::start(site_dir, prefix);
    let authority = server.addr.to_string();
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0);
    let agent: ureq::Agent = config.timeout_global(Some(Duration::from_secs(10))).build().into();
    // URL paths to fetch with, for the two seeds, the status they must answer with.
    let mut queue = VecDeque::from([(prefix.to_string(), Some(200))]);
    if site_dir.join("404.html").is_file() {
        queue.push_back((format!("{prefix}no/such/page/"), Some(404)));
    }
    let mut seen: HashSet<String> = queue.iter().map(|(p, _)| page_key(p)).collect();
    let mut fetched: BTreeMap<String, Fetched> = BTreeMap::new();
    // Every reference to a URL below the prefix, with its fragment, checked once all are fetched.
    let mut links: Vec<(Problem, Option<String>)> = Vec::new();
    let mut problems: BTreeSet<Problem> = BTreeSet::new();
    let mut pages = BTreeSet::new();
    while let Some((path, seed_status)) = queue.pop_front() {
        let (status, kind, body) = get(&agent, &format!("http://{authority}{path}"));
        let expected = seed_status.unwrap_or(200);
        if seed_status.is_some() && status != Ok(expected) {
            let fault = status.clone().map_or_else(Fault::Failed, Fault::Status);
            problems.insert(problem(START, &path, &path, fault));
        }
        let text = String::from_utf8_lossy(&body);
        let (refs, page_anchors) = match kind.as_str() {
            k if k.starts_with("text/html") && status == Ok(expected) => {
                let doc = Html::parse_document(&text);
                let page = if expected == 200 {
                    decoded(&page_key(&path))
                } else {
                    format!("{prefix}404.html")
                };
                pages.insert(page);
                (html_refs(&doc), Some(anchors(&doc)))
            }
            k if k.starts_with("text/css") && status == Ok(200) => (css_refs(&text), None),
            _ => (Vec::new(), None),
        };
        fetched.insert(
            page_key(&path),
            Fetched {
                status,
                expected,
                anchors: page_anchors,
            },
        );
        for reference in refs {
            let Some((url, fragment)) = resolve(&path, &reference, &authority) else {
                continue;
            };
            if !(url.starts_with(prefix) || url == prefix.trim_end_matches('/')) {
                problems.insert(problem(&path, &reference, &url, Fault::LeavesPrefix));
            } else {
                if seen.insert(page_key(&url)) {
                    queue.push_back((url.clone(), None));
                }
                links.push((problem(&path, &reference, &url, Fault::NoSuchAnchor), fragment));
            }
        }
    }
    for (mut link, fragment) in links {
        let target = &fetched[&page_key(&link.url)];
        link.fault = match (&target.status, &target.anchors, fragment) {
            (Err(e), _, _) => Fault::Failed(e.clone()),
            (Ok(status), _, _) if *status != target.expected => Fault::Status(*status),
            (Ok(_), Some(ids), Some(f)) if !ids.contains(&f) && !ids.contains(&decoded(&f)) => Fault::NoSuchAnchor,
            _ => continue,
        };
        problems.insert(link);
    }
    drop(server);
    let (problems, fetched, elapsed) = (problems.into_iter().collect(), fetched.len(), started.elapsed());
    Crawl {
        problems,
        pages,
        fetched,
        elapsed,
    }
}

fn problem(page: &str, reference: &str, url: &str, fault: Fault) -> Problem {
    let [page, reference, url] = [page, reference, url].map(str::to_string);
    Problem {
        page,
        reference,
        url,
        fault,
    }
}

/// GET: the status (or why the request failed), the content type and the body.
fn get(agent: &ureq::Agent, url: &str) -> (Result<u16, String>, String, Vec<u8>) {
    let mut response = match agent.get(url).call() {
        Ok(r) => r,
        Err(e) => return (Err(e.to_string()), String::new(), Vec::new()),
    };
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    match response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_vec() {
        Ok(body) => (Ok(status), kind, body),
        Err(e) => (Err(format!("reading the body: {e}")), kind, Vec::new()),
    }
}

/// Crawls `site_dir` served below `prefix` (like "/repo/") and fails listing every broken
/// reference with the page that makes it. Returns the crawl for further checks.
fn assert_no_broken_requests(site_dir: &Path, prefix: &str) -> Crawl {
    let crawl = check_site(site_dir, prefix);
    let list: Vec<String> = crawl.problems.iter().map(|p| format!("  {p}")).collect();
    assert!(
        list.is_empty(),
        "{} broken reference(s) in {} served below {prefix}:\n{}",
        list.len(),
        site_dir.display(),
        list.join("\n")
    );
    crawl
}

/// Fails naming every HTML file of `site_dir` (but 404.html) that the crawl did not reach.
fn assert_every_page_reached(site_dir: &Path, prefix: &str, crawl: &Crawl) {
    let (mut unreached, mut folders) = (Vec::new(), vec![site_dir.to_path_buf()]);
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder)
            .expect("read the site")
            .map(|e| e.expect("a folder entry"))
        {
            let rel = entry
                .path()
                .strip_prefix(site_dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().expect("a file type").is_dir() {
                folders.push(entry.path());
            } else if rel.ends_with(".html") && rel != "404.html" && !crawl.pages.contains(&format!("{prefix}{rel}")) {
                unreached.push(rel);
            }
        }
    }
    assert!(unreached.is_empty(), "pages not reachable from {prefix}: {unreached:?}");
}

// ---------------------------------------------------------------------------------------------
// Building a book with a sub-path site-url

/// Copies `src`'s book.toml and the folders it names (content, theme) into a temporary folder,
/// sets `site-url` under `[output.html]` in the TOML text, and builds it with the binary into
/// `<tmp>/site`. Returns the folder (removed when dropped) and the site's path.
fn build_with_site_url(src: &Path, site_url: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let book = tmp.path().join("book");
    let toml_text = fs::read_to_string(src.join("book.toml")).expect("read book.toml");
    let config: BookConfig = toml::from_str(&toml_text).expect("book.toml parses");
    let content = [&config.content.process, &config.content.projects, &config.content.pages];
    let named = content.into_iter().chain(config.output.html.theme.as_ref());
    let firsts = named.filter_map(|p| match p.components().next() {
        Some(Component::Normal(first)) => Some(first.to_owned()),
        _ => None,
    });
    for folder in firsts.collect::<BTreeSet<_>>() {
        copy_tree(&src.join(&folder), &book.join(&folder));
    }
    let line = format!("site-url = \"{site_url}\"");
    let mut lines: Vec<String> = toml_text.lines().map(str::to_string).collect();
    let mut section = String::new();
    let existing = lines.iter().position(|l| {
        if l.trim_start().starts_with('[') {
            section = l.trim().to_string();
        }
        section == "[output.html]" && l.trim_start().starts_with("site-url")
    });
    match (existing, lines.iter().position(|l| l.trim() == "[output.html]")) {
        (Some(i), _) => lines[i] = line,
        (None, Some(i)) => lines.insert(i + 1, line),
        (None, None) => lines.extend(["".into(), "[output.html]".into(), line]),
    }
    let edited = lines.join("\n") + "\n";
    let check: BookConfig = toml::from_str(&edited).expect("the edited book.toml parses");
    assert_eq!(check.output.html.site_url.as_deref(), Some(site_url), "{edited}");
    fs::write(book.join("book.toml"), edited).expect("write book.toml");
    let site = tmp.path().join("site");
    let out = Command::new(BIN).arg("build").arg(&book).arg("-d").arg(&site).output();
    let out = out.expect("run dacibook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "building {} failed: {stderr}", src.display());
    (tmp, site)
}

/// Copies a folder's files and folders (symlinks are skipped, as the build skips them).
fn copy_tree(from: &Path, to: &Path) {
    if !from.is_dir() {
        return;
    }
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from)
        .expect("read a folder")
        .map(|e| e.expect("a folder entry"))
    {
        let kind = entry.file_type().expect("a file type");
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a file");
        }
    }
}

/// Builds `src` for `SITE_URL`, crawls it below `/repo/`, and checks that it reached every page.
fn assert_book_works_below_the_prefix(src: &Path, min_pages: usize) {
    let (_tmp, site) = build_with_site_url(src, SITE_URL);
    let crawl = assert_no_broken_requests(&site, PREFIX);
    assert_every_page_reached(&site, PREFIX, &crawl);
    assert!(
        crawl.pages.len() >= min_pages,
        "only {} pages crawled: {:?}",
        crawl.pages.len(),
        crawl.pages
    );
    eprintln!(
        "{}: {} pages crawled, {} URLs fetched in {:?}",
        src.display(),
        crawl.pages.len(),
        crawl.fetched,
        crawl.elapsed
    );
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn the_repositorys_book_works_below_a_github_pages_sub_path() {
    assert_book_works_below_the_prefix(Path::new(REPO), 30);
}

#[test]
fn the_raci_fixture_works_below_a_github_pages_sub_path() {
    assert_book_works_below_the_prefix(&Path::new(REPO).join("tests/fixtures/raci-book"), 5);
}

/// The tiny site of the crawler's self-test: one broken link, one that leaves the prefix and
/// one missing anchor, among references that are fine or not for the server.
const TINY_SITE: [(&str, &str); 5] = [
    (
        "index.html",
        "<!doctype html><link rel=stylesheet href='style.css'><h1 id=top>Home</h1>\
         <a href='good.html#here'>ok</a> <a href=\"sub/deeper.html?x=1\">ok</a> <a href='#top'>ok</a>\
         <a href='#'>ok</a> <a href='https://example.org/x.html'>ok</a> <a href='mailto:a@b.org'>ok</a>\
         <a href='missing.html'>broken</a> <a href='/other.html'>escapes</a> <a href='good.html#nowhere'>no anchor</a>",
    ),
    (
        "style.css",
        "/* url(commented-out.png) */ body { background: url('img/dot.svg') }",
    ),
    ("img/dot.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"),
    (
        "good.html",
        "<!doctype html><p id=here>Here</p><img src='img/dot.svg' alt=''>",
    ),
    (
        "sub/deeper.html",
        "<!doctype html><a href='../index.html#top'>home</a> <a href='..'>home</a>",
    ),
];

#[test]
fn the_crawler_reports_a_broken_link_an_escaping_link_and_a_missing_anchor() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for (rel, text) in TINY_SITE {
        let path = tmp.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let crawl = check_site(tmp.path(), PREFIX);
    let expected = [
        problem("/repo/", "/other.html", "/other.html", Fault::LeavesPrefix),
        problem("/repo/", "good.html#nowhere", "/repo/good.html", Fault::NoSuchAnchor),
        problem("/repo/", "missing.html", "/repo/missing.html", Fault::Status(404)),
    ];
    assert_eq!(crawl.problems, expected, "problems: {:#?}", crawl.problems);
    assert_eq!(crawl.pages.len(), 3, "{:?}", crawl.pages);
    // The home page (also linked as `/repo/index.html`), style.css, the image, good, deeper, missing.
    assert_eq!(crawl.fetched, 6);
    let failed = std::panic::catch_unwind(|| assert_no_broken_requests(tmp.path(), PREFIX).fetched);
    let panic = failed.expect_err("the assertion fails");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("3 broken reference(s)"), "{message}");
}

#[test]
fn references_resolve_like_a_browser() {
    let base = "/repo/roles/data-analyst.html";
    // The reference, then what is requested and the fragment, or `-` when nothing is requested.
    let cases = [
        ("../index.html", "/repo/index.html", None),
        ("../../../x.html", "/x.html", None),
        ("./a b/é.html?q=1#f%20g", "/repo/roles/a%20b/%C3%A9.html", Some("f%20g")),
        ("#sec", base, Some("sec")),
        ("..", "/repo/", None),
        ("/repo/static/style.css", "/repo/static/style.css", None),
        ("http://127.0.0.1:8000/repo/a.html", "/repo/a.html", None),
        ("//127.0.0.1:8000/b.html", "/b.html", None),
        ("https://example.github.io/repo/", "-", None),
        ("mailto:x@example.org", "-", None),
        ("#", "-", None),
        (" ", "-", None),
    ];
    for (reference, path, fragment) in cases {
        let got = resolve(base, reference, "127.0.0.1:8000");
        let expected = (path != "-").then(|| (path.to_string(), fragment.map(str::to_string)));
        assert_eq!(got, expected, "{reference}");
    }
}

#[test]
fn a_book_from_init_built_as_the_pages_workflow_builds_it_works_below_the_sub_path() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path().join("handbook");
    let site = tmp.path().join("site");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dacibook"))
            .args(args)
            .output()
            .expect("run dacibook");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["init".as_ref(), root.as_os_str()]);
    // What the workflow runs: `dacibook build --site-url "$BASE_URL/"`.
    run(&[
        "build".as_ref(),
        root.as_os_str(),
        "-d".as_ref(),
        site.as_os_str(),
        "--site-url".as_ref(),
        SITE_URL.as_ref(),
    ]);
    let crawl = assert_no_broken_requests(&site, PREFIX);
    assert_every_page_reached(&site, PREFIX, &crawl);
    assert!(crawl.pages.len() >= 30, "only {} pages crawled", crawl.pages.len());
}
