//! The build session's incremental updates (what `serve` uses) give exactly the site a full
//! build of the same files gives.

mod common;

use common::Book;
use dacibook::build::{build_in_memory, Session, Update};
use std::path::Path;

/// Every diagnostic as its code, message, place and hint, to compare two builds.
fn diagnostics(ds: &[dacibook::Diagnostic]) -> Vec<String> {
    ds.iter()
        .map(|d| {
            let at = d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column));
            format!("{:?} {} {at:?} {} {:?}", d.severity, d.code, d.message, d.hint)
        })
        .collect()
}

/// The diagnostics of a full build of the book at `root`.
fn full_diagnostics(root: &Path) -> Vec<String> {
    diagnostics(build_in_memory(root).unwrap().diagnostics())
}

fn full_site(root: &Path) -> std::collections::BTreeMap<String, dacibook::site::Bytes> {
    build_in_memory(root)
        .unwrap()
        .site
        .expect("the edited book builds")
        .files
}

#[test]
fn editing_a_record_rebuilds_incrementally_and_matches_a_full_build() {
    let book = Book::valid();
    edit_matches_full_build(&book, &[("title: Reading depth\n", "title: Reading depth (v2)\n")]);
}

#[test]
fn an_edit_that_moves_a_warning_onto_another_record_s_page_matches_a_full_build() {
    let book = Book::valid();
    // `page_id` is shared by both schemas; a new description in one makes the dictionary
    // cross-check warn, and the warning lands on the page of the later record.
    let session = edit_matches_full_build(
        &book,
        &[(
            "      description: The page's id on the wiki.\n",
            "      description: The id of the page.\n",
        )],
    );
    assert!(session
        .built
        .diagnostics()
        .iter()
        .any(|d| d.code == "dictionary-conflict"));
}

#[test]
fn a_broken_edit_fails_and_the_fix_builds_again() {
    let book = Book::valid();
    let mut session = Session::start(book.root()).unwrap();
    let record = "content/projects/reading-depth.yaml";
    book.patch(record, "status: active\n", "status: activ\n");
    session.update(&[book.root().join(record)]).unwrap();
    assert!(session.built.site.is_none());
    assert!(session.built.diagnostics().iter().any(|d| d.code == "unknown-value"));
    book.patch(record, "status: activ\n", "status: active\n");
    session.update(&[book.root().join(record)]).unwrap();
    assert_eq!(
        session.built.site.as_ref().expect("fixed").files,
        full_site(book.root())
    );
}

#[test]
fn other_changes_rebuild_everything() {
    let book = Book::valid();
    let mut session = Session::start(book.root()).unwrap();
    book.patch(
        "content/about.md",
        "This book is a fixture.",
        "This book is a test fixture.",
    );
    let how = session.update(&[book.root().join("content/about.md")]).unwrap();
    assert_eq!(how, Update::Full);
    assert_eq!(session.built.site.as_ref().unwrap().files, full_site(book.root()));
}

/// Applies `edits` (from, to) to the reading-depth record, updates the session, and checks the
/// result is an incremental update equal to a full build.
fn edit_matches_full_build(book: &Book, edits: &[(&str, &str)]) -> Session {
    let mut session = Session::start(book.root()).unwrap();
    let record = "content/projects/reading-depth.yaml";
    for (from, to) in edits {
        book.patch(record, from, to);
    }
    let how = session.update(&[book.root().join(record)]).unwrap();
    assert_eq!(how, Update::Incremental);
    let site = session
        .built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("the edit builds: {:?}", diagnostics(session.built.diagnostics())));
    let full = full_site(book.root());
    for (path, bytes) in &full {
        assert!(site.files.get(path) == Some(bytes), "{path} differs from a full build");
    }
    assert_eq!(site.files.len(), full.len());
    assert_eq!(diagnostics(session.built.diagnostics()), full_diagnostics(book.root()));
    session
}

/// `n` integer fields named `<prefix>00`, `<prefix>01`…, as a record's `fields:` lists them.
fn counts(prefix: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "    - name: {prefix}{i:02}\n      type: integer\n      description: A count.\n      sensitivity: public\n"
            )
        })
        .collect()
}

fn page(session: &Session, path: &str) -> scraper::Html {
    let site = session.built.site.as_ref().expect("built");
    scraper::Html::parse_document(&String::from_utf8_lossy(&site.files[path]))
}

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn renaming_a_field_moves_its_dictionary_entry() {
    let book = Book::valid();
    let session = edit_matches_full_build(&book, &[("    - name: skin\n", "    - name: theme_skin\n")]);
    // `skin` leaves the page of S (still holding `session_token`) for a new page of T.
    let s = page(&session, "dictionary/s.html");
    assert_eq!(texts(&s, "section.entry h2"), ["session_token"]);
    let t = page(&session, "dictionary/t.html");
    assert_eq!(texts(&t, "section.entry h2"), ["theme_skin"]);
    assert_eq!(texts(&t, ".name-index li"), ["theme_skin"]);
    let index = page(&session, "dictionary.html");
    assert_eq!(
        texts(&index, ".dictionary-letter h2"),
        ["M 1 name", "P 2 names", "S 1 name", "T 1 name"]
    );
}

#[test]
fn renaming_the_last_field_of_a_letter_removes_its_dictionary_page() {
    let book = Book::valid();
    let session = edit_matches_full_build(
        &book,
        &[
            ("    - name: max_depth\n", "    - name: page_depth\n"),
            ("allow-list: [page_id, max_depth]", "allow-list: [page_id, page_depth]"),
        ],
    );
    let site = session.built.site.as_ref().expect("built");
    assert!(!site.files.contains_key("dictionary/m.html"));
    let p = page(&session, "dictionary/p.html");
    assert_eq!(texts(&p, "section.entry h2"), ["page_depth", "page_id", "position"]);
}

#[test]
fn naming_someone_in_a_role_moves_the_project_from_unfilled_to_holders() {
    let book = Book::valid();
    let before = Session::start(book.root()).unwrap();
    let unfilled = texts(
        &page(&before, "roles/software-engineer.html"),
        "#holders .inline-list li",
    );
    assert!(unfilled.iter().any(|u| u == "Reading depth"), "{unfilled:?}");
    let session = edit_matches_full_build(
        &book,
        &[(
            "  legal-privacy:\n",
            "  software-engineer:\n    - name: Sam Lee\n  legal-privacy:\n",
        )],
    );
    let doc = page(&session, "roles/software-engineer.html");
    let holders = texts(&doc, "#holders tbody th");
    assert!(holders.iter().any(|h| h == "Reading depth"), "{holders:?}");
    let unfilled = texts(&doc, "#holders .inline-list li");
    assert!(!unfilled.iter().any(|u| u == "Reading depth"), "{unfilled:?}");
}

#[test]
fn a_stage_status_change_shows_on_the_activity_page_and_the_home_card() {
    let book = Book::valid();
    let session = edit_matches_full_build(
        &book,
        &[(
            "  privacy-review:\n    status: in-progress\n",
            "  privacy-review:\n    status: blocked\n",
        )],
    );
    let doc = page(&session, "activities/privacy-review.html");
    let rows = texts(&doc, ".stage-table tbody tr:not(.notes-row)");
    let row = rows
        .iter()
        .find(|r| r.starts_with("Reading depth"))
        .expect("a row for the project");
    assert!(row.contains("Blocked"), "{row}");
    let home = page(&session, "index.html");
    let cells = texts(&home, ".project-card .strip-cell.st-blocked .visually-hidden");
    assert!(cells.iter().any(|c| c.contains("Blocked")), "{cells:?}");
}

#[test]
fn a_theme_overriding_a_partial_is_used_on_full_and_incremental_builds() {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!("{}\n[output.html]\ntheme = \"theme\"\n", common::BOOK_TOML),
    );
    book.write(
        "theme/templates/partials/project-card.html",
        "<li class=\"project-card custom\"><a href=\"{{ root }}{{ p.path }}\">{{ p.title }}</a> {{ p.done }}/{{ p.total }}</li>\n",
    );
    let session = edit_matches_full_build(&book, &[("title: Reading depth\n", "title: Reading depth (v2)\n")]);
    let doc = page(&session, "index.html");
    let cards = texts(&doc, "li.project-card.custom a");
    assert!(cards.contains(&"Reading depth (v2)".to_string()), "{cards:?}");
}

/// Applies `edits` to `record`, updates the session, checks the update was done as `how` and
/// that every file equals a full build's.
fn edit_gives_full_build(book: &Book, record: &str, edits: &[(&str, &str)], how: Update) -> Session {
    let mut session = Session::start(book.root()).unwrap();
    for (from, to) in edits {
        book.patch(record, from, to);
    }
    assert_eq!(session.update(&[book.root().join(record)]).unwrap(), how);
    let site = session
        .built
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("the edit builds: {:?}", diagnostics(session.built.diagnostics())));
    let full = full_site(book.root());
    let paths = |m: &std::collections::BTreeMap<String, _>| m.keys().cloned().collect::<Vec<String>>();
    assert_eq!(paths(&site.files), paths(&full), "the same files");
    for (path, bytes) in &full {
        assert!(site.files.get(path) == Some(bytes), "{path} differs from a full build");
    }
    assert_eq!(diagnostics(session.built.diagnostics()), full_diagnostics(book.root()));
    session
}

/// Applies `edits` to the reading-depth record, which break it, updates the session, and
/// checks the update found what a full build finds, without a site.
fn broken_edit_matches_full_build(book: &Book, edits: &[(&str, &str)], how: Update) -> Vec<String> {
    let mut session = Session::start(book.root()).unwrap();
    let record = "content/projects/reading-depth.yaml";
    for (from, to) in edits {
        book.patch(record, from, to);
    }
    assert_eq!(session.update(&[book.root().join(record)]).unwrap(), how);
    assert!(session.built.site.is_none(), "a broken edit leaves no site");
    let found = diagnostics(session.built.diagnostics());
    assert_eq!(found, full_diagnostics(book.root()));
    found
}

#[test]
fn a_broken_anchor_written_in_an_edit_is_found_incrementally_at_its_line() {
    let book = Book::valid();
    let found = broken_edit_matches_full_build(
        &book,
        &[(
            "summary: Measures how far readers scroll.\n",
            "summary: Measures how far readers scroll ([matrix](matrix.html#nowhere)).\n",
        )],
        Update::Incremental,
    );
    assert_eq!(
        found,
        [format!(
            "Error broken-link {:?} `matrix.html#nowhere` in the summary points to the anchor `#nowhere`, which matrix.html does not have {:?}",
            Some((std::path::PathBuf::from("content/projects/reading-depth.yaml"), 2, 10)),
            Some("link to an anchor matrix.html has (a heading's id), or drop `#nowhere`")
        )]
    );
}

#[test]
fn a_link_to_a_missing_page_or_a_bad_value_in_an_edit_matches_a_full_build() {
    for (edit, how) in [
        (
            (
                "summary: Measures how far readers scroll.\n",
                "summary: See [x](roles/nobody.html).\n",
            ),
            Update::Incremental,
        ),
        (("status: active\n", "status: activ\n"), Update::Full),
        (("    started: 2026-01-05\n", "    started: 2026-02-30\n"), Update::Full),
    ] {
        let book = Book::valid();
        let found = broken_edit_matches_full_build(&book, &[edit], how);
        assert!(!found.is_empty(), "{edit:?}");
        assert!(
            found.iter().all(|d| d.contains("reading-depth.yaml")),
            "{edit:?}: {found:?}"
        );
    }
}

/// The fixture with a site URL, so that the sitemap must follow pages coming and going.
fn book_with_site_url() -> Book {
    let book = Book::valid();
    book.write(
        "book.toml",
        &format!(
            "{}\n[output.html]\nsite-url = \"https://org.github.io/repo/\"\n",
            common::BOOK_TOML
        ),
    );
    book
}

#[test]
fn a_stage_change_updates_the_board_and_the_people_it_waits_on() {
    let book = Book::valid();
    let before = Session::start(book.root()).unwrap();
    let kinds = |s: &Session| {
        texts(
            &page(s, "people/harriet-quigley.html"),
            "#waiting li.waiting .waiting-kind",
        )
    };
    assert_eq!(kinds(&before), ["Sign-off", "Review"]);
    let session = edit_matches_full_build(
        &book,
        &[(
            "  privacy-review:\n    status: in-progress\n",
            "  privacy-review:\n    status: blocked\n",
        )],
    );
    // Blocked is not in progress: no sign-off is due, but the review is still booked.
    assert_eq!(kinds(&session), ["Review"]);
    let board = page(&session, "board.html");
    let blockers = texts(
        &board,
        "li.board-card[data-project=\"reading-depth\"] li.blocker .blocker-kind",
    );
    assert_eq!(blockers, ["Blocked"]);
}

#[test]
fn naming_a_new_person_adds_their_page_incrementally() {
    let book = book_with_site_url();
    let session = edit_gives_full_build(
        &book,
        "content/projects/reading-depth.yaml",
        &[(
            "  legal-privacy:\n",
            "  software-engineer:\n    - name: Noor Haddad\n  legal-privacy:\n",
        )],
        Update::Incremental,
    );
    let doc = page(&session, "people/noor-haddad.html");
    assert_eq!(texts(&doc, "main h1"), ["Noor Haddad"]);
    let everyone = texts(&page(&session, "people.html"), "table.people-index tbody th a");
    assert!(everyone.contains(&"Noor Haddad".to_string()), "{everyone:?}");
    let sitemap = String::from_utf8_lossy(&session.built.site.as_ref().unwrap().files["sitemap.xml"]).into_owned();
    assert!(sitemap.contains("https://org.github.io/repo/people/noor-haddad.html"));
}

#[test]
fn replacing_the_only_mention_of_a_person_removes_their_page_incrementally() {
    let book = book_with_site_url();
    let session = edit_gives_full_build(
        &book,
        "content/projects/reading-depth.yaml",
        &[("    - name: Harriet Quigley\n", "    - name: Ines Costa\n")],
        Update::Incremental,
    );
    let site = session.built.site.as_ref().unwrap();
    assert!(!site.files.contains_key("people/harriet-quigley.html"));
    assert!(site.files.contains_key("people/ines-costa.html"));
}

#[test]
fn an_edit_that_changes_who_someone_in_another_record_is_rebuilds_everything() {
    // search-clicks names "Sam Lee" without a handle. Once reading-depth names a Sam Lee with
    // a handle, the two are one person, whose page moves: search-clicks' page must change too.
    let book = Book::valid();
    let session = edit_gives_full_build(
        &book,
        "content/projects/reading-depth.yaml",
        &[(
            "  legal-privacy:\n",
            "  software-engineer:\n    - name: Sam Lee\n      handle: slee\n  legal-privacy:\n",
        )],
        Update::Full,
    );
    let doc = page(&session, "projects/search-clicks.html");
    let links: Vec<String> = doc
        .select(&scraper::Selector::parse("table.people-table a.person-name").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["../people/slee.html"]);
    // A handle taking another person's page name (`sam-lee`) moves that person to `sam-lee-2`.
    let book = Book::valid();
    let session = edit_gives_full_build(
        &book,
        "content/projects/reading-depth.yaml",
        &[(
            "  legal-privacy:\n",
            "  software-engineer:\n    - name: Samuel Leeds\n      handle: sam-lee\n  legal-privacy:\n",
        )],
        Update::Full,
    );
    assert_eq!(texts(&page(&session, "people/sam-lee-2.html"), "main h1"), ["Sam Lee"]);
    assert_eq!(
        texts(&page(&session, "people/sam-lee.html"), "main h1"),
        ["Samuel Leeds"]
    );
}

#[test]
fn page_names_moving_between_people_of_the_edited_record_stay_incremental() {
    // Harriet Quigley is named only in reading-depth. A new person there with the handle
    // `harriet-quigley` takes her page's name, and she moves to `harriet-quigley-2`; when that
    // person leaves, she moves back and `harriet-quigley-2` goes.
    let book = book_with_site_url();
    let record = "content/projects/reading-depth.yaml";
    let session = edit_gives_full_build(
        &book,
        record,
        &[(
            "  legal-privacy:\n",
            "  software-engineer:\n    - name: Hattie Q\n      handle: harriet-quigley\n  legal-privacy:\n",
        )],
        Update::Incremental,
    );
    assert_eq!(
        texts(&page(&session, "people/harriet-quigley.html"), "main h1"),
        ["Hattie Q"]
    );
    assert_eq!(
        texts(&page(&session, "people/harriet-quigley-2.html"), "main h1"),
        ["Harriet Quigley"]
    );
    let session = edit_gives_full_build(
        &book,
        record,
        &[(
            "  software-engineer:\n    - name: Hattie Q\n      handle: harriet-quigley\n",
            "",
        )],
        Update::Incremental,
    );
    assert!(!session
        .built
        .site
        .as_ref()
        .unwrap()
        .files
        .contains_key("people/harriet-quigley-2.html"));
    assert_eq!(
        texts(&page(&session, "people/harriet-quigley.html"), "main h1"),
        ["Harriet Quigley"]
    );
}

#[test]
fn naming_the_hundred_and_first_person_adds_a_page_to_the_list_of_everyone_and_unnaming_removes_it() {
    let book = Book::valid();
    // The fixture names 4 people; 96 more analysts make a full first page of 100.
    let analysts: String = (0..96).map(|i| format!("    - name: Analyst {i:02}\n")).collect();
    book.patch(
        "content/projects/reading-depth.yaml",
        "    - name: Priya Raman\n",
        &format!("    - name: Priya Raman\n{analysts}"),
    );
    let one_more = (
        "    - name: Analyst 95\n",
        "    - name: Analyst 95\n    - name: Zoe Last\n",
    );
    let session = edit_matches_full_build(&book, &[one_more]);
    let site = session.built.site.as_ref().expect("built");
    assert!(site.files.contains_key("people-2.html"));
    let second = page(&session, "people-2.html");
    assert_eq!(texts(&second, "table.people-index tbody tr th a"), ["Zoe Last"]);
    let session = edit_matches_full_build(&book, &[("    - name: Zoe Last\n", "")]);
    let site = session.built.site.as_ref().expect("built");
    assert!(!site.files.contains_key("people-2.html"));
}

#[test]
fn a_new_field_that_moves_another_record_s_entry_to_the_next_dictionary_page_relinks_that_record() {
    let book = Book::valid();
    // Forty names under P: thirty-eight of Search clicks', then `page_id` and `position`.
    let extra = counts("p", 38);
    book.patch(
        "content/projects/search-clicks.yaml",
        "  fields:\n",
        &format!("  fields:\n{extra}"),
    );
    // A forty-first name sorts before `position`, which goes on to the second page of P: the
    // page of Search clicks, which has `position` and was not edited, links there now.
    let session = edit_matches_full_build(
        &book,
        &[(
            "  fields:\n",
            "  fields:\n    - name: p_new\n      type: integer\n      description: A count.\n      sensitivity: public\n",
        )],
    );
    let doc = page(&session, "projects/search-clicks.html");
    let sel = scraper::Selector::parse("tr#field-position th a").unwrap();
    let link = doc.select(&sel).next().expect("a link to the entry");
    assert_eq!(link.value().attr("href"), Some("../dictionary/p-2.html#field-position"));
}

#[test]
fn a_name_added_at_the_end_of_a_letter_updates_the_next_page_s_link_back() {
    let book = Book::valid();
    // Forty-one names under P: thirty-nine of Reading depth's, then `page_id` and `position`,
    // so `p.html` holds forty and `p-2.html` only `position`.
    let extra = counts("p", 39);
    book.patch(
        "content/projects/reading-depth.yaml",
        "  fields:\n",
        &format!("  fields:\n{extra}"),
    );
    // A name sorting after `position` joins it on `p-2.html`; no name changes page, so only
    // the pages around it are rendered again, and the next page's link back must name it
    // (the next page, S's, holds no name of Search clicks: only that rule renders it again).
    let session = edit_gives_full_build(
        &book,
        "content/projects/search-clicks.yaml",
        &[(
            "  fields:\n",
            "  fields:\n    - name: pz_last\n      type: integer\n      description: A count.\n      sensitivity: public\n",
        )],
        Update::Incremental,
    );
    let doc = page(&session, "dictionary/p-2.html");
    let sel = scraper::Selector::parse("a[rel=next]").unwrap();
    let href = doc
        .select(&sel)
        .next()
        .expect("P's last page links on")
        .value()
        .attr("href")
        .unwrap();
    let next = href.trim_start_matches("../").split('#').next().unwrap().to_string();
    let doc = page(&session, &next);
    let back = texts(&doc, "a[rel=prev]");
    assert_eq!(back.len(), 1, "{next} links back");
    assert!(
        back[0].contains("pz_last"),
        "{next} links back to the page ending with pz_last: {back:?}"
    );
}

#[test]
fn a_description_edited_on_a_late_dictionary_page_matches_a_full_build() {
    let book = Book::valid();
    let extra = counts("p", 85);
    book.patch(
        "content/projects/reading-depth.yaml",
        "  fields:\n",
        &format!("  fields:\n{extra}"),
    );
    // `p84` is on P's third page: its entry changes, no name moves.
    let session = edit_matches_full_build(
        &book,
        &[(
            "    - name: p84\n      type: integer\n      description: A count.\n",
            "    - name: p84\n      type: integer\n      description: How many, counted again.\n",
        )],
    );
    let doc = page(&session, "dictionary/p-3.html");
    assert!(
        texts(&doc, "p").iter().any(|t| t.contains("How many, counted again.")),
        "the edited description is on its page"
    );
}

/// 201 projects, each with Sam Lee as product manager and the field `event.session_id`: 201
/// uses on two pages of the name's uses, and Sam's 201 projects on two pages of theirs; and
/// one more project, `other`, with a field of its own.
fn crowded_book() -> Book {
    let book = Book::bare();
    book.write("content/process.yaml", common::PROCESS);
    book.write(
        "content/projects/other.yaml",
        "title: Other
status: proposed
people:
  product-manager:
    - name: Pat Kim
schema:
  name: Other
  fields:
    - name: note
      type: string
      description: A note.
      sensitivity: public
",
    );
    for i in 0..201 {
        book.write(
            &format!("content/projects/p{i:03}.yaml"),
            &format!(
                "title: Project {i:03}
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
    - name: event
      type: object
      description: What happened.
      fields:
        - name: session_id
          type: string
          description: The session.
          sensitivity: internal
"
            ),
        );
    }
    book
}

#[test]
fn edits_that_change_a_names_uses_or_a_persons_projects_add_and_remove_their_pages_as_a_full_build() {
    let book = crowded_book();
    let record = "content/projects/p000.yaml";
    let uses_2 = "dictionary/uses/event-2esession_id.page-2.html";
    let sam_2 = "people/sam-lee.page-2.html";
    let has = |s: &Session, path: &str| s.built.site.as_ref().expect("built").files.contains_key(path);
    // A new title shows on the pages listing the project.
    let s = edit_gives_full_build(
        &book,
        record,
        &[("title: Project 000\n", "title: Project zero\n")],
        Update::Incremental,
    );
    assert!(has(&s, uses_2) && has(&s, sam_2));
    // 200 uses fit one page, 200 projects one page.
    let s = edit_gives_full_build(
        &book,
        record,
        &[
            ("- name: session_id\n", "- name: session_key\n"),
            ("- name: Sam Lee\n", "- name: Pat Kim\n"),
        ],
        Update::Incremental,
    );
    assert!(!has(&s, uses_2) && !has(&s, sam_2));
    assert!(has(&s, "dictionary/uses/event-2esession_id.html"));
    // And back.
    let s = edit_gives_full_build(
        &book,
        record,
        &[
            ("- name: session_key\n", "- name: session_id\n"),
            ("- name: Pat Kim\n", "- name: Sam Lee\n"),
        ],
        Update::Incremental,
    );
    assert!(has(&s, uses_2) && has(&s, sam_2));
}

#[test]
fn names_that_push_an_entry_to_the_next_letter_page_relink_the_pages_of_its_uses() {
    let book = crowded_book();
    // Forty names sorting before `event.session_id`, in another record, take its place on
    // dictionary/e.html: its pages of uses, not edited, link to its entry on e-2.html.
    let extra = counts("e", 40);
    let s = edit_gives_full_build(
        &book,
        "content/projects/other.yaml",
        &[("  fields:\n", &format!("  fields:\n{extra}"))],
        Update::Incremental,
    );
    let doc = page(&s, "dictionary/uses/event-2esession_id.page-2.html");
    let sel = scraper::Selector::parse(".eyebrow a").unwrap();
    let hrefs: Vec<&str> = doc.select(&sel).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs[1], "../../dictionary/e-2.html#field-event.session_id");
}
