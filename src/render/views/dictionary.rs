//! The data dictionary: every field of every schema, grouped by name, conflicts flagged.

use super::project::{field_view, FieldView};
use crate::check::field_uses;
use crate::model::Book;
use crate::render::paths;
use serde::Serialize;

/// One schema's use of a field name.
#[derive(Debug, Clone, Serialize)]
pub struct FieldUse<'a> {
    pub schema: &'a str,
    pub project_title: &'a str,
    pub project_path: String,
    pub field: FieldView,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry<'a> {
    pub name: &'a str,
    pub anchor: String,
    /// The distinct types used; more than one is a conflict.
    pub types: Vec<&'static str>,
    pub type_conflict: bool,
    pub description_conflict: bool,
    pub uses: Vec<FieldUse<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DictionaryView<'a> {
    pub entries: Vec<Entry<'a>>,
    pub field_count: usize,
    pub schema_count: usize,
    pub conflict_count: usize,
}

pub fn view(book: &Book) -> DictionaryView<'_> {
    let mut field_count = 0;
    let entries: Vec<Entry> = field_uses(&book.projects)
        .into_iter()
        .map(|(name, places)| {
            field_count += places.len();
            let uses: Vec<FieldUse> = places
                .iter()
                .map(|&(p, f)| {
                    let project = &book.projects[p];
                    let schema = project.schema.as_ref().expect("listed fields have a schema");
                    FieldUse {
                        schema: &schema.name,
                        project_title: &project.title,
                        project_path: format!("{}#{}", paths::project(&project.id), paths::field_anchor(name)),
                        field: field_view(schema, &schema.fields[f], ""),
                    }
                })
                .collect();
            let mut types: Vec<&'static str> = uses.iter().map(|u| u.field.ty).collect();
            types.sort_unstable();
            types.dedup();
            let first_description = places
                .first()
                .map(|&(p, f)| book.projects[p].schema.as_ref().map(|s| s.fields[f].description.trim()));
            let description_conflict = places.iter().any(|&(p, f)| {
                book.projects[p].schema.as_ref().map(|s| s.fields[f].description.trim()) != first_description.flatten()
            });
            Entry {
                name,
                anchor: paths::field_anchor(name),
                type_conflict: types.len() > 1,
                types,
                description_conflict,
                uses,
            }
        })
        .collect();
    DictionaryView {
        conflict_count: entries
            .iter()
            .filter(|e| e.type_conflict || e.description_conflict)
            .count(),
        field_count,
        schema_count: book.projects.iter().filter(|p| p.schema.is_some()).count(),
        entries,
    }
}
