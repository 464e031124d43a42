//! Shared by the `reload` and `scale` benchmarks: start `dacibook serve` on a book, open its
//! event stream, edit one record again and again, and time each write to the `data:` event
//! that tells browsers to reload, checking over HTTP that the page shows the edit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

pub const START_TIMEOUT: Duration = Duration::from_secs(180);
pub const EVENT_TIMEOUT: Duration = Duration::from_secs(60);
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The word toggled in the title.
pub const WORD: &str = " Revised";

/// What one book measured.
pub struct Row {
    pub projects: usize,
    pub first_build_ms: String,
    pub latencies: Vec<f64>,
    pub extra_events: usize,
    pub modes: String,
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

/// Serves the book in `dir` with `bin` and times `rounds` edits of its first record.
pub fn run_book(bin: &Path, dir: &Path, rounds: usize) -> Result<Row, String> {
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
        // The heading may carry attributes (`<h1 dir="auto">`): match its text and end.
        let want = format!(">{}</h1>", escaped(&title));
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

fn escaped(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
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
