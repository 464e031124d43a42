//! The browser suite: one test target, run in headless Chromium (Debian's `chromium` and
//! `chromium-driver`) over WebDriver, with axe-core from npm for the accessibility rules.
//!
//! It is named `z_browser` so that it sorts last: cargo runs test targets in name order and stops
//! at the first target that fails, so on a machine without a browser every other target has
//! already run when this one fails. It fails (never skips) without Chromium, chromedriver or
//! npm, naming what to install; `bash tests/run-all.sh` installs them.

#[path = "../common/mod.rs"]
mod common;

mod board;
mod search;
mod tour;
