//! An inline schema's fields as a tree: objects with nested `fields`, arrays with `items`,
//! flattened into leaf fields by the dotted paths registry fields use (`meta.dt`, `tags[]`).

use super::schema::{Field, FieldFormat, FieldType, Sensitivity};
use super::{Bound, Scalar};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A field as written in a record. `sensitivity` may only be left out (and must be) where
/// the values are objects, whose fields each say theirs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct FieldRecord {
    name: String,
    #[serde(rename = "type")]
    ty: FieldType,
    #[serde(default)]
    description: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    sensitivity: Option<Sensitivity>,
    #[serde(default, rename = "enum")]
    allowed: Option<Vec<Scalar>>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    minimum: Option<Bound>,
    #[serde(default)]
    maximum: Option<Bound>,
    #[serde(default)]
    format: Option<FieldFormat>,
    #[serde(default)]
    min_length: Option<u64>,
    #[serde(default)]
    max_length: Option<u64>,
    #[serde(default)]
    min_items: Option<u64>,
    #[serde(default)]
    max_items: Option<u64>,
    #[serde(default)]
    example: Option<Scalar>,
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(default)]
    items: Option<Box<ItemsRecord>>,
}

/// What a field's values are: everything of a field but its name, description, whether it is
/// required and its sensitivity (the keys are repeated in the records above, since serde's
/// `flatten` and `deny_unknown_fields` do not go together).
struct ValueSpec {
    allowed: Option<Vec<Scalar>>,
    pattern: Option<String>,
    minimum: Option<Bound>,
    maximum: Option<Bound>,
    format: Option<FieldFormat>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    example: Option<Scalar>,
    fields: Vec<Field>,
    items: Option<Box<ItemsRecord>>,
}

/// An array's `items`: a value spec with its type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ItemsRecord {
    #[serde(rename = "type")]
    ty: FieldType,
    #[serde(default, rename = "enum")]
    allowed: Option<Vec<Scalar>>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    minimum: Option<Bound>,
    #[serde(default)]
    maximum: Option<Bound>,
    #[serde(default)]
    format: Option<FieldFormat>,
    #[serde(default)]
    min_length: Option<u64>,
    #[serde(default)]
    max_length: Option<u64>,
    #[serde(default)]
    min_items: Option<u64>,
    #[serde(default)]
    max_items: Option<u64>,
    #[serde(default)]
    example: Option<Scalar>,
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(default)]
    items: Option<Box<ItemsRecord>>,
}

impl ItemsRecord {
    /// The items as a field without a name, of the array's sensitivity.
    fn into_field(self, sensitivity: Sensitivity) -> Field {
        let spec = ValueSpec {
            allowed: self.allowed,
            pattern: self.pattern,
            minimum: self.minimum,
            maximum: self.maximum,
            format: self.format,
            min_length: self.min_length,
            max_length: self.max_length,
            min_items: self.min_items,
            max_items: self.max_items,
            example: self.example,
            fields: self.fields,
            items: self.items,
        };
        field(String::new(), self.ty, String::new(), false, sensitivity, spec)
    }

    fn holds_objects(&self) -> bool {
        match self.ty {
            FieldType::Object => true,
            FieldType::Array => self.items.as_ref().is_some_and(|i| i.holds_objects()),
            _ => false,
        }
    }
}

fn field(
    name: String,
    ty: FieldType,
    description: String,
    required: bool,
    sensitivity: Sensitivity,
    spec: ValueSpec,
) -> Field {
    Field {
        name,
        ty,
        description,
        required,
        allowed: spec.allowed,
        pattern: spec.pattern,
        minimum: spec.minimum,
        maximum: spec.maximum,
        format: spec.format,
        min_length: spec.min_length,
        max_length: spec.max_length,
        min_items: spec.min_items,
        max_items: spec.max_items,
        example: spec.example,
        sensitivity,
        fields: spec.fields,
        items: spec.items.map(|i| Box::new(i.into_field(sensitivity))),
        written_at: String::new(),
        within: Vec::new(),
        registry: None,
    }
}

impl TryFrom<FieldRecord> for Field {
    type Error = String;

    fn try_from(r: FieldRecord) -> Result<Field, String> {
        let objects = match r.ty {
            FieldType::Object => true,
            FieldType::Array => r.items.as_ref().is_some_and(|i| i.holds_objects()),
            _ => false,
        };
        let sensitivity = match (r.sensitivity, objects) {
            (Some(s), false) => s,
            (None, false) => return Err("missing field `sensitivity`".to_string()),
            (None, true) => Sensitivity::Internal,
            (Some(_), true) => {
                return Err(format!(
                    "field `{}` holds objects: each of their `fields` says its own `sensitivity`, so remove it here",
                    r.name
                ))
            }
        };
        let spec = ValueSpec {
            allowed: r.allowed,
            pattern: r.pattern,
            minimum: r.minimum,
            maximum: r.maximum,
            format: r.format,
            min_length: r.min_length,
            max_length: r.max_length,
            min_items: r.min_items,
            max_items: r.max_items,
            example: r.example,
            fields: r.fields,
            items: r.items,
        };
        Ok(field(r.name, r.ty, r.description, r.required, sensitivity, spec))
    }
}

/// A schema's `version`: a whole number, or a semantic version such as `1.2.0` (checked
/// when the book is checked, so that a bad one is reported where it is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaVersionNumber {
    Whole(u64),
    Text(String),
}

impl fmt::Display for SchemaVersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            SchemaVersionNumber::Whole(n) => write!(f, "{n}"),
            SchemaVersionNumber::Text(s) => f.write_str(s),
        }
    }
}

impl Serialize for SchemaVersionNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SchemaVersionNumber::Whole(n) => s.serialize_u64(*n),
            SchemaVersionNumber::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for SchemaVersionNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SchemaVersionNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number or a semantic version such as \"1.2.0\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(SchemaVersionNumber::Whole(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                u64::try_from(v).map(SchemaVersionNumber::Whole).map_err(|_| {
                    E::custom(format!(
                        "version {v} is negative: write a whole number or a semantic version such as \"1.2.0\""
                    ))
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(SchemaVersionNumber::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Every leaf field of an inline schema, by dotted path, in the order they are written:
/// an object's fields below its name (`meta.dt`), an array's items as `tags[]`.
pub fn leaves(written: &[Field]) -> Vec<Field> {
    let mut out = Vec::new();
    walk(written, "", "schema/fields", true, &mut out);
    out
}

fn walk(fields: &[Field], prefix: &str, at: &str, required: bool, out: &mut Vec<Field>) {
    for (i, f) in fields.iter().enumerate() {
        let path = if prefix.is_empty() {
            f.name.clone()
        } else {
            format!("{prefix}.{}", f.name)
        };
        visit(f, path, format!("{at}/{i}"), required && f.required, Vec::new(), out);
    }
}

fn visit(f: &Field, path: String, at: String, required: bool, mut within: Vec<String>, out: &mut Vec<Field>) {
    match (f.ty, &f.items) {
        (FieldType::Object, _) => walk(&f.fields, &path, &format!("{at}/fields"), required, out),
        (FieldType::Array, Some(items)) => {
            within.push(format!("items of the array `{path}`"));
            within.extend(f.min_items.map(|n| format!("at least {n} items")));
            within.extend(f.max_items.map(|n| format!("at most {n} items")));
            let mut items = (**items).clone();
            items.description = f.description.clone();
            visit(
                &items,
                format!("{path}[]"),
                format!("{at}/items"),
                required,
                within,
                out,
            );
        }
        _ => {
            let mut leaf = f.clone();
            leaf.name = path;
            leaf.required = required;
            leaf.written_at = at;
            leaf.within = within;
            leaf.fields = Vec::new();
            leaf.items = None;
            out.push(leaf);
        }
    }
}
