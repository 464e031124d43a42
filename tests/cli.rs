//! The `dacibook check` binary (exit codes and the three output formats), and the repository's
//! own book.

mod common;

use common::{dump, Book};
use dacibook::model::{Duty, Lifecycle};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn dacibook(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dacibook")
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", dir.to_str().expect("a UTF-8 temp path")];
    args.extend_from_slice(extra);
    dacibook(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// The fixture with one unknown role on line 6, column 3 of `content/projects/x.yaml`.
fn broken_book() -> Book {
    let book = Book::valid();
    book.write(
        "content/projects/x.yaml",
        "\
title: X
status: active
people:
  product-manager:
    - name: Jane Doe
  data-analist:
    - name: Priya Raman
",
    );
    book
}

// ---------------------------------------------------------------------------------------------
// Exit codes and the human format

#[test]
fn repo_book_checks_clean_and_exits_0() {
    let out = check(Path::new(REPO), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("check passed: 0 error(s), 0 warning(s)"), "{stderr}");
    assert!(!stderr.contains("error["), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
}

#[test]
fn valid_fixture_exits_0_and_counts_its_projects() {
    let out = check(Book::valid().root(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.ends_with("check passed: 0 error(s), 0 warning(s) in 5 file(s), 2 project(s)\n"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn broken_fixture_exits_1_with_a_rustc_style_report() {
    let book = broken_book();
    let out = check(book.root(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected = "\
error[unknown-reference]: unknown role `data-analist`
  --> content/projects/x.yaml:6:3
  |
6 |   data-analist:
  |   ^^^^^^^^^^^^
  |
  = help: did you mean `data-analyst`?
";
    assert!(stderr.starts_with(expected), "expected:\n{expected}\ngot:\n{stderr}");
    assert!(stderr.contains("check failed: 1 error(s), 0 warning(s)"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour codes when stderr is not a terminal: {stderr:?}"
    );
    assert!(out.stdout.is_empty(), "the human format writes to stderr only");
}

#[test]
fn check_without_a_folder_checks_the_current_one() {
    let book = broken_book();
    let out = Command::new(BIN)
        .arg("check")
        .current_dir(book.root())
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--> content/projects/x.yaml:6:3"), "{stderr}");
}

#[test]
fn warnings_alone_exit_0() {
    let book = Book::valid();
    book.write(
        "content/projects/x.yaml",
        "\
title: X
status: proposed
schema:
  name: Thing
  fields:
    - name: wiki_db
      type: string
      sensitivity: public
",
    );
    let out = check(book.root(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.starts_with("warning[undocumented-field]: field `wiki_db` has no description\n"),
        "{stderr}"
    );
    assert!(stderr.contains("--> content/projects/x.yaml:6:13"), "{stderr}");
    assert!(stderr.contains("check passed: 0 error(s), 1 warning(s)"), "{stderr}");
}

#[test]
fn human_report_shows_the_related_place_in_the_other_file() {
    let book = Book::valid();
    let schema = |name: &str, ty: &str| {
        format!(
            "title: {name}\nstatus: proposed\nschema:\n  name: {name}\n  fields:\n    - name: wiki_db\n      type: {ty}\n      description: W.\n      sensitivity: public\n"
        )
    };
    book.write("content/projects/alpha.yaml", &schema("Alpha", "string"));
    book.write("content/projects/beta.yaml", &schema("Beta", "number"));
    let out = check(book.root(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected = "\
error[dictionary-conflict]: field `wiki_db` is a number in Beta but a string in Alpha
  --> content/projects/beta.yaml:7:13
  |
7 |       type: number
  |             ^^^^^^
  |
  --> content/projects/alpha.yaml:7:13
  |
7 |       type: string
  |             ------ `wiki_db` is a string in Alpha
  |
  = help: give `wiki_db` one type everywhere, or rename one of the two fields
";
    assert!(stderr.starts_with(expected), "expected:\n{expected}\ngot:\n{stderr}");
}

#[test]
fn file_that_is_not_utf8_is_reported_without_a_source_line() {
    let book = Book::valid();
    book.write_bytes("content/projects/x.yaml", b"title: X\nstatus: active\nteam: W\xffeb\n");
    let out = check(book.root(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "error[not-utf8]: content/projects/x.yaml is not valid UTF-8 text\n = at content/projects/x.yaml:3:8\n = help: save the file as UTF-8\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_megabyte_line_is_quoted_as_a_window_around_the_problem() {
    let book = Book::valid();
    let long = "x".repeat(1_000_000);
    book.write(
        "content/projects/x.yaml",
        &format!("title: X\nstatus: active\nteam: {long}\nteam: again\n"),
    );
    let out = check(book.root(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}", &stderr[..stderr.len().min(2000)]);
    assert!(stderr.len() < 2_000, "{} bytes of report", stderr.len());
    assert!(
        stderr.starts_with("error[duplicate-key]: duplicate key `team`\n"),
        "{stderr}"
    );
    assert!(stderr.contains("--> content/projects/x.yaml:4:1"), "{stderr}");
    // A value of a megabyte quoted in the message is cut there too.
    let book = Book::valid();
    book.write("content/projects/x.yaml", &format!("title: X\nstatus: {long}\n\n"));
    let stderr = text(&check(book.root(), &[]).stderr);
    assert!(stderr.len() < 3_000, "{} bytes of report", stderr.len());
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error[unknown-value]: status: unknown value `xxxx") && first.ends_with('…'),
        "{first}"
    );
    let quoted: Vec<&str> = stderr.lines().filter(|l| l.starts_with("2 | ")).collect();
    assert_eq!(quoted.len(), 1, "{stderr}");
    assert!(quoted[0].ends_with('…') && quoted[0].len() < 300, "{}", quoted[0]);
    // A key of a megabyte never finds its `:` (YAML keys end within 1,024 characters).
    book.write(
        "content/projects/x.yaml",
        &format!("title: X\nstatus: active\n{long}: 1\n"),
    );
    let stderr = text(&check(book.root(), &[]).stderr);
    assert!(stderr.len() < 3_000, "{} bytes of report", stderr.len());
    assert!(
        stderr.starts_with(
            "error[yaml-syntax]: this line starts a key that never ends with `:`\n  --> content/projects/x.yaml:3:1\n"
        ),
        "{stderr}"
    );
    let quoted: Vec<&str> = stderr.lines().filter(|l| l.starts_with("3 | ")).collect();
    assert_eq!(quoted.len(), 1, "{stderr}");
    assert!(quoted[0].ends_with('…') && quoted[0].len() < 300, "{}", quoted[0]);
}

#[test]
fn escape_sequences_and_bidi_controls_never_reach_the_terminal() {
    let book = Book::valid();
    // YAML's "\e" escape puts a real ESC into the key; the reports quote it as text.
    book.write(
        "content/projects/x.yaml",
        "title: X\nstatus: active\n\"a\\e[2J\\u202Eb\": 1\n",
    );
    for format in ["human", "github"] {
        let out = check(book.root(), &["--format", format]);
        let stderr = text(&out.stderr);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        for s in [&stderr, &stdout] {
            assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{format}: {s:?}");
        }
        if format == "human" {
            assert!(stderr.contains("unknown field `a\\u{1b}[2J\\u{202e}b`"), "{stderr}");
        }
    }
    // A raw control character in the file is refused at its place, and quoted escaped.
    book.write(
        "content/projects/x.yaml",
        "title: X\nstatus: active\nteam: \"a\u{1b}[31mb\"\n",
    );
    let stderr = text(&check(book.root(), &[]).stderr);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.starts_with("error[control-character]: the file holds a control character (U+001B), which YAML does not allow\n  --> content/projects/x.yaml:3:9\n"),
        "{stderr}"
    );
    assert!(stderr.contains("3 | team: \"a\\u{1b}[31mb\""), "{stderr}");
}

#[test]
fn folder_without_book_toml_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains(&dir.path().display().to_string()),
        "names the folder: {stderr}"
    );
    assert!(
        stderr.contains("is not a book: there is no book.toml in it"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(&dir.path().join("nope"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("there is no book.toml"));
}

#[test]
fn unknown_flag_exits_2() {
    let out = dacibook(&["check", "--bogus"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unexpected argument '--bogus'"), "{stderr}");
}

#[test]
fn unknown_format_exits_2_and_lists_the_formats() {
    let out = check(Book::valid().root(), &["--format", "xml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("invalid value 'xml'"), "{stderr}");
    assert!(stderr.contains("human, json, github"), "{stderr}");
}

#[test]
fn missing_subcommand_exits_2() {
    let out = dacibook(&[]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// JSON and GitHub formats

/// The broken book plus a warning (an undocumented field) and an error with a related place.
fn book_with_three_problems() -> Book {
    let book = broken_book();
    let schema = |name: &str, ty: &str, description: &str| {
        format!(
            "title: {name}\nstatus: proposed\nschema:\n  name: {name}\n  fields:\n    - name: wiki_db\n      type: {ty}\n{description}      sensitivity: public\n"
        )
    };
    book.write("content/projects/alpha.yaml", &schema("Alpha", "string", ""));
    book.write(
        "content/projects/beta.yaml",
        &schema("Beta", "number", "      description: W.\n"),
    );
    book
}

#[test]
fn json_format_prints_one_parseable_object_per_line() {
    let book = book_with_three_problems();
    let out = check(book.root(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(objects.len(), 3, "{stdout}");

    // Sorted by file: alpha (warning), beta (conflict), x (unknown role).
    let warning = &objects[0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["code"], "undocumented-field");
    assert_eq!(warning["file"], "content/projects/alpha.yaml");
    assert_eq!(
        (warning["line"].as_u64(), warning["column"].as_u64()),
        (Some(6), Some(13))
    );

    let conflict = &objects[1];
    assert_eq!(conflict["severity"], "error");
    assert_eq!(conflict["code"], "dictionary-conflict");
    assert_eq!(conflict["file"], "content/projects/beta.yaml");
    assert_eq!(
        (conflict["line"].as_u64(), conflict["column"].as_u64()),
        (Some(7), Some(13))
    );
    let related = conflict["related"].as_array().expect("related is a list");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["file"], "content/projects/alpha.yaml");
    assert_eq!(
        (related[0]["line"].as_u64(), related[0]["column"].as_u64()),
        (Some(7), Some(13))
    );
    assert_eq!(related[0]["message"], "`wiki_db` is a string in Alpha");

    let role = &objects[2];
    assert_eq!(
        role,
        &serde_json::json!({
            "severity": "error",
            "code": "unknown-reference",
            "message": "unknown role `data-analist`",
            "file": "content/projects/x.yaml",
            "line": 6,
            "column": 3,
            "hint": "did you mean `data-analyst`?",
            "related": [],
        })
    );
}

#[test]
fn json_format_of_a_clean_book_prints_nothing() {
    let out = check(Book::valid().root(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
}

#[test]
fn json_hint_is_null_when_there_is_none() {
    let book = Book::valid();
    book.write("content/projects/x.yaml", "title: X\nstatus: active\nteam: \"a\\qb\"\n");
    let out = check(book.root(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(text(&out.stdout).trim_end()).unwrap();
    assert_eq!(v["code"], "yaml-syntax");
    assert_eq!(
        v["message"],
        "found unknown escape character, while parsing a quoted scalar at line 3 column 7"
    );
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(3), Some(9)));
    assert!(v["hint"].is_null());
}

#[test]
fn github_format_prints_workflow_annotations() {
    let book = book_with_three_problems();
    let out = check(book.root(), &["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::warning file=content/projects/alpha.yaml,line=6,col=13,title=undocumented-field::field `wiki_db` has no description%0Ahelp: say what the field holds; the data dictionary shows it",
            "::error file=content/projects/beta.yaml,line=7,col=13,title=dictionary-conflict::field `wiki_db` is a number in Beta but a string in Alpha%0Asee content/projects/alpha.yaml:7:13: `wiki_db` is a string in Alpha%0Ahelp: give `wiki_db` one type everywhere, or rename one of the two fields",
            "::error file=content/projects/x.yaml,line=6,col=3,title=unknown-reference::unknown role `data-analist`%0Ahelp: did you mean `data-analyst`?",
        ],
        "{stdout}"
    );
}

#[test]
fn github_format_escapes_percent_and_property_separators() {
    // A comma separates annotation properties, so one in a file name must become %2C.
    let book = Book::valid();
    book.write("content/projects/a,b.yaml", "title: X\nstatus: activ\n");
    let out = check(book.root(), &["--format", "github"]);
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("unknown-value"))
        .expect("the annotation");
    assert!(
        line.starts_with("::error file=content/projects/a%2Cb.yaml,line=2,col=9,title=unknown-value::"),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// The repository's own book

#[test]
fn repo_book_has_no_diagnostics_at_all() {
    let loaded = dacibook::load_and_check(Path::new(REPO)).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded.diagnostics));
    assert!(loaded.book.is_some());
}

#[test]
fn repo_process_has_13_activities_and_12_roles() {
    let loaded = dacibook::load_and_check(Path::new(REPO)).unwrap();
    let book = loaded.book.unwrap();
    let process = book.process.as_ref().expect("the process parses");
    assert_eq!(process.activities.len(), 13);
    assert_eq!(process.roles.len(), 12);
    let codes: Vec<&str> = process.codes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(codes, ["D", "A", "C", "I"]);
}

#[test]
fn repo_process_has_one_driver_everywhere_and_one_approver_except_the_waived_first_activity() {
    let loaded = dacibook::load_and_check(Path::new(REPO)).unwrap();
    let book = loaded.book.unwrap();
    let p = book.process.as_ref().unwrap();
    for a in &p.activities {
        let count = |letter: &str| a.assignments.values().filter(|c| c.as_str() == letter).count();
        assert_eq!(count("D"), 1, "`{}` has one D", a.id);
        assert_eq!(
            p.roles_with_duty(a, Duty::Drive).count(),
            1,
            "`{}` has one driving role",
            a.id
        );
        if a.id == "decide-metrics" {
            assert_eq!(count("A"), 0, "decide-metrics has no A");
            let why = a.waivers.get("A").expect("decide-metrics waives A");
            assert!(!why.trim().is_empty());
            assert!(p.waives(a, Duty::Approve));
        } else {
            assert_eq!(count("A"), 1, "`{}` has one A", a.id);
            assert!(a.waivers.is_empty(), "`{}` waives nothing", a.id);
        }
    }
    assert_eq!(p.activities[0].id, "decide-metrics");
}

#[test]
fn repo_projects_cover_the_lifecycle() {
    let loaded = dacibook::load_and_check(Path::new(REPO)).unwrap();
    let book = loaded.book.unwrap();
    assert!(book.projects.len() >= 4, "{} projects", book.projects.len());
    let statuses: Vec<Lifecycle> = book.projects.iter().map(|p| p.status).collect();
    assert!(
        statuses
            .iter()
            .any(|s| matches!(s, Lifecycle::Proposed | Lifecycle::Active)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&Lifecycle::Active), "{statuses:?}");
    assert!(statuses.contains(&Lifecycle::Decommissioned), "{statuses:?}");
}
