//! What the hostile-input tests share: running a target under a hang guard and checking the
//! invariants of `fuzz/invariants.rs` on its outcome.

// Each test binary uses a different part of it.
#![allow(dead_code)]

pub mod grammar;

use crate::invariants::{self, Target};
use dacibook::fuzzing::{self, Outcome};
use proptest::test_runner::{Config as ProptestConfig, TestCaseError};
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A case that runs longer than this is a hang; it is a guard, not a speed target.
pub const HANG_GUARD: Duration = Duration::from_secs(20);

/// Runs `f` on a thread of its own, with the default stack (the loader parses records on
/// rayon's threads, which have the same), and fails when it panics or outlives [`HANG_GUARD`].
pub fn guarded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a thread");
    match rx.recv_timeout(HANG_GUARD) {
        Ok(value) => (value, start.elapsed()),
        Err(RecvTimeoutError::Timeout) => panic!("{what}: still running after {HANG_GUARD:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: panicked (the message is above)"),
    }
}

/// Runs `target` on `input` under the guard: its outcome, whether the invariants hold, and
/// how long it took.
fn checked(target: Target, input: Vec<u8>) -> (Outcome, Result<(), String>, Duration) {
    let ((outcome, checked), took) = guarded(target.name(), move || {
        let outcome = target.run(&input);
        let checked = invariants::check(target, &input, &outcome);
        (outcome, checked)
    });
    (outcome, checked, took)
}

/// Runs `target` on `input` under the guard; the outcome once the invariants hold.
pub fn run(target: Target, input: impl Into<Vec<u8>>) -> (Outcome, Duration) {
    let (outcome, checked, took) = checked(target, input.into());
    if let Err(problem) = checked {
        panic!("{problem}");
    }
    (outcome, took)
}

/// [`run`] for a property: a failure is returned rather than panicked.
pub fn holds(target: Target, input: Vec<u8>) -> Result<Outcome, TestCaseError> {
    let (outcome, checked, _) = checked(target, input);
    checked.map_err(TestCaseError::fail)?;
    Ok(outcome)
}

/// A record read from the disk by the loader itself (`load_project`, which checks UTF-8).
pub fn record_from_disk(bytes: &[u8]) -> Outcome {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let rel = Path::new(fuzzing::PROJECT_FILE);
    std::fs::create_dir_all(dir.path().join(rel.parent().expect("a folder"))).expect("create folders");
    std::fs::write(dir.path().join(rel), bytes).expect("write the record");
    let (file, result) = dacibook::load::load_project(dir.path(), rel).expect("the record is readable");
    Outcome {
        loaded: result.is_ok(),
        diagnostics: result.err().into_iter().collect(),
        html: Vec::new(),
        sources: file.into_iter().collect(),
    }
}

pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
        // Failures are kept as named cases (tests/hostile_cases.rs), not in a file.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}
