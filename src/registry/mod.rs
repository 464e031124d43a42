//! Schemas from a registry: records name a schema by path (`schema: { ref: … }`) in the roots
//! of `[schemas]` in book.toml; its `$ref`s and `allOf`s are resolved, its leaf fields listed
//! by dotted path, and the allow-list says what is kept of each.

mod allowlist;
mod examples;
mod flatten;
mod history;
mod resolve;
mod store;
mod tools;
mod validate;

use crate::config::BookConfig;
use crate::diagnostic::Diagnostic;
use crate::model::{FieldRetention, Project, ResolvedSchema, Schema};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use allowlist::AllowList;
use history::History;
pub use history::Semver;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use store::Store;

/// What resolving the records' registry schemas read and found.
#[derive(Debug, Default)]
pub struct Attached {
    /// Every registry file read (for quoting lines in diagnostics).
    pub sources: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Fills in the fields of every record whose schema names a registry schema. `book_toml` is
/// the book's config file, to point at `[schemas]` keys.
pub fn attach(book_root: &Path, config: &BookConfig, book_toml: &SourceFile, projects: &mut [Project]) -> Attached {
    let uses_registry = projects
        .iter()
        .any(|p| p.schema.as_ref().is_some_and(|s| s.registry.is_some()));
    let schemas = &config.schemas;
    if !uses_registry && schemas.roots.is_empty() && schemas.allow_list.is_none() {
        return Attached::default();
    }
    let mut out = Vec::new();
    let key_at = |key: &str| crate::config::key_location(book_toml, key).unwrap_or_else(|| book_toml.start());
    let mut roots = Vec::new();
    for root in &schemas.roots {
        if book_root.join(root).is_dir() {
            roots.push(root.clone());
        } else {
            out.push(
                Diagnostic::error(
                    "missing-file",
                    format!("book.toml: the schema root `{}` is not a folder", root.display()),
                )
                .at(key_at("roots"))
                .hint("give the folder that holds the schemas (paths are taken from the folder of book.toml)"),
            );
        }
    }
    let mut store = Store::new(book_root, roots);
    let allow = match &schemas.allow_list {
        Some(path) if book_root.join(path).is_file() => store
            .get(path)
            .map(|doc| AllowList::read(&doc, &mut out))
            .unwrap_or_default(),
        Some(path) => {
            out.push(
                Diagnostic::error(
                    "missing-file",
                    format!("book.toml: the allow-list `{}` does not exist", path.display()),
                )
                .at(key_at("allow-list"))
                .hint("create it, or remove `allow-list` from `[schemas]`"),
            );
            AllowList::default()
        }
        None => AllowList::default(),
    };
    let skips = tools::Skips::read(&mut store);
    // Each record's schema file, looked up once for the prefetch and the attaching.
    let found: Vec<Option<PathBuf>> = projects
        .iter()
        .map(|p| {
            let registry = p.schema.as_ref().and_then(|s| s.registry.as_ref())?;
            store.find(&registry.reference)
        })
        .collect();
    prefetch(&mut store, &found);
    let mut cache = Cache::default();
    for (project, path) in projects.iter_mut().zip(found) {
        attach_one(&mut store, &allow, &skips, &mut cache, project, path, &mut out);
    }
    let mut diagnostics = std::mem::take(&mut store.diagnostics);
    diagnostics.extend(out);
    let mut unique: Vec<Diagnostic> = Vec::new();
    for d in diagnostics {
        if !unique.contains(&d) {
            unique.push(d);
        }
    }
    Attached {
        sources: store.sources,
        diagnostics: unique,
    }
}

/// Reads the schema files the records name, and their other versions, in parallel before
/// the records are attached one by one (which would read them one after another).
fn prefetch(store: &mut Store, found: &[Option<PathBuf>]) {
    let mut paths = Vec::new();
    let mut dirs = std::collections::HashSet::new();
    for path in found.iter().flatten() {
        if dirs.insert(path.parent()) {
            paths.extend(history::version_files(store, path).into_values());
        }
        paths.push(path.clone());
    }
    store.prefetch(&paths);
}

/// What every record naming one schema file shares, worked out once per build: the file's
/// resolved schema (its `$ref`s followed, `allOf` merged), its leaf fields, its JSON, and its
/// versions in the registry.
#[derive(Default)]
struct Cache {
    resolved: HashMap<PathBuf, Rc<Resolved>>,
    histories: HashMap<PathBuf, Rc<History>>,
}

struct Resolved {
    node: resolve::Node,
    fields: Vec<crate::model::Field>,
    json: serde_json::Value,
}

fn attach_one(
    store: &mut Store,
    allow: &AllowList,
    skips: &tools::Skips,
    cache: &mut Cache,
    project: &mut Project,
    found: Option<PathBuf>,
    out: &mut Vec<Diagnostic>,
) {
    let locator = project.record.locator.clone();
    let Some(schema) = project.record.value.schema.as_mut() else {
        return;
    };
    let Some(registry) = &schema.registry else { return };
    let reference = registry.reference.clone();
    let Some(path) = found else {
        let hint = if store.roots.is_empty() {
            "name the registry's folders in book.toml: `[schemas]` then `roots = [\"registry/primary\"]`".to_string()
        } else {
            let roots: Vec<String> = store.roots.iter().map(|r| format!("`{}`", r.display())).collect();
            format!(
                "write the schema's path below a root ({}), without `.yaml`: e.g. `analytics/button_click/1.0.0`, or `…/current`, `…/latest`",
                roots.join(", ")
            )
        };
        out.push(
            Diagnostic::error(
                "unknown-schema-ref",
                format!("schema `{reference}` is in none of the schema roots"),
            )
            .at(locator.value("schema/ref"))
            .hint(hint),
        );
        return;
    };
    let Some(doc) = store.get(&path) else { return };
    let resolved = match cache.resolved.get(&path) {
        Some(r) => r.clone(),
        None => {
            let node = resolve::Resolver::new(store).resolve_doc(&doc);
            let fields = flatten::leaves(&node);
            let json = node.to_json();
            let r = Rc::new(Resolved { node, fields, json });
            cache.resolved.insert(path.clone(), r.clone());
            r
        }
    };
    let node = &resolved.node;
    let mut fields = resolved.fields.clone();
    let text = |k: &str| node.keywords.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let (id, title) = (text("$id"), text("title"));
    if schema.name.trim().is_empty() {
        schema.name = title.clone().unwrap_or_else(|| reference.clone());
    }
    if schema.description.trim().is_empty() {
        schema.description = text("description").unwrap_or_default();
    }
    let registry = schema.registry.as_ref().expect("checked above");
    let history = cache
        .histories
        .entry(path.clone())
        .or_insert_with(|| Rc::new(history::read(store, &path, id.as_deref())))
        .clone();
    compatibility(&history, skips, registry, &reference, &locator, out);
    for key in registry.fields.keys() {
        if !fields.iter().any(|f| crate::model::registry::path_covers(key, &f.name)) {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            out.push(
                Diagnostic::error(
                    "unknown-field-path",
                    format!("`{key}` is not a field of schema `{reference}`"),
                )
                .at(locator.key(&format!("schema/fields/{key}")))
                .hint(did_you_mean(key, &names, "fields").unwrap_or_else(|| {
                    "name a field by its dotted path as the project page lists it, e.g. `meta.dt`".to_string()
                })),
            );
        }
    }
    // The allow-list's table: the record's `table`, else the title's last segment.
    let title_table = title.as_deref().and_then(|t| t.rsplit('/').next()).map(str::to_string);
    let table = match &registry.table {
        Some(t) => match allow.table(t) {
            Some(found) => Some(found),
            None => {
                if !allow.tables.is_empty() {
                    let tables: Vec<&str> = allow.tables.iter().map(|(t, _)| t.as_str()).collect();
                    out.push(
                        Diagnostic::error(
                            "unknown-reference",
                            format!("table `{t}` is not in the allow-list"),
                        )
                        .at(locator.value("schema/table"))
                        .hint(did_you_mean(t, &tables, "tables").unwrap_or_else(|| {
                            "name the allow-list's entry for this schema, or remove `table` to purge every field".to_string()
                        })),
                    );
                }
                None
            }
        },
        None => title_table.as_deref().and_then(|t| allow.table(t)),
    };
    if let Some((table_name, entries)) = table {
        for e in entries {
            if !fields
                .iter()
                .any(|f| crate::model::registry::path_covers(&e.path, &f.name))
            {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                out.push(
                    Diagnostic::error(
                        "allow-list-field",
                        format!(
                            "the allow-list keeps `{}` of table `{table_name}`, but schema `{reference}` has no such field",
                            e.path
                        ),
                    )
                    .at(e.at.clone())
                    .related(locator.value("schema/ref"), "the schema is named here")
                    .hint(did_you_mean(&e.path, &names, "fields").unwrap_or_else(|| {
                        "remove the entry, or name the field by its path in the schema".to_string()
                    })),
                );
            }
        }
    }
    let purge = schema.retention.as_ref().and_then(|r| r.purge_after_days);
    let listed = schema
        .retention
        .as_ref()
        .map(|r| r.allow_list.clone())
        .unwrap_or_default();
    let snake_case_skipped = skips.skips(id.as_deref().unwrap_or(""), tools::SNAKE_CASE);
    let mut undecided = Vec::new();
    for f in &mut fields {
        let decided = schema_override(schema, &f.name);
        let info = f.registry.as_mut().expect("registry fields carry their registry facts");
        if let Some(s) = decided {
            f.sensitivity = s;
            info.sensitivity_decided = true;
        } else {
            undecided.push(f.name.clone());
        }
        info.retention = allow
            .decision(table.map(|(_, e)| e), &f.name)
            .or_else(|| {
                listed
                    .iter()
                    .any(|l| crate::model::registry::path_covers(l, &f.name))
                    .then_some(FieldRetention::Kept)
            })
            .or(purge.map(FieldRetention::PurgedAfter))
            .unwrap_or(FieldRetention::Undecided);
        style(f, snake_case_skipped, out);
    }
    if !undecided.is_empty() {
        let shown: Vec<String> = undecided.iter().take(5).map(|n| format!("`{n}`")).collect();
        let more = if undecided.len() > 5 {
            format!(" and {} more", undecided.len() - 5)
        } else {
            String::new()
        };
        out.push(
            Diagnostic::warning(
                "undecided-sensitivity",
                format!(
                    "{} field{} of schema `{reference}` {} no sensitivity: {}{more}",
                    undecided.len(),
                    if undecided.len() == 1 { "" } else { "s" },
                    if undecided.len() == 1 { "has" } else { "have" },
                    shown.join(", ")
                ),
            )
            .at(locator.value("schema/ref"))
            .hint(format!(
                "say how sensitive each is under `fields:`, by path or for a whole object, e.g. `{}: {{ sensitivity: internal }}`",
                undecided[0].split('.').next().unwrap_or("meta")
            )),
        );
    }
    schema.fields = fields;
    if let Some(r) = schema.registry.as_mut() {
        r.resolved = Some(ResolvedSchema {
            id,
            title,
            file: path,
            json: resolved.json.clone(),
            history: history.versions.clone(),
        });
    }
}

/// The compatibility rule: each breaking change between two versions of one major version is
/// an error at the newer file, unless the registry skips the check for that schema or the
/// record accepts the version with a reason (`incompatible-ok`).
fn compatibility(
    history: &History,
    skips: &tools::Skips,
    registry: &crate::model::RegistryRef,
    reference: &str,
    locator: &crate::yaml::Locator,
    out: &mut Vec<Diagnostic>,
) {
    let waivers = &registry.incompatible_ok;
    for b in &history.breaks {
        if skips.skips(&b.newer_id, tools::COMPATIBILITY) || waivers.get(&b.newer).is_some_and(|r| !r.trim().is_empty())
        {
            continue;
        }
        let schema = b
            .newer_id
            .rsplit_once('/')
            .map_or(b.newer_id.as_str(), |(s, _)| s)
            .trim_start_matches('/');
        out.push(
            Diagnostic::error(
                "incompatible-change",
                format!(
                    "{schema} {} is incompatible with {}: `{}` {}",
                    b.newer, b.older, b.path, b.what
                ),
            )
            .at(b.at.clone())
            .related(b.old_at.clone(), format!("{} has it here", b.older))
            .hint(format!(
                "within a major version a field may only be added, and not as required: undo the change in a new version, or make it a new major version; if no stored event can break, accept it under the record's `schema:` with `incompatible-ok: {{ \"{}\": \"why nothing breaks\" }}`",
                b.newer
            )),
        );
    }
    for (version, reason) in waivers {
        let at = locator.value(&format!("schema/incompatible-ok/{version}"));
        if reason.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "empty-reason",
                    format!("`incompatible-ok` accepts version `{version}` without saying why"),
                )
                .at(at)
                .hint("say why the change breaks no stored event or query, e.g. `\"no client sent the field before this version\"`"),
            );
        } else if !history.breaks.iter().any(|b| b.newer == *version) {
            let known: Vec<&str> = history.versions.iter().map(|v| v.version.as_str()).collect();
            let why = if known.contains(&version.as_str()) {
                "makes no incompatible change".to_string()
            } else {
                format!("is not a version of it in the registry (it has {})", known.join(", "))
            };
            out.push(
                Diagnostic::warning(
                    "needless-waiver",
                    format!("`incompatible-ok` accepts version `{version}` of `{reference}`, which {why}"),
                )
                .at(at)
                .hint("remove the entry: there is nothing to accept"),
            );
        }
    }
}

fn schema_override(schema: &Schema, path: &str) -> Option<crate::model::Sensitivity> {
    schema.override_for(path).map(|o| o.sensitivity)
}

/// House style, a warning for registry schemas (their owners enforce their own): snake_case
/// names, unless the registry skips that check for the schema, and a description.
fn style(f: &crate::model::Field, snake_case_skipped: bool, out: &mut Vec<Diagnostic>) {
    let Some(info) = &f.registry else { return };
    let last = f
        .name
        .rsplit('.')
        .find(|s| *s != "*")
        .unwrap_or("")
        .trim_end_matches("[]");
    if !snake_case_skipped && !last.is_empty() && !crate::check::is_snake_case(last) && !last.starts_with('$') {
        out.push(
            Diagnostic::warning(
                "registry-field-name",
                format!("field `{}` ({}) is not snake_case", f.name, info.origin),
            )
            .at(info.at.clone())
            .hint("name new fields in lowercase words joined by underscores; a legacy schema can be skipped in the registry's `.jsonschema-tools.yaml` (`schema-snake-case-properties`)"),
        );
    }
    if f.description.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "undescribed-field",
                format!("field `{}` ({}) has no description", f.name, info.origin),
            )
            .at(info.at.clone())
            .hint("add a `description` to the property in the schema; the data dictionary shows it"),
        );
    }
}
