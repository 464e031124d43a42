//! `dacibook serve [DIR]`: live preview while editing.

use crate::serve::{self, WatcherKind};
use std::path::PathBuf;

/// Arguments of `dacibook serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The book's folder (holding book.toml; default: the nearest one from the current folder
    /// upwards).
    pub dir: Option<PathBuf>,
    /// The address to listen on; 127.0.0.1 keeps the preview on this machine.
    #[arg(short = 'n', long, default_value = "127.0.0.1")]
    pub hostname: String,
    /// The port to listen on (0 picks a free one).
    #[arg(short, long, default_value_t = 3000)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// How to watch for changes: `poll` for WSL2, network drives and containers.
    #[arg(long, value_enum, default_value_t = WatcherKind::Native)]
    pub watcher: WatcherKind,
    /// Print the time of each phase of every rebuild.
    #[arg(long)]
    pub timings: bool,
}

/// Serves until Ctrl-C; returns the exit code.
pub fn run(args: &ServeArgs) -> i32 {
    let dir = match super::book_dir::find(args.dir.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    serve::run(serve::Options {
        root: dir,
        host: args.hostname.clone(),
        port: args.port,
        open: args.open,
        watcher: args.watcher,
        timings: args.timings,
    })
}
