//! The constraints of one field, or of an array's items, at any depth: each must fit the
//! type, bounds must be in order, patterns compile as ECMAScript, and the enum values and the
//! example satisfy the field's own rules.

use super::ecma_pattern::EcmaPattern;
use super::schema::Patterns;
use crate::diagnostic::Diagnostic;
use crate::model::{Bound, Field, FieldType, Project, Scalar};
use std::cmp::Ordering;

/// The constraints of field (or array items) `f`, written at record path `at`, named `path`
/// (`meta.dt`, `tags[]`) in messages.
pub fn check(project: &Project, f: &Field, at: &str, path: &str, patterns: &Patterns, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    let ty = f.ty.as_str();
    let mut not_for = |key: &str, what: &str| {
        out.push(
            Diagnostic::error(
                "constraint-type",
                format!("`{key}` does not apply to {ty} field `{}`", path),
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
    for (key, set, what, ty) in [
        ("min-length", f.min_length.is_some(), "string", FieldType::String),
        ("max-length", f.max_length.is_some(), "string", FieldType::String),
        ("min-items", f.min_items.is_some(), "array", FieldType::Array),
        ("max-items", f.max_items.is_some(), "array", FieldType::Array),
        ("fields", !f.fields.is_empty(), "object", FieldType::Object),
        ("items", f.items.is_some(), "array", FieldType::Array),
    ] {
        if set && f.ty != ty {
            not_for(key, what);
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
                        path, e.why
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
                            format!("`{key}` of integer field `{}` is {v}, not a whole number", path),
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
                    Diagnostic::error("bad-range", format!("`{}` has minimum {lo} above maximum {hi}", path))
                        .at(loc.value(&format!("{at}/minimum")))
                        .related(loc.value(&format!("{at}/maximum")), "maximum here")
                        .hint("swap the two bounds"),
                );
            }
        }
    }
    for (lo_key, lo, hi_key, hi) in [
        ("min-length", f.min_length, "max-length", f.max_length),
        ("min-items", f.min_items, "max-items", f.max_items),
    ] {
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if lo > hi {
                out.push(
                    Diagnostic::error("bad-range", format!("`{path}` has {lo_key} {lo} above {hi_key} {hi}"))
                        .at(loc.value(&format!("{at}/{lo_key}")))
                        .related(loc.value(&format!("{at}/{hi_key}")), format!("{hi_key} here"))
                        .hint("swap the two bounds"),
                );
            }
        }
    }
    if let Some(values) = &f.allowed {
        if values.is_empty() {
            out.push(
                Diagnostic::error("bad-enum", format!("`{}` has an empty `enum`", path))
                    .at(loc.value(&format!("{at}/enum")))
                    .hint("list the allowed values, or remove `enum`"),
            );
        }
        for (k, v) in values.iter().enumerate() {
            if let Some(why) = misfit(f, v, regex.as_deref(), false) {
                out.push(
                    Diagnostic::error("bad-enum", format!("enum value `{v}` of `{}` {why}", path))
                        .at(loc.value(&format!("{at}/enum/{k}")))
                        .hint(format!("every enum value must be a valid {ty}")),
                );
            }
        }
    }
    if let Some(ex) = &f.example {
        if let Some(why) = misfit(f, ex, regex.as_deref(), true) {
            out.push(
                Diagnostic::error("bad-example", format!("the example `{ex}` of `{}` {why}", path))
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
        FieldType::Object | FieldType::Array => false,
    };
    if !type_ok {
        return Some(format!("is {}, not {}", v.kind(), f.ty.with_article()));
    }
    if let (Some(format), Scalar::Str(s)) = (f.format, v) {
        if let Some(why) = super::formats::misfit(format, s) {
            return Some(why);
        }
    }
    if let Scalar::Str(s) = v {
        let length = s.chars().count() as u64;
        if f.min_length.is_some_and(|lo| length < lo) || f.max_length.is_some_and(|hi| length > hi) {
            return Some(format!(
                "is {length} characters long, outside the min-length/max-length"
            ));
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
