//! The data dictionary cross-check: a field name means one thing across every schema.

use crate::diagnostic::Diagnostic;
use crate::model::Project;
use std::collections::BTreeMap;

/// Every use of a field name: (project index, field index).
pub fn uses(projects: &[Project]) -> BTreeMap<&str, Vec<(usize, usize)>> {
    let mut by_name: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (p, project) in projects.iter().enumerate() {
        if let Some(schema) = &project.schema {
            for (f, field) in schema.fields.iter().enumerate() {
                by_name.entry(field.name.as_str()).or_default().push((p, f));
            }
        }
    }
    by_name
}

/// A different type is an error, a different description a warning; both name both places.
pub fn check(projects: &[Project], out: &mut Vec<Diagnostic>) {
    for (name, places) in uses(projects) {
        let Some(&(p0, f0)) = places.first() else { continue };
        let first = &projects[p0];
        let first_field = &first.schema.as_ref().expect("listed fields have a schema").fields[f0];
        let first_schema = &first.schema.as_ref().expect("listed fields have a schema").name;
        for &(p, f) in &places[1..] {
            let project = &projects[p];
            let schema = project.schema.as_ref().expect("listed fields have a schema");
            let field = &schema.fields[f];
            if field.ty != first_field.ty {
                out.push(
                    Diagnostic::error(
                        "dictionary-conflict",
                        format!(
                            "field `{name}` is {} in {} but {} in {}",
                            field.ty.with_article(),
                            schema.name,
                            first_field.ty.with_article(),
                            first_schema
                        ),
                    )
                    .at(project.record.locator.value(&format!("schema/fields/{f}/type")))
                    .related(
                        first.record.locator.value(&format!("schema/fields/{f0}/type")),
                        format!("`{name}` is {} in {first_schema}", first_field.ty.with_article()),
                    )
                    .hint(format!(
                        "give `{name}` one type everywhere, or rename one of the two fields"
                    )),
                );
            } else if field.description.trim() != first_field.description.trim() {
                out.push(
                    Diagnostic::warning(
                        "dictionary-conflict",
                        format!(
                            "field `{name}` is described differently in {} and {first_schema}",
                            schema.name
                        ),
                    )
                    .at(project.record.locator.value(&format!("schema/fields/{f}/description")))
                    .related(
                        first.record.locator.value(&format!("schema/fields/{f0}/description")),
                        format!("the description in {first_schema}"),
                    )
                    .hint("use the same description in every schema, so the data dictionary has one meaning per name"),
                );
            }
        }
    }
}
