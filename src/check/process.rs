//! Rules on the process itself: ids, references, and one Driver / one Approver per activity.

use super::{is_kebab_case, to_kebab_case};
use crate::diagnostic::Diagnostic;
use crate::model::{Duty, Located, Process};
use crate::suggest::did_you_mean;
use std::collections::HashMap;

/// The longest notice an activity may ask for: a year of business days.
pub const MAX_NOTICE_BUSINESS_DAYS: u32 = 260;

pub fn check(p: &Located<Process>, out: &mut Vec<Diagnostic>) {
    let loc = &p.locator;
    let code_ids: Vec<&str> = p.codes.iter().map(|c| c.id.as_str()).collect();
    let role_ids: Vec<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
    let activity_ids: Vec<&str> = p.activities.iter().map(|a| a.id.as_str()).collect();

    unique_ids(loc, "codes", "code", &code_ids, out);
    unique_ids(loc, "roles", "role", &role_ids, out);
    unique_ids(loc, "activities", "activity", &activity_ids, out);

    for (i, c) in p.codes.iter().enumerate() {
        let mut letters = c.id.chars();
        let one_letter = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
        if !one_letter {
            out.push(
                Diagnostic::error("bad-id", format!("code id `{}` is not one uppercase letter", c.id))
                    .at(loc.value(&format!("codes/{i}/id")))
                    .hint("a code is the letter shown in the matrix, e.g. `D` for Driver"),
            );
        }
    }
    for duty in [Duty::Drive, Duty::Approve] {
        if !p.codes.iter().any(|c| c.duty == duty) {
            out.push(
                Diagnostic::error("missing-duty", format!("no code has the duty `{}`", duty_name(duty)))
                    .at(loc.key("codes"))
                    .hint("every process needs a code that drives and one that approves (D and A in DACI, R and A in RACI)"),
            );
        }
    }
    for (i, r) in p.roles.iter().enumerate() {
        kebab(loc, &format!("roles/{i}/id"), "role", &r.id, out);
    }
    unique_short_names(p, out);
    for (i, a) in p.activities.iter().enumerate() {
        let at = format!("activities/{i}");
        kebab(loc, &format!("{at}/id"), "activity", &a.id, out);
        for (role, code) in &a.assignments {
            if p.role(role).is_none() {
                out.push(unknown(
                    loc.key(&format!("{at}/assignments/{role}")),
                    "role",
                    role,
                    &role_ids,
                ));
            }
            if p.code(code).is_none() {
                out.push(unknown(
                    loc.value(&format!("{at}/assignments/{role}")),
                    "code",
                    code,
                    &code_ids,
                ));
            }
        }
        for (role, why) in &a.inferred {
            if p.role(role).is_none() {
                out.push(unknown(
                    loc.key(&format!("{at}/inferred/{role}")),
                    "role",
                    role,
                    &role_ids,
                ));
            }
            if why.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        "empty-reason",
                        format!("the inferred cell `{role}` of `{}` gives no reason", a.id),
                    )
                    .at(loc.value(&format!("{at}/inferred/{role}")))
                    .hint("say why this cell is placed where it is"),
                );
            }
        }
        for (code, why) in &a.waivers {
            if p.code(code).is_none() {
                out.push(unknown(
                    loc.key(&format!("{at}/waivers/{code}")),
                    "code",
                    code,
                    &code_ids,
                ));
            } else if a.assignments.values().any(|c| c == code) {
                out.push(
                    Diagnostic::warning(
                        "needless-waiver",
                        format!("`{}` waives code `{code}` but assigns it to a role anyway", a.id),
                    )
                    .at(loc.key(&format!("{at}/waivers/{code}")))
                    .hint("remove the waiver or the assignment"),
                );
            }
            if why.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        "empty-reason",
                        format!("the waiver of `{code}` on `{}` gives no reason", a.id),
                    )
                    .at(loc.value(&format!("{at}/waivers/{code}")))
                    .hint("a waiver must say why the activity has no such role"),
                );
            }
        }
        duty_counts(p, i, out);
        for (j, pre) in a.prerequisites.iter().enumerate() {
            let here = || loc.value(&format!("{at}/prerequisites/{j}"));
            match activity_ids.iter().position(|id| id == pre) {
                None => out.push(unknown(here(), "activity", pre, &activity_ids)),
                Some(k) if k >= i => out.push(
                    Diagnostic::error(
                        "prerequisite-order",
                        format!("`{}` needs `{pre}` first, but `{pre}` does not come before it", a.id),
                    )
                    .at(here())
                    .hint("a prerequisite must be an earlier activity; reorder the activities or drop it"),
                ),
                Some(_) => {}
            }
        }
        if let Some(n) = &a.notice {
            if p.role(&n.to).is_none() {
                out.push(unknown(loc.value(&format!("{at}/notice/to")), "role", &n.to, &role_ids));
            }
            let days = n.business_days;
            if days == 0 || days > MAX_NOTICE_BUSINESS_DAYS {
                let (what, hint) = if days == 0 {
                    (
                        "0 business days".to_string(),
                        "give the number of business days of notice, or remove `notice`".to_string(),
                    )
                } else {
                    (
                        format!("{days} business days, more than a year ({MAX_NOTICE_BUSINESS_DAYS})"),
                        format!("give at most {MAX_NOTICE_BUSINESS_DAYS} business days of notice"),
                    )
                };
                out.push(
                    Diagnostic::error("bad-notice", format!("the notice of `{}` asks for {what}", a.id))
                        .at(loc.value(&format!("{at}/notice/business-days")))
                        .hint(hint),
                );
            }
        }
        let item_ids: Vec<&str> = a.checklist.iter().map(|c| c.id.as_str()).collect();
        unique_ids(loc, &format!("{at}/checklist"), "checklist item", &item_ids, out);
        for (j, item) in a.checklist.iter().enumerate() {
            kebab(loc, &format!("{at}/checklist/{j}/id"), "checklist item", &item.id, out);
        }
    }
}

/// The matrix and its CSV head each column with the role's short name, so two roles with one
/// short name would be two columns nobody can tell apart.
fn unique_short_names(p: &Located<Process>, out: &mut Vec<Diagnostic>) {
    let loc = &p.locator;
    // Where a role's short name is written: `short`, or `name` when it has none.
    let at = |i: usize| {
        let key = if p.roles[i].short.is_some() { "short" } else { "name" };
        loc.value(&format!("roles/{i}/{key}"))
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in p.roles.iter().enumerate() {
        let short = r.short_name();
        match seen.get(short) {
            Some(&first) => out.push(
                Diagnostic::error(
                    "duplicate-short-name",
                    format!(
                        "roles `{}` and `{}` have the same short name `{short}`",
                        p.roles[first].id, r.id
                    ),
                )
                .at(at(i))
                .related(at(first), format!("the short name of `{}`", p.roles[first].id))
                .hint(format!(
                    "give `{}` a short name of its own (`short:`), so the matrix's columns can be told apart",
                    r.id
                )),
            ),
            None => {
                seen.insert(short, i);
            }
        }
    }
}

fn duty_name(d: Duty) -> &'static str {
    match d {
        Duty::Drive => "drive",
        Duty::Approve => "approve",
        Duty::Contribute => "contribute",
        Duty::Inform => "inform",
    }
}

/// Exactly one Driver (error otherwise); exactly one Approver unless waived (none: warning).
fn duty_counts(p: &Located<Process>, i: usize, out: &mut Vec<Diagnostic>) {
    let a = &p.activities[i];
    let at = format!("activities/{i}");
    for duty in [Duty::Drive, Duty::Approve] {
        let Some(code) = p.codes.iter().find(|c| c.duty == duty) else {
            continue;
        };
        let holders: Vec<&str> = p.roles_with_duty(a, duty).map(|r| r.id.as_str()).collect();
        // A role id the process does not know (a typo, reported as such) may hold the code.
        let unknown_holder = a
            .assignments
            .iter()
            .any(|(role, c)| p.role(role).is_none() && p.code(c).is_some_and(|c| c.duty == duty));
        if holders.is_empty() && unknown_holder {
            continue;
        }
        let name = code.name.to_lowercase();
        match holders.as_slice() {
            [] if duty == Duty::Drive => out.push(
                Diagnostic::error("no-driver", format!("activity `{}` has no {name}", a.id))
                    .at(p.locator.value(&format!("{at}/id")))
                    .hint(format!(
                        "give exactly one role the code `{}` in its assignments",
                        code.id
                    )),
            ),
            [] if !p.waives(a, duty) => out.push(
                Diagnostic::warning("no-approver", format!("activity `{}` has no {name}", a.id))
                    .at(p.locator.value(&format!("{at}/id")))
                    .hint(format!(
                        "assign `{}` to one role, or say why there is none: `waivers: {{ {}: \"<reason>\" }}`",
                        code.id, code.id
                    )),
            ),
            [] | [_] => {}
            [first, rest @ ..] => {
                for extra in rest {
                    out.push(
                        Diagnostic::error(
                            "too-many",
                            format!("activity `{}` has more than one {name}: `{first}` and `{extra}`", a.id),
                        )
                        .at(p.locator.value(&format!("{at}/assignments/{extra}")))
                        .related(p.locator.value(&format!("{at}/assignments/{first}")), "the first one")
                        .hint(format!("keep exactly one {name}; make the others contributors")),
                    );
                }
            }
        }
    }
}

fn unique_ids(loc: &crate::model::Locator, list: &str, what: &str, ids: &[&str], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(first) = seen.get(id) {
            out.push(
                Diagnostic::error("duplicate-id", format!("{what} id `{id}` is used twice"))
                    .at(loc.value(&format!("{list}/{i}/id")))
                    .related(loc.value(&format!("{list}/{first}/id")), "first used here")
                    .hint(format!("give each {what} its own id")),
            );
        } else {
            seen.insert(id, i);
        }
    }
}

fn kebab(loc: &crate::model::Locator, path: &str, what: &str, id: &str, out: &mut Vec<Diagnostic>) {
    if !is_kebab_case(id) {
        out.push(
            Diagnostic::error("bad-id", format!("{what} id `{id}` is not kebab-case"))
                .at(loc.value(path))
                .hint(format!(
                    "use lowercase words joined by hyphens, e.g. `{}`",
                    to_kebab_case(id)
                )),
        );
    }
}

/// An unknown reference, with the nearest known id as a hint.
pub fn unknown(at: crate::source::Location, what: &str, id: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::error("unknown-reference", format!("unknown {what} `{id}`"))
        .at(at)
        .maybe_hint(did_you_mean(id, known, &format!("{what}s")))
}
