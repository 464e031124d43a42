//! Any process, in any language: a RAPID process (Recommend, Agree, Perform, Input, Decide) with
//! an `É` code, and people with Arabic and Hebrew names. Built in memory and parsed with scraper.

mod common;

use common::site::{all, attr, build, file_text, page, select, select_one, text};
use common::Book;

const RAPID: &str = "\
name: Décisions RAPID
codes:
  - { id: R, name: Recommend, duty: drive }
  - { id: A, name: Agree, duty: contribute }
  - { id: P, name: Perform, duty: contribute }
  - { id: I, name: Input, duty: contribute }
  - { id: D, name: Decide, duty: approve }
  - { id: É, name: Évaluer, duty: inform }
roles:
  - { id: analyst, name: Analyst, short: AN }
  - { id: director, name: Director, short: DIR }
  - { id: engineer, name: Engineer, short: ENG }
activities:
  - id: choose
    name: Choose the metrics
    assignments: { analyst: R, director: D, engineer: P }
  - id: review
    name: Review the data
    assignments: { analyst: R, engineer: É }
    waivers: { D: The review needs no decision. }
";

const PROJECT: &str = "\
title: لوحة القراءة
status: active
people:
  analyst:
    - name: أحمد علي
  director:
    - name: דוד כהן
  engineer:
    - name: مُحَمَّد حسن
stages:
  choose:
    status: done
    started: 2026-01-05
    finished: 2026-01-09
    sign-off: { by: דוד כהן, on: 2026-01-09 }
  review:
    status: in-progress
    started: 2026-01-12
";

fn rapid_book() -> Book {
    let book = Book::bare();
    book.write("content/process.yaml", RAPID);
    book.write("content/projects/reading-board.yaml", PROJECT);
    book
}

#[test]
fn a_rapid_book_with_an_e_acute_code_checks_clean() {
    let diags = rapid_book().check();
    assert!(diags.is_empty(), "{}", common::dump(&diags));
}

#[test]
fn a_lowercase_code_is_still_refused() {
    let book = rapid_book();
    book.patch(
        "content/process.yaml",
        "{ id: É, name: Évaluer",
        "{ id: é, name: Évaluer",
    );
    book.patch("content/process.yaml", "engineer: É }", "engineer: é }");
    let diags = book.check();
    let d = common::only(&diags);
    assert_eq!(d.code, "bad-id");
    assert_eq!(d.message, "code id `é` is not one uppercase letter");
}

#[test]
fn project_page_labels_duties_with_the_process_own_code_names() {
    let book = rapid_book();
    let built = build(book.root());
    let site = built.site.expect("the RAPID book builds");
    let doc = page(&site, "projects/reading-board.html");
    let stage = |id: &str| select_one(&doc, &format!("#stage-{id}"));
    let lines = |id: &str| -> Vec<(String, String)> {
        // Each line is the code's name in bold, then who holds it (or why nobody does).
        all(stage(id), ".duty")
            .into_iter()
            .map(|d| {
                let label = text(common::site::one(d, "strong"));
                let rest = text(d)
                    .strip_prefix(&label)
                    .expect("the label first")
                    .trim()
                    .to_string();
                (label, rest)
            })
            .collect()
    };
    assert_eq!(
        lines("choose"),
        [
            ("Recommend".to_string(), "أحمد علي".to_string()),
            ("Decide".to_string(), "דוד כהן".to_string())
        ]
    );
    // The review waives Decide: it reads as waived, with the reason, not "nobody named".
    assert_eq!(
        lines("review"),
        [
            ("Recommend".to_string(), "أحمد علي".to_string()),
            (
                "Decide".to_string(),
                "waived: The review needs no decision.".to_string()
            )
        ]
    );
    let whole = file_text(&site, "projects/reading-board.html");
    for english in ["Driven by", "Approved by", "nobody named"] {
        assert!(!whole.contains(english), "`{english}` on a RAPID project page");
    }
}

#[test]
fn the_matrix_intro_lists_the_book_codes() {
    let book = rapid_book();
    let site = build(book.root()).site.expect("the RAPID book builds");
    let doc = page(&site, "matrix.html");
    let codes: Vec<String> = select(&doc, ".lead .intro-code").into_iter().map(text).collect();
    assert_eq!(
        codes,
        [
            "R Recommend",
            "A Agree",
            "P Perform",
            "I Input",
            "D Decide",
            "É Évaluer"
        ]
    );
    let lead = text(select_one(&doc, ".lead"));
    assert!(!lead.contains("drives, approves"), "{lead}");
}

#[test]
fn arabic_and_hebrew_names_get_readable_unique_pages_and_read_right_to_left() {
    let book = rapid_book();
    let site = build(book.root()).site.expect("the RAPID book builds");
    for (path, name) in [
        ("people/أحمد-علي.html", "أحمد علي"),
        ("people/محمد-حسن.html", "مُحَمَّد حسن"),
        ("people/דוד-כהן.html", "דוד כהן"),
    ] {
        let doc = page(&site, path);
        let h1 = select_one(&doc, "h1");
        assert_eq!(text(h1), name, "{path}");
        assert_eq!(attr(h1, "dir"), "auto", "{path}");
    }
    let doc = page(&site, "projects/reading-board.html");
    assert_eq!(attr(select_one(&doc, "h1"), "dir"), "auto");
    let links: Vec<(String, String)> = select(&doc, "#people a.person-name")
        .into_iter()
        // The name is isolated and set in its own direction: a `bdi`, whose `dir` is `auto`.
        .map(|a| {
            let dir = match all(a, "bdi").as_slice() {
                [bdi] if text(*bdi) == text(a) => "auto".to_string(),
                _ => attr(a, "dir").to_string(),
            };
            (attr(a, "href").to_string(), dir)
        })
        .collect();
    assert_eq!(
        links,
        [
            ("../people/أحمد-علي.html".to_string(), "auto".to_string()),
            ("../people/דוד-כהן.html".to_string(), "auto".to_string()),
            ("../people/محمد-حسن.html".to_string(), "auto".to_string()),
        ]
    );
    // The sitemap's URLs are ASCII: the letters are percent-encoded there.
    book.write(
        "book.toml",
        &format!(
            "{}\n[output.html]\nsite-url = \"https://example.org/book/\"\n",
            common::BOOK_TOML
        ),
    );
    let site = build(book.root()).site.expect("the RAPID book builds");
    let sitemap = file_text(&site, "sitemap.xml");
    assert!(sitemap.is_ascii(), "{sitemap}");
    assert!(
        sitemap.contains("https://example.org/book/people/%D8%A3%D8%AD%D9%85%D8%AF-%D8%B9%D9%84%D9%8A.html"),
        "{sitemap}"
    );
}
