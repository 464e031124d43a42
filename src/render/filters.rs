//! Tera filters of the default theme, available to every theme's templates.

use std::collections::HashMap;
use tera::{Result, Value};

/// `n` with a comma between each group of three digits: `21400` is `21,400`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `{{ count | num }}`: a whole number with thousands separators; anything else as it is.
pub fn num(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(match value.as_i64() {
        Some(n) => Value::String(thousands(n)),
        None => value.clone(),
    })
}

/// `text`, escaped for HTML, with a `<wbr>` (a place the line may break) after each separator
/// that splits a long token sensibly: `/ _ , ; & ? = |`, and `-` or `.` unless both of their
/// neighbours are digits, so that a date, a time or a number is never broken.
pub fn breakable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
        let between_digits =
            i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let splits = match c {
            '/' | '_' | ',' | ';' | '&' | '?' | '=' | '|' => true,
            '-' | '.' => !between_digits,
            _ => false,
        };
        if splits && i + 1 < chars.len() {
            out.push_str("<wbr>");
        }
    }
    out
}

/// `{{ text | wbr | safe }}`: [`breakable`] (the filter escapes; mark its output safe).
pub fn wbr(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(match value {
        Value::String(s) => Value::String(breakable(s)),
        other => Value::String(breakable(&other.to_string())),
    })
}

/// `html` without the paragraph around it when it is one paragraph (a table cell needs none),
/// trimmed; as it is otherwise.
pub fn unwrap_paragraph(html: &str) -> &str {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|x| x.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") && !inner.contains("<p ") && !inner.contains("</p>") => inner,
        _ => t,
    }
}

/// `{{ html | unwrap_p | safe }}`: [`unwrap_paragraph`].
pub fn unwrap_p(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(match value {
        Value::String(s) => Value::String(unwrap_paragraph(s).to_string()),
        other => other.clone(),
    })
}

/// Adds the filters to `tera`.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("num", num);
    tera.register_filter("wbr", wbr);
    tera.register_filter("unwrap_p", unwrap_p);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lone_paragraph_is_unwrapped() {
        assert_eq!(unwrap_paragraph("<p>One <em>line</em>.</p>\n"), "One <em>line</em>.");
        assert_eq!(
            unwrap_paragraph("<p>One.</p>\n<p>Two.</p>\n"),
            "<p>One.</p>\n<p>Two.</p>"
        );
        assert_eq!(unwrap_paragraph("<ul><li>x</li></ul>\n"), "<ul><li>x</li></ul>");
        assert_eq!(unwrap_paragraph("<p>a</p><pre>b</pre>"), "<p>a</p><pre>b</pre>");
    }

    #[test]
    fn groups_of_three_digits_are_separated() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (21_400, "21,400"),
            (1_234_567, "1,234,567"),
            (-45_000, "-45,000"),
        ] {
            assert_eq!(thousands(n), s);
        }
    }

    #[test]
    fn long_tokens_break_after_separators_but_never_inside_a_date_or_number() {
        assert_eq!(breakable("2025-06-18T09:30:00Z"), "2025-06-18T09:30:00Z");
        assert_eq!(breakable("1.5"), "1.5");
        assert_eq!(
            breakable("edit_attempt/v2-x<y"),
            "edit_<wbr>attempt/<wbr>v2-<wbr>x&lt;y"
        );
        assert_eq!(breakable("a,b_"), "a,<wbr>b_", "nothing after the last character");
    }
}
