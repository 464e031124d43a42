//! Where each page lives in the output, and the one function that turns a page's place into
//! the relative prefix every link goes through (so a site works from disk, at a domain root
//! and under a sub-path alike).

pub fn project(id: &str) -> String {
    format!("projects/{id}.html")
}

pub fn role(id: &str) -> String {
    format!("roles/{id}.html")
}

pub fn activity(id: &str) -> String {
    format!("activities/{id}.html")
}

/// A person's page, by the slug the people directory gives them.
pub fn person(slug: &str) -> String {
    format!("people/{slug}.html")
}

/// The most projects on a person's page and on each further page of theirs.
pub const PERSON_ROWS_PER_PAGE: usize = 200;

/// Page `n` (from 1) of the projects of the person with `slug`: their page for the first, then
/// `people/<slug>.page-2.html`… (a slug holds no `.`, so no person's page takes that name).
pub fn person_page(slug: &str, n: usize) -> String {
    match n {
        0 | 1 => person(slug),
        n => format!("people/{slug}.page-{n}.html"),
    }
}

pub fn schema_export(project_id: &str) -> String {
    format!("schemas/{project_id}.schema.json")
}

pub const HOME: &str = "index.html";
pub const MATRIX: &str = "matrix.html";
pub const DICTIONARY: &str = "dictionary.html";
/// Everyone named in the records.
pub const PEOPLE: &str = "people.html";
/// Active and proposed projects by their current activity, with what blocks them.
pub const BOARD: &str = "board.html";
pub const NOT_FOUND: &str = "404.html";
/// Every Markdown page, in a book with too many for the navigation.
pub const ALL_PAGES: &str = "pages.html";

/// The most project cards on the home page and on each further page of projects.
pub const PROJECTS_PER_PAGE: usize = 50;

/// The page listing projects number `n` (from 1, by [`PROJECTS_PER_PAGE`]): the home page for
/// the first, `projects-2.html`… for the rest. At the root, beside the home page, so the cards
/// made for it work on each.
pub fn projects_page(n: usize) -> String {
    match n {
        0 | 1 => HOME.to_string(),
        n => format!("projects-{n}.html"),
    }
}

/// The most projects listed on an activity's page and on each further page of them.
pub const STAGE_ROWS_PER_PAGE: usize = 200;

/// The page listing the projects at activity `id`, number `n` (from 1): the activity's own
/// page for the first, `activities/<id>.page-2.html`… for the rest (ids are kebab-case, so
/// no activity's page can take that name).
pub fn activity_page(id: &str, n: usize) -> String {
    match n {
        0 | 1 => activity(id),
        n => format!("activities/{id}.page-{n}.html"),
    }
}

/// The most people on the list of everyone and on each further page of it.
pub const PEOPLE_PER_PAGE: usize = 100;

/// The page of the list of everyone number `n` (from 1): `people.html`, then
/// `people-2.html`…, at the root, beside it.
pub fn people_page(n: usize) -> String {
    match n {
        0 | 1 => PEOPLE.to_string(),
        n => format!("people-{n}.html"),
    }
}

/// The most projects listed on a role's page and on each further page of them.
pub const ROLE_ROWS_PER_PAGE: usize = 200;

/// The page listing the projects of role `id`, number `n` (from 1): the role's own page for the
/// first, `roles/<id>.page-2.html`… for the rest.
pub fn role_page(id: &str, n: usize) -> String {
    match n {
        0 | 1 => role(id),
        n => format!("roles/{id}.page-{n}.html"),
    }
}

/// How many pages list `projects` projects (one, even when there are none).
pub fn projects_page_count(projects: usize) -> usize {
    projects.div_ceil(PROJECTS_PER_PAGE).max(1)
}

/// The output path of a Markdown page: `guide/intro.md` → `guide/intro.html`.
pub fn page(source: &std::path::Path) -> String {
    let s = source.with_extension("html");
    s.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The prefix from the page at `path` back to the site root: `""`, `"../"`, `"../../"`…
pub fn root_from(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The anchor of a field in the data dictionary.
pub fn field_anchor(name: &str) -> String {
    format!("field-{name}")
}

/// The most uses of a field name its entry on a letter page of the dictionary shows; a name
/// used more has pages of its own listing every use ([`dictionary_uses`]). A use is about 270
/// bytes of HTML, so a letter page of 40 entries stays under about 300 KB.
pub const ENTRY_USES: usize = 20;

/// The most uses on one page of a field name's uses.
pub const USES_PER_PAGE: usize = 200;

/// The folder of the pages of field names' uses.
pub const USES_FOLDER: &str = "dictionary/uses/";

/// A name for field `name` safe in a file name on any system and different for every
/// different name: lowercase ASCII letters, digits and `_` stay, and every other byte of the
/// name (`.`, `-`, `[`, upper case, other scripts) is written `-` and its two lowercase hex
/// digits, so that `event.session_id` is `event-2esession_id` and `Id` is `-49d`. A name whose
/// slug would be longer than 120 characters is cut, with a hash of the whole name after it.
pub fn field_slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'_' => out.push(b as char),
            _ => out.push_str(&format!("-{b:02x}")),
        }
    }
    if out.is_empty() {
        return "-".to_string();
    }
    if out.len() > 120 {
        // FNV-1a: the same on every machine and in every build.
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        out.truncate(100);
        // `-x` is not an escape: the hashed slugs differ from every slug that is not cut.
        out = format!("{out}-x{hash:016x}");
    }
    out
}

/// Page `n` (from 1) of the uses of field `name`: `dictionary/uses/<slug>.html`, then
/// `dictionary/uses/<slug>.page-2.html`… (a slug holds no `.`, so no name's first page takes
/// another's further page's name).
pub fn dictionary_uses(name: &str, n: usize) -> String {
    match n {
        0 | 1 => format!("{USES_FOLDER}{}.html", field_slug(name)),
        n => format!("{USES_FOLDER}{}.page-{n}.html", field_slug(name)),
    }
}

/// The URL path of `site-url` (`https://x.org/repo` → `/repo/`), `/` without one.
pub fn prefix_of(site_url: Option<&str>) -> String {
    let Some(url) = site_url else { return "/".to_string() };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_the_path_of_the_site_url() {
        assert_eq!(prefix_of(None), "/");
        assert_eq!(prefix_of(Some("https://org.github.io/repo")), "/repo/");
        assert_eq!(prefix_of(Some("https://org.github.io/repo/")), "/repo/");
        assert_eq!(prefix_of(Some("https://daci.example.org")), "/");
        assert_eq!(prefix_of(Some("https://x.org/a/b/?q=1")), "/a/b/");
    }

    #[test]
    fn projects_go_fifty_to_a_page_the_first_on_the_home_page() {
        assert_eq!(projects_page_count(0), 1);
        assert_eq!(projects_page_count(50), 1);
        assert_eq!(projects_page_count(51), 2);
        assert_eq!(projects_page(1), "index.html");
        assert_eq!(projects_page(3), "projects-3.html");
    }

    #[test]
    fn field_slugs_are_safe_and_differ_for_different_names() {
        assert_eq!(field_slug("page_id"), "page_id");
        assert_eq!(field_slug("event.session_id"), "event-2esession_id");
        assert_eq!(field_slug("Id"), "-49d");
        assert_ne!(field_slug("Id"), field_slug("id"));
        assert_eq!(field_slug("tags[]"), "tags-5b-5d");
        assert_eq!(field_slug("x.*"), "x-2e-2a");
        assert_eq!(field_slug("é"), "-c3-a9");
        assert_eq!(field_slug(""), "-");
        let long = "a".repeat(200);
        let other = format!("{}b", "a".repeat(199));
        assert!(field_slug(&long).len() < 130);
        assert_ne!(field_slug(&long), field_slug(&other));
        assert_eq!(dictionary_uses("a.b", 1), "dictionary/uses/a-2eb.html");
        assert_eq!(dictionary_uses("a.b", 3), "dictionary/uses/a-2eb.page-3.html");
    }

    #[test]
    fn root_prefix_follows_depth() {
        assert_eq!(root_from("index.html"), "");
        assert_eq!(root_from("roles/pm.html"), "../");
        assert_eq!(root_from("a/b/c.html"), "../../");
        assert_eq!(page(std::path::Path::new("guide/intro.md")), "guide/intro.html");
    }
}
