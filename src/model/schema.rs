use super::Scalar;
use serde::{Deserialize, Serialize};

/// A project's event schema.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Schema {
    pub name: String,
    #[serde(default)]
    pub version: Option<u32>,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sampling: Option<Sampling>,
    #[serde(default)]
    pub retention: Option<Retention>,
    #[serde(default)]
    pub fields: Vec<Field>,
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

/// One field of an event.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Field {
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
    pub minimum: Option<f64>,
    #[serde(default)]
    pub maximum: Option<f64>,
    #[serde(default)]
    pub format: Option<FieldFormat>,
    #[serde(default)]
    pub example: Option<Scalar>,
    pub sensitivity: Sensitivity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
        }
    }

    /// The type's name with its article, for messages: "an integer", "a string".
    pub fn with_article(self) -> &'static str {
        match self {
            FieldType::String => "a string",
            FieldType::Integer => "an integer",
            FieldType::Number => "a number",
            FieldType::Boolean => "a boolean",
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
