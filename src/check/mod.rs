//! Validation of a loaded book: every rule produces located diagnostics with a hint.

mod dictionary;
mod ecma_pattern;
mod field_constraints;
mod formats;
pub mod links;
mod pages;
pub use dictionary::uses as field_uses;
mod process;
mod project;
mod schema;
mod stage;
pub(crate) use formats::misfit as format_misfit;
pub(crate) use schema::Patterns;

use crate::diagnostic::Diagnostic;
use crate::model::Book;
use rayon::prelude::*;

/// Every problem in the book's content (beyond the syntax errors found while loading).
pub fn check(book: &Book) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(p) = &book.process {
        process::check(p, &mut out);
    }
    let patterns = schema::Patterns::shared();
    let per_project: Vec<Vec<Diagnostic>> = book
        .projects
        .par_iter()
        .map(|project| {
            let mut found = Vec::new();
            if let Some(p) = &book.process {
                project::check(p, project, &mut found);
            }
            schema::check(project, book.config.schemas.field_names, patterns, &mut found);
            found
        })
        .collect();
    out.extend(per_project.into_iter().flatten());
    dictionary::check(&book.projects, &mut out);
    links::check(book, &mut out);
    pages::check(book, &mut out);
    out
}

/// Lowercase words joined by single hyphens, e.g. `data-analyst`.
pub fn is_kebab_case(id: &str) -> bool {
    is_joined_lowercase(id, '-')
}

/// Lowercase words joined by single underscores, starting with a letter, e.g. `page_id`.
pub fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase()) && is_joined_lowercase(name, '_')
}

fn is_joined_lowercase(s: &str, sep: char) -> bool {
    !s.is_empty()
        && s.split(sep)
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// The kebab-case form of an id, for hints.
pub fn to_kebab_case(s: &str) -> String {
    to_joined_lowercase(s, '-')
}

fn to_joined_lowercase(s: &str, sep: char) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with(sep) {
                out.push(sep);
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
            prev_lower = false;
        }
    }
    out.trim_end_matches(sep).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_shapes() {
        assert!(is_kebab_case("data-analyst"));
        assert!(!is_kebab_case("Data_Analyst"));
        assert!(!is_kebab_case("a--b"));
        assert!(is_snake_case("page_id"));
        assert!(!is_snake_case("pageId"));
        assert!(!is_snake_case("_x"));
        assert_eq!(to_kebab_case("Data Analyst"), "data-analyst");
        assert_eq!(to_joined_lowercase("pageId", '_'), "page_id");
    }
}
