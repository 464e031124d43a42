//! Every YAML call of dacibook lives here, so that swapping the YAML library touches one file.
//!
//! Values are deserialized with serde_yaml (which reports syntax and type errors with a line and
//! column). serde_yaml does not say where each value came from, so a second, event-level pass
//! (yaml-rust2's parser) records the position of every key and value by its path, e.g.
//! `stages/testing/sign-off/by`; the checker uses it to point at the exact place of a problem.

use crate::diagnostic::Diagnostic;
use crate::source::{Location, SourceFile};
use crate::suggest;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Position of a node: 1-based line and column, and a length in bytes for underlining.
#[derive(Debug, Clone, Copy)]
struct Pos {
    line: usize,
    column: usize,
    len: usize,
}

#[derive(Debug, Default, Clone, Copy)]
struct Entry {
    key: Option<Pos>,
    value: Option<Pos>,
}

/// Where each key and value of a YAML document is, by path (`a/b/0/c`).
#[derive(Debug, Default, Clone)]
pub struct Locations {
    entries: HashMap<String, Entry>,
    /// Keys written a second time in the same mapping: path → the second one.
    duplicates: std::collections::BTreeMap<String, Pos>,
}

/// A parsed document together with the means to locate any of its paths in the file.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub locator: Locator,
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Turns a path inside a document into a [`Location`] in its file. The positions are found
/// on first use only: a book without problems never pays for the second pass.
#[derive(Debug, Clone)]
pub struct Locator {
    file: SourceFile,
    /// Where the YAML text sits in the file (all of it, or a page's front matter).
    range: std::ops::Range<usize>,
    line_offset: usize,
    locations: std::sync::OnceLock<Locations>,
}

impl Locator {
    /// The location of the value at `path`, or of its nearest existing ancestor.
    pub fn value(&self, path: &str) -> Location {
        self.find(path, |e| e.value.or(e.key))
    }

    /// The location of the key at `path` (falls back like [`Locator::value`]).
    pub fn key(&self, path: &str) -> Location {
        self.find(path, |e| e.key.or(e.value))
    }

    /// Whether the document has anything at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.locations().entries.contains_key(path)
    }

    /// The second occurrence of key `key` in the mapping at `path` (or below it).
    pub fn duplicate(&self, path: &str, key: &str) -> Option<Location> {
        let locations = self.locations();
        let exact = join(path, key);
        let pos = locations.duplicates.get(&exact).or_else(|| {
            locations
                .duplicates
                .iter()
                .filter(|(p, _)| p.starts_with(path) && p.rsplit('/').next() == Some(key))
                .map(|(_, pos)| pos)
                .next()
        })?;
        Some(self.file.location(pos.line + self.line_offset, pos.column, pos.len))
    }

    fn locations(&self) -> &Locations {
        self.locations
            .get_or_init(|| locate(self.file.text.get(self.range.clone()).unwrap_or("")))
    }

    /// The file this locator points into.
    pub fn file(&self) -> &SourceFile {
        &self.file
    }

    fn find(&self, path: &str, pick: impl Fn(&Entry) -> Option<Pos>) -> Location {
        let mut p = path;
        loop {
            if let Some(pos) = self.locations().entries.get(p).and_then(&pick) {
                return self.file.location(pos.line + self.line_offset, pos.column, pos.len);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None if !p.is_empty() => p = "",
                None => return self.file.location(1 + self.line_offset, 1, 1),
            }
        }
    }
}

/// Parses the YAML at byte range `range` of `file`, which starts at line `line_offset + 1`
/// (the whole file, or a page's front matter).
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    range: std::ops::Range<usize>,
    line_offset: usize,
) -> Result<Located<T>, Diagnostic> {
    let text = file.text.get(range.clone()).unwrap_or("");
    let locator = Locator {
        file: file.clone(),
        range,
        line_offset,
        locations: std::sync::OnceLock::new(),
    };
    match serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text)) {
        Ok(value) => Ok(Located { value, locator }),
        Err(e) => {
            let shown = e.path().to_string();
            let shown = if shown == "." { String::new() } else { shown };
            Err(serde_error(&locator, text, &path_of(e.path()), &shown, e.inner()))
        }
    }
}

/// A YAML document as a JSON value, as an editor's schema validator sees it (for tests and
/// tools that check documents against the editor schemas).
pub fn to_json(text: &str) -> Result<serde_json::Value, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// serde's path of a failure as a locator path (`stages/plan/started`).
fn path_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<String> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect();
    segments.join("/")
}

fn serde_error(locator: &Locator, text: &str, path: &str, shown_path: &str, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let message = readable(strip_path(strip_location(&full)));
    let quoted = message.split('`').nth(1).map(str::to_string);
    // Where to point: a repeated key at its second occurrence, an unknown key at the key,
    // anything else at the value serde was reading; syntax errors where the parser stopped.
    let place = if message.starts_with("duplicate") {
        quoted.as_ref().and_then(|k| locator.duplicate(path, k))
    } else if message.starts_with("unknown field") {
        quoted.as_ref().map(|k| {
            let at = if path.rsplit('/').next() == Some(k.as_str()) {
                path.to_string()
            } else {
                join(path, k)
            };
            locator.key(&at)
        })
    } else if !path.is_empty() && locator.has(path) {
        Some(locator.value(path))
    } else {
        None
    };
    let location = place.unwrap_or_else(|| match e.location() {
        Some(l) => locator
            .file
            .location(l.line() + locator.line_offset, l.column(), token_len(text, l.index())),
        None => locator.file.location(1 + locator.line_offset, 1, 1),
    });
    let (code, hint) = if message.starts_with("unknown field") {
        ("unknown-key", expected_hint(&message, "keys"))
    } else if message.starts_with("unknown variant") {
        ("unknown-value", expected_hint(&message, "values"))
    } else if message.starts_with("missing field") {
        (
            "missing-key",
            Some("add the key; docs/formats.md lists the keys of each file".to_string()),
        )
    } else if message.starts_with("duplicate") {
        (
            "duplicate-key",
            Some("remove one of the two entries, or merge them".to_string()),
        )
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        (
            "wrong-type",
            Some("docs/formats.md shows the expected form of each key".to_string()),
        )
    } else if path.is_empty() || e.location().is_some() && !locator.has(path) {
        ("yaml-syntax", None)
    } else {
        ("wrong-value", None)
    };
    // For an unknown key serde's path ends with the key itself; the message names it anyway.
    let shown_path = match &quoted {
        Some(k) if message.starts_with("unknown field") => {
            shown_path.strip_suffix(&format!(".{k}")).unwrap_or(shown_path)
        }
        _ => shown_path,
    };
    let message = if shown_path.is_empty() || shown_path == "." {
        message
    } else {
        format!("{shown_path}: {message}")
    };
    Diagnostic::error(code, message).at(location).maybe_hint(hint)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}/{key}")
    }
}

// serde_yaml prefixes its own (shorter) path, e.g. "stages.plan: "; ours replaces it.
fn strip_path(message: &str) -> &str {
    match message.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => rest,
        _ => message,
    }
}

// Rust type names mean nothing to an author.
fn readable(message: &str) -> String {
    [
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected f64", "expected a number"),
        ("expected a YAML tag starting with '!'", "expected a single value"),
    ]
    .iter()
    .fold(message.to_string(), |m, (from, to)| m.replace(from, to))
}

// serde_yaml appends " at line L column C" to its messages; the location is printed separately.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    }
}

// For "unknown field `titel`, expected one of `title`, `summary`": suggest the nearest.
fn expected_hint(message: &str, what: &str) -> Option<String> {
    let ticks: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (unknown, expected) = ticks.split_first()?;
    if expected.is_empty() {
        return Some(format!("no {what} are allowed here"));
    }
    suggest::did_you_mean(unknown, expected.iter().copied(), what)
}

fn token_len(text: &str, index: usize) -> usize {
    let rest = text.get(index..).unwrap_or("");
    rest.find(['\n', '\r', ':', ',']).filter(|&n| n > 0).unwrap_or(1)
}

/// Records the position of every key and value by path. A document that does not scan yields
/// no positions (serde_yaml has already reported the syntax error by then).
fn locate(text: &str) -> Locations {
    let mut recorder = Recorder {
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        stack: Vec::new(),
        locations: Locations::default(),
    };
    let mut parser = Parser::new_from_str(text);
    if parser.load(&mut recorder, false).is_err() {
        return Locations::default();
    }
    recorder.locations
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
    // A mapping or sequence used as a mapping key: its content has no path.
    ComplexKey {
        depth: usize,
    },
}

struct Recorder<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    locations: Locations,
}

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
        let line = &self.text[start..];
        line.char_indices()
            .nth(mark.col())
            .map_or(self.text.len(), |(i, _)| start + i)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Doc {
        title: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Item {
        name: String,
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new("doc.yaml", text)
    }

    #[test]
    fn locates_nested_values_by_path() {
        let text = "title: Hello\nitems:\n  - name: one\n  - name: \"two\"\n";
        let f = file(text);
        let doc = parse::<Doc>(&f, 0..text.len(), 0).unwrap();
        assert_eq!(doc.value.title, "Hello");
        assert_eq!(doc.value.items[1].name, "two");
        let loc = doc.locator.value("items/1/name");
        assert_eq!((loc.line, loc.column), (4, 11));
        assert_eq!(&text[loc.bytes.clone()], "\"two\"");
        let key = doc.locator.key("items/0/name");
        assert_eq!((key.line, key.column), (3, 5));
        // A missing path falls back to its nearest ancestor.
        let missing = doc.locator.value("items/0/nope");
        assert_eq!((missing.line, missing.column), (3, 5));
    }

    #[test]
    fn unknown_key_names_line_column_and_nearest_key() {
        let text = "titel: Hello\n";
        let f = file(text);
        let err = parse::<Doc>(&f, 0..text.len(), 0).unwrap_err();
        assert_eq!(err.code, "unknown-key");
        assert!(err.message.contains("unknown field `titel`"), "{}", err.message);
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (1, 1));
        assert_eq!(err.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn syntax_error_points_into_the_file_with_offset() {
        let f = file("---\ntitle: [unclosed\n---\n");
        let err = parse::<Doc>(&f, 4..21, 1).unwrap_err();
        assert_eq!(err.location.unwrap().line, 2);
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn type_error_names_the_path() {
        let text = "title: Hello\nitems:\n  - name: [1]\n";
        let f = file(text);
        let err = parse::<Doc>(&f, 0..text.len(), 0).unwrap_err();
        assert_eq!(err.code, "wrong-type");
        assert!(err.message.contains("items[0].name"), "{}", err.message);
        assert_eq!(err.location.unwrap().line, 3);
    }
}
