//! What a diagnostic quotes of a line that cannot be printed as it is: a line of megabytes is
//! cut to a window around the problem, control characters (a terminal would obey an escape
//! sequence) and bidirectional overrides are shown as `\u{..}` escapes, and a tab as `→`.

use crate::source::{Location, SourceFile};
use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// Lines longer than this (in bytes) are cut around the problem.
const LONG_LINE: usize = 200;
/// How much of a long line is shown before the problem.
const BEFORE: usize = 60;
/// Messages longer than this (in characters) are cut.
const LONG_MESSAGE: usize = 400;

/// Whether `c` must not reach a terminal as it is.
fn unprintable(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// `text` with every unprintable character written as an escape.
pub(super) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unprintable(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// A quoted source line as it is shown: printable, and with each tab as `→`, so that a tab
/// the diagnostic is about can be seen (and lines up with its caret).
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    match printable(text) {
        t if t.contains('\t') => t.replace('\t', "→").into(),
        t => t,
    }
}

/// A message, hint or label made safe for a terminal and cut when very long (a key of a
/// megabyte quoted in "unknown field" must not fill the screen).
pub(super) fn message(text: &str) -> String {
    let shown = printable(text);
    match shown.char_indices().nth(LONG_MESSAGE) {
        Some((i, _)) => format!("{}…", &shown[..i]),
        None => shown.into_owned(),
    }
}

/// Whether the line of `loc` in `source` has to be quoted through an excerpt.
pub(super) fn needs_excerpt(source: &SourceFile, loc: &Location) -> bool {
    let line = &source.text[source.line_range(loc.bytes.start)];
    line.len() > LONG_LINE || line.chars().any(|c| unprintable(c) || c == '\t')
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Line {
    number: usize,
    /// Where the quoted line sits in `Excerpt::text`.
    shown: Range<usize>,
    /// The part of the source line it shows, and where that part starts in `shown`.
    window: Range<usize>,
    offset: usize,
}

/// The quoted lines of one file.
struct Excerpt {
    path: std::path::PathBuf,
    name: String,
    text: String,
    lines: Vec<Line>,
}

/// Quoted lines of the files a diagnostic points into, as codespan reads files.
#[derive(Default)]
pub(super) struct Excerpts {
    files: Vec<Excerpt>,
}

impl Excerpts {
    /// Adds the line of `loc` (once per line) and returns the file id and the label's range
    /// in the quoted text.
    pub(super) fn add(&mut self, source: &SourceFile, loc: &Location) -> (usize, Range<usize>) {
        let id = match self.files.iter().position(|f| f.path == loc.file) {
            Some(id) => id,
            None => {
                self.files.push(Excerpt {
                    path: loc.file.clone(),
                    name: loc.file.display().to_string(),
                    text: String::new(),
                    lines: Vec::new(),
                });
                self.files.len() - 1
            }
        };
        let file = &mut self.files[id];
        let text = &source.text;
        let label = loc.bytes.start.min(text.len())..loc.bytes.end.min(text.len());
        let whole = source.line_range(label.start);
        if !file.lines.iter().any(|l| l.number == loc.line) {
            let start = floor_boundary(text, label.start.saturating_sub(BEFORE).max(whole.start));
            let end = floor_boundary(text, (start + LONG_LINE).min(whole.end));
            let mut shown = String::new();
            if start > whole.start {
                shown.push('…');
            }
            let offset = shown.len();
            shown += &self::shown(&text[start..end]);
            if end < whole.end {
                shown.push('…');
            }
            let at = file.text.len();
            file.text += &shown;
            file.text.push('\n');
            file.lines.push(Line {
                number: loc.line,
                shown: at..at + shown.len(),
                window: start..end,
                offset,
            });
        }
        let line = file.lines.iter().find(|l| l.number == loc.line).expect("added above");
        // Where a source byte lands in the quoted line (escapes make the text longer).
        let place = |byte: usize| {
            let byte = floor_boundary(text, byte.clamp(line.window.start, line.window.end));
            line.shown.start + line.offset + self::shown(&text[line.window.start..byte]).len()
        };
        let from = place(label.start);
        let to = place(label.end).max(from + 1).min(line.shown.end.max(from + 1));
        (id, from..to)
    }
}

impl<'a> Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.files.get(id).ok_or(Error::FileMissing)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.files.get(id).ok_or(Error::FileMissing)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(file
            .lines
            .iter()
            .position(|l| byte_index <= l.shown.end)
            .unwrap_or(file.lines.len().saturating_sub(1)))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, Error> {
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(file.lines.get(line_index).map_or(1, |l| l.number))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        let line = file.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: file.lines.len(),
        })?;
        Ok(line.shown.start..line.shown.end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped_and_tabs_kept() {
        assert_eq!(printable("a\u{1b}[2Jb\tc"), "a\\u{1b}[2Jb\tc");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
        assert!(matches!(printable("plain é"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_tab_in_a_quoted_line_is_shown_as_an_arrow_under_its_caret() {
        let text = "links:\n \tticket: x\n";
        let source = SourceFile::new("r.yaml", text);
        let loc = source.location_of_bytes(8..9);
        assert!(needs_excerpt(&source, &loc));
        let mut ex = Excerpts::default();
        let (id, range) = ex.add(&source, &loc);
        assert_eq!(ex.source(id).unwrap(), " →ticket: x\n");
        assert_eq!(&ex.source(id).unwrap()[range], "→");
    }

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        let m = message(&"é".repeat(1000));
        assert_eq!(m.chars().count(), LONG_MESSAGE + 1);
        assert!(m.ends_with('…'));
    }

    #[test]
    fn a_long_line_is_cut_around_the_label() {
        let text = format!("title: x\nteam: {}BAD{}\n", "a".repeat(5000), "b".repeat(5000));
        let source = SourceFile::new("r.yaml", text.clone());
        let at = text.find("BAD").unwrap();
        let loc = source.location_of_bytes(at..at + 3);
        assert!(needs_excerpt(&source, &loc));
        let mut ex = Excerpts::default();
        let (id, range) = ex.add(&source, &loc);
        let shown = ex.source(id).unwrap();
        assert_eq!(&shown[range], "BAD");
        assert!(shown.starts_with('…') && shown.trim_end().ends_with('…'), "{shown}");
        assert!(shown.len() < LONG_LINE + 10);
        assert_eq!(ex.line_number(id, 0).unwrap(), 2);
    }

    #[test]
    fn a_label_after_a_control_character_still_underlines_its_text() {
        let text = "a: \u{0}x\u{7}\nb: ok\n";
        let source = SourceFile::new("r.yaml", text);
        let loc = source.location_of_bytes(4..5);
        assert!(needs_excerpt(&source, &loc));
        let mut ex = Excerpts::default();
        let (id, range) = ex.add(&source, &loc);
        assert_eq!(&ex.source(id).unwrap()[range], "x");
        assert_eq!(ex.source(id).unwrap(), "a: \\u{0}x\\u{7}\n");
    }
}
