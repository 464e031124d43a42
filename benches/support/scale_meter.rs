//! Running a child of the scale benchmark: wall time, peak memory, its `--timings`, and the statistics.

use super::*;

/// How peak memory is read.
pub(crate) enum Meter {
    /// GNU time: `/usr/bin/time -f %M -o FILE`.
    GnuTime,
    /// Sampling `VmHWM` in `/proc/<pid>/status`.
    Proc,
}

pub(crate) struct Run {
    pub(crate) ok: bool,
    pub(crate) secs: f64,
    pub(crate) peak_kb: Option<u64>,
    pub(crate) stderr: String,
}

impl Meter {
    pub(crate) fn detect() -> Meter {
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

    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Meter::GnuTime => "/usr/bin/time -f %M (max RSS of the child)",
            Meter::Proc => "VmHWM of /proc/<pid>/status, sampled every 5 ms (/usr/bin/time is missing)",
        }
    }

    pub(crate) fn run(&self, program: &Path, args: &[OsString], scratch: &Path) -> Result<Run, String> {
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
pub(crate) fn parse_timings(stderr: &str) -> Vec<(String, f64)> {
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
pub(crate) fn parse_built(stderr: &str) -> Option<(usize, u64)> {
    let line = stderr.lines().find_map(|l| l.strip_prefix("built "))?;
    let mut words = line.split_whitespace();
    let files = words.next()?.parse().ok()?;
    let kib = words.nth(1)?.trim_start_matches('(').parse().ok()?;
    Some((files, kib))
}

/// The median of each phase over several builds, in the order of the first.
pub(crate) fn median_phases(runs: &[Run]) -> Vec<(String, f64)> {
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

pub(crate) fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}

/// Nearest-rank percentile of `values` (`q` in (0, 1]).
pub(crate) fn percentile(values: &[f64], q: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

pub(crate) fn max_peak(runs: &[Run]) -> Option<u64> {
    runs.iter().filter_map(|r| r.peak_kb).max()
}

// ---------------------------------------------------------------------------------------------
