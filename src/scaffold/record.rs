//! The text of a new project record: every role to fill, every activity not started, and a
//! schema skeleton, with comments that say what goes where.

use crate::model::{Duty, Process, Role};
use std::fmt::Write as _;

/// Quotes `s` as a YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Wraps `text` into comment lines of at most `width` characters, each starting with `indent# `.
fn comment(out: &mut String, indent: &str, text: &str) {
    let width = 96usize.saturating_sub(indent.len() + 2);
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            let _ = writeln!(out, "{indent}# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

/// What a role does, in a few words: "drives Decide metrics, Specification; approves …".
fn duties(process: &Process, role: &Role) -> String {
    let mut parts = Vec::new();
    for (duty, verb) in [
        (Duty::Drive, "drives"),
        (Duty::Approve, "approves"),
        (Duty::Contribute, "contributes to"),
        (Duty::Inform, "is told of"),
    ] {
        let names: Vec<&str> = process
            .activities
            .iter()
            .filter(|a| {
                a.assignments
                    .get(&role.id)
                    .and_then(|c| process.code(c))
                    .is_some_and(|c| c.duty == duty)
            })
            .map(|a| a.name.as_str())
            .collect();
        if !names.is_empty() {
            parts.push(format!("{verb} {}", names.join(", ")));
        }
    }
    if parts.is_empty() {
        "has no code in the matrix".to_string()
    } else {
        parts.join("; ")
    }
}

/// The names of the roles holding `duty` in `activity`, joined.
fn holders(process: &Process, activity: &crate::model::Activity, duty: Duty) -> String {
    let names: Vec<&str> = process
        .roles_with_duty(activity, duty)
        .map(|r| r.name.as_str())
        .collect();
    if names.is_empty() {
        "nobody".to_string()
    } else {
        names.join(", ")
    }
}

/// A new record for project `id`. `schema_ref`, when given, is the path from the record to the
/// project record's JSON Schema, for the editor's language server.
pub fn new_record(process: &Process, id: &str, title: Option<&str>, schema_ref: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(r) = schema_ref {
        let _ = writeln!(out, "# yaml-language-server: $schema={r}");
    }
    let _ = writeln!(out, "# The record of project `{id}` (its id is this file's name).");
    // With a title given, only the schema's name is left to fill in.
    let to_fill = if title.is_some() {
        "Fill in `schema: name` first: `dacibook check` reports it until it is set."
    } else {
        "Fill in `title` and `schema: name` first: `dacibook check` reports them until they are set."
    };
    comment(
        &mut out,
        "",
        &format!(
            "{to_fill} Everything else can wait until the project gets there. Lines starting with \
             `#` are comments; uncomment a line to use it."
        ),
    );
    out.push('\n');
    comment(&mut out, "", "The project's name, as people say it.");
    let _ = writeln!(out, "title: {}", quoted(title.unwrap_or("")));
    comment(&mut out, "", "What is measured and why, in Markdown.");
    out.push_str("summary: \"\"\n");
    comment(&mut out, "", "proposed, active, paused or decommissioned.");
    out.push_str("status: proposed\n");
    out.push_str("# team: \"\"\n");
    out.push_str(
        "# links:\n#   ticket: https://…\n#   other:\n#     - title: Design document\n#       url: https://…\n",
    );

    out.push('\n');
    comment(
        &mut out,
        "",
        "Who fills each role: a list of people, each `- name: …` with an optional `handle` and \
         `email`. A role that drives or approves an activity must be filled before the project \
         starts that activity.",
    );
    out.push_str("people:\n");
    for role in &process.roles {
        comment(&mut out, "  ", &format!("{}: {}.", role.name, duties(process, role)));
        let _ = writeln!(out, "  {}: []", role.id);
    }

    out.push('\n');
    comment(
        &mut out,
        "",
        "Where the project stands at each activity. `status` is not-started, in-progress, done, \
         skipped or blocked. Add `started` and `finished` dates (YYYY-MM-DD) as you go, a \
         `sign-off` (by, on) when the Approver agrees, and the ids of the checklist items done \
         under `checked`.",
    );
    out.push_str("stages:\n");
    for (n, a) in process.activities.iter().enumerate() {
        let required = if a.required { "required" } else { "optional" };
        comment(
            &mut out,
            "  ",
            &format!(
                "{}. {} ({required}). Driver: {}. Approver: {}.",
                n + 1,
                a.name,
                holders(process, a, Duty::Drive),
                holders(process, a, Duty::Approve)
            ),
        );
        let _ = writeln!(out, "  {}:", a.id);
        out.push_str("    status: not-started\n");
        out.push_str("    # started: YYYY-MM-DD\n    # finished: YYYY-MM-DD\n");
        if let Some(notice) = &a.notice {
            let _ = writeln!(
                out,
                "    # scheduled: YYYY-MM-DD   (give {} business days' notice; record it in notice-sent)",
                notice.business_days
            );
            out.push_str("    # notice-sent: YYYY-MM-DD\n");
        }
        if process.roles_with_duty(a, Duty::Approve).next().is_some() {
            out.push_str("    # sign-off:\n    #   by: \"\"\n    #   on: YYYY-MM-DD\n");
        }
        if !a.checklist.is_empty() {
            let ids: Vec<&str> = a.checklist.iter().map(|c| c.id.as_str()).collect();
            comment(&mut out, "    ", &format!("Checklist items: {}.", ids.join(", ")));
            out.push_str("    checked: []\n");
        }
    }

    out.push('\n');
    comment(
        &mut out,
        "",
        "The event schema: one event, its fields, sampling and retention. Every field has a name \
         (snake_case), a type (string, integer, number or boolean), a description and a \
         sensitivity (public, internal, personal or sensitive); constraints such as `enum`, \
         `pattern`, `minimum` and `format` are optional.",
    );
    out.push_str("schema:\n");
    comment(&mut out, "  ", "The event's name, in PascalCase.");
    out.push_str("  name: \"\"\n");
    out.push_str("  description: \"\"\n");
    out.push_str("  # sampling:\n  #   rate: 0.1\n  #   unit: session\n");
    out.push_str("  # retention:\n  #   purge-after-days: 90\n  #   allow-list: []\n");
    out.push_str("  fields: []\n");
    out.push_str(
        "  #  - name: page_id\n  #    type: integer\n  #    description: The page's id.\n  #    required: true\n  #    sensitivity: public\n",
    );
    out.push('\n');
    out.push_str(
        "# queries:\n#   - name: \"\"\n#     purpose: \"\"\n#     language: sql\n#     text: |\n#       SELECT …\n",
    );
    out.push_str("# dashboards:\n#   - name: \"\"\n#     url: https://…\n");
    out
}
