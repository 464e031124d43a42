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
    if std::env::var_os("DACIBOOK_BLESS").is_some() {
        std::fs::write(path, &css).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap();
    assert!(css.contains(".hl-keyword"), "syntect no longer emits hl- classes");
    assert!(
        on_disk == css,
        "highlight.css is stale: run DACIBOOK_BLESS=1 cargo test --test highlight_css"
    );
}
