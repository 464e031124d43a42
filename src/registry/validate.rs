//! A registry schema file is a JSON Schema: what a strict validator (Ajv 8 in strict mode)
//! refuses to compile is an error here, at the keyword's own line and column in the file.
//! Patterns are compiled as ECMAScript, JSON Schema's dialect; an unknown `format` is allowed
//! (JSON Schema says so) with a warning, since validators ignore or refuse it.

use super::store::Doc;
use crate::check::Patterns;
use crate::diagnostic::Diagnostic;
use crate::suggest::nearest;
use serde_json::{Map, Value};

/// The type names of JSON Schema.
const TYPES: &[&str] = &["string", "integer", "number", "boolean", "object", "array", "null"];

/// Every keyword of JSON Schema (draft-07 to 2020-12) a validator knows.
const KEYWORDS: &[&str] = &[
    "$id",
    "$schema",
    "$ref",
    "$comment",
    "$defs",
    "$anchor",
    "$vocabulary",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "definitions",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "format",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
    "items",
    "prefixItems",
    "additionalItems",
    "unevaluatedItems",
    "maxItems",
    "minItems",
    "uniqueItems",
    "contains",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "unevaluatedProperties",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
];

/// The formats Ajv's ajv-formats knows; any other is unknown to the exports' validators.
const FORMATS: &[&str] = &[
    "date",
    "time",
    "date-time",
    "iso-time",
    "iso-date-time",
    "duration",
    "uri",
    "uri-reference",
    "uri-template",
    "url",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "regex",
    "uuid",
    "json-pointer",
    "json-pointer-uri-fragment",
    "relative-json-pointer",
    "byte",
    "int32",
    "int64",
    "float",
    "double",
    "password",
    "binary",
];

/// Every problem of the schema file `doc`, as a JSON Schema.
pub fn schema_file(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let mut v = Validator { doc, out };
    v.schema(&doc.value.value, "");
}

struct Validator<'d, 'o> {
    doc: &'d Doc,
    out: &'o mut Vec<Diagnostic>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}/{key}")
    }
}

/// What a JSON value is, in words.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

impl Validator<'_, '_> {
    /// An error at the value of `path` (or its key, when `at_key`).
    fn invalid(&mut self, path: &str, at_key: bool, what: String, hint: impl Into<String>) {
        let locator = &self.doc.value.locator;
        let at = if at_key { locator.key(path) } else { locator.value(path) };
        self.out.push(
            Diagnostic::error(
                "invalid-schema",
                format!("{} is not a valid JSON Schema: {what}", self.doc.path.display()),
            )
            .at(at)
            .hint(hint),
        );
    }

    /// A schema: a mapping of keywords, or `true`/`false`.
    fn schema(&mut self, value: &Value, path: &str) {
        match value {
            Value::Object(obj) => self.keywords(obj, path),
            Value::Bool(_) => {}
            other => {
                let place = if path.is_empty() {
                    "the file".to_string()
                } else {
                    format!("`{}`", path.replace('/', "."))
                };
                self.invalid(
                    path,
                    false,
                    format!(
                        "{place} is {}, where a schema (a mapping of keywords) belongs",
                        kind(other)
                    ),
                    "write a mapping such as `{ type: string, description: … }`",
                );
            }
        }
    }

    fn keywords(&mut self, obj: &Map<String, Value>, path: &str) {
        for (key, value) in obj {
            let at = join(path, key);
            self.keyword(key, value, &at);
        }
    }

    fn keyword(&mut self, key: &str, value: &Value, at: &str) {
        match key {
            "type" => self.type_keyword(value, at),
            "properties" | "patternProperties" | "definitions" | "$defs" | "dependentSchemas" => {
                let Some(map) = self.mapping(key, value, at) else { return };
                for (name, sub) in map {
                    if key == "patternProperties" {
                        self.pattern_text(name, &join(at, name), true);
                    }
                    self.schema(sub, &join(at, name));
                }
            }
            "items" if value.is_array() => self.schema_list(key, value, at),
            "items" | "additionalItems" | "additionalProperties" | "contains" | "propertyNames" | "not" | "if"
            | "then" | "else" | "unevaluatedItems" | "unevaluatedProperties" | "contentSchema" => {
                self.schema(value, at)
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => self.schema_list(key, value, at),
            "required" => self.string_list(key, value, at),
            "enum" => match value {
                Value::Array(a) if !a.is_empty() => {}
                Value::Array(_) => self.invalid(
                    at,
                    false,
                    "`enum` is an empty list, which no value can match".into(),
                    "list the allowed values, or remove `enum`",
                ),
                other => self.invalid(
                    at,
                    false,
                    format!("`enum` is {}, not a list", kind(other)),
                    "write the allowed values as a list, e.g. `enum: [a, b]`",
                ),
            },
            "examples" if !value.is_array() => self.invalid(
                at,
                false,
                format!("`examples` is {}, not a list", kind(value)),
                "write the examples as a list, e.g. `examples: [first, second]`",
            ),
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                if !value.is_number() {
                    let hint = if value.is_boolean() && key.starts_with("exclusive") {
                        format!("since draft-06 `{key}` is the bound itself: write the number, e.g. `{key}: 0`, and drop the other bound if it was the same")
                    } else {
                        format!("write a number, e.g. `{key}: 0`")
                    };
                    self.invalid(at, false, format!("`{key}` is {}, not a number", kind(value)), hint);
                }
            }
            "multipleOf" => {
                if !value.as_f64().is_some_and(|x| x > 0.0) {
                    self.invalid(
                        at,
                        false,
                        format!("`multipleOf` is {}, not a number above 0", shown(value)),
                        "write a positive number, e.g. `multipleOf: 1`",
                    );
                }
            }
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties" | "maxProperties"
            | "minContains" | "maxContains" => {
                if value.as_u64().is_none() {
                    self.invalid(
                        at,
                        false,
                        format!("`{key}` is {}, not a whole number of at least 0", shown(value)),
                        format!("write a count, e.g. `{key}: 1`"),
                    );
                }
            }
            "pattern" => match value.as_str() {
                Some(p) => self.pattern_text(p, at, false),
                None => self.invalid(
                    at,
                    false,
                    format!("`pattern` is {}, not a string", kind(value)),
                    "write an ECMAScript regular expression in single quotes, e.g. `pattern: '^[a-z]+$'`",
                ),
            },
            "format" => match value.as_str() {
                Some(f) if FORMATS.contains(&f) => {}
                Some(f) => self.out.push(
                    Diagnostic::warning(
                        "unknown-format",
                        format!(
                            "{}: format `{f}` is not one the exports' validators know",
                            self.doc.path.display()
                        ),
                    )
                    .at(self.doc.value.locator.value(at))
                    .hint(near(f, FORMATS).unwrap_or_else(|| {
                        "JSON Schema allows it, but validators ignore it (or refuse it in strict mode): use a known format such as `date-time`, `uri` or `uuid`, or remove it".to_string()
                    })),
                ),
                None => self.invalid(
                    at,
                    false,
                    format!("`format` is {}, not a string", kind(value)),
                    "name a format, e.g. `format: date-time`",
                ),
            },
            "uniqueItems" | "readOnly" | "writeOnly" | "deprecated" => {
                if !value.is_boolean() {
                    self.invalid(
                        at,
                        false,
                        format!("`{key}` is {}, not true or false", kind(value)),
                        format!("write `{key}: true` or `{key}: false`"),
                    );
                }
            }
            "$id" | "$schema" | "$ref" | "$comment" | "title" | "description" | "$anchor" => {
                if !value.is_string() {
                    self.invalid(
                        at,
                        false,
                        format!("`{key}` is {}, not a string", kind(value)),
                        format!("write `{key}` as text"),
                    );
                }
            }
            "dependencies" => {
                let Some(map) = self.mapping(key, value, at) else { return };
                for (name, sub) in map {
                    if sub.is_array() {
                        self.string_list(key, sub, &join(at, name));
                    } else {
                        self.schema(sub, &join(at, name));
                    }
                }
            }
            "dependentRequired" => {
                let Some(map) = self.mapping(key, value, at) else { return };
                for (name, sub) in map {
                    self.string_list(key, sub, &join(at, name));
                }
            }
            _ if KEYWORDS.contains(&key) => {}
            _ => self.invalid(
                at,
                true,
                format!("`{key}` is not a JSON Schema keyword (strict validators refuse unknown keywords)"),
                near(key, KEYWORDS).unwrap_or_else(|| {
                    "remove it, or keep the note in `description` or `$comment`".to_string()
                }),
            ),
        }
    }

    fn type_keyword(&mut self, value: &Value, at: &str) {
        let names: Vec<(String, &Value)> = match value {
            Value::String(_) => vec![(at.to_string(), value)],
            Value::Array(a) if !a.is_empty() => a.iter().enumerate().map(|(i, t)| (join(at, &i.to_string()), t)).collect(),
            other => {
                return self.invalid(
                    at,
                    false,
                    format!("`type` is {}, not a type name or a list of them", shown(other)),
                    "write one of string, integer, number, boolean, object, array, null, or a list such as `[string, \"null\"]`",
                )
            }
        };
        let mut seen = Vec::new();
        for (place, t) in names {
            match t.as_str() {
                Some(name) if TYPES.contains(&name) => {
                    if seen.contains(&name) {
                        self.invalid(
                            &place,
                            false,
                            format!("`type` names `{name}` twice"),
                            "name each type once",
                        );
                    }
                    seen.push(name);
                }
                Some(name) => {
                    let hint = near(name, TYPES).unwrap_or_else(|| {
                        "the types are string, integer, number, boolean, object, array and null".into()
                    });
                    self.invalid(&place, false, format!("`{name}` is not a JSON Schema type"), hint);
                }
                None => self.invalid(
                    &place,
                    false,
                    format!("`type` holds {}, not a type name", kind(t)),
                    "write type names as strings, e.g. `[string, \"null\"]`",
                ),
            }
        }
    }

    fn mapping<'v>(&mut self, key: &str, value: &'v Value, at: &str) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.invalid(
                    at,
                    false,
                    format!("`{key}` is {}, not a mapping", kind(other)),
                    format!(
                        "write `{key}` as a mapping of names to schemas, e.g. `{key}: {{ id: {{ type: string }} }}`"
                    ),
                );
                None
            }
        }
    }

    fn schema_list(&mut self, key: &str, value: &Value, at: &str) {
        match value {
            Value::Array(parts) if !parts.is_empty() => {
                for (i, part) in parts.iter().enumerate() {
                    self.schema(part, &join(at, &i.to_string()));
                }
            }
            other => self.invalid(
                at,
                false,
                format!("`{key}` is {}, not a non-empty list of schemas", shown(other)),
                format!("write `{key}` as a list of schemas, e.g. `{key}: [ {{ $ref: /fragment/common/1.0.0 }} ]`"),
            ),
        }
    }

    fn string_list(&mut self, key: &str, value: &Value, at: &str) {
        let Value::Array(items) = value else {
            return self.invalid(
                at,
                false,
                format!("`{key}` is {}, not a list of property names", kind(value)),
                format!("write the names as a list, e.g. `{key}: [dt, meta]`"),
            );
        };
        let mut seen = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let place = join(at, &i.to_string());
            match item.as_str() {
                Some(name) if seen.contains(&name) => self.invalid(
                    &place,
                    false,
                    format!("`{key}` names `{name}` twice"),
                    "name each property once",
                ),
                Some(name) => seen.push(name),
                None => self.invalid(
                    &place,
                    false,
                    format!("`{key}` holds {}, not a property name", kind(item)),
                    "write property names as strings",
                ),
            }
        }
    }

    /// A pattern (a `pattern`, or a key of `patternProperties`) compiled as ECMAScript.
    fn pattern_text(&mut self, pattern: &str, at: &str, at_key: bool) {
        if let Err(e) = Patterns::shared().compile(pattern) {
            let locator = &self.doc.value.locator;
            let place = if at_key { locator.key(at) } else { locator.value(at) };
            self.out.push(
                Diagnostic::error(
                    "bad-pattern",
                    format!(
                        "{}: the pattern `{pattern}` is not an ECMAScript regular expression (JSON Schema's dialect): {}",
                        self.doc.path.display(),
                        e.why
                    ),
                )
                .at(place)
                .hint(e.hint),
            );
        }
    }
}

/// `did you mean …?` when a known name is near `unknown`.
fn near(unknown: &str, known: &[&str]) -> Option<String> {
    nearest(unknown, known).map(|n| format!("did you mean `{n}`?"))
}

/// A value as the message shows it: numbers and short text as written, else its kind.
fn shown(v: &Value) -> String {
    match v {
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) if s.chars().count() <= 40 => format!("`{s}`"),
        Value::Array(a) if a.is_empty() => "an empty list".to_string(),
        other => kind(other).to_string(),
    }
}
