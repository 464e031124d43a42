//! The plain text `dacibook explain` prints.

use super::{BookFile, Explanation, Runs, EXAMPLE_BASE};
use crate::diagnostic::Severity;

/// Every code with its one-line summary, one a line, aligned.
pub fn list_text() -> String {
    let all = super::all();
    let width = all.iter().map(|e| e.code.len()).max().unwrap_or(0);
    let mut out = format!(
        "{} diagnostic codes; `dacibook explain CODE` explains one:\n\n",
        all.len()
    );
    for e in all {
        out += &format!("  {:<width$}  {:<16}  {}\n", e.code, severities(e), e.summary);
    }
    out
}

/// The full explanation of one code.
pub fn explanation_text(e: &Explanation) -> String {
    let mut out = format!("{} ({}): {}\n\n", e.code, severities(e), e.summary);
    out += &paragraphs(e.meaning);
    out += &format!("\nWhere the rule comes from: {}\n", e.source.trim());
    out += &format!("\nExamples, as files of {EXAMPLE_BASE}.\n");
    out += &example("Wrong", e.wrong);
    out += &example("Fixed", e.fixed);
    match e.runs {
        Runs::Check => out += &format!("\n`dacibook check` reports `{}` for the wrong example only.\n", e.code),
        Runs::No(why) => out += &format!("\nThe examples only illustrate: {why}\n"),
    }
    out
}

fn severities(e: &Explanation) -> String {
    e.severities
        .iter()
        .map(|s| match s {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn paragraphs(text: &str) -> String {
    text.trim().lines().map(|l| format!("{}\n", l.trim_end())).collect()
}

fn example(label: &str, files: &[BookFile]) -> String {
    let mut out = String::new();
    for f in files {
        out += &format!("\n{label}, {}:\n\n", f.path);
        for line in f.text.split_inclusive('\n') {
            let line = line.strip_suffix('\n').unwrap_or(line);
            out += &format!("    {}\n", shown(line));
        }
    }
    out
}

/// A line of an example as a terminal can show it: characters a terminal would obey or hide
/// (control characters, line breaks other than LF, bidirectional controls) as `\u{..}`.
fn shown(line: &str) -> String {
    line.chars()
        .map(|c| {
            let hidden = (c.is_control() && c != '\t')
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if hidden {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_indented_and_control_characters_escaped() {
        let out = example(
            "Wrong",
            &[BookFile {
                path: "a.yaml",
                text: "title: A\u{7}\rb\nx: 1\n",
            }],
        );
        assert_eq!(out, "\nWrong, a.yaml:\n\n    title: A\\u{7}\\u{d}b\n    x: 1\n");
    }

    #[test]
    fn the_list_names_every_code_once() {
        let list = list_text();
        for e in super::super::all() {
            let lines = list
                .lines()
                .filter(|l| l.split_whitespace().next() == Some(e.code))
                .count();
            assert_eq!(lines, 1, "{}", e.code);
        }
    }
}
