//! Small builders for the pieces every schema repeats: text, dates, whole numbers, closed
//! value sets, objects that refuse unknown keys.
//!
//! A value may be `null` only where the model has an `Option`: that is where the loader reads
//! `key: ~` as "absent". (It reads an empty `key:` as an empty list or map too, but refuses
//! `key: ~` there; in JSON both are `null`, and the schema sides with the refusal.) serde_yaml reads any scalar where the model wants text
//! (`name: 2024` is the text "2024"), so text accepts numbers and booleans too.

use serde::Serialize;
use serde_json::{json, Map, Value};

/// Every variant of a model enum, in declaration order. The exhaustive `match` stops the
/// crate from compiling when the model gains a variant that is not listed here.
macro_rules! every {
    ($ty:ident { $($variant:ident),+ $(,)? }) => {{
        let _exhaustive = |x: $ty| match x {
            $($ty::$variant)|+ => (),
        };
        [$($ty::$variant),+]
    }};
}
pub(crate) use every;

/// Free text (or Markdown): any scalar, as the loader reads it.
pub fn text(description: &str) -> Value {
    json!({ "type": ["string", "number", "boolean"], "description": description })
}

/// Text that must not be blank, as `check` requires of names and titles.
pub fn nonblank(description: &str, message: &str) -> Value {
    let mut v = text(description);
    v["pattern"] = json!("\\S");
    v["patternErrorMessage"] = json!(message);
    v
}

/// An id: text, with the form the checker requires.
pub fn id(description: &str, pattern: &str, pattern_message: &str) -> Value {
    let mut v = text(description);
    v["pattern"] = json!(pattern);
    v["patternErrorMessage"] = json!(pattern_message);
    v
}

/// Lowercase words joined by single hyphens (`data-analyst`), as `check` requires of ids.
pub const KEBAB_CASE: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
pub const KEBAB_CASE_MESSAGE: &str = "ids are lowercase words joined by hyphens, e.g. data-analyst";
/// One uppercase letter of any script (`D`, `É`), as `check` requires of code ids.
pub const CODE_LETTER: &str = "^\\p{Lu}$";
pub const CODE_LETTER_MESSAGE: &str = "a code is one uppercase letter, e.g. D or É";

/// A calendar date written `YYYY-MM-DD`.
pub fn date(description: &str) -> Value {
    json!({
        "type": "string",
        "description": description,
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        "patternErrorMessage": "write dates as YYYY-MM-DD, e.g. 2026-03-31",
        "format": "date",
    })
}

/// A whole number that fits the model's `u32`.
pub fn whole_number(description: &str) -> Value {
    json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX, "description": description })
}

pub fn number(description: &str) -> Value {
    json!({ "type": "number", "description": description })
}

pub fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

/// Any single YAML scalar (an example value, an allowed value).
pub fn scalar(description: &str) -> Value {
    json!({ "type": ["string", "number", "boolean", "null"], "description": description })
}

/// One of a model enum's values, spelt as serde spells them (the loader's own spelling).
/// `labels`, when given, are shown next to each value while completing.
pub fn one_of<T: Serialize>(description: &str, values: &[T], labels: Option<Vec<&str>>) -> Value {
    let names: Vec<Value> = values.iter().map(serde_name).collect();
    let mut v = json!({ "type": "string", "description": description, "enum": names });
    if let Some(labels) = labels {
        v["enumDescriptions"] = json!(labels);
    }
    v
}

/// The name serde gives a unit variant, e.g. `not-started`.
pub fn serde_name<T: Serialize>(value: &T) -> Value {
    let name = serde_json::to_value(value).expect("a unit variant serializes to its name");
    assert!(name.is_string(), "{name} is not a unit variant's name");
    name
}

/// A list of `items`.
pub fn array(description: &str, items: Value) -> Value {
    json!({ "type": "array", "description": description, "items": items })
}

/// An object with these keys and no others (the loader refuses unknown keys).
pub fn object(description: &str, properties: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let mut props = Map::new();
    for (key, schema) in properties {
        props.insert(key.to_string(), schema);
    }
    let mut v = json!({
        "type": "object",
        "description": description,
        "properties": props,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        v["required"] = json!(required);
    }
    v
}

/// A map from free keys to `values` (the loader refuses a repeated key; editors do too).
pub fn map(description: &str, values: Value) -> Value {
    json!({ "type": "object", "description": description, "additionalProperties": values })
}

/// The same schema, also accepting `null` (`key: ~`), which the loader reads as "absent".
pub fn nullable(mut v: Value) -> Value {
    match v.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            v["type"] = json!([t, "null"]);
        }
        Some(Value::Array(types)) if !types.contains(&json!("null")) => types.push(json!("null")),
        _ => {}
    }
    if let Some(Value::Array(values)) = v.get_mut("enum") {
        values.push(Value::Null);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_adds_null_to_the_type_and_the_values() {
        assert_eq!(nullable(json!({"type": "string"}))["type"], json!(["string", "null"]));
        assert_eq!(
            nullable(json!({"type": ["string", "number"]}))["type"],
            json!(["string", "number", "null"])
        );
        let v = nullable(json!({"type": "string", "enum": ["a"]}));
        assert_eq!(v["enum"], json!(["a", null]));
    }
}
