//! What serve adds to each HTML page it sends (and `build` never does): the live-reload
//! script, and, after a failed rebuild, an overlay with the diagnostics.

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::theme::escape;

/// The path of the server-sent-events endpoint, below the site's prefix.
pub const EVENTS_PATH: &str = "__dacibook/events";

/// The overlay listing what broke the last rebuild.
pub fn overlay(diagnostics: &[Diagnostic], has_site: bool) -> String {
    let mut items = String::new();
    for d in diagnostics.iter().filter(|d| d.is_error()).take(50) {
        let place = d.location.as_ref().map_or(String::new(), |l| {
            format!("{}:{}:{}", l.file.display(), l.line, l.column)
        });
        let sev = if d.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        items += &format!(
            "<li><strong>{sev}[{}]</strong> <code data-place>{}</code><br>{}{}</li>",
            escape(d.code),
            escape(&place),
            escape(&d.message),
            d.hint
                .as_deref()
                .map_or(String::new(), |h| format!("<br><em>help: {}</em>", escape(h)))
        );
    }
    let serve_fault = diagnostics.iter().any(|d| d.is_error())
        && diagnostics
            .iter()
            .filter(|d| d.is_error())
            .all(|d| super::recover::SERVE_FAULTS.contains(&d.code));
    let (title, note) = if serve_fault {
        (
            "dacibook: serve had a problem",
            "This is no fault of the book. This box goes away at the next rebuild.",
        )
    } else if has_site {
        ("dacibook: build failed", 
        "The last change broke the build. You are seeing the last good version; this box goes away when the build succeeds.")
    } else {
        (
            "dacibook: build failed",
            "The book does not build yet. This page reloads by itself when it does.",
        )
    };
    format!(
        "<div id=\"dacibook-overlay\" role=\"alert\" style=\"position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;max-height:60vh;overflow:auto;background:#fff4f4;color:#3b0a0a;border:2px solid #b3261e;border-radius:8px;padding:1rem 1.25rem;font:14px/1.5 system-ui,sans-serif;box-shadow:0 8px 24px rgba(0,0,0,.25)\"><p style=\"margin:0 0 .5rem;font-weight:700\">{title}</p><p style=\"margin:0 0 .5rem\">{note}</p><ul style=\"margin:0;padding-left:1.2rem\">{items}</ul></div>"
    )
}

/// The reload script: it listens for new versions and reloads once the new site is in place.
/// `root` is the relative path from the page to the site root, so it works under any prefix.
pub fn reload_script(root: &str, version: u64) -> String {
    format!(
        "<script data-dacibook-reload>(function(){{var v={version};try{{var es=new EventSource({url});es.onmessage=function(e){{if(Number(e.data)!==v){{es.close();location.reload();}}}};}}catch(e){{}}}})();</script>",
        url = serde_json::to_string(&format!("{root}{EVENTS_PATH}")).expect("a string serializes")
    )
}

/// Inserts `extra` before the page's last `</body>` (or at its end).
pub fn into_html(html: &[u8], extra: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// A page for when there is no good site to show yet.
pub fn error_page(overlay: &str) -> Vec<u8> {
    format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dacibook: build failed</title></head><body>{overlay}</body></html>").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_messages() {
        let d = Diagnostic::error("io", "<script>alert(1)</script>");
        let html = overlay(&[d], true);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn script_goes_before_the_body_end_and_uses_the_relative_root() {
        let page = into_html(b"<html><body><p>x</p></body></html>", &reload_script("../", 3));
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("\"../__dacibook/events\""));
        assert!(page.find("data-dacibook-reload").unwrap() < page.find("</body>").unwrap());
    }
}
