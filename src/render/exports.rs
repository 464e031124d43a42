//! Machine-readable exports beside the pages: the matrix as CSV and JSON, the dictionary as
//! JSON, and each event schema as a JSON Schema (draft 2020-12) that validates an event.

use crate::check::field_uses;
use crate::diagnostic::Diagnostic;
use crate::model::{Book, Bound, Field, FieldType, Process, Schema};
use crate::render::paths;
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Map, Value};

pub fn add(site: &mut Site, book: &Book, process: &Process) -> Result<(), Diagnostic> {
    site.insert("matrix.csv", matrix_csv(process)?);
    site.insert("matrix.json", pretty(&matrix_json(process)));
    let all: Vec<usize> = (0..book.projects.len()).collect();
    refreshed(book, &all).apply(site);
    Ok(())
}

/// The exports that depend on projects, made again after some changed: the dictionary, and the
/// schemas of those projects (the matrix depends on the process alone).
pub struct Refreshed {
    dictionary: Vec<u8>,
    /// Each changed project's schema file, with its contents, or none when it has no schema.
    schemas: Vec<(String, Option<Vec<u8>>)>,
}

/// The exports that depend on the projects at indices `changed` of `book`. Made apart from the
/// site, so that they can be made while the pages render.
pub fn refreshed(book: &Book, changed: &[usize]) -> Refreshed {
    let schemas = changed
        .par_iter()
        .map(|&i| {
            let p = &book.projects[i];
            (
                paths::schema_export(&p.id),
                p.schema.as_ref().map(|s| pretty(&json_schema(s))),
            )
        })
        .collect();
    Refreshed {
        dictionary: dictionary_json(book),
        schemas,
    }
}

impl Refreshed {
    /// Puts the exports into `site`, removing the schema files of projects without one.
    pub fn apply(self, site: &mut Site) {
        site.insert("dictionary.json", self.dictionary);
        for (path, schema) in self.schemas {
            match schema {
                Some(bytes) => site.insert(path, bytes),
                None => site.files.remove(&path),
            };
        }
    }
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values always serialize");
    out.push(b'\n');
    out
}

/// The matrix as CSV: a header row `#`, `activity`, then each role as `Short (id)`, and one row
/// per activity. Every cell is quoted, and a cell a spreadsheet would read as a formula is
/// neutralised (see [`spreadsheet_safe`]).
fn matrix_csv(process: &Process) -> Result<Vec<u8>, Diagnostic> {
    let io = |e: csv::Error| Diagnostic::error("export", format!("cannot write matrix.csv: {e}"));
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    let mut header = vec!["#".to_string(), "activity".to_string()];
    header.extend(process.roles.iter().map(|r| format!("{} ({})", r.short_name(), r.id)));
    w.write_record(header.iter().map(|c| spreadsheet_safe(c).into_owned()))
        .map_err(io)?;
    for (i, a) in process.activities.iter().enumerate() {
        let mut row = vec![(i + 1).to_string(), a.name.clone()];
        row.extend(process.roles.iter().map(|r| {
            let code = a.assignments.get(&r.id).cloned().unwrap_or_default();
            if a.inferred.contains_key(&r.id) && !code.is_empty() {
                format!("{code}?")
            } else {
                code
            }
        }));
        w.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()))
            .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| Diagnostic::error("export", format!("cannot write matrix.csv: {e}")))
}

/// A cell a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading single quote, as OWASP's CSV injection guidance says
/// (the writer quotes every cell and doubles any double quote).
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn matrix_json(process: &Process) -> Value {
    json!({
        "process": process.name,
        "codes": process.codes.iter().map(|c| json!({"id": c.id, "name": c.name, "duty": c.duty, "meaning": c.meaning})).collect::<Vec<_>>(),
        "roles": process.roles.iter().map(|r| json!({"id": r.id, "name": r.name, "short": r.short_name()})).collect::<Vec<_>>(),
        "activities": process.activities.iter().map(|a| json!({
            "id": a.id,
            "name": a.name,
            "required": a.required,
            "assignments": a.assignments,
            "inferred": a.inferred,
            "waivers": a.waivers,
        })).collect::<Vec<_>>(),
    })
}

#[derive(Serialize)]
struct DictionaryUse<'a> {
    project: &'a str,
    schema: &'a str,
    #[serde(rename = "type")]
    ty: String,
    required: bool,
    description: &'a str,
    sensitivity: &'static str,
    constraints: Vec<String>,
    retention: String,
}

#[derive(Serialize)]
struct DictionaryEntry<'a> {
    name: &'a str,
    /// The entry's address in the site: `dictionary/f.html#field-name`.
    page: String,
    uses: Vec<DictionaryUse<'a>>,
}

/// The dictionary as one JSON document: every field name with every use of it. Written
/// compact, as it grows with the book and is read by programs.
fn dictionary_json(book: &Book) -> Vec<u8> {
    let uses: Vec<_> = field_uses(&book.projects).into_iter().collect();
    let pages = super::dictionary_pages::locations(uses.iter().map(|(name, _)| *name));
    let fields: Vec<DictionaryEntry> = uses
        .into_par_iter()
        .map(|(name, places)| DictionaryEntry {
            name,
            page: format!("{}#{}", pages[name], super::paths::field_anchor(name)),
            uses: places
                .iter()
                .map(|&(p, f)| {
                    let project = &book.projects[p];
                    let schema = project.schema.as_ref().expect("listed fields have a schema");
                    let field = &schema.fields[f];
                    DictionaryUse {
                        project: &project.id,
                        schema: &schema.name,
                        ty: field.type_label(),
                        required: field.required,
                        description: &field.description,
                        sensitivity: field.sensitivity_label(),
                        constraints: super::views::project::constraints(field),
                        retention: super::views::project::retention(schema, field),
                    }
                })
                .collect(),
        })
        .collect();
    #[derive(Serialize)]
    struct Dictionary<'a> {
        fields: Vec<DictionaryEntry<'a>>,
    }
    let mut out = serde_json::to_vec(&Dictionary { fields }).expect("the dictionary always serializes");
    out.push(b'\n');
    out
}

/// The JSON Schema of one event.
pub fn json_schema(s: &Schema) -> Value {
    // A registry schema is exported as the registry resolved it, `$id` and `$schema` kept.
    if let Some(resolved) = s.registry.as_ref().and_then(|r| r.resolved.as_ref()) {
        return resolved.json.clone();
    }
    let (properties, required) = object_members(&s.written);
    let mut root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": s.name,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    // `version` is no JSON Schema keyword, and strict validators (Ajv's strict mode) refuse
    // unknown keywords: the version is told in `$comment`, which every validator ignores.
    if let Some(v) = &s.version {
        root["$comment"] = json!(format!("{} version {v}", s.name));
    }
    if !s.description.trim().is_empty() {
        root["description"] = json!(s.description.trim());
    }
    root
}

/// The `properties` and `required` of an object with `fields`.
fn object_members(fields: &[Field]) -> (Map<String, Value>, Vec<&str>) {
    let properties = fields.iter().map(|f| (f.name.clone(), field_schema(f))).collect();
    let required = fields.iter().filter(|f| f.required).map(|f| f.name.as_str()).collect();
    (properties, required)
}

/// A field's (or an array's items') JSON Schema: nested objects refuse unknown keys, as the
/// event does.
fn field_schema(f: &Field) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(f.ty.as_str()));
    if !f.description.trim().is_empty() {
        m.insert("description".into(), json!(f.description.trim()));
    }
    if let Some(values) = &f.allowed {
        m.insert("enum".into(), json!(values));
    }
    if let Some(p) = &f.pattern {
        m.insert("pattern".into(), json!(p));
    }
    if let Some(x) = f.minimum {
        m.insert("minimum".into(), number(x));
    }
    if let Some(x) = f.maximum {
        m.insert("maximum".into(), number(x));
    }
    if let Some(fmt) = f.format {
        m.insert("format".into(), json!(fmt.as_str()));
    }
    for (key, n) in [
        ("minLength", f.min_length),
        ("maxLength", f.max_length),
        ("minItems", f.min_items),
        ("maxItems", f.max_items),
    ] {
        if let Some(n) = n {
            m.insert(key.into(), json!(n));
        }
    }
    match f.ty {
        FieldType::Object => {
            let (properties, required) = object_members(&f.fields);
            m.insert("properties".into(), Value::Object(properties));
            m.insert("required".into(), json!(required));
            m.insert("additionalProperties".into(), json!(false));
        }
        FieldType::Array => {
            if let Some(items) = &f.items {
                m.insert("items".into(), field_schema(items));
            }
        }
        _ => {}
    }
    if let Some(e) = &f.example {
        m.insert("examples".into(), json!([e]));
    }
    Value::Object(m)
}

// Whole numbers print without a fraction so `minimum: 0` stays `0`, not `0.0`, and an
// integer prints exactly, however large.
fn number(x: Bound) -> Value {
    match x {
        Bound::Int(i) => json!(i),
        Bound::Float(f) if f.fract() == 0.0 && f.abs() < 9e15 => json!(f as i64),
        Bound::Float(f) => json!(f),
    }
}

#[cfg(test)]
mod tests {
    use super::{number, spreadsheet_safe};
    use crate::model::Bound;

    #[test]
    fn bounds_are_written_exactly_integers_past_2_53_too() {
        assert_eq!(
            number(Bound::Int(9_007_199_254_740_993)).to_string(),
            "9007199254740993"
        );
        assert_eq!(number(Bound::Float(0.0)).to_string(), "0");
        assert_eq!(number(Bound::Float(2.5)).to_string(), "2.5");
    }

    #[test]
    fn formula_triggers_get_a_leading_quote_and_other_text_is_kept() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(risky), format!("'{risky}"));
        }
        for safe in ["Decide", "D", "A?", "", "1", "a=b", "É"] {
            assert_eq!(spreadsheet_safe(safe), safe);
        }
    }
}
