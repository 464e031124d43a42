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

#[path = "support/serve_reload.rs"]
mod serve_reload;

use serve_reload::run_book;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// Serve builds the book before it prints its address; a large book in a slow build takes a while.
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

/// Nearest-rank percentile of `values` (`q` in (0, 1]).
fn percentile(values: &[f64], q: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}
