//! No page grows without bound with the number of projects: a field name used by many schemas
//! shows its first uses on its letter page of the dictionary and lists every use on pages of
//! its own, and a person in many projects has their projects on pages of two hundred.

mod common;

use common::site::{build_site, page, resolve, select, Target};
use common::{Book, PROCESS};
use dacibook::site::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Projects in the generated book.
const PROJECTS: usize = 450;
/// The most uses an entry shows on a letter page.
const ENTRY_USES: usize = 20;
/// The most uses on a page of a name's uses, and projects on a page of a person's.
const PER_PAGE: usize = 200;

/// `PROJECTS` projects, each with a product manager (Sam Lee, for all), an analyst of its own,
/// the field `event.session_id` (a third of them with another description: two meanings) and
/// `Screen` shared by five.
fn big_book() -> Book {
    let book = Book::bare();
    book.write("content/process.yaml", PROCESS);
    for i in 0..PROJECTS {
        let description = match i % 3 {
            0 => "The session the event belongs to.",
            _ => "The id of the browser session.",
        };
        book.write(
            &format!("content/projects/p{i:03}.yaml"),
            &format!(
                "title: Project {i:03}
status: proposed
people:
  product-manager:
    - name: Sam Lee
  data-analyst:
    - name: Analyst {i:03}
stages:
  decide-metrics:
    status: in-progress
    started: 2026-02-02
schema:
  name: Schema{i}
  fields:
    - name: event
      type: object
      description: What happened.
      fields:
        - name: session_id
          type: string
          description: {description}
          sensitivity: internal
    - name: screen_{s}
      type: string
      description: The screen shown.
      sensitivity: public
",
                s = i % 90
            ),
        );
    }
    book
}

/// The big book, built once for the tests of this file.
fn big_site() -> &'static Site {
    static SITE: OnceLock<(Book, Site)> = OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let book = big_book();
        let site = build_site(book.root());
        (book, site)
    });
    site
}

/// The pager's items on `path`: the text of each and where it links (empty for the current).
fn pager(site: &Site, path: &str) -> Vec<(String, Option<String>)> {
    let doc = page(site, path);
    select(&doc, "nav.list-pager li")
        .iter()
        .map(|li| {
            let href = li
                .select(&scraper::Selector::parse("a").expect("a selector"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .map(|h| match resolve(path, h, None) {
                    Target::Internal(p, _) => p,
                    other => panic!("{h} on {path} leaves the site: {other:?}"),
                });
            (li.text().collect::<String>(), href)
        })
        .collect()
}

/// The path of the page `href` on `from` leads to.
fn target(from: &str, href: &str) -> String {
    match resolve(from, href, None) {
        Target::Internal(p, _) => p,
        other => panic!("{href} on {from} leaves the site: {other:?}"),
    }
}

#[test]
fn an_entry_shows_the_first_twenty_uses_and_links_the_pages_of_all() {
    let site = big_site();
    let name = "event.session_id";
    let letter = page(site, "dictionary/e.html");
    let entry = format!("section.entry[data-field=\"{name}\"]");
    let uses = select(&letter, &format!("{entry} ul.uses > li"));
    assert_eq!(uses.len(), ENTRY_USES, "the entry shows the cap");
    let meta: String = select(&letter, &format!("{entry} .entry-meta"))[0].text().collect();
    let meta = meta.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(meta.contains("Used in 450 schemas; the first 20 here"), "{meta}");
    let links: Vec<String> = select(&letter, &format!("{entry} .all-uses a"))
        .iter()
        .map(|a| target("dictionary/e.html", a.value().attr("href").unwrap_or_default()))
        .collect();
    assert_eq!(links, ["dictionary/uses/event-2esession_id.html"]);
    // A name used less shows every use, and has no pages of its own.
    let screen = page(site, "dictionary/s.html");
    assert_eq!(
        select(&screen, "section.entry[data-field=\"screen_0\"] ul.uses > li").len(),
        5
    );
    assert!(select(&screen, ".all-uses").is_empty());
    assert!(!site.files.keys().any(|p| p.contains("uses/screen")));
}

#[test]
fn the_pages_of_a_names_uses_list_every_use_once_and_link_each_other() {
    let site = big_site();
    let pages = [
        "dictionary/uses/event-2esession_id.html",
        "dictionary/uses/event-2esession_id.page-2.html",
        "dictionary/uses/event-2esession_id.page-3.html",
    ];
    let uses_pages: Vec<&String> = site
        .files
        .keys()
        .filter(|p| p.starts_with("dictionary/uses/"))
        .collect();
    assert_eq!(uses_pages, pages, "only the name used more than the cap has pages");
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut sizes = Vec::new();
    for path in pages {
        let doc = page(site, path);
        let uses = select(&doc, "ul.uses > li");
        sizes.push(uses.len());
        for u in uses {
            *seen
                .entry(u.value().attr("data-schema").unwrap_or_default().to_string())
                .or_default() += 1;
        }
        // Every page links every other, and back to the entry.
        let linked: BTreeSet<String> = pager(site, path).into_iter().filter_map(|(_, h)| h).collect();
        let others: BTreeSet<String> = pages.iter().filter(|p| **p != path).map(|p| p.to_string()).collect();
        assert_eq!(linked, others, "{path} links the other pages");
        let back: Vec<String> = select(&doc, ".eyebrow a")
            .iter()
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            back,
            [
                "../../dictionary.html",
                "../../dictionary/e.html#field-event.session_id"
            ]
        );
        // The meanings are described on the page.
        assert!(!select(&doc, ".definition .desc").is_empty());
    }
    assert_eq!(sizes, [PER_PAGE, PER_PAGE, PROJECTS - 2 * PER_PAGE]);
    assert_eq!(seen.len(), PROJECTS, "every use is listed");
    assert!(seen.values().all(|&n| n == 1), "each use once");
    let labels: Vec<String> = pager(site, pages[0]).into_iter().map(|(t, _)| t).collect();
    assert_eq!(labels, ["1–200", "201–400", "401–450"]);
    // Two meanings: each headed where its uses are.
    let first = page(site, pages[0]);
    let heads: Vec<String> = select(&first, ".definition h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(heads, ["Meaning 1 of 2", "Meaning 2 of 2"]);
    let last = page(site, pages[2]);
    let heads: Vec<String> = select(&last, ".definition h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(heads, ["Meaning 2 of 2"]);
}

#[test]
fn a_person_in_more_than_two_hundred_projects_gets_pages_of_them() {
    let site = big_site();
    let pages = [
        "people/sam-lee.html",
        "people/sam-lee.page-2.html",
        "people/sam-lee.page-3.html",
    ];
    let mut seen = BTreeSet::new();
    let mut sizes = Vec::new();
    for path in pages {
        let doc = page(site, path);
        let rows = select(&doc, "table.person-projects tbody tr");
        sizes.push(rows.len());
        for r in rows {
            assert!(seen.insert(r.value().attr("data-project").unwrap_or_default().to_string()));
        }
        let linked: BTreeSet<String> = pager(site, path).into_iter().filter_map(|(_, h)| h).collect();
        let others: BTreeSet<String> = pages.iter().filter(|p| **p != path).map(|p| p.to_string()).collect();
        assert_eq!(linked, others, "{path} links the other pages");
    }
    assert_eq!(sizes, [PER_PAGE, PER_PAGE, PROJECTS - 2 * PER_PAGE]);
    assert_eq!(seen.len(), PROJECTS);
    assert!(!site.files.contains_key("people/sam-lee.page-4.html"));
    let heading: String = select(&page(site, pages[2]), ".role-set h3")[0].text().collect();
    let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(heading, "As Product Manager (450 projects, 50 on this page)");
    // Someone in one project has one page, and no pager.
    assert!(select(&page(site, "people/analyst-000.html"), "nav.list-pager").is_empty());
    assert!(!site.files.contains_key("people/analyst-000.page-2.html"));
}
