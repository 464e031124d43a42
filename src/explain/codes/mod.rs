//! The registry of diagnostic codes, one file per part of the book the rules are about.

use super::Explanation;

mod dictionary;
mod files;
mod process;
mod project;
mod registry;
mod schema;
mod site;
mod stage;

/// Every group of explanations.
pub(super) const GROUPS: &[&[Explanation]] = &[
    files::CODES,
    process::CODES,
    project::CODES,
    registry::CODES,
    stage::CODES,
    schema::CODES,
    dictionary::CODES,
    site::CODES,
];
