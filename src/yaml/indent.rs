//! Indentation mistakes, said in an author's words rather than the parser's: a tab used to
//! indent ("found a tab character that violates indentation", "found character that cannot
//! start any token") and a key indented deeper or shallower than the keys beside it ("mapping
//! values are not allowed in this context", "did not find expected key").

use crate::diagnostic::Diagnostic;
use crate::source::Location;

/// A key line: where its key starts (0-based column), the key, and what follows its `:`.
struct KeyLine<'a> {
    column: usize,
    key: &'a str,
    value: &'a str,
}

/// `line` read as `key: value`, after its indentation and any `- ` of a list item.
fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let mut rest = line.trim_start_matches(' ');
    let mut column = line.len() - rest.len();
    while let Some(after) = rest.strip_prefix("- ") {
        let trimmed = after.trim_start_matches(' ');
        column += rest.len() - trimmed.len();
        rest = trimmed;
    }
    if rest.starts_with(['#', '-', '\t']) || rest.is_empty() {
        return None;
    }
    let colon = rest
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with([' ', '\t']))?;
    Some(KeyLine {
        column,
        key: &rest[..colon],
        value: rest[colon + 1..].trim(),
    })
}

/// The nearest line before `index` (0-based) with content, as (0-based index, line).
fn line_above<'a>(lines: &[&'a str], index: usize) -> Option<(usize, &'a str)> {
    (0..index)
        .rev()
        .map(|i| (i, lines[i]))
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// A diagnostic for a syntax error reported at `line` (1-based) of `text` when indentation
/// is the cause. `locate(line, column, len)` turns a 1-based line and character column of
/// the YAML text into a location in its file.
pub(super) fn explain(
    line: Option<usize>,
    text: &str,
    locate: impl Fn(usize, usize, usize) -> Location,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let index = line?.checked_sub(1)?;
    let here = *lines.get(index)?;
    let above = line_above(&lines, index);
    let leading = &here[..here.len() - here.trim_start_matches([' ', '\t']).len()];
    if let Some(tab) = leading.find('\t') {
        return Some(tab_indentation(index + 1, tab + 1, above, &locate));
    }
    let (p, above) = above?;
    let (sibling, this) = (key_line(above)?, key_line(here)?);
    let opens_block = sibling.value.is_empty() || sibling.value.starts_with(['|', '>', '[', '{', '&', '!', '#']);
    if opens_block || this.column == sibling.column || here.trim_start().starts_with('-') {
        return None;
    }
    let (deeper, by) = if this.column > sibling.column {
        ("deeper", this.column - sibling.column)
    } else {
        ("less", sibling.column - this.column)
    };
    let spaces = |n: usize| {
        if n == 1 {
            "1 space".to_string()
        } else {
            format!("{n} spaces")
        }
    };
    Some(
        Diagnostic::error(
            "indentation",
            format!(
                "this line is indented {} {deeper} than `{}:` on line {}, the key above it",
                spaces(by),
                sibling.key,
                p + 1
            ),
        )
        .at(locate(index + 1, this.column + 1, this.key.len()))
        .hint(format!(
            "the keys of one mapping line up: {} `{}:` {}, as `{}:` is{}",
            if sibling.column == 0 { "write" } else { "indent" },
            this.key,
            if sibling.column == 0 {
                "at the start of the line".to_string()
            } else {
                format!("by {}", spaces(sibling.column))
            },
            sibling.key,
            if deeper == "deeper" {
                " (a key cannot go under one that already has a value)"
            } else {
                ""
            }
        )),
    )
}

fn tab_indentation(
    line: usize,
    column: usize,
    above: Option<(usize, &str)>,
    locate: &impl Fn(usize, usize, usize) -> Location,
) -> Diagnostic {
    let fix = above.and_then(|(p, l)| Some((p, key_line(l)?))).map(|(p, k)| {
        if k.value.is_empty() {
            format!(": {} spaces nest it under `{}:` on line {}", k.column + 2, k.key, p + 1)
        } else {
            format!(": {} spaces line it up with `{}:` on line {}", k.column, k.key, p + 1)
        }
    });
    Diagnostic::error(
        "tab-indentation",
        "this line is indented with a tab, and YAML allows only spaces for indentation",
    )
    .at(locate(line, column, 1))
    .hint(format!(
        "replace the tab (shown as `→`) with spaces{}",
        fix.unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_read_after_indentation_and_list_dashes() {
        let k = key_line("    - name: Ana").unwrap();
        assert_eq!((k.column, k.key, k.value), (6, "name", "Ana"));
        let k = key_line("links:").unwrap();
        assert_eq!((k.column, k.key, k.value), (0, "links", ""));
        let k = key_line("  url: https://example.org").unwrap();
        assert_eq!((k.column, k.key, k.value), (2, "url", "https://example.org"));
        assert!(key_line("  # comment: x").is_none());
        assert!(key_line("  - plain item").is_none());
    }
}
