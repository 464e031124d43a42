//! `themes/default/static/highlight.css` is generated from syntect's themes; this test keeps it
//! in step with the class style the highlighter emits. Regenerate with
//! `DACIBOOK_BLESS=1 cargo test --test highlight_css`.

use dacibook::render::highlight::CLASS_STYLE;
use syntect::highlighting::ThemeSet;
use syntect::html::css_for_theme_with_class_style;

fn scoped(css: &str, scope: &str) -> String {
    css.lines()
        .map(|line| match line.strip_suffix('{') {
            Some(selectors) if !line.trim_start().starts_with("/*") => {
                let scoped: Vec<String> = selectors.split(',').map(|s| format!("{scope} {}", s.trim())).collect();
                format!("{} {{\n", scoped.join(", "))
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

fn generate() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE).unwrap();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE).unwrap();
    let mut out = String::from(
        "/* Generated from syntect's InspiredGitHub (light) and base16-ocean.dark (dark) themes by\n   tests/highlight_css.rs; do not edit by hand. */\n",
    );
    out += &light;
    out += "\n/* Dark palette: chosen with the toggle, or by the system when no choice was made. */\n";
    out += &scoped(&dark, ":root[data-theme=\"dark\"]");
    out += "@media (prefers-color-scheme: dark) {\n";
    out += &scoped(&dark, ":root:not([data-theme=\"light\"])");
    out += "}\n";
    out
}

#[test]
fn highlight_css_matches_the_highlighter_classes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/highlight.css");
    let css = generate();
    assert!(css.contains(".hl-keyword"), "syntect no longer emits hl- classes");
    // Compared with the file as it was, before any blessing.
    let on_disk = std::fs::read_to_string(path).unwrap();
    if on_disk != css && std::env::var_os("DACIBOOK_BLESS").is_some() {
        std::fs::write(path, &css).unwrap();
        eprintln!("highlight.css was stale and is regenerated: review the diff and commit it");
        return;
    }
    assert!(
        on_disk == css,
        "highlight.css is stale: run DACIBOOK_BLESS=1 cargo test --test highlight_css"
    );
}

#[test]
fn every_class_the_highlighter_emits_for_sql_and_python_has_a_rule() {
    let css = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/highlight.css"
    ))
    .unwrap();
    let html = [
        dacibook::render::highlight::code_block(
            "SELECT count(*) FROM events WHERE day = '2026-01-01' -- one day\n",
            Some("sql"),
        ),
        dacibook::render::highlight::code_block("def f(x: int) -> str:\n    return f\"{x}\"  # why\n", Some("python")),
    ]
    .concat();
    let classes: std::collections::BTreeSet<&str> = html
        .split("class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(str::split_whitespace)
        .filter(|c| c.starts_with("hl-"))
        .collect();
    assert!(
        classes.contains("hl-keyword") && classes.contains("hl-comment"),
        "{classes:?}"
    );
    // Keywords, comments and strings are coloured in every theme: their classes have rules.
    for class in ["hl-keyword", "hl-comment", "hl-string"] {
        assert!(classes.contains(class), "{class} not emitted: {classes:?}");
        assert!(
            css.contains(&format!(".{class}")),
            "{class} has no rule in highlight.css"
        );
    }
}

#[path = "common/mod.rs"]
mod common;

/// Whether `html` links the stylesheet of highlighted code.
fn links_highlight_css(html: &str) -> bool {
    html.contains("static/highlight.css\">")
}

#[test]
fn highlight_css_is_linked_only_by_pages_that_hold_code() {
    let site = common::site::repo_site();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for path in common::site::html_paths(site) {
        let html = common::site::file_text(site, path);
        let code = html.contains(dacibook::render::highlight::BLOCK_START);
        assert_eq!(links_highlight_css(html), code, "{path}: code {code}");
        if code { &mut with } else { &mut without }.push(path);
    }
    // Projects with queries and the guide have code; the home page, the matrix and the
    // dictionary do not.
    for path in ["projects/edit-funnel.html", "guide.html"] {
        assert!(with.contains(&path), "{path} holds code: {with:?}");
    }
    for path in ["index.html", "matrix.html", "dictionary.html", "404.html"] {
        assert!(without.contains(&path), "{path} holds no code");
    }
}

#[test]
fn a_markdown_page_with_a_code_block_links_highlight_css_and_one_without_does_not() {
    let book = common::Book::valid();
    book.write("content/code.md", "# Code\n\n```sql\nSELECT 1\n```\n");
    book.write("content/plain.md", "# Plain\n\nNo code, only `inline` code.\n");
    let site = common::site::build_site(book.root());
    assert!(links_highlight_css(common::site::file_text(&site, "code.html")));
    assert!(!links_highlight_css(common::site::file_text(&site, "plain.html")));
}
