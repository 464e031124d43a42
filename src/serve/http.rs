//! The HTTP side of serve: files from the in-memory site only (so no request can reach a file
//! outside it), the reload events, the site's 404 page.

use super::inject::{self, EVENTS_PATH};
use super::state::Shared;
use crate::render::paths;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use futures_util::StreamExt;
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::wrappers::WatchStream;

/// The router: every path goes through one handler.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// The site path a request path names (`""` → `index.html`), or `None` for a path that
/// could name something outside the site: `..`, `.`, empty segments, backslashes, NUL, or
/// invalid percent-encoding.
pub fn site_path(rest: &str) -> Option<String> {
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == ".." || *s == "." || (s.is_empty() && i != last) || s.contains(':') {
            return None;
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Some(format!("{decoded}index.html"))
    } else {
        Some(decoded.into_owned())
    }
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
    }
    let path = uri.path();
    let Some(rest) = path.strip_prefix(shared.prefix.as_str()) else {
        if path == "/" || format!("{path}/") == shared.prefix {
            return Redirect::temporary(&shared.prefix).into_response();
        }
        return not_found(&shared);
    };
    if rest == EVENTS_PATH {
        return events(&shared).into_response();
    }
    let Some(key) = site_path(rest) else {
        return not_found(&shared);
    };
    let snapshot = shared.snapshot();
    let Some(site) = snapshot.site.as_ref() else {
        // Nothing has built yet: every page shows why, and reloads once it builds.
        let page = inject::error_page(snapshot.overlay.as_deref().map_or("", |s| s.as_str()));
        let page = inject::into_html(&page, &inject::reload_script(&shared.prefix, snapshot.version));
        return file_response(StatusCode::SERVICE_UNAVAILABLE, "index.html", page);
    };
    match site.files.get(&key) {
        Some(bytes) if key.ends_with(".html") => {
            let mut extra = snapshot.overlay.as_deref().cloned().unwrap_or_default();
            extra += &inject::reload_script(&paths::root_from(&key), snapshot.version);
            file_response(StatusCode::OK, &key, inject::into_html(bytes, &extra))
        }
        Some(bytes) => file_response(StatusCode::OK, &key, bytes.clone()),
        None if site.files.contains_key(&format!("{key}/index.html")) => {
            Redirect::permanent(&format!("{path}/")).into_response()
        }
        None => not_found(&shared),
    }
}

fn not_found(shared: &Shared) -> Response {
    let snapshot = shared.snapshot();
    let page = snapshot.site.as_ref().and_then(|s| s.files.get(paths::NOT_FOUND));
    match page {
        Some(bytes) => {
            let mut extra = snapshot.overlay.as_deref().cloned().unwrap_or_default();
            extra += &inject::reload_script(&shared.prefix, snapshot.version);
            file_response(
                StatusCode::NOT_FOUND,
                paths::NOT_FOUND,
                inject::into_html(bytes, &extra),
            )
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn file_response(status: StatusCode, key: &str, body: impl Into<Body>) -> Response {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let content_type = if mime.type_() == "text" || key.ends_with(".js") || key.ends_with(".json") {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Server-sent events: the current version at once, then every new one.
fn events(shared: &Shared) -> impl IntoResponse {
    // The stream ends when the server stops, or the graceful shutdown would wait for it.
    let stream = WatchStream::new(shared.subscribe())
        .map(|v| Ok::<Event, Infallible>(Event::default().data(v.to_string())))
        .take_until(shared.stopped());
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_never_leave_the_site() {
        for bad in [
            "../etc/passwd",
            "a/../../b",
            "%2e%2e/x",
            "%2E%2E%2Fx",
            "a\\..\\b",
            "a%5c..%5cb",
            "/etc/passwd",
            "%2fetc/passwd",
            "a//b",
            "./a",
            "a/%00",
            "C:/x",
            "%ff",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordinary_paths_map_to_site_files() {
        assert_eq!(site_path("").as_deref(), Some("index.html"));
        assert_eq!(site_path("roles/").as_deref(), Some("roles/index.html"));
        assert_eq!(
            site_path("roles/data-analyst.html").as_deref(),
            Some("roles/data-analyst.html")
        );
        assert_eq!(site_path("a%20b.html").as_deref(), Some("a b.html"));
        // A person's page in another script, as a browser requests it.
        assert_eq!(
            site_path("people/%D8%A3%D8%AD%D9%85%D8%AF-%D8%B9%D9%84%D9%8A.html").as_deref(),
            Some("people/أحمد-علي.html")
        );
    }
}
