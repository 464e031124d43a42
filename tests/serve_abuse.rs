//! `dacibook serve` under abuse (issue 17): clients that never finish a request, idle
//! keep-alive connections, floods of connections past the connection bound and past the
//! open-file limit. The real binary on 127.0.0.1, raw sockets; every loop is bounded in count
//! and time, and every server is killed on drop.

mod common;
mod serve_support;

use common::Book;
use serve_support::*;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// How long serve gives a client to send its request headers, or to send its next request on
/// an idle keep-alive connection (the README says so).
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// How many connections serve holds open at once (the README says so).
const MAX_CONNECTIONS: usize = 512;
/// How early or late a timeout may fire and still count as that timeout.
const SLACK: Duration = Duration::from_millis(2500);
/// How long a request to a server that is not busy may take.
const PROMPT: Duration = Duration::from_secs(2);

const READING_DEPTH_PATH: &str = "content/projects/reading-depth.yaml";

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, HTTP_TIMEOUT).expect("connect");
    stream.set_write_timeout(Some(HTTP_TIMEOUT)).unwrap();
    stream
}

/// Reads (and keeps) whatever arrives until the server closes `stream`; returns the bytes and
/// how long after `since` it closed, or `None` if it is still open at `since + limit`.
fn wait_closed(stream: &mut TcpStream, since: Instant, limit: Duration) -> (Vec<u8>, Option<Duration>) {
    let deadline = since + limit;
    let mut bytes = Vec::new();
    let mut buf = [0; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (bytes, None);
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return (bytes, Some(since.elapsed())),
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) => {}
            Err(_reset) => return (bytes, Some(since.elapsed())),
        }
    }
}

/// `GET path` on a connection of its own (`Connection: close`), waiting at most `limit` for
/// the whole answer; its status and how long it took.
fn get_within(addr: SocketAddr, path: &str, limit: Duration) -> Result<(u16, Duration), String> {
    let start = Instant::now();
    let mut stream = TcpStream::connect_timeout(&addr, limit).map_err(|e| format!("connect: {e}"))?;
    stream.set_write_timeout(Some(limit)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("send: {e}"))?;
    let (bytes, closed) = wait_closed(&mut stream, start, limit);
    let text = String::from_utf8_lossy(&bytes);
    if closed.is_none() {
        return Err(format!(
            "no full answer within {limit:?}; got {} bytes: {:?}",
            bytes.len(),
            &text[..text.len().min(200)]
        ));
    }
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("no status line in {:?}", &text[..text.len().min(200)]))?;
    Ok((status, start.elapsed()))
}

/// Asserts that a normal request answers 200 at once, `times` times in a row.
fn assert_answers_promptly(server: &Server, times: usize) {
    for i in 0..times {
        match get_within(server.addr, &server.path(""), PROMPT) {
            Ok((200, _)) => {}
            other => panic!(
                "request {i}: {other:?} (wanted 200 within {PROMPT:?}); stderr:\n{}",
                server.stderr()
            ),
        }
    }
}

/// Reads one response with a `Content-Length` off a keep-alive connection.
fn read_one_response(stream: &mut TcpStream) -> String {
    stream.set_read_timeout(Some(HTTP_TIMEOUT)).unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0; 4096];
    let mut need = None;
    for _ in 0..10_000 {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .unwrap_or_else(|| panic!("no content-length in {head:?}"))
                .trim()
                .parse()
                .expect("a number");
            need = Some(end + 4 + length);
        }
        if need.is_some_and(|n| bytes.len() >= n) {
            return String::from_utf8_lossy(&bytes).into_owned();
        }
        let n = stream.read(&mut buf).expect("read the response");
        assert!(
            n > 0,
            "the connection closed mid-response: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        bytes.extend_from_slice(&buf[..n]);
    }
    panic!("the response never ended");
}

/// The sockets serve has open, its listener included (Linux: from /proc).
#[cfg(target_os = "linux")]
fn open_sockets(pid: u32) -> usize {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).expect("list serve's open files");
    fds.filter_map(Result::ok)
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with("socket:"))
        .count()
}

/// Opens `count` connections that send nothing; each must connect.
fn flood(addr: SocketAddr, count: usize) -> Vec<TcpStream> {
    (0..count)
        .map(|i| {
            TcpStream::connect_timeout(&addr, HTTP_TIMEOUT)
                .unwrap_or_else(|e| panic!("connection {i} of the flood: {e}"))
        })
        .collect()
}

#[test]
fn a_half_sent_request_is_closed_within_the_header_timeout_while_others_are_answered() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut half = connect(server.addr);
    half.write_all(b"GET /ind").expect("send half a request line");
    let sent = Instant::now();
    assert_answers_promptly(&server, 3);
    let (bytes, closed) = wait_closed(&mut half, sent, HEADER_TIMEOUT + SLACK);
    let closed = closed.unwrap_or_else(|| {
        panic!(
            "a client that sent half a request line is still connected after {:?}",
            HEADER_TIMEOUT + SLACK
        )
    });
    assert!(
        closed + SLACK > HEADER_TIMEOUT,
        "closed after {closed:?}, well before the header timeout"
    );
    assert!(
        bytes.is_empty(),
        "closed with an answer: {:?}",
        String::from_utf8_lossy(&bytes)
    );
    assert_answers_promptly(&server, 3);
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut stream = connect(server.addr);
    let request = format!("GET {} HTTP/1.1\r\nHost: {}\r\n\r\n", server.path(""), server.addr);
    // Two requests on the one connection: it is kept alive.
    for i in 0..2 {
        stream.write_all(request.as_bytes()).expect("send a request");
        let response = read_one_response(&mut stream);
        assert!(response.starts_with("HTTP/1.1 200 "), "request {i}: {response:?}");
    }
    let idle_from = Instant::now();
    let (bytes, closed) = wait_closed(&mut stream, idle_from, HEADER_TIMEOUT + SLACK);
    let closed = closed.unwrap_or_else(|| {
        panic!(
            "an idle keep-alive connection is still open after {:?}",
            HEADER_TIMEOUT + SLACK
        )
    });
    assert!(
        closed + SLACK > HEADER_TIMEOUT,
        "closed after {closed:?} of idleness, well before the timeout"
    );
    assert!(
        bytes.is_empty(),
        "unasked-for bytes: {:?}",
        String::from_utf8_lossy(&bytes)
    );
}

/// A client that sends its headers a few bytes at a time, finishing well within the timeout.
#[test]
fn a_slow_client_that_finishes_its_headers_in_time_is_answered() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut stream = connect(server.addr);
    let request = format!("GET {} HTTP/1.1\r\nHost: {}\r\n\r\n", server.path(""), server.addr);
    let pieces: Vec<&[u8]> = request.as_bytes().chunks(request.len().div_ceil(10)).collect();
    let start = Instant::now();
    for piece in &pieces {
        stream.write_all(piece).expect("send a piece of the request");
        std::thread::sleep(Duration::from_millis(300));
    }
    assert!(
        start.elapsed() < HEADER_TIMEOUT - SLACK / 2,
        "the test sent its request too slowly"
    );
    let response = read_one_response(&mut stream);
    assert!(response.starts_with("HTTP/1.1 200 "), "{response:?}");
}

/// The timeout counts from the end of each response, not from the connection's start: a
/// connection used every few seconds stays open longer than the timeout.
#[test]
fn a_keep_alive_connection_used_every_few_seconds_stays_open() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut stream = connect(server.addr);
    let request = format!("GET {} HTTP/1.1\r\nHost: {}\r\n\r\n", server.path(""), server.addr);
    let pause = HEADER_TIMEOUT - SLACK;
    let start = Instant::now();
    for i in 0..4 {
        if i > 0 {
            std::thread::sleep(pause);
        }
        stream.write_all(request.as_bytes()).expect("send a request");
        let response = read_one_response(&mut stream);
        assert!(response.starts_with("HTTP/1.1 200 "), "request {i}: {response:?}");
    }
    assert!(
        start.elapsed() > HEADER_TIMEOUT,
        "the connection lived {:?}",
        start.elapsed()
    );
}

#[test]
fn the_reload_stream_stays_open_past_the_header_timeout() {
    let book = Book::valid();
    let server = Server::start(book.root());
    let mut events = server.events();
    assert_eq!(events.status, 200);
    std::thread::sleep(HEADER_TIMEOUT + SLACK);
    book.patch(
        READING_DEPTH_PATH,
        "title: Reading depth\n",
        "title: Reading depth, later\n",
    );
    events.until("a new version on a stream open past the header timeout", |_| {
        let page = server.get("projects/reading-depth.html");
        match h1(&page.html()).as_str() {
            "Reading depth, later" => Ok(()),
            other => Err(format!("the page still says {other:?}")),
        }
    });
}

/// 1,100 idle connections, more than the bound and than serve's open-file limit of 1,024: serve
/// holds exactly `MAX_CONNECTIONS` of them, the rest wait in the kernel's backlog, and each
/// batch is closed after the header timeout. A normal request made while the flood stays open
/// waits its turn behind the flood (two batches here), is answered, and once the flood is gone
/// every request answers at once.
#[cfg(target_os = "linux")]
#[test]
fn a_flood_past_the_connection_bound_is_held_to_the_bound_and_outlived() {
    const FLOOD: usize = 1_100;
    let book = Book::valid();
    let mut server = Server::start_with_file_limit(book.root(), 1024);
    // Once a request is answered, serve is in its accept loop and has all its own sockets:
    // the listener, and tokio's socket pair for signals.
    assert_answers_promptly(&server, 1);
    // The connection of that request closes on the server's side a moment later: wait (bounded)
    // for the count of serve's own sockets to settle before taking it as the baseline.
    let mut idle_sockets = open_sockets(server.pid());
    let settle = Instant::now();
    while settle.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(250));
        let now = open_sockets(server.pid());
        if now == idle_sockets {
            break;
        }
        idle_sockets = now;
    }
    let flood_started = Instant::now();
    let held = flood(server.addr, FLOOD);
    // Accepting up to the bound is quick (on a busy machine it may take a moment); the first
    // batch times out only after HEADER_TIMEOUT. Serve never holds more than the bound.
    let mut held_now = 0;
    while flood_started.elapsed() < HEADER_TIMEOUT - Duration::from_millis(500) {
        std::thread::sleep(Duration::from_millis(100));
        held_now = open_sockets(server.pid()) - idle_sockets;
        assert!(
            held_now <= MAX_CONNECTIONS,
            "serve holds {held_now} connections, over the bound"
        );
        if held_now == MAX_CONNECTIONS {
            break;
        }
    }
    assert_eq!(
        held_now,
        MAX_CONNECTIONS,
        "serve should hold exactly the bound of connections ({idle_sockets} sockets before), within {:?}",
        flood_started.elapsed()
    );
    let batches = FLOOD.div_ceil(MAX_CONNECTIONS) as u32;
    let limit = HEADER_TIMEOUT * batches + SLACK;
    match get_within(server.addr, &server.path(""), limit) {
        Ok((200, _)) => {}
        other => panic!(
            "a request behind the flood: {other:?} (wanted 200 within {limit:?}); stderr:\n{}",
            server.stderr()
        ),
    }
    drop(held);
    assert_answers_promptly(&server, 20);
    assert!(server.wait_exit(Duration::ZERO).is_none(), "serve exited");
}

/// Serve under an open-file limit of 128 and 200 connections at once: accepting fails with
/// "too many open files", which serve says once, and it keeps trying until the held
/// connections time out; then the rest of the flood and a normal request are served.
#[cfg(target_os = "linux")]
#[test]
fn a_flood_past_the_open_file_limit_is_survived() {
    const FLOOD: usize = 200;
    let book = Book::valid();
    let mut server = Server::start_with_file_limit(book.root(), 128);
    assert_answers_promptly(&server, 1);
    let held = flood(server.addr, FLOOD);
    let limit = HEADER_TIMEOUT * 2 + SLACK;
    match get_within(server.addr, &server.path(""), limit) {
        Ok((200, _)) => {}
        other => panic!(
            "a request behind the flood: {other:?} (wanted 200 within {limit:?}); stderr:\n{}",
            server.stderr()
        ),
    }
    drop(held);
    assert_answers_promptly(&server, 20);
    assert!(server.wait_exit(Duration::ZERO).is_none(), "serve exited");
    let stderr = server.stderr();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: cannot accept"))
        .collect();
    assert_eq!(
        warnings.first().copied(),
        Some("warning: cannot accept connections: Too many open files (os error 24); serve keeps trying every 100 ms (for too many open files, close some clients or raise the limit with `ulimit -n`)"),
        "stderr:\n{stderr}"
    );
    // Said once per run of failures, not once per attempt (one every 100 ms for seconds).
    let recovered: Vec<u64> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("accepting connections again after "))
        .filter_map(|l| l.strip_suffix(" failed attempts"))
        .map(|n| n.parse().expect("a count"))
        .collect();
    assert_eq!(warnings.len(), recovered.len(), "stderr:\n{stderr}");
    assert!(
        recovered.iter().sum::<u64>() >= 10 * warnings.len() as u64,
        "it should have retried many times for each warning; stderr:\n{stderr}"
    );
}

/// Ctrl-C stops serve within a second or two, though clients hold connections open without
/// finishing a request and a browser keeps the reload stream open.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_serve_promptly_while_connections_are_held() {
    let book = Book::valid();
    let mut server = Server::start(book.root());
    let _events = server.events();
    let mut held = flood(server.addr, 50);
    for stream in &mut held {
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
            .expect("send part of a request");
    }
    let ok = std::process::Command::new("kill")
        .args(["-INT", &server.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(ok.success());
    let limit = Duration::from_secs(3);
    let status = server.wait_exit(limit);
    assert!(
        status.is_some(),
        "serve did not stop within {limit:?} of Ctrl-C; stderr:\n{}",
        server.stderr()
    );
    assert_eq!(status.and_then(|s| s.code()), Some(0));
}
