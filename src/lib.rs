//! dacibook: turns a DACI process and per-project instrumentation records into a static site.
//!
//! Data flows one way: [`load`] (files with source positions) → [`model`] → [`check`]
//! (diagnostics) → render → write.

// Diagnostics travel on the error path, never a hot one; boxing them everywhere would only
// add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod editor_schema;
pub mod explain;
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod registry;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod suggest;
pub mod url;
pub mod write;
pub mod yaml;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{load, load_and_check, Loaded};
