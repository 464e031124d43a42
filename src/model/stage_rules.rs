//! Two rules on a project's stage, defined once: whether it awaits or lacks its approvers'
//! sign-off, and which Driver and Approver roles nobody fills. The check (`missing-sign-off`,
//! `role-unfilled`), the board and the people pages all ask these functions.

use super::{Activity, Duty, Person, Process, Project, Role, StageStatus};
use crate::suggest::nearest;
use std::collections::HashMap;

/// Where a stage stands with its sign-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOffState {
    /// No sign-off is asked: the activity has no approving role, or its approval is waived.
    NotAsked,
    /// Asked, but not yet due: the stage is not under way.
    NotYet,
    /// The stage is in progress and its approvers have not signed it off yet.
    Awaited,
    /// The stage is done without a sign-off: a record to fix.
    Missing,
    /// Signed off.
    Given,
}

impl SignOffState {
    /// Whether the approvers still have to sign off (awaited or missing).
    pub fn is_outstanding(self) -> bool {
        matches!(self, SignOffState::Awaited | SignOffState::Missing)
    }
}

/// The sign-off state of `project`'s stage of `activity`.
pub fn sign_off_state(process: &Process, activity: &Activity, project: &Project) -> SignOffState {
    let asked =
        process.roles_with_duty(activity, Duty::Approve).next().is_some() && !process.waives(activity, Duty::Approve);
    if !asked {
        return SignOffState::NotAsked;
    }
    let stage = project.stages.get(&activity.id);
    if stage.is_some_and(|s| s.sign_off.is_some()) {
        return SignOffState::Given;
    }
    match project.stage_status(&activity.id) {
        StageStatus::InProgress => SignOffState::Awaited,
        StageStatus::Done => SignOffState::Missing,
        _ => SignOffState::NotYet,
    }
}

/// The people of each role of the process in `project`. A role id the process does not know
/// but that is close to one it does (`data-analist`) counts for that role: the typo is
/// reported once, as an unknown role, and not again as every role it leaves unfilled.
pub fn people_by_role<'a>(process: &Process, project: &'a Project) -> HashMap<String, &'a [Person]> {
    let role_ids: Vec<&str> = process.roles.iter().map(|r| r.id.as_str()).collect();
    let mut by_role: HashMap<String, &[Person]> = HashMap::new();
    for (role, people) in &project.people {
        if process.role(role).is_some() {
            by_role.insert(role.clone(), people);
        }
    }
    for (role, people) in &project.people {
        if process.role(role).is_some() {
            continue;
        }
        if let Some(meant) = nearest(role, &role_ids) {
            by_role.entry(meant.to_string()).or_insert(people);
        }
    }
    by_role
}

/// The Driver and Approver roles of `activity` that nobody fills in `project`, Drivers first,
/// each in process order.
pub fn unfilled_roles<'a>(process: &'a Process, activity: &'a Activity, project: &Project) -> Vec<(Duty, &'a Role)> {
    let people = people_by_role(process, project);
    [Duty::Drive, Duty::Approve]
        .into_iter()
        .flat_map(|duty| process.roles_with_duty(activity, duty).map(move |r| (duty, r)))
        .filter(|(_, r)| people.get(&r.id).is_none_or(|v| v.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process() -> Process {
        serde_yaml::from_str(
            "
name: P
codes:
  - { id: D, name: Driver, duty: drive }
  - { id: A, name: Approver, duty: approve }
roles:
  - { id: pm, name: PM }
  - { id: da, name: DA }
activities:
  - { id: spec, name: Spec, assignments: { da: D, pm: A } }
  - { id: ask, name: Ask, assignments: { pm: D }, waivers: { A: informal } }
",
        )
        .unwrap()
    }

    fn project(yaml: &str) -> Project {
        let file = crate::source::SourceFile::new("x.yaml", yaml);
        Project {
            id: "x".into(),
            record: crate::yaml::parse(&file, 0..yaml.len(), 0).unwrap(),
            changed: None,
        }
    }

    #[test]
    fn a_sign_off_is_awaited_in_progress_missing_when_done_and_never_asked_when_waived() {
        let p = process();
        let (spec, ask) = (&p.activities[0], &p.activities[1]);
        let state = |stage: &str| {
            let x = project(&format!(
                "title: X\nstatus: active\nstages:\n  spec: {stage}\n  ask: {stage}\n"
            ));
            (sign_off_state(&p, spec, &x), sign_off_state(&p, ask, &x))
        };
        use SignOffState::*;
        assert_eq!(state("{ status: not-started }"), (NotYet, NotAsked));
        assert_eq!(state("{ status: in-progress }"), (Awaited, NotAsked));
        assert_eq!(state("{ status: done }"), (Missing, NotAsked));
        assert_eq!(
            state("{ status: done, sign-off: { by: Jo, on: 2026-01-02 } }"),
            (Given, NotAsked)
        );
        assert!(Awaited.is_outstanding() && Missing.is_outstanding() && !Given.is_outstanding());
    }

    #[test]
    fn unfilled_roles_are_drivers_then_approvers_and_a_misspelt_role_fills_its_role() {
        let p = process();
        let spec = &p.activities[0];
        let nobody = project("title: X\nstatus: active\n");
        let ids: Vec<(Duty, &str)> = unfilled_roles(&p, spec, &nobody)
            .into_iter()
            .map(|(d, r)| (d, r.id.as_str()))
            .collect();
        assert_eq!(ids, [(Duty::Drive, "da"), (Duty::Approve, "pm")]);
        let typo = project("title: X\nstatus: active\npeople:\n  dd: [{ name: Jo }]\n  pm: []\n");
        let ids: Vec<&str> = unfilled_roles(&p, spec, &typo)
            .into_iter()
            .map(|(_, r)| r.id.as_str())
            .collect();
        assert_eq!(ids, ["pm"], "`dd` is taken for `da`; an empty list fills nothing");
    }
}
