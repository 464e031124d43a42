//! A registry schema's versions: the `<semver>.yaml` files beside the schema a record names,
//! each compared with the one before it (what it added, removed or changed), and the changes
//! that break compatibility within a major version, as the registry's own jsonschema-tools
//! judges them: no field removed, no type changed, no new required field.

use super::flatten;
use super::resolve::Resolver;
use super::store::Store;
use crate::model::{ChangeKind, Field, FieldChange, SchemaVersion};
use crate::source::Location;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A semantic version, `major.minor.patch`, ordered as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Semver(u64, u64, u64);

impl Semver {
    /// `1.2.0` (three whole numbers); anything else is not a version.
    pub fn parse(text: &str) -> Option<Semver> {
        let mut parts = text.split('.').map(|p| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u64>().ok())
                .flatten()
        });
        let v = Semver(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(v)
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// A change that breaks events of the version before, within one major version.
#[derive(Debug, Clone)]
pub struct Break {
    pub older: String,
    pub newer: String,
    /// The newer version's `$id`, which the registry's skip list matches.
    pub newer_id: String,
    pub path: String,
    /// What happened to the field, e.g. "was removed".
    pub what: String,
    /// Where the newer file shows it: the field, or its `$id` for a removed field.
    pub at: Location,
    /// Where the older file has the field.
    pub old_at: Location,
}

/// The versions of a schema, newest first, and its breaking changes.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub versions: Vec<SchemaVersion>,
    pub breaks: Vec<Break>,
}

struct Snapshot {
    version: Semver,
    file: PathBuf,
    id: String,
    id_at: Location,
    fields: Vec<Field>,
}

/// The history of the schema in `schema_file`, whose `$id` is `used_id`. A `current.yaml`
/// whose `$id` names a version that has no file yet counts as that version.
/// The files of the versions beside `schema_file` (`1.0.0.yaml`, `1.1.0.json`...), by version.
pub fn version_files(store: &Store, schema_file: &Path) -> BTreeMap<Semver, PathBuf> {
    let dir = schema_file.parent().unwrap_or(Path::new(""));
    let mut files: BTreeMap<Semver, PathBuf> = BTreeMap::new();
    for name in store.file_names(dir) {
        let stem = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".json"))
            .unwrap_or(&name);
        let Some(v) = Semver::parse(stem) else { continue };
        // A version may be there as `1.0.0.yaml` and as a link `1.0.0`: the YAML file wins.
        let better = files
            .get(&v)
            .is_none_or(|old| !old.to_string_lossy().ends_with(".yaml"));
        if better {
            files.insert(v, dir.join(&name));
        }
    }
    files
}

pub fn read(store: &mut Store, schema_file: &Path, used_id: Option<&str>) -> History {
    let mut files = version_files(store, schema_file);
    let used = used_id.and_then(|id| id.rsplit('/').next()).and_then(Semver::parse);
    if let Some(u) = used {
        files.entry(u).or_insert_with(|| schema_file.to_path_buf());
    }
    let mut snapshots = Vec::new();
    for (version, file) in files {
        let Some(doc) = store.get(&file) else { continue };
        let node = Resolver::unchecked(store).resolve_doc(&doc);
        let locator = &doc.value.locator;
        snapshots.push(Snapshot {
            version,
            id: doc
                .value
                .value
                .get("$id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            id_at: if locator.has("$id") {
                locator.value("$id")
            } else {
                locator.file().start()
            },
            fields: flatten::leaves(&node),
            file,
        });
    }
    let mut history = History::default();
    for (i, snap) in snapshots.iter().enumerate() {
        let changes = match i.checked_sub(1).map(|j| &snapshots[j]) {
            Some(old) => compare(old, snap, &mut history.breaks),
            None => Vec::new(),
        };
        history.versions.push(SchemaVersion {
            version: snap.version.to_string(),
            file: snap.file.clone(),
            used: Some(snap.version) == used,
            changes,
        });
    }
    history.versions.reverse();
    history
}

/// What `new` changed from `old`, by field path; breaking changes within a major version are
/// added to `breaks`.
fn compare(old: &Snapshot, new: &Snapshot, breaks: &mut Vec<Break>) -> Vec<FieldChange> {
    let same_major = old.version.0 == new.version.0;
    let mut changes = Vec::new();
    let mut broke = |f: &Field, what: String, at: Location| {
        if same_major {
            breaks.push(Break {
                older: old.version.to_string(),
                newer: new.version.to_string(),
                newer_id: new.id.clone(),
                path: f.name.clone(),
                what,
                at,
                old_at: at_of(old, &f.name),
            });
        }
    };
    for o in &old.fields {
        let Some(n) = new.fields.iter().find(|n| n.name == o.name) else {
            changes.push(change(o, ChangeKind::Removed, o.type_label()));
            broke(o, "was removed".to_string(), new.id_at.clone());
            continue;
        };
        let mut what = Vec::new();
        let (mut ot, mut nt) = (types(o), types(n));
        ot.sort();
        nt.sort();
        if ot != nt {
            what.push(format!("type {} → {}", o.type_label(), n.type_label()));
            if !ot.is_empty() && !nt.is_empty() {
                broke(
                    n,
                    format!("changed type from `{}` to `{}`", o.type_label(), n.type_label()),
                    at_of(new, &n.name),
                );
            }
        }
        if n.required && !o.required {
            what.push("now required".to_string());
            broke(n, "became required".to_string(), at_of(new, &n.name));
        } else if o.required && !n.required {
            what.push("no longer required".to_string());
        }
        what.extend(constraint_changes(o, n));
        if !what.is_empty() {
            changes.push(change(n, ChangeKind::Changed, what.join("; ")));
        }
    }
    for n in &new.fields {
        if !old.fields.iter().any(|o| o.name == n.name) {
            let required = if n.required { ", required" } else { "" };
            changes.push(change(n, ChangeKind::Added, format!("{}{required}", n.type_label())));
            if n.required {
                broke(n, "is a new required field".to_string(), at_of(new, &n.name));
            }
        }
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes
}

fn change(f: &Field, kind: ChangeKind, what: String) -> FieldChange {
    FieldChange {
        path: f.name.clone(),
        kind,
        what,
    }
}

fn types(f: &Field) -> Vec<String> {
    f.registry.as_ref().map(|r| r.types.clone()).unwrap_or_default()
}

/// Where `snap` writes field `path` (its file's `$id` when it does not have it).
fn at_of(snap: &Snapshot, path: &str) -> Location {
    snap.fields
        .iter()
        .find(|f| f.name == path)
        .and_then(|f| f.registry.as_ref())
        .map(|r| r.at.clone())
        .unwrap_or_else(|| snap.id_at.clone())
}

/// The constraints that differ, in words: `enum`, bounds, `pattern` and the other details
/// (not where the field comes from, nor its examples: those change with every version).
fn constraint_changes(o: &Field, n: &Field) -> Vec<String> {
    let mut out = Vec::new();
    let words =
        |v: &Option<Vec<crate::model::Scalar>>| -> Vec<String> { v.iter().flatten().map(|s| s.to_string()).collect() };
    let (oe, ne) = (words(&o.allowed), words(&n.allowed));
    let grown: Vec<&String> = ne.iter().filter(|v| !oe.contains(v)).collect();
    let shrunk: Vec<&String> = oe.iter().filter(|v| !ne.contains(v)).collect();
    if !grown.is_empty() && !oe.is_empty() {
        out.push(format!("enum adds {}", join(&grown)));
    }
    if !shrunk.is_empty() && !ne.is_empty() {
        out.push(format!("enum drops {}", join(&shrunk)));
    }
    for (name, a, b) in [("minimum", o.minimum, n.minimum), ("maximum", o.maximum, n.maximum)] {
        if a != b {
            let shown = |x: Option<crate::model::Bound>| x.map_or_else(|| "none".to_string(), |x| x.to_string());
            out.push(format!("{name} {} → {}", shown(a), shown(b)));
        }
    }
    if o.pattern != n.pattern {
        out.push("pattern changed".to_string());
    }
    let details = |f: &Field| -> Vec<String> {
        f.registry
            .iter()
            .flat_map(|r| r.details.iter())
            .filter(|d| !d.starts_with("from ") && !d.starts_with("examples: "))
            .cloned()
            .collect()
    };
    let (od, nd) = (details(o), details(n));
    for d in od.iter().filter(|d| !nd.contains(d)) {
        out.push(format!("no longer {d}"));
    }
    for d in nd.iter().filter(|d| !od.contains(d)) {
        out.push(format!("now {d}"));
    }
    out
}

fn join(values: &[&String]) -> String {
    values.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::Semver;

    #[test]
    fn versions_are_three_whole_numbers_ordered_as_numbers() {
        assert!(Semver::parse("1.10.0") > Semver::parse("1.9.0"));
        assert_eq!(Semver::parse("2.0.1").map(|v| v.to_string()).as_deref(), Some("2.0.1"));
        for not in ["current", "1.0", "1.0.0.1", "1.a.0", "1..0", "latest"] {
            assert_eq!(Semver::parse(not), None, "{not}");
        }
    }
}
