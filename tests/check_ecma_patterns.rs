//! `pattern` is JSON Schema's, so ECMA-262: `check` compiles it with an ECMAScript engine in
//! Unicode mode (as Ajv does), refusing other dialects' constructs with the ECMAScript way.

mod common;

use common::rules::{with_project, X};
use common::{assert_diag, only, Expect};
use dacibook::Severity::Error;

fn with_pattern(pattern: &str) -> Vec<dacibook::Diagnostic> {
    let text = format!(
        "title: X\nstatus: proposed\nschema:\n  name: Thing\n  fields:\n    - name: wiki_db\n      type: string\n      description: The wiki's database name.\n      pattern: '{pattern}'\n      sensitivity: public\n      example: enwiki\n"
    );
    with_project(&text).1
}

fn refused(pattern: &str, why: &str, hint: &str) {
    let diags = with_pattern(pattern);
    let message =
        format!("the pattern of `wiki_db` is not an ECMAScript regular expression (JSON Schema's dialect): {why}");
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-pattern",
            severity: Error,
            message: &message,
            file: X,
            line: 9,
            column: 16,
            hint: Some(hint),
        },
    );
}

#[test]
fn an_inline_flag_is_refused_with_a_hint_to_spell_both_cases() {
    refused(
        "(?i)^[a-z]+$",
        "Invalid group modifier",
        "ECMAScript has no inline flags such as `(?i)`: spell out both cases, e.g. `[Aa]`",
    );
}

#[test]
fn a_posix_class_is_refused_with_a_hint_to_write_the_range() {
    refused(
        "^[[:alpha:]]+$",
        "Invalid atom character",
        "ECMAScript has no POSIX classes such as `[[:alpha:]]`: write the range, e.g. `[A-Za-z]`",
    );
}

#[test]
fn a_backslash_z_anchor_is_refused_with_a_hint_to_use_dollar() {
    refused(
        "^[a-z]+\\z",
        "Invalid character escape",
        "ECMAScript has no `\\A`, `\\z` or `\\Z`: anchor with `^` and `$`",
    );
}

#[test]
fn ecmascript_only_constructs_pass_and_examples_are_matched_by_them() {
    // A lookahead: ECMAScript has it, Rust's `regex` crate has not.
    assert!(with_pattern("^(?=[a-z])[a-z0-9]+$").is_empty());
    let diags = with_pattern("^(?=[0-9])[a-z0-9]+$");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, "bad-example");
}
