//! The README's own commands, run as written: the completion line in a fresh home, the test
//! command that `.ci/run` runs too, and the browser suite sorting last among the test targets.

use std::fs;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn readme() -> String {
    fs::read_to_string(Path::new(REPO).join("README.md")).unwrap()
}

/// The lines of the README's ```sh blocks, comments cut.
fn sh_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("```") {
            inside = line.trim() == "```sh";
            continue;
        }
        if inside {
            let code = line.split("   #").next().unwrap_or(line).trim_end();
            if !code.is_empty() {
                lines.push(code.to_string());
            }
        }
    }
    lines
}

#[test]
fn the_completion_line_works_in_a_fresh_home() {
    let line = sh_lines(&readme())
        .into_iter()
        .find(|l| l.contains("dacibook completions bash"))
        .expect("the README's completion line");
    let home = tempfile::tempdir().unwrap();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["-eo", "pipefail", "-c", &line])
        .env("HOME", home.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "`{line}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = fs::read_to_string(home.path().join(".local/share/bash-completion/completions/dacibook"))
        .expect("the completion script where bash-completion looks");
    assert!(script.contains("complete -F _dacibook"), "a bash completion script");
}

#[test]
fn the_readme_test_command_is_what_ci_runs() {
    let quick = readme();
    let start = quick.find("## Quick start").unwrap();
    let section = &quick[start..start + quick[start..].find("\n## ").unwrap_or(quick.len() - start)];
    let test_line = sh_lines(section)
        .into_iter()
        .find(|l| l.contains("test"))
        .expect("a test command in the quick start");
    assert_eq!(test_line.trim(), "bash tests/run-all.sh");
    let ci = fs::read_to_string(Path::new(REPO).join(".ci/run")).unwrap();
    let last = ci.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert_eq!(
        last.trim(),
        "bash tests/run-all.sh",
        ".ci/run ends with the README's command"
    );
    let script = fs::read_to_string(Path::new(REPO).join("tests/run-all.sh")).unwrap();
    for package in ["chromium", "chromium-driver", "nodejs npm"] {
        assert!(script.contains(package), "tests/run-all.sh installs {package}");
    }
    assert!(script.contains("exec cargo test --locked"), "then runs every test");
}

#[test]
fn the_browser_suite_is_the_last_test_target() {
    // cargo runs test targets in name order and stops at the first that fails: the browser
    // suite, which fails on a machine without Chromium, must come after every other target.
    let mut names: Vec<String> = fs::read_dir(Path::new(REPO).join("tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            if p.extension().is_some_and(|e| e == "rs") {
                Some(p.file_stem()?.to_string_lossy().into_owned())
            } else if p.join("main.rs").is_file() {
                Some(p.file_name()?.to_string_lossy().into_owned())
            } else {
                None
            }
        })
        .collect();
    names.sort();
    assert_eq!(names.last().map(String::as_str), Some("z_browser"), "{names:?}");
    let browser_users: Vec<&String> = names
        .iter()
        .filter(|n| {
            let file = Path::new(REPO).join("tests").join(format!("{n}.rs"));
            fs::read_to_string(file).is_ok_and(|t| {
                t.contains(concat!("Driver", "::start")) || t.contains(concat!("Command::new(\"", "node\")"))
            })
        })
        .collect();
    assert!(
        browser_users.is_empty(),
        "browser tests outside z_browser: {browser_users:?}"
    );
}
