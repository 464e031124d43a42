//! Helpers for the `dacibook serve` integration tests: the real binary as a child process
//! (killed on drop), a plain HTTP client, raw HTTP over a `TcpStream` for requests a client
//! would normalise, and a server-sent-events reader with timeouts.

// Each test uses a different part of this module.
#![allow(dead_code)]

use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_dacibook");

/// How long serve may take to print its address (it builds the book first).
pub const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a change may take to show up as a new version.
pub const EVENT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one HTTP exchange may take.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// A running `dacibook serve`; dropping it kills the process.
pub struct Server {
    child: Child,
    /// The line serve printed on stdout.
    pub banner: String,
    /// The full URL it printed, e.g. `http://127.0.0.1:4321/repo/`.
    pub url: String,
    pub addr: SocketAddr,
    /// The URL path the site is served under (`/` or `/repo/`).
    pub prefix: String,
    stderr: Arc<Mutex<String>>,
}

/// Where serve's stderr goes.
pub enum Stderr<'a> {
    /// Collected in memory (see [`Server::stderr`]).
    Capture,
    /// Appended to this file.
    File(&'a Path),
}

impl Server {
    /// `dacibook serve ROOT -p 0`, waiting (bounded) for the address it prints.
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, &[], Stderr::Capture)
    }

    pub fn start_with(root: &Path, extra_args: &[&str], stderr: Stderr) -> Server {
        let mut command = Command::new(BIN);
        command.arg("serve").arg(root).args(["-p", "0"]).args(extra_args);
        Server::start_command(command, stderr)
    }

    /// `dacibook serve ROOT -p 0` with its open-file soft limit set to `limit` (`ulimit -n`
    /// in bash, which then `exec`s serve, so the child is serve itself).
    #[cfg(unix)]
    pub fn start_with_file_limit(root: &Path, limit: u32) -> Server {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(format!("ulimit -S -n {limit} && exec \"$0\" serve \"$1\" -p 0"))
            .arg(BIN)
            .arg(root);
        Server::start_command(command, Stderr::Capture)
    }

    /// Runs `command` (a `dacibook serve` with its arguments, folder and environment set),
    /// waiting (bounded) for the address it prints.
    pub fn start_command(mut command: Command, stderr: Stderr) -> Server {
        command.stdin(Stdio::null()).stdout(Stdio::piped());
        match stderr {
            Stderr::Capture => command.stderr(Stdio::piped()),
            Stderr::File(path) => {
                let file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .expect("open the log file");
                command.stderr(Stdio::from(file))
            }
        };
        let mut child = command.spawn().expect("start dacibook serve");
        let collected = Arc::new(Mutex::new(String::new()));
        if let Some(err) = child.stderr.take() {
            let sink = collected.clone();
            std::thread::spawn(move || {
                // Always drained, so that serve never blocks on a full pipe.
                let mut reader = BufReader::new(err);
                let mut line = String::new();
                while matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
                    sink.lock().unwrap().push_str(&line);
                    line.clear();
                }
            });
        }
        let out = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(out);
            let mut line = String::new();
            while matches!(reader.read_line(&mut line), Ok(n) if n > 0) {
                let _ = tx.send(line.trim_end().to_string());
                line.clear();
            }
        });
        // From here on the guard owns the child: a panic below still kills it.
        let mut server = Server {
            child,
            banner: String::new(),
            url: String::new(),
            addr: "127.0.0.1:1".parse().unwrap(),
            prefix: String::new(),
            stderr: collected,
        };
        let banner = match rx.recv_timeout(START_TIMEOUT) {
            Ok(line) => line,
            Err(e) => panic!(
                "serve printed no address within {START_TIMEOUT:?} ({e}); exit status {:?}; stderr:\n{}",
                server.child.try_wait(),
                server.stderr()
            ),
        };
        let url = banner
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {banner:?}"))
            .to_string();
        let after = &url["http://".len()..];
        let slash = after.find('/').unwrap_or(after.len());
        server.addr = after[..slash].parse().unwrap_or_else(|e| panic!("{url}: {e}"));
        server.prefix = if slash == after.len() {
            "/".to_string()
        } else {
            after[slash..].to_string()
        };
        server.url = url;
        server.banner = banner;
        server
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything serve wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The absolute URL path of a site path (`projects/a.html` → `/repo/projects/a.html`).
    pub fn path(&self, site_path: &str) -> String {
        format!("{}{site_path}", self.prefix)
    }

    /// GETs a site path (below the prefix).
    pub fn get(&self, site_path: &str) -> Resp {
        self.get_abs(&self.path(site_path))
    }

    /// GETs an absolute URL path.
    pub fn get_abs(&self, path: &str) -> Resp {
        fetch(&agent(), "GET", &format!("http://{}{path}", self.addr))
    }

    /// Waits (bounded) for the process to exit on its own.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        wait_exit(&mut self.child, timeout)
    }

    /// Opens the reload-event stream of this server.
    pub fn events(&self) -> Events {
        Events::connect(self.addr, &self.path("__dacibook/events"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `child` until it exits or `timeout` passes.
pub fn wait_exit(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An HTTP response, body read in full.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    /// Lowercased names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.text())
    }
}

/// A client that reports every status as is and follows no redirect.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(HTTP_TIMEOUT))
        .build()
        .into()
}

pub fn fetch(agent: &ureq::Agent, method: &str, url: &str) -> Resp {
    let result = match method {
        "GET" => agent.get(url).call(),
        "HEAD" => agent.head(url).call(),
        other => panic!("unsupported method {other}"),
    };
    let mut response = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_ascii_lowercase(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("{method} {url}: reading the body: {e}"));
    Resp { status, headers, body }
}

/// Sends `METHOD TARGET HTTP/1.1` byte for byte (no client normalises the target) and reads
/// the whole response. The body is de-chunked; for HEAD it is whatever followed the headers.
pub fn raw(addr: SocketAddr, method: &str, target: &str) -> Resp {
    let mut stream = TcpStream::connect_timeout(&addr, HTTP_TIMEOUT).expect("connect");
    stream.set_read_timeout(Some(HTTP_TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(HTTP_TIMEOUT)).unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("{method} {target}: reading the response: {e}"));
    parse_response(&bytes).unwrap_or_else(|e| panic!("{method} {target}: {e}: {:?}", String::from_utf8_lossy(&bytes)))
}

fn parse_response(bytes: &[u8]) -> Result<Resp, String> {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&bytes[..end]).map_err(|e| e.to_string())?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("empty response")?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &bytes[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        let mut out = Vec::new();
        dechunk(&mut BufReader::new(rest), |c| out.extend_from_slice(c)).map_err(|e| e.to_string())?;
        out
    } else {
        rest.to_vec()
    };
    Ok(Resp { status, headers, body })
}

/// Reads a chunked body, handing each chunk to `sink`, until the last chunk or an error.
fn dechunk(reader: &mut impl BufRead, mut sink: impl FnMut(&[u8])) -> std::io::Result<()> {
    loop {
        let mut size_line = String::new();
        if reader.read_line(&mut size_line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let hex = size_line.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(hex, 16)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("chunk size {size_line:?}")))?;
        if size == 0 {
            return Ok(());
        }
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk)?;
        sink(&chunk[..size]);
    }
}

/// One server-sent-events connection; a thread parses `data:` lines into versions.
pub struct Events {
    rx: Receiver<u64>,
    stream: TcpStream,
    pub status: u16,
    pub content_type: String,
    /// The version sent at connect.
    pub initial: u64,
    /// The last version seen.
    pub last: u64,
}

impl Events {
    /// Connects, checks nothing, and waits (bounded) for the version sent at connect.
    pub fn connect(addr: SocketAddr, path: &str) -> Events {
        let stream = TcpStream::connect_timeout(&addr, HTTP_TIMEOUT).expect("connect for events");
        stream.set_read_timeout(Some(HTTP_TIMEOUT)).unwrap();
        (&stream)
            .write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n").as_bytes())
            .expect("send the events request");
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).expect("read the events response headers");
            assert!(n > 0, "the events connection closed before its headers ended");
            if line == "\r\n" {
                break;
            }
            head.push(line.trim_end().to_string());
        }
        let status = head
            .first()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let header = |name: &str| {
            head.iter()
                .skip(1)
                .filter_map(|l| l.split_once(':'))
                .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        let content_type = header("content-type");
        let chunked = header("transfer-encoding").eq_ignore_ascii_case("chunked");
        // The reader thread waits as long as the stream lives; dropping `Events` shuts it down.
        stream.set_read_timeout(None).unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut pending = String::new();
            let mut feed = |bytes: &[u8]| {
                pending.push_str(&String::from_utf8_lossy(bytes));
                while let Some(i) = pending.find('\n') {
                    let line: String = pending.drain(..=i).collect();
                    if let Some(v) = line.trim_end().strip_prefix("data:") {
                        if let Ok(v) = v.trim().parse::<u64>() {
                            let _ = tx.send(v);
                        }
                    }
                }
            };
            if chunked {
                let _ = dechunk(&mut reader, feed);
            } else {
                let mut buf = [0; 4096];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    feed(&buf[..n]);
                }
            }
        });
        let mut events = Events {
            rx,
            stream,
            status,
            content_type,
            initial: 0,
            last: 0,
        };
        if status == 200 {
            let first = events
                .next(EVENT_TIMEOUT)
                .unwrap_or_else(|| panic!("no version at connect to {path} within {EVENT_TIMEOUT:?}"));
            events.initial = first;
        }
        events
    }

    /// The next version, or `None` after `timeout` (or when the stream ended).
    pub fn next(&mut self, timeout: Duration) -> Option<u64> {
        match self.rx.recv_timeout(timeout) {
            Ok(v) => {
                self.last = v;
                Some(v)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits for new versions, calling `check` after each, until it passes; fails after
    /// [`EVENT_TIMEOUT`] with the versions seen and the last reason `check` gave. Each new
    /// version must be greater than the one before.
    pub fn until<T>(&mut self, what: &str, mut check: impl FnMut(u64) -> Result<T, String>) -> T {
        let deadline = Instant::now() + EVENT_TIMEOUT;
        let mut seen = Vec::new();
        let mut why = "no new version arrived".to_string();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let before = self.last.max(self.initial);
            let Some(v) = self.next(left) else {
                panic!(
                    "{what}: not within {EVENT_TIMEOUT:?}; versions seen after {before}: {seen:?}; last check: {why}"
                );
            };
            assert!(v > before, "{what}: version {v} after {before}; versions go up");
            seen.push(v);
            match check(v) {
                Ok(t) => return t,
                Err(e) => why = e,
            }
        }
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

/// The site a book builds to, built in this process (the same pipeline serve runs).
pub fn built_site(root: &Path) -> BTreeMap<String, dacibook::site::Bytes> {
    let built = dacibook::build::build_in_memory(root).expect("the build runs");
    let diags = crate::common::dump(built.diagnostics());
    built
        .site
        .unwrap_or_else(|| panic!("{} does not build:\n{diags}", root.display()))
        .files
}

/// The HTML pages of a built site (their site paths), sorted.
pub fn html_pages(site: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    site.keys().filter(|k| k.ends_with(".html")).cloned().collect()
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&selector).collect()
}

/// The text of every element matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(|e| e.text().collect::<String>()).collect()
}

/// The page's `<h1>` text.
pub fn h1(doc: &Html) -> String {
    texts(doc, "h1")
        .into_iter()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// A served page with what serve injects (the overlay, then the reload script, just before
/// `</body>`) taken out again; `None` when nothing was injected.
pub fn strip_injected(served: &str) -> Option<String> {
    let script = served.rfind("<script data-dacibook-reload>")?;
    let start = served[..script].rfind("<div id=\"dacibook-overlay\"").unwrap_or(script);
    let end = script + served[script..].find("</script>")? + "</script>".len();
    Some(format!("{}{}", &served[..start], &served[end..]))
}

/// The URL the reload script opens its `EventSource` on, as written in the page.
pub fn event_source_url(doc: &Html) -> String {
    let scripts = texts(doc, "script[data-dacibook-reload]");
    assert_eq!(scripts.len(), 1, "exactly one reload script");
    let after = scripts[0]
        .split_once("new EventSource(")
        .unwrap_or_else(|| panic!("no EventSource in {:?}", scripts[0]))
        .1;
    let value = serde_json::Deserializer::from_str(after)
        .into_iter::<serde_json::Value>()
        .next()
        .expect("a JSON string after EventSource(")
        .expect("a JSON string after EventSource(");
    value.as_str().expect("a string").to_string()
}

/// The version the reload script was given (`var v=N`).
pub fn script_version(doc: &Html) -> u64 {
    let scripts = texts(doc, "script[data-dacibook-reload]");
    let after = scripts[0].split_once("var v=").expect("var v=").1;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().expect("a version number")
}

/// Resolves `reference` against the absolute URL path `base` the way a browser does for a
/// path-only reference (no scheme or authority).
pub fn resolve(base: &str, reference: &str) -> String {
    let joined = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = &base[..=base.rfind('/').expect("an absolute base path")];
        format!("{dir}{reference}")
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = joined.split('/').skip(1).collect();
    for (i, s) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *s {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

#[test]
fn resolve_follows_the_url_standard_for_paths() {
    assert_eq!(resolve("/repo/", "__dacibook/events"), "/repo/__dacibook/events");
    assert_eq!(
        resolve("/repo/projects/a.html", "../__dacibook/events"),
        "/repo/__dacibook/events"
    );
    assert_eq!(resolve("/a/b/c", "../../x"), "/x");
    assert_eq!(resolve("/a/", "../../x"), "/x");
    assert_eq!(resolve("/a/b", "/abs"), "/abs");
    assert_eq!(resolve("/a/b/", ".."), "/a/");
    assert_eq!(resolve("/a/b/c.html", "./x"), "/a/b/x");
}
