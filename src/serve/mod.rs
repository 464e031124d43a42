//! `dacibook serve`: build into memory, serve over HTTP, rebuild on change, reload browsers.
//! It runs the same pipeline as `build`; only the sink differs (memory instead of disk).

mod browser;
mod http;
mod inject;
mod listen;
mod recover;
mod state;
mod watch;

pub use http::site_path;
pub use state::Shared;
pub use watch::{Watched, WatcherKind};

use crate::build;
use crate::config::BookConfig;
use crate::diagnostic::{self, Diagnostic, Format};
use crate::source::SourceFile;
use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long Ctrl-C waits for open connections to close before serve exits anyway.
const STOP_GRACE: Duration = Duration::from_millis(300);

/// How to run serve.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub host: String,
    pub port: u16,
    pub open: bool,
    pub watcher: WatcherKind,
    /// Print the time of each phase of every rebuild.
    pub timings: bool,
}

fn print_diagnostics(diagnostics: &[Diagnostic], sources: &[SourceFile]) {
    let text = diagnostic::render(diagnostics, sources, Format::Human, std::io::stderr().is_terminal());
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Publishes the session's current result; returns whether it built.
fn publish(session: &build::Session, shared: &Shared) -> bool {
    let built = &session.built;
    print_diagnostics(built.diagnostics(), &built.loaded.sources);
    match &built.site {
        Some(site) => {
            shared.publish_site(site.clone());
            true
        }
        None => {
            shared.publish_failure(built.diagnostics());
            false
        }
    }
}

/// Reads book.toml only (for the prefix, build dir and theme); a broken one gives defaults,
/// and the first build reports the problem.
fn read_config(root: &Path) -> anyhow::Result<BookConfig> {
    let path = root.join("book.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("{} is not a book: cannot read book.toml ({e})", root.display()))?;
    let file = SourceFile::new("book.toml", text);
    let mut config = BookConfig::parse(&file).unwrap_or_default();
    // The same paths as the loader's (`./content/` is `content`); a path outside the book is
    // reported by the first build.
    let _ = config.check_paths(&file, root);
    Ok(config)
}

/// Runs serve until Ctrl-C; returns the exit code.
pub fn run(options: Options) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(serve(options));
    // Tasks still running (connections not closed yet) end with the process.
    runtime.shutdown_timeout(STOP_GRACE);
    code
}

async fn serve(options: Options) -> i32 {
    // Absolute, so that watcher paths and the root compare.
    let root = options.root.canonicalize().unwrap_or_else(|_| options.root.clone());
    let config = match read_config(&root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 2;
        }
    };
    let shared = Arc::new(Shared::new(crate::render::paths::prefix_of(
        config.output.html.site_url.as_deref(),
    )));
    // Watching from before the first build: an edit saved while it runs, or just after the
    // address shows, is rebuilt (the changes wait in the channel until the loop starts).
    let (tx, rx) = mpsc::channel();
    let watched = Watched::of(&config);
    let watcher = match watch::watch(options.watcher, &watched.watch_list(&root), tx.clone()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e} (try --watcher poll)", root.display());
            return 2;
        }
    };
    let start = Instant::now();
    let session = match build::Session::start(&root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 2;
        }
    };
    if publish(&session, &shared) {
        eprintln!("built in {} ms", start.elapsed().as_millis());
    } else {
        eprintln!("the book has errors; serving them until they are fixed");
    }
    let listener = match listen::bind(&options.host, options.port).await {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!(
                "error: port {} on {} is already in use; choose another with --port (-p), e.g. `dacibook serve -p {}`",
                options.port,
                options.host,
                options.port.wrapping_add(1).max(1024)
            );
            return 2;
        }
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e}", options.host, options.port);
            return 2;
        }
    };
    let addr: SocketAddr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // Ctrl-C is caught from here on (the signal is registered now, not when first awaited):
    // pressed as soon as the address shows, it still stops serve cleanly.
    let ctrl_c = match interrupted() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot listen for Ctrl-C: {e}");
            return 2;
        }
    };
    let url = format!("http://{addr}{}", shared.prefix);
    println!("Serving {} at {url} (Ctrl-C to stop)", config.book.title);
    let _ = std::io::stdout().flush();

    let loop_shared = shared.clone();
    let watching = Watching {
        watched,
        watcher,
        kind: options.watcher,
        tx,
        timings: options.timings,
    };
    // The loop owns the watcher, to watch again folders that were made again; both end with
    // the process. It catches a panicking rebuild itself, so it never ends while serve runs.
    std::thread::spawn(move || rebuild_loop(session, watching, &loop_shared, &rx));
    if options.open {
        browser::open(&url);
    }
    let stopping = shared.clone();
    listen::serve(listener, http::router(shared), async move {
        ctrl_c.await;
        eprintln!("stopping");
        // Open reload streams would otherwise keep the graceful shutdown waiting; the accept
        // loop gives open responses a short grace, then drops them.
        stopping.stop();
    })
    .await;
    0
}

/// Resolves at the next Ctrl-C (SIGINT), which is caught from this call on.
fn interrupted() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    #[cfg(windows)]
    let mut signal = tokio::signal::windows::ctrl_c()?;
    Ok(async move {
        signal.recv().await;
    })
}

/// Waits for changes and rebuilds; several changes arriving together make one rebuild. A
/// rebuild that panics, or a watcher that fails, is shown and the loop goes on.
fn rebuild_loop(mut session: build::Session, watching: Watching, shared: &Shared, rx: &mpsc::Receiver<watch::Event>) {
    let Watching {
        watched,
        mut watcher,
        mut kind,
        tx,
        timings,
    } = watching;
    let root = session.root().to_path_buf();
    // After a crash the session may be half updated, and after a watcher failure a change may
    // have been missed: then the next rebuild builds the book afresh.
    let mut afresh = false;
    while let Ok(first) = rx.recv() {
        let mut changed = Vec::new();
        let mut failure = None;
        for event in std::iter::once(first).chain(rx.try_iter()) {
            match event {
                watch::Event::Changed(paths) => changed.extend(paths),
                watch::Event::Failed(why) => failure = Some(recover::watcher_failed(&why)),
            }
        }
        if let Some(d) = &failure {
            eprintln!("error[{}]: {}", d.code, d.message);
            afresh = true;
            if kind == WatcherKind::Native {
                match watch::watch(WatcherKind::Poll, &watched.watch_list(&root), tx.clone()) {
                    Ok(w) => (watcher, kind) = (w, WatcherKind::Poll),
                    Err(e) => eprintln!("error: cannot watch {} by polling either: {e}", root.display()),
                }
            }
        }
        // Before the rebuild reads the book, so that nothing written in between is missed.
        watcher.watch_again(&watched.to_watch_again(&root, &changed));
        changed.retain(|p| watched.is_relevant(p, &root));
        changed.sort();
        changed.dedup();
        if changed.is_empty() && !afresh {
            continue;
        }
        let start = Instant::now();
        let mut names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        if names.is_empty() {
            names.push("the watcher's failure".to_string());
        }
        let had_site = session.built.site.is_some();
        let updated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            recover::debug_panic_on(&changed);
            if afresh {
                build::Session::start(&root).map(|fresh| {
                    session = fresh;
                    build::Update::Full
                })
            } else {
                session.update(&changed)
            }
        }));
        let built = match updated {
            Ok(Ok(how)) => {
                afresh = false;
                let how = match how {
                    build::Update::Static => "copied",
                    build::Update::Incremental => "incremental",
                    build::Update::Full => "full",
                };
                let t = Instant::now();
                let ok = publish(&session, shared);
                if timings {
                    for (phase, d) in session.built.timings.iter().chain([("publish", t.elapsed())].iter()) {
                        eprintln!("  {phase:<12} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                    }
                }
                if ok {
                    eprintln!(
                        "rebuilt after {} in {} ms ({how})",
                        names.join(", "),
                        start.elapsed().as_millis()
                    );
                }
                ok
            }
            Ok(Err(e)) => {
                // A book that cannot be read (book.toml gone, a folder that cannot be listed):
                // said in the browser too, over the last good site, like a content error.
                eprintln!("error: {e:#}");
                shared.publish_failure(&[Diagnostic::error("io", format!("{e:#}"))]);
                false
            }
            Err(payload) => {
                let d = recover::crashed(payload.as_ref(), &names);
                eprintln!("error[{}]: {}", d.code, d.message);
                shared.publish_failure(&[d]);
                afresh = true;
                false
            }
        };
        if let Some(d) = failure {
            // Shown over whatever the rebuild published, until the next rebuild.
            let mut shown: Vec<Diagnostic> = session.built.diagnostics().to_vec();
            shown.insert(0, d);
            shared.publish_failure(&shown);
        }
        if !built {
            let serving = if had_site || shared.snapshot().site.is_some() {
                "still serving the last good site"
            } else {
                "the book has not built yet"
            };
            eprintln!("rebuild after {} failed; {serving}", names.join(", "));
        }
    }
}

/// What the rebuild loop watches with, and how.
struct Watching {
    watched: Watched,
    watcher: watch::Watcher,
    kind: WatcherKind,
    /// To hand to a polling watcher if the first one fails.
    tx: mpsc::Sender<watch::Event>,
    /// Print the time of each phase of every rebuild.
    timings: bool,
}
