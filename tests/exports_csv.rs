//! matrix.csv is safe to open in a spreadsheet: formula-like cells are neutralised, every cell
//! is quoted, and the header names each role by short name and id. Parsed back with `csv`.

mod common;

use common::site::{build_site, file_text};
use common::Book;

fn rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn formula_cells_are_neutralised_and_quoted() {
    let book = Book::valid();
    let p = "content/process.yaml";
    book.patch(
        p,
        "name: Decide metrics needs",
        r#"name: '=HYPERLINK("https://evil.example","x")'"#,
    );
    book.patch(p, "short: PM", r#"short: "@PM""#);
    book.patch(p, "name: Privacy review", "name: \"\\tPrivacy review\"");
    book.patch(p, "name: Add the fields to the data dictionary", "name: +1 dictionary");
    book.patch(p, "name: Write the specification", "name: -2 spec");
    let site = build_site(book.root());
    let text = file_text(&site, "matrix.csv");
    let rows = rows(text);
    assert_eq!(
        rows[0],
        [
            "#",
            "activity",
            "'@PM (product-manager)",
            "DA (data-analyst)",
            "Legal / Privacy (legal-privacy)",
            "Software Engineer (software-engineer)"
        ]
    );
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        names,
        [
            r#"'=HYPERLINK("https://evil.example","x")"#,
            "'-2 spec",
            "'+1 dictionary",
            "'\tPrivacy review"
        ]
    );
    assert_eq!(rows[1][2..], ["D", "I", "", ""], "codes stay as they are");
    // Quoted in the file itself, with the inner quotes doubled.
    assert!(
        text.contains(r#""'=HYPERLINK(""https://evil.example"",""x"")""#),
        "{text}"
    );
    assert!(
        text.lines().all(|l| l.starts_with('"')),
        "every cell is quoted:\n{text}"
    );
}
