//! `dacibook build`: the output as a whole. Determinism, atomic writes, links that resolve,
//! the machine-readable exports, where the site goes, and page sizes that do not grow with the
//! number of projects.

mod common;

use common::site::*;
use common::{Book, READING_DEPTH};
use dacibook::model::{Field, FieldFormat, FieldType, Scalar};
use dacibook::site::Site;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dacibook");

fn dacibook_build(root: &Path, dest: Option<&Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("build").arg(root);
    if let Some(d) = dest {
        cmd.arg("-d").arg(d);
    }
    cmd.output().expect("run dacibook")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Fails naming the first path that differs between two trees.
fn assert_same_tree<A: AsRef<[u8]>, B: AsRef<[u8]>>(a: &BTreeMap<String, A>, b: &BTreeMap<String, B>, what: &str) {
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: files only in the first: {only_a:?}; only in the second: {only_b:?}"
    );
    for (path, bytes) in a {
        assert!(bytes.as_ref() == b[path].as_ref(), "{what}: {path} differs");
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism and atomicity

#[test]
fn two_builds_of_the_same_book_write_byte_identical_files() {
    let first = repo_site();
    let second = build_site(Path::new(REPO));
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (a, b) = (tmp.path().join("a/site"), tmp.path().join("b/site"));
    dacibook::write::write_site(first, &a).expect("write the first build");
    dacibook::write::write_site(&second, &b).expect("write the second build");
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert!(ta.len() > 40, "the repo's book has many files: {}", ta.len());
    assert_same_tree(&ta, &tb, "two builds");
    // What is written is exactly the site in memory.
    assert_same_tree(&ta, &first.files, "the written site and the site in memory");
}

/// A way to break the fixture: what it is, the file it writes with which contents, and what the
/// error says.
struct Breakage {
    what: &'static str,
    file: &'static str,
    contents: &'static str,
    message: &'static str,
}

const BREAKAGES: [Breakage; 2] = [
    // A content error, found by the check.
    Breakage {
        what: "unknown role",
        file: "content/projects/x.yaml",
        contents: "title: X\nstatus: active\npeople:\n  data-analist:\n    - name: Priya Raman\n",
        message: "unknown role `data-analist`",
    },
    // An error found only after rendering, by the link check.
    Breakage {
        what: "broken link",
        file: "content/broken.md",
        contents: "# Broken\n\nSee [nothing](nothing.html).\n",
        message: "nothing.html",
    },
];

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    for Breakage {
        what,
        file,
        contents,
        message,
    } in BREAKAGES
    {
        let book = Book::valid();
        let out_dir = tempfile::tempdir().expect("a temporary folder");
        let dest = out_dir.path().join("site");
        let first = dacibook_build(book.root(), Some(&dest));
        assert_eq!(first.status.code(), Some(0), "{what}: {}", stderr(&first));
        let before = read_tree(&dest);
        assert!(before.contains_key("index.html") && before.contains_key("projects/reading-depth.html"));

        book.write(file, contents);
        let second = dacibook_build(book.root(), Some(&dest));
        let err = stderr(&second);
        assert_eq!(second.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(message), "{what}: {err}");
        assert!(err.contains("the previous output is untouched"), "{what}: {err}");

        assert_same_tree(&before, &read_tree(&dest), what);
        let beside: Vec<String> = fs::read_dir(out_dir.path())
            .expect("list the destination's parent")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(beside, ["site"], "{what}: nothing left beside the output");
        assert!(!book.path("book").exists(), "{what}: nothing written into the book");

        // Once fixed, the next build replaces the output whole, and leaves nothing beside it.
        book.remove(file);
        book.remove("content/about.md");
        let third = dacibook_build(book.root(), Some(&dest));
        assert_eq!(third.status.code(), Some(0), "{what}: {}", stderr(&third));
        let after = read_tree(&dest);
        assert!(
            !after.contains_key("about.html"),
            "{what}: a page removed from the book is gone"
        );
        assert_same_tree(&after, &build_site(book.root()).files, what);
        let beside: Vec<String> = fs::read_dir(out_dir.path())
            .expect("list the destination's parent")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(beside, ["site"], "{what}: nothing left beside the output");
    }
}

#[test]
fn dest_dir_receives_the_site_and_the_book_folder_stays_empty() {
    let book = Book::valid();
    let out_dir = tempfile::tempdir().expect("a temporary folder");
    let dest = out_dir.path().join("nested/out");
    let out = dacibook_build(book.root(), Some(&dest));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!book.path("book").exists(), "-d must not write into book/");
    let written = read_tree(&dest);
    let site = build_site(book.root());
    assert_same_tree(&written, &site.files, "-d output and the site in memory");

    // Without -d, the site goes into the book's build-dir.
    let out = dacibook_build(book.root(), None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_same_tree(&read_tree(&book.path("book")), &site.files, "default output");
}

// ---------------------------------------------------------------------------------------------
// Links

/// Every relative `href`/`src` of every page (but 404.html, which is served at any depth and
/// checked on its own) names a file of the site, and every fragment an id of the target page.
fn assert_links_resolve(site: &Site, name: &str) {
    let mut ids_of: HashMap<String, HashSet<String>> = HashMap::new();
    let mut problems = Vec::new();
    let (mut checked, mut fragments) = (0, 0);
    for path in html_paths(site) {
        if path == "404.html" {
            continue;
        }
        let doc = page(site, path);
        for el in select(&doc, "[href], [src]") {
            for key in ["href", "src"] {
                let Some(value) = el.value().attr(key) else { continue };
                match resolve(path, value, None) {
                    Target::External => {}
                    Target::Broken(why) => problems.push(format!("{path}: {why}")),
                    Target::Internal(target, fragment) => {
                        checked += 1;
                        if !site.files.contains_key(&target) {
                            problems.push(format!("{path}: `{value}` → {target}, which does not exist"));
                            continue;
                        }
                        if fragment.is_empty() || !target.ends_with(".html") {
                            continue;
                        }
                        fragments += 1;
                        let ids = ids_of
                            .entry(target.clone())
                            .or_insert_with(|| ids(&page(site, &target)));
                        if !ids.contains(&fragment) {
                            problems.push(format!("{path}: `{value}` → {target} has no id `{fragment}`"));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{name}: broken links:\n{}", problems.join("\n"));
    assert!(
        checked > 100 && fragments > 10,
        "{name}: too few links checked ({checked}, {fragments} with a fragment)"
    );
}

#[test]
fn every_relative_link_and_fragment_resolves_in_the_repo_book() {
    assert_links_resolve(repo_site(), "the repo's book");
}

#[test]
fn every_relative_link_and_fragment_resolves_in_the_raci_book() {
    assert_links_resolve(raci_site(), "the RACI book");
}

/// The link resolver of these tests resolves what it should.
#[test]
fn the_test_link_resolver_follows_browsers() {
    assert_eq!(
        resolve("roles/pm.html", "../index.html#x", None),
        Target::Internal("index.html".into(), "x".into())
    );
    assert_eq!(
        resolve("a/b.html", "./c%20d.html?q=1#%C3%BC", None),
        Target::Internal("a/c d.html".into(), "ü".into())
    );
    assert_eq!(resolve("a.html", " JavaScript:x", None), Target::External);
    assert!(matches!(resolve("a.html", "/x.html", None), Target::Broken(_)));
    assert!(matches!(resolve("a.html", "../x.html", None), Target::Broken(_)));
    assert_eq!(
        resolve("404.html", "/repo/roles/a.html#b", Some("/repo/")),
        Target::Internal("roles/a.html".into(), "b".into())
    );
    let base = "https://example.org/repo/a/b/c.html";
    assert_eq!(resolve_url(base, "../x.html"), "https://example.org/repo/a/x.html");
    assert_eq!(resolve_url(base, "/repo/x.html#y"), "https://example.org/repo/x.html#y");
    assert_eq!(
        resolve_url(base, "https://example.org/repo/"),
        "https://example.org/repo/"
    );
    assert_eq!(resolve_url(base, "#top"), "https://example.org/repo/a/b/c.html#top");
}

// ---------------------------------------------------------------------------------------------
// Exports

fn read_csv(site: &Site, path: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(file_text(site, path).as_bytes());
    r.records()
        .map(|rec| rec.expect("a CSV record").iter().map(str::to_string).collect())
        .collect()
}

fn assert_matrix_exports(site: &Site, root: &Path) {
    let book = model(root);
    let process = process(&book);
    let rows = read_csv(site, "matrix.csv");
    let mut header = vec!["#".to_string(), "activity".to_string()];
    header.extend(process.roles.iter().map(|r| format!("{} ({})", r.short_name(), r.id)));
    assert_eq!(rows[0], header, "the header of matrix.csv");
    assert_eq!(rows.len(), process.activities.len() + 1, "one row per activity");
    for (i, (row, a)) in rows[1..].iter().zip(&process.activities).enumerate() {
        let mut want = vec![(i + 1).to_string(), a.name.clone()];
        for r in &process.roles {
            want.push(match a.assignments.get(&r.id) {
                Some(code) if a.inferred.contains_key(&r.id) => format!("{code}?"),
                Some(code) => code.clone(),
                None => String::new(),
            });
        }
        assert_eq!(row, &want, "the row of {}", a.id);
    }

    let json: Value = serde_json::from_str(file_text(site, "matrix.json")).expect("matrix.json parses");
    let activities = json["activities"].as_array().expect("activities");
    let ids: Vec<&str> = activities.iter().map(|a| a["id"].as_str().expect("an id")).collect();
    let want: Vec<&str> = process.activities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, want);
    for (j, a) in activities.iter().zip(&process.activities) {
        assert_eq!(j["assignments"], json!(a.assignments), "{}", a.id);
        assert_eq!(j["inferred"], json!(a.inferred), "{}", a.id);
        assert_eq!(j["waivers"], json!(a.waivers), "{}", a.id);
    }
    let roles: Vec<&str> = json["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| r["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(roles, process.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>());
}

#[test]
fn matrix_csv_and_json_hold_the_process_assignments() {
    assert_matrix_exports(repo_site(), Path::new(REPO));
    assert_matrix_exports(raci_site(), &raci_root());
    // The repo's book marks inferred cells with `?`.
    let rows = read_csv(repo_site(), "matrix.csv");
    assert!(rows.iter().flatten().any(|c| c.ends_with('?')));
}

#[test]
fn dictionary_json_lists_every_field_name_with_its_projects() {
    let root = Path::new(REPO);
    let book = model(root);
    let mut want: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &book.projects {
        for f in p.schema.iter().flat_map(|s| &s.fields) {
            want.entry(f.name.clone()).or_default().push(p.id.clone());
        }
    }
    let json: Value = serde_json::from_str(file_text(repo_site(), "dictionary.json")).expect("dictionary.json parses");
    let mut got: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in json["fields"].as_array().expect("fields") {
        let name = f["name"].as_str().expect("a name").to_string();
        let uses = f["uses"].as_array().expect("uses");
        let projects = uses
            .iter()
            .map(|u| u["project"].as_str().expect("a project").to_string());
        assert!(
            got.insert(name.clone(), projects.collect()).is_none(),
            "`{name}` listed twice"
        );
    }
    assert_eq!(got, want);
}

fn scalar(s: &Scalar) -> Value {
    serde_json::to_value(s).expect("a scalar serializes")
}

/// A value the field accepts: its first enum value, else its example, else one made up from its
/// type, format and bounds. `None` when no valid value can be made up (a pattern, no example).
fn valid_value(f: &Field) -> Option<Value> {
    if let Some(values) = &f.allowed {
        return values.first().map(scalar);
    }
    if let Some(e) = &f.example {
        return Some(scalar(e));
    }
    match f.ty {
        FieldType::Boolean => Some(json!(true)),
        FieldType::Integer => Some(json!(f.minimum.or(f.maximum).map_or(0.0, |b| b.as_f64()).ceil() as i64)),
        FieldType::Number => Some(json!(f.minimum.or(f.maximum).map_or(0.5, |b| b.as_f64()))),
        FieldType::String if f.pattern.is_some() => None,
        FieldType::String => Some(json!(match f.format {
            Some(FieldFormat::DateTime) => "2026-03-02T10:00:00Z",
            Some(FieldFormat::Date) => "2026-03-02",
            Some(FieldFormat::Uri) => "https://example.org/x",
            Some(FieldFormat::Email) => "someone@example.org",
            Some(FieldFormat::Uuid) => "3f2b7c1e-9a4d-4e8b-b6c1-2d5e7f8a9b0c",
            Some(FieldFormat::Ipv4) => "192.0.2.1",
            None => "some text",
        })),
        // Leaf fields are never objects or arrays (those flatten into their fields and items).
        FieldType::Object | FieldType::Array => None,
    }
}

/// A value of the wrong JSON type for the field.
fn wrong_type(f: &Field) -> Value {
    match f.ty {
        FieldType::String => json!(12345),
        FieldType::Integer | FieldType::Number => json!("not a number"),
        FieldType::Boolean => json!("yes"),
        FieldType::Object | FieldType::Array => json!("neither an object nor an array"),
    }
}

fn assert_schema_exports(site: &Site, root: &Path) -> (usize, usize) {
    let book = model(root);
    let with_schema: BTreeSet<String> = book
        .projects
        .iter()
        .filter(|p| p.schema.is_some())
        .map(|p| format!("schemas/{}.schema.json", p.id))
        .collect();
    let exported: BTreeSet<String> = site
        .files
        .keys()
        .filter(|k| k.starts_with("schemas/"))
        .cloned()
        .collect();
    assert_eq!(exported, with_schema, "one JSON Schema per project with a schema");

    let (mut schemas, mut missing_checked) = (0, 0);
    for p in &book.projects {
        let Some(s) = &p.schema else { continue };
        let path = format!("schemas/{}.schema.json", p.id);
        let schema: Value = serde_json::from_str(file_text(site, &path)).expect("the schema parses");
        if s.registry.is_some() {
            assert_registry_export(&schema, &path);
            schemas += 1;
            continue;
        }
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{path}"
        );
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{path} is not a valid draft 2020-12 schema: {e}");
        }
        let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{path}: {e}"));
        schemas += 1;

        let mut event = Map::new();
        for f in &s.fields {
            match valid_value(f) {
                Some(v) => {
                    event.insert(f.name.clone(), v);
                }
                None => assert!(!f.required, "{path}: cannot make up a value for required `{}`", f.name),
            }
        }
        let valid = Value::Object(event.clone());
        let errors: Vec<String> = validator.iter_errors(&valid).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{path} rejects a valid event {valid}: {errors:?}");

        let first = s.fields.first().expect("a schema with fields");
        let mut wrong = event.clone();
        wrong.insert(first.name.clone(), wrong_type(first));
        assert!(
            !validator.is_valid(&Value::Object(wrong.clone())),
            "{path} accepts `{}` of the wrong type: {}",
            first.name,
            Value::Object(wrong)
        );
        if let Some(f) = s.fields.iter().find(|f| f.ty == FieldType::Integer) {
            let mut fractional = event.clone();
            fractional.insert(f.name.clone(), json!(1.5));
            assert!(
                !validator.is_valid(&Value::Object(fractional)),
                "{path} accepts 1.5 for integer `{}`",
                f.name
            );
        }

        for f in s.fields.iter().filter(|f| f.required) {
            let mut without = event.clone();
            without.remove(&f.name);
            assert!(
                !validator.is_valid(&Value::Object(without)),
                "{path} accepts an event without required `{}`",
                f.name
            );
            missing_checked += 1;
        }

        let mut extra = event.clone();
        extra.insert("zz_not_a_field".into(), json!(true));
        assert!(
            !validator.is_valid(&Value::Object(extra)),
            "{path} accepts an unknown field"
        );
    }
    (schemas, missing_checked)
}

/// A registry schema's export keeps the source's `$schema` and `$id`, has no `$ref` left, and
/// accepts the registry's own example events (and rejects one with a field of the wrong type).
fn assert_registry_export(schema: &Value, path: &str) {
    let id = schema["$id"]
        .as_str()
        .unwrap_or_else(|| panic!("{path} keeps the source's $id"));
    assert!(id.starts_with('/'), "{path}: $id {id}");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft-07/schema#", "{path}");
    assert!(!schema.to_string().contains("\"$ref\""), "{path} has a $ref left");
    let validator = jsonschema::draft7::new(schema).unwrap_or_else(|e| panic!("{path}: {e}"));
    let examples = schema["examples"]
        .as_array()
        .expect("the registry's examples are exported");
    assert!(!examples.is_empty(), "{path} has examples");
    for example in examples {
        let errors: Vec<String> = validator.iter_errors(example).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "{path} rejects its own example {example}: {errors:?}"
        );
        let mut wrong = example.clone();
        wrong["wiki"] = json!(12345);
        assert!(!validator.is_valid(&wrong), "{path} accepts a number for `wiki`");
    }
}

#[test]
fn exported_json_schemas_accept_a_valid_event_and_reject_wrong_missing_and_extra_fields() {
    let (repo_schemas, repo_required) = assert_schema_exports(repo_site(), Path::new(REPO));
    assert!(
        repo_schemas >= 3 && repo_required > 0,
        "{repo_schemas} schemas, {repo_required}"
    );
    let (raci_schemas, _) = assert_schema_exports(raci_site(), &raci_root());
    assert_eq!(raci_schemas, 1);
    let fixture = Book::valid();
    let (fixture_schemas, _) = assert_schema_exports(&build_site(fixture.root()), fixture.root());
    assert_eq!(fixture_schemas, 2);
}

// ---------------------------------------------------------------------------------------------
// Page size

/// The fixture's process with reading-depth as its first project and `n - 1` small ones.
fn book_with_projects(n: usize) -> Book {
    let book = Book::process_only();
    book.write("content/projects/aaa-first.yaml", READING_DEPTH);
    for i in 1..n {
        book.write(
            &format!("content/projects/p-{i:03}.yaml"),
            &format!("title: Project {i}\nstatus: proposed\npeople:\n  product-manager:\n    - name: Person {i}\n"),
        );
    }
    book
}

#[test]
fn a_project_page_does_not_grow_with_the_number_of_projects() {
    let small = build_site(book_with_projects(5).root());
    let large = build_site(book_with_projects(60).root());
    let path = "projects/aaa-first.html";
    for (site, n) in [(&small, 5), (&large, 60)] {
        let doc = page(site, path);
        let count = select_one(&doc, "nav.site-nav .count");
        assert_eq!(text(count), format!("({n})"), "the nav counts the projects");
        assert_eq!(
            html_paths(site).iter().filter(|p| p.starts_with("projects/")).count(),
            n
        );
    }
    let (a, b) = (small.files[path].len(), large.files[path].len());
    assert!(
        a.abs_diff(b) <= 4,
        "{path} is {a} bytes with 5 projects and {b} with 60"
    );
    // The home page, which lists every project, does grow: the comparison can tell.
    assert!(large.files["index.html"].len() > small.files["index.html"].len() + 10_000);
}

// ---------------------------------------------------------------------------------------------
// Publishing files: sitemap, CNAME, 404

#[test]
fn site_url_adds_a_sitemap_of_every_page_a_cname_and_an_absolute_404() {
    let site = raci_site();
    let base = "https://example.org/repo/";
    assert!(file_text(site, "CNAME").contains("raci.example.org"));
    assert!(site.files.contains_key(".nojekyll"));

    let sitemap = scraper::Html::parse_document(file_text(site, "sitemap.xml"));
    let locs: Vec<String> = select(&sitemap, "urlset > url > loc").into_iter().map(text).collect();
    let listed: BTreeSet<String> = locs.iter().cloned().collect();
    assert_eq!(listed.len(), locs.len(), "no page listed twice");
    let pages: BTreeSet<String> = html_paths(site)
        .into_iter()
        .filter(|p| *p != "404.html")
        .map(|p| format!("{base}{p}"))
        .collect();
    assert_eq!(listed, pages, "the sitemap lists every page, by absolute URL");

    // 404.html is served for any missing address, at any depth: its links must still land
    // on files of the site.
    assert_404_links_work(site, "https://example.org/repo/no/such/deep/page.html", base);
}

#[test]
fn without_a_site_url_there_is_no_sitemap_or_cname_but_nojekyll_and_404() {
    let site = repo_site();
    assert!(!site.files.contains_key("sitemap.xml"));
    assert!(!site.files.contains_key("CNAME"));
    assert_eq!(site.files.get(".nojekyll").map(|b| b.len()), Some(0));
    assert!(site.files.contains_key("404.html"));
    assert_404_links_work(
        site,
        "https://example.org/no/such/deep/page.html",
        "https://example.org/",
    );
}

/// Resolves every link of 404.html as if it were served at `served_at`; each must land under
/// `base` on a file of the site (and an id of it, for a fragment).
fn assert_404_links_work(site: &Site, served_at: &str, base: &str) {
    let doc = page(site, "404.html");
    let mut checked = 0;
    for el in select(&doc, "[href], [src]") {
        for key in ["href", "src"] {
            let Some(value) = el.value().attr(key) else { continue };
            if let Some(id) = value.strip_prefix('#') {
                assert!(ids(&doc).contains(id), "404.html: `{value}` has no target");
                continue;
            }
            let url = resolve_url(served_at, value);
            let rest = url
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("404.html: `{value}` leads to {url}, outside {base}"));
            let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
            let path = if path.is_empty() { "index.html" } else { path };
            assert!(
                site.files.contains_key(path),
                "404.html: `{value}` leads to {url}: no such file"
            );
            if !fragment.is_empty() {
                assert!(
                    ids(&page(site, path)).contains(&percent_decode(fragment)),
                    "404.html: `{value}`: {path} has no id {fragment}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "404.html has links to check ({checked})");
}
