//! Pages that scale: in a book of a few hundred projects, every project page and every field's
//! dictionary entry is reachable from the home page in at most three clicks on plain links,
//! and the dictionary is split so that no page of it holds more than a page's worth of entries.

mod common;

use common::site::{build_site, file_text, page, resolve, select, Target};
use common::{Book, PROCESS};
use dacibook::site::Site;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Projects in the generated book.
const PROJECTS: usize = 200;
/// The most entries on one dictionary page.
const PER_PAGE: usize = 40;

/// A book of `PROJECTS` projects, each with a field of its own (`field_NNN`), one shared by
/// all (`page_id`) and one shared by its tenth (`metric_N`): 231 names, most under `f`.
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
    let book = big_book();
    let site = build_site(book.root());
    let depth = crawl(&site);
    let projects: Vec<&String> = site.files.keys().filter(|p| p.starts_with("projects/")).collect();
    assert_eq!(projects.len(), PROJECTS);
    for p in projects {
        let d = depth
            .get(p)
            .unwrap_or_else(|| panic!("{p} is not reachable from the home page"));
        assert!(*d <= 3, "{p} is {d} clicks from the home page");
    }
    // Where dictionary.json says each entry is: a page within three clicks holding its anchor.
    let json: serde_json::Value = serde_json::from_str(file_text(&site, "dictionary.json")).expect("dictionary.json");
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
        let doc = page(&site, &path);
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
    let book = big_book();
    let site = build_site(book.root());
    let index = page(&site, "dictionary.html");
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
    for path in site.files.keys().filter(|p| p.starts_with("dictionary/")) {
        let doc = page(&site, path);
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
    let search = file_text(&site, "search-index.js");
    assert!(
        search.contains("\"dictionary/f-5.html#field-field_199\""),
        "{}",
        &search[..300]
    );
    assert!(!search.contains("\"dictionary.html#"));
}

#[test]
fn the_home_page_shows_fifty_projects_and_links_every_page_of_the_rest() {
    let book = big_book();
    let site = build_site(book.root());
    let cards = |path: &str| -> Vec<String> {
        select(
            &page(&site, path),
            ".project-list > li.project-card a[href^='projects/']",
        )
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
    };
    let home = page(&site, "index.html");
    let pager: Vec<String> = select(&home, "nav.pager li")
        .iter()
        .map(|li| {
            let text = li.text().collect::<String>();
            let href = select_in(li, "a").unwrap_or_default();
            format!("{text} {href}")
        })
        .collect();
    assert_eq!(
        pager,
        [
            "1–50 ",
            "51–100 projects-2.html",
            "101–150 projects-3.html",
            "151–200 projects-4.html"
        ]
    );
    let mut seen: Vec<String> = Vec::new();
    for path in ["index.html", "projects-2.html", "projects-3.html", "projects-4.html"] {
        let on_page = cards(path);
        assert_eq!(on_page.len(), 50, "{path} shows 50 projects");
        seen.extend(on_page);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), PROJECTS, "every project is on one page of projects");
    assert!(!site.files.contains_key("projects-5.html"));
    let last = page(&site, "projects-4.html");
    assert_eq!(
        select(&last, "main h1")[0]
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["Projects", "151–200", "of", "200"]
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
