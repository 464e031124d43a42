//! Rules on one project record against the process: people, stages, sign-offs, order, notice.

use super::process::unknown;
use super::{is_kebab_case, to_kebab_case};
use crate::diagnostic::Diagnostic;
use crate::model::notice::{earliest_date, latest_notice, notice_problem, NoticeProblem};
use crate::model::stage_rules::{people_by_role, sign_off_state, unfilled_roles, SignOffState};
use crate::model::{Duty, Person, Process, Project, Stage, StageStatus};
use crate::suggest::did_you_mean;
use crate::url;

pub fn check(p: &Process, project: &Project, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    if !is_kebab_case(&project.id) {
        out.push(
            Diagnostic::error(
                "bad-id",
                format!("project id `{}` (the file name) is not kebab-case", project.id),
            )
            .at(loc.file().start())
            .hint(format!("rename the file to `{}.yaml`", to_kebab_case(&project.id))),
        );
    }
    if project.title.trim().is_empty() {
        out.push(
            Diagnostic::error("empty-title", "the project has no title")
                .at(loc.value("title"))
                .hint("write the project's name as people say it, e.g. `title: Checkout funnel`"),
        );
    }
    let role_ids: Vec<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
    let activity_ids: Vec<&str> = p.activities.iter().map(|a| a.id.as_str()).collect();

    for (role, people) in &project.people {
        if p.role(role).is_none() {
            out.push(unknown(loc.key(&format!("people/{role}")), "role", role, &role_ids));
        }
        for (k, person) in people.iter().enumerate() {
            let at = format!("people/{role}/{k}");
            if person.name.trim().is_empty() {
                out.push(
                    Diagnostic::error("empty-name", format!("a person in role `{role}` has an empty name"))
                        .at(loc.value(&format!("{at}/name")))
                        .hint("write the person's name"),
                );
            }
            if let Some(email) = &person.email {
                if !email.contains('@') || email.contains(char::is_whitespace) {
                    out.push(
                        Diagnostic::error("bad-email", format!("`{email}` is not an email address"))
                            .at(loc.value(&format!("{at}/email")))
                            .hint("write it as name@example.org, or leave `email` out"),
                    );
                }
            }
        }
    }
    for (activity, stage) in &project.stages {
        if p.activity(activity).is_none() {
            out.push(unknown(
                loc.key(&format!("stages/{activity}")),
                "activity",
                activity,
                &activity_ids,
            ));
            continue;
        }
        check_stage(p, project, activity, stage, out);
    }
    check_order(p, project, out);
    check_links(project, out);
}

/// People as a hint lists them: `Jane Doe (jdoe), Sam Lee`.
fn listed(people: &[&Person]) -> String {
    people
        .iter()
        .map(|a| match &a.handle {
            Some(h) => format!("{} ({h})", a.name),
            None => a.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_stage(p: &Process, project: &Project, activity_id: &str, stage: &Stage, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    let Some(activity) = p.activity(activity_id) else {
        return;
    };
    let at = format!("stages/{activity_id}");
    let status_at = || loc.value(&format!("{at}/status"));
    let people = people_by_role(p, project);

    if stage.status.is_started() {
        for (duty, role) in unfilled_roles(p, activity, project) {
            let verb = if duty == Duty::Drive { "drives" } else { "approves" };
            out.push(
                Diagnostic::error(
                    "role-unfilled",
                    format!(
                        "`{}` {verb} `{activity_id}`, which this project has started, but no one fills that role",
                        role.id
                    ),
                )
                .at(status_at())
                .hint(format!("name a person under `people:` → `{}:` → `- name: …`", role.id)),
            );
        }
    }

    let sign_off = sign_off_state(p, activity, project);
    if matches!(sign_off, SignOffState::Missing | SignOffState::Given) && stage.status == StageStatus::Done {
        let approvers: Vec<&Person> = p
            .roles_with_duty(activity, Duty::Approve)
            .filter_map(|r| people.get(&r.id).copied())
            .flatten()
            .collect();
        let approver_roles: Vec<&str> = p
            .roles_with_duty(activity, Duty::Approve)
            .map(|r| r.id.as_str())
            .collect();
        match &stage.sign_off {
            None => out.push(
                Diagnostic::error(
                    "missing-sign-off",
                    format!("`{activity_id}` is done but has no sign-off"),
                )
                .at(status_at())
                .hint(match approvers.first() {
                    Some(first) => format!(
                        "sign it off as one of: {}; add `sign-off:` with `by: {}` and `on:` the date",
                        listed(&approvers),
                        first.handle.as_deref().unwrap_or(&first.name)
                    ),
                    None => format!(
                        "add `sign-off:` with `by:` a person in the {} role and `on:` the date",
                        approver_roles.join(" or ")
                    ),
                }),
            ),
            Some(s) if !approvers.is_empty() && !approvers.iter().any(|a| a.is(&s.by)) => {
                let names: Vec<&str> = approvers.iter().map(|a| a.name.as_str()).collect();
                out.push(
                    Diagnostic::error(
                        "sign-off-not-approver",
                        format!(
                            "`{activity_id}` is signed off by `{}`, who is not in its approving role `{}`",
                            s.by,
                            approver_roles.join("`, `")
                        ),
                    )
                    .at(loc.value(&format!("{at}/sign-off/by")))
                    .maybe_hint(did_you_mean(&s.by, &names, "approvers")),
                );
            }
            _ => {}
        }
    }

    let items: Vec<&str> = activity.checklist.iter().map(|c| c.id.as_str()).collect();
    for (k, item) in stage.checked.iter().enumerate() {
        if !items.contains(&item.as_str()) {
            out.push(unknown(
                loc.value(&format!("{at}/checked/{k}")),
                "checklist item",
                item,
                &items,
            ));
        }
    }

    super::stage::check(project, activity, stage, out);

    if let (Some(start), Some(end)) = (stage.started, stage.finished) {
        if end < start {
            out.push(
                Diagnostic::error(
                    "date-order",
                    format!("`{activity_id}` finished on {end}, before it started on {start}"),
                )
                .at(loc.value(&format!("{at}/finished")))
                .hint("check the two dates"),
            );
        }
    }

    if let Some(notice) = &activity.notice {
        match notice_problem(notice, stage) {
            Some(NoticeProblem::Missing { scheduled, due_by }) => out.push(
                Diagnostic::warning(
                    "notice-missing",
                    format!("`{activity_id}` is scheduled for {scheduled} but no notice is recorded"),
                )
                .at(loc.value(&format!("{at}/scheduled")))
                .hint(format!(
                    "send the notice to `{}` by {due_by} and record it as `notice-sent: YYYY-MM-DD`",
                    notice.to
                )),
            ),
            Some(NoticeProblem::TooLate {
                sent,
                scheduled,
                days,
                required,
            }) => out.push(
                Diagnostic::error(
                    "notice-too-late",
                    format!(
                        "the notice for `{activity_id}` went out {days} business day(s) before {scheduled}; the process asks for at least {required}"
                    ),
                )
                .at(loc.value(&format!("{at}/notice-sent")))
                .related(loc.value(&format!("{at}/scheduled")), "scheduled here")
                .hint(format!(
                    "the notice had to go out by {}; move the date to {} or later",
                    latest_notice(scheduled, required),
                    earliest_date(sent, required)
                )),
            ),
            None => {}
        }
    }
}

/// A required activity that is done while an earlier required one has not started is an
/// error; starting one whose prerequisite is not done is a warning.
fn check_order(p: &Process, project: &Project, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    for (i, a) in p.activities.iter().enumerate() {
        let status = project.stage_status(&a.id);
        if status == StageStatus::Done {
            let missing: Vec<&str> = p.activities[..i]
                .iter()
                .filter(|e| e.required && project.stage_status(&e.id) == StageStatus::NotStarted)
                .map(|e| e.id.as_str())
                .collect();
            if let Some(first) = missing.first() {
                out.push(
                    Diagnostic::error(
                        "out-of-order",
                        format!(
                            "`{}` is done while the earlier required activity `{first}` has not started",
                            a.id
                        ),
                    )
                    .at(loc.value(&format!("stages/{}/status", a.id)))
                    .hint(format!(
                        "record where the project stands at {} (a required activity cannot be skipped)",
                        missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        if status.is_started() {
            for pre in &a.prerequisites {
                let s = project.stage_status(pre);
                if !matches!(s, StageStatus::Done | StageStatus::Skipped) {
                    out.push(
                        Diagnostic::warning(
                            "prerequisite-not-done",
                            format!("`{}` has started but its prerequisite `{pre}` is {}", a.id, s.as_str()),
                        )
                        .at(loc.value(&format!("stages/{}/status", a.id)))
                        .hint(format!("finish `{pre}` first, or record it as done")),
                    );
                }
            }
        }
    }
}

fn check_links(project: &Project, out: &mut Vec<Diagnostic>) {
    let loc = &project.record.locator;
    let mut urls: Vec<(String, &str)> = Vec::new();
    if let Some(u) = &project.links.ticket {
        urls.push(("links/ticket".into(), u));
    }
    if let Some(u) = &project.links.schema_repo {
        urls.push(("links/schema-repo".into(), u));
    }
    for (k, o) in project.links.other.iter().enumerate() {
        urls.push((format!("links/other/{k}/url"), &o.url));
    }
    for (k, d) in project.dashboards.iter().enumerate() {
        urls.push((format!("dashboards/{k}/url"), &d.url));
    }
    for (path, u) in urls {
        if !url::is_safe_absolute(u) {
            let scheme = url::scheme(u);
            let message = match &scheme {
                Some(s) => format!("the link `{u}` uses the `{s}:` scheme, which is refused"),
                None => format!("the link `{u}` is not an absolute URL"),
            };
            out.push(
                Diagnostic::error("unsafe-link", message)
                    .at(loc.value(&path))
                    .hint("links must start with https://, http:// or mailto:"),
            );
        }
    }
}
