//! Syntax highlighting with syntect: loaded once per process, and only when a code block with
//! a language is first rendered. Emits CSS classes (`hl-…`), so light and dark palettes both
//! apply (see `themes/default/static/highlight.css`).

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted tokens.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();

fn syntaxes() -> &'static SyntaxSet {
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Names people write for languages syntect knows under another token.
fn canonical(lang: &str) -> &str {
    match lang {
        "hql" | "hive" | "hiveql" | "presto" | "trino" | "sparksql" | "spark-sql" | "postgresql" | "mysql" => "sql",
        "shell" | "console" => "bash",
        other => other,
    }
}

/// How every code block starts: a page holding it needs `highlight.css`.
pub const BLOCK_START: &str = "<pre class=\"code hl-code\">";

/// A `<pre><code>` block, highlighted when the language is known.
pub fn code_block(code: &str, lang: Option<&str>) -> String {
    let lang = lang.map(|l| l.trim().to_ascii_lowercase()).filter(|l| !l.is_empty());
    let class = lang
        .as_deref()
        .map(|l| format!(" class=\"language-{}\"", crate::render::theme::escape(l)))
        .unwrap_or_default();
    let body = lang.as_deref().and_then(|l| highlight(code, canonical(l)));
    let body = body.unwrap_or_else(|| crate::render::theme::escape(code));
    format!("{BLOCK_START}<code{class}>{body}</code></pre>\n")
}

fn highlight(code: &str, lang: &str) -> Option<String> {
    let ss = syntaxes();
    let syntax = ss.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, ss, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_is_highlighted_with_classes_and_escaped() {
        let html = code_block("SELECT '<b>' FROM t WHERE a < 1\n", Some("hql"));
        assert!(html.contains("class=\"language-hql\""));
        assert!(html.contains("hl-keyword"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;b&gt;"));
    }

    #[test]
    fn unknown_language_is_plain_escaped_text() {
        let html = code_block("<x>", Some("no-such-lang"));
        assert!(html.contains("&lt;x&gt;"));
        assert!(!html.contains("<span"), "{html}");
    }
}
