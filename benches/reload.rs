//! Live-reload latency of `dacibook serve`: the time from writing a project record to the
//! `data:` event that tells browsers to reload, for the repository's own book and for a
//! generated book of 1000 projects.
//!
//!     cargo bench --bench reload
//!
//! `cargo bench` builds the release binary first; the benchmark runs it (or the binary named by
//! `DACIBOOK_BIN`, falling back to `target/release/dacibook`). The 1000-project book is written by
//! the `corpus` example (`target/release/examples/corpus`, built with
//! `cargo build --release --example corpus` when missing). `RELOAD_ROUNDS` sets the number of
//! edits per book (default 15); `RELOAD_PROJECTS` the size of the generated book (default 1000).
//!
//! For each book: start `serve -p 0`, open the event stream, then repeatedly toggle a word in one
//! project's title, time the write → next `data:` event, and check (over HTTP) that the project
//! page shows the new title. Prints median, p90 and max per book.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// Serve builds the book before it prints its address; a large book in a slow build takes a while.
const START_TIMEOUT: Duration = Duration::from_secs(180);
const EVENT_TIMEOUT: Duration = Duration::from_secs(60);
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The word toggled in the title.
const WORD: &str = " Revised";

fn main() {
    // `cargo bench` passes `--bench`; a filter argument would name the books to run.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let rounds: usize = env_number("RELOAD_ROUNDS", 15);
    let projects: usize = env_number("RELOAD_PROJECTS", 1000);
    let bin = dacibook_bin();
    eprintln!("dacibook binary: {}", bin.display());

    let work = tempfile::tempdir().expect("a temporary folder");
    let mut books: Vec<(String, PathBuf)> = Vec::new();
    if filter.is_empty() || filter.iter().any(|f| "repo".contains(f.as_str())) {
        let dir = work.path().join("repo-book");
        copy_repo_book(&dir);
        books.push(("repo book (copy)".to_string(), dir));
    }
    if filter.is_empty() || filter.iter().any(|f| "generated".contains(f.as_str())) {
        let dir = work.path().join(format!("generated-{projects}"));
        generate(&dir, projects);
        books.push((format!("generated, {projects} projects"), dir));
    }

    let mut rows = Vec::new();
    for (name, dir) in &books {
        eprintln!("\n== {name}: {}", dir.display());
        match run_book(&bin, dir, rounds) {
            Ok(row) => rows.push((name.clone(), row)),
            Err(e) => {
                eprintln!("error: {name}: {e}");
                std::process::exit(1);
            }
        }
    }

    println!();
    println!(
        "{:<28} {:>8} {:>7} {:>11} {:>8} {:>8} {:>8}   modes",
        "book (write → data: event)", "projects", "rounds", "first build", "median", "p90", "max"
    );
    for (name, r) in &rows {
        println!(
            "{:<28} {:>8} {:>7} {:>8} ms {:>5.1} ms {:>5.1} ms {:>5.1} ms   {}",
            name,
            r.projects,
            r.latencies.len(),
            r.first_build_ms,
            percentile(&r.latencies, 0.5),
            percentile(&r.latencies, 0.9),
            percentile(&r.latencies, 1.0),
            r.modes
        );
    }
    for (name, r) in &rows {
        if r.extra_events > 0 {
            println!(
                "note: {name}: {} round(s) needed more than one event before the page showed the edit",
                r.extra_events
            );
        }
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `DACIBOOK_BIN`, else the binary cargo built for this benchmark (release under `cargo bench`),
/// else `target/release/dacibook`.
fn dacibook_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("DACIBOOK_BIN") {
        return PathBuf::from(p);
    }
    if let Some(p) = option_env!("CARGO_BIN_EXE_dacibook") {
        if Path::new(p).is_file() {
            return PathBuf::from(p);
        }
    }
    let p = target_dir().join("release/dacibook");
    assert!(
        p.is_file(),
        "{} is missing: run `cargo build --release` first",
        p.display()
    );
    p
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(MANIFEST_DIR).join("target"))
}

/// The repository's book: book.toml and the content folder (the default theme is built in).
fn copy_repo_book(dest: &Path) {
    let repo = Path::new(MANIFEST_DIR);
    std::fs::create_dir_all(dest).unwrap();
    std::fs::copy(repo.join("book.toml"), dest.join("book.toml")).unwrap();
    copy_dir(&repo.join("content"), &dest.join("content"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Writes a book of `projects` projects with the `corpus` example, building it when missing.
fn generate(dest: &Path, projects: usize) {
    let corpus = target_dir().join("release/examples/corpus");
    if !corpus.is_file() {
        eprintln!("building the corpus example (cargo build --release --example corpus)");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--example", "corpus"])
            .current_dir(MANIFEST_DIR)
            .status()
            .expect("run cargo");
        assert!(status.success(), "building the corpus example failed");
    }
    let t = Instant::now();
    let out = Command::new(&corpus)
        .args(["--projects", &projects.to_string(), "--fields", "25", "--out"])
        .arg(dest)
        .output()
        .expect("run the corpus example");
    assert!(
        out.status.success(),
        "the corpus example failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("generated {projects} projects in {} ms", t.elapsed().as_millis());
}

struct Row {
    projects: usize,
    first_build_ms: String,
    latencies: Vec<f64>,
    extra_events: usize,
    modes: String,
}

/// The serve process; killed on drop.
struct Serve {
    child: Child,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run_book(bin: &Path, dir: &Path, rounds: usize) -> Result<Row, String> {
    let records = project_records(dir);
    let record = records.first().ok_or("the book has no project records")?.clone();
    let id = record.file_stem().unwrap().to_string_lossy().into_owned();

    let mut child = Command::new(bin)
        .arg("serve")
        .arg(dir)
        .args(["-p", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let err = child.stderr.take().unwrap();
    let out = child.stdout.take().unwrap();
    let serve = Serve {
        child,
        stderr: stderr.clone(),
    };
    std::thread::spawn(move || {
        let mut reader = BufReader::new(err);
        let mut line = String::new();
        while matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
            stderr.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(out);
        let mut line = String::new();
        while matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
            let _ = tx.send(line.trim_end().to_string());
            line.clear();
        }
    });
    let banner = rx
        .recv_timeout(START_TIMEOUT)
        .map_err(|_| format!("serve printed no address; stderr:\n{}", serve.stderr.lock().unwrap()))?;
    let url = banner
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .ok_or_else(|| format!("no URL in {banner:?}"))?;
    let rest = &url["http://".len()..];
    let slash = rest.find('/').unwrap_or(rest.len());
    let addr: SocketAddr = rest[..slash].parse().map_err(|e| format!("{url}: {e}"))?;
    let prefix = if slash == rest.len() { "/" } else { &rest[slash..] }.to_string();
    let first_build_ms = serve
        .stderr
        .lock()
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("built in ")
                .and_then(|r| r.strip_suffix(" ms"))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "?".into());
    eprintln!(
        "{banner}\n{} records; editing {}; first build {first_build_ms} ms",
        records.len(),
        record.display()
    );

    let mut events = Events::connect(addr, &format!("{prefix}__dacibook/events"))?;
    events.next(EVENT_TIMEOUT).ok_or("no version at connect")?;
    let page = format!("{prefix}projects/{id}.html");
    let original = std::fs::read_to_string(&record).map_err(|e| e.to_string())?;
    let title_line = original
        .lines()
        .find(|l| l.starts_with("title: "))
        .ok_or("the record has no top-level title")?
        .to_string();
    // The title as YAML wrote it, and as the page shows it (plain or simply quoted titles).
    let raw_title = title_line["title: ".len()..].trim().to_string();
    let quote = raw_title
        .chars()
        .next()
        .filter(|c| (*c == '"' || *c == '\'') && raw_title.len() > 1 && raw_title.ends_with(*c));
    let base_title = match quote {
        Some(_) => raw_title[1..raw_title.len() - 1].to_string(),
        None => raw_title.clone(),
    };

    let mut latencies = Vec::new();
    let mut extra_events = 0;
    for round in 0..rounds {
        // Let the watcher settle, and forget any event still on its way.
        std::thread::sleep(Duration::from_millis(150));
        while events.next(Duration::from_millis(0)).is_some() {}
        let title = if round % 2 == 0 {
            format!("{base_title}{WORD}")
        } else {
            base_title.clone()
        };
        let yaml_title = match quote {
            Some(q) => format!("{q}{title}{q}"),
            None => title.clone(),
        };
        let text = original.replacen(&title_line, &format!("title: {yaml_title}"), 1);
        let start = Instant::now();
        std::fs::write(&record, &text).map_err(|e| e.to_string())?;
        events
            .next(EVENT_TIMEOUT)
            .ok_or_else(|| format!("round {round}: no event within {EVENT_TIMEOUT:?}"))?;
        let latency = start.elapsed();
        // The page must show the edit, now or after the next event (an edit seen in two parts).
        let want = format!("<h1>{}</h1>", html_escape(&title));
        let mut shown = get(addr, &page)?.contains(&want);
        while !shown {
            extra_events += 1;
            events
                .next(EVENT_TIMEOUT)
                .ok_or_else(|| format!("round {round}: {page} never showed {want}"))?;
            shown = get(addr, &page)?.contains(&want);
        }
        latencies.push(latency.as_secs_f64() * 1000.0);
        eprintln!("round {round:>2}: {:>7.1} ms", latency.as_secs_f64() * 1000.0);
    }
    // Put the record back as it was.
    let _ = std::fs::write(&record, &original);
    let log = serve.stderr.lock().unwrap().clone();
    let count = |what: &str| {
        log.lines()
            .filter(|l| l.starts_with("rebuilt after") && l.ends_with(what))
            .count()
    };
    let (incremental, full) = (count("(incremental)"), count("(full)"));
    let modes = if incremental + full > 0 {
        format!("{incremental} incremental, {full} full")
    } else {
        format!(
            "{} rebuilds",
            log.lines().filter(|l| l.starts_with("rebuilt after")).count()
        )
    };
    drop(events);
    drop(serve);
    Ok(Row {
        projects: records.len(),
        first_build_ms,
        latencies,
        extra_events,
        modes,
    })
}

fn project_records(dir: &Path) -> Vec<PathBuf> {
    let projects = dir.join("content/projects");
    let mut records: Vec<PathBuf> = std::fs::read_dir(&projects)
        .unwrap_or_else(|e| panic!("{}: {e}", projects.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    records.sort();
    records
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Nearest-rank percentile of `values` (`q` in (0, 1]).
fn percentile(values: &[f64], q: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// GET over a fresh connection; the body as text (fails unless 200).
fn get(addr: SocketAddr, path: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect_timeout(&addr, HTTP_TIMEOUT).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(HTTP_TIMEOUT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).map_err(|e| format!("GET {path}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if !text.starts_with("HTTP/1.1 200") {
        return Err(format!("GET {path}: {}", text.lines().next().unwrap_or("")));
    }
    Ok(text)
}

/// The event stream; a thread turns `data:` lines into versions.
struct Events {
    rx: Receiver<u64>,
    stream: TcpStream,
}

impl Events {
    fn connect(addr: SocketAddr, path: &str) -> Result<Events, String> {
        let stream = TcpStream::connect_timeout(&addr, HTTP_TIMEOUT).map_err(|e| e.to_string())?;
        (&stream)
            .write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n").as_bytes())
            .map_err(|e| e.to_string())?;
        let reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Chunk-size lines and keep-alive comments never start with `data:`; each event
            // arrives in one chunk.
            for line in reader.lines() {
                let Ok(line) = line else { break };
                if let Some(v) = line.strip_prefix("data:").and_then(|v| v.trim().parse().ok()) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
            }
        });
        Ok(Events { rx, stream })
    }

    fn next(&mut self, timeout: Duration) -> Option<u64> {
        if timeout.is_zero() {
            return self.rx.try_recv().ok();
        }
        self.rx.recv_timeout(timeout).ok()
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}
