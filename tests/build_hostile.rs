//! `dacibook build` on a hostile record: markup, script URLs and template syntax in every
//! string a record can hold must come out as text, on every page that shows them.

mod common;

use common::site::*;
use common::{dump, Book};
use scraper::{ElementRef, Html};
use std::path::Path;

const XSS: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// A record with markup wherever a record takes a string. Its URLs in `links` and `dashboards`
/// are safe (the check refuses others there); the hostile ones are in Markdown, which is
/// rendered, not checked.
const HOSTILE: &str = r#"title: "<script>alert(1)</script> {{ 7*7 }}"
summary: |
  Click [x](javascript:alert(1)) or [y](data:text/html,hi) or [z](JaVa&#9;Script:alert(1)) or
  [w](&#32;javascript:alert(1)) or [v](vbscript:msgbox(1)) or <javascript:alert(1)> or [ref][r].

  ![pic](javascript:alert(1)) ![pic2](data:image/svg+xml;base64,PHN2Zz4=)

  <script>alert(2)</script>
  <iframe src="https://evil.example/"></iframe>
  <img src=x onerror=alert(1)>
  <a href="javascript:alert(1)" onclick="alert(1)">raw link</a>

  ## Heading {#x"onclick="alert(1) .c"onmouseover="alert(1)}

  Templates: {{ 7*7 }} and {% raw %}raw{% endraw %} and {# comment #}.

  [r]: javascript:alert(1)
status: active
team: "<script>alert(1)</script>"
links:
  ticket: "https://example.org/T1?q=\"><script>alert(1)</script>"
  other:
    - title: "<script>alert(1)</script>"
      url: "https://example.org/?x=\"onmouseover=alert(1)"
people:
  product-manager:
    - name: "\"><img src=x onerror=alert(1)>"
      handle: "\"><svg onload=alert(1)>"
      email: "a\"onmouseover=\"alert(1)@example.org"
  data-analyst:
    - name: "{{ 7*7 }}"
stages:
  decide-metrics:
    status: in-progress
    started: 2026-01-05
    notes: "<script>alert(1)</script> [n](javascript:alert(1)) {% raw %}"
schema:
  name: "Hostile<script>alert(1)</script>"
  description: "<iframe src=x></iframe> {{ 7*7 }}"
  sampling:
    rate: 0.5
    unit: session
    method: "<script>alert(1)</script>"
  retention:
    purge-after-days: 30
    notes: "<script>alert(1)</script>"
  fields:
    - name: evil_field
      type: string
      description: "\"><img src=x onerror=alert(1)> {{ 7*7 }}"
      example: "<script>alert(1)</script>"
      pattern: "^<script>.*$"
      sensitivity: public
    - name: evil_choice
      type: string
      description: A field with hostile enum values.
      enum: ["<script>alert(1)</script>", "\"onmouseover=\"x"]
      sensitivity: public
    - name: page_id
      type: integer
      description: "<script>alert(1)</script>, unlike ReadingDepth's."
      sensitivity: public
queries:
  - name: "<script>alert(1)</script>"
    purpose: "[p](javascript:alert(1)) <script>alert(1)</script>"
    language: "sql\"><script>alert(1)</script>"
    text: "SELECT '</code></pre><script>alert(1)</script>' FROM t"
  - name: Highlighted
    language: sql
    text: "SELECT '</code></pre><script>alert(1)</script>' FROM t -- {{ 7*7 }}"
dashboards:
  - name: "<img src=x onerror=alert(1)>"
    url: https://example.org/dash
"#;

fn hostile_book() -> Book {
    let book = Book::valid();
    book.write("content/projects/hostile.yaml", HOSTILE);
    book
}

/// The inline script of the default theme's `<head>`, read from its base template.
fn theme_inline_scripts() -> Vec<String> {
    let base = std::fs::read_to_string(Path::new(REPO).join("themes/default/templates/base.html"))
        .expect("read the default base template");
    let doc = Html::parse_document(&base);
    let scripts: Vec<String> = select(&doc, "script:not([src])")
        .into_iter()
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(scripts.len(), 1, "the default theme has one inline script");
    scripts
}

/// How a page reaches the site's root: `../` per folder, or `/` for the 404 page.
fn root_of(path: &str) -> String {
    if path == "404.html" {
        "/".to_string()
    } else {
        "../".repeat(path.matches('/').count())
    }
}

fn is_url_attribute(name: &str) -> bool {
    matches!(
        name,
        "href" | "src" | "action" | "formaction" | "poster" | "background" | "cite" | "data" | "xlink:href" | "srcset"
    )
}

/// The theme's script files on the page at `path`: `theme.js` and `search.js` everywhere,
/// `filter.js` on the pages with a filter (home, dictionary, board), `board.js` on the board.
fn theme_scripts(path: &str) -> Vec<String> {
    let mut own = vec!["theme.js", "search.js"];
    if matches!(path, "index.html" | "dictionary.html" | "board.html") {
        own.push("filter.js");
    }
    if path == "board.html" {
        own.push("board.js");
    }
    own.iter().map(|s| format!("{}static/{s}", root_of(path))).collect()
}

/// Every way a page could run script that is not the theme's own.
fn script_problems(path: &str, doc: &Html, inline: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    for script in select(doc, "script") {
        let in_head = script
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "head");
        let attrs: Vec<(&str, &str)> = script.value().attrs().collect();
        let ok = in_head
            && match script.value().attr("src") {
                Some(src) => {
                    theme_scripts(path).iter().any(|s| s == src)
                        && attrs
                            .iter()
                            .all(|(k, v)| matches!(*k, "src" | "defer") || (*k == "data-root" && *v == root_of(path)))
                        && script.inner_html().is_empty()
                }
                None => attrs.is_empty() && inline.contains(&script.inner_html()),
            };
        if !ok {
            problems.push(format!("{path}: a script that is not the theme's: {}", script.html()));
        }
    }
    let own = select(doc, "head > script").len();
    let expected = inline.len() + theme_scripts(path).len();
    if own != expected {
        problems.push(format!(
            "{path}: {own} scripts in <head>, expected the theme's {expected}"
        ));
    }
    for el in select(doc, "*") {
        let name = el.value().name();
        if matches!(name, "iframe" | "frame" | "object" | "embed" | "base") {
            problems.push(format!("{path}: a <{name}> element"));
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            problems.push(format!("{path}: {}", el.html()));
        }
        for (key, value) in el.value().attrs() {
            let key = key.to_ascii_lowercase();
            if key.starts_with("on") {
                problems.push(format!("{path}: <{name}> has an event handler `{key}`"));
            }
            if is_url_attribute(&key) {
                if let Some(s) = scheme(value) {
                    if matches!(s.as_str(), "javascript" | "data" | "vbscript") {
                        problems.push(format!("{path}: <{name} {key}={value:?}>"));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn hostile_strings_in_a_record_come_out_as_text_on_every_page() {
    let book = hostile_book();
    let built = build(book.root());
    let diags = dump(built.diagnostics());
    assert!(
        !built.diagnostics().iter().any(|d| d.is_error()),
        "script URLs in Markdown are not the check's business:\n{diags}"
    );
    let site = built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("the hostile book builds:\n{diags}"));
    let inline = theme_inline_scripts();

    let mut problems = Vec::new();
    let paths = html_paths(site);
    for path in &paths {
        let doc = page(site, path);
        problems.extend(script_problems(path, &doc, &inline));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The hostile strings are shown, as text, where they belong.
    let doc = page(site, "projects/hostile.html");
    let main = select_one(&doc, "main");
    assert_eq!(text(select_one(&doc, "main h1")), format!("{XSS} {{{{ 7*7 }}}}"));
    assert!(text(select_one(&doc, "title")).starts_with(XSS));
    assert!(text(one(main, ".header-meta")).contains(&format!("Team: {XSS}")));
    let names: Vec<String> = all(main, "table.people-table .person-name")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(names, [IMG.to_string(), "{{ 7*7 }}".to_string()]);
    let email = one(main, "table.people-table a[href^='mailto:']");
    assert_eq!(attr(email, "href"), "mailto:a\"onmouseover=\"alert(1)@example.org");
    let summary = text(select_one(&doc, "main > div.prose"));
    for needle in [
        "Click x or y or z or w or v or javascript:alert(1) or ref.",
        "<script>alert(2)</script>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<img src=x onerror=alert(1)>",
        "{{ 7*7 }}",
        "{% raw %}raw{% endraw %}",
        "{# comment #}",
    ] {
        assert!(
            summary.contains(needle),
            "the summary should show {needle:?}: {summary}"
        );
    }
    assert!(!summary.contains("49"), "template syntax is not evaluated: {summary}");
    let field_row = one(main, "tr#field-evil_field");
    assert!(text(field_row).contains(IMG), "{}", field_row.html());
    assert!(text(field_row).contains("{{ 7*7 }}"));
    assert!(text(field_row).contains(&format!("Example: {XSS}")));
    let code = all(main, "#queries pre code");
    assert_eq!(code.len(), 2);
    for c in &code {
        assert!(
            text(*c).starts_with("SELECT '</code></pre><script>alert(1)</script>'"),
            "{}",
            c.html()
        );
    }
    assert!(text(code[1]).ends_with("-- {{ 7*7 }}"));
    let heading = select_one(&doc, "main > div.prose h2");
    // Record headings take no ids at all (they could clash with the page's), so the hostile
    // `{#…}` attribute has nowhere to go.
    assert_eq!(heading.value().attr("id"), None, "{}", heading.html());
    assert_eq!(heading.value().attrs().count(), 0, "{}", heading.html());

    // Every other page that shows the project shows the same text.
    for path in [
        "index.html",
        "roles/product-manager.html",
        "activities/decide-metrics.html",
    ] {
        let doc = page(site, path);
        let titles: Vec<String> = select(&doc, "main a[href$=\"projects/hostile.html\"]")
            .into_iter()
            .map(text)
            .collect();
        assert!(
            titles.contains(&format!("{XSS} {{{{ 7*7 }}}}")),
            "{path} lists the project by its title, as text: {titles:?}"
        );
    }
    let doc = page(site, "dictionary/e.html");
    let entry = select_one(&doc, "section[data-field=\"evil_field\"]");
    assert!(text(entry).contains(IMG));

    // A warning quoting the hostile schema's name shows it as text on the page it concerns.
    let warning = built
        .diagnostics()
        .iter()
        .find(|d| d.code == "dictionary-conflict")
        .unwrap_or_else(|| panic!("the two `page_id` fields conflict:\n{diags}"));
    assert!(warning.message.contains(XSS), "{diags}");
    let doc = page(site, "projects/reading-depth.html");
    let messages: Vec<String> = select(&doc, "aside.warnings .diag-message")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(messages, std::slice::from_ref(&warning.message));
}

#[test]
fn script_urls_in_links_and_dashboards_are_refused_by_the_check() {
    let book = hostile_book();
    book.patch(
        "content/projects/hostile.yaml",
        "    url: https://example.org/dash\n",
        "    url: data:text/html,hi\n",
    );
    let built = build(book.root());
    assert!(built.site.is_none());
    let d = common::one(built.diagnostics(), "unsafe-link");
    assert!(d.message.contains("`data:`"), "{}", dump(built.diagnostics()));
}

/// The fixture's process with markup in every string it holds.
fn hostile_process() -> String {
    [
        ("name: Test process", "name: \"<script>alert(1)</script> {{ 7*7 }}\""),
        (
            "description: A small process for tests.",
            "description: \"\\\"><img src=x onerror=alert(1)> [x](javascript:alert(1)) {% raw %}\"",
        ),
        ("    name: Driver\n", "    name: \"Dri<script>alert(1)</script>ver\"\n"),
        (
            "    name: Product Manager\n    short: PM",
            "    name: \"PM<script>alert(1)</script>\"\n    short: \"\\\"><svg onload=alert(1)>\"",
        ),
        (
            "    name: Decide metrics needs",
            "    name: \"<img src=x onerror=alert(1)>{{ 7*7 }}\"",
        ),
        (
            "        text: The need is written down.",
            "        text: \"<script>alert(1)</script> [j](javascript:alert(1))\"",
        ),
        (
            "      A: Management gives its OK informally.",
            "      A: \"<iframe src=x></iframe>\"",
        ),
        (
            "      what: Email privacy@ about the review date.",
            "      what: \"\\\"><script>alert(1)</script>\"",
        ),
    ]
    .iter()
    .fold(common::PROCESS.to_string(), |p, (from, to)| {
        assert!(p.contains(from), "the fixture process holds {from:?}");
        p.replacen(from, to, 1)
    })
}

#[test]
fn hostile_strings_in_the_process_book_toml_and_front_matter_come_out_as_text() {
    let book = Book::valid();
    book.write("content/process.yaml", &hostile_process());
    book.write(
        "book.toml",
        "[book]\ntitle = \"<script>alert(1)</script> {{ 7*7 }}\"\n\
         description = \"\\\"><img src=x onerror=alert(1)>\"\n\
         [output.html]\n\
         git-repository-url = \"https://github.com/o/r?x=<script>alert(1)</script>\"\n\
         edit-url-template = \"https://github.com/o/r/edit/main/{path}?q='onmouseover=alert(1)\"\n",
    );
    book.write(
        "content/evil.md",
        "---\ntitle: \"\\\"><img src=x onerror=alert(1)> {{ 7*7 }}\"\n---\n\nPlain text.\n",
    );
    let built = build(book.root());
    let diags = dump(built.diagnostics());
    let site = built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("the hostile book builds:\n{diags}"));
    let inline = theme_inline_scripts();
    let mut problems = Vec::new();
    for path in html_paths(site) {
        problems.extend(script_problems(path, &page(site, path), &inline));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Each string is on its page, as text.
    let doc = page(site, "roles/product-manager.html");
    assert_eq!(text(select_one(&doc, "main h1")), "PM<script>alert(1)</script>");
    assert!(text(select_one(&doc, "title")).starts_with("PM<script>alert(1)</script>"));
    let doc = page(site, "activities/decide-metrics.html");
    assert_eq!(
        text(select_one(&doc, "main h1")),
        "<img src=x onerror=alert(1)>{{ 7*7 }}"
    );
    let main = text(select_one(&doc, "main"));
    assert!(main.contains("<iframe src=x></iframe>"), "{main}");
    assert!(main.contains("<script>alert(1)</script>"), "{main}");
    let doc = page(site, "activities/privacy-review.html");
    assert!(text(select_one(&doc, "main")).contains("\"><script>alert(1)</script>"));
    let doc = page(site, "evil.html");
    assert_eq!(
        text(select_one(&doc, "main h1")),
        "\"><img src=x onerror=alert(1)> {{ 7*7 }}"
    );
    let doc = page(site, "index.html");
    assert!(text(select_one(&doc, "title")).contains("<script>alert(1)</script> {{ 7*7 }}"));
    let source = select(&doc, "a")
        .into_iter()
        .find(|a| text(*a) == "Source")
        .unwrap_or_else(|| panic!("a Source link on the home page"));
    assert_eq!(
        attr(source, "href"),
        "https://github.com/o/r?x=<script>alert(1)</script>"
    );
    assert!(!site_text(site).contains("49"), "template syntax is never evaluated");
}

/// Every HTML page of the site, one after the other.
fn site_text(site: &dacibook::site::Site) -> String {
    html_paths(site).into_iter().map(|p| file_text(site, p)).collect()
}
