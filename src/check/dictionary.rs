//! The data dictionary cross-check: a field name means one thing across every schema.

use crate::diagnostic::Diagnostic;
use crate::model::{Field, Project, Schema};
use std::collections::{BTreeMap, HashMap};

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
/// So do two schemas of one name, a field public in one schema and personal or sensitive in
/// another, and two enums of one field with no value in common.
pub fn check(projects: &[Project], out: &mut Vec<Diagnostic>) {
    schema_names(projects, out);
    for (name, places) in uses(projects) {
        sensitivity_and_enums(projects, name, &places, out);
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
                    .at(project.record.locator.value(&format!("{}/type", schema.record_path(f))))
                    .related(
                        first.record.locator.value(&format!(
                            "{}/type",
                            first
                                .schema
                                .as_ref()
                                .expect("listed fields have a schema")
                                .record_path(f0)
                        )),
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
                    .at(project
                        .record
                        .locator
                        .value(&format!("{}/description", schema.record_path(f))))
                    .related(
                        first.record.locator.value(&format!(
                            "{}/description",
                            first
                                .schema
                                .as_ref()
                                .expect("listed fields have a schema")
                                .record_path(f0)
                        )),
                        format!("the description in {first_schema}"),
                    )
                    .hint("use the same description in every schema, so the data dictionary has one meaning per name"),
                );
            }
        }
    }
}

/// Two records whose schemas have one name describe two events the pipeline cannot tell apart.
fn schema_names(projects: &[Project], out: &mut Vec<Diagnostic>) {
    let mut first_of: HashMap<&str, &Project> = HashMap::new();
    for project in projects {
        let Some(schema) = &project.schema else { continue };
        if schema.name.trim().is_empty() {
            continue;
        }
        match first_of.get(schema.name.as_str()) {
            // Two files of one project id (`x.yaml` beside `x.yml`) are a path clash, reported
            // as such: not again as their schemas.
            Some(first) if first.id == project.id => {}
            Some(first) => out.push(
                Diagnostic::error(
                    "duplicate-schema-name",
                    format!(
                        "the event schema name `{}` is also used by project `{}`",
                        schema.name, first.id
                    ),
                )
                .at(project.record.locator.value("schema/name"))
                .related(
                    first.record.locator.value("schema/name"),
                    format!("`{}` is the schema of `{}` here", schema.name, first.id),
                )
                .hint("give each project's event schema its own name, e.g. after the project"),
            ),
            None => {
                first_of.insert(&schema.name, project);
            }
        }
    }
}

/// A field name whose data is public in one schema and personal or sensitive in another, and
/// enums of one field name that share no value; each pair is reported once, at the later use.
fn sensitivity_and_enums(projects: &[Project], name: &str, places: &[(usize, usize)], out: &mut Vec<Diagnostic>) {
    let at = |&(p, f): &(usize, usize)| -> (&Project, &Schema, &Field) {
        let project = &projects[p];
        let schema = project.schema.as_ref().expect("listed fields have a schema");
        (project, schema, &schema.fields[f])
    };
    let public = places
        .iter()
        .find(|u| at(u).2.sensitivity == crate::model::Sensitivity::Public);
    let private = places.iter().find(|u| at(u).2.sensitivity.needs_retention());
    if let (Some(public), Some(private)) = (public, private) {
        let later = if public > private { public } else { private };
        let earlier = if later == public { private } else { public };
        let (lp, ls, lf) = at(later);
        let (ep, es, ef) = at(earlier);
        out.push(
            Diagnostic::warning(
                "sensitivity-conflict",
                format!(
                    "field `{name}` is {} in {} but {} in {}: the same data cannot be both",
                    lf.sensitivity.as_str(),
                    ls.name,
                    ef.sensitivity.as_str(),
                    es.name
                ),
            )
            .at(lp.record.locator.value(&format!("{}/sensitivity", ls.record_path(later.1))))
            .related(
                ep.record.locator.value(&format!("{}/sensitivity", es.record_path(earlier.1))),
                format!("`{name}` is {} in {}", ef.sensitivity.as_str(), es.name),
            )
            .hint(format!(
                "decide how sensitive `{name}` is and use that everywhere, or rename the field that holds different data"
            )),
        );
    }
    // Each enum is compared with the first one of the name, as types and descriptions are: a
    // book with thousands of schemas sharing a field stays linear.
    let with_enum: Vec<&(usize, usize)> = places
        .iter()
        .filter(|u| at(u).2.allowed.as_ref().is_some_and(|v| !v.is_empty()))
        .collect();
    let Some((first, rest)) = with_enum.split_first() else {
        return;
    };
    let first_values = at(first).2.allowed.as_deref().unwrap_or_default();
    for later in rest {
        let (lp, ls, lf) = at(later);
        let values = lf.allowed.as_deref().unwrap_or_default();
        // A different type is a `dictionary-conflict` already.
        if lf.ty != at(first).2.ty {
            continue;
        }
        let disjoint = (!first_values.iter().any(|v| values.contains(v))).then_some(*first);
        if let Some(earlier) = disjoint {
            let (ep, es, ef) = at(earlier);
            let list = |f: &Field| {
                f.allowed
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(
                Diagnostic::warning(
                    "enum-conflict",
                    format!(
                        "field `{name}` allows [{}] in {} and [{}] in {}: no value in common",
                        list(lf),
                        ls.name,
                        list(ef),
                        es.name
                    ),
                )
                .at(lp.record.locator.value(&format!("{}/enum", ls.record_path(later.1))))
                .related(
                    ep.record.locator.value(&format!("{}/enum", es.record_path(earlier.1))),
                    format!("the enum of `{name}` in {}", es.name),
                )
                .hint(format!(
                    "two fields named `{name}` with no value in common hold different data: rename one, or merge the two lists"
                )),
            );
        }
    }
}
