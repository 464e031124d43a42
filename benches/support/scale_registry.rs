//! The registry part of the scale benchmark (issue 18): a book of 1,000 projects whose records
//! name 200 registry schemas (two roots, shared fragments, three versions each, an allow-list).
//! Timed with `dacibook build --timings`: the `load+check` phase (reading the records and the
//! registry files they pull, resolving `$ref`s, every check) against its target, and the whole
//! build beside it.

use super::*;

/// Schemas in the generated registry.
pub(crate) const SCHEMAS: usize = 200;

pub(crate) struct RegistryResult {
    pub(crate) projects: usize,
    pub(crate) schemas: usize,
    /// Whole builds, seconds.
    pub(crate) times: Vec<f64>,
    /// The `load+check` phase of each build, milliseconds.
    pub(crate) load_check_ms: Vec<f64>,
    pub(crate) peak_kb: Option<u64>,
}

/// Writes the book, then builds it `rounds` times; every build must pass.
pub(crate) fn run_registry(ctx: &Ctx, projects: usize, fields: usize, rounds: usize) -> Result<RegistryResult, String> {
    let book = ctx.work.join(format!("registry-{projects}"));
    let site = ctx.work.join(format!("registry-{projects}-site"));
    let secs = ctx.generate_with(&book, projects, fields, 0, SCHEMAS)?;
    eprintln!("generated {projects} projects naming {SCHEMAS} registry schemas in {secs:.1} s");
    let mut runs = Vec::new();
    for round in 0..rounds {
        let run = ctx.build(&book, &site)?;
        let load_check = phase_ms(&run, "load+check");
        eprintln!(
            "build {}: {:.3} s, load+check {}",
            round + 1,
            run.secs,
            load_check.map_or("?".into(), |ms| format!("{ms:.1} ms"))
        );
        runs.push(run);
    }
    let result = RegistryResult {
        projects,
        schemas: SCHEMAS,
        times: runs.iter().map(|r| r.secs).collect(),
        load_check_ms: runs.iter().filter_map(|r| phase_ms(r, "load+check")).collect(),
        peak_kb: max_peak(&runs),
    };
    let _ = std::fs::remove_dir_all(&site);
    let _ = std::fs::remove_dir_all(&book);
    Ok(result)
}

fn phase_ms(run: &Run, phase: &str) -> Option<f64> {
    parse_timings(&run.stderr)
        .into_iter()
        .find(|(name, _)| name == phase)
        .map(|(_, ms)| ms)
}
