use super::registry::{FieldOverride, RegistryField, RegistryRef, SchemaRecord};
use super::schema_tree::FieldRecord;
pub use super::schema_tree::SchemaVersionNumber;
use super::{Bound, Scalar};
use serde::{Deserialize, Serialize};

/// A project's event schema: written inline, or a reference to a schema of the registry
/// (`ref`), whose fields are filled in when the book is loaded.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(try_from = "SchemaRecord", rename_all = "kebab-case")]
pub struct Schema {
    pub name: String,
    #[serde(default)]
    pub version: Option<SchemaVersionNumber>,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sampling: Option<Sampling>,
    #[serde(default)]
    pub retention: Option<Retention>,
    /// The leaf fields by dotted path (`meta.dt`, `tags[]`), as the pages, the dictionary and
    /// the cross-checks see them; for a registry schema, filled in when it is resolved.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// An inline schema's fields as written, nested objects and arrays kept (empty for a
    /// registry schema).
    #[serde(skip)]
    pub written: Vec<Field>,
    /// Set when the schema comes from the registry.
    #[serde(skip)]
    pub registry: Option<RegistryRef>,
}

impl TryFrom<SchemaRecord> for Schema {
    type Error = String;

    fn try_from(r: SchemaRecord) -> Result<Schema, String> {
        use super::registry::FieldsSpec;
        let (fields, overrides) = match (r.reference.is_some(), r.fields) {
            (_, FieldsSpec::None) => (Vec::new(), Default::default()),
            (false, FieldsSpec::List(list)) => (list, Default::default()),
            (true, FieldsSpec::ByPath(map)) => (Vec::new(), map),
            (true, FieldsSpec::List(_)) => return Err(
                "with `ref`, `fields` maps a field's dotted path to what the record adds, e.g. `event.page_id: { sensitivity: public }`, not a list of fields".to_string(),
            ),
            (false, FieldsSpec::ByPath(_)) => return Err(
                "`fields` is a list of fields (`- name: page_id`); a mapping of field paths is for a schema with `ref`".to_string(),
            ),
        };
        let name = match (r.name, &r.reference) {
            (Some(n), _) => n,
            (None, Some(_)) => String::new(),
            (None, None) => return Err("missing field `name`".to_string()),
        };
        if r.reference.is_none() && !r.incompatible_ok.is_empty() {
            return Err(
                "`incompatible-ok` accepts incompatible changes between versions of a registry schema: it goes with `ref`".to_string(),
            );
        }
        let registry = r.reference.map(|reference| RegistryRef {
            reference,
            table: r.table,
            fields: overrides,
            incompatible_ok: r.incompatible_ok,
            resolved: None,
        });
        Ok(Schema {
            name,
            version: r.version,
            description: r.description,
            sampling: r.sampling,
            retention: r.retention,
            fields: super::schema_tree::leaves(&fields),
            written: fields,
            registry,
        })
    }
}

impl Schema {
    /// Where leaf field `f` is written in the record (`schema/fields/1/fields/0`), for
    /// diagnostics; a registry field's path in `fields` when it has none.
    pub fn record_path(&self, f: usize) -> String {
        match self.fields.get(f) {
            Some(field) if !field.written_at.is_empty() => field.written_at.clone(),
            _ => format!("schema/fields/{f}"),
        }
    }

    /// The override the record gives a registry field (by its path or an ancestor's path).
    pub fn override_for(&self, path: &str) -> Option<&FieldOverride> {
        let r = self.registry.as_ref()?;
        r.fields
            .iter()
            .filter(|(p, _)| super::registry::path_covers(p, path))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, o)| o)
    }
}

/// How events are sampled.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Sampling {
    pub rate: f64,
    pub unit: SamplingUnit,
    #[serde(default)]
    pub method: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SamplingUnit {
    Pageview,
    Session,
    User,
    Event,
    Device,
}

/// What happens to the data over time.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Retention {
    /// Raw events are purged after this many days.
    #[serde(default)]
    pub purge_after_days: Option<u32>,
    /// Fields kept past the purge.
    #[serde(default)]
    pub allow_list: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// One field of an event; a nested object's or an array's items' spec has the same shape.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(try_from = "FieldRecord", rename_all = "kebab-case")]
pub struct Field {
    /// Its name as written, or its dotted path (`meta.dt`, `tags[]`) once flattened; empty
    /// for an array's items.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default, rename = "enum")]
    pub allowed: Option<Vec<Scalar>>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub minimum: Option<Bound>,
    #[serde(default)]
    pub maximum: Option<Bound>,
    #[serde(default)]
    pub format: Option<FieldFormat>,
    #[serde(default)]
    pub min_length: Option<u64>,
    #[serde(default)]
    pub max_length: Option<u64>,
    #[serde(default)]
    pub min_items: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
    #[serde(default)]
    pub example: Option<Scalar>,
    /// For an object whose fields each say theirs (or an array of such objects), a
    /// placeholder that no leaf shows.
    pub sensitivity: Sensitivity,
    /// An object's fields, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// An array's items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Field>>,
    /// Where a flattened inline field is written in its record (`schema/fields/1/items`).
    #[serde(skip)]
    pub written_at: String,
    /// What the arrays around a flattened field say (`items of the array `tags``).
    #[serde(skip)]
    pub within: Vec<String>,
    /// What the registry says of a field that comes from it.
    #[serde(skip)]
    pub registry: Option<Box<RegistryField>>,
}

impl Field {
    /// The sensitivity in words: a registry field the record says nothing of is undecided.
    pub fn sensitivity_label(&self) -> &'static str {
        match &self.registry {
            Some(r) if !r.sensitivity_decided => "undecided",
            _ => self.sensitivity.as_str(),
        }
    }

    /// The type in words: a registry field's union (`string or null`), or the inline type.
    pub fn type_label(&self) -> String {
        match &self.registry {
            Some(r) if !r.types.is_empty() => r.types.join(" or "),
            Some(_) => "any".to_string(),
            None => self.ty.as_str().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Object => "object",
            FieldType::Array => "array",
        }
    }

    /// The type's name with its article, for messages: "an integer", "a string".
    pub fn with_article(self) -> &'static str {
        match self {
            FieldType::String => "a string",
            FieldType::Integer => "an integer",
            FieldType::Number => "a number",
            FieldType::Boolean => "a boolean",
            FieldType::Object => "an object",
            FieldType::Array => "an array",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, FieldType::Integer | FieldType::Number)
    }
}

/// Well-known string formats (as in JSON Schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldFormat {
    DateTime,
    Date,
    Uri,
    Email,
    Uuid,
    Ipv4,
}

impl FieldFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldFormat::DateTime => "date-time",
            FieldFormat::Date => "date",
            FieldFormat::Uri => "uri",
            FieldFormat::Email => "email",
            FieldFormat::Uuid => "uuid",
            FieldFormat::Ipv4 => "ipv4",
        }
    }
}

/// How sensitive a field's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sensitivity {
    Public,
    Internal,
    Personal,
    Sensitive,
}

impl Sensitivity {
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Public => "public",
            Sensitivity::Internal => "internal",
            Sensitivity::Personal => "personal",
            Sensitivity::Sensitive => "sensitive",
        }
    }

    /// Personal and sensitive data need a retention decision.
    pub fn needs_retention(self) -> bool {
        matches!(self, Sensitivity::Personal | Sensitivity::Sensitive)
    }
}
