//! Fuzz target `process`: see fuzz/README.md.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use invariants::Target;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = Target::Process.run(data);
    if let Err(problem) = invariants::check(Target::Process, data, &outcome) {
        panic!("{problem}");
    }
});
