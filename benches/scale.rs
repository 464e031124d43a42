//! Speed at scale (issue 7): full build time, peak memory and output size for generated books of
//! 100, 1,000 and 10,000 projects; the rebuild after a record edit in `serve`; and 1,000 Markdown
//! pages built by dacibook next to mdBook, in one run, each figure against its target.
//!
//!     cargo bench --bench scale
//!
//! `cargo bench` builds the release binary first; the benchmark runs it (or `DACIBOOK_BIN`). The
//! books are written by the `corpus` example, which the benchmark builds with
//! `cargo build --profile bench --example corpus`. mdBook is installed from crates.io on the first run
//! with `cargo install mdbook --version 0.5.4 --locked --root target/bench-tools` (falling back to
//! the newest 0.5.x, then 0.4.x; `MDBOOK_BIN` names another binary). A first run takes about ten
//! minutes with mdBook's install, later ones a few.
//!
//! Settings (environment variables):
//! - `SCALE_SIZES`: numbers of projects, default `100,1000,10000`; `SCALE_FIELDS`: fields per
//!   project, default 25;
//! - `SCALE_ROUNDS`: builds per size up to 1,000 projects (default 3); `SCALE_BIG_ROUNDS`: builds
//!   per larger size (default 2);
//! - `SCALE_RELOAD_ROUNDS`: record edits timed in `serve` at 1,000 projects (default 10);
//! - `SCALE_PAGES`: Markdown pages (default 1000); `SCALE_MD_ROUNDS`: builds of them by each tool
//!   (default 3);
//! - `SCALE_SKIP`: comma-separated parts to leave out: `projects`, `reload`, `markdown`, `mdbook`,
//!   `registry` (1,000 projects naming 200 schemas of a generated registry, `dacibook check` timed).
//!
//! Builds are clean ones: the output folder is deleted before each, outside the timing. The
//! Markdown pages are also built again over the previous output, by both tools, as when
//! building after an edit (dacibook then links the unchanged files instead of writing them).
//! Times are wall-clock medians; peak memory is the child's maximum resident set size, from
//! `/usr/bin/time -f %M` (or, without it, sampled from `/proc/<pid>/status` every 5 ms).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "support/serve_reload.rs"]
mod serve_reload;

#[path = "support/scale_markdown.rs"]
mod scale_markdown;
#[path = "support/scale_meter.rs"]
mod scale_meter;
#[path = "support/scale_registry.rs"]
mod scale_registry;
#[path = "support/scale_report.rs"]
mod scale_report;

use scale_markdown::*;
use scale_meter::*;
use scale_registry::*;
use scale_report::*;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// The project count the targets are stated for.
const REFERENCE: usize = 1000;
const MDBOOK_VERSIONS: &[&str] = &["0.5.4", "^0.5", "^0.4"];

fn main() {
    let cfg = Config::from_env();
    let machine = Machine::read();
    let load_at_start = Machine::load();
    eprintln!("machine: {}; load average {load_at_start}", machine.describe());
    let bin = dacibook_bin();
    eprintln!("dacibook binary: {}", bin.display());
    let corpus = corpus_bin();
    let meter = Meter::detect();
    eprintln!("peak memory from: {}", meter.describe());
    let work = tempfile::tempdir().expect("a temporary folder");
    let ctx = Ctx {
        bin,
        corpus,
        meter,
        work: work.path().to_path_buf(),
    };

    let mut sizes: Vec<SizeResult> = Vec::new();
    if !cfg.skips("projects") {
        for &n in &cfg.sizes {
            let rounds = if n > REFERENCE { cfg.big_rounds } else { cfg.rounds };
            eprintln!("\n== {n} projects of {} fields, {rounds} build(s)", cfg.fields);
            match run_size(&ctx, n, cfg.fields, rounds) {
                Ok(r) => sizes.push(r),
                Err(e) => eprintln!("error: {n} projects: {e}"),
            }
        }
    }

    let reload = if cfg.skips("reload") {
        None
    } else {
        eprintln!("\n== rebuild after a record edit in serve, {REFERENCE} projects");
        Some(run_reload(&ctx, cfg.fields, cfg.reload_rounds))
    };
    if let Some(Err(e)) = &reload {
        eprintln!("error: reload: {e}");
    }

    let markdown = if cfg.skips("markdown") {
        None
    } else {
        eprintln!("\n== {} Markdown pages", cfg.pages);
        Some(run_markdown(&ctx, &cfg))
    };
    if let Some(Err(e)) = &markdown {
        eprintln!("error: markdown: {e}");
    }

    let registry = if cfg.skips("registry") {
        None
    } else {
        eprintln!("\n== {REFERENCE} projects naming {SCHEMAS} registry schemas, dacibook check");
        Some(run_registry(&ctx, REFERENCE, cfg.fields, cfg.rounds))
    };
    if let Some(Err(e)) = &registry {
        eprintln!("error: registry: {e}");
    }

    print_details(&sizes, &reload, &markdown);
    print_table(&machine, &load_at_start, &cfg, &sizes, &reload, &markdown, &registry);
}

// ---------------------------------------------------------------------------------------------
// Settings, binaries, the machine

struct Config {
    sizes: Vec<usize>,
    fields: usize,
    rounds: usize,
    big_rounds: usize,
    reload_rounds: usize,
    pages: usize,
    md_rounds: usize,
    skip: Vec<String>,
}

impl Config {
    fn from_env() -> Config {
        let sizes = std::env::var("SCALE_SIZES")
            .ok()
            .map(|v| {
                v.split([',', ' '])
                    .filter_map(|s| s.trim().replace('_', "").parse().ok())
                    .collect::<Vec<usize>>()
            })
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| vec![100, 1000, 10000]);
        Config {
            sizes,
            fields: env_number("SCALE_FIELDS", 25),
            rounds: env_number("SCALE_ROUNDS", 3).max(1),
            big_rounds: env_number("SCALE_BIG_ROUNDS", 2).max(1),
            reload_rounds: env_number("SCALE_RELOAD_ROUNDS", 10).max(1),
            pages: env_number("SCALE_PAGES", 1000).max(1),
            md_rounds: env_number("SCALE_MD_ROUNDS", 3).max(1),
            skip: std::env::var("SCALE_SKIP")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    fn skips(&self, part: &str) -> bool {
        self.skip.iter().any(|s| s == part)
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(MANIFEST_DIR).join("target"))
}

fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `DACIBOOK_BIN`, else the binary cargo built for this benchmark (release under `cargo bench`),
/// else `target/release/dacibook`, built when missing.
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
    if !p.is_file() {
        let status = Command::new(cargo())
            .args(["build", "--release", "--bin", "dacibook"])
            .current_dir(MANIFEST_DIR)
            .status()
            .expect("run cargo");
        assert!(status.success(), "building dacibook failed");
    }
    p
}

/// The `corpus` example, rebuilt so it matches the sources (cargo does nothing when it does).
/// The `bench` profile (written to target/release like `--release`) shares the library that
/// `cargo bench` has just built, so nothing is compiled twice.
/// When the build fails (the library mid-edit), an existing binary is used with a warning.
fn corpus_bin() -> PathBuf {
    let p = target_dir().join("release/examples/corpus");
    let status = Command::new(cargo())
        .args(["build", "--profile", "bench", "--example", "corpus"])
        .current_dir(MANIFEST_DIR)
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        assert!(p.is_file(), "building the corpus example failed");
        eprintln!(
            "warning: building the corpus example failed; using the existing {}",
            p.display()
        );
    }
    p
}

struct Machine {
    cpus: usize,
    model: String,
    memory: String,
}

impl Machine {
    fn read() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let model = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .and_then(|r| r.split_once(':'))
                    .map(|(_, m)| m.trim())
            })
            .unwrap_or("unknown CPU")
            .to_string();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|r| r.split_whitespace().next()?.parse::<f64>().ok())
            .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
            .unwrap_or_else(|| "unknown".into());
        let cpus = Command::new("nproc")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
            .unwrap_or(0);
        Machine { cpus, model, memory }
    }

    fn describe(&self) -> String {
        format!("{} CPUs (nproc), {}, {} RAM", self.cpus, self.model, self.memory)
    }

    /// The 1, 5 and 15 minute load averages: other work on the machine slows every figure.
    fn load() -> String {
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".into())
    }
}

struct Ctx {
    bin: PathBuf,
    corpus: PathBuf,
    meter: Meter,
    work: PathBuf,
}

impl Ctx {
    /// Writes a book with the corpus example; returns the time it took.
    fn generate(&self, dest: &Path, projects: usize, fields: usize, pages: usize) -> Result<f64, String> {
        self.generate_with(dest, projects, fields, pages, 0)
    }

    /// As `generate`, the records naming `schemas` schemas of a generated registry (0: inline).
    fn generate_with(
        &self,
        dest: &Path,
        projects: usize,
        fields: usize,
        pages: usize,
        schemas: usize,
    ) -> Result<f64, String> {
        let t = Instant::now();
        let out = Command::new(&self.corpus)
            .args(["--projects", &projects.to_string(), "--fields", &fields.to_string()])
            .args(["--registry", &schemas.to_string()])
            .args(["--pages", &pages.to_string(), "--out"])
            .arg(dest)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.corpus.display()))?;
        if !out.status.success() {
            return Err(format!(
                "the corpus example failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(t.elapsed().as_secs_f64())
    }

    /// `dacibook build <book> -d <dest> --timings`, into a fresh folder.
    fn build(&self, book: &Path, dest: &Path) -> Result<Run, String> {
        let _ = std::fs::remove_dir_all(dest);
        self.build_again(book, dest)
    }

    /// `dacibook build <book> -d <dest> --timings`, over the output of a previous build.
    fn build_again(&self, book: &Path, dest: &Path) -> Result<Run, String> {
        let args: Vec<OsString> = vec![
            "build".into(),
            book.into(),
            "-d".into(),
            dest.into(),
            "--timings".into(),
        ];
        let run = self.meter.run(&self.bin, &args, &self.work)?;
        if !run.ok {
            return Err(format!("dacibook build failed:\n{}", run.stderr));
        }
        Ok(run)
    }
}

// ---------------------------------------------------------------------------------------------
// Full builds of N projects

struct SizeResult {
    projects: usize,
    generate_secs: f64,
    times: Vec<f64>,
    peak_kb: Option<u64>,
    phases: Vec<(String, f64)>,
    files: Option<(usize, u64)>,
    /// `projects/<id>.html` → bytes, from the last build.
    pages: BTreeMap<String, u64>,
}

fn run_size(ctx: &Ctx, n: usize, fields: usize, rounds: usize) -> Result<SizeResult, String> {
    let book = ctx.work.join(format!("projects-{n}"));
    let site = ctx.work.join(format!("projects-{n}-site"));
    let generate_secs = ctx.generate(&book, n, fields, 0)?;
    eprintln!("generated in {generate_secs:.1} s");
    let mut runs = Vec::new();
    for round in 0..rounds {
        let run = ctx.build(&book, &site)?;
        eprintln!(
            "build {}: {:.3} s, peak {}",
            round + 1,
            run.secs,
            run.peak_kb.map_or("?".into(), mib)
        );
        runs.push(run);
    }
    let pages = project_page_sizes(&site.join("projects"))?;
    let result = SizeResult {
        projects: n,
        generate_secs,
        times: runs.iter().map(|r| r.secs).collect(),
        peak_kb: max_peak(&runs),
        phases: median_phases(&runs),
        files: runs.last().and_then(|r| parse_built(&r.stderr)),
        pages,
    };
    // The 1,000-project book is kept for the serve benchmark; the sites are not needed again.
    let _ = std::fs::remove_dir_all(&site);
    if n != REFERENCE {
        let _ = std::fs::remove_dir_all(&book);
    }
    Ok(result)
}

fn project_page_sizes(dir: &Path) -> Result<BTreeMap<String, u64>, String> {
    let mut sizes = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".html") {
            sizes.insert(name, entry.metadata().map_err(|e| e.to_string())?.len());
        }
    }
    Ok(sizes)
}

fn mib(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 * 1024.0 / 1e6)
}

fn kib(bytes: f64) -> String {
    format!("{:.1} KiB", bytes / 1024.0)
}

/// How much the same project pages grew from the smallest book to the largest: (smallest N,
/// largest N, pages compared, total growth as a fraction, largest growth of one page in bytes).
fn page_growth(sizes: &[SizeResult]) -> Option<(usize, usize, usize, f64, i64)> {
    let small = sizes
        .iter()
        .filter(|s| !s.pages.is_empty())
        .min_by_key(|s| s.projects)?;
    let large = sizes
        .iter()
        .filter(|s| !s.pages.is_empty())
        .max_by_key(|s| s.projects)?;
    if small.projects == large.projects {
        return None;
    }
    let common: Vec<(&u64, &u64)> = small
        .pages
        .iter()
        .filter_map(|(name, a)| large.pages.get(name).map(|b| (a, b)))
        .collect();
    if common.is_empty() {
        return None;
    }
    let (sa, sb): (u64, u64) = common.iter().fold((0, 0), |(x, y), (a, b)| (x + **a, y + **b));
    let worst = common.iter().map(|(a, b)| **b as i64 - **a as i64).max().unwrap_or(0);
    Some((
        small.projects,
        large.projects,
        common.len(),
        sb as f64 / sa as f64 - 1.0,
        worst,
    ))
}

// ---------------------------------------------------------------------------------------------
// Rebuild after a record edit in serve (the approach of benches/reload.rs)

struct ReloadResult {
    first_build: String,
    latencies: Vec<f64>,
    extra_events: usize,
}

/// Serve's rebuild latency on a generated book of `REFERENCE` projects (shared with the
/// `reload` benchmark).
fn run_reload(ctx: &Ctx, fields: usize, rounds: usize) -> Result<ReloadResult, String> {
    let book = ctx.work.join(format!("projects-{REFERENCE}"));
    if !book.join("book.toml").is_file() {
        ctx.generate(&book, REFERENCE, fields, 0)?;
    }
    let result = serve_reload::run_book(&ctx.bin, &book, rounds);
    let _ = std::fs::remove_dir_all(&book);
    let row = result?;
    eprintln!("serve on {} projects: {}", row.projects, row.modes);
    Ok(ReloadResult {
        first_build: format!("{} ms", row.first_build_ms),
        latencies: row.latencies,
        extra_events: row.extra_events,
    })
}
