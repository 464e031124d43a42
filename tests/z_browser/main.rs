//! The tests that need tools installed beside Rust, in one test target: headless Chromium
//! (Debian's `chromium` and `chromium-driver`) over WebDriver, axe-core from npm for the
//! accessibility rules, and Ajv from npm to validate the exported JSON Schemas.
//!
//! It is named `z_browser` so that it sorts last: cargo runs test targets in name order and stops
//! at the first target that fails, so on a machine without a browser or Node.js every other target
//! has already run when this one fails. It fails (never skips) without Chromium, chromedriver or
//! npm, naming what to install; `bash tests/run-all.sh` installs them.

#[path = "../common/mod.rs"]
mod common;

mod board;
mod filter;
mod phone;
mod search;
mod tour;
mod validators;
