//! What must hold for any input, whatever its bytes: shared by the fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and the stable tests that replay their corpora and generate
//! inputs of their own (`tests/fuzz_corpus.rs`, `tests/hostile_input.rs`,
//! `tests/hostile_cases.rs`, which include this file with `#[path]`).
//!
//! The loader must not panic; a file it cannot load must give at least one error; every
//! diagnostic must have a location inside a file that was read (line 1 up to one past the last
//! line, a column on that line, a byte range inside the text on character boundaries); and
//! every diagnostic must print, rustc-style and as JSON.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use dacibook::diagnostic::{self, Diagnostic, Format};
use dacibook::fuzzing::{self, Outcome};
use dacibook::source::{Location, SourceFile};
use std::path::Path;

/// The three fuzz targets; [`Target::name`] is also the name of the folders of their corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A project record, checked against the default process.
    Project,
    /// A process file, checked.
    Process,
    /// A Markdown page with front matter, loaded from a book folder and rendered.
    Page,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Project, Target::Process, Target::Page];

    pub fn name(self) -> &'static str {
        match self {
            Target::Project => "project",
            Target::Process => "process",
            Target::Page => "page",
        }
    }

    /// The path diagnostics about the input name.
    pub fn file(self) -> &'static str {
        match self {
            Target::Project => fuzzing::PROJECT_FILE,
            Target::Process => fuzzing::PROCESS_FILE,
            Target::Page => fuzzing::PAGE_FILE,
        }
    }

    /// Feeds `bytes` to the target's entry point. Records and processes are text, so bytes that
    /// are not UTF-8 are decoded lossily (the loader's own UTF-8 check is exercised by pages,
    /// which go through the loader from the disk).
    pub fn run(self, bytes: &[u8]) -> Outcome {
        match self {
            Target::Project => fuzzing::project(&String::from_utf8_lossy(bytes)),
            Target::Process => fuzzing::process(&String::from_utf8_lossy(bytes)),
            Target::Page => fuzzing::page(bytes),
        }
    }
}

/// A diagnostic, one line, for failure messages.
pub fn describe(d: &Diagnostic) -> String {
    let at = d.location.as_ref().map_or("(no location)".to_string(), |l| {
        format!("{}:{}:{} bytes {:?}", l.file.display(), l.line, l.column, l.bytes)
    });
    let message: String = d.message.chars().take(300).collect();
    format!("[{}] {at}: {message}", d.code)
}

/// The text a location in `file` must lie in: the source the loader read, or, for a file that
/// was not UTF-8 (and so not kept as a source), the input decoded up to its first bad byte.
fn text_of<'a>(
    outcome: &'a Outcome,
    file: &Path,
    target: Target,
    input: &'a [u8],
) -> Option<std::borrow::Cow<'a, str>> {
    if let Some(source) = outcome.sources.iter().find(|s| s.path == file) {
        return Some(source.text.as_str().into());
    }
    if file != Path::new(target.file()) {
        return None;
    }
    let valid = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&input[..e.valid_up_to()]).unwrap_or_default(),
    };
    Some(valid.strip_prefix('\u{feff}').unwrap_or(valid).into())
}

/// Whether `at` lies inside `text`: the checks of the module's doc.
fn inside(at: &Location, text: &str) -> Result<(), String> {
    let lines = text.lines().count();
    if at.line < 1 || at.line > lines + 1 {
        return Err(format!("line {} is outside the file's {lines} lines", at.line));
    }
    if at.column < 1 {
        return Err(format!("column {} is not 1-based", at.column));
    }
    // The line as SourceFile counts lines (a `\n` ends one), without its line break (`\n` or
    // `\r\n`; a CR at the very end of the text is a character of the last line).
    let mut lines_from = text.split('\n').skip(at.line - 1);
    let line = lines_from.next().unwrap_or("");
    let line = match lines_from.next() {
        Some(_) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    };
    let width = line.chars().count();
    if at.column > width + 1 {
        return Err(format!(
            "column {} is past the end of line {}, which has {width} characters",
            at.column, at.line
        ));
    }
    let (start, end) = (at.bytes.start, at.bytes.end);
    if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(format!(
            "byte range {start}..{end} is not a range of the text ({} bytes)",
            text.len()
        ));
    }
    Ok(())
}

/// Checks `outcome`, what the entry point of `target` gave for `input`; the first problem found.
pub fn check(target: Target, input: &[u8], outcome: &Outcome) -> Result<(), String> {
    let failed = |problem: String| -> Result<(), String> {
        let all: Vec<String> = outcome.diagnostics.iter().map(describe).collect();
        Err(format!("{target:?}: {problem}\ndiagnostics:\n  {}", all.join("\n  ")))
    };
    if !outcome.loaded && !outcome.diagnostics.iter().any(|d| d.is_error()) {
        return failed("the input did not load, yet there is no error".to_string());
    }
    for d in &outcome.diagnostics {
        if d.code.is_empty() || d.message.trim().is_empty() {
            return failed(format!("a diagnostic without a code or a message: {}", describe(d)));
        }
        let Some(location) = &d.location else {
            return failed(format!("a diagnostic without a location: {}", describe(d)));
        };
        let places = std::iter::once(location).chain(d.related.iter().map(|r| &r.location));
        for at in places {
            let Some(text) = text_of(outcome, &at.file, target, input) else {
                return failed(format!(
                    "{} points into a file that was not read: {}",
                    describe(d),
                    at.file.display()
                ));
            };
            if let Err(problem) = inside(at, &text) {
                return failed(format!("{}: {problem}", describe(d)));
            }
        }
    }
    let sources: &[SourceFile] = &outcome.sources;
    let human = diagnostic::render(&outcome.diagnostics, sources, Format::Human, false);
    let json = diagnostic::render(&outcome.diagnostics, sources, Format::Json, false);
    for d in &outcome.diagnostics {
        if !human.contains(d.code) || !json.contains(d.code) {
            return failed(format!("the printed diagnostics lack {}", describe(d)));
        }
    }
    Ok(())
}
