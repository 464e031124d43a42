//! Fuzz target `project`: see fuzz/README.md.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use invariants::Target;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = Target::Project.run(data);
    if let Err(problem) = invariants::check(Target::Project, data, &outcome) {
        panic!("{problem}");
    }
});
