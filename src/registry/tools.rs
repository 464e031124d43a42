//! A registry's own `.jsonschema-tools.yaml`: its `skipSchemaTestCases` say which of the
//! registry's checks do not apply to which schemas (by a regular expression over `$id`), and
//! dacibook honours them for the checks it shares: field names and version compatibility.

use super::store::Store;
use serde_json::Value;

/// The name of the registry's check that dacibook's field-name warning mirrors.
pub const SNAKE_CASE: &str = "schema-snake-case-properties";

/// The name of the registry's check that dacibook's compatibility rule mirrors.
pub const COMPATIBILITY: &str = "schema-version-compatibility";

/// Skipped checks, by the pattern of the `$id`s they are skipped for.
#[derive(Debug, Default)]
pub struct Skips(Vec<(regex::Regex, Vec<String>)>);

impl Skips {
    /// Reads `.jsonschema-tools.yaml` in each root or the folder above it (where the
    /// registry's repository keeps it).
    pub fn read(store: &mut Store) -> Skips {
        let mut out = Vec::new();
        for root in store.roots.clone() {
            let here = root.join(".jsonschema-tools.yaml");
            let above = root.parent().map(|p| p.join(".jsonschema-tools.yaml"));
            let Some(path) = [Some(here), above]
                .into_iter()
                .flatten()
                .find(|p| store.candidate(p).is_some_and(|c| c == *p))
            else {
                continue;
            };
            let Some(doc) = store.get(&path) else { continue };
            let Some(cases) = doc.value.value.get("skipSchemaTestCases").and_then(Value::as_object) else {
                continue;
            };
            for (pattern, names) in cases {
                let names: Vec<String> = names
                    .as_array()
                    .map(|a| a.iter().filter_map(|n| n.as_str().map(str::to_string)).collect())
                    .unwrap_or_default();
                if let Ok(re) = regex::Regex::new(pattern) {
                    out.push((re, names));
                }
            }
        }
        Skips(out)
    }

    /// Whether the registry skips check `name` for the schema `$id`.
    pub fn skips(&self, id: &str, name: &str) -> bool {
        self.0
            .iter()
            .any(|(re, names)| re.is_match(id) && names.iter().any(|n| n == name))
    }
}
