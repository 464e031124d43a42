//! Which link targets are safe to put in an `href`, and what a URL's path must percent-encode.

use percent_encoding::{AsciiSet, CONTROLS};

/// What a URL path must percent-encode besides non-ASCII (a URL is ASCII): controls, space and
/// the characters that end a path or are unsafe in one.
const PATH: AsciiSet = CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A whole path (`/` separates its segments), e.g. a sitemap's `<loc>`.
pub const URL_PATH: &AsciiSet = &PATH;

/// One segment of a path: also `/` and `\`, which would start another segment.
pub const URL_SEGMENT: &AsciiSet = &PATH.add(b'/').add(b'\\');

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

/// Whether `url` is protocol-relative (`//host/x`): it takes the scheme of the page showing
/// it, so it points to `file://host/x` when the site is opened from disk. Browsers read `\`
/// as `/` in such a start, and skip leading spaces and control characters.
pub fn is_protocol_relative(url: &str) -> bool {
    let mut start = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    matches!((start.next(), start.next()), (Some('/' | '\\'), Some('/' | '\\')))
}

/// A link is safe when it is relative (but not protocol-relative) or uses http, https or
/// mailto. Records and pages share this one policy.
pub fn is_safe_href(url: &str) -> bool {
    match scheme(url) {
        None => !is_protocol_relative(url),
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
    }
}

/// Why a link is refused, for a diagnostic: `the `javascript:` link` or `the protocol-relative
/// link `//host``; `None` for a safe link.
pub fn refusal(url: &str) -> Option<String> {
    if is_safe_href(url) {
        return None;
    }
    Some(match scheme(url) {
        Some(s) => format!("the `{s}:` link"),
        None => format!("the protocol-relative link `{}`", url.trim()),
    })
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
            "//evil.example/x",
            " \\\\evil.example",
            "/\\evil.example",
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
        assert_eq!(refusal("https://a.org"), None);
        assert_eq!(refusal("JavaScript:x").as_deref(), Some("the `javascript:` link"));
        assert_eq!(
            refusal("//cdn.example/x.js").as_deref(),
            Some("the protocol-relative link `//cdn.example/x.js`")
        );
    }
}
