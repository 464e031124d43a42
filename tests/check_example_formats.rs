//! An example (or enum value) of a field with a `format` must be a value of that format, as
//! ajv-formats judges it, so an example `check` accepts is one the exported schema accepts.

mod common;

use common::rules::{with_project, X};
use common::{assert_diag, only, Expect};
use dacibook::Severity::Error;

fn with_example(format: &str, example: &str) -> Vec<dacibook::Diagnostic> {
    let text = format!(
        "title: X\nstatus: proposed\nschema:\n  name: Thing\n  fields:\n    - name: seen\n      type: string\n      description: When or where it was seen.\n      format: {format}\n      sensitivity: public\n      example: '{example}'\n"
    );
    with_project(&text).1
}

fn refused(format: &str, example: &str, like: &str) {
    let diags = with_example(format, example);
    let message = format!("the example `{example}` of `seen` is not a valid `{format}` (e.g. `{like}`)");
    assert_diag(
        only(&diags),
        Expect {
            code: "bad-example",
            severity: Error,
            message: &message,
            file: X,
            line: 11,
            column: 16,
            hint: Some("give an example that the field's own rules accept"),
        },
    );
}

#[test]
fn an_example_of_each_format_is_checked_against_it() {
    refused("date", "31/01/2026", "2026-01-31");
    refused("date", "2026-02-30", "2026-01-31");
    refused("date-time", "2026-01-31 09:30", "2026-01-31T09:30:00Z");
    refused("uri", "example.org/page", "https://example.org/page");
    refused("email", "jdoe@example", "someone@example.org");
    refused("uuid", "not-a-uuid", "123e4567-e89b-12d3-a456-426614174000");
    refused("ipv4", "192.0.2.256", "192.0.2.1");
}

#[test]
fn a_value_of_the_format_passes() {
    for (format, example) in [
        ("date", "2026-01-31"),
        ("date-time", "2026-01-31T09:30:00+01:00"),
        ("uri", "https://example.org/page?x=1"),
        ("email", "jdoe@example.org"),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000"),
        ("ipv4", "192.0.2.1"),
    ] {
        let diags = with_example(format, example);
        assert!(diags.is_empty(), "{format} {example}: {diags:?}");
    }
}
