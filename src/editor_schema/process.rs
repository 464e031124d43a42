//! The schema of the process file (`content/process.yaml`).

use super::parts::{
    array, boolean, every, id, map, nullable, object, one_of, text, whole_number, CODE_LETTER, CODE_LETTER_MESSAGE,
    KEBAB_CASE, KEBAB_CASE_MESSAGE,
};
use crate::model::Duty;
use serde_json::{json, Value};

/// The JSON Schema (draft-07) of the process file: what the loader accepts, with the forms of
/// ids that `check` requires.
pub fn process_schema() -> Value {
    let mut root = object(
        "A DACI (or RACI) process: the letters of its matrix, the roles people fill, and the activities in order.",
        vec![
            ("name", text("The name of the process, e.g. Instrumentation DACI.")),
            (
                "description",
                text("What the process is for (Markdown; links are relative to the site's root)."),
            ),
            ("source", nullable(source())),
            (
                "codes",
                array(
                    "The letters of the matrix: D, A, C and I for DACI. A book may use RACI or its own letters.",
                    code(),
                ),
            ),
            (
                "roles",
                array(
                    "The roles people fill in a project, in the order of the matrix's columns.",
                    role(),
                ),
            ),
            (
                "activities",
                array(
                    "The activities of the process, in the order projects go through them.",
                    activity(),
                ),
            ),
        ],
        &["name", "codes", "roles", "activities"],
    );
    root["$schema"] = json!(super::DRAFT);
    root["title"] = json!("dacibook process");
    root
}

fn source() -> Value {
    object(
        "Where the process comes from, e.g. the wiki page it was adapted from.",
        vec![
            ("title", text("The title of the source.")),
            ("url", nullable(text("A link to the source."))),
        ],
        &["title"],
    )
}

fn code() -> Value {
    let duties = every!(Duty {
        Drive,
        Approve,
        Contribute,
        Inform
    });
    object(
        "One letter of the matrix, e.g. D for Driver.",
        vec![
            (
                "id",
                id("The letter: one uppercase letter, e.g. D.", CODE_LETTER, CODE_LETTER_MESSAGE),
            ),
            ("name", text("What the letter stands for, e.g. Driver.")),
            (
                "duty",
                one_of(
                    "What the code obliges its role to do. Each activity needs one role that drives and one that approves.",
                    &duties,
                    None,
                ),
            ),
            ("meaning", text("What a role with this letter does, in a sentence.")),
        ],
        &["id", "name", "duty"],
    )
}

fn role() -> Value {
    object(
        "A role people fill in a project.",
        vec![
            (
                "id",
                id(
                    "The role's id in kebab-case, e.g. data-analyst. Project records use it under `people`.",
                    KEBAB_CASE,
                    KEBAB_CASE_MESSAGE,
                ),
            ),
            ("name", text("The role's full name.")),
            (
                "short",
                nullable(text(
                    "A short name for the matrix's column headers, e.g. DA (default: the name).",
                )),
            ),
            ("description", text("What the role does (Markdown).")),
        ],
        &["id", "name"],
    )
}

fn activity() -> Value {
    let role_id = || id("A role id.", KEBAB_CASE, KEBAB_CASE_MESSAGE);
    let mut assignments = map(
        "Role id → code letter: who drives, approves, contributes to and is informed of this activity. Roles not listed have no part.",
        id("The code letter of this role in this activity.", CODE_LETTER, CODE_LETTER_MESSAGE),
    );
    assignments["propertyNames"] = role_id();
    let mut inferred = map(
        "Role id → why that cell of the matrix is inferred rather than known from the source.",
        text("Why this cell is inferred."),
    );
    inferred["propertyNames"] = role_id();
    let mut waivers = map(
        "Code letter → why this activity has no role with that code, e.g. `A: Management gives its OK informally.`",
        text("Why the activity has no role with this code."),
    );
    waivers["propertyNames"] = id("A code letter.", CODE_LETTER, CODE_LETTER_MESSAGE);
    object(
        "One activity (stage) of the process.",
        vec![
            (
                "id",
                id(
                    "The activity's id in kebab-case, e.g. privacy-review. Project records use it under `stages`.",
                    KEBAB_CASE,
                    KEBAB_CASE_MESSAGE,
                ),
            ),
            ("name", text("The activity's name, e.g. Privacy review.")),
            ("description", text("What happens in this activity (Markdown).")),
            (
                "required",
                boolean("Whether every project goes through this activity (default true; false for \"if needed\" activities)."),
            ),
            (
                "prerequisites",
                array(
                    "Ids of the activities that must be done before this one starts; each comes earlier in the process.",
                    id("An activity id.", KEBAB_CASE, KEBAB_CASE_MESSAGE),
                ),
            ),
            ("assignments", assignments),
            ("inferred", inferred),
            ("waivers", waivers),
            ("notice", nullable(notice())),
            (
                "checklist",
                array(
                    "Concrete items to tick off in this activity. Project records list the ticked ones under `checked`.",
                    object(
                        "An item to tick off.",
                        vec![
                            (
                                "id",
                                id(
                                    "The item's id in kebab-case, e.g. notice-sent.",
                                    KEBAB_CASE,
                                    KEBAB_CASE_MESSAGE,
                                ),
                            ),
                            ("text", text("What has to be true to tick the item.")),
                        ],
                        &["id", "text"],
                    ),
                ),
            ),
        ],
        &["id", "name"],
    )
}

fn notice() -> Value {
    object(
        "Advance notice this activity needs before its scheduled date, e.g. for a review.",
        vec![
            (
                "business-days",
                whole_number(
                    "How many business days (Monday to Friday) before the scheduled date the notice must go out.",
                ),
            ),
            (
                "to",
                id("The id of the role to notify.", KEBAB_CASE, KEBAB_CASE_MESSAGE),
            ),
            ("what", text("What the notice is, e.g. which address to email.")),
        ],
        &["business-days", "to"],
    )
}
