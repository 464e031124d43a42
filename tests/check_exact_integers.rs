//! Integers are compared exactly, past 2^53 too: an example one above a maximum of 2^53 is out of
//! range (as floats both are 2^53).

mod common;

use common::rules::{with_project, X};
use common::{assert_diag, only, Expect};
use dacibook::Severity::Error;

fn with_bounds(bounds: &str, example: &str) -> Vec<dacibook::Diagnostic> {
    let text = format!(
        "title: X\nstatus: proposed\nschema:\n  name: Thing\n  fields:\n    - name: page_id\n      type: integer\n      description: The page's id.\n      sensitivity: public\n      {bounds}\n      example: {example}\n"
    );
    with_project(&text).1
}

#[test]
fn an_example_one_past_a_maximum_of_2_53_is_out_of_range() {
    let diags = with_bounds("maximum: 9007199254740992", "9007199254740993");
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-example",
            severity: Error,
            message: "the example `9007199254740993` of `page_id` is outside the minimum/maximum",
            file: X,
            line: 11,
            column: 16,
            hint: Some("give an example that the field's own rules accept"),
        },
    );
    assert!(with_bounds("maximum: 9007199254740993", "9007199254740993").is_empty());
}

#[test]
fn a_minimum_one_above_a_maximum_past_2_53_is_bad_range() {
    let diags = with_bounds(
        "minimum: 9007199254740993\n      maximum: 9007199254740992",
        "9007199254740993",
    );
    let range = diags.iter().find(|d| d.code == "bad-range").expect("bad-range");
    assert_eq!(
        range.message,
        "`page_id` has minimum 9007199254740993 above maximum 9007199254740992"
    );
}
