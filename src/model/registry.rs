//! What a project record says of a schema that lives in the registry (`schema: { ref: … }`),
//! and what the registry tells of each of its fields once resolved.

use super::{Field, Retention, Sampling, Sensitivity};
use crate::source::Location;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A record's `schema:` as written: inline (`name`, `fields` as a list) or from the registry
/// (`ref`, `table`, `fields` by path).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct SchemaRecord {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub version: Option<super::SchemaVersionNumber>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sampling: Option<Sampling>,
    #[serde(default)]
    pub retention: Option<Retention>,
    #[serde(default)]
    pub fields: FieldsSpec,
    #[serde(default)]
    pub incompatible_ok: BTreeMap<String, String>,
}

/// `fields:` of a schema: a list of inline fields, or additions to registry fields by path.
#[derive(Debug, Default)]
pub(super) enum FieldsSpec {
    #[default]
    None,
    List(Vec<Field>),
    ByPath(BTreeMap<String, FieldOverride>),
}

impl<'de> Deserialize<'de> for FieldsSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldsSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of fields, or with `ref` a mapping of field paths")
            }
            fn visit_unit<E: de::Error>(self) -> Result<FieldsSpec, E> {
                Ok(FieldsSpec::None)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldsSpec, A::Error> {
                let mut out = Vec::new();
                while let Some(f) = seq.next_element::<Field>()? {
                    out.push(f);
                }
                Ok(FieldsSpec::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldsSpec, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<FieldOverride>()?;
                    out.insert(key, value);
                }
                Ok(FieldsSpec::ByPath(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// What a record adds to a registry field (or to every field below a path).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldOverride {
    pub sensitivity: Sensitivity,
}

/// A record's reference to a registry schema, and what it resolved to.
#[derive(Debug, Clone)]
pub struct RegistryRef {
    /// The schema's path below a root, e.g. `analytics/legacy/searchsatisfaction/1.5.0`.
    pub reference: String,
    /// The schema's table in the allow-list, when it is not the title's last segment.
    pub table: Option<String>,
    /// Sensitivity by dotted field path (or by the path of an object above fields).
    pub fields: BTreeMap<String, FieldOverride>,
    /// Incompatible changes the record accepts: the version that makes them, and why.
    pub incompatible_ok: BTreeMap<String, String>,
    /// Filled in when the book is loaded and the reference resolved.
    pub resolved: Option<ResolvedSchema>,
}

/// A registry schema after `$ref` and `allOf` are resolved.
#[derive(Debug, Clone)]
pub struct ResolvedSchema {
    /// The schema's `$id`, e.g. `/analytics/legacy/searchsatisfaction/1.5.0`.
    pub id: Option<String>,
    pub title: Option<String>,
    /// The file it was read from, as the diagnostics name it.
    pub file: std::path::PathBuf,
    /// The whole schema with every `$ref` replaced and every `allOf` merged.
    pub json: serde_json::Value,
    /// The schema's versions in the registry, newest first, each with what it changed.
    pub history: Vec<SchemaVersion>,
}

/// One version of a registry schema (a `<semver>.yaml` beside the schema the record names).
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaVersion {
    /// Its semantic version, e.g. `1.2.0`.
    pub version: String,
    /// The file it was read from, as the diagnostics name it.
    pub file: std::path::PathBuf,
    /// Whether it is the version the record's schema is (its `$id` names it).
    pub used: bool,
    /// What it added, removed or changed since the version before it, by dotted field path
    /// (empty for the first version).
    pub changes: Vec<FieldChange>,
}

/// One field's change between two versions of a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's dotted path, e.g. `event.queryLength`.
    pub path: String,
    pub kind: ChangeKind,
    /// In words: the new field's type, or what changed (`type integer → number`).
    pub what: String,
}

/// Whether a field was added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    /// In words, for pages.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// What happens to a registry field's values, from the allow-list and the record's retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRetention {
    Kept,
    KeptHashed,
    PurgedAfter(u32),
    Undecided,
}

impl FieldRetention {
    /// In words, for pages and the dictionary.
    pub fn label(self) -> String {
        match self {
            FieldRetention::Kept => "kept (allow-listed)".to_string(),
            FieldRetention::KeptHashed => "kept hashed (allow-listed)".to_string(),
            FieldRetention::PurgedAfter(days) => format!("purged after {days} days"),
            FieldRetention::Undecided => "no purge decided".to_string(),
        }
    }
}

/// What the registry says of one leaf field.
#[derive(Debug, Clone)]
pub struct RegistryField {
    /// Its JSON Schema types, e.g. `["string", "null"]`, or `["array of string"]` (empty: any).
    pub types: Vec<String>,
    /// Everything else the schema says of it, in words (`const`, `default`, lengths, …).
    pub details: Vec<String>,
    /// Where it was defined: the `$id` (or path) of the schema or fragment.
    pub origin: String,
    /// Where its property is written in the schema file.
    pub at: Location,
    pub sensitivity_decided: bool,
    pub retention: FieldRetention,
}

/// Whether `prefix` names the field `path` or an object (array, map) above it: `meta` covers
/// `meta.dt`, `tags` covers `tags[]`, `x` covers `x.*`.
pub fn path_covers(prefix: &str, path: &str) -> bool {
    let bare = path.replace("[]", "").replace(".*", "");
    let prefix = prefix.replace("[]", "").replace(".*", "");
    bare == prefix
        || bare
            .strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::path_covers;

    #[test]
    fn a_path_covers_itself_and_what_lies_below_it() {
        assert!(path_covers("meta", "meta.dt"));
        assert!(path_covers("meta.dt", "meta.dt"));
        assert!(path_covers("tags", "tags[]"));
        assert!(path_covers("x", "x.*"));
        assert!(!path_covers("met", "meta.dt"));
        assert!(!path_covers("meta.dt", "meta"));
    }
}
