//! The one type for content problems, and how it is printed (rustc style, JSON, GitHub).

use crate::source::{Location, SourceFile};
use serde::Serialize;
use std::path::PathBuf;

mod excerpt;

/// How bad a problem is: errors fail `check` and `build`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A second place that belongs to a diagnostic (e.g. the other schema of a conflict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// One content problem: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable rule name, e.g. `unknown-reference`, for tools and tests.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// An error of rule `code`.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning of rule `code`.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        debug_assert!(
            crate::explain::is_known(code),
            "diagnostic code `{code}` has no explanation: add it to src/explain/codes/"
        );
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: None,
            hint: None,
            related: Vec::new(),
        }
    }

    /// Points the diagnostic at a place.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds the `help:` line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the `help:` line when there is one.
    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }

    /// Adds a second place with its own label.
    pub fn related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file, line, column, then message, so output order never depends on hashing.
    fn sort_key(&self) -> (Option<(&PathBuf, usize, usize)>, &str) {
        let loc = self.location.as_ref().map(|l| (&l.file, l.line, l.column));
        (loc, &self.message)
    }
}

/// Sorts diagnostics by place so that output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text with the source line and a caret.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Renders diagnostics in the given format; `sources` supplies the lines to quote.
pub fn render(diagnostics: &[Diagnostic], sources: &[SourceFile], format: Format, color: bool) -> String {
    match format {
        Format::Human => render_human(diagnostics, sources, color),
        Format::Json => diagnostics.iter().map(|d| render_json(d) + "\n").collect(),
        Format::Github => diagnostics.iter().map(render_github).collect(),
    }
}

fn render_human(diagnostics: &[Diagnostic], sources: &[SourceFile], color: bool) -> String {
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term::{self, termcolor::Buffer};

    let mut files = SimpleFiles::new();
    let ids: Vec<(PathBuf, usize)> = sources
        .iter()
        .map(|s| (s.path.clone(), files.add(s.path.display().to_string(), s.text.clone())))
        .collect();
    let id_of = |loc: &Location| ids.iter().find(|(p, _)| *p == loc.file).map(|(_, id)| *id);
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let mut out = if color { Buffer::ansi() } else { Buffer::no_color() };
    for d in diagnostics {
        let places = d.location.iter().chain(d.related.iter().map(|r| &r.location));
        // A line too long or unsafe to print as it is gets quoted through an excerpt.
        let quoted = places
            .filter_map(|l| Some((id_of(l)?, l)))
            .any(|(id, l)| excerpt::needs_excerpt(&sources[id], l));
        // Rendering into a memory buffer can only fail on a span outside its file, which the
        // source module never produces; fall back to the plain form rather than lose the message.
        let done = if quoted {
            let mut excerpts = excerpt::Excerpts::default();
            let cs = codespan(d, |l| id_of(l).map(|id| excerpts.add(&sources[id], l)));
            term::emit_to_write_style(&mut out, &config, &excerpts, &cs)
        } else {
            let cs = codespan(d, |l| id_of(l).map(|id| (id, l.bytes.clone())));
            term::emit_to_write_style(&mut out, &config, &files, &cs)
        };
        if done.is_err() {
            let plain = render_plain(d);
            std::io::Write::write_all(&mut out, plain.as_bytes()).ok();
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// `d` as codespan prints it; `place` gives the file id and byte range of a location that can
/// be quoted, `None` for one outside the book's files (named in a note instead).
fn codespan(
    d: &Diagnostic,
    mut place: impl FnMut(&Location) -> Option<(usize, std::ops::Range<usize>)>,
) -> codespan_reporting::diagnostic::Diagnostic<usize> {
    use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
    let mut notes = Vec::new();
    let mut labels = Vec::new();
    if let Some(loc) = &d.location {
        match place(loc) {
            Some((id, range)) => labels.push(Label::primary(id, range)),
            None => notes.push(format!("at {}:{}:{}", loc.file.display(), loc.line, loc.column)),
        }
    }
    for r in &d.related {
        let message = excerpt::message(&r.message);
        match place(&r.location) {
            Some((id, range)) => labels.push(Label::secondary(id, range).with_message(message)),
            None => notes.push(format!(
                "{} ({}:{}:{})",
                message,
                r.location.file.display(),
                r.location.line,
                r.location.column
            )),
        }
    }
    if let Some(h) = &d.hint {
        notes.push(format!("help: {}", excerpt::message(h)));
    }
    notes.push(explain_note(d.code));
    match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    }
    .with_code(d.code)
    .with_message(excerpt::message(&d.message))
    .with_labels(labels)
    .with_notes(notes)
}

fn render_plain(d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut s = format!("{sev}[{}]: {}\n", d.code, excerpt::message(&d.message));
    if let Some(l) = &d.location {
        s += &format!("  --> {}:{}:{}\n", l.file.display(), l.line, l.column);
    }
    if let Some(h) = &d.hint {
        s += &format!("  = help: {}\n", excerpt::message(h));
    }
    s + &format!("  = {}\n\n", explain_note(d.code))
}

/// The last line of a human diagnostic: where its rule is explained, with examples.
fn explain_note(code: &str) -> String {
    format!("note: `dacibook explain {code}` explains this rule, with examples")
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: String,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

impl<'a> JsonPlace<'a> {
    fn of(l: &Location, message: Option<&'a str>) -> Self {
        JsonPlace {
            file: l.file.display().to_string(),
            line: l.line,
            column: l.column,
            message,
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    hint: Option<&'a str>,
    related: Vec<JsonPlace<'a>>,
}

/// One diagnostic as a single-line JSON object.
pub fn render_json(d: &Diagnostic) -> String {
    let loc = d.location.as_ref();
    let j = JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: &d.message,
        file: loc.map(|l| l.file.display().to_string()),
        line: loc.map(|l| l.line),
        column: loc.map(|l| l.column),
        hint: d.hint.as_deref(),
        related: d
            .related
            .iter()
            .map(|r| JsonPlace::of(&r.location, Some(&r.message)))
            .collect(),
    };
    serde_json::to_string(&j).expect("a struct of strings and numbers always serializes")
}

/// One diagnostic as a GitHub Actions annotation line.
pub fn render_github(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut text = d.message.clone();
    for r in &d.related {
        text += &format!(
            "\nsee {}:{}:{}: {}",
            r.location.file.display(),
            r.location.line,
            r.location.column,
            r.message
        );
    }
    if let Some(h) = &d.hint {
        text += &format!("\nhelp: {h}");
    }
    let mut props = Vec::new();
    if let Some(l) = &d.location {
        props.push(format!("file={}", escape_property(&l.file.display().to_string())));
        props.push(format!("line={}", l.line));
        props.push(format!("col={}", l.column));
    }
    props.push(format!("title={}", escape_property(d.code)));
    format!(
        "::{kind} {}::{}\n",
        props.join(","),
        escape_data(&excerpt::printable(&text))
    )
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
