//! Turns a checked book into a site in memory: every page rendered (in parallel) through the
//! theme's templates, the static files, and the machine-readable exports.

pub mod dictionary_pages;
pub mod exports;
pub mod filter_data;
mod filters;
pub mod fragments;
pub mod highlight;
mod incremental;
pub mod markdown;
pub mod paths;
pub mod raw_html;
pub mod search;
mod table_labels;
pub mod theme;
pub mod views;

use crate::diagnostic::Diagnostic;
use crate::model::{self, Book, Page, Process};
use crate::site::{PageLink, Site};
pub use fragments::Fragments;
pub use incremental::{rerender_projects, Edit, Rerendered};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
pub use theme::Theme;
use views::common::Common;
use views::Prepared;

/// A page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    /// A further page of projects, by number (from 2).
    ProjectsPage(usize),
    Matrix,
    Dictionary,
    /// A page of dictionary entries, by index in [`Fragments::dictionary_pages`].
    DictionaryPage(usize),
    /// A page of the uses of a field name, by index in [`Fragments::dictionary_uses_pages`].
    DictionaryUses(usize),
    NotFound,
    Board,
    People,
    /// A further page of the list of everyone, by number (from 2).
    PeoplePage(usize),
    Role(usize),
    /// A further page of the projects of a role: (role, page number from 2).
    RolePage(usize, usize),
    Activity(usize),
    /// A further page of the projects at an activity: (activity, page number from 2).
    StagePage(usize, usize),
    Project(usize),
    /// A person, by index in the people directory.
    Person(usize),
    /// A further page of a person's projects: (person, page number from 2).
    PersonPage(usize, usize),
    Page(usize),
    /// The list of every Markdown page, in a book with too many for the navigation.
    AllPages,
}

/// A template's whole context: the shared part and the page's own, side by side.
#[derive(Serialize)]
struct Context<'a, T: Serialize> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    page: T,
}

#[derive(Serialize)]
struct PageView<'a> {
    content_html: &'a str,
    /// `content_html` split after its leading `<h1>`, when it starts with one, so that the
    /// contents list can go under the title: the heading, and the rest.
    lead_html: &'a str,
    body_html: &'a str,
    /// A long page's contents: its second- and third-level headings (empty on a short page).
    toc: &'a [markdown::Heading],
    source_file: String,
    /// The pages before and after this one in reading order.
    previous: Option<&'a views::common::NavLink>,
    next: Option<&'a views::common::NavLink>,
}

#[derive(Serialize)]
struct AllPagesView<'a> {
    pages: &'a [views::common::NavLink],
}

#[derive(Serialize)]
struct Empty {}

/// One rendered page: its path, HTML, and the Markdown links it holds (to check them).
type Output = (String, String, Vec<PageLink>);

fn process_of(book: &Book) -> Result<&Process, Vec<Diagnostic>> {
    match book.process.as_ref() {
        Some(p) => Ok(p),
        None => Err(vec![Diagnostic::error(
            "no-process",
            "the book has no process to render",
        )]),
    }
}

/// What every page is rendered from.
struct Inputs<'a> {
    book: &'a Book,
    process: &'a Process,
    prepared: &'a Prepared,
    diagnostics: &'a [Diagnostic],
    theme: &'a Theme,
    fragments: &'a Fragments,
    /// The page of each field name's dictionary entry.
    entries: &'a HashMap<&'a str, String>,
    /// The pages of the uses of field names: (name, page number).
    uses: &'a [(&'a str, usize)],
}

/// Renders `jobs` in parallel into `site`; a page written twice is an error when `fresh`.
fn render_into(site: &mut Site, jobs: &[Job], inputs: &Inputs, fresh: bool) -> (Vec<String>, Vec<Diagnostic>) {
    let results: Vec<Result<Output, Diagnostic>> = jobs.par_iter().map(|job| render_job(*job, inputs)).collect();
    let mut written = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((path, html, links)) => {
                if site.insert(path.clone(), html.into_bytes()).is_some() && fresh {
                    let page = inputs.book.pages.iter().find(|p| paths::page(&p.path) == path);
                    let d = Diagnostic::error("path-clash", format!("two pages would be written to {path}"))
                        .hint("rename the Markdown page so it does not clash with a generated page");
                    errors.push(match page {
                        Some(p) => d.at(p.source.start()),
                        None => d,
                    });
                }
                site.page_links.extend(links);
                written.push(path);
            }
            Err(d) => errors.push(d),
        }
    }
    (written, errors)
}

/// The further pages of the list of `count` people.
fn people_pages(count: usize) -> impl Iterator<Item = Job> {
    (2..=count.div_ceil(paths::PEOPLE_PER_PAGE)).map(Job::PeoplePage)
}

/// The pages of person `i` of `people`: theirs, and the further pages of their projects.
fn person_jobs(people: &model::people::Directory, i: usize) -> impl Iterator<Item = Job> {
    let pages = people.people[i].projects().len().div_ceil(paths::PERSON_ROWS_PER_PAGE);
    std::iter::once(Job::Person(i)).chain((2..=pages).map(move |n| Job::PersonPage(i, n)))
}

/// The further pages of the projects of each role.
fn role_pages(process: &Process, book: &Book) -> Vec<Job> {
    let pages = book.projects.len().div_ceil(paths::ROLE_ROWS_PER_PAGE);
    (0..process.roles.len())
        .flat_map(|i| (2..=pages).map(move |n| Job::RolePage(i, n)))
        .collect()
}

/// The further pages of the projects at each activity.
fn stage_pages(process: &Process, book: &Book) -> Vec<Job> {
    let pages = book.projects.len().div_ceil(paths::STAGE_ROWS_PER_PAGE);
    (0..process.activities.len())
        .flat_map(|i| (2..=pages).map(move |n| Job::StagePage(i, n)))
        .collect()
}

/// Renders the whole site. `diagnostics` (warnings) are shown on the pages they concern. The
/// fragments are kept to re-render after a record changes ([`rerender_projects`]).
pub fn render(book: &Book, diagnostics: &[Diagnostic], theme: &Theme) -> Result<(Site, Fragments), Vec<Diagnostic>> {
    let process = process_of(book)?;
    let prepared = Prepared::new(book, process);
    let fragments = Fragments::new(book, process, &prepared, theme)?;
    let mut jobs = vec![
        Job::Home,
        Job::Matrix,
        Job::Dictionary,
        Job::NotFound,
        Job::Board,
        Job::People,
    ];
    jobs.extend((0..fragments.dictionary_pages().len()).map(Job::DictionaryPage));
    let uses = fragments.dictionary_uses_pages();
    jobs.extend((0..uses.len()).map(Job::DictionaryUses));
    jobs.extend((2..=paths::projects_page_count(book.projects.len())).map(Job::ProjectsPage));
    jobs.extend(people_pages(prepared.people.people.len()));
    jobs.extend((0..process.roles.len()).map(Job::Role));
    jobs.extend(role_pages(process, book));
    jobs.extend((0..process.activities.len()).map(Job::Activity));
    jobs.extend(stage_pages(process, book));
    jobs.extend((0..book.projects.len()).map(Job::Project));
    jobs.extend((0..prepared.people.people.len()).flat_map(|i| person_jobs(&prepared.people, i)));
    jobs.extend((0..book.pages.len()).map(Job::Page));
    if prepared.nav.all_pages.is_some() {
        jobs.push(Job::AllPages);
    }
    let mut site = Site {
        content_links: crate::check::links::content_links(book),
        ..Site::default()
    };
    let entries = fragments.dictionary_locations();
    let inputs = Inputs {
        book,
        process,
        prepared: &prepared,
        diagnostics,
        theme,
        fragments: &fragments,
        entries: &entries,
        uses: &uses,
    };
    // The search index and the filters' data are made while the pages render.
    let ((_, mut errors), (index, filters)) = rayon::join(
        || render_into(&mut site, &jobs, &inputs, true),
        || {
            rayon::join(
                || search::index_js(book, process, &prepared.people),
                || FilterData::make(book, process, &fragments),
            )
        },
    );
    for (path, bytes) in &theme.statics {
        site.insert(path.clone(), bytes.clone());
    }
    exports::add(&mut site, book, process).map_err(|d| vec![d])?;
    site.insert(search::INDEX, index);
    filters.add(&mut site);
    site.insert(".nojekyll", Vec::new());
    let html = &book.config.output.html;
    if let Some(cname) = &html.cname {
        site.insert("CNAME", format!("{}\n", cname.trim()).into_bytes());
    }
    // The book's own files go in last, so that one in place of any generated file is refused.
    for (path, bytes) in &book.assets {
        if site.insert(path.clone(), bytes.clone()).is_some() {
            let file = book.config.content.pages.join(path);
            errors.push(
                Diagnostic::error(
                    "path-clash",
                    format!("the file {path} would replace a file dacibook generates"),
                )
                .at(crate::source::Location {
                    file,
                    line: 1,
                    column: 1,
                    bytes: 0..0,
                })
                .hint("rename or move the file"),
            );
        }
    }
    if let Some(url) = &prepared.site_url {
        site.insert("sitemap.xml", sitemap(url, &site).into_bytes());
    }
    if errors.is_empty() {
        Ok((site, fragments))
    } else {
        Err(errors)
    }
}

/// The data of the filters on the home page, the board and the dictionary's index.
/// Made beside the pages (they share nothing), and added with [`FilterData::add`].
struct FilterData {
    projects: Vec<u8>,
    dictionary: Vec<u8>,
}

impl FilterData {
    fn make(book: &Book, process: &Process, fragments: &Fragments) -> FilterData {
        let pages = fragments.dictionary_pages();
        FilterData {
            projects: filter_data::projects_js(book, process),
            dictionary: filter_data::dictionary_js(&pages, |n| fragments.is_conflict(n)),
        }
    }

    fn add(self, site: &mut Site) {
        site.insert(filter_data::PROJECTS, self.projects);
        site.insert(filter_data::DICTIONARY, self.dictionary);
    }
}

fn render_job(job: Job, inputs: &Inputs) -> Result<Output, Diagnostic> {
    let Inputs {
        book,
        process,
        prepared,
        diagnostics,
        theme,
        fragments,
        ..
    } = *inputs;
    let process_file = Some(prepared.process_file.as_path());
    let page = |path: String, title: &str, kind: &'static str, template: &str| Target {
        prepared,
        theme,
        path,
        title: title.to_string(),
        kind,
        template: template.to_string(),
        source: process_file,
    };
    match job {
        Job::Home => page(paths::HOME.into(), &book.config.book.title, "home", "index.html")
            .render(&views::home::view(book, process, prepared, &fragments.cards_html(1))),
        Job::ProjectsPage(n) => {
            let count = book.projects.len();
            let pager = views::home::pager(count, n);
            let (first, last) = pager.get(n - 1).map_or((0, 0), |p| (p.first, p.last));
            let cards = fragments.cards_html(n);
            let view = views::home::ProjectsPageView {
                number: n,
                page_count: pager.len(),
                project_count: count,
                first,
                last,
                project_cards_html: &cards,
                pager,
            };
            let title = format!("Projects {} to {} of {}", first, last, count);
            let target = Target {
                source: None,
                ..page(paths::projects_page(n), &title, "projects", "projects.html")
            };
            target.render(&view)
        }
        Job::Matrix => page(paths::MATRIX.into(), "Role matrix", "matrix", "matrix.html")
            .render(&views::process::matrix(process, prepared)),
        Job::Dictionary => {
            let (entry_count, conflict_count) = fragments.dictionary_counts();
            let (jumps, letters) = views::dictionary::letters(&fragments.dictionary_pages());
            let view = views::dictionary::DictionaryView {
                entry_count,
                field_count: book
                    .projects
                    .iter()
                    .filter_map(|p| p.schema.as_ref())
                    .map(|s| s.fields.len())
                    .sum(),
                schema_count: book.projects.iter().filter(|p| p.schema.is_some()).count(),
                conflict_count,
                jumps,
                letters,
            };
            let target = Target {
                source: None,
                ..page(
                    paths::DICTIONARY.into(),
                    "Data dictionary",
                    "dictionary",
                    "dictionary.html",
                )
            };
            target.render(&view)
        }
        Job::DictionaryPage(k) => {
            let pages = fragments.dictionary_pages();
            let p = &pages[k];
            let (index_html, entries_html) = fragments.dictionary_page_html(p);
            let label = views::dictionary::letter_label(&p.letter);
            let view = views::dictionary::DictionaryPageView {
                letter: label.clone(),
                number: p.number,
                of: p.of,
                count: p.names.len(),
                index_html: &index_html,
                entries_html: &entries_html,
                previous: k.checked_sub(1).map(|i| views::dictionary::page_ref(&pages[i])),
                next: pages.get(k + 1).map(views::dictionary::page_ref),
            };
            let title = match p.of {
                1 => format!("Data dictionary: {label}"),
                of => format!("Data dictionary: {label} ({} of {of})", p.number),
            };
            let target = Target {
                source: None,
                ..page(p.path.clone(), &title, "dictionary", "dictionary-page.html")
            };
            target.render(&view)
        }
        Job::DictionaryUses(k) => {
            let (name, n) = inputs.uses[k];
            let letter_page = inputs.entries.get(name).map_or(paths::DICTIONARY, String::as_str);
            let e = views::dictionary::entry(book, name, fragments.places(name), "../../");
            let view = views::dictionary::uses_page(e, letter_page, n);
            let title = match view.of {
                1 => format!("Uses of the field {name}"),
                of => format!("Uses of the field {name} ({n} of {of})"),
            };
            let target = Target {
                source: None,
                ..page(
                    paths::dictionary_uses(name, n),
                    &title,
                    "dictionary",
                    "dictionary-uses.html",
                )
            };
            target.render(&view)
        }
        Job::NotFound => {
            let mut common = prepared.common(paths::NOT_FOUND, "Page not found", "not-found");
            // GitHub Pages serves 404.html at any depth, so its links start at the site's
            // path (`/repo/`): right on the published site and under `serve` alike.
            common.root = paths::prefix_of(prepared.site_url.as_deref());
            // A "not found" page is served at every missing address; it has no canonical one.
            common.canonical = None;
            let html = theme.render("404.html", &Context { common, page: Empty {} })?;
            Ok((paths::NOT_FOUND.into(), html, Vec::new()))
        }
        Job::Role(i) | Job::RolePage(i, _) => {
            let n = match job {
                Job::RolePage(_, n) => n,
                _ => 1,
            };
            let r = &process.roles[i];
            let rows = fragments.role_rows_html(i, n);
            let mut view = views::process::role(process, prepared, i, views::process::RoleRows::from(&rows));
            view.pager = views::process::role_pager(book.projects.len(), &r.id, n);
            let title = match view.pager.get(n - 1).filter(|_| n > 1) {
                Some(p) => format!(
                    "{}: projects {} to {} of {}",
                    r.name,
                    p.first,
                    p.last,
                    book.projects.len()
                ),
                None => r.name.clone(),
            };
            page(paths::role_page(&r.id, n), &title, "role", "role.html").render(&view)
        }
        Job::Activity(i) => {
            let a = &process.activities[i];
            let rows = fragments.stage_rows_html(i, 1);
            page(paths::activity(&a.id), &a.name, "activity", "activity.html")
                .render(&views::process::activity(book, process, prepared, i, &rows))
        }
        Job::StagePage(i, n) => {
            let a = &process.activities[i];
            let rows = fragments.stage_rows_html(i, n);
            let count = book.projects.len();
            let pager = views::process::activity_pager(count, &a.id, n);
            let (first, last) = pager.get(n - 1).map_or((0, 0), |p| (p.first, p.last));
            let view = views::process::StagePageView {
                activity: &prepared.activities[i],
                number: n,
                page_count: pager.len(),
                project_count: count,
                first,
                last,
                project_rows_html: &rows,
                pager,
            };
            let title = format!("{}: projects {first} to {last} of {count}", a.name);
            let target = Target {
                source: None,
                ..page(paths::activity_page(&a.id, n), &title, "activity", "stage-page.html")
            };
            target.render(&view)
        }
        Job::Project(i) => {
            let p = &book.projects[i];
            let file = &p.record.locator.file().path;
            let mine: Vec<&Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.location.as_ref().is_some_and(|l| &l.file == file))
                .collect();
            let target = Target {
                source: Some(file.as_path()),
                ..page(paths::project(&p.id), &p.title, "project", "project.html")
            };
            target.render(&views::project::view(process, prepared, p, &mine, inputs.entries))
        }
        Job::Board => {
            let view = views::board::view(prepared, &fragments.board_cards());
            let target = Target {
                source: None,
                ..page(paths::BOARD.into(), "Board", "board", "board.html")
            };
            target.render(&view)
        }
        Job::People | Job::PeoplePage(_) => {
            let n = match job {
                Job::PeoplePage(n) => n,
                _ => 1,
            };
            let count = prepared.people.people.len();
            let rows_html = fragments.person_rows_html(&prepared.people, n);
            let pager = views::people::people_pager(count, n);
            let (first, last) = pager.get(n - 1).map_or((1, count), |p| (p.first, p.last));
            let view = views::people::PeopleView {
                count,
                rows_html: &rows_html,
                number: n,
                first,
                last,
                pager,
            };
            let title = match n {
                1 => "People".to_string(),
                _ => format!("People {first} to {last} of {count}"),
            };
            let target = Target {
                source: None,
                ..page(paths::people_page(n), &title, "people", "people.html")
            };
            target.render(&view)
        }
        Job::Person(i) | Job::PersonPage(i, _) => {
            let n = match job {
                Job::PersonPage(_, n) => n,
                _ => 1,
            };
            let entry = &prepared.people.people[i];
            let (waiting_count, waiting_html, sets) = fragments.person_html(entry, n);
            let view = views::people::person(process, prepared, entry, waiting_count, &waiting_html, sets, n);
            let title = match n {
                1 => entry.name.clone(),
                _ => format!(
                    "{}: projects {} to {} of {}",
                    entry.name,
                    view.first,
                    view.last,
                    entry.projects().len()
                ),
            };
            let target = Target {
                source: None,
                ..page(paths::person_page(&entry.slug, n), &title, "person", "person.html")
            };
            target.render(&view)
        }
        Job::Page(i) => {
            let trust = match book.config.output.html.raw_html {
                crate::config::RawHtml::Sanitized => markdown::Trust::Page,
                crate::config::RawHtml::Trusted => markdown::Trust::TrustedPage,
            };
            render_page(i, &book.pages[i], trust, prepared, theme)
        }
        Job::AllPages => Target {
            source: None,
            ..page(paths::ALL_PAGES.into(), "All pages", "pages", "pages.html")
        }
        .render(&AllPagesView { pages: &prepared.pages }),
    }
}

/// Ids the default layout gives its own elements; headings of a page never take them.
const PAGE_TEMPLATE_IDS: &[&str] = &[
    "content",
    "sidebar",
    "theme-toggle",
    "nav-roles",
    "nav-activities",
    "search",
    "search-input",
    "search-results",
    "search-status",
    "page-toc-h",
];

fn render_page(
    i: usize,
    p: &Page,
    trust: markdown::Trust,
    prepared: &Prepared,
    theme: &Theme,
) -> Result<Output, Diagnostic> {
    let path = paths::page(&p.path);
    let rendered = markdown::render_with(
        &p.body,
        markdown::Style {
            trust,
            root: "",
            reserved_ids: PAGE_TEMPLATE_IDS,
        },
    );
    let body_start = p.source.text.len() - p.body.len();
    let links = rendered
        .links
        .iter()
        .map(|l| PageLink {
            page: path.clone(),
            href: l.href.clone(),
            location: p
                .source
                .location_of_bytes(body_start + l.offset..body_start + l.offset + 1),
        })
        .collect();
    let (previous, next) = prepared.page_turns(i);
    // A page with at least this many sections gets a contents list.
    const TOC_MIN_SECTIONS: usize = 4;
    let sections = rendered.headings.iter().filter(|h| h.level == 2).count();
    let (lead_html, body_html) = split_title(&rendered.html);
    let view = PageView {
        content_html: &rendered.html,
        lead_html,
        body_html,
        toc: if sections >= TOC_MIN_SECTIONS {
            &rendered.headings
        } else {
            &[]
        },
        source_file: p.source.path.display().to_string(),
        previous,
        next,
    };
    let mut common = prepared.common_of_page(i);
    common.edit_url = prepared.edit_url(&p.source.path);
    let html = render_with_code_css(theme, "page.html", Context { common, page: view })?;
    Ok((path, html, links))
}

fn sitemap(site_url: &str, site: &Site) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in site
        .files
        .keys()
        .filter(|p| p.ends_with(".html") && p.as_str() != paths::NOT_FOUND)
    {
        s += &format!(
            "  <url><loc>{}</loc></url>\n",
            crate::render::theme::escape(&format!(
                "{site_url}{}",
                percent_encoding::utf8_percent_encode(path, crate::url::URL_PATH)
            ))
        );
    }
    s + "</urlset>\n"
}

/// A page about to be rendered: where it goes and with which template.
struct Target<'a> {
    prepared: &'a Prepared,
    theme: &'a Theme,
    path: String,
    title: String,
    kind: &'static str,
    template: String,
    /// The file the page is made from, for "Edit this page".
    source: Option<&'a std::path::Path>,
}

impl Target<'_> {
    fn render<T: Serialize>(self, view: &T) -> Result<Output, Diagnostic> {
        let mut common = self.prepared.common(&self.path, self.title, self.kind);
        common.edit_url = self.source.and_then(|s| self.prepared.edit_url(s));
        let html = render_with_code_css(self.theme, &self.template, Context { common, page: view })?;
        Ok((self.path, html, Vec::new()))
    }
}

/// Renders `template`; when the page turns out to hold a code block, again with `has_code` set,
/// so that only such pages load `highlight.css`.
fn render_with_code_css<T: Serialize>(
    theme: &Theme,
    template: &str,
    mut ctx: Context<T>,
) -> Result<String, Diagnostic> {
    let html = theme.render(template, &ctx)?;
    if !html.contains(highlight::BLOCK_START) {
        return Ok(html);
    }
    ctx.common.has_code = true;
    theme.render(template, &ctx)
}

/// A page's HTML split after its first element when that is the page's `<h1>`.
fn split_title(html: &str) -> (&str, &str) {
    if html.starts_with("<h1") {
        if let Some(end) = html.find("</h1>") {
            let at = end + "</h1>".len();
            let at = if html[at..].starts_with('\n') { at + 1 } else { at };
            return html.split_at(at);
        }
    }
    ("", html)
}
