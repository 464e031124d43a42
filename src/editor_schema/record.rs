//! The schema of a project record (`content/projects/<id>.yaml`), made specific to the book's
//! process when there is one.

use super::fields::{definitions, field_ref};
use super::parts::{array, date, every, map, nonblank, nullable, number, object, one_of, text, whole_number};
use crate::config::FieldNames;
use crate::model::{Activity, Duty, Lifecycle, Process, SamplingUnit, Sensitivity, StageStatus};
use serde_json::{json, Map, Value};

/// The JSON Schema (draft-07) of a project record. With a process, `people` takes only its
/// role ids, `stages` only its activity ids, and `checked` only each activity's checklist ids.
pub fn project_schema(process: Option<&Process>) -> Value {
    project_schema_for(process, FieldNames::default())
}

/// The record schema of a book whose inline field names follow `naming` (book.toml's
/// `[schemas] field-names`).
pub fn project_schema_for(process: Option<&Process>, naming: FieldNames) -> Value {
    let lifecycles = every!(Lifecycle {
        Proposed,
        Active,
        Paused,
        Decommissioned
    });
    let labels = lifecycles.iter().map(|l| l.label()).collect();
    let mut root = object(
        "An instrumentation project: who fills each role, where it stands at each activity, and its event schema.",
        vec![
            (
                "title",
                nonblank("The project's title, as people say it.", "write the project's title"),
            ),
            ("summary", text("What the project measures and why (Markdown).")),
            (
                "status",
                one_of("Where the project is in its life.", &lifecycles, Some(labels)),
            ),
            ("team", nullable(text("The team that owns the project."))),
            ("links", links()),
            ("people", people(process)),
            ("stages", stages(process)),
            ("schema", nullable(event_schema())),
            (
                "queries",
                array(
                    "The queries the analysis relies on, written before the code.",
                    object(
                        "A query the analysis relies on.",
                        vec![
                            ("name", text("The query's name.")),
                            ("purpose", text("What the query answers (Markdown).")),
                            (
                                "language",
                                nullable(text("The query's language, for highlighting, e.g. sql.")),
                            ),
                            ("text", text("The query itself.")),
                        ],
                        &["name", "text"],
                    ),
                ),
            ),
            (
                "dashboards",
                array(
                    "Dashboards that show the data.",
                    object(
                        "A dashboard.",
                        vec![
                            ("name", text("The dashboard's name.")),
                            ("url", url("The dashboard's address.")),
                        ],
                        &["name", "url"],
                    ),
                ),
            ),
        ],
        &["title", "status"],
    );
    root["definitions"] = definitions(naming);
    root["$schema"] = json!(super::DRAFT);
    root["title"] = json!(match process {
        Some(p) => format!("dacibook project record ({})", p.name),
        None => "dacibook project record".to_string(),
    });
    root
}

/// An absolute link, as `check` requires of a record's links.
fn url(description: &str) -> Value {
    let mut v = text(description);
    v["pattern"] = json!("^([Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):");
    v["patternErrorMessage"] = json!("links must start with https://, http:// or mailto:");
    v
}

fn links() -> Value {
    object(
        "The project's links: its ticket, where its schema lives, and others.",
        vec![
            ("ticket", nullable(url("The project's main ticket."))),
            ("schema-repo", nullable(url("Where the event schema lives."))),
            (
                "other",
                array(
                    "Other links, each with a title and a URL.",
                    object(
                        "A link.",
                        vec![("title", text("The link's text.")), ("url", url("The link's address."))],
                        &["title", "url"],
                    ),
                ),
            ),
        ],
        &[],
    )
}

fn person() -> Value {
    let name = nonblank(
        "The person's name; a sign-off names the person by it or by the handle.",
        "write the person's name",
    );
    let mut email = text("The person's email address.");
    email["pattern"] = json!("^\\S*@\\S*$");
    email["patternErrorMessage"] = json!("write it as name@example.org, or leave `email` out");
    object(
        "A person filling the role.",
        vec![
            ("name", name),
            (
                "handle",
                nullable(text(
                    "A username, e.g. on the wiki; a sign-off may name the person by it.",
                )),
            ),
            ("email", nullable(email)),
        ],
        &["name"],
    )
}

fn people(process: Option<&Process>) -> Value {
    const WHAT: &str = "Role id → the people who fill that role in this project.";
    let holders = |description: &str| array(description, person());
    let Some(p) = process else {
        return map(WHAT, holders("The people who fill this role."));
    };
    let mut properties = Map::new();
    for role in &p.roles {
        // A repeated id is the checker's to report; the first one wins, as in `Process::role`.
        properties.entry(role.id.clone()).or_insert_with(|| holders(&role.name));
    }
    json!({
        "type": "object",
        "description": WHAT,
        "properties": properties,
        "additionalProperties": false,
    })
}

fn stages(process: Option<&Process>) -> Value {
    const WHAT: &str =
        "Activity id → where the project stands at that activity. An activity that is not listed has not started.";
    let Some(p) = process else {
        return map(WHAT, stage(None, "Where the project stands at this activity."));
    };
    let mut properties = Map::new();
    for activity in &p.activities {
        properties
            .entry(activity.id.clone())
            .or_insert_with(|| stage(Some((p, activity)), &activity.name));
    }
    json!({
        "type": "object",
        "description": WHAT,
        "properties": properties,
        "additionalProperties": false,
    })
}

/// Where a project stands at one activity; `activity` narrows `checked` to its checklist.
fn stage(activity: Option<(&Process, &Activity)>, description: &str) -> Value {
    let statuses = every!(StageStatus {
        NotStarted,
        InProgress,
        Done,
        Skipped,
        Blocked
    });
    let labels = statuses.iter().map(|s| s.label()).collect();
    let checked = match activity {
        None => array(
            "The ids of the checklist items ticked so far.",
            text("A checklist item id."),
        ),
        Some((_, a)) if a.checklist.is_empty() => {
            let mut v = array("This activity has no checklist.", text("A checklist item id."));
            v["maxItems"] = json!(0);
            v
        }
        Some((_, a)) => {
            let mut ids: Vec<&str> = Vec::new();
            let mut texts: Vec<&str> = Vec::new();
            for item in &a.checklist {
                if !ids.contains(&item.id.as_str()) {
                    ids.push(&item.id);
                    texts.push(&item.text);
                }
            }
            array(
                "The ids of the checklist items ticked so far.",
                json!({
                    "type": "string",
                    "description": "A checklist item of this activity.",
                    "enum": ids,
                    "enumDescriptions": texts,
                }),
            )
        }
    };
    let notice_sent = match activity {
        Some((p, a)) => match &a.notice {
            Some(n) => format!(
                "When the notice went out: at least {} business day(s) before `scheduled`, to {} (YYYY-MM-DD).",
                n.business_days,
                p.role(&n.to).map_or(n.to.as_str(), |r| r.name.as_str())
            ),
            None => "When the activity's advance notice went out (YYYY-MM-DD).".to_string(),
        },
        None => "When the activity's advance notice went out (YYYY-MM-DD).".to_string(),
    };
    let signer = match activity {
        Some((p, a)) => {
            let roles: Vec<&str> = p.roles_with_duty(a, Duty::Approve).map(|r| r.name.as_str()).collect();
            if roles.is_empty() {
                "The name or handle of the person who signed the activity off.".to_string()
            } else {
                format!(
                    "The name or handle of the person who signed the activity off: someone in the {} role.",
                    roles.join(" or ")
                )
            }
        }
        None => {
            "The name or handle of the person who signed the activity off: someone in its approving role.".to_string()
        }
    };
    object(
        description,
        vec![
            (
                "status",
                one_of("Where the project stands at this activity.", &statuses, Some(labels)),
            ),
            (
                "started",
                nullable(date("When work on the activity began (YYYY-MM-DD).")),
            ),
            (
                "finished",
                nullable(date("When the activity was finished (YYYY-MM-DD).")),
            ),
            (
                "scheduled",
                nullable(date(
                    "The date the activity is booked for, e.g. the review meeting (YYYY-MM-DD).",
                )),
            ),
            ("notice-sent", nullable(date(&notice_sent))),
            (
                "sign-off",
                nullable(object(
                    "Who signed the activity off, and when. A done activity needs one unless its approver is waived.",
                    vec![
                        ("by", text(&signer)),
                        ("on", nullable(date("The date of the sign-off (YYYY-MM-DD)."))),
                    ],
                    &["by"],
                )),
            ),
            ("checked", checked),
            ("notes", nullable(text("Notes on this stage (Markdown)."))),
        ],
        &["status"],
    )
}

fn event_schema() -> Value {
    let units = every!(SamplingUnit {
        Pageview,
        Session,
        User,
        Event,
        Device
    });
    let mut rate = number("The share of units sampled, in (0, 1]: 0.1 for 10%, 1 for everything.");
    rate["exclusiveMinimum"] = json!(0);
    rate["maximum"] = json!(1);
    let mut purge = whole_number("Raw events are purged after this many days.");
    purge["minimum"] = json!(1);
    let mut v = object(
        "The project's event schema (optional until the specification stage).",
        vec![
            (
                "name",
                nonblank("The event's name in PascalCase, e.g. ReadingDepth.", "name the event"),
            ),
            (
                "version",
                nullable(json!({
                    "type": ["integer", "string"],
                    "minimum": 0,
                    "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$",
                    "patternErrorMessage": "a version is a whole number or three whole numbers joined by dots, e.g. 1.2.0",
                    "description": "The schema's version: a whole number, or a semantic version such as 1.2.0.",
                })),
            ),
            ("description", text("What one event records (Markdown).")),
            (
                "sampling",
                nullable(object(
                    "How events are sampled.",
                    vec![
                        ("rate", rate),
                        ("unit", one_of("What is sampled.", &units, None)),
                        ("method", nullable(text("How the sample is drawn."))),
                    ],
                    &["rate", "unit"],
                )),
            ),
            (
                "retention",
                nullable(object(
                    "What happens to the data over time. Personal and sensitive fields need `purge-after-days`.",
                    vec![
                        ("purge-after-days", nullable(purge)),
                        (
                            "allow-list",
                            array("The fields kept past the purge.", text("A field name of this schema.")),
                        ),
                        ("notes", nullable(text("Notes on the retention decision."))),
                    ],
                    &[],
                )),
            ),
            (
                "fields",
                array("The fields of one event.", field_ref("One field of the event.")),
            ),
        ],
        &[],
    );
    registry_ref(&mut v);
    v
}

/// A schema may instead name one of the registry's (`ref`), adding sensitivities by path.
fn registry_ref(v: &mut Value) {
    let levels = every!(Sensitivity {
        Public,
        Internal,
        Personal,
        Sensitive
    });
    v["properties"]["ref"] = nonblank(
        "A schema of the registry, by its path below a root of `[schemas]` in book.toml, e.g. analytics/button_click/1.0.0 (also …/current, …/latest).",
        "name the schema's path",
    );
    v["properties"]["table"] =
        text("The schema's table in the allow-list, when it is not the last segment of its title.");
    v["properties"]["incompatible-ok"] = map(
        "Incompatible changes between versions of the registry schema that the record accepts: the version that makes them, and why nothing breaks.",
        nonblank("Why the version's incompatible change breaks no stored event or query.", "say why"),
    );
    // A list for an inline schema, a mapping by path with `ref`: `items` applies only to the
    // one and `additionalProperties` only to the other, so each keeps its precise messages.
    let fields = &mut v["properties"]["fields"];
    fields["type"] = json!(["array", "object"]);
    fields["description"] = json!(
        "The fields of one event (a list), or with `ref` what the record adds to the registry's fields, by dotted path (or a whole object's path)."
    );
    fields["additionalProperties"] = object(
        "What the record adds to a registry field.",
        vec![(
            "sensitivity",
            one_of("How sensitive the field's data is.", &levels, None),
        )],
        &["sensitivity"],
    );
    v["anyOf"] = json!([{ "required": ["name"] }, { "required": ["ref"] }]);
}
