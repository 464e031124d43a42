//! Replays the fuzzers' inputs on stable, in plain `cargo test`: every file of the minimised
//! corpora (`fuzz/corpus/<target>/`), any crash a local run left (`fuzz/artifacts/<target>/`)
//! and the named regressions (`fuzz/regressions/<target>/`) go through the fuzz targets' entry
//! points, and the invariants of `fuzz/invariants.rs` must hold: no panic, and every failure a
//! diagnostic located inside the input. See fuzz/README.md for running the fuzzers themselves.

#[path = "../fuzz/invariants.rs"]
mod invariants;

use invariants::Target;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// An input that runs longer than this is a hang (a guard, not a speed target).
const HANG_GUARD: Duration = Duration::from_secs(20);

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the folder does not exist.
fn inputs(kind: &str, target: Target) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target.name());
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("list a fuzz folder").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every file of `files` through `target`, each under the hang guard; the failures, and
/// the slowest input with its time.
fn replay(target: Target, files: &[PathBuf]) -> (Vec<String>, Option<(PathBuf, Duration)>) {
    let mut failures = Vec::new();
    let mut slowest: Option<(PathBuf, Duration)> = None;
    for file in files {
        let bytes = std::fs::read(file).expect("read a fuzz input");
        let (tx, rx) = mpsc::channel();
        let start = Instant::now();
        std::thread::spawn(move || {
            let outcome = target.run(&bytes);
            let _ = tx.send(invariants::check(target, &bytes, &outcome));
        });
        let result = match rx.recv_timeout(HANG_GUARD) {
            Ok(checked) => checked,
            Err(RecvTimeoutError::Timeout) => Err(format!("still running after {HANG_GUARD:?}")),
            Err(RecvTimeoutError::Disconnected) => Err("panicked (the message is above)".to_string()),
        };
        let took = start.elapsed();
        if slowest.as_ref().is_none_or(|(_, t)| took > *t) {
            slowest = Some((file.clone(), took));
        }
        if let Err(problem) = result {
            failures.push(format!("{}: {problem}", file.display()));
        }
    }
    (failures, slowest)
}

fn assert_replays(kind: &str) {
    let mut failures = Vec::new();
    for target in Target::ALL {
        let files = inputs(kind, target);
        let (failed, slowest) = replay(target, &files);
        if let Some((file, took)) = slowest {
            eprintln!(
                "{kind}/{}: {} inputs, the slowest {} in {took:.2?}",
                target.name(),
                files.len(),
                file.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        failures.extend(failed);
    }
    assert!(
        failures.is_empty(),
        "{} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_corpus_input_loads_or_gives_located_diagnostics() {
    for target in Target::ALL {
        let files = inputs("corpus", target);
        assert!(
            files.len() >= 20,
            "fuzz/corpus/{} holds {} inputs; it should hold the minimised corpus",
            target.name(),
            files.len()
        );
        // The corpus is committed: it stays small.
        assert!(
            files.len() <= 400,
            "fuzz/corpus/{} holds {} inputs",
            target.name(),
            files.len()
        );
        for file in &files {
            let size = std::fs::metadata(file).expect("a corpus file").len();
            assert!(size <= 64 * 1024, "{} is {size} bytes", file.display());
        }
    }
    assert_replays("corpus");
}

/// `fuzz/artifacts/` is git-ignored: in a clean checkout it is empty and this test replays
/// nothing, which its name and its output both say.
#[test]
fn crashes_left_by_a_local_fuzzing_run_if_any_are_fixed() {
    let count: usize = Target::ALL.iter().map(|t| inputs("artifacts", *t).len()).sum();
    if count == 0 {
        eprintln!("fuzz/artifacts/ holds no crash of a local fuzzing run: nothing to replay");
    } else {
        eprintln!("fuzz/artifacts/ holds {count} crash input(s) of a local fuzzing run: replaying them");
    }
    assert_replays("artifacts");
}

#[test]
fn every_named_regression_loads_or_gives_located_diagnostics() {
    let count: usize = Target::ALL.iter().map(|t| inputs("regressions", *t).len()).sum();
    assert!(count > 0, "fuzz/regressions/ holds no inputs");
    assert_replays("regressions");
}
