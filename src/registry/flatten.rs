//! A resolved schema as leaf fields by dotted path: `meta.dt`, `tags[]` (an array's items),
//! `x.*` (a map's values).

use super::resolve::Node;
use crate::model::{Field, FieldRetention, FieldType, RegistryField, Scalar, Sensitivity};
use serde_json::Value;

/// Every leaf field below the root object, in the order the schema writes them.
pub fn leaves(root: &Node) -> Vec<Field> {
    let mut out = Vec::new();
    walk(root, "", true, &mut out);
    out
}

fn walk(node: &Node, prefix: &str, required: bool, out: &mut Vec<Field>) {
    for (name, child) in &node.properties {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let req = required && node.required.contains(name);
        visit(child, path, req, Vec::new(), out);
    }
}

fn visit(node: &Node, path: String, required: bool, mut around: Vec<String>, out: &mut Vec<Field>) {
    let types = node.types();
    if !node.properties.is_empty() {
        walk(node, &path, required, out);
    } else if let (true, Some(items)) = (types.iter().any(|t| t == "array"), &node.items) {
        around.push(format!("items of the array `{path}`"));
        around.extend(count("minItems", "at least", "items", node));
        around.extend(count("maxItems", "at most", "items", node));
        let mut items = (**items).clone();
        if !items.keywords.contains_key("description") {
            if let Some(d) = node.keywords.get("description") {
                items.keywords.insert("description".into(), d.clone());
            }
        }
        visit(&items, format!("{path}[]"), false, around, out);
    } else if let (true, Some(values)) = (types.iter().any(|t| t == "object"), &node.additional) {
        around.push(format!("values of the map `{path}`"));
        let mut values = (**values).clone();
        if !values.keywords.contains_key("description") {
            if let Some(d) = node.keywords.get("description") {
                values.keywords.insert("description".into(), d.clone());
            }
        }
        visit(&values, format!("{path}.*"), false, around, out);
    } else {
        out.push(leaf(node, path, required, around));
    }
}

fn count(key: &str, words: &str, what: &str, node: &Node) -> Option<String> {
    node.keywords.get(key).map(|v| format!("{words} {v} {what}"))
}

fn leaf(node: &Node, path: String, required: bool, mut details: Vec<String>) -> Field {
    let k = &node.keywords;
    let text = |key: &str| k.get(key).and_then(Value::as_str).map(str::to_string);
    let number = |key: &str| {
        k.get(key).and_then(|v| match v.as_i64() {
            Some(i) => Some(crate::model::Bound::Int(i)),
            None => v.as_f64().map(crate::model::Bound::Float),
        })
    };
    let types = node.types();
    let ty = types
        .iter()
        .find_map(|t| match t.as_str() {
            "string" => Some(FieldType::String),
            "integer" => Some(FieldType::Integer),
            "number" => Some(FieldType::Number),
            "boolean" => Some(FieldType::Boolean),
            _ => None,
        })
        .unwrap_or(FieldType::String);
    for (key, words) in [
        ("const", "always"),
        ("default", "default"),
        ("minLength", "length at least"),
        ("maxLength", "length at most"),
        ("exclusiveMinimum", "more than"),
        ("exclusiveMaximum", "less than"),
        ("multipleOf", "a multiple of"),
        ("format", "format"),
    ] {
        if let Some(v) = k.get(key) {
            details.push(format!("{words} {}", plain(v)));
        }
    }
    if let Some(Value::Array(examples)) = k.get("examples") {
        let shown: Vec<String> = examples.iter().map(plain).collect();
        if !shown.is_empty() {
            details.push(format!("examples: {}", shown.join(", ")));
        }
    }
    details.push(format!("from {}", node.origin));
    let allowed = k
        .get("enum")
        .and_then(Value::as_array)
        .map(|values| values.iter().map(scalar).collect());
    Field {
        name: path,
        ty,
        description: text("description").unwrap_or_default(),
        required,
        allowed,
        pattern: text("pattern"),
        minimum: number("minimum"),
        maximum: number("maximum"),
        format: None,
        min_length: None,
        max_length: None,
        min_items: None,
        max_items: None,
        example: None,
        sensitivity: Sensitivity::Internal,
        fields: Vec::new(),
        items: None,
        written_at: String::new(),
        within: Vec::new(),
        registry: Some(Box::new(RegistryField {
            types,
            details,
            origin: node.origin.clone(),
            at: node.at.clone(),
            sensitivity_decided: false,
            retention: FieldRetention::Undecided,
        })),
    }
}

/// A JSON value as a reader would write it: strings without quotes.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn scalar(v: &Value) -> Scalar {
    match v {
        Value::Null => Scalar::Null,
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Scalar::Int(i),
            None => Scalar::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Scalar::Str(s.clone()),
        other => Scalar::Str(other.to_string()),
    }
}
