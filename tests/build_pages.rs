//! `dacibook build`: what the pages show. Each test parses the generated HTML and compares it
//! with the book's files (the process and records as loaded), never with hard-coded text.

mod common;

use common::site::*;
use common::{dump, Book, BOOK_TOML};
use dacibook::model::{Process, Project};
use dacibook::site::Site;
use scraper::ElementRef;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The element children of `el` named `name`, in order.
fn children<'a>(el: ElementRef<'a>, name: &str) -> Vec<ElementRef<'a>> {
    el.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| c.value().name() == name)
        .collect()
}

/// The code letters shown in a cell (the visible part of its chips).
fn letters(cell: ElementRef) -> Vec<String> {
    all(cell, ".chip > span[aria-hidden=\"true\"]")
        .into_iter()
        .map(text)
        .collect()
}

/// Checks matrix.html of `site` against the process of the book at `root`: one body row per
/// activity in order, one column per role in order, the assigned code's letter in each cell,
/// the reason of each inferred cell in its `title` and its text, and every waiver. Returns how
/// many inferred cells there were.
fn assert_matrix_matches_process(site: &Site, root: &Path) -> usize {
    let book = model(root);
    let process: &Process = process(&book);
    let doc = page(site, "matrix.html");
    let table = select_one(&doc, "table.matrix");

    let heads = all(table, "thead th.role-col");
    let head_roles: Vec<&str> = heads.iter().map(|th| attr(*th, "data-role")).collect();
    let roles: Vec<&str> = process.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(head_roles, roles, "the columns are the roles, in order");
    for (th, role) in heads.iter().zip(&process.roles) {
        assert_eq!(text(*th), role.short_name());
        assert_eq!(attr(one(*th, "abbr"), "title"), role.name);
        assert_eq!(attr(one(*th, "a"), "href"), format!("roles/{}.html", role.id));
    }

    let rows = all(table, "tbody > tr");
    let row_ids: Vec<&str> = rows.iter().map(|tr| attr(*tr, "data-activity")).collect();
    let activity_ids: Vec<&str> = process.activities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(row_ids, activity_ids, "one body row per activity, in process order");

    let mut inferred = 0;
    for (i, (tr, a)) in rows.iter().zip(&process.activities).enumerate() {
        let th = children(*tr, "th");
        assert_eq!(th.len(), 1, "one row header in the row of {}", a.id);
        let link = all(th[0], "a")[0];
        assert_eq!(attr(link, "href"), format!("activities/{}.html", a.id));
        assert_eq!(text(link), format!("{}. {}", i + 1, a.name));

        let cells = children(*tr, "td");
        assert_eq!(
            cells.len(),
            process.roles.len(),
            "one cell per role in the row of {}",
            a.id
        );
        for (td, role) in cells.iter().zip(&process.roles) {
            let at = format!("cell ({}, {})", a.id, role.id);
            assert_eq!(attr(*td, "data-role"), role.id, "{at}");
            match a.assignments.get(&role.id) {
                Some(code) => {
                    assert_eq!(letters(*td), vec![code.clone()], "{at}: {}", td.html());
                    assert_eq!(attr(*td, "data-code"), code, "{at}");
                    let name = &process.code(code).expect("a known code").name;
                    assert_eq!(text(one(*td, ".chip .visually-hidden")), *name, "{at}");
                }
                None => {
                    assert!(letters(*td).is_empty(), "{at} should be empty: {}", td.html());
                    assert_eq!(attr(*td, "data-code"), "", "{at}");
                }
            }
            match a.inferred.get(&role.id) {
                Some(reason) => {
                    inferred += 1;
                    // The cell is numbered after a note under the matrix that gives the reason:
                    // reachable by a tap (a link), described to a screen reader, printed.
                    let note = attr(*td, "aria-describedby");
                    assert_eq!(attr(one(*td, "a.why"), "href"), format!("#{note}"), "{at}");
                    let li = select_one(&doc, &format!("ol.why-notes li[id=\"{note}\"]"));
                    assert!(
                        text(li).contains(reason.as_str()),
                        "{at}: note {note} lacks {reason:?}: {}",
                        text(li)
                    );
                    assert!(all(*td, "[title]").is_empty(), "{at}: no tooltip beside the note");
                    assert_eq!(td.value().attr("data-inferred"), Some("true"), "{at}");
                }
                None => {
                    assert!(
                        !td.html().to_lowercase().contains("inferred"),
                        "{at} is not inferred: {}",
                        td.html()
                    );
                    assert!(all(*td, "a.why").is_empty(), "{at}");
                }
            }
        }

        let waivers = all(th[0], "p.waiver");
        assert_eq!(waivers.len(), a.waivers.len(), "waivers of {}", a.id);
        for (p, (code, reason)) in waivers.iter().zip(&a.waivers) {
            let name = &process.code(code).expect("a known code").name;
            assert_eq!(attr(*p, "data-code"), code);
            assert_eq!(text(*p), format!("No {name}: {reason}"));
        }
    }
    inferred
}

// ---------------------------------------------------------------------------------------------
// The role matrix

#[test]
fn matrix_has_a_row_per_activity_a_column_per_role_and_the_assigned_code_in_each_cell() {
    let root = Path::new(REPO);
    let inferred = assert_matrix_matches_process(repo_site(), root);
    assert!(inferred > 0, "the repo's book has inferred cells; none were checked");

    // The decide-metrics row shows why it has no approver.
    let book = model(root);
    let decide = process(&book).activity("decide-metrics").expect("decide-metrics");
    let reason = decide.waivers.get("A").expect("decide-metrics waives A");
    let doc = page(repo_site(), "matrix.html");
    let row = select_one(&doc, "tr[data-activity=\"decide-metrics\"]");
    let waiver = one(row, "th .waiver");
    assert!(text(waiver).contains(reason.as_str()), "{}", waiver.html());
}

#[test]
fn raci_matrix_shows_its_own_letters_for_the_right_roles_in_german() {
    let site = raci_site();
    assert_matrix_matches_process(site, &raci_root());

    let doc = page(site, "matrix.html");
    let shown: BTreeSet<String> = select(&doc, "table.matrix tbody td")
        .into_iter()
        .flat_map(letters)
        .collect();
    let expected: BTreeSet<String> = ["A", "C", "I", "R"].iter().map(|s| s.to_string()).collect();
    assert_eq!(shown, expected, "a RACI book shows R, A, C and I, and no D");
    // Spot checks straight from tests/fixtures/raci-book/content/process.yaml.
    for (activity, role, code) in [
        ("plan", "tech-lead", "R"),
        ("plan", "developer", "C"),
        ("build", "tester", "C"),
        ("ship", "tester", "A"),
    ] {
        let cell = select_one(
            &doc,
            &format!("tr[data-activity=\"{activity}\"] td[data-role=\"{role}\"]"),
        );
        assert_eq!(letters(cell), vec![code.to_string()], "{activity} × {role}");
    }

    for path in html_paths(site) {
        let doc = page(site, path);
        assert_eq!(attr(doc.root_element(), "lang"), "de", "the lang of {path}");
    }
}

// ---------------------------------------------------------------------------------------------
// Project pages

fn status_label(status: &str) -> &'static str {
    match status {
        "done" => "Done",
        "in-progress" => "In progress",
        "blocked" => "Blocked",
        "skipped" => "Skipped",
        "not-started" => "Not started",
        other => panic!("unknown status {other}"),
    }
}

/// The status of `project` at `activity` as written in its record (not-started when absent).
fn recorded_status(project: &Project, activity: &str) -> String {
    match project.stages.get(activity) {
        Some(stage) => serde_json::to_value(stage.status)
            .expect("a status serializes")
            .as_str()
            .expect("a status is a string")
            .to_string(),
        None => "not-started".to_string(),
    }
}

fn names_in(project: &Project, role: &str) -> Vec<String> {
    project
        .people
        .get(role)
        .map_or_else(Vec::new, |v| v.iter().map(|p| p.name.clone()).collect())
}

#[test]
fn project_pages_show_each_stage_status_and_the_people_of_each_role() {
    let root = Path::new(REPO);
    let book = model(root);
    let process = process(&book);
    let site = repo_site();
    assert!(book.projects.len() >= 3, "the repo's book has projects");
    let mut statuses_seen = BTreeSet::new();
    let mut people_seen = 0;

    for project in &book.projects {
        let path = format!("projects/{}.html", project.id);
        let doc = page(site, &path);
        assert_eq!(text(select_one(&doc, "main h1")), project.title, "{path}");

        // Stages: one per activity, in order (a row group each, its anchor the stage's), with
        // the recorded status; the strip above links to each, coloured by the same status.
        let stages = select(&doc, "table.stage-list > tbody.stage");
        assert_eq!(stages.len(), process.activities.len(), "{path}");
        let strip = select(&doc, "ol.strip-large > li");
        assert_eq!(strip.len(), process.activities.len(), "{path}");
        for (i, ((group, cell), a)) in stages.iter().zip(&strip).zip(&process.activities).enumerate() {
            let expected = recorded_status(project, &a.id);
            statuses_seen.insert(expected.clone());
            let at = format!("{path}, stage {}", a.id);
            assert_eq!(attr(*group, "id"), format!("stage-{}", a.id), "{at}");
            assert!(has_class(*group, &format!("st-{expected}")), "{at}");
            let name = text(one(*group, "th a"));
            assert_eq!(name, format!("{}. {}", i + 1, a.name), "{at}");
            let badge = text(one(*group, ".badge"));
            assert!(
                badge.ends_with(status_label(&expected)),
                "{at}: the badge says {badge:?}, the record {expected}"
            );
            assert!(
                has_class(*cell, &format!("st-{expected}")),
                "{at}: strip cell {}",
                cell.html()
            );
            assert_eq!(attr(one(*cell, "a"), "href"), format!("#stage-{}", a.id), "{at}");
        }
        assert_eq!(
            attr(select_one(&doc, "ol.strip-large"), "aria-hidden"),
            "true",
            "{path}"
        );

        // People: a row per role that has people, in role order, with their names.
        let filled: Vec<_> = process
            .roles
            .iter()
            .filter(|r| !names_in(project, &r.id).is_empty())
            .collect();
        let rows = select(&doc, "table.people-table tbody tr");
        let row_roles: Vec<&str> = rows.iter().map(|tr| attr(*tr, "data-role")).collect();
        let filled_ids: Vec<&str> = filled.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(row_roles, filled_ids, "{path}: the roles with people");
        for (tr, role) in rows.iter().zip(&filled) {
            let shown: Vec<String> = all(*tr, ".person-name").into_iter().map(text).collect();
            assert_eq!(shown, names_in(project, &role.id), "{path}: people of {}", role.id);
            assert_eq!(text(one(*tr, "th a")), role.short_name());
            people_seen += shown.len();
        }
        let unfilled: Vec<&str> = select(&doc, "p.unfilled a")
            .into_iter()
            .map(|a| attr(a, "href"))
            .collect();
        let mut expected_unfilled: Vec<String> = Vec::new();
        // Lead roles (that drive or approve) first, then the others, each in process order.
        let leading = dacibook::model::completeness::leading_roles(process);
        for lead in [true, false] {
            expected_unfilled.extend(
                process
                    .roles
                    .iter()
                    .filter(|r| names_in(project, &r.id).is_empty() && leading.contains(&r.id.as_str()) == lead)
                    .map(|r| format!("../roles/{}.html", r.id)),
            );
        }
        assert_eq!(unfilled, expected_unfilled, "{path}: the roles nobody fills");

        // The project's own matrix has a column per role somebody fills (named, with a link to
        // the role; People above says who fills it), and the code of that role in each cell,
        // on the colour of its duty (the legend names the codes).
        let heads = select(&doc, "table.matrix-people thead th:not(.corner)");
        let head_roles: Vec<&str> = heads
            .iter()
            .map(|th| {
                let href = attr(one(*th, "a"), "href");
                href.strip_prefix("../roles/")
                    .and_then(|h| h.strip_suffix(".html"))
                    .unwrap()
            })
            .collect();
        assert_eq!(head_roles, filled_ids, "{path}: the own matrix's columns");
        for (th, role) in heads.iter().zip(&filled) {
            assert_eq!(attr(one(*th, "a"), "title"), role.name, "{path}");
            assert_eq!(text(*th), role.short_name(), "{path}");
        }
        let legend: Vec<String> = select(&doc, "#own-matrix .legend dt").into_iter().map(text).collect();
        let rows = select(&doc, "table.matrix-people tbody > tr");
        assert_eq!(rows.len(), process.activities.len(), "{path}");
        for (tr, a) in rows.iter().zip(&process.activities) {
            assert_eq!(attr(one(*tr, "th a"), "href"), format!("../activities/{}.html", a.id));
            let cells = children(*tr, "td");
            assert_eq!(cells.len(), filled.len(), "{path}");
            for (td, role) in cells.iter().zip(&filled) {
                let at = format!("{path}: own matrix ({}, {})", a.id, role.id);
                // The cell's letter, without the number of its note when it is inferred.
                let note = all(*td, "a").first().map(|n| text(*n)).unwrap_or_default();
                let shown = text(*td).strip_suffix(&note).unwrap().to_string();
                match a.assignments.get(&role.id) {
                    Some(code) => {
                        assert_eq!(shown, *code, "{at}");
                        let code = process.code(code).expect("a known code");
                        let duty = format!("{:?}", code.duty).to_lowercase();
                        assert!(has_class(*td, &duty[..1]), "{at}: {}", td.html());
                        assert!(
                            legend.contains(&format!("{} {}", code.id, code.name)),
                            "{at}: the legend {legend:?}"
                        );
                    }
                    None => assert!(text(*td).is_empty(), "{at}"),
                }
            }
        }
    }
    assert!(
        statuses_seen.contains("not-started") && statuses_seen.contains("done") && statuses_seen.len() >= 3,
        "the repo's book should exercise several statuses; saw {statuses_seen:?}"
    );
    assert!(people_seen > 0);
}

// ---------------------------------------------------------------------------------------------
// The data dictionary

#[test]
fn dictionary_has_one_entry_per_field_name_listing_exactly_the_schemas_that_use_it() {
    let root = Path::new(REPO);
    let book = model(root);
    let site = repo_site();
    // name -> (project id, schema name), from the records.
    let mut expected: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for p in &book.projects {
        if let Some(s) = &p.schema {
            for f in &s.fields {
                expected
                    .entry(f.name.clone())
                    .or_default()
                    .push((p.id.clone(), s.name.clone()));
            }
        }
    }
    assert!(
        expected.values().any(|v| v.len() > 1),
        "the repo's book should share a field name between schemas"
    );

    // Every page of entries, with its entries and its list of names.
    let pages: Vec<&str> = site
        .files
        .keys()
        .map(String::as_str)
        .filter(|p| p.starts_with("dictionary/") && p.ends_with(".html"))
        .collect();
    assert!(!pages.is_empty(), "the dictionary has pages of entries");
    let docs: Vec<(&str, scraper::Html)> = pages.iter().map(|p| (*p, page(site, p))).collect();
    let entries: Vec<(&str, scraper::ElementRef)> = docs
        .iter()
        .flat_map(|(p, doc)| select(doc, "section.entry").into_iter().map(move |e| (*p, e)))
        .collect();
    let names: Vec<&str> = entries.iter().map(|(_, e)| attr(*e, "data-field")).collect();
    for name in expected.keys() {
        let n = names.iter().filter(|x| **x == name).count();
        assert_eq!(n, 1, "field `{name}` is an entry {n} times");
    }
    assert_eq!(
        names.iter().copied().collect::<BTreeSet<_>>(),
        expected.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        "no entry for a name no schema uses"
    );
    assert_eq!(names.len(), expected.len());

    let mut index: Vec<String> = Vec::new();
    for (_, doc) in &docs {
        index.extend(
            select(doc, "nav.name-index a")
                .into_iter()
                .map(|a| attr(a, "href").to_string()),
        );
    }
    index.sort();
    let expected_index: Vec<String> = expected.keys().map(|n| format!("#field-{n}")).collect();
    assert_eq!(
        index, expected_index,
        "the lists of names on the pages list each name once"
    );

    for (path, entry) in entries {
        let ids = ids(&docs.iter().find(|(p, _)| *p == path).expect("the page").1);
        let name = attr(entry, "data-field");
        assert_eq!(text(one(entry, "h2 code")), name);
        assert!(ids.contains(&format!("field-{name}")));
        let mut shown = Vec::new();
        for tr in all(entry, "[data-schema]") {
            let href = attr(one(tr, "a"), "href");
            let Target::Internal(target, fragment) = resolve(path, href, None) else {
                panic!("`{href}` should be a link inside the site");
            };
            let id = target
                .strip_prefix("projects/")
                .and_then(|t| t.strip_suffix(".html"))
                .unwrap_or_else(|| panic!("`{href}` should link a project page"));
            assert_eq!(fragment, format!("field-{name}"), "{href}");
            let schema = text(one(tr, ".schema-name code"));
            assert_eq!(attr(tr, "data-schema"), schema);
            shown.push((id.to_string(), schema));
        }
        shown.sort();
        let mut want = expected[name].clone();
        want.sort();
        assert_eq!(shown, want, "the uses of `{name}`");
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings on a project's page

#[test]
fn a_warning_appears_in_the_warnings_box_of_its_project_page_only() {
    let book = Book::valid();
    book.patch(
        "content/projects/search-clicks.yaml",
        "      description: The 1-based rank of the clicked result.\n",
        "",
    );
    let built = build(book.root());
    let diags = dump(built.diagnostics());
    let warning = common::one(built.diagnostics(), "undocumented-field");
    assert!(!warning.is_error());
    assert!(warning.message.contains("position"), "{diags}");
    let line = warning.location.as_ref().expect("a location").line;
    let site = built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("a warning does not fail the build:\n{diags}"));

    let doc = page(site, "projects/search-clicks.html");
    let aside = select_one(&doc, "aside.warnings");
    let items = all(aside, "li.warning");
    assert_eq!(items.len(), 1, "{}", aside.html());
    let li = items[0];
    assert_eq!(attr(li, "data-code"), "undocumented-field");
    assert_eq!(attr(li, "data-severity"), "warning");
    assert_eq!(text(one(li, ".diag-message")), warning.message);
    assert_eq!(
        text(one(li, ".diag-loc code")),
        format!("content/projects/search-clicks.yaml:{line}")
    );
    if let Some(hint) = &warning.hint {
        assert_eq!(text(one(li, ".diag-hint")), format!("Hint: {hint}"));
    }

    let other = page(site, "projects/reading-depth.html");
    assert!(
        select(&other, "aside.warnings").is_empty(),
        "reading-depth has no warning"
    );
}

// ---------------------------------------------------------------------------------------------
// Themes

const MY_BASE: &str = "\
{% extends \"default/base.html\" %}
{% block footer %}<p class=\"my-marker\" data-marker=\"mytheme\">Made with my theme</p>{% endblock footer %}
";

const MY_STYLE: &str = "/* my theme */\nbody { color: rebeccapurple; }\n";

fn themed_book(base: &str) -> Book {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[output.html]\ntheme = \"mytheme\"\n"),
    );
    book.write("mytheme/templates/base.html", base);
    book.write("mytheme/static/style.css", MY_STYLE);
    book
}

#[test]
fn a_theme_overrides_one_block_of_the_default_base_and_replaces_its_stylesheet() {
    let book = themed_book(MY_BASE);
    let site = build_site(book.root());
    let paths = html_paths(&site);
    assert!(paths.len() >= 10, "{paths:?}");
    for path in paths {
        let doc = page(&site, path);
        let footer = select_one(&doc, "footer.site-footer");
        let marker = one(footer, ".my-marker");
        assert_eq!(attr(marker, "data-marker"), "mytheme", "{path}");
        assert_eq!(text(marker), "Made with my theme", "{path}");
        assert!(
            !text(footer).contains("Built with dacibook"),
            "{path}: the block is replaced"
        );
        // The rest of the default layout is still there.
        select_one(&doc, "header.site-header a.site-title");
        select_one(&doc, "nav.site-nav");
        let main = select_one(&doc, "main#content");
        assert!(!text(main).is_empty(), "{path} has content");
        // highlight.css only where there is code.
        let code = file_text(&site, path).contains("<pre class=\"code hl-code\">");
        assert_eq!(
            select(&doc, "link[rel=\"stylesheet\"]").len(),
            1 + usize::from(code),
            "{path}"
        );
    }
    let matrix = page(&site, "matrix.html");
    select_one(&matrix, "main table.matrix");

    assert_eq!(
        file_text(&site, "static/style.css"),
        MY_STYLE,
        "the theme's stylesheet wins"
    );
    let default = Path::new(REPO).join("themes/default/static");
    for (out, file) in [
        ("static/highlight.css", "highlight.css"),
        ("static/theme.js", "theme.js"),
    ] {
        let bytes = fs::read(default.join(file)).expect("a default static file");
        assert_eq!(
            site.files.get(out).map(|b| &b[..]),
            Some(&bytes[..]),
            "{out} is the default's"
        );
    }
}

#[test]
fn a_theme_with_a_syntax_error_fails_the_build_naming_the_template() {
    let book = themed_book("{% extends \"default/base.html\" %}\n{% block footer %}{{ oops {% endblock footer %}\n");
    let built = build(book.root());
    let diags = dump(built.diagnostics());
    assert!(built.site.is_none(), "{diags}");
    let d = common::one(built.diagnostics(), "template");
    assert!(d.is_error(), "{diags}");
    assert!(d.message.contains("base.html"), "{diags}");
    let loc = d
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("the diagnostic names the file: {diags}"));
    assert_eq!(loc.file, Path::new("mytheme/templates/base.html"), "{diags}");
}

// ---------------------------------------------------------------------------------------------
// Ids

/// The ids used more than once on each HTML page of `site`.
fn duplicate_ids(site: &Site) -> Vec<String> {
    let mut problems = Vec::new();
    for path in html_paths(site) {
        let doc = page(site, path);
        let mut seen = BTreeMap::new();
        for el in select(&doc, "[id]") {
            *seen.entry(attr(el, "id").to_string()).or_insert(0) += 1;
        }
        for (id, n) in seen.into_iter().filter(|(_, n)| *n > 1) {
            problems.push(format!("{path}: id `{id}` is used {n} times"));
        }
    }
    problems
}

#[test]
fn ids_are_unique_on_every_page_of_the_repo_book() {
    let problems = duplicate_ids(repo_site());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Headings in Markdown get ids; the page's own ids (the sections of a project page, the
/// layout's `content` and `sidebar`) and the headings of other Markdown on the same page must
/// not collide with them, or the page's links (its table of contents, the skip link) land on
/// the wrong element.
#[test]
fn markdown_heading_ids_do_not_collide_with_the_page_s_own_ids() {
    let book = Book::valid();
    book.patch(
        "content/projects/search-clicks.yaml",
        "title: Search clicks\n",
        "title: Search clicks\nsummary: |\n  ## People\n\n  ## Stages\n",
    );
    book.patch(
        "content/projects/search-clicks.yaml",
        "    started: 2026-02-02\n",
        "    started: 2026-02-02\n    notes: \"## Details\"\n  specification:\n    status: not-started\n    notes: \"## Details\"\n",
    );
    book.write("content/sidebar.md", "# Sidebar\n\n## Content\n");
    let site = build_site(book.root());
    let problems = duplicate_ids(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_page_or_file_in_place_of_a_generated_one_is_refused_where_it_is() {
    use common::{assert_diag, Expect};
    use dacibook::Severity;
    let book = Book::valid();
    book.write("content/board.md", "# My board\n");
    book.write("content/search-index.js", "alert(1)\n");
    book.write("content/static/theme.js", "alert(1)\n");
    let built = build(book.root());
    assert!(built.site.is_none(), "{}", dump(built.diagnostics()));
    let clashes = common::with_code(built.diagnostics(), "path-clash");
    assert_eq!(clashes.len(), 3, "{}", dump(built.diagnostics()));
    let page_hint = Some("rename the Markdown page so it does not clash with a generated page");
    let file = |name: &str| format!("the file {name} would replace a file dacibook generates");
    let expected = [
        (
            "content/board.md",
            "two pages would be written to board.html".to_string(),
            page_hint,
        ),
        (
            "content/search-index.js",
            file("search-index.js"),
            Some("rename or move the file"),
        ),
        (
            "content/static/theme.js",
            file("static/theme.js"),
            Some("rename or move the file"),
        ),
    ];
    for (file, message, hint) in expected {
        let d = clashes
            .iter()
            .find(|d| d.location.as_ref().is_some_and(|l| l.file == Path::new(file)))
            .unwrap_or_else(|| panic!("a clash at {file}: {}", dump(built.diagnostics())));
        assert_diag(
            d,
            Expect {
                code: "path-clash",
                severity: Severity::Error,
                message: &message,
                file,
                line: 1,
                column: 1,
                hint,
            },
        );
    }

    // `pages.html` lists the pages of a long book only; a page of that name then clashes.
    let book = Book::valid();
    book.write("content/pages.md", "# Pages\n");
    assert!(build(book.root()).site.is_some(), "a short book has no page list");
    for i in 0..20 {
        book.write(&format!("content/p{i:02}.md"), &format!("# Page {i}\n"));
    }
    let built = build(book.root());
    let d = common::one(built.diagnostics(), "path-clash");
    assert_eq!(d.message, "two pages would be written to pages.html");
    assert_eq!(
        d.location.as_ref().map(|l| l.file.clone()),
        Some("content/pages.md".into())
    );
}
