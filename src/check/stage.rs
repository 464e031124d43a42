//! Rules a stage's status implies: only optional activities may be skipped, a done stage has
//! its dates and its ticked checklist, a sign-off does not come before its stage started.

use crate::diagnostic::Diagnostic;
use crate::model::{Activity, Project, Stage, StageStatus};

pub fn check(project: &Project, activity: &Activity, stage: &Stage, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    let id = &activity.id;
    let at = format!("stages/{id}");
    let status_at = || loc.value(&format!("{at}/status"));

    if stage.status == StageStatus::Skipped && activity.required {
        out.push(
            Diagnostic::error(
                "skipped-required",
                format!("`{id}` is required by the process, so it cannot be skipped"),
            )
            .at(status_at())
            .hint("only activities with `required: false` may be skipped; record where the project stands at it (`not-started`, `in-progress`, `blocked` or `done`)"),
        );
    }

    if stage.status == StageStatus::Done {
        let missing: Vec<&str> = [("started", stage.started), ("finished", stage.finished)]
            .into_iter()
            .filter(|(_, d)| d.is_none())
            .map(|(k, _)| k)
            .collect();
        if !missing.is_empty() {
            let keys = missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            out.push(
                Diagnostic::error("done-without-dates", format!("`{id}` is done but has no {keys} date"))
                    .at(status_at())
                    .hint(format!(
                        "add {} to the stage, so the project's timeline is complete",
                        missing
                            .iter()
                            .map(|k| format!("`{k}: YYYY-MM-DD`"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    )),
            );
        }
        let unticked: Vec<&str> = activity
            .checklist
            .iter()
            .filter(|c| !stage.checked.contains(&c.id))
            .map(|c| c.id.as_str())
            .collect();
        if !unticked.is_empty() {
            let named = unticked.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            let where_at = if loc.has(&format!("{at}/checked")) {
                loc.key(&format!("{at}/checked"))
            } else {
                status_at()
            };
            out.push(
                Diagnostic::warning(
                    "unticked-checklist",
                    format!("`{id}` is done but its checklist items {named} are not ticked"),
                )
                .at(where_at)
                .hint(format!(
                    "tick them in `checked:` once they are true ({}), or set the status back to `in-progress`",
                    unticked.join(", ")
                )),
            );
        }
    } else if stage.finished.is_some() {
        out.push(
            Diagnostic::warning(
                "finished-not-done",
                format!(
                    "`{id}` has a `finished` date but its status is {}",
                    stage.status.as_str()
                ),
            )
            .at(loc.value(&format!("{at}/finished")))
            .hint("set `status: done` if the stage is finished, or remove `finished`"),
        );
    }

    if let (Some(sign_off), Some(start)) = (&stage.sign_off, stage.started) {
        if let Some(on) = sign_off.on {
            if on < start {
                out.push(
                    Diagnostic::error(
                        "sign-off-before-start",
                        format!("`{id}` is signed off on {on}, before it started on {start}"),
                    )
                    .at(loc.value(&format!("{at}/sign-off/on")))
                    .related(loc.value(&format!("{at}/started")), "started here")
                    .hint("a stage is signed off once its work is done; check the two dates"),
                );
            }
        }
    }
}
