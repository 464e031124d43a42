//! YAML syntax mistakes are reported where they were made, with a hint that says how to fix
//! them: an unclosed bracket or quote at its opening, not where the parser gave up.

mod common;

use common::{assert_diag, only, Book, Expect};
use dacibook::Severity;

fn check_record(text: &str) -> Vec<dacibook::Diagnostic> {
    let book = Book::valid();
    book.write("content/projects/x.yaml", text);
    book.check()
}

fn expect<'a>(message: &'a str, line: usize, column: usize, hint: &'a str) -> Expect<'a> {
    Expect {
        code: "yaml-syntax",
        severity: Severity::Error,
        message,
        file: "content/projects/x.yaml",
        line,
        column,
        hint: Some(hint),
    }
}

#[test]
fn an_unclosed_bracket_is_reported_at_its_opening_before_any_type_error() {
    // serde would first say the title is "not a string"; the missing `]` is the real mistake.
    let diags = check_record("title: [Search clicks\nstatus: active\n");
    assert_diag(
        only(&diags),
        expect(
            "this `[` is never closed",
            1,
            8,
            "close the list with `]`, or quote the value if the `[` belongs to the text",
        ),
    );
    let diags = check_record("title: X\nstatus: active\nteam: {a: 1\n");
    assert_diag(
        only(&diags),
        expect(
            "this `{` is never closed",
            3,
            7,
            "close the mapping with `}`, or quote the value if the `{` belongs to the text",
        ),
    );
}

#[test]
fn an_unclosed_quote_is_reported_at_its_opening() {
    let diags = check_record("title: X\nstatus: active\nteam: \"Web\n\nsummary: s\n");
    assert_diag(
        only(&diags),
        expect(
            "this quote is never closed",
            3,
            7,
            "end the text with the same quote; inside it, write a ' as '' (single quotes) or a \" as \\\" (double quotes)",
        ),
    );
}

#[test]
fn common_syntax_errors_say_how_to_fix_them() {
    let diags = check_record("title: 'it's'\nstatus: active\n");
    assert_diag(
        only(&diags),
        expect(
            "did not find expected key",
            1,
            12,
            "this line does not continue the mapping above: check its indentation, and whether a quote ends the text early (inside single quotes, write ' as '')",
        ),
    );
    let diags = check_record("title: Clicks: search\nstatus: active\n");
    assert_diag(
        only(&diags),
        expect(
            "mapping values are not allowed in this context",
            1,
            14,
            "a second `: ` on one line: quote the value (`key: \"a: b\"`), or put the nested key on a line of its own, indented",
        ),
    );
    // A tab that indents a line: tests/newcomer_errors.rs.
    let diags = check_record("title: `x`\nstatus: active\n");
    assert_diag(
        only(&diags),
        expect(
            "found character that cannot start any token",
            1,
            8,
            "a value cannot start with this character (` @ or %, say): quote the value",
        ),
    );
}

#[test]
fn a_key_without_its_colon_on_a_long_line_is_reported_at_the_line() {
    let diags = check_record(&format!("title: X\nstatus: active\n{}\n", "k".repeat(2000)));
    assert_diag(
        only(&diags),
        expect(
            "this line starts a key that never ends with `:`",
            3,
            1,
            "a key and its `:` must be on one line, within 1,024 characters; if the line is a value, indent it under its key or quote it",
        ),
    );
}
