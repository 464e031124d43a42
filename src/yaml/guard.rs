//! Checks for input that the YAML parsers handle badly or explain poorly: collections nested
//! hundreds of levels deep (libyaml's scanner slows down with the depth of flow nesting, to
//! tens of seconds on a line of brackets), control characters, and a second document.

use crate::diagnostic::Diagnostic;
use crate::source::Location;
use yaml_rust2::scanner::Marker;

/// Brackets nested deeper than this (counted roughly, quotes and comments included) make the
/// exact check run. No record or process needs more than a handful of levels.
const ROUGH_DEPTH: usize = 64;

/// The deepest nesting of `[` and `{` in `text`, counted without regard to quotes, comments or
/// block scalars, so it is never below the real flow depth (and often above it).
fn rough_flow_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Where `text` nests collections past what yaml-rust2 accepts (its recursion limit), as a
/// 1-based line and a 0-based character column; `None` when it does not.
fn too_deep(text: &str) -> Option<Marker> {
    if rough_flow_depth(text) <= ROUGH_DEPTH {
        return None;
    }
    match super::locate::each_event(text, |_, _| {}) {
        Err(e) if e.info().contains("recursion limit") => Some(*e.marker()),
        _ => None,
    }
}

/// A problem found before the document is handed to serde_yaml (deep nesting only: it is the
/// one that costs time). `locate(line, column)` turns a 1-based line and character column of
/// the YAML text into a location in its file.
pub(super) fn before_parsing(text: &str, locate: impl Fn(usize, usize) -> Location) -> Option<Diagnostic> {
    if let Some((line, column, c)) = odd_line_break(text) {
        let (name, escape) = match c {
            '\r' => ("a carriage return (CR) without a line feed", "\\r"),
            '\u{85}' => ("a NEXT LINE character (U+0085)", "\\N"),
            '\u{2028}' => ("a LINE SEPARATOR character (U+2028)", "\\L"),
            _ => ("a PARAGRAPH SEPARATOR character (U+2029)", "\\P"),
        };
        return Some(
            Diagnostic::error("line-break", format!("{name}: YAML reads it as a line break"))
                .at(locate(line, column))
                .hint(format!(
                    "save the file with LF or CRLF line endings; in text meant to hold it, write it as `{escape}` inside double quotes"
                )),
        );
    }
    let at = too_deep(text)?;
    Some(
        Diagnostic::error("too-deep", "lists or mappings are nested too deeply here (hundreds of levels)")
            .at(locate(at.line(), at.col() + 1))
            .hint("no key of a dacibook file nests more than a few levels; look for `[` or `{` that are never closed, or quote the text"),
    )
}

/// A clearer diagnostic than serde_yaml's for two of its messages, which give no line: a
/// control character ("at position N") and a second document in the file.
pub(super) fn explain(
    message: &str,
    line: Option<usize>,
    text: &str,
    locate: impl Fn(usize, usize) -> Location,
) -> Option<Diagnostic> {
    if message.contains("could not find expected ':'") && message.contains("while scanning a simple key") {
        // Where the key started, when libyaml says ("while scanning a simple key at line 3").
        let line = opened_at(message).map_or(line, |(_, l, _)| Some(l))?;
        return Some(
            Diagnostic::error("yaml-syntax", "this line starts a key that never ends with `:`")
                .at(locate(line, 1))
                .hint("a key and its `:` must be on one line, within 1,024 characters; if the line is a value, indent it under its key or quote it"),
        );
    }
    if message.starts_with("control characters are not allowed") {
        let (line, column, c) = first_control_character(text)?;
        return Some(
            Diagnostic::error(
                "control-character",
                format!(
                    "the file holds a control character (U+{:04X}), which YAML does not allow",
                    c as u32
                ),
            )
            .at(locate(line, column))
            .hint(
                "delete it (most editors do not show it; it often comes from text pasted out of a terminal or a PDF)",
            ),
        );
    }
    if let Some((what, line, column)) = unclosed(message) {
        let (message, hint) = match what {
            "parsing a flow sequence" => (
                "this `[` is never closed",
                "close the list with `]`, or quote the value if the `[` belongs to the text",
            ),
            "parsing a flow mapping" => (
                "this `{` is never closed",
                "close the mapping with `}`, or quote the value if the `{` belongs to the text",
            ),
            _ => (
                "this quote is never closed",
                "end the text with the same quote; inside it, write a ' as '' (single quotes) or a \" as \\\" (double quotes)",
            ),
        };
        return Some(
            Diagnostic::error("yaml-syntax", message)
                .at(locate(line, column))
                .hint(hint),
        );
    }
    if message.starts_with("missing field") && text.lines().all(|l| is_blank(l) || l == "---" || l == "...") {
        let message = super::strip_location(message);
        let d = Diagnostic::error(
            "empty-document",
            format!("there is nothing here but blank lines and comments ({message})"),
        )
        .at(locate(1, 1))
        .hint("write the keys it needs (`dacibook explain missing-key` says which), or delete the file");
        return Some(d);
    }
    if message.contains("more than one document") {
        let line = second_document(text)?;
        return Some(
            Diagnostic::error("more-than-one-document", "the file holds more than one YAML document")
                .at(locate(line, 1))
                .hint("a file holds one document: remove this `---` line, or move what follows into a file of its own"),
        );
    }
    None
}

/// A hint for libyaml's most common syntax errors.
pub(super) fn syntax_hint(message: &str, at: Option<char>) -> Option<String> {
    let hint = if at == Some('\t') {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else if message.starts_with("did not find expected key") {
        "this line does not continue the mapping above: check its indentation, and whether a quote ends the text early (inside single quotes, write ' as '')"
    } else if message.starts_with("mapping values are not allowed in this context") {
        "a second `: ` on one line: quote the value (`key: \"a: b\"`), or put the nested key on a line of its own, indented"
    } else if message.starts_with("found character that cannot start any token") {
        "a value cannot start with this character (` @ or %, say): quote the value"
    } else {
        return None;
    };
    Some(hint.to_string())
}

/// libyaml's "…, while parsing a flow sequence at line 1 column 8": what was left open, and
/// where it was opened.
fn unclosed(message: &str) -> Option<(&str, usize, usize)> {
    opened_at(message).filter(|(what, ..)| {
        [
            "parsing a flow sequence",
            "parsing a flow mapping",
            "scanning a quoted scalar",
        ]
        .contains(what)
    })
}

/// libyaml's context of an error: "…, while <what> at line L column C".
fn opened_at(message: &str) -> Option<(&str, usize, usize)> {
    let (_, context) = message.rsplit_once(", while ")?;
    let (what, place) = context.rsplit_once(" at line ")?;
    let (line, column) = place.split_once(" column ")?;
    Some((what, line.parse().ok()?, column.parse().ok()?))
}

/// The first line break YAML knows and the book's line counting does not (a lone CR, NEL,
/// LS or PS), by its line and column as counted with LF (1-based). Left in, it would put the
/// parsers' positions on other lines than the file's.
fn odd_line_break(text: &str) -> Option<(usize, usize, char)> {
    let bytes = text.as_bytes();
    let cr = lone_cr(bytes);
    let other = ['\u{85}', '\u{2028}', '\u{2029}']
        .iter()
        .filter_map(|c| text.find(*c))
        .min();
    let at = match (cr, other) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[start..at].chars().count() + 1;
    Some((line, column, text[at..].chars().next()?))
}

fn lone_cr(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .find(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .map(|(i, _)| i)
}

/// YAML's printable characters are tab, line breaks, U+0020–U+007E, U+0085, U+00A0–U+D7FF,
/// U+E000–U+FFFD and above U+FFFF; the first other one, with its line and column (1-based).
fn first_control_character(text: &str) -> Option<(usize, usize, char)> {
    let printable = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c > '\u{ffff}'
    };
    text.lines().enumerate().find_map(|(i, line)| {
        line.chars()
            .enumerate()
            .find(|&(_, c)| !printable(c))
            .map(|(col, c)| (i + 1, col + 1, c))
    })
}

/// A line with nothing but spaces, a comment or a directive.
fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#') || line.starts_with('%')
}

/// The line (1-based) of the `---` that starts a second document: a marker after some content.
fn second_document(text: &str) -> Option<usize> {
    let mut content = false;
    for (i, line) in text.lines().enumerate() {
        let marker = line == "---" || line.starts_with("--- ") || line.starts_with("---\t");
        if marker && content {
            return Some(i + 1);
        }
        content |= !is_blank(line) && !marker;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rough_depth_counts_every_bracket_and_never_goes_below_zero() {
        assert_eq!(rough_flow_depth("a: [1, {b: [2]}]"), 3);
        assert_eq!(rough_flow_depth("]]]] [x]"), 1);
        assert_eq!(rough_flow_depth("text: '[[[['"), 4);
    }

    #[test]
    fn deep_flow_nesting_is_found_where_it_passes_the_limit() {
        let text = format!("title: x\nsummary: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let at = too_deep(&text).expect("too deep");
        assert_eq!(at.line(), 2);
        assert!(at.col() > 9 && at.col() < 1000, "{}", at.col());
    }

    #[test]
    fn many_brackets_in_text_are_not_nesting() {
        let text = format!("title: x\nsummary: |\n  {}\n", "[".repeat(1000));
        assert!(rough_flow_depth(&text) > ROUGH_DEPTH);
        assert!(too_deep(&text).is_none());
        let shallow = format!("a: {}{}\n", "[".repeat(50), "]".repeat(50));
        assert!(too_deep(&shallow).is_none());
    }

    #[test]
    fn line_breaks_other_than_lf_and_crlf_are_found_where_they_are() {
        assert_eq!(odd_line_break("a: 1\r\nb: 2\r\n"), None);
        assert_eq!(odd_line_break("a: 1\nb: é\rc"), Some((2, 5, '\r')));
        assert_eq!(odd_line_break("a: x\u{2028}y\r"), Some((1, 5, '\u{2028}')));
        assert_eq!(odd_line_break("a\n\nb\u{85}"), Some((3, 2, '\u{85}')));
    }

    #[test]
    fn what_was_left_open_is_read_from_the_message() {
        let m = "did not find expected ',' or ']' at line 2 column 7, while parsing a flow sequence at line 1 column 8";
        assert_eq!(unclosed(m), Some(("parsing a flow sequence", 1, 8)));
        let m = "found unexpected end of stream at line 3 column 1, while scanning a quoted scalar at line 1 column 8";
        assert_eq!(unclosed(m), Some(("scanning a quoted scalar", 1, 8)));
        assert_eq!(
            unclosed("mapping values are not allowed in this context at line 1 column 9"),
            None
        );
    }

    #[test]
    fn control_characters_are_found_by_line_and_column() {
        assert_eq!(first_control_character("a: 1\nb: x\u{0}y\n"), Some((2, 5, '\u{0}')));
        assert_eq!(first_control_character("a: \u{7f}"), Some((1, 4, '\u{7f}')));
        assert_eq!(first_control_character("a: é\tñ 😀\r\n"), None);
    }

    #[test]
    fn a_second_document_starts_at_a_marker_after_content() {
        assert_eq!(second_document("---\ntitle: a\n---\ntitle: b\n"), Some(3));
        assert_eq!(second_document("# c\n---\ntitle: a\n--- x\n"), Some(4));
        assert_eq!(second_document("title: a\n"), None);
        assert_eq!(second_document("summary: |\n  ---\n"), None);
    }
}
