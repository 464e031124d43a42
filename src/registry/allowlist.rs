//! The sanitization allow-list: table → field → `keep` or `hash`, with `__defaults__` for
//! every table. Nested maps and dotted keys both name nested fields.

use super::store::Doc;
use crate::diagnostic::Diagnostic;
use crate::model::FieldRetention;
use crate::source::Location;
use serde_json::Value;

/// One listed field of one table.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The field's dotted path, e.g. `event.searchSessionId`.
    pub path: String,
    pub hashed: bool,
    /// Where the field's key is written.
    pub at: Location,
}

/// The allow-list, by table.
#[derive(Debug, Default)]
pub struct AllowList {
    pub tables: Vec<(String, Vec<Entry>)>,
    pub defaults: Vec<Entry>,
}

pub const DEFAULTS: &str = "__defaults__";

impl AllowList {
    /// Reads the parsed file; a leaf that is neither `keep` nor `hash` is reported.
    pub fn read(doc: &Doc, out: &mut Vec<Diagnostic>) -> AllowList {
        let mut list = AllowList::default();
        let Some(tables) = doc.value.value.as_object() else {
            out.push(
                Diagnostic::error("wrong-type", "the allow-list must map table names to their fields")
                    .at(doc.value.locator.file().start())
                    .hint("write `TableName:` then, indented, `field_name: keep` (or `hash`)"),
            );
            return list;
        };
        for (table, fields) in tables {
            let mut entries = Vec::new();
            collect(doc, fields, table, "", &mut entries, out);
            if table == DEFAULTS {
                list.defaults = entries;
            } else {
                list.tables.push((table.clone(), entries));
            }
        }
        list
    }

    /// The entries of `table`, matched without regard to case.
    pub fn table(&self, table: &str) -> Option<(&str, &[Entry])> {
        self.tables
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(table))
            .map(|(t, e)| (t.as_str(), e.as_slice()))
    }

    /// What the list says of field `path` of `table`: the most precise entry wins.
    pub fn decision(&self, table: Option<&[Entry]>, path: &str) -> Option<FieldRetention> {
        table
            .unwrap_or(&[])
            .iter()
            .chain(&self.defaults)
            .filter(|e| crate::model::registry::path_covers(&e.path, path))
            .max_by_key(|e| e.path.len())
            .map(|e| {
                if e.hashed {
                    FieldRetention::KeptHashed
                } else {
                    FieldRetention::Kept
                }
            })
    }
}

fn collect(
    doc: &Doc,
    value: &Value,
    yaml_path: &str,
    prefix: &str,
    entries: &mut Vec<Entry>,
    out: &mut Vec<Diagnostic>,
) {
    let locator = &doc.value.locator;
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(doc, v, &format!("{yaml_path}/{key}"), &path, entries, out);
            }
        }
        Value::String(s) if s == "keep" || s == "hash" => entries.push(Entry {
            path: prefix.to_string(),
            hashed: s == "hash",
            at: locator.key(yaml_path),
        }),
        other => out.push(
            Diagnostic::error(
                "wrong-value",
                format!("allow-list: `{prefix}` is `{other}`; a listed field is kept with `keep` or `hash`"),
            )
            .at(locator.value(yaml_path))
            .hint("write `keep` (kept as it is) or `hash` (kept as a salted hash); leave a field out to purge it"),
        ),
    }
}
