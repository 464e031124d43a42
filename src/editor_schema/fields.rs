//! The schema of an inline event schema's fields: a field, and an array's `items`, each of
//! which may hold fields again (`definitions`, referred to by `$ref`, since they nest).

use super::parts::{array, boolean, every, nullable, number, object, one_of, scalar, serde_name, text};
use crate::config::FieldNames;
use crate::model::{FieldFormat, FieldType, Sensitivity};
use serde_json::{json, Map, Value};

/// A field, described as `description` says.
pub fn field_ref(description: &str) -> Value {
    json!({ "$ref": "#/definitions/field", "description": description })
}

fn items_ref(description: &str) -> Value {
    json!({ "$ref": "#/definitions/items", "description": description })
}

/// The record schema's `definitions`: a field, and an array's items.
pub fn definitions(naming: FieldNames) -> Value {
    json!({ "field": field(naming), "items": items() })
}

fn types() -> [FieldType; 6] {
    every!(FieldType {
        String,
        Integer,
        Number,
        Boolean,
        Object,
        Array
    })
}

fn count(description: &str) -> Value {
    nullable(json!({ "type": "integer", "minimum": 0, "description": description }))
}

/// The keys a field and an array's items share: what the values are.
fn value_keys() -> Vec<(&'static str, Value)> {
    let formats = every!(FieldFormat {
        DateTime,
        Date,
        Uri,
        Email,
        Uuid,
        Ipv4
    });
    let mut allowed = array("The allowed values, of the field's type.", scalar("An allowed value."));
    allowed["minItems"] = json!(1);
    vec![
        ("type", one_of("The type of the values.", &types(), None)),
        ("enum", nullable(allowed)),
        (
            "pattern",
            nullable(text("A regular expression the values match (string fields only).")),
        ),
        (
            "minimum",
            nullable(number("The smallest allowed value (integer and number fields only).")),
        ),
        (
            "maximum",
            nullable(number("The largest allowed value (integer and number fields only).")),
        ),
        (
            "format",
            nullable(one_of(
                "A well-known format of the values (string fields only).",
                &formats,
                None,
            )),
        ),
        (
            "min-length",
            count("The fewest characters a value has (string fields only)."),
        ),
        (
            "max-length",
            count("The most characters a value has (string fields only)."),
        ),
        (
            "min-items",
            count("The fewest items the array has (array fields only)."),
        ),
        ("max-items", count("The most items the array has (array fields only).")),
        (
            "example",
            scalar("An example value; it must satisfy the field's own rules."),
        ),
        (
            "fields",
            array(
                "The fields of the object (object fields only).",
                field_ref("One field of the object."),
            ),
        ),
        (
            "items",
            items_ref("What each item of the array is (array fields only)."),
        ),
    ]
}

/// Keys that do not fit the type, as `check` reports them (`constraint-type`).
fn type_rules() -> Value {
    let all = types();
    let except =
        |keep: &[FieldType]| -> Vec<Value> { all.iter().filter(|t| !keep.contains(t)).map(serde_name).collect() };
    let absent = |key: &str, what: &str| json!({ "type": "null", "errorMessage": format!("`{key}` is for {what} fields; remove it or change the type") });
    let rule = |keep: &[FieldType], keys: &[&str], what: &str| {
        let props: Map<String, Value> = keys.iter().map(|k| (k.to_string(), absent(k, what))).collect();
        json!({
            "if": { "properties": { "type": { "enum": except(keep) } }, "required": ["type"] },
            "then": { "properties": props },
        })
    };
    json!([
        rule(
            &[FieldType::String],
            &["pattern", "format", "min-length", "max-length"],
            "string"
        ),
        rule(
            &[FieldType::Integer, FieldType::Number],
            &["minimum", "maximum"],
            "integer or number"
        ),
        rule(&[FieldType::Array], &["items", "min-items", "max-items"], "array"),
        rule(&[FieldType::Object], &["fields"], "object"),
    ])
}

fn field(naming: FieldNames) -> Value {
    let levels = every!(Sensitivity {
        Public,
        Internal,
        Personal,
        Sensitive
    });
    let name = match naming {
        FieldNames::SnakeCase => {
            let mut name = text("The field's name in snake_case, e.g. page_id.");
            name["pattern"] = json!("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
            name["patternErrorMessage"] = json!("field names are lowercase words joined by underscores, e.g. page_id");
            name
        }
        FieldNames::CamelCase => {
            let mut name = text("The field's name in camelCase, e.g. pageId.");
            name["pattern"] = json!("^[a-z][a-zA-Z0-9]*$");
            name["patternErrorMessage"] = json!("field names are a lowercase word, then capitalized ones, e.g. pageId");
            name
        }
        FieldNames::Any => {
            let mut name = text("The field's name (any name without `.`, `[`, `]` or `*`).");
            name["pattern"] = json!("^[^.\\[\\]*]+$");
            name["patternErrorMessage"] = json!("`.`, `[`, `]` and `*` write field paths; nest an object instead");
            name
        }
    };
    let mut keys = vec![
        ("name", name),
        (
            "description",
            text("What the field holds; the data dictionary shows it."),
        ),
        (
            "required",
            boolean("Whether every event has this field (default false)."),
        ),
        (
            "sensitivity",
            one_of(
                "How sensitive the field's data is. Personal and sensitive data need a retention decision. An object (or an array of objects) has none: each of its fields says its own.",
                &levels,
                None,
            ),
        ),
    ];
    keys.extend(value_keys());
    let mut v = object("One field of the event.", keys, &["name", "type"]);
    let mut rules = type_rules();
    let holds_objects = json!({ "anyOf": [
        { "properties": { "type": { "enum": ["object"] } }, "required": ["type"] },
        { "properties": { "type": { "enum": ["array"] }, "items": { "properties": { "type": { "enum": ["object"] } }, "required": ["type"] } }, "required": ["type", "items"] },
    ] });
    if let Some(list) = rules.as_array_mut() {
        list.push(json!({
            "if": holds_objects,
            "then": { "properties": { "sensitivity": { "type": "null", "errorMessage": "each of the objects' fields says its own `sensitivity`; remove it here" } } },
            "else": { "required": ["sensitivity"] },
        }));
    }
    v["allOf"] = rules;
    v
}

fn items() -> Value {
    let mut v = object(
        "What each item of an array is: a field's keys without its name, description, `required` or sensitivity.",
        value_keys(),
        &["type"],
    );
    v["allOf"] = type_rules();
    v
}
