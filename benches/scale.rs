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
//! - `SCALE_SKIP`: comma-separated parts to leave out: `projects`, `reload`, `markdown`, `mdbook`.
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

    print_details(&sizes, &reload, &markdown);
    print_table(&machine, &load_at_start, &cfg, &sizes, &reload, &markdown);
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
        let t = Instant::now();
        let out = Command::new(&self.corpus)
            .args(["--projects", &projects.to_string(), "--fields", &fields.to_string()])
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
// Running a child: wall time and peak memory

/// How peak memory is read.
enum Meter {
    /// GNU time: `/usr/bin/time -f %M -o FILE`.
    GnuTime,
    /// Sampling `VmHWM` in `/proc/<pid>/status`.
    Proc,
}

struct Run {
    ok: bool,
    secs: f64,
    peak_kb: Option<u64>,
    stderr: String,
}

impl Meter {
    fn detect() -> Meter {
        let probe = std::env::temp_dir().join(format!("scale-time-probe-{}", std::process::id()));
        let ok = Command::new("/usr/bin/time")
            .args(["-f", "%M", "-o"])
            .arg(&probe)
            .arg("true")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
            && std::fs::read_to_string(&probe).is_ok_and(|t| t.trim().parse::<u64>().is_ok());
        let _ = std::fs::remove_file(&probe);
        if ok {
            Meter::GnuTime
        } else {
            Meter::Proc
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Meter::GnuTime => "/usr/bin/time -f %M (max RSS of the child)",
            Meter::Proc => "VmHWM of /proc/<pid>/status, sampled every 5 ms (/usr/bin/time is missing)",
        }
    }

    fn run(&self, program: &Path, args: &[OsString], scratch: &Path) -> Result<Run, String> {
        match self {
            Meter::GnuTime => {
                let report = scratch.join(".time-report");
                let _ = std::fs::remove_file(&report);
                let t = Instant::now();
                let out = Command::new("/usr/bin/time")
                    .args(["-f", "%M", "-o"])
                    .arg(&report)
                    .arg(program)
                    .args(args)
                    .stdin(Stdio::null())
                    .output()
                    .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
                let secs = t.elapsed().as_secs_f64();
                // The last line is %M; a failed command adds a line before it.
                let peak_kb = std::fs::read_to_string(&report)
                    .ok()
                    .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
                Ok(Run {
                    ok: out.status.success(),
                    secs,
                    peak_kb,
                    stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
                })
            }
            Meter::Proc => {
                let t = Instant::now();
                let child = Command::new(program)
                    .args(args)
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
                let status_file = format!("/proc/{}/status", child.id());
                let peak = Arc::new(AtomicU64::new(0));
                let stop = Arc::new(AtomicBool::new(false));
                let sampler = {
                    let (peak, stop) = (peak.clone(), stop.clone());
                    std::thread::spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
                                s.lines()
                                    .find_map(|l| l.strip_prefix("VmHWM:"))
                                    .and_then(|r| r.split_whitespace().next()?.parse::<u64>().ok())
                            });
                            if let Some(kb) = hwm {
                                peak.fetch_max(kb, Ordering::Relaxed);
                            }
                            std::thread::sleep(Duration::from_millis(5));
                        }
                    })
                };
                let out = child.wait_with_output().map_err(|e| e.to_string())?;
                let secs = t.elapsed().as_secs_f64();
                stop.store(true, Ordering::Relaxed);
                let _ = sampler.join();
                let kb = peak.load(Ordering::Relaxed);
                Ok(Run {
                    ok: out.status.success(),
                    secs,
                    peak_kb: (kb > 0).then_some(kb),
                    stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
                })
            }
        }
    }
}

/// The `--timings` lines of a build (`  render          728.4 ms`).
fn parse_timings(stderr: &str) -> Vec<(String, f64)> {
    stderr
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| {
            let (name, ms) = l.trim().strip_suffix(" ms")?.rsplit_once(' ')?;
            Some((name.trim().to_string(), ms.trim().parse().ok()?))
        })
        .filter(|(name, _)| !name.is_empty())
        .collect()
}

/// The `built N files (K KiB)` line: (files, KiB).
fn parse_built(stderr: &str) -> Option<(usize, u64)> {
    let line = stderr.lines().find_map(|l| l.strip_prefix("built "))?;
    let mut words = line.split_whitespace();
    let files = words.next()?.parse().ok()?;
    let kib = words.nth(1)?.trim_start_matches('(').parse().ok()?;
    Some((files, kib))
}

/// The median of each phase over several builds, in the order of the first.
fn median_phases(runs: &[Run]) -> Vec<(String, f64)> {
    let all: Vec<Vec<(String, f64)>> = runs.iter().map(|r| parse_timings(&r.stderr)).collect();
    let Some(first) = all.first() else { return Vec::new() };
    first
        .iter()
        .map(|(name, _)| {
            let values: Vec<f64> = all
                .iter()
                .filter_map(|p| p.iter().find(|(n, _)| n == name).map(|(_, v)| *v))
                .collect();
            (name.clone(), median(&values))
        })
        .collect()
}

fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 0 {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}

/// Nearest-rank percentile of `values` (`q` in (0, 1]).
fn percentile(values: &[f64], q: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn max_peak(runs: &[Run]) -> Option<u64> {
    runs.iter().filter_map(|r| r.peak_kb).max()
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

struct Timed {
    times: Vec<f64>,
    peak_kb: Option<u64>,
}

impl Timed {
    fn median(&self) -> f64 {
        median(&self.times)
    }
}

struct MarkdownResult {
    pages: usize,
    page_bytes: f64,
    dacibook: Timed,
    /// Builds over the output of the previous one, as when building again after an edit.
    dacibook_repeat: Timed,
    phases: Vec<(String, f64)>,
    files: Option<(usize, u64)>,
    floor: Timed,
    mdbook: Result<MdBookResult, String>,
}

struct MdBookResult {
    version: String,
    search: Timed,
    /// Search on, over the output of the previous build.
    search_repeat: Timed,
    no_search: Timed,
    html_pages: usize,
    output_bytes: u64,
}

fn run_markdown(ctx: &Ctx, cfg: &Config) -> Result<MarkdownResult, String> {
    let book = ctx.work.join("pages");
    let site = ctx.work.join("pages-site");
    ctx.generate(&book, 0, cfg.fields, cfg.pages)?;
    let mut sources: Vec<PathBuf> = std::fs::read_dir(book.join("content"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    sources.sort();
    let total: u64 = sources.iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();
    let page_bytes = total as f64 / sources.len().max(1) as f64;
    eprintln!("{} pages, {page_bytes:.0} bytes each on average", sources.len());

    let mut runs = Vec::new();
    for round in 0..cfg.md_rounds {
        let run = ctx.build(&book, &site)?;
        eprintln!(
            "dacibook build {}: {:.3} s, peak {}",
            round + 1,
            run.secs,
            run.peak_kb.map_or("?".into(), mib)
        );
        runs.push(run);
    }
    let dacibook = Timed {
        times: runs.iter().map(|r| r.secs).collect(),
        peak_kb: max_peak(&runs),
    };
    let mut repeat_runs = Vec::new();
    for round in 0..cfg.md_rounds {
        let run = ctx.build_again(&book, &site)?;
        eprintln!("dacibook build over its output {}: {:.3} s", round + 1, run.secs);
        repeat_runs.push(run);
    }
    let dacibook_repeat = Timed {
        times: repeat_runs.iter().map(|r| r.secs).collect(),
        peak_kb: max_peak(&repeat_runs),
    };

    // The floor: copying the output folder.
    let copy = ctx.work.join("pages-copy");
    let mut floor = Timed {
        times: Vec::new(),
        peak_kb: None,
    };
    for _ in 0..cfg.md_rounds {
        let _ = std::fs::remove_dir_all(&copy);
        let t = Instant::now();
        let ok = Command::new("cp")
            .arg("-r")
            .arg(&site)
            .arg(&copy)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return Err("cp -r failed".into());
        }
        floor.times.push(t.elapsed().as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&copy);
    eprintln!("cp -r of the output: {:.3} s", floor.median());

    let mdbook = if cfg.skips("mdbook") {
        Err("skipped (SCALE_SKIP)".to_string())
    } else {
        run_mdbook(ctx, &sources, cfg.md_rounds)
    };
    if let Err(e) = &mdbook {
        eprintln!("mdBook: {e}");
    }
    let result = MarkdownResult {
        pages: sources.len(),
        page_bytes,
        dacibook,
        dacibook_repeat,
        phases: median_phases(&runs),
        files: runs.last().and_then(|r| parse_built(&r.stderr)),
        floor,
        mdbook,
    };
    let _ = std::fs::remove_dir_all(&site);
    Ok(result)
}

/// `MDBOOK_BIN`, else `target/bench-tools/bin/mdbook`, installed from crates.io when missing.
fn mdbook_bin() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MDBOOK_BIN") {
        return Ok(PathBuf::from(p));
    }
    let root = target_dir().join("bench-tools");
    let bin = root.join("bin/mdbook");
    if bin.is_file() {
        return Ok(bin);
    }
    for version in MDBOOK_VERSIONS {
        eprintln!(
            "installing mdBook {version} from crates.io into {} (a few minutes)",
            root.display()
        );
        let status = Command::new(cargo())
            .args(["install", "mdbook", "--version", version, "--locked", "--root"])
            .arg(&root)
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if status.success() && bin.is_file() {
            return Ok(bin);
        }
        eprintln!("installing mdBook {version} failed");
    }
    Err(format!("could not install mdBook ({})", MDBOOK_VERSIONS.join(", ")))
}

fn run_mdbook(ctx: &Ctx, sources: &[PathBuf], rounds: usize) -> Result<MdBookResult, String> {
    let bin = mdbook_bin()?;
    let version = Command::new(&bin)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    eprintln!("mdBook: {} ({version})", bin.display());
    if !version.contains("0.5.4") {
        eprintln!("note: mdBook is {version}, not the 0.5.4 of the issue's figures");
    }

    // The same Markdown, without the front matter mdBook does not read; titles go to SUMMARY.md.
    let book = ctx.work.join("pages-mdbook");
    let src = book.join("src");
    let _ = std::fs::remove_dir_all(&book);
    std::fs::create_dir_all(&src).map_err(|e| e.to_string())?;
    let mut summary = String::from("# Summary\n\n");
    for path in sources {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let (title, body) = split_front_matter(&text);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let title = title.unwrap_or_else(|| name.trim_end_matches(".md").to_string());
        summary += &format!("- [{}]({name})\n", title.replace('[', "\\[").replace(']', "\\]"));
        std::fs::write(src.join(&name), body).map_err(|e| e.to_string())?;
    }
    std::fs::write(src.join("SUMMARY.md"), summary).map_err(|e| e.to_string())?;
    let site = ctx.work.join("pages-mdbook-site");
    let build_all = |toml: &str, label: &str, fresh: bool| -> Result<Timed, String> {
        std::fs::write(book.join("book.toml"), toml).map_err(|e| e.to_string())?;
        let mut runs = Vec::new();
        for round in 0..rounds {
            if fresh {
                let _ = std::fs::remove_dir_all(&site);
            }
            let args: Vec<OsString> = vec!["build".into(), book.clone().into(), "-d".into(), site.clone().into()];
            let run = ctx.meter.run(&bin, &args, &ctx.work)?;
            if !run.ok {
                return Err(format!("mdbook build failed:\n{}", run.stderr));
            }
            eprintln!(
                "mdbook build ({label}) {}: {:.3} s, peak {}",
                round + 1,
                run.secs,
                run.peak_kb.map_or("?".into(), mib)
            );
            runs.push(run);
        }
        Ok(Timed {
            times: runs.iter().map(|r| r.secs).collect(),
            peak_kb: max_peak(&runs),
        })
    };
    let base = "[book]\ntitle = \"Generated pages\"\nlanguage = \"en\"\nsrc = \"src\"\n";
    let search = build_all(base, "search on", true)?;
    let search_repeat = build_all(base, "search on, over its output", false)?;
    let html_pages = sources
        .iter()
        .filter(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            site.join(format!("{name}.html")).is_file()
        })
        .count();
    let output_bytes = dir_size(&site);
    let no_search = build_all(
        &format!("{base}\n[output.html.search]\nenable = false\n"),
        "search off",
        true,
    )?;
    let _ = std::fs::remove_dir_all(&site);
    Ok(MdBookResult {
        version,
        search,
        search_repeat,
        no_search,
        html_pages,
        output_bytes,
    })
}

/// (front matter title, body) of a page.
fn split_front_matter(text: &str) -> (Option<String>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (None, text);
    };
    let title = rest[..end].lines().find_map(|l| l.strip_prefix("title:")).map(|t| {
        let t = t.trim();
        t.strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(t)
            .to_string()
    });
    (title, rest[end + "\n---\n".len()..].trim_start_matches('\n'))
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// Reports

fn print_details(
    sizes: &[SizeResult],
    reload: &Option<Result<ReloadResult, String>>,
    markdown: &Option<Result<MarkdownResult, String>>,
) {
    println!();
    if !sizes.is_empty() {
        println!(
            "{:>9} {:>9} {:>15} {:>9} {:>7} {:>10}   project page bytes (min / median / max)",
            "projects", "generate", "build (median)", "peak", "files", "output"
        );
        for s in sizes {
            let sizes: Vec<f64> = s.pages.values().map(|&b| b as f64).collect();
            println!(
                "{:>9} {:>7.1} s {:>13.3} s {:>9} {:>7} {:>10}   {} / {} / {} ({} pages)",
                s.projects,
                s.generate_secs,
                median(&s.times),
                s.peak_kb.map_or("?".into(), mib),
                s.files.map_or("?".into(), |f| f.0.to_string()),
                s.files
                    .map_or("?".into(), |f| format!("{:.0} MiB", f.1 as f64 / 1024.0)),
                kib(min(&sizes)),
                kib(median(&sizes)),
                kib(percentile(&sizes, 1.0)),
                sizes.len(),
            );
        }
        println!();
        println!("phases of `dacibook build --timings` (median ms):");
        let mut names: Vec<String> = Vec::new();
        for s in sizes {
            for (n, _) in &s.phases {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        print!("{:>9}", "projects");
        for n in &names {
            print!(" {n:>11}");
        }
        println!();
        for s in sizes {
            print!("{:>9}", s.projects);
            for n in &names {
                match s.phases.iter().find(|(p, _)| p == n) {
                    Some((_, ms)) => print!(" {ms:>11.1}"),
                    None => print!(" {:>11}", "-"),
                }
            }
            println!();
        }
    }
    if let Some(Ok(r)) = reload {
        println!();
        println!(
            "serve at {REFERENCE} projects: first build {}; {} edits, write → reload signal: median {:.1} ms, p90 {:.1} ms, max {:.1} ms{}",
            r.first_build,
            r.latencies.len(),
            median(&r.latencies),
            percentile(&r.latencies, 0.9),
            percentile(&r.latencies, 1.0),
            if r.extra_events > 0 {
                format!(" ({} edit(s) needed a second event)", r.extra_events)
            } else {
                String::new()
            }
        );
    }
    if let Some(Ok(m)) = markdown {
        println!();
        println!(
            "{} Markdown pages of {:.0} bytes on average: dacibook median {:.3} s (runs: {}), peak {}, {}",
            m.pages,
            m.page_bytes,
            m.dacibook.median(),
            list(&m.dacibook.times),
            m.dacibook.peak_kb.map_or("?".into(), mib),
            m.files
                .map_or("?".into(), |f| format!("{} files, {:.1} MiB", f.0, f.1 as f64 / 1024.0)),
        );
        println!(
            "  phases (median ms): {}",
            m.phases
                .iter()
                .map(|(n, v)| format!("{n} {v:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!(
            "  floor, cp -r of dacibook's output: median {:.3} s (runs: {})",
            m.floor.median(),
            list(&m.floor.times)
        );
        match &m.mdbook {
            Ok(b) => {
                println!(
                    "  {}: search on median {:.3} s (runs: {}), peak {}; search off median {:.3} s (runs: {}), peak {}; {} of {} pages written, {:.1} MiB",
                    b.version,
                    b.search.median(),
                    list(&b.search.times),
                    b.search.peak_kb.map_or("?".into(), mib),
                    b.no_search.median(),
                    list(&b.no_search.times),
                    b.no_search.peak_kb.map_or("?".into(), mib),
                    b.html_pages,
                    m.pages,
                    b.output_bytes as f64 / 1024.0 / 1024.0,
                );
            }
            Err(e) => println!("  mdBook: {e}"),
        }
    }
}

fn list(times: &[f64]) -> String {
    times.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(", ")
}

/// The median (what targets are checked against) and the fastest run, which a busy machine
/// disturbs least.
fn with_min(times: &[f64]) -> String {
    format!("{:.3} s (min {:.3})", median(times), min(times))
}

fn min(times: &[f64]) -> f64 {
    times.iter().copied().fold(f64::INFINITY, f64::min)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "missed"
    }
}

fn print_table(
    machine: &Machine,
    load_at_start: &str,
    cfg: &Config,
    sizes: &[SizeResult],
    reload: &Option<Result<ReloadResult, String>>,
    markdown: &Option<Result<MarkdownResult, String>>,
) {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |a: &str, b: String, c: &str, d: &str| rows.push([a.to_string(), b, c.to_string(), d.to_string()]);
    let size = |n: usize| sizes.iter().find(|s| s.projects == n);
    for s in sizes {
        let runs = s.times.len();
        let label = format!(
            "full build, {} projects (median of {runs} run{})",
            s.projects,
            if runs == 1 { "" } else { "s" }
        );
        let t = median(&s.times);
        if s.projects == REFERENCE {
            row(&label, with_min(&s.times), "< 1 s", verdict(t < 1.0));
        } else {
            row(&label, with_min(&s.times), "-", "");
        }
        let label = format!("peak memory, {} projects", s.projects);
        match (s.peak_kb, s.projects == REFERENCE) {
            (Some(kb), true) => row(&label, mib(kb), "< 300 MB", verdict((kb as f64 * 1024.0) < 300e6)),
            (Some(kb), false) => row(&label, mib(kb), "-", ""),
            (None, _) => row(&label, "?".into(), "-", ""),
        }
    }
    if let Some(s) = size(REFERENCE) {
        for (phase, ms) in &s.phases {
            row(
                &format!("  phase `{phase}`, {REFERENCE} projects"),
                format!("{ms:.1} ms"),
                "-",
                "",
            );
        }
    }
    if cfg.skips("projects") {
        row("full builds of N projects", "skipped".into(), "", "");
    }
    for &n in &cfg.sizes {
        if size(n).is_none() && !cfg.skips("projects") {
            row(&format!("full build, {n} projects"), "error".into(), "", "missed");
        }
    }
    match (
        size(REFERENCE),
        sizes
            .iter()
            .filter(|s| s.projects > REFERENCE)
            .max_by_key(|s| s.projects),
    ) {
        (Some(a), Some(b)) => {
            let ratio = median(&b.times) / median(&a.times);
            let allowed = 12.0 * b.projects as f64 / 10000.0;
            row(
                &format!("build time {} / {} projects", b.projects, a.projects),
                format!("{ratio:.1}x (of mins {:.1}x)", min(&b.times) / min(&a.times)),
                &format!("<= {allowed:.0}x"),
                verdict(ratio <= allowed),
            );
        }
        _ => row("build time 10000 / 1000 projects", "not run".into(), "<= 12x", ""),
    }
    for s in sizes {
        let v: Vec<f64> = s.pages.values().map(|&b| b as f64).collect();
        row(
            &format!("project page, {} projects (median)", s.projects),
            kib(median(&v)),
            "-",
            "",
        );
    }
    match page_growth(sizes) {
        Some((small, large, n, growth, worst)) => row(
            &format!("same {n} project pages, {large} vs {small} projects"),
            format!("{:+.2}% (largest: {worst:+} B)", growth * 100.0),
            "no growth (<= 1%)",
            verdict(growth <= 0.01),
        ),
        None => row("project page growth with N", "not run".into(), "no growth", ""),
    }
    match reload {
        Some(Ok(r)) => {
            let m = median(&r.latencies);
            row(
                &format!(
                    "rebuild after a record edit, {REFERENCE} projects (median of {})",
                    r.latencies.len()
                ),
                format!("{m:.1} ms (p90 {:.1})", percentile(&r.latencies, 0.9)),
                "< 150 ms",
                verdict(m < 150.0),
            );
        }
        Some(Err(_)) => row("rebuild after a record edit", "error".into(), "< 150 ms", "missed"),
        None => row("rebuild after a record edit", "skipped".into(), "< 150 ms", ""),
    }
    match markdown {
        Some(Ok(m)) => {
            let d = m.dacibook.median();
            row(
                &format!("{} Markdown pages, dacibook", m.pages),
                with_min(&m.dacibook.times),
                "< 0.5 s",
                verdict(d < 0.5),
            );
            match &m.mdbook {
                Ok(b) => {
                    let s = b.search.median();
                    row(
                        &format!("{} pages, {} (search on)", m.pages, b.version),
                        with_min(&b.search.times),
                        "-",
                        "",
                    );
                    row(
                        &format!("{} pages, {} (search off)", m.pages, b.version),
                        with_min(&b.no_search.times),
                        "-",
                        "",
                    );
                    row(
                        "mdBook (search on) / dacibook",
                        format!(
                            "{:.2}x (of mins {:.2}x)",
                            s / d,
                            min(&b.search.times) / min(&m.dacibook.times)
                        ),
                        ">= 5x",
                        verdict(s / d >= 5.0),
                    );
                    row(
                        "mdBook (search off) / dacibook",
                        format!(
                            "{:.2}x (of mins {:.2}x)",
                            b.no_search.median() / d,
                            min(&b.no_search.times) / min(&m.dacibook.times)
                        ),
                        "-",
                        "",
                    );
                }
                Err(e) => row("mdBook / dacibook", e.clone(), ">= 5x", ""),
            }
            let again = m.dacibook_repeat.median();
            row(
                &format!("{} Markdown pages, dacibook over its previous output", m.pages),
                with_min(&m.dacibook_repeat.times),
                "-",
                "",
            );
            if let Ok(b) = &m.mdbook {
                row(
                    &format!("{} pages, {} (search on) over its previous output", m.pages, b.version),
                    with_min(&b.search_repeat.times),
                    "-",
                    "",
                );
                row(
                    "mdBook / dacibook, both over their previous output",
                    format!(
                        "{:.2}x (of mins {:.2}x)",
                        b.search_repeat.median() / again,
                        min(&b.search_repeat.times) / min(&m.dacibook_repeat.times)
                    ),
                    "-",
                    "",
                );
            }
            row(
                "floor: cp -r of dacibook's page output",
                format!("{:.3} s", m.floor.median()),
                "-",
                "",
            );
        }
        Some(Err(_)) => row("Markdown pages, dacibook", "error".into(), "< 0.5 s", "missed"),
        None => row("Markdown pages", "skipped".into(), "", ""),
    }

    let widths: Vec<usize> = (0..4)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0).max(6))
        .collect();
    println!();
    println!(
        "machine: {}; load average {load_at_start} at the start, {} at the end (busy machine → slower figures)",
        machine.describe(),
        Machine::load()
    );
    println!(
        "{:<w0$}  {:>w1$}  {:<w2$}  verdict",
        "figure",
        "value",
        "target",
        w0 = widths[0],
        w1 = widths[1],
        w2 = widths[2]
    );
    println!("{}", "-".repeat(widths[0] + widths[1] + widths[2] + 6 + 7));
    for r in &rows {
        println!(
            "{:<w0$}  {:>w1$}  {:<w2$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
}
