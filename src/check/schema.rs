//! Rules on a project's event schema: its version, field names (at every depth of nested
//! objects and arrays), sampling, retention; the constraints of each field are in
//! `field_constraints`.

use super::ecma_pattern::{self, EcmaPattern, PatternError};
use super::field_constraints;
use super::{is_snake_case, to_joined_lowercase};
use crate::config::FieldNames;
use crate::diagnostic::Diagnostic;
use crate::model::registry::path_covers;
use crate::model::{Field, FieldType, Project, SchemaVersionNumber};
use crate::registry::Semver;
use crate::suggest::did_you_mean;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Compiled patterns by their text, for the life of the process: the same pattern recurs
/// across many schemas and every rebuild in `serve`, and compiling is the costliest part of
/// the check. A pattern is compiled as ECMAScript, JSON Schema's dialect.
#[derive(Default)]
pub struct Patterns(Mutex<HashMap<String, Result<Arc<EcmaPattern>, PatternError>>>);

impl Patterns {
    /// The cache every check uses.
    pub fn shared() -> &'static Patterns {
        static SHARED: OnceLock<Patterns> = OnceLock::new();
        SHARED.get_or_init(Patterns::default)
    }

    pub(crate) fn compile(&self, pattern: &str) -> Result<Arc<EcmaPattern>, PatternError> {
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(pattern.to_string())
            .or_insert_with(|| ecma_pattern::compile(pattern).map(Arc::new))
            .clone()
    }
}

pub fn check(project: &Project, naming: FieldNames, patterns: &Patterns, out: &mut Vec<Diagnostic>) {
    let Some(schema) = &project.schema else { return };
    let loc = &project.record.locator;
    if schema.name.trim().is_empty() {
        out.push(
            Diagnostic::error("empty-schema-name", "the event schema has no name")
                .at(loc.value("schema/name"))
                .hint("name the event in PascalCase, e.g. `name: CheckoutFunnel`"),
        );
    }
    if let Some(SchemaVersionNumber::Text(v)) = &schema.version {
        if Semver::parse(v).is_none() {
            out.push(
                Diagnostic::error(
                    "bad-schema-version",
                    format!("the schema version `{v}` is neither a whole number nor a semantic version"),
                )
                .at(loc.value("schema/version"))
                .hint("write three whole numbers joined by dots, e.g. `version: 1.2.0`, or a whole number, e.g. `version: 2`"),
            );
        }
    }
    // A registry schema's fields are checked where they are written, when it is resolved;
    // what the record decides of them is checked here.
    if schema.registry.is_some() {
        registry_retention(project, schema, out);
    } else {
        let cx = Fields {
            project,
            naming,
            patterns,
            purge_decided: schema.retention.as_ref().and_then(|r| r.purge_after_days).is_some(),
        };
        cx.check(&schema.written, "schema/fields", "", out);
    }
    if let Some(s) = &schema.sampling {
        if !(s.rate > 0.0 && s.rate <= 1.0) {
            out.push(
                Diagnostic::error("bad-sampling", format!("sampling rate {} is not in (0, 1]", s.rate))
                    .at(loc.value("schema/sampling/rate"))
                    .hint("write the share of units sampled, e.g. 0.1 for 10%, 1 for everything"),
            );
        }
    }
    if let Some(r) = &schema.retention {
        let names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
        for (k, name) in r.allow_list.iter().enumerate() {
            if !names.iter().any(|n| path_covers(name, n)) {
                out.push(
                    Diagnostic::error(
                        "unknown-reference",
                        format!("allow-listed field `{name}` is not in the schema"),
                    )
                    .at(loc.value(&format!("schema/retention/allow-list/{k}")))
                    .maybe_hint(did_you_mean(name, &names, "fields")),
                );
            }
        }
        if r.purge_after_days == Some(0) {
            out.push(
                Diagnostic::error("bad-retention", "`purge-after-days` is 0")
                    .at(loc.value("schema/retention/purge-after-days"))
                    .hint("give the number of days raw events are kept"),
            );
        }
    }
}

/// A registry field the record calls personal or sensitive needs a retention decision, as
/// an inline one does; the diagnostic points at the record's `fields:` entry.
fn registry_retention(project: &Project, schema: &crate::model::Schema, out: &mut Vec<Diagnostic>) {
    let Some(r) = &schema.registry else { return };
    if schema.retention.as_ref().and_then(|r| r.purge_after_days).is_some() {
        return;
    }
    for (path, o) in &r.fields {
        if o.sensitivity.needs_retention() {
            out.push(
                Diagnostic::error(
                    "no-retention",
                    format!(
                        "field `{path}` holds {} data but the schema has no retention decision",
                        o.sensitivity.as_str()
                    ),
                )
                .at(project
                    .record
                    .locator
                    .value(&format!("schema/fields/{path}/sensitivity")))
                .hint("add `retention: { purge-after-days: N }` to the schema (allow-list only what must be kept)"),
            );
        }
    }
}

/// The rules on an inline schema's fields as written, applied at every depth.
struct Fields<'a> {
    project: &'a Project,
    naming: FieldNames,
    patterns: &'a Patterns,
    purge_decided: bool,
}

impl Fields<'_> {
    /// The fields written at record path `at` (`schema/fields`), below dotted path `prefix`.
    fn check(&self, fields: &[Field], at: &str, prefix: &str, out: &mut Vec<Diagnostic>) {
        let loc = &self.project.record.locator;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, field) in fields.iter().enumerate() {
            let at_field = format!("{at}/{i}");
            let path = if prefix.is_empty() {
                field.name.clone()
            } else {
                format!("{prefix}.{}", field.name)
            };
            if let Some(first) = seen.get(field.name.as_str()) {
                out.push(
                    Diagnostic::error("duplicate-field", format!("field `{path}` is defined twice"))
                        .at(loc.value(&format!("{at_field}/name")))
                        .related(loc.value(&format!("{at}/{first}/name")), "first defined here")
                        .hint("rename or remove one of them"),
                );
            } else {
                seen.insert(&field.name, i);
            }
            if let Some((why, hint)) = misnamed(&field.name, self.naming) {
                out.push(
                    Diagnostic::error("bad-field-name", format!("field name `{}` {why}", field.name))
                        .at(loc.value(&format!("{at_field}/name")))
                        .hint(hint),
                );
            }
            if field.description.trim().is_empty() {
                out.push(
                    Diagnostic::warning("undocumented-field", format!("field `{path}` has no description"))
                        .at(loc.value(&format!("{at_field}/name")))
                        .hint("say what the field holds; the data dictionary shows it"),
                );
            }
            self.value(field, &at_field, &path, out);
            if field.sensitivity.needs_retention() && !self.purge_decided {
                out.push(
                    Diagnostic::error(
                        "no-retention",
                        format!(
                            "field `{path}` holds {} data but the schema has no retention decision",
                            field.sensitivity.as_str()
                        ),
                    )
                    .at(loc.value(&format!("{at_field}/sensitivity")))
                    .hint("add `retention: { purge-after-days: N }` to the schema (allow-list only what must be kept)"),
                );
            }
        }
    }

    /// A field's (or an array's items') constraints, then what lies below it.
    fn value(&self, f: &Field, at: &str, path: &str, out: &mut Vec<Diagnostic>) {
        field_constraints::check(self.project, f, at, path, self.patterns, out);
        let loc = &self.project.record.locator;
        let incomplete = |key: &str, what: &str, example: &str| {
            Diagnostic::error(
                "incomplete-field",
                format!("{} field `{path}` has no `{key}`", f.ty.as_str()),
            )
            .at(loc.value(&format!("{at}/type")))
            .hint(format!("say what {what}, e.g. `{key}: {example}`"))
        };
        match f.ty {
            FieldType::Object if f.fields.is_empty() => out.push(incomplete(
                "fields",
                "the object holds",
                "[{ name: dt, type: string, format: date-time, sensitivity: internal }]",
            )),
            FieldType::Object => self.check(&f.fields, &format!("{at}/fields"), path, out),
            FieldType::Array => match &f.items {
                Some(items) => self.value(items, &format!("{at}/items"), &format!("{path}[]"), out),
                None => out.push(incomplete("items", "the array's items are", "{ type: string }")),
            },
            _ => {}
        }
    }
}

/// Why `name` breaks the book's naming rule, and how to mend it. Whatever the rule, a name
/// cannot hold what writes a path (`.`, `[]`, `*`).
fn misnamed(name: &str, naming: FieldNames) -> Option<(String, String)> {
    if name.is_empty() || name.contains(['.', '[', ']', '*']) {
        return Some((
            "is empty or holds `.`, `[`, `]` or `*`, which write field paths".to_string(),
            "name the field with letters, digits and underscores; nest an object (`type: object`, `fields:`) for a path like `meta.dt`".to_string(),
        ));
    }
    match naming {
        FieldNames::SnakeCase if !is_snake_case(name) => Some((
            "is not snake_case".to_string(),
            format!(
                "use lowercase words joined by underscores, e.g. `{}`",
                to_joined_lowercase(name, '_')
            ),
        )),
        FieldNames::CamelCase if !is_camel_case(name) => Some((
            "is not camelCase".to_string(),
            format!(
                "start with a lowercase word and capitalize the next ones, e.g. `{}`",
                to_camel_case(name)
            ),
        )),
        _ => None,
    }
}

/// A lowercase letter, then letters and digits: `pageId`, `searchSessionId`.
fn is_camel_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn to_camel_case(name: &str) -> String {
    let joined = to_joined_lowercase(name, '_');
    let mut out = String::new();
    for (i, word) in joined.split('_').filter(|w| !w.is_empty()).enumerate() {
        let mut chars = word.chars();
        if let (true, Some(first)) = (i > 0, chars.next()) {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        } else {
            out.push_str(word);
        }
    }
    out
}
