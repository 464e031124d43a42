//! The position of every key and value of a YAML document, found by an event-level pass
//! (yaml-rust2's parser), since serde_yaml does not say where each value came from.

use super::{Locations, Pos};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

/// Records the position of every key and value by path. A document that does not scan yields
/// no positions (serde_yaml has already reported the syntax error by then).
pub(super) fn locate(text: &str) -> Locations {
    let mut recorder = Recorder {
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        stack: Vec::new(),
        locations: Locations::default(),
        cursor: std::cell::Cell::new((0, 0, 0)),
    };
    if each_event(text, |ev, mark| recorder.on_event(ev, mark)).is_err() {
        return Locations::default();
    }
    recorder.locations
}

/// Feeds the events of the first document of `text` to `f`, one after the other. (The
/// parser's own `load` recurses once per level of nesting, which overflows the stack on a
/// document nested a few thousand levels deep.)
pub(super) fn each_event(text: &str, mut f: impl FnMut(Event, Marker)) -> Result<(), ScanError> {
    let mut parser = Parser::new_from_str(text);
    loop {
        let (ev, mark) = parser.next_token()?;
        let end = matches!(ev, Event::DocumentEnd | Event::StreamEnd);
        f(ev, mark);
        if end {
            return Ok(());
        }
    }
}

enum Frame {
    Mapping {
        path: String,
        key: Option<String>,
        start: Marker,
    },
    Sequence {
        path: String,
        index: usize,
        start: Marker,
    },
    // A mapping or sequence used as a mapping key, or nested too deep: its content has no path.
    ComplexKey {
        depth: usize,
    },
}

struct Recorder<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    locations: Locations,
    /// The last (line, column) → byte index found, so that walking along one long line (a
    /// flow collection of 100,000 items) stays linear.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

/// Collections nested deeper than this are parsed but their inner positions are not recorded:
/// no key of a record or process lies this deep, and it keeps the pass linear on hostile input.
const MAX_PLACED_DEPTH: usize = 32;

enum Slot {
    Key(String),
    Value(String),
    Ignored,
}

impl Recorder<'_> {
    fn join(path: &str, seg: &str) -> String {
        if path.is_empty() {
            seg.to_string()
        } else {
            format!("{path}/{seg}")
        }
    }

    /// Where the next node goes: a key of the current mapping or a value at some path.
    fn slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot::Value(String::new()),
            Some(Frame::Mapping { path, key: None, .. }) => Slot::Key(path.clone()),
            Some(Frame::Mapping { path, key: Some(k), .. }) => Slot::Value(Self::join(path, k)),
            Some(Frame::Sequence { path, index, .. }) => Slot::Value(Self::join(path, &index.to_string())),
            Some(Frame::ComplexKey { .. }) => Slot::Ignored,
        }
    }

    /// After a complete node: a mapping alternates key and value, a sequence counts.
    fn advance(&mut self, key_text: Option<String>) {
        match self.stack.last_mut() {
            Some(Frame::Mapping { key, .. }) => {
                *key = match key {
                    None => Some(key_text.unwrap_or_else(|| "?".to_string())),
                    Some(_) => None,
                }
            }
            Some(Frame::Sequence { index, .. }) => *index += 1,
            _ => {}
        }
    }

    fn pos(&self, mark: Marker, len: usize) -> Pos {
        Pos {
            line: mark.line(),
            column: mark.col() + 1,
            len,
        }
    }

    fn byte_index(&self, mark: Marker) -> usize {
        let start = self
            .line_starts
            .get(mark.line().saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let (line, col, byte) = self.cursor.get();
        let (from_col, from_byte) = if line == mark.line() && col <= mark.col() {
            (col, byte)
        } else {
            (0, start)
        };
        let found = self.text[from_byte.min(self.text.len())..]
            .char_indices()
            .nth(mark.col() - from_col)
            .map_or(self.text.len(), |(i, _)| from_byte + i);
        self.cursor.set((mark.line(), mark.col(), found));
        found
    }

    fn scalar_len(&self, mark: Marker, value: &str, style: TScalarStyle) -> usize {
        let at = &self.text[self.byte_index(mark).min(self.text.len())..];
        match style {
            TScalarStyle::Plain if at.starts_with(value) && !value.is_empty() => value.len(),
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
                let q = if style == TScalarStyle::SingleQuoted { '\'' } else { '"' };
                at[1..].find(q).map_or(value.len() + 2, |i| i + 2)
            }
            _ => 1,
        }
    }

    fn record(&mut self, mark: Marker, len: usize, key_text: Option<&str>) {
        let pos = self.pos(mark, len);
        // A block collection starts where its first child does (the parser's own start mark
        // for it lies elsewhere), so the first child also places its parent.
        if let Some(Frame::Mapping { path, .. } | Frame::Sequence { path, .. }) = self.stack.last() {
            let parent = self.locations.entries.entry(path.clone()).or_default();
            if parent.value.is_none() {
                parent.value = Some(pos);
            }
        }
        match self.slot() {
            Slot::Key(path) => {
                if let Some(k) = key_text {
                    let full = Self::join(&path, k);
                    let entry = self.locations.entries.entry(full.clone()).or_default();
                    if entry.key.is_some() {
                        self.locations.duplicates.entry(full).or_insert(pos);
                    } else {
                        entry.key = Some(pos);
                    }
                }
            }
            Slot::Value(path) => {
                self.locations.entries.entry(path).or_default().value = Some(pos);
            }
            Slot::Ignored => {}
        }
    }

    fn open(&mut self, mark: Marker, sequence: bool) {
        if let Some(Frame::ComplexKey { depth }) = self.stack.last_mut() {
            *depth += 1;
            return;
        }
        match self.slot() {
            Slot::Key(_) => self.stack.push(Frame::ComplexKey { depth: 1 }),
            Slot::Value(_) if self.stack.len() >= MAX_PLACED_DEPTH => self.stack.push(Frame::ComplexKey { depth: 1 }),
            Slot::Value(path) => {
                // A flow collection starts at its bracket; a block one where its first child does.
                let at = &self.text[self.byte_index(mark).min(self.text.len())..];
                if at.starts_with(['[', '{']) {
                    self.record(mark, 1, None);
                }
                self.stack.push(if sequence {
                    Frame::Sequence {
                        path,
                        index: 0,
                        start: mark,
                    }
                } else {
                    Frame::Mapping {
                        path,
                        key: None,
                        start: mark,
                    }
                });
            }
            Slot::Ignored => {}
        }
    }

    fn close(&mut self) {
        if let Some(Frame::ComplexKey { depth }) = self.stack.last_mut() {
            *depth -= 1;
            if *depth > 0 {
                return;
            }
        }
        if let Some(Frame::Mapping { path, start, .. } | Frame::Sequence { path, start, .. }) = self.stack.pop() {
            // An empty collection (`[]`, `{}`) had no child to place it.
            let pos = self.pos(start, 1);
            self.locations.entries.entry(path).or_default().value.get_or_insert(pos);
        }
        self.advance(None);
    }
}

impl MarkedEventReceiver for Recorder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, ..) => {
                if matches!(self.stack.last(), Some(Frame::ComplexKey { .. })) {
                    return;
                }
                let len = self.scalar_len(mark, &value, style);
                let is_key = matches!(self.slot(), Slot::Key(_));
                self.record(mark, len, Some(&value));
                self.advance(is_key.then_some(value));
            }
            Event::Alias(_) => {
                if matches!(self.stack.last(), Some(Frame::ComplexKey { .. })) {
                    return;
                }
                self.record(mark, 1, Some("*"));
                self.advance(None);
            }
            Event::SequenceStart(..) => self.open(mark, true),
            Event::MappingStart(..) => self.open(mark, false),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}
