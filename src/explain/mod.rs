//! `dacibook explain CODE`: what each diagnostic code means, where its rule comes from, and a
//! wrong and a fixed example of it.

mod codes;
mod text;

pub use text::{explanation_text, list_text};

use crate::diagnostic::Severity;

/// The book an example's files are written into.
pub const EXAMPLE_BASE: &str = "a book made by `dacibook init`, without its example project";

/// A file of an example: its path from the book's root and its whole content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookFile {
    pub path: &'static str,
    pub text: &'static str,
}

/// How the examples of a code can be tried on a real book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    /// `dacibook check` (and so `dacibook build`) reports the code for the wrong example.
    Check,
    /// No book's files reproduce it, for the reason given.
    No(&'static str),
}

/// The explanation of one diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    pub code: &'static str,
    /// The severities the code is reported with (both, for a few rules).
    pub severities: &'static [Severity],
    /// One line: what the code reports.
    pub summary: &'static str,
    /// What it means and why it matters.
    pub meaning: &'static str,
    /// Where the rule comes from: the process, YAML, TOML, JSON Schema, Markdown, the site.
    pub source: &'static str,
    /// Files that make the book report the code.
    pub wrong: &'static [BookFile],
    /// The same files, fixed.
    pub fixed: &'static [BookFile],
    pub runs: Runs,
}

/// Every registered code, in alphabetical order.
pub fn all() -> Vec<&'static Explanation> {
    let mut all: Vec<&'static Explanation> = codes::GROUPS.iter().flat_map(|g| g.iter()).collect();
    all.sort_by_key(|e| e.code);
    all
}

/// The explanation of `code`, if it is registered.
pub fn find(code: &str) -> Option<&'static Explanation> {
    codes::GROUPS.iter().flat_map(|g| g.iter()).find(|e| e.code == code)
}

/// Whether `code` has an explanation (every code a diagnostic uses must).
pub fn is_known(code: &str) -> bool {
    find(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_complete() {
        let all = all();
        for pair in all.windows(2) {
            assert_ne!(pair[0].code, pair[1].code, "registered twice");
        }
        for e in &all {
            assert!(crate::check::is_kebab_case(e.code), "{}", e.code);
            assert!(!e.severities.is_empty(), "{}: no severity", e.code);
            for (what, s) in [("summary", e.summary), ("meaning", e.meaning), ("source", e.source)] {
                assert!(!s.trim().is_empty(), "{}: empty {what}", e.code);
            }
            assert!(!e.summary.contains('\n'), "{}: the summary is one line", e.code);
            assert!(
                !e.wrong.is_empty() && !e.fixed.is_empty(),
                "{}: an example is missing",
                e.code
            );
            assert_ne!(e.wrong, e.fixed, "{}: the fixed example is the wrong one", e.code);
        }
    }

    #[test]
    fn find_knows_registered_codes_only() {
        assert_eq!(find("no-driver").map(|e| e.code), Some("no-driver"));
        assert!(is_known("unknown-key"));
        assert!(!is_known("no-such-code"));
    }
}
