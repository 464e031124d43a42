//! Parts every page shares (site, navigation, the path to the root), and the process data
//! rendered once for all pages.

use crate::model::people::Directory;
use crate::model::{Book, Duty, Process};
use crate::render::markdown::{self, Trust};
use crate::render::paths;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub process_name: String,
    /// book.toml's `git-repository-url`.
    pub repository_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub title: String,
    /// Path from the site root.
    pub path: String,
    /// Short label (roles' short names, activities' numbers).
    pub short: String,
}

/// The navigation. It holds the process (bounded) and at most [`NAV_PAGES`] Markdown pages,
/// never the projects, so a page's size does not grow with the number of projects or pages.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    /// The Markdown pages listed on every page: all of them in a book of at most
    /// [`NAV_PAGES`], else the first [`NAV_PAGES_HEAD`], with `all_pages` to the rest.
    pub pages: Vec<NavLink>,
    /// The page listing every Markdown page, when the navigation does not hold them all.
    pub all_pages: Option<AllPages>,
    pub roles: Vec<NavLink>,
    pub activities: Vec<NavLink>,
    pub project_count: usize,
}

/// Books with more Markdown pages than this list only the first [`NAV_PAGES_HEAD`] (and the
/// pages next to the current one) in the navigation, and link to a page of them all.
pub const NAV_PAGES: usize = 20;
/// How many pages a long book's navigation lists from its start.
pub const NAV_PAGES_HEAD: usize = 6;
/// How many pages either side of the current one a long book's navigation lists.
pub const NAV_NEARBY: usize = 2;

/// The link to the list of every Markdown page.
#[derive(Debug, Clone, Serialize)]
pub struct AllPages {
    pub path: String,
    pub count: usize,
}

/// The context every template receives besides its own.
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    pub site: &'a SiteInfo,
    pub nav: &'a Nav,
    /// In a long book, on a Markdown page past the first few: the pages around it (itself
    /// included), which the navigation lists after its first pages.
    pub nav_nearby: &'a [NavLink],
    /// Relative path from this page to the site root, e.g. `../`.
    pub root: String,
    /// This page's path from the root.
    pub path: String,
    pub title: String,
    /// Absolute URL of this page when `site-url` is set.
    pub canonical: Option<String>,
    /// Page kind, for CSS: home, matrix, role, activity, project, dictionary, board, people,
    /// person, page, not-found.
    pub kind: &'static str,
    /// Where to edit the page's source file, from book.toml's `edit-url-template`.
    pub edit_url: Option<String>,
    /// Whether the page holds a code block, and so links `highlight.css`.
    pub has_code: bool,
}

/// A code of the matrix as shown (letter, name, and a CSS class from its duty).
#[derive(Debug, Clone, Serialize)]
pub struct CodeView {
    pub id: String,
    pub name: String,
    pub duty: Duty,
    pub meaning: String,
    pub class: &'static str,
}

/// A role as linked.
#[derive(Debug, Clone, Serialize)]
pub struct RoleRef {
    pub id: String,
    pub name: String,
    pub short: String,
    pub path: String,
}

/// An activity as linked.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityRef {
    pub id: String,
    pub n: usize,
    pub name: String,
    pub path: String,
    pub required: bool,
}

/// Everything derived from the process and book once per build, shared by all pages.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub site: SiteInfo,
    pub nav: Nav,
    /// Every Markdown page in reading order, for "previous" and "next" and the list of pages.
    pub pages: Vec<NavLink>,
    pub site_url: Option<String>,
    pub codes: Vec<CodeView>,
    pub roles: Vec<RoleRef>,
    pub activities: Vec<ActivityRef>,
    pub role_html: Vec<String>,
    pub activity_html: Vec<String>,
    pub process_html: String,
    pub edit_url_template: Option<String>,
    /// The process file, the source of the home page, the matrix and role and activity pages.
    pub process_file: std::path::PathBuf,
    /// Everyone the records name, with their pages (shared with the fragments).
    pub people: Arc<Directory>,
}

pub fn duty_class(d: Duty) -> &'static str {
    match d {
        Duty::Drive => "duty-drive",
        Duty::Approve => "duty-approve",
        Duty::Contribute => "duty-contribute",
        Duty::Inform => "duty-inform",
    }
}

impl Prepared {
    pub fn new(book: &Book, process: &Process) -> Prepared {
        Prepared::with_people(book, process, Arc::new(Directory::new(&book.projects)))
    }

    /// [`Prepared::new`] with the people directory already made.
    pub fn with_people(book: &Book, process: &Process, people: Arc<Directory>) -> Prepared {
        let cfg = &book.config;
        let roles: Vec<RoleRef> = process
            .roles
            .iter()
            .map(|r| RoleRef {
                id: r.id.clone(),
                name: r.name.clone(),
                short: r.short_name().to_string(),
                path: paths::role(&r.id),
            })
            .collect();
        let activities: Vec<ActivityRef> = process
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| ActivityRef {
                id: a.id.clone(),
                n: i + 1,
                name: a.name.clone(),
                path: paths::activity(&a.id),
                required: a.required,
            })
            .collect();
        let pages: Vec<NavLink> = book
            .pages
            .iter()
            .map(|p| NavLink {
                title: p.title(),
                path: paths::page(&p.path),
                short: String::new(),
            })
            .collect();
        let long = pages.len() > NAV_PAGES;
        let nav = Nav {
            pages: pages[..if long { NAV_PAGES_HEAD } else { pages.len() }].to_vec(),
            all_pages: long.then(|| AllPages {
                path: paths::ALL_PAGES.to_string(),
                count: pages.len(),
            }),
            roles: roles
                .iter()
                .map(|r| NavLink {
                    title: r.name.clone(),
                    path: r.path.clone(),
                    short: r.short.clone(),
                })
                .collect(),
            activities: activities
                .iter()
                .map(|a| NavLink {
                    title: a.name.clone(),
                    path: a.path.clone(),
                    short: a.n.to_string(),
                })
                .collect(),
            project_count: book.projects.len(),
        };
        Prepared {
            site: SiteInfo {
                title: cfg.book.title.clone(),
                description: cfg.book.description.clone(),
                language: cfg.book.language.clone(),
                process_name: process.name.clone(),
                repository_url: cfg.output.html.git_repository_url.clone(),
            },
            nav,
            pages,
            site_url: cfg
                .output
                .html
                .site_url
                .as_ref()
                .map(|u| if u.ends_with('/') { u.clone() } else { format!("{u}/") }),
            codes: process
                .codes
                .iter()
                .map(|c| CodeView {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    duty: c.duty,
                    meaning: c.meaning.clone(),
                    class: duty_class(c.duty),
                })
                .collect(),
            roles,
            activities,
            role_html: process.roles.iter().map(|r| md(&r.description, "../")).collect(),
            activity_html: process.activities.iter().map(|a| md(&a.description, "../")).collect(),
            process_html: md(&process.description, ""),
            edit_url_template: cfg.output.html.edit_url_template.clone(),
            process_file: cfg.content.process.clone(),
            people,
        }
    }

    /// The shared context of the page at `path`.
    pub fn common(&self, path: &str, title: impl Into<String>, kind: &'static str) -> Common<'_> {
        Common {
            site: &self.site,
            nav: &self.nav,
            nav_nearby: &[],
            root: paths::root_from(path),
            path: path.to_string(),
            title: title.into(),
            canonical: self.site_url.as_ref().map(|u| format!("{u}{path}")),
            kind,
            edit_url: None,
            has_code: false,
        }
    }

    /// The shared context of the `i`th Markdown page, with the pages around it when the
    /// navigation does not list them all.
    pub fn common_of_page(&self, i: usize) -> Common<'_> {
        let link = &self.pages[i];
        let mut common = self.common(&link.path, link.title.clone(), "page");
        if self.nav.all_pages.is_some() {
            let start = i.saturating_sub(NAV_NEARBY).max(NAV_PAGES_HEAD);
            let end = (i + NAV_NEARBY + 1).min(self.pages.len());
            if start < end {
                common.nav_nearby = &self.pages[start..end];
            }
        }
        common
    }

    /// The pages before and after the `i`th Markdown page.
    pub fn page_turns(&self, i: usize) -> (Option<&NavLink>, Option<&NavLink>) {
        (i.checked_sub(1).and_then(|j| self.pages.get(j)), self.pages.get(i + 1))
    }

    /// Where to edit `file` (relative to the book root), when book.toml says how.
    pub fn edit_url(&self, file: &std::path::Path) -> Option<String> {
        let template = self.edit_url_template.as_ref()?;
        let path: Vec<String> = file
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(
                    percent_encoding::utf8_percent_encode(&s.to_string_lossy(), crate::url::URL_SEGMENT).to_string(),
                ),
                _ => None,
            })
            .collect();
        Some(template.replace("{path}", &path.join("/")))
    }

    pub fn code(&self, id: &str) -> Option<&CodeView> {
        self.codes.iter().find(|c| c.id == id)
    }
}

/// Markdown from a YAML record, rendered untrusted, for a page whose path to the site root
/// is `root` (record links are relative to the site root).
pub fn md(text: &str, root: &str) -> String {
    markdown::render_with(
        text,
        markdown::Style {
            trust: Trust::Record,
            root,
            reserved_ids: &[],
        },
    )
    .html
}
