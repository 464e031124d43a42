//! Rules on a project's event schema: field names, constraints that fit the type, sampling,
//! retention.

use super::ecma_pattern::{self, EcmaPattern, PatternError};
use super::{is_snake_case, to_joined_lowercase};
use crate::diagnostic::Diagnostic;
use crate::model::{Bound, Field, FieldType, Project, Scalar};
use crate::suggest::did_you_mean;
use std::cmp::Ordering;
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

pub fn check(project: &Project, patterns: &Patterns, out: &mut Vec<Diagnostic>) {
    let Some(schema) = &project.schema else { return };
    let loc = &project.record.locator;
    if schema.name.trim().is_empty() {
        out.push(
            Diagnostic::error("empty-schema-name", "the event schema has no name")
                .at(loc.value("schema/name"))
                .hint("name the event in PascalCase, e.g. `name: CheckoutFunnel`"),
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    // A registry schema's fields are checked where they are written, when it is resolved;
    // what the record decides of them is checked here.
    if schema.registry.is_some() {
        registry_retention(project, schema, out);
    }
    let inline = if schema.registry.is_some() {
        &[][..]
    } else {
        &schema.fields[..]
    };
    for (i, field) in inline.iter().enumerate() {
        let at = format!("schema/fields/{i}");
        if let Some(first) = seen.get(field.name.as_str()) {
            out.push(
                Diagnostic::error("duplicate-field", format!("field `{}` is defined twice", field.name))
                    .at(loc.value(&format!("{at}/name")))
                    .related(loc.value(&format!("schema/fields/{first}/name")), "first defined here")
                    .hint("rename or remove one of them"),
            );
        } else {
            seen.insert(&field.name, i);
        }
        if !is_snake_case(&field.name) {
            out.push(
                Diagnostic::error(
                    "bad-field-name",
                    format!("field name `{}` is not snake_case", field.name),
                )
                .at(loc.value(&format!("{at}/name")))
                .hint(format!(
                    "use lowercase words joined by underscores, e.g. `{}`",
                    to_joined_lowercase(&field.name, '_')
                )),
            );
        }
        if field.description.trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    "undocumented-field",
                    format!("field `{}` has no description", field.name),
                )
                .at(loc.value(&format!("{at}/name")))
                .hint("say what the field holds; the data dictionary shows it"),
            );
        }
        check_constraints(project, field, &at, patterns, out);
        if field.sensitivity.needs_retention() && schema.retention.as_ref().and_then(|r| r.purge_after_days).is_none() {
            out.push(
                Diagnostic::error(
                    "no-retention",
                    format!(
                        "field `{}` holds {} data but the schema has no retention decision",
                        field.name,
                        field.sensitivity.as_str()
                    ),
                )
                .at(loc.value(&format!("{at}/sensitivity")))
                .hint("add `retention: { purge-after-days: N }` to the schema (allow-list only what must be kept)"),
            );
        }
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
            if !names.contains(&name.as_str()) {
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

fn check_constraints(project: &Project, f: &Field, at: &str, patterns: &Patterns, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    let ty = f.ty.as_str();
    let mut not_for = |key: &str, what: &str| {
        out.push(
            Diagnostic::error(
                "constraint-type",
                format!("`{key}` does not apply to {ty} field `{}`", f.name),
            )
            .at(loc.key(&format!("{at}/{key}")))
            .hint(format!("`{key}` is for {what} fields; remove it or change the type")),
        );
    };
    let pattern = if f.ty == FieldType::String {
        f.pattern.as_ref()
    } else {
        if f.pattern.is_some() {
            not_for("pattern", "string");
        }
        None
    };
    if f.format.is_some() && f.ty != FieldType::String {
        not_for("format", "string");
    }
    if !f.ty.is_numeric() {
        if f.minimum.is_some() {
            not_for("minimum", "integer or number");
        }
        if f.maximum.is_some() {
            not_for("maximum", "integer or number");
        }
    }
    let regex = pattern.and_then(|p| match patterns.compile(p) {
        Ok(r) => Some(r),
        Err(e) => {
            out.push(
                Diagnostic::error(
                    "bad-pattern",
                    format!(
                        "the pattern of `{}` is not an ECMAScript regular expression (JSON Schema's dialect): {}",
                        f.name, e.why
                    ),
                )
                .at(loc.value(&format!("{at}/pattern")))
                .hint(e.hint),
            );
            None
        }
    });
    if f.ty.is_numeric() {
        for (key, v) in [("minimum", f.minimum), ("maximum", f.maximum)] {
            if let Some(v) = v {
                if f.ty == FieldType::Integer && !v.is_whole() {
                    out.push(
                        Diagnostic::error(
                            "constraint-type",
                            format!("`{key}` of integer field `{}` is {v}, not a whole number", f.name),
                        )
                        .at(loc.value(&format!("{at}/{key}")))
                        .hint("use a whole number, or make the field a `number`"),
                    );
                }
            }
        }
        if let (Some(lo), Some(hi)) = (f.minimum, f.maximum) {
            if lo.cmp_exact(hi) == Some(std::cmp::Ordering::Greater) {
                out.push(
                    Diagnostic::error("bad-range", format!("`{}` has minimum {lo} above maximum {hi}", f.name))
                        .at(loc.value(&format!("{at}/minimum")))
                        .related(loc.value(&format!("{at}/maximum")), "maximum here")
                        .hint("swap the two bounds"),
                );
            }
        }
    }
    if let Some(values) = &f.allowed {
        if values.is_empty() {
            out.push(
                Diagnostic::error("bad-enum", format!("`{}` has an empty `enum`", f.name))
                    .at(loc.value(&format!("{at}/enum")))
                    .hint("list the allowed values, or remove `enum`"),
            );
        }
        for (k, v) in values.iter().enumerate() {
            if let Some(why) = misfit(f, v, regex.as_deref(), false) {
                out.push(
                    Diagnostic::error("bad-enum", format!("enum value `{v}` of `{}` {why}", f.name))
                        .at(loc.value(&format!("{at}/enum/{k}")))
                        .hint(format!("every enum value must be a valid {ty}")),
                );
            }
        }
    }
    if let Some(ex) = &f.example {
        if let Some(why) = misfit(f, ex, regex.as_deref(), true) {
            out.push(
                Diagnostic::error("bad-example", format!("the example `{ex}` of `{}` {why}", f.name))
                    .at(loc.value(&format!("{at}/example")))
                    .hint("give an example that the field's own rules accept"),
            );
        }
    }
}

/// Why `v` is not a valid value of `f` (type, pattern, bounds and, for examples, the enum).
fn misfit(f: &Field, v: &Scalar, regex: Option<&EcmaPattern>, check_enum: bool) -> Option<String> {
    let type_ok = match f.ty {
        FieldType::String => matches!(v, Scalar::Str(_)),
        FieldType::Integer => matches!(v, Scalar::Int(_)),
        FieldType::Number => matches!(v, Scalar::Int(_) | Scalar::Float(_)),
        FieldType::Boolean => matches!(v, Scalar::Bool(_)),
    };
    if !type_ok {
        return Some(format!("is {}, not {}", v.kind(), f.ty.with_article()));
    }
    if let (Some(format), Scalar::Str(s)) = (f.format, v) {
        if let Some(why) = super::formats::misfit(format, s) {
            return Some(why);
        }
    }
    if let (Some(r), Scalar::Str(s)) = (regex, v) {
        if !r.is_match(s) {
            return Some(format!("does not match the pattern `{}`", r.text));
        }
    }
    if let Some(x) = Bound::of(v) {
        let below = f.minimum.is_some_and(|lo| x.cmp_exact(lo) == Some(Ordering::Less));
        let above = f.maximum.is_some_and(|hi| x.cmp_exact(hi) == Some(Ordering::Greater));
        if below || above {
            return Some("is outside the minimum/maximum".to_string());
        }
    }
    if check_enum {
        if let Some(values) = &f.allowed {
            if !values.contains(v) {
                return Some("is not one of the enum values".to_string());
            }
        }
    }
    None
}
