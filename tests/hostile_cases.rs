//! Hostile input, named cases: each with the exact diagnostic code, line and column it must
//! give, and the reproducers of bugs found by fuzzing and probing (see tests/hostile_input.rs
//! for the properties).

mod common;
mod hostile;
#[path = "../fuzz/invariants.rs"]
mod invariants;

use common::Book;
use dacibook::fuzzing::Outcome;
use hostile::{record_from_disk, run};
use invariants::Target;
use std::time::{Duration, Instant};

/// Asserts that `outcome` holds exactly one diagnostic, `code` at `line`:`column`.
fn assert_one(what: &str, outcome: &Outcome, took: Duration, code: &str, line: usize, column: usize) {
    let all: Vec<String> = outcome.diagnostics.iter().map(invariants::describe).collect();
    assert_eq!(
        outcome.diagnostics.len(),
        1,
        "{what}: expected one diagnostic, got:\n{}",
        all.join("\n")
    );
    let d = &outcome.diagnostics[0];
    let at = d.location.as_ref().expect("a location");
    assert_eq!((d.code, at.line, at.column), (code, line, column), "{what}: {}", all[0]);
    eprintln!("{what}: [{code}] at {line}:{column} in {took:.2?}");
}

/// Asserts that `outcome` loaded without a single diagnostic.
fn assert_clean(what: &str, outcome: &Outcome, took: Duration) {
    let all: Vec<String> = outcome.diagnostics.iter().map(invariants::describe).collect();
    assert!(
        outcome.loaded && all.is_empty(),
        "{what}: expected no diagnostics, got:\n{}",
        all.join("\n")
    );
    eprintln!("{what}: loaded, no diagnostics, in {took:.2?}");
}

/// "Billion laughs": nine levels of aliases, each nine times the one before.
fn billion_laughs() -> String {
    let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (before, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        text += &format!("{name}: &{name} [{}]\n", vec![format!("*{before}"); 9].join(","));
    }
    text
}

#[test]
fn an_alias_bomb_is_refused_at_its_first_key() {
    let bomb = billion_laughs();
    let (o, took) = run(Target::Project, bomb.clone());
    assert_one("alias bomb, record", &o, took, "unknown-key", 1, 1);
    let (o, took) = run(Target::Process, bomb.clone());
    assert_one("alias bomb, process", &o, took, "unknown-key", 1, 1);
    let (o, took) = run(Target::Page, format!("---\n{bomb}---\n# Page\n"));
    assert_one("alias bomb, front matter", &o, took, "unknown-key", 2, 1);
}

#[test]
fn an_alias_bomb_under_a_real_key_is_refused_at_its_first_alias() {
    let persons = ["{name: lol}"; 9].join(", ");
    let mut text = format!("title: Bomb\nstatus: active\npeople:\n  r0: &r0 [{persons}]\n");
    for level in 1..9 {
        text += &format!(
            "  r{level}: &r{level} [{}]\n",
            vec![format!("*r{}", level - 1); 9].join(", ")
        );
    }
    let (o, took) = run(Target::Project, text);
    assert_one("alias bomb in people", &o, took, "wrong-type", 5, 12);
}

#[test]
fn a_document_nested_100000_levels_deep_in_flow_style_is_too_deep() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (o, took) = run(Target::Project, deep.clone());
    assert_one("100,000 levels of [, record", &o, took, "too-deep", 1, 256);
    let (o, took) = run(
        Target::Project,
        format!("title: x\nstatus: active\nsummary: {}\n", "{a: ".repeat(100_000)),
    );
    assert_one("100,000 levels of {, unclosed, record", &o, took, "too-deep", 3, 1030);
    let (o, took) = run(Target::Process, deep.clone());
    assert_one("100,000 levels of [, process", &o, took, "too-deep", 1, 256);
    let (o, took) = run(Target::Page, format!("---\ntitle: {deep}\n---\n"));
    assert_one("100,000 levels of [, front matter", &o, took, "too-deep", 2, 263);
}

#[test]
fn a_document_nested_5000_levels_deep_in_block_style_is_refused_at_its_key() {
    // Each level one space further in: 12.5 MB.
    let mappings: String = (1..=5000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let (o, took) = run(
        Target::Project,
        format!("title: x\nstatus: active\nsummary:\n{mappings}"),
    );
    assert_one("5,000 levels of block mappings", &o, took, "wrong-type", 4, 2);
    let (o, took) = run(
        Target::Project,
        format!("title: x\nstatus: active\nsummary:\n{}x\n", "- ".repeat(5000)),
    );
    assert_one("5,000 levels of compact block sequences", &o, took, "wrong-type", 4, 3);
    let (o, took) = run(Target::Page, format!("---\ntitle:\n{}x\n---\n", "- ".repeat(5000)));
    assert_one(
        "5,000 levels of block sequences, front matter",
        &o,
        took,
        "wrong-type",
        3,
        3,
    );
}

#[test]
fn a_20_mb_record_loads() {
    let description = "lorem ipsum ".repeat(38);
    let fields: String = (0..40_000)
        .map(|i| format!("    - name: field_{i}\n      type: string\n      description: {description}\n      sensitivity: public\n"))
        .collect();
    let text = format!("title: Big\nstatus: active\nschema:\n  name: Big\n  fields:\n{fields}");
    assert!(text.len() > 20_000_000, "{} bytes", text.len());
    let (o, took) = run(Target::Project, text);
    assert_clean("20 MB record (40,000 fields)", &o, took);
}

#[test]
fn invalid_utf8_is_reported_at_its_first_bad_byte() {
    let book = Book::valid();
    // `team: W\xffeb`: the bad byte is the 8th character of line 4.
    let record = common::READING_DEPTH.replacen("team: Web", "team: W\u{1}eb", 1);
    let bytes: Vec<u8> = record.bytes().map(|b| if b == 1 { 0xff } else { b }).collect();
    book.write_bytes("content/projects/reading-depth.yaml", &bytes);
    let start = Instant::now();
    let diags = book.check();
    let d = common::only(&diags);
    assert_eq!(
        (d.code, d.location.as_ref().map(|l| (l.line, l.column))),
        ("not-utf8", Some((4, 8))),
        "{}",
        common::dump(&diags)
    );
    assert_eq!(
        d.location.as_ref().map(|l| l.file.clone()),
        Some("content/projects/reading-depth.yaml".into())
    );
    eprintln!("invalid UTF-8, record: [not-utf8] at 4:8 in {:.2?}", start.elapsed());

    let (o, took) = run(Target::Page, b"---\ntitle: caf\xe9\n---\n".to_vec());
    assert_one("invalid UTF-8, page", &o, took, "not-utf8", 2, 11);
    let bytes = b"title: x\nstatus: active\nsummary: \xc3\x28\n";
    let start = Instant::now();
    let on_disk = record_from_disk(bytes);
    invariants::check(Target::Project, bytes, &on_disk).unwrap_or_else(|e| panic!("{e}"));
    assert_one(
        "invalid UTF-8, load_project",
        &on_disk,
        start.elapsed(),
        "not-utf8",
        3,
        10,
    );
}

/// Every YAML and Markdown file of the fixture book.
const BOOK_FILES: &[(&str, &str)] = &[
    ("content/process.yaml", common::PROCESS),
    ("content/projects/reading-depth.yaml", common::READING_DEPTH),
    ("content/projects/search-clicks.yaml", common::SEARCH_CLICKS),
    ("content/about.md", common::ABOUT_MD),
];

#[test]
fn a_utf8_byte_order_mark_is_ignored() {
    let book = Book::valid();
    for (rel, text) in BOOK_FILES {
        book.write(rel, &format!("\u{feff}{text}"));
    }
    let start = Instant::now();
    let diags = book.check();
    assert!(diags.is_empty(), "{}", common::dump(&diags));
    let loaded = dacibook::load(book.root()).expect("the book loads");
    let pages = &loaded.book.expect("a book").pages;
    assert_eq!(
        pages[0].front.title.as_deref(),
        Some("About"),
        "the front matter after a BOM is read"
    );
    eprintln!("BOM on every file: no diagnostics in {:.2?}", start.elapsed());
    let (o, took) = run(Target::Project, format!("\u{feff}{}", common::READING_DEPTH));
    let (plain, _) = run(Target::Project, common::READING_DEPTH);
    assert!(o.loaded);
    let places = |o: &Outcome| -> Vec<(String, usize, usize)> {
        o.diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.to_string(),
                    d.location.as_ref().map_or(0, |l| l.line),
                    d.location.as_ref().map_or(0, |l| l.column),
                )
            })
            .collect()
    };
    assert_eq!(places(&o), places(&plain), "a BOM moves no diagnostic");
    eprintln!("BOM, record entry point: as without it, in {took:.2?}");
}

#[test]
fn crlf_line_endings_work() {
    let book = Book::valid();
    for (rel, text) in BOOK_FILES {
        book.write(rel, &text.replace('\n', "\r\n"));
    }
    let start = Instant::now();
    let diags = book.check();
    assert!(diags.is_empty(), "{}", common::dump(&diags));
    let loaded = dacibook::load(book.root()).expect("the book loads");
    let pages = &loaded.book.expect("a book").pages;
    assert_eq!(pages[0].front.title.as_deref(), Some("About"));
    eprintln!("CRLF in every file: no diagnostics in {:.2?}", start.elapsed());
    // A problem in a CRLF file is placed as in an LF one.
    let (o, took) = run(Target::Project, "title: x\r\nstatus: active\r\nstatsu: done\r\n");
    assert_one("CRLF, unknown key", &o, took, "unknown-key", 3, 1);
}

#[test]
fn tabs_as_indentation_are_a_syntax_error_where_the_tab_is() {
    let (o, took) = run(
        Target::Project,
        "title: x\nstatus: active\npeople:\n\tdata-analyst:\n\t\t- name: x\n",
    );
    assert_one("tab indentation, record", &o, took, "tab-indentation", 4, 1);
    let (o, took) = run(Target::Process, "name: P\ncodes:\n\t- id: D\n");
    assert_one("tab indentation, process", &o, took, "tab-indentation", 3, 1);
    let (o, took) = run(Target::Page, "---\ntitle: x\n\torder: 1\n---\n");
    assert_one("tab indentation, front matter", &o, took, "tab-indentation", 3, 1);
}

#[test]
fn a_duplicate_key_is_reported_at_its_second_occurrence() {
    let (o, took) = run(Target::Project, "title: a\nstatus: active\ntitle: b\n");
    assert_one("duplicate key, record", &o, took, "duplicate-key", 3, 1);
    let (o, took) = run(
        Target::Project,
        "title: a\nstatus: active\npeople:\n  data-analyst: []\n  data-analyst: []\n",
    );
    assert_one("duplicate key, record, nested", &o, took, "duplicate-key", 5, 3);
    let (o, took) = run(
        Target::Process,
        "name: P\nname: Q\ncodes: []\nroles: []\nactivities: []\n",
    );
    assert_one("duplicate key, process", &o, took, "duplicate-key", 2, 1);
    let (o, took) = run(Target::Page, "---\ntitle: a\ntitle: b\n---\n");
    assert_one("duplicate key, front matter", &o, took, "duplicate-key", 3, 1);
}

#[test]
fn an_empty_file_is_an_empty_document() {
    let (o, took) = run(Target::Project, "");
    assert_one("empty record", &o, took, "empty-document", 1, 1);
    let (o, took) = run(Target::Process, "");
    assert_one("empty process", &o, took, "empty-document", 1, 1);
    let (o, took) = run(Target::Page, "");
    assert_clean("empty page", &o, took);
    let (o, took) = run(Target::Page, "---\n---\n");
    assert_clean("empty front matter", &o, took);
}

#[test]
fn a_file_of_comments_only_is_an_empty_document() {
    let (o, took) = run(Target::Project, "# a record\n\n   # to come\n");
    assert_one("comment-only record", &o, took, "empty-document", 1, 1);
    let (o, took) = run(Target::Process, "---\n# nothing yet\n...\n");
    assert_one("comment-only process", &o, took, "empty-document", 1, 1);
}

#[test]
fn two_documents_in_one_file_are_refused_at_the_second() {
    let (o, took) = run(
        Target::Project,
        "title: a\nstatus: active\n---\ntitle: b\nstatus: active\n",
    );
    assert_one("two documents, record", &o, took, "more-than-one-document", 3, 1);
    let (o, took) = run(Target::Process, "---\nname: P\n--- \nname: Q\n");
    assert_one("two documents, process", &o, took, "more-than-one-document", 3, 1);
}

#[test]
fn a_nul_byte_or_control_character_is_reported_where_it_is() {
    let (o, took) = run(Target::Project, "title: a\u{0}b\nstatus: active\n");
    assert_one("NUL, record", &o, took, "control-character", 1, 9);
    let (o, took) = run(Target::Project, "title: \"ab\"\nstatus: active\nsummary: é\u{1b}[31m\n");
    assert_one("ESC, record", &o, took, "control-character", 3, 11);
    let (o, took) = run(Target::Process, "name: \u{7f}\n");
    assert_one("DEL, process", &o, took, "control-character", 1, 7);
    let (o, took) = run(Target::Page, "---\ntitle: ñ\u{0}\n---\n");
    assert_one("NUL, front matter", &o, took, "control-character", 2, 9);
    // In the Markdown, a NUL is only text, which CommonMark replaces with U+FFFD.
    let (o, took) = run(
        Target::Page,
        "---\ntitle: t\n---\nA \u{0} and \u{7} here.\n\n```\nx\u{0}\n```\n",
    );
    assert_clean("NUL in Markdown", &o, took);
    for html in &o.html {
        assert!(
            html.starts_with("<p>A \u{fffd} and ") && html.contains("here."),
            "{html}"
        );
        assert!(!html.contains('\0') && html.matches('\u{fffd}').count() == 2, "{html}");
    }
}

#[test]
fn a_5_mb_single_line_is_located_by_character_column() {
    let line = format!(
        "{{title: x, status: active, summary: \"{}\", nope: 1}}\n",
        "é".repeat(2_500_000)
    );
    assert!(line.len() > 5_000_000);
    let (o, took) = run(Target::Project, line);
    assert_one("5 MB line, record", &o, took, "unknown-key", 1, 2_500_041);
}

#[test]
fn an_unclosed_front_matter_is_reported_at_its_start() {
    let (o, took) = run(Target::Page, "---\ntitle: x\n\n# Never closed\n");
    assert_one("unclosed front matter", &o, took, "front-matter", 1, 1);
}

// ---------------------------------------------------------------------------------------------
// Reproducers of bugs found by fuzzing and probing, kept so they stay fixed.

#[test]
fn a_lone_carriage_return_does_not_panic() {
    // The YAML parsers end a line at a lone CR, SourceFile does not: the locator slices the
    // text at a place computed from the parser's line, inside `é` or past the end.
    run(Target::Project, "é: x\r'b': 1\r");
    run(Target::Project, "\ry: \"\n \"");
}

#[test]
fn yaml_line_breaks_other_than_lf_keep_the_location_inside_the_file() {
    // libyaml and yaml-rust2 count each of these as a line break; SourceFile counts only LF,
    // so the syntax error below is reported on line 4 of a file of one line.
    for br in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
        run(Target::Project, format!("title: x{br}status: active{br}summary: [\n"));
    }
}

#[test]
fn invalid_utf8_after_a_bom_is_located_inside_the_file() {
    // read_source takes the offset of the bad byte in the file's bytes, and SourceFile::new
    // drops the BOM from the text it is an offset into. Line and column come out right.
    run(
        Target::Page,
        b"\xef\xbb\xbf---\ntitle: Caf\xc3\xa9\n---\n\n# Caf\xe9\n".to_vec(),
    );
    let bytes = b"\xef\xbb\xbftitle: x\nstatus: active\nsummary: caf\xe9\n";
    let on_disk = record_from_disk(bytes);
    invariants::check(Target::Project, bytes, &on_disk).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_line_separator_in_a_block_scalar_is_reported_on_its_own_line() {
    let (o, _) = run(Target::Project, "title: x\nsummary: |\n  a\u{2028}b\nnope: 1\n");
    let at = o.diagnostics[0].location.as_ref().expect("a location");
    assert_eq!(at.line, 3, "{}", invariants::describe(&o.diagnostics[0]));
}

#[test]
fn many_problems_on_one_long_line_take_linear_time() {
    // A record written as one line of flow YAML, as a JSON export would be (123 kB), with
    // 4,000 problems (each field has no description, and a `minimum` a string cannot have)
    // took over a minute in a debug build: placing each diagnostic walked its line from the
    // start (SourceFile::offset_of and line_end). Lines now know their end and whether they are
    // ASCII, so placing one costs no walk.
    let fields: String = (0..2000)
        .map(|i| format!("{{name: f{i}, type: string, sensitivity: public, minimum: 1}}, "))
        .collect();
    let (o, took) = run(
        Target::Project,
        format!("title: x\nstatus: active\nschema: {{name: E, fields: [{fields}]}}\n"),
    );
    assert!(o.diagnostics.len() >= 2000);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn heading_ids_are_unique() {
    let (o, _) = run(Target::Page, "---\ntitle: t\n---\n# a\n\n# a\n\n# a-1\n");
    let ids: Vec<&str> = o.html[0]
        .split("<h1 id=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}
