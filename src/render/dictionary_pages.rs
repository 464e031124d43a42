//! How the data dictionary is split so that no page grows with the book: `dictionary.html`
//! is an index of letters, and each letter's entries go on pages of at most [`PER_PAGE`]
//! names (`dictionary/f.html`, `dictionary/f-2.html`…). Where a name's entry lives depends
//! only on the set of names, so every link to an entry is made by [`locations`].

use std::collections::{BTreeMap, HashMap};

/// The most entries on one dictionary page.
pub const PER_PAGE: usize = 40;

/// The folder of the dictionary's pages.
pub const FOLDER: &str = "dictionary/";

/// One page of entries: its path, its letter and the names on it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictPage<'a> {
    pub path: String,
    /// The letter the names start with (`a`…`z`), or `other`.
    pub letter: String,
    /// Which page of its letter this is, from 1, and how many its letter has.
    pub number: usize,
    pub of: usize,
    pub names: Vec<&'a str>,
}

/// The letter a name is filed under: its first character in lower case when that is an
/// ASCII letter, `other` otherwise.
pub fn letter_of(name: &str) -> String {
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_lowercase().to_string(),
        _ => "other".to_string(),
    }
}

/// The pages holding `names` (each name once), by letter and then by name.
pub fn split<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<DictPage<'a>> {
    let mut by_letter: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for name in names {
        by_letter.entry(letter_of(name)).or_default().push(name);
    }
    let mut pages = Vec::new();
    for (letter, mut names) in by_letter {
        names.sort_unstable();
        let chunks: Vec<&[&str]> = names.chunks(PER_PAGE).collect();
        let of = chunks.len();
        for (i, chunk) in chunks.into_iter().enumerate() {
            let path = match i {
                0 => format!("{FOLDER}{letter}.html"),
                _ => format!("{FOLDER}{letter}-{}.html", i + 1),
            };
            pages.push(DictPage {
                path,
                letter: letter.clone(),
                number: i + 1,
                of,
                names: chunk.to_vec(),
            });
        }
    }
    pages
}

/// The page of each name's entry.
pub fn locations<'a>(names: impl IntoIterator<Item = &'a str>) -> HashMap<&'a str, String> {
    split(names)
        .into_iter()
        .flat_map(|p| {
            let path = p.path;
            p.names.into_iter().map(move |n| (n, path.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_by_letter_in_pages_of_at_most_per_page() {
        let many: Vec<String> = (0..PER_PAGE + 1).map(|i| format!("f{i:03}")).collect();
        let mut names: Vec<&str> = many.iter().map(String::as_str).collect();
        names.extend(["Alpha", "apple", "_x", "9lives"]);
        let pages = split(names.iter().copied());
        let summary: Vec<(&str, usize, usize, usize)> = pages
            .iter()
            .map(|p| (p.path.as_str(), p.number, p.of, p.names.len()))
            .collect();
        assert_eq!(
            summary,
            [
                ("dictionary/a.html", 1, 1, 2),
                ("dictionary/f.html", 1, 2, PER_PAGE),
                ("dictionary/f-2.html", 2, 2, 1),
                ("dictionary/other.html", 1, 1, 2),
            ]
        );
        assert_eq!(pages[0].names, ["Alpha", "apple"]);
        let at = locations(names.iter().copied());
        assert_eq!(at["f040"], "dictionary/f-2.html");
        assert_eq!(at["_x"], "dictionary/other.html");
    }
}
