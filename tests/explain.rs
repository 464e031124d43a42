//! `dacibook explain`: every code the source can emit is explained, every runnable example
//! does what it says in a real book, the README's table of rules lists exactly the registered
//! codes, and the command's output and exit codes.

use dacibook::explain::{self, BookFile, Explanation, Runs};
use dacibook::Severity;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn dacibook(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dacibook")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

// ---------------------------------------------------------------------------------------------
// Every code of the source is registered

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every code `src/` can put in a diagnostic, with the severities it is used with: string
/// literals passed to `Diagnostic::error`/`warning`, and, in a file that passes a variable,
/// the `("code", hint)` pairs that variable is chosen from. Unit tests (after `#[cfg(test)]`)
/// are left out.
fn codes_in_source() -> BTreeMap<String, BTreeSet<&'static str>> {
    let literal = regex::Regex::new(r#"\b(error|warning)\(\s*"([a-z0-9]+(?:-[a-z0-9]+)*)""#).unwrap();
    let variable = regex::Regex::new(r"Diagnostic::(error|warning)\(\s*([a-z_]+)\s*,").unwrap();
    let pair = regex::Regex::new(r#"\(\s*"([a-z0-9]+(?:-[a-z0-9]+)*)",\s*(?:Some|None|hint\b|expected_hint|guard::)"#)
        .unwrap();
    let mut files = Vec::new();
    rust_files(&Path::new(REPO).join("src"), &mut files);
    files.retain(|f| !f.starts_with(Path::new(REPO).join("src/explain")));
    let mut codes: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for f in files {
        let all = fs::read_to_string(&f).expect("read a source file");
        let code = all.split("#[cfg(test)]").next().unwrap_or_default();
        for c in literal.captures_iter(code) {
            let severity = if &c[1] == "error" { "error" } else { "warning" };
            codes.entry(c[2].to_string()).or_default().insert(severity);
        }
        for v in variable.captures_iter(code) {
            let pairs: Vec<String> = pair.captures_iter(code).map(|c| c[1].to_string()).collect();
            assert!(
                !pairs.is_empty(),
                "{} passes a variable code to Diagnostic::{} but holds no (\"code\", hint) pairs to read it from",
                f.display(),
                &v[1]
            );
            let severity = if &v[1] == "error" { "error" } else { "warning" };
            for p in pairs {
                codes.entry(p).or_default().insert(severity);
            }
        }
    }
    codes
}

fn registered() -> BTreeMap<String, BTreeSet<&'static str>> {
    explain::all()
        .iter()
        .map(|e| {
            let severities = e
                .severities
                .iter()
                .map(|s| match s {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                })
                .collect();
            (e.code.to_string(), severities)
        })
        .collect()
}

#[test]
fn every_code_in_the_source_is_explained_with_its_severities_and_no_other() {
    let source = codes_in_source();
    // The scan must find the codes that only come through variables, or it proves nothing.
    for code in ["unknown-key", "wrong-type", "toml-syntax", "wrong-value", "no-driver"] {
        assert!(source.contains_key(code), "the scan missed `{code}`: {source:?}");
    }
    let registered = registered();
    let unexplained: Vec<_> = source.iter().filter(|(c, s)| registered.get(*c) != Some(s)).collect();
    let unused: Vec<_> = registered.iter().filter(|(c, s)| source.get(*c) != Some(s)).collect();
    assert!(
        unexplained.is_empty() && unused.is_empty(),
        "codes in src/ not registered with these severities in src/explain/codes/: {unexplained:?}\n\
         registered codes src/ does not use so: {unused:?}"
    );
}

#[test]
#[should_panic(expected = "diagnostic code `no-such-code` has no explanation")]
fn a_diagnostic_with_an_unregistered_code_fails_in_debug_builds() {
    let _ = dacibook::Diagnostic::error("no-such-code", "x");
}

// ---------------------------------------------------------------------------------------------
// The examples, run in real books

/// A book made by `dacibook init` without its example project, with `files` written in.
fn book_with(files: &[BookFile]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    dacibook::scaffold::init(
        dir.path(),
        "Example",
        false,
        &dacibook::scaffold::InstallSource::CratesIo,
    )
    .expect("init a book");
    fs::remove_file(dir.path().join("content/projects/edit-funnel.yaml")).expect("remove the example project");
    for f in files {
        let path = dir.path().join(f.path);
        fs::create_dir_all(path.parent().expect("a folder")).expect("create folders");
        fs::write(&path, f.text).expect("write an example file");
    }
    dir
}

/// (code, severity, hint) of every diagnostic the example's book gets from its command.
fn reported(e: &Explanation, files: &[BookFile]) -> Vec<(String, String, String)> {
    let book = book_with(files);
    match e.runs {
        Runs::Check => {
            let out = dacibook(&["check", book.path().to_str().expect("a UTF-8 path"), "--format", "json"]);
            assert!(
                out.status.code().is_some_and(|c| c < 2),
                "{}: {}",
                e.code,
                text(&out.stderr)
            );
            text(&out.stdout)
                .lines()
                .map(|l| {
                    let j: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
                    let field = |k: &str| j[k].as_str().unwrap_or_default().to_string();
                    (field("code"), field("severity"), field("hint"))
                })
                .collect()
        }
        Runs::No(_) => unreachable!("only runnable examples are run"),
    }
}

#[test]
fn each_wrong_example_reports_its_code_and_each_fixed_example_checks_clean() {
    let mut failures = Vec::new();
    for e in explain::all() {
        if let Runs::No(_) = e.runs {
            continue;
        }
        let wrong = reported(e, e.wrong);
        let severities: Vec<String> = e.severities.iter().map(|s| format!("{s:?}").to_lowercase()).collect();
        if !wrong.iter().any(|(c, s, _)| c == e.code && severities.contains(s)) {
            failures.push(format!("{}: the wrong example reports {wrong:?}", e.code));
        }
        for (code, _, hint) in &wrong {
            if hint.contains("docs/") || hint.contains("src/") {
                failures.push(format!("{code}: the hint names a file an init book lacks: {hint}"));
            }
        }
        let fixed = reported(e, e.fixed);
        if !fixed.is_empty() {
            failures.push(format!("{}: the fixed example reports {fixed:?}", e.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn only_these_codes_have_examples_that_cannot_run_each_with_a_reason() {
    let not_run: Vec<(&str, &str)> = explain::all()
        .iter()
        .filter_map(|e| match e.runs {
            Runs::No(why) => Some((e.code, why)),
            _ => None,
        })
        .collect();
    let codes: Vec<&str> = not_run.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        codes,
        [
            "dangling-symlink",
            "export",
            "file-too-large",
            "io",
            "no-process",
            "not-utf8",
            "rebuild-crashed",
            "symlink-outside",
            "watcher-failed"
        ]
    );
    for (code, why) in not_run {
        assert!(why.len() > 20, "{code}: say why its examples cannot run");
    }
}

// ---------------------------------------------------------------------------------------------
// The README's table of rules

#[test]
fn the_readme_rules_table_lists_every_registered_code_and_no_other() {
    let readme = fs::read_to_string(Path::new(REPO).join("README.md")).expect("read README.md");
    let section = readme
        .split("## `dacibook check`")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has a `dacibook check` section");
    let header = "| rule | codes | severity |";
    assert!(section.contains(header), "the table's header is {header}");
    let code = regex::Regex::new(r"`([a-z0-9-]+)`").unwrap();
    let mut listed = BTreeSet::new();
    for row in section.lines().filter(|l| l.starts_with("| ") && *l != header) {
        let cells: Vec<&str> = row.split(" | ").collect();
        assert_eq!(cells.len(), 3, "a row has a rule, codes and a severity: {row}");
        for c in code.captures_iter(cells[1]) {
            listed.insert(c[1].to_string());
        }
    }
    let known: BTreeSet<String> = registered().into_keys().collect();
    let missing: Vec<_> = known.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&known).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "registered codes missing from the README's table: {missing:?}; codes there that are not registered: {unknown:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The command

#[test]
fn explain_prints_the_meaning_source_and_both_examples_of_a_code() {
    let out = dacibook(&["explain", "no-driver"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.starts_with(
            "no-driver (error): an activity has no Driver\n\nIn DACI each activity has exactly one Driver"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "\nWhere the rule comes from: the DACI model: one Driver per activity; the process file's `assignments`\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\nWrong, content/process.yaml:\n\n    name: Small process\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n        assignments: { data-analyst: A }\n\nFixed, content/process.yaml:\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("        assignments: { product-manager: D, data-analyst: A }\n\n`dacibook check` reports `no-driver` for the wrong example only.\n"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn explain_without_a_code_lists_every_code_with_its_summary() {
    let out = dacibook(&["explain"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    let all = explain::all();
    assert!(
        stdout.starts_with(&format!(
            "{} diagnostic codes; `dacibook explain CODE` explains one:\n\n",
            all.len()
        )),
        "{stdout}"
    );
    let rows: Vec<&str> = stdout.lines().skip(2).collect();
    assert_eq!(rows.len(), all.len(), "{stdout}");
    for (row, e) in rows.iter().zip(&all) {
        let words: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(words[0], e.code, "{row}");
        assert!(row.ends_with(e.summary), "{row}");
    }
    assert!(
        stdout.contains("\n  dictionary-conflict     error or warning  one field name with two types"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_code_exits_2_with_the_nearest_code() {
    let out = dacibook(&["explain", "no-drivr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "error: there is no diagnostic code `no-drivr`\n  = help: did you mean `no-driver`?\n"
    );
    let out = dacibook(&["explain", "zzzzzz"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: there is no diagnostic code `zzzzzz`\n  = help: `dacibook explain` lists every code\n"
    );
}

#[test]
fn a_code_pasted_with_its_brackets_is_explained() {
    let out = dacibook(&["explain", "[unknown-key]"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("unknown-key (error): "));
}

#[test]
fn every_human_diagnostic_ends_with_a_note_naming_its_explanation() {
    let wrong = explain::find("unknown-key").expect("registered").wrong;
    let book = book_with(wrong);
    let out = dacibook(&["check", book.path().to_str().expect("a UTF-8 path")]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "  = help: did you mean `summary`?\n  = note: `dacibook explain unknown-key` explains this rule, with examples\n"
        ),
        "{stderr}"
    );
}
