//! The GitHub Pages workflow that `init` writes, run for real: its own shell steps (install
//! dacibook from a git repository by URL, check, build with the Pages base URL) in a temporary
//! folder, so the steps are proven and not only parsed. The git repository is a local copy of
//! this source tree with the release tag, reached by a `file://` URL.
//!
//! The install compiles dacibook once more (at opt-level 0 to keep it short), in
//! `target/workflow-install` so a second run reuses the compiled dependencies.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    ok(&out, &format!("git {}", args.join(" ")));
}

/// A git repository holding this source tree as it is now (tracked and new files, without
/// what .gitignore leaves out), committed and tagged `v<version>`.
fn source_repository(at: &Path) -> PathBuf {
    let listed = Command::new("git")
        .current_dir(REPO)
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .output()
        .expect("git ls-files in the source tree");
    ok(&listed, "git ls-files");
    let repo = at.join("dacibook.git");
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let rel = std::str::from_utf8(name).expect("UTF-8 file names in the repository");
        let from = Path::new(REPO).join(rel);
        if !from.is_file() {
            continue; // deleted in the work tree
        }
        let to = repo.join(rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&from, &to).unwrap();
    }
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "release"]);
    git(&repo, &["tag", &dacibook::scaffold::release_tag()]);
    repo
}

/// The workflow's top-level `env:` and the `run:` of each build step by name.
fn workflow(book: &Path) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let text = fs::read_to_string(book.join(".github/workflows/pages.yml")).unwrap();
    let w: Value = dacibook::yaml::to_json(&text).expect("the workflow is YAML");
    let env = w["env"]
        .as_object()
        .expect("the workflow's env")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string env").to_string()))
        .collect();
    let runs = w["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| Some((s["name"].as_str()?.to_string(), s["run"].as_str()?.to_string())))
        .collect();
    (env, runs)
}

/// Runs one step's shell text as GitHub's runner does (`bash -e`), in the book.
fn step(book: &Path, script: &str, env: &BTreeMap<String, String>, extra: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new("bash");
    cmd.arg("--noprofile")
        .arg("--norc")
        .arg("-eo")
        .arg("pipefail")
        .arg("-c")
        .arg(script)
        .current_dir(book)
        .envs(env)
        .envs(extra.iter().copied());
    cmd.output().expect("run bash")
}

#[test]
fn the_workflow_steps_install_from_a_git_url_then_check_and_build_under_the_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = source_repository(tmp.path());
    let url = format!("file://{}", repo.display());
    let book = tmp.path().join("handbook");
    let out = Command::new(BIN)
        .args(["init", book.to_str().unwrap(), "--install-from", &url])
        .output()
        .unwrap();
    ok(&out, "dacibook init --install-from");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("installs dacibook from {url} at tag v")),
        "{said}"
    );

    let (env, runs) = workflow(&book);
    assert_eq!(env["DACIBOOK_GIT"], url);
    assert_eq!(env["DACIBOOK_TAG"], dacibook::scaffold::release_tag());

    // Install: the step as written, into a private root; the compile reuses target/workflow-install.
    let root = tmp.path().join("cargo-root");
    let target = Path::new(REPO).join("target/workflow-install");
    let bin_dir = root.join("bin");
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let install = step(
        &book,
        &runs["Install dacibook"],
        &env,
        &[
            ("CARGO_INSTALL_ROOT", root.to_str().unwrap()),
            ("CARGO_TARGET_DIR", target.to_str().unwrap()),
            ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0"),
            ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
            ("CARGO_PROFILE_RELEASE_INCREMENTAL", "true"),
            ("PATH", &path),
        ],
    );
    ok(&install, "the Install dacibook step");
    assert!(
        bin_dir.join("dacibook").is_file(),
        "the step installed dacibook into {}",
        bin_dir.display()
    );

    // Check: the book `init` wrote passes, with GitHub annotations and no error.
    let check = step(&book, &runs["Check"], &env, &[("PATH", &path)]);
    ok(&check, "the Check step");
    assert!(
        !String::from_utf8_lossy(&check.stdout).contains("::error"),
        "no error annotation"
    );

    // Build, as the deploy runs it: under the Pages base URL of a project site.
    let build = step(
        &book,
        &runs["Build"],
        &env,
        &[("PATH", &path), ("BASE_URL", "https://example.github.io/handbook")],
    );
    ok(&build, "the Build step");
    let index = fs::read_to_string(book.join("book/index.html")).expect("the site's home page");
    assert!(index.contains("<h1"), "a real page");
    let not_found = fs::read_to_string(book.join("book/404.html")).expect("the 404 page");
    assert!(
        not_found.contains("href=\"/handbook/"),
        "the 404 page links through the base URL's path:\n{not_found}"
    );
    let sitemap = fs::read_to_string(book.join("book/sitemap.xml")).expect("a sitemap, made from the base URL");
    assert!(
        sitemap.contains("<loc>https://example.github.io/handbook/index.html</loc>"),
        "{sitemap}"
    );

    // On a pull request the base URL is empty: the same step builds with relative links.
    let build = step(&book, &runs["Build"], &env, &[("PATH", &path), ("BASE_URL", "")]);
    ok(&build, "the Build step without a base URL");
}
