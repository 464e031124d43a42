//! Getting started and writing records: `init`, `new project`, completions, `--version`,
//! "Edit this page" links, when a record last changed, and `build --site-url`.

mod common;

use common::site::{attr, build_site, page, select, select_one, text as el_text};
use common::{Book, BOOK_TOML};
use dacibook::model::StageStatus;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dacibook")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

/// A new book from `init` in a temporary folder; returns the folder and the book's root.
fn init_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("handbook");
    let out = run(&["init", p(&root), "--title", "Our \"data\" handbook"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (tmp, root)
}

/// The diagnostics of `check --format json` as (code, file, line) triples.
fn check_json(root: &Path) -> (i32, Vec<(String, String, u64)>) {
    let out = run(&["check", p(root), "--format", "json"]);
    // One JSON object per line.
    let found = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let d: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), found)
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_writes_a_book_that_checks_and_builds_at_once() {
    let (_tmp, root) = init_book();
    for f in [
        "book.toml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/process.yaml",
        "content/projects/edit-funnel.yaml",
        "schemas/project.schema.json",
        "schemas/process.schema.json",
    ] {
        assert!(root.join(f).is_file(), "init did not write {f}");
    }
    let (code, found) = check_json(&root);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
    let dest = root.join("out");
    let out = run(&["build", p(&root), "-d", p(&dest)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = build_site(&root);
    let home = page(&site, "index.html");
    assert_eq!(el_text(select_one(&home, ".site-title")), "Our \"data\" handbook");
    assert!(dest.join("projects/edit-funnel.html").is_file());
    let record = fs::read_to_string(root.join("content/projects/edit-funnel.yaml")).unwrap();
    let first = record.lines().next().unwrap();
    assert_eq!(
        first,
        "# yaml-language-server: $schema=../../schemas/project.schema.json"
    );
    assert_eq!(
        fs::read_to_string(root.join(".gitignore")).unwrap().lines().last(),
        Some("/book")
    );
}

/// The `uses:` of every step of job `job`.
fn uses(workflow: &Value, job: &str) -> Vec<String> {
    workflow["jobs"][job]["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("job {job} has steps"))
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .map(|u| u.split('@').next().unwrap_or(u).to_string())
        .collect()
}

fn runs(workflow: &Value, job: &str) -> Vec<String> {
    workflow["jobs"][job]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .map(str::to_string)
        .collect()
}

fn assert_pages_workflow(text: &str) {
    let w = dacibook::yaml::to_json(text).unwrap_or_else(|e| panic!("the workflow is not valid YAML: {e}"));
    let build = uses(&w, "build");
    for action in [
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ] {
        assert!(build.iter().any(|u| u == action), "build job lacks {action}: {build:?}");
    }
    assert_eq!(uses(&w, "deploy"), vec!["actions/deploy-pages"]);
    assert_eq!(w["permissions"]["pages"], "write");
    assert_eq!(w["permissions"]["id-token"], "write");
    assert_eq!(w["jobs"]["deploy"]["needs"], "build");
    assert_eq!(w["jobs"]["deploy"]["environment"]["name"], "github-pages");
    let commands = runs(&w, "build").join("\n");
    assert!(commands.contains("dacibook check --format github"), "{commands}");
    assert!(
        commands.contains("dacibook build --site-url \"$BASE_URL/\""),
        "{commands}"
    );
    let upload = w["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .unwrap();
    assert_eq!(upload["with"]["path"], "book", "uploads the build dir");
    // What the README says: every push and pull request checks and builds; only the default
    // branch deploys (whatever it is called).
    assert!(
        w["on"]["push"].is_null(),
        "push runs on every branch: {:?}",
        w["on"]["push"]
    );
    assert!(w["on"].get("pull_request").is_some());
    let default_branch = "github.ref_name == github.event.repository.default_branch";
    let deploy_if = w["jobs"]["deploy"]["if"].as_str().unwrap();
    assert!(
        deploy_if.contains(default_branch) && deploy_if.contains("!= 'pull_request'"),
        "{deploy_if}"
    );
    let deploy_env = w["jobs"]["build"]["env"]["DEPLOY"].as_str().unwrap();
    assert!(deploy_env.contains(default_branch), "{deploy_env}");
    assert_eq!(upload["if"], "env.DEPLOY == 'true'");
}

#[test]
fn the_generated_workflow_is_valid_yaml_naming_the_pages_actions() {
    let (_tmp, root) = init_book();
    let text = fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    assert_pages_workflow(&text);
    assert!(
        text.contains("cargo install dacibook --version \"$DACIBOOK_VERSION\" --locked"),
        "{text}"
    );
}

#[test]
fn init_says_where_the_workflow_installs_from_and_what_to_do_when_unsure() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["init", p(&tmp.path().join("a"))]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    // A test binary is built from this source tree, not from crates.io: the default is unsure.
    assert!(err.contains("installs dacibook 0.1.0 from crates.io"), "{err}");
    assert!(
        err.contains("cannot tell whether dacibook 0.1.0 is on crates.io"),
        "{err}"
    );
    assert!(
        err.contains("run: cargo install dacibook --git <git URL> --tag v0.1.0 --locked"),
        "{err}"
    );

    let out = run(&[
        "init",
        p(&tmp.path().join("b")),
        "--install-from",
        "https://example.org/team/dacibook#v0.1.0-rc1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("installs dacibook from https://example.org/team/dacibook at tag v0.1.0-rc1"),
        "{err}"
    );
    assert!(
        !err.contains("note:"),
        "a source the user named is taken as given: {err}"
    );
    let text = fs::read_to_string(tmp.path().join("b/.github/workflows/pages.yml")).unwrap();
    assert_pages_workflow(&text);
    assert!(
        text.contains("DACIBOOK_GIT: \"https://example.org/team/dacibook\"\n  DACIBOOK_TAG: \"v0.1.0-rc1\""),
        "{text}"
    );
    assert!(
        text.contains("run: cargo install dacibook --git \"$DACIBOOK_GIT\" --tag \"$DACIBOOK_TAG\" --locked"),
        "{text}"
    );

    let out = run(&["init", p(&tmp.path().join("c")), "--install-from", "github"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("neither `crates.io` nor a git repository's URL"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("c").exists(), "nothing written");
}

#[test]
fn this_repository_carries_the_same_workflow_for_its_own_book() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/pages.yml");
    let text = fs::read_to_string(&path).expect("the repository's workflow");
    assert_pages_workflow(&text);
    assert_eq!(
        text,
        dacibook::scaffold::repository_workflow(),
        "regenerate it from src/scaffold/files/pages.yml"
    );
}

#[test]
fn init_refuses_a_folder_with_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = run(&["init", p(tmp.path())]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("is not empty (it holds notes.txt)"), "{err}");
    assert!(err.contains("--force"), "{err}");
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec!["notes.txt"]);
}

#[test]
fn init_with_force_writes_into_a_folder_and_keeps_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    fs::write(tmp.path().join("book.toml"), "garbage").unwrap();
    let out = run(&["init", p(tmp.path()), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
    assert!(fs::read_to_string(tmp.path().join("book.toml"))
        .unwrap()
        .contains("[book]"));
    assert_eq!(check_json(tmp.path()).0, 0);
}

// ---------------------------------------------------------------------------------------------
// new project

#[test]
fn new_project_lists_every_role_and_activity_and_references_the_schema() {
    let (_tmp, root) = init_book();
    let out = run(&["new", "project", "checkout-funnel", "--dir", p(&root)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = root.join("content/projects/checkout-funnel.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let schema_ref = text
        .lines()
        .next()
        .unwrap()
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap();
    assert!(
        path.parent().unwrap().join(schema_ref).is_file(),
        "{schema_ref} does not exist"
    );
    let model = dacibook::load(&root).unwrap().book.unwrap();
    let process = &model.process.as_ref().unwrap().value;
    let project = model
        .projects
        .iter()
        .find(|p| p.id == "checkout-funnel")
        .expect("the record loads");
    let roles: Vec<&str> = project.people.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = process.roles.iter().map(|r| r.id.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(roles, expected);
    assert!(project.people.values().all(Vec::is_empty));
    for a in &process.activities {
        assert_eq!(project.stage_status(&a.id), StageStatus::NotStarted, "{}", a.id);
        assert!(project.stages.contains_key(&a.id), "{} is listed", a.id);
    }
    // Comments say what each part is for.
    assert!(text.contains("# Who fills each role"), "{text}");
    assert!(text.contains("Checklist items:"), "{text}");
}

#[test]
fn a_new_record_reports_exactly_the_fields_to_fill_then_passes() {
    let (_tmp, root) = init_book();
    let out = run(&["new", "project", "checkout-funnel", "--dir", p(&root)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (code, found) = check_json(&root);
    assert_eq!(code, 1);
    let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(codes, vec!["empty-title", "empty-schema-name"], "{found:?}");
    for (_, file, line) in &found {
        assert_eq!(file, "content/projects/checkout-funnel.yaml");
        assert!(*line > 1);
    }
    let path = root.join("content/projects/checkout-funnel.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let filled =
        text.replacen("title: \"\"", "title: Checkout funnel", 1)
            .replacen("  name: \"\"", "  name: CheckoutFunnel", 1);
    fs::write(&path, filled).unwrap();
    let (code, found) = check_json(&root);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
    let out = run(&["build", p(&root)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn new_project_refuses_a_bad_or_taken_id() {
    let (_tmp, root) = init_book();
    let out = run(&["new", "project", "Checkout_Funnel", "--dir", p(&root)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`Checkout_Funnel` is not a valid project id"), "{err}");
    assert!(err.contains("e.g. `checkout-funnel`"), "{err}");
    assert!(!root.join("content/projects/Checkout_Funnel.yaml").exists());

    let before = fs::read_to_string(root.join("content/projects/edit-funnel.yaml")).unwrap();
    let out = run(&["new", "project", "edit-funnel", "--dir", p(&root)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a project `edit-funnel` already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(root.join("content/projects/edit-funnel.yaml")).unwrap(),
        before
    );
}

#[test]
fn new_project_with_a_title_fills_it() {
    let (_tmp, root) = init_book();
    let out = run(&[
        "new",
        "project",
        "search-ab",
        "--title",
        "Search: A/B \"test\"",
        "--dir",
        p(&root),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model = dacibook::load(&root).unwrap().book.unwrap();
    let project = model.projects.iter().find(|p| p.id == "search-ab").unwrap();
    assert_eq!(project.title, "Search: A/B \"test\"");
}

// ---------------------------------------------------------------------------------------------
// completions and version

#[test]
fn completions_and_version() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("complete -F _dacibook"), "{script}");
    for sub in ["init", "new", "check", "build", "serve", "schema", "completions"] {
        assert!(script.contains(sub), "bash completion lacks {sub}");
    }
    let out = run(&["completions", "fish"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("complete -c dacibook"));
    let out = run(&["--version"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("dacibook {}", env!("CARGO_PKG_VERSION"))
    );
}

// ---------------------------------------------------------------------------------------------
// Edit links, repository link, site URL

const EDIT: &str = "https://github.com/org/repo/edit/main/{path}";

fn book_with_links() -> Book {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ngit-repository-url = \"https://github.com/org/repo\"\nedit-url-template = \"{EDIT}\"\n"),
    );
    book.write("content/my notes.md", "# Notes\n\nSome notes.\n");
    book
}

fn edit_link(site: &dacibook::site::Site, path: &str) -> Option<String> {
    let doc = page(site, path);
    select(&doc, "a")
        .into_iter()
        .find(|a| el_text(*a) == "Edit this page")
        .map(|a| attr(a, "href").to_string())
}

#[test]
fn pages_with_a_source_file_link_to_its_editor() {
    let book = book_with_links();
    let site = build_site(book.root());
    let edit = |f: &str| Some(EDIT.replace("{path}", f));
    assert_eq!(
        edit_link(&site, "projects/reading-depth.html"),
        edit("content/projects/reading-depth.yaml")
    );
    assert_eq!(edit_link(&site, "my notes.html"), edit("content/my%20notes.md"));
    assert_eq!(edit_link(&site, "index.html"), edit("content/process.yaml"));
    assert_eq!(
        edit_link(&site, "roles/product-manager.html"),
        edit("content/process.yaml")
    );
    assert_eq!(
        edit_link(&site, "dictionary.html"),
        None,
        "the dictionary has no single source"
    );
    let footer = page(&site, "index.html");
    let source = select(&footer, ".site-footer a");
    assert_eq!(
        source.iter().map(|a| attr(*a, "href")).collect::<Vec<_>>(),
        vec!["https://github.com/org/repo"]
    );
    // Without a template, no page has the link.
    let plain = build_site(Book::valid().root());
    assert_eq!(edit_link(&plain, "projects/reading-depth.html"), None);
}

#[test]
fn book_toml_urls_must_be_http_and_the_template_must_hold_path() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\nedit-url-template = \"javascript:alert(1)//{{path}}\"\nsite-url = \"https://example.org/x/\"\ngit-repository-url = \"https://github.com/org/repo\"\n"),
    );
    let (code, found) = check_json(book.root());
    assert_eq!(code, 1);
    assert_eq!(found, vec![("bad-url".to_string(), "book.toml".to_string(), 6)]);
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\nedit-url-template = \"https://github.com/org/repo/edit/main/\"\n"),
    );
    let out = run(&["check", p(book.root())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`edit-url-template` must contain `{path}`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn build_site_url_flag_sets_canonical_links_and_refuses_a_relative_url() {
    let book = Book::valid();
    let dest = book.path("out");
    let out = run(&[
        "build",
        p(book.root()),
        "-d",
        p(&dest),
        "--site-url",
        "https://org.github.io/repo/",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = fs::read_to_string(dest.join("matrix.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(
        attr(select_one(&doc, "link[rel=canonical]"), "href"),
        "https://org.github.io/repo/matrix.html"
    );
    let out = run(&["build", p(book.root()), "--site-url", "/repo/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--site-url must be an absolute http or https URL"));
}

// ---------------------------------------------------------------------------------------------
// When a record last changed

fn git(root: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_AUTHOR_DATE", "2026-03-04T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-03-04T12:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn changed_text(site: &dacibook::site::Site, project: &str) -> String {
    let doc = page(site, &format!("projects/{project}.html"));
    let time = select_one(&doc, ".header-meta time");
    let span = time.parent().and_then(scraper::ElementRef::wrap).unwrap();
    el_text(span)
}

#[test]
fn a_project_page_says_when_its_record_last_changed() {
    let book = Book::valid();
    git(book.root(), &["init", "-q"]);
    git(book.root(), &["add", "."]);
    git(book.root(), &["commit", "-q", "-m", "first"]);
    let site = build_site(book.root());
    assert_eq!(
        changed_text(&site, "reading-depth"),
        "Last changed 2026-03-04 (last commit)"
    );
    // An edit not committed yet: the file's own date.
    book.patch(
        "content/projects/reading-depth.yaml",
        "title: Reading depth\n",
        "title: Reading depth 2\n",
    );
    set_file_date(&book.path("content/projects/reading-depth.yaml"), "2026-05-06");
    let site = build_site(book.root());
    assert_eq!(
        changed_text(&site, "reading-depth"),
        "Last changed 2026-05-06 (file date)"
    );
    assert_eq!(
        changed_text(&site, "search-clicks"),
        "Last changed 2026-03-04 (last commit)"
    );
}

#[test]
fn outside_git_the_file_date_is_shown() {
    let book = Book::valid();
    // A date of our choosing, not today's: the test holds across midnight.
    set_file_date(&book.path("content/projects/reading-depth.yaml"), "2026-05-06");
    let site = build_site(book.root());
    assert_eq!(
        changed_text(&site, "reading-depth"),
        "Last changed 2026-05-06 (file date)"
    );
}

/// Sets the modification time of `path` to noon (UTC) of `date` (`YYYY-MM-DD`).
fn set_file_date(path: &Path, date: &str) {
    let noon = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc();
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(noon.timestamp() as u64);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

#[test]
fn the_repository_s_editor_schemas_are_up_to_date() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["schema", p(repo), "--out-dir", p(tmp.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for f in ["process.schema.json", "project.schema.json"] {
        let fresh = fs::read_to_string(tmp.path().join(f)).unwrap();
        let kept = fs::read_to_string(repo.join("schemas").join(f)).unwrap();
        assert!(fresh == kept, "schemas/{f} is stale: run `cargo run -- schema`");
    }
    for e in fs::read_dir(repo.join("content/projects")).unwrap() {
        let text = fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../../schemas/project.schema.json\n"));
    }
}

#[test]
fn the_readme_examples_make_a_book_that_passes_check() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let book = tempfile::tempdir().unwrap();
    let mut written = 0;
    for block in readme.split("```").skip(1).step_by(2) {
        let body = block.split_once('\n').map_or("", |(_, b)| b);
        for (marker, file) in [
            ("# book.toml\n", "book.toml"),
            ("# content/process.yaml", "content/process.yaml"),
            (
                "# content/projects/checkout-funnel.yaml",
                "content/projects/checkout-funnel.yaml",
            ),
        ] {
            if body.starts_with(marker) {
                let path = book.path().join(file);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, body).unwrap();
                written += 1;
            }
        }
    }
    assert_eq!(written, 3, "the README's three examples");
    let (code, found) = check_json(book.path());
    assert_eq!((code, found), (0, vec![]));
}
