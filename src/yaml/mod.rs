//! Every YAML call of dacibook lives here, so that swapping the YAML library touches one file.
//!
//! Values are deserialized with serde_yaml (which reports syntax and type errors with a line and
//! column). serde_yaml does not say where each value came from, so a second, event-level pass
//! (yaml-rust2's parser) records the position of every key and value by its path, e.g.
//! `stages/testing/sign-off/by`; the checker uses it to point at the exact place of a problem.

use crate::diagnostic::Diagnostic;
use crate::model::vocabulary;
use crate::source::{Location, SourceFile};
use crate::suggest;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

mod guard;
mod indent;
mod locate;

use locate::locate;

/// Separates the message of a custom deserialization error (e.g. a date that does not exist)
/// from its hint: the message comes first, the hint after this mark.
pub(crate) const HINT_MARK: &str = "\nhelp: ";

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

    /// The second occurrence of key `key` in the mapping at `path` (or below it), and the
    /// first one when it is known.
    pub fn duplicate(&self, path: &str, key: &str) -> Option<(Location, Option<Location>)> {
        let locations = self.locations();
        let exact = join(path, key);
        let (full, pos) = locations.duplicates.get_key_value(&exact).or_else(|| {
            locations
                .duplicates
                .iter()
                .find(|(p, _)| p.starts_with(path) && p.rsplit('/').next() == Some(key))
        })?;
        let at = |pos: &Pos| self.file.location(pos.line + self.line_offset, pos.column, pos.len);
        let first = locations.entries.get(full).and_then(|e| e.key).map(|pos| at(&pos));
        Some((at(pos), first))
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
    let at = |line: usize, column: usize| file.location(line + line_offset, column, 1);
    if let Some(d) = guard::before_parsing(text, at) {
        return Err(d);
    }
    match serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text)) {
        Ok(value) => Ok(Located { value, locator }),
        Err(e) => {
            // serde reads lazily, so a type error can come before a syntax error further on
            // (`title: [x` is "not a string" before it is "never closed"): syntax first.
            if let Err(syntax) = serde_yaml::from_str::<serde::de::IgnoredAny>(text) {
                let line = syntax.location().map(|l| l.line());
                let span = |line: usize, column: usize, len: usize| file.location(line + line_offset, column, len);
                return Err(guard::explain(&syntax.to_string(), line, text, at)
                    .or_else(|| indent::explain(line, text, span))
                    .unwrap_or_else(|| serde_error(&locator, text, "", "", &syntax)));
            }
            let line = e.inner().location().map(|l| l.line());
            if let Some(d) = guard::explain(&e.inner().to_string(), line, text, at) {
                return Err(d);
            }
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
    let message = readable(strip_path(&strip_location(&full)));
    let (message, own_hint) = match message.split_once(HINT_MARK) {
        Some((m, h)) => (m.to_string(), Some(h.to_string())),
        None => (message, None),
    };
    let quoted = message.split('`').nth(1).map(str::to_string);
    // Where to point: a repeated key at its second occurrence, an unknown key at the key,
    // anything else at the value serde was reading; syntax errors where the parser stopped.
    let duplicate = quoted
        .as_ref()
        .filter(|_| message.starts_with("duplicate"))
        .and_then(|k| locator.duplicate(path, k));
    let place = if message.starts_with("duplicate") {
        duplicate.as_ref().map(|(second, _)| second.clone())
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
    } else if message.starts_with("unknown value") {
        let hint = quoted.as_deref().and_then(|word| vocabulary::near_miss(path, word));
        ("unknown-value", hint.or_else(|| expected_hint(&message, "values")))
    } else if let Some(values) = missing_enum_key(path, quoted.as_deref(), &message) {
        ("missing-key", Some(values))
    } else if message.starts_with("missing field") {
        (
            "missing-key",
            Some("add the key; `dacibook explain missing-key` says which keys each file needs".to_string()),
        )
    } else if message.starts_with("duplicate") {
        (
            "duplicate-key",
            Some("remove one of the two entries, or merge them".to_string()),
        )
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        (
            "wrong-type",
            Some("give the key a value of the type it takes; `dacibook explain wrong-type` shows how".to_string()),
        )
    } else if path.is_empty() || e.location().is_some() && !locator.has(path) {
        let at = e.location().and_then(|l| text.get(l.index()..)?.chars().next());
        ("yaml-syntax", guard::syntax_hint(&message, at))
    } else if message.starts_with("there is no date") {
        ("no-such-date", None)
    } else {
        ("wrong-value", None)
    };
    let hint = own_hint.or(hint);
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
    let d = Diagnostic::error(code, message).at(location).maybe_hint(hint);
    match duplicate.and_then(|(_, first)| first) {
        Some(first) => d.related(first, "first written here"),
        None => d,
    }
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
    let message = [
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected f64", "expected a number"),
        ("expected a YAML tag starting with '!'", "expected a single value"),
        ("invalid type: unit value", "invalid type: nothing (null)"),
        ("expected field identifier", "expected a key name"),
        ("duplicate field", "duplicate key"),
    ]
    .iter()
    .fold(message.to_string(), |m, (from, to)| m.replace(from, to));
    let message = without_variants(&message);
    // "expected struct ProjectRecord": a type name of ours.
    match message.find("expected struct ") {
        Some(i) => {
            let rest = &message[i + "expected struct ".len()..];
            let name_end = rest
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(rest.len());
            format!(
                "{}expected a mapping of keys and values{}",
                &message[..i],
                &rest[name_end..]
            )
        }
        None => message,
    }
}

// serde_yaml appends " at line L column C" to its messages (before libyaml's context, as in
// "…at line 3 column 9, while parsing a quoted scalar at line 3 column 7"); the location is
// printed separately, so the first one goes.
fn strip_location(message: &str) -> String {
    let Some(i) = message.find(" at line ") else {
        return message.to_string();
    };
    let rest = &message[i + " at line ".len()..];
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let line = digits(rest);
    match rest[line..].strip_prefix(" column ") {
        Some(col) if line > 0 && digits(col) > 0 => format!("{}{}", &message[..i], &col[digits(col)..]),
        _ => message.to_string(),
    }
}

/// serde calls the values of an enum its variants; an author knows them as values. Only the
/// words outside backticks change: a quoted value is the author's own text.
fn without_variants(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                return part.to_string();
            }
            [
                ("unknown variant", "unknown value"),
                ("expected variant identifier", "expected one of the allowed values"),
                ("there are no variants", "no value is allowed here"),
                ("variants", "values"),
                ("variant", "value"),
            ]
            .iter()
            .fold(part.to_string(), |m, (from, to)| m.replace(from, to))
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// For "missing field `sensitivity`" where the key takes one of a fixed set of values: a
/// hint that lists them.
fn missing_enum_key(path: &str, key: Option<&str>, message: &str) -> Option<String> {
    let key = key.filter(|_| message.starts_with("missing field"))?;
    let values = vocabulary::allowed_values(path, key)?;
    let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    Some(format!("add `{key}:` with one of {}", listed.join(", ")))
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
