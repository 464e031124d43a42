//! Which link targets are safe to put in an `href`.

/// The scheme of a URL (`https`, `javascript`…), lowercased, or `None` for a relative link.
/// Browsers ignore tabs and newlines inside a scheme and leading control characters and
/// spaces, so those are dropped first (`java\tscript:` is still `javascript:`).
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    // A ':' after '/', '?' or '#' belongs to a relative path, not a scheme.
    if candidate.is_empty() || candidate.contains(['/', '?', '#']) {
        return None;
    }
    let valid = candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// A link is safe when it is relative or uses http, https or mailto.
pub fn is_safe_href(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
    }
}

/// A link is a safe absolute one: http, https or mailto.
pub fn is_safe_absolute(url: &str) -> bool {
    scheme(url).is_some_and(|s| matches!(s.as_str(), "http" | "https" | "mailto"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_schemes_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            " java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_href(bad), "{bad:?} passed");
        }
    }

    #[test]
    fn allows_web_mail_and_relative_links() {
        for good in [
            "https://example.org",
            "HTTP://x",
            "mailto:a@b",
            "../roles/pm.html",
            "#top",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_href(good), "{good:?} refused");
        }
        assert!(!is_safe_absolute("roles/pm.html"));
    }
}
