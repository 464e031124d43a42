//! A registry schema's `examples` (whole events at its root, values at a property) are checked
//! against the schema they illustrate, resolved: type, enum, const, pattern (as ECMAScript),
//! format (as ajv-formats judges), exact numeric bounds, lengths, items and required properties.
//! An example the schema refuses is an error at the example's own place in the file.

use super::resolve::Node;
use super::store::Doc;
use super::validate::kind;
use crate::check::{format_misfit, Patterns};
use crate::diagnostic::Diagnostic;
use crate::model::{Bound, FieldFormat};
use serde_json::{Number, Value};
use std::cmp::Ordering;

/// One way an example breaks its schema: where in the example, and why.
struct Problem {
    /// The JSON pointer below the example (`event/count`), to locate it.
    pointer: String,
    /// The dotted path a reader knows (`event.count`, `tags[0]`).
    path: String,
    why: String,
}

/// Checks each of `examples` (written at `pointer` of `doc`, a list) against `node`.
pub fn check(doc: &Doc, pointer: &str, node: &Node, examples: &[Value], out: &mut Vec<Diagnostic>) {
    let field = field_name(pointer);
    for (i, example) in examples.iter().enumerate() {
        let mut problems = Vec::new();
        validate(node, example, String::new(), String::new(), &mut problems);
        let at = format!(
            "{}examples/{i}",
            if pointer.is_empty() {
                String::new()
            } else {
                format!("{pointer}/")
            }
        );
        for p in problems {
            let of = match &field {
                Some(f) => format!("the example {} of `{f}`", i + 1),
                None => format!("the example event {}", i + 1),
            };
            let what = if !p.path.is_empty() {
                format!("`{}`", p.path)
            } else if field.is_none() {
                "the event".to_string()
            } else {
                format!("`{}`", short(example))
            };
            let place = if p.pointer.is_empty() {
                at.clone()
            } else {
                format!("{at}/{}", p.pointer)
            };
            out.push(
                Diagnostic::error(
                    "bad-schema-example",
                    format!("{} in {}: {what} {}", of, doc.path.display(), p.why),
                )
                .at(doc.value.locator.value(&place))
                .hint("give an example that the schema accepts, or fix the schema if the example is right"),
            );
        }
    }
}

/// The dotted name of the property a pointer names (`properties/event/properties/id` →
/// `event.id`), none at the schema's root.
fn field_name(pointer: &str) -> Option<String> {
    let segs: Vec<&str> = pointer.split('/').filter(|s| !s.is_empty()).collect();
    let mut name = String::new();
    let mut i = 0;
    while i < segs.len() {
        match segs[i] {
            "properties" | "definitions" | "$defs" if i + 1 < segs.len() => {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(segs[i + 1]);
                i += 2;
            }
            "items" => {
                name.push_str("[]");
                i += 1;
            }
            "additionalProperties" => {
                name.push_str(".*");
                i += 1;
            }
            _ => i += if segs[i] == "allOf" { 2 } else { 1 },
        }
    }
    (!name.is_empty()).then_some(name)
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn child(base: &str, seg: &str, sep: &str) -> String {
    if base.is_empty() {
        seg.to_string()
    } else {
        format!("{base}{sep}{seg}")
    }
}

fn type_fits(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.as_number().is_some_and(is_integer),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn is_integer(n: &Number) -> bool {
    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|x| x.fract() == 0.0)
}

fn bound(n: &Number) -> Bound {
    match n.as_i64() {
        Some(i) => Bound::Int(i),
        None => Bound::Float(n.as_f64().unwrap_or(f64::NAN)),
    }
}

fn format_of(name: &str) -> Option<FieldFormat> {
    Some(match name {
        "date" => FieldFormat::Date,
        "date-time" => FieldFormat::DateTime,
        "uri" => FieldFormat::Uri,
        "email" => FieldFormat::Email,
        "uuid" => FieldFormat::Uuid,
        "ipv4" => FieldFormat::Ipv4,
        _ => return None,
    })
}

/// Every way `v` breaks `node`, found below `pointer` (`path` as a reader writes it).
fn validate(node: &Node, v: &Value, pointer: String, path: String, out: &mut Vec<Problem>) {
    let mut fail = |why: String| {
        out.push(Problem {
            pointer: pointer.clone(),
            path: path.clone(),
            why,
        })
    };
    let types = node.types();
    if !types.is_empty() && !types.iter().any(|t| type_fits(t, v)) {
        let names: Vec<String> = types.iter().map(|t| format!("`{t}`")).collect();
        fail(format!("is {}, not {}", kind(v), names.join(" or ")));
        return;
    }
    let k = &node.keywords;
    if let Some(c) = k.get("const") {
        if c != v {
            fail(format!("is not `{}`, its `const`", short(c)));
        }
    }
    if let Some(Value::Array(values)) = k.get("enum") {
        if !values.contains(v) {
            let shown: Vec<String> = values.iter().take(8).map(|x| format!("`{}`", short(x))).collect();
            fail(format!("is not one of the `enum` values ({})", shown.join(", ")));
        }
    }
    match v {
        Value::String(s) => {
            let len = s.chars().count() as u64;
            if let Some(min) = k.get("minLength").and_then(Value::as_u64).filter(|m| len < *m) {
                fail(format!("is {len} characters long, shorter than its `minLength` {min}"));
            }
            if let Some(max) = k.get("maxLength").and_then(Value::as_u64).filter(|m| len > *m) {
                fail(format!("is {len} characters long, longer than its `maxLength` {max}"));
            }
            if let Some(p) = k.get("pattern").and_then(Value::as_str) {
                if let Ok(r) = Patterns::shared().compile(p) {
                    if !r.is_match(s) {
                        fail(format!("does not match the pattern `{p}`"));
                    }
                }
            }
            if let Some(f) = k.get("format").and_then(Value::as_str).and_then(format_of) {
                if let Some(why) = format_misfit(f, s) {
                    fail(why);
                }
            }
        }
        Value::Number(n) => {
            let x = bound(n);
            let limits = [
                ("minimum", Ordering::Less, "below"),
                ("maximum", Ordering::Greater, "above"),
                ("exclusiveMinimum", Ordering::Less, "not above"),
                ("exclusiveMaximum", Ordering::Greater, "not below"),
            ];
            for (key, beyond, words) in limits {
                let Some(limit) = k.get(key).and_then(Value::as_number) else {
                    continue;
                };
                let order = x.cmp_exact(bound(limit));
                let exclusive = key.starts_with("exclusive");
                if order == Some(beyond) || (exclusive && order == Some(Ordering::Equal)) {
                    fail(format!("is {words} its `{key}` {limit}"));
                }
            }
        }
        Value::Array(items) => {
            let len = items.len() as u64;
            if let Some(min) = k.get("minItems").and_then(Value::as_u64).filter(|m| len < *m) {
                fail(format!("has {len} items, fewer than its `minItems` {min}"));
            }
            if let Some(max) = k.get("maxItems").and_then(Value::as_u64).filter(|m| len > *m) {
                fail(format!("has {len} items, more than its `maxItems` {max}"));
            }
            if let Some(item) = &node.items {
                for (i, x) in items.iter().enumerate() {
                    let p = child(&pointer, &i.to_string(), "/");
                    validate(item, x, p, format!("{path}[{i}]"), out);
                }
            }
        }
        Value::Object(map) => {
            for name in &node.required {
                if !map.contains_key(name) {
                    fail(format!("lacks `{name}`, which the schema requires"));
                }
            }
            let closed = k.get("additionalProperties") == Some(&Value::Bool(false));
            for (name, x) in map {
                let p = child(&pointer, name, "/");
                let dotted = child(&path, name, ".");
                match node.properties.iter().find(|(n, _)| n == name) {
                    Some((_, prop)) => validate(prop, x, p, dotted, out),
                    None => match &node.additional {
                        Some(values) => validate(values, x, p, dotted, out),
                        None if closed => out.push(Problem {
                            pointer: p,
                            path: dotted,
                            why: "is not a property of the schema, which allows no others".to_string(),
                        }),
                        None => {}
                    },
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::field_name;

    #[test]
    fn pointers_are_named_by_dotted_path() {
        assert_eq!(field_name(""), None);
        assert_eq!(
            field_name("properties/event/properties/id").as_deref(),
            Some("event.id")
        );
        assert_eq!(field_name("allOf/2/properties/tags/items").as_deref(), Some("tags[]"));
        assert_eq!(
            field_name("properties/headers/additionalProperties").as_deref(),
            Some("headers.*")
        );
    }
}
