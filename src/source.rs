//! Source files and positions inside them, so every diagnostic can point at a line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A text file read from the book, with its path relative to the book root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the book root (what diagnostics print).
    pub path: PathBuf,
    /// The whole text, with a leading BOM removed.
    pub text: String,
    /// Every line: where it starts and ends (its first `\n` or `\r`) and whether it is all
    /// ASCII, so a position on a long line costs no walk along it (many problems on one line
    /// stay linear).
    lines: Vec<Line>,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    ascii: bool,
}

/// A place in a source file: 1-based line and column (in characters), and the byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub bytes: Range<usize>,
}

impl SourceFile {
    /// Wraps text read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let lines = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .map(|start| {
                let rest = &text.as_bytes()[start..];
                let len = rest
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(rest.len());
                Line {
                    start,
                    end: start + len,
                    ascii: rest[..len].is_ascii(),
                }
            })
            .collect();
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// The file's path relative to the book root.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&Line { start, end, ascii }) = self.lines.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        if ascii {
            return (start + column.saturating_sub(1)).min(end);
        }
        self.text[start..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_column_of(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let index = self.line_index(offset);
        let Line { start, end, ascii } = self.lines[index];
        let column = if ascii && offset <= end {
            offset - start + 1
        } else {
            self.text[start..offset].chars().count() + 1
        };
        (index + 1, column)
    }

    /// The byte range of the line that holds byte `offset`, without its line break.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let offset = offset.min(self.text.len());
        let index = self.line_index(offset);
        self.lines[index].start..self.end_from(index, offset)
    }

    /// A location spanning `len` bytes from a 1-based line and column (at least one character,
    /// never past the end of the line).
    pub fn location(&self, line: usize, column: usize, len: usize) -> Location {
        let start = self.offset_of(line, column);
        let line_end = self.line_end(start);
        let mut end = (start + len.max(1)).min(line_end.max(start));
        while end < self.text.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        Location {
            file: self.path.clone(),
            line,
            column,
            bytes: start..end,
        }
    }

    /// A location at a byte range.
    pub fn location_of_bytes(&self, bytes: Range<usize>) -> Location {
        let (line, column) = self.line_column_of(bytes.start);
        Location {
            file: self.path.clone(),
            line,
            column,
            bytes,
        }
    }

    /// The location of the whole first line (for problems that belong to the file as a whole).
    pub fn start(&self) -> Location {
        let end = self.line_end(0);
        Location {
            file: self.path.clone(),
            line: 1,
            column: 1,
            bytes: 0..end,
        }
    }

    /// The 0-based index of the line that holds byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start <= offset) - 1
    }

    /// Where the text from `from` on line `index` reaches a `\n` or `\r` (the line's end, or
    /// for a place between a CR and its LF, that LF).
    fn end_from(&self, index: usize, from: usize) -> usize {
        match self.lines[index].end {
            end if end >= from => end,
            _ => self.text[from..]
                .find(['\n', '\r'])
                .map_or(self.text.len(), |i| from + i),
        }
    }

    fn line_end(&self, start: usize) -> usize {
        self.end_from(self.line_index(start), start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_with_multibyte_characters() {
        let f = SourceFile::new("a.yaml", "title: é\nname: x\n");
        let off = f.offset_of(2, 7);
        assert_eq!(&f.text[off..off + 1], "x");
        assert_eq!(f.line_column_of(off), (2, 7));
        assert_eq!(f.offset_of(1, 8), "title: ".len());
    }

    #[test]
    fn bom_is_dropped_and_out_of_range_is_clamped() {
        let f = SourceFile::new("a.yaml", "\u{feff}a: 1");
        assert_eq!(f.text, "a: 1");
        assert_eq!(f.offset_of(9, 1), 4);
        let loc = f.location(1, 4, 10);
        assert_eq!(loc.bytes, 3..4);
    }

    #[test]
    fn ascii_and_other_lines_agree_on_places_and_line_ends() {
        let f = SourceFile::new("a.yaml", "ab: 1\r\néé: 2\nlast");
        assert_eq!(f.offset_of(1, 5), 4);
        assert_eq!(f.offset_of(1, 99), 5, "clamped before the CR");
        assert_eq!(f.offset_of(2, 3), 7 + 4);
        assert_eq!(f.line_column_of(7 + 4), (2, 3));
        assert_eq!(f.line_column_of(2), (1, 3));
        assert_eq!(f.location(1, 4, 50).bytes, 3..5);
        assert_eq!(f.location(2, 2, 50).bytes, 9..14);
        assert_eq!(f.location(3, 5, 1).bytes, 19..19);
        assert_eq!(f.start().bytes, 0..5);
        assert_eq!(f.line_range(3), 0..5);
        assert_eq!(f.line_range(8), 7..14);
        assert_eq!(f.line_range(99), 15..19);
    }
}
