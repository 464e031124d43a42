//! The HTTP server under serve, with its own accept loop so that no client can hold it: a
//! connection has [`HEADER_READ_TIMEOUT`] to send a request's headers (an idle keep-alive
//! connection, waiting for its next request, gets as long), at most [`MAX_CONNECTIONS`] are
//! open at once (the rest wait in the kernel's backlog), and an accept that fails (out of file
//! descriptors, an aborted handshake) is survived. A response being sent, such as the
//! never-ending reload event stream, is not subject to any of these timeouts.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

/// How long a client has to send a request's headers, counted from the moment the server
/// waits for them: from the connection's start, or from the end of the previous response.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Open connections at most: well under the usual limit of 1,024 open files, leaving room for
/// the watcher and the rebuilds.
pub const MAX_CONNECTIONS: usize = 512;

/// Connections the kernel holds for serve while all slots are taken (the system may cap it
/// lower: `net.core.somaxconn`); past it, a client's connection attempt is retried by its
/// kernel after a second or more.
const BACKLOG: u32 = 1024;

/// How long the loop waits before accepting again after an accept failed for lack of resources.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// How long responses in flight may take to finish once the server stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// Listens on the first address `host` resolves to that can be bound, with a backlog of
/// [`BACKLOG`].
pub async fn bind(host: &str, port: u16) -> io::Result<TcpListener> {
    let mut last_error = None;
    for addr in tokio::net::lookup_host((host, port)).await? {
        match bind_one(addr) {
            Ok(listener) => return Ok(listener),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "it names no address")))
}

fn bind_one(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // As std and tokio do: a restarted serve may take the port back at once.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves `router` on `listener` until `shutdown` completes, then lets responses in flight
/// finish for at most [`SHUTDOWN_GRACE`] and drops the rest.
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    // Dropping the sender tells every connection to finish its response and close.
    let (stop_tx, stop_rx) = watch::channel(());
    let mut connections = JoinSet::new();
    let mut failures = AcceptFailures::default();
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        // A slot first: at the bound, new clients wait in the backlog, not in this process.
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_closed) => break,
            },
        };
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    failures.recovered();
                    stream
                }
                Err(e) if is_per_connection(&e) => continue,
                Err(e) => {
                    failures.report(&e);
                    tokio::select! {
                        () = &mut shutdown => break,
                        () = tokio::time::sleep(ACCEPT_BACKOFF) => continue,
                    }
                }
            },
        };
        connections.spawn(connection(stream, router.clone(), slot, stop_rx.clone()));
    }
    // New clients are refused from here on.
    drop(listener);
    drop(stop_tx);
    let finished = async { while connections.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, finished).await;
    // Dropping the set aborts the connections still open (reload streams, slow clients).
}

/// Serves one connection, holding its slot until it closes.
async fn connection(stream: TcpStream, router: Router, _slot: OwnedSemaphorePermit, mut stop: watch::Receiver<()>) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router));
    tokio::pin!(conn);
    // A connection's errors (a timeout, a client gone mid-response) concern that client only,
    // and a flood of them must not flood the terminal: they are not reported.
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stop.changed() => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// Errors that concern one connection only: the next accept is unaffected.
fn is_per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
    )
}

/// Says once when accepting starts to fail, and once when it works again, however many
/// attempts fail in between.
#[derive(Debug, Default)]
struct AcceptFailures {
    in_a_row: u64,
}

impl AcceptFailures {
    fn report(&mut self, e: &io::Error) {
        if self.in_a_row == 0 {
            eprintln!(
                "warning: cannot accept connections: {e}; serve keeps trying every {} ms (for too many open files, close some clients or raise the limit with `ulimit -n`)",
                ACCEPT_BACKOFF.as_millis()
            );
        }
        self.in_a_row += 1;
    }

    fn recovered(&mut self) {
        if self.in_a_row > 0 {
            eprintln!("accepting connections again after {} failed attempts", self.in_a_row);
            self.in_a_row = 0;
        }
    }
}
