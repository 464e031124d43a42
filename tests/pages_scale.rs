//! Pages that scale: in a book of a few hundred projects, every project page and every field's
//! dictionary entry is reachable from the home page in at most three clicks on plain links,
//! and the dictionary is split so that no page of it holds more than a page's worth of entries.

mod common;

use common::site::{build_site, file_text, page, resolve, select, Target};
use common::{Book, PROCESS};
use dacibook::site::Site;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::OnceLock;

/// Projects in the generated book.
const PROJECTS: usize = 260;
/// The most entries on one dictionary page.
const PER_PAGE: usize = 40;

/// A book of `PROJECTS` projects, each with an analyst of its own (and one product manager for
/// all), each with a field of its own (`field_NNN`), one shared by
/// all (`page_id`) and one shared by its tenth (`metric_N`): 291 names, most under `f`.
fn big_book() -> Book {
    let book = Book::bare();
    book.write("content/process.yaml", PROCESS);
    for i in 0..PROJECTS {
        book.write(
            &format!("content/projects/p{i:03}.yaml"),
            &format!(
                "title: Project {i}
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
    - name: page_id
      type: integer
      description: The page's id on the wiki.
      sensitivity: public
    - name: field_{i:03}
      type: string
      description: What project {i} alone logs.
      sensitivity: internal
    - name: metric_{m}
      type: number
      description: A measure shared by ten projects.
      sensitivity: public
",
                m = i % 30
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

/// The pages reachable from `index.html` by following `<a href>` links breadth-first, with the
/// number of clicks to each, and the ids each page holds.
fn crawl(site: &Site) -> BTreeMap<String, usize> {
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([("index.html".to_string(), 0)]);
    depth.insert("index.html".to_string(), 0);
    while let Some((path, d)) = queue.pop_front() {
        let doc = page(site, &path);
        for a in select(&doc, "a[href]") {
            let href = a.value().attr("href").unwrap_or_default();
            let Target::Internal(target, _) = resolve(&path, href, None) else {
                continue;
            };
            if target.ends_with(".html") && site.files.contains_key(&target) && !depth.contains_key(&target) {
                depth.insert(target.clone(), d + 1);
                queue.push_back((target, d + 1));
            }
        }
    }
    depth
}

#[test]
fn every_project_and_dictionary_entry_is_within_three_clicks_of_home() {
    let site = big_site();
    let depth = crawl(site);
    let projects: Vec<&String> = site.files.keys().filter(|p| p.starts_with("projects/")).collect();
    assert_eq!(projects.len(), PROJECTS);
    for p in projects {
        let d = depth
            .get(p)
            .unwrap_or_else(|| panic!("{p} is not reachable from the home page"));
        assert!(*d <= 3, "{p} is {d} clicks from the home page");
    }
    // Where dictionary.json says each entry is: a page within three clicks holding its anchor.
    let json: serde_json::Value = serde_json::from_str(file_text(site, "dictionary.json")).expect("dictionary.json");
    let fields = json["fields"].as_array().expect("fields");
    assert_eq!(fields.len(), PROJECTS + 1 + 30);
    for f in fields {
        let name = f["name"].as_str().expect("a name");
        let at = f["page"].as_str().expect("a page");
        let Target::Internal(path, anchor) = resolve("index.html", at, None) else {
            panic!("`{name}` is at {at}, not in the site");
        };
        assert_eq!(anchor, format!("field-{name}"));
        let d = depth
            .get(&path)
            .unwrap_or_else(|| panic!("{path} (`{name}`) is not reachable from home"));
        assert!(*d <= 3, "`{name}` is on {path}, {d} clicks from home");
        let doc = page(site, &path);
        assert_eq!(
            select(
                &doc,
                &format!("section.entry[id=\"field-{name}\"][data-field=\"{name}\"]")
            )
            .len(),
            1,
            "{path} holds the entry of `{name}`"
        );
    }
}

#[test]
fn the_dictionary_is_an_index_of_letters_and_pages_of_at_most_forty_entries() {
    let site = big_site();
    let index = page(site, "dictionary.html");
    assert!(select(&index, "section.entry").is_empty(), "the index holds no entries");
    let jumps: Vec<String> = select(&index, ".letter-jumps a")
        .iter()
        .map(|a| {
            format!(
                "{}={}",
                a.text().collect::<String>(),
                a.value().attr("href").unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(jumps, ["F=#letter-f", "M=#letter-m", "P=#letter-p"]);
    let links: Vec<String> = select(&index, "#letter-f .dictionary-pages a")
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                a.value().attr("href").unwrap_or_default(),
                a.text().collect::<String>()
            )
        })
        .collect();
    let want: Vec<String> = (0..PROJECTS.div_ceil(PER_PAGE))
        .map(|k| {
            let path = match k {
                0 => "dictionary/f.html".to_string(),
                k => format!("dictionary/f-{}.html", k + 1),
            };
            let last = ((k + 1) * PER_PAGE).min(PROJECTS) - 1;
            format!("{path} field_{:03} – field_{last:03}", k * PER_PAGE)
        })
        .collect();
    assert_eq!(links, want);
    let mut seen = BTreeSet::new();
    // The letter pages (a name's own pages of uses, `dictionary/uses/`, hold no entries).
    for path in site
        .files
        .keys()
        .filter(|p| p.starts_with("dictionary/") && !p.starts_with("dictionary/uses/"))
    {
        let doc = page(site, path);
        let entries = select(&doc, "section.entry");
        assert!(
            !entries.is_empty() && entries.len() <= PER_PAGE,
            "{path} holds {} entries",
            entries.len()
        );
        for e in entries {
            assert!(seen.insert(e.value().attr("data-field").unwrap_or_default().to_string()));
        }
    }
    assert_eq!(seen.len(), PROJECTS + 1 + 30, "every name has one entry");
    // The search index sends a field to its entry's page.
    let search = file_text(site, "search-index.js");
    assert!(
        search.contains("\"dictionary/f-7.html#field-field_259\""),
        "{}",
        &search[..300]
    );
    assert!(!search.contains("\"dictionary.html#"));
}

#[test]
fn the_home_page_shows_fifty_projects_and_links_every_page_of_the_rest() {
    let site = big_site();
    let cards = |path: &str| -> Vec<String> {
        select(
            &page(site, path),
            ".project-list > li.project-card a[href^='projects/']",
        )
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
    };
    let home = page(site, "index.html");
    let pager: Vec<String> = select(&home, "nav.list-pager li")
        .iter()
        .map(|li| {
            let text = li.text().collect::<String>();
            let href = select_in(li, "a").unwrap_or_default();
            format!("{text} {href}")
        })
        .collect();
    let want: Vec<String> = (1..=6)
        .map(|n| {
            let href = if n == 1 {
                String::new()
            } else {
                format!("projects-{n}.html")
            };
            format!("{}–{} {href}", (n - 1) * 50 + 1, (n * 50).min(PROJECTS))
        })
        .collect();
    assert_eq!(pager, want);
    let mut seen: Vec<String> = Vec::new();
    for n in 1..=6 {
        let path = if n == 1 {
            "index.html".to_string()
        } else {
            format!("projects-{n}.html")
        };
        let on_page = cards(&path);
        assert_eq!(on_page.len(), if n == 6 { 10 } else { 50 }, "{path} shows its projects");
        seen.extend(on_page);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), PROJECTS, "every project is on one page of projects");
    assert!(!site.files.contains_key("projects-7.html"));
    let last = page(site, "projects-6.html");
    assert_eq!(
        select(&last, "main h1")[0]
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["Projects", "251–260", "of", "260"]
    );
}

/// The `href` of the first element matching `css` inside `el`.
fn select_in(el: &scraper::ElementRef, css: &str) -> Option<String> {
    let sel = scraper::Selector::parse(css).expect("a selector");
    el.select(&sel)
        .next()
        .and_then(|a| a.value().attr("href"))
        .map(str::to_string)
}

#[test]
fn an_activity_lists_two_hundred_projects_and_links_the_page_of_the_rest() {
    let site = big_site();
    let rows = |path: &str| -> Vec<String> {
        select(&page(site, path), "table.stage-table tbody tr th a")
            .iter()
            .map(|a| a.text().collect::<String>())
            .collect()
    };
    let first = rows("activities/decide-metrics.html");
    let rest = rows("activities/decide-metrics.page-2.html");
    assert_eq!((first.len(), rest.len()), (200, 60));
    assert_eq!(first[0], "Project 0");
    assert_eq!(rest[59], "Project 259");
    let pager: Vec<String> = select(&page(site, "activities/decide-metrics.html"), "nav.list-pager li")
        .iter()
        .map(|li| {
            format!(
                "{} {}",
                li.text().collect::<String>(),
                select_in(li, "a").unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(pager, ["1–200 ", "201–260 ../activities/decide-metrics.page-2.html"]);
    let back: Vec<String> = select(&page(site, "activities/decide-metrics.page-2.html"), "nav.list-pager a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert_eq!(back, ["../activities/decide-metrics.html#projects-at-stage"]);
    assert!(!site.files.contains_key("activities/decide-metrics.page-3.html"));
}

#[test]
fn the_list_of_people_shows_a_hundred_and_links_every_page_of_the_rest() {
    let site = big_site();
    let names = |path: &str| -> Vec<String> {
        select(&page(site, path), "table.people-index tbody tr th a")
            .iter()
            .map(|a| a.text().collect::<String>().trim().to_string())
            .collect()
    };
    let pages = [names("people.html"), names("people-2.html"), names("people-3.html")];
    let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
    assert_eq!(sizes, [100, 100, PROJECTS + 1 - 200]);
    assert_eq!(
        (pages[0][0].as_str(), pages[2][60].as_str()),
        ("Analyst 000", "Sam Lee")
    );
    assert!(!site.files.contains_key("people-4.html"));
    let pager: Vec<String> = select(&page(site, "people-3.html"), "nav.list-pager li")
        .iter()
        .map(|li| {
            format!(
                "{} {}",
                li.text().collect::<String>(),
                select_in(li, "a").unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        pager,
        ["1–100 people.html#everyone", "101–200 people-2.html", "201–261 "]
    );
}

#[test]
fn a_board_column_shows_eight_cards_and_links_the_activity_listing_the_rest() {
    let site = big_site();
    let board = page(site, "board.html");
    let columns = select(&board, "li.board-column");
    assert_eq!(columns.len(), 1, "every project is proposed, at decide-metrics");
    let heading: String = select(&board, "li.board-column h2")[0].text().collect();
    assert!(heading.ends_with("(260)"), "{heading}");
    assert_eq!(select(&board, "li.board-card").len(), 8);
    let more = &select(&board, "li.board-column .board-more")[0];
    assert_eq!(
        more.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "8 of 260 shown: active first, then proposed and paused, longest in the stage first. Every project at Decide metrics needs"
    );
    assert_eq!(
        select_in(more, "a").as_deref(),
        Some("activities/decide-metrics.html#projects-at-stage")
    );
}

#[test]
fn a_role_lists_two_hundred_projects_and_links_the_page_of_the_rest() {
    let site = big_site();
    let count = |path: &str, css: &str| select(&page(site, path), css).len();
    let holders = "#holders table tbody tr";
    let unfilled = "#holders ul.inline-list li";
    assert_eq!(count("roles/product-manager.html", holders), 200);
    assert_eq!(count("roles/product-manager.page-2.html", holders), 60);
    assert_eq!(count("roles/legal-privacy.html", unfilled), 200);
    assert_eq!(count("roles/legal-privacy.page-2.html", unfilled), 60);
    assert!(!site.files.contains_key("roles/product-manager.page-3.html"));
    let pager: Vec<String> = select(&page(site, "roles/legal-privacy.page-2.html"), "nav.list-pager li")
        .iter()
        .map(|li| {
            format!(
                "{} {}",
                li.text().collect::<String>(),
                select_in(li, "a").unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(pager, ["1–200 ../roles/legal-privacy.html#holders", "201–260 "]);
}
