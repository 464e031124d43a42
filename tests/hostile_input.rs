//! Hostile input to the record loader, the process loader and pages (front matter, then the
//! Markdown rendered to HTML): nothing panics or hangs, and every failure is a diagnostic
//! located inside the input.
//!
//! - (a) arbitrary bytes and strings, and soups of YAML tokens;
//! - (b) records, processes and pages generated from a grammar of the real formats: real keys
//!   with values of random types, random Unicode (right-to-left text, combining marks, emoji,
//!   control characters as escapes in double quotes), random nesting, indentation, styles,
//!   anchors and aliases; well-typed ones must load;
//! - (c) named cases, each with its exact diagnostic code, line and column: in
//!   tests/hostile_cases.rs, with the reproducers of bugs found by fuzzing.
//!
//! Everything runs through `dacibook::fuzzing` (the fuzz targets' entry points) or a book in a
//! temporary folder, and the invariants of `fuzz/invariants.rs`. The number of cases of each
//! property is modest; `PROPTEST_CASES=1000 cargo test --release --test hostile_input` runs more.

mod common;
mod hostile;
#[path = "../fuzz/invariants.rs"]
mod invariants;

use hostile::grammar::{page, process, record, Emitter};
use hostile::{config, holds, record_from_disk};
use invariants::Target;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// (a) Arbitrary input.

/// Pieces of YAML and Markdown syntax, keys of the real formats, and awkward characters.
const TOKENS: &[&str] = &[
    ": ",
    ":",
    "- ",
    "-",
    "? ",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "    ",
    "\t",
    "#",
    " # c",
    "'",
    "\"",
    "\\",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!map ",
    "!tag ",
    "%YAML 1.2\n",
    "---\n",
    "---",
    "...\n",
    "|\n",
    "|-\n",
    ">+\n",
    "<<: ",
    "~",
    "null",
    "true",
    "1e999",
    "-0x1F",
    ".nan",
    "2026-02-30",
    "2026-01-05",
    "title",
    "status",
    "active",
    "people",
    "product-manager",
    "stages",
    "decide-metrics",
    "status: done",
    "schema",
    "fields",
    "name",
    "type",
    "pattern",
    "(a+)+$",
    "enum",
    "example",
    "sensitivity",
    "queries",
    "dashboards",
    "links",
    "codes",
    "roles",
    "activities",
    "assignments",
    "id",
    "duty",
    "drive",
    "order",
    "\u{feff}",
    "\u{85}",
    "\u{2028}",
    "\u{202e}",
    "\u{200f}",
    "\u{0301}",
    "é",
    "ש",
    "م",
    "😀",
    "👩\u{200d}💻",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{fffe}",
    "```",
    "```rust\n",
    "# ",
    "> ",
    "* ",
    "[x](y.md#z)",
    "<b>",
    "</b>",
    "![i](javascript:1)",
    "{#id}",
    "[^1]",
    "| a |\n|---|\n",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(TOKENS).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
            1 => "[a-z]{1,6}",
        ],
        0..120,
    )
    .prop_map(|parts| parts.concat())
}

/// Text that starts like a page: front matter made of the soup, then a body made of it.
fn page_soup() -> impl Strategy<Value = String> {
    (soup(), soup(), any::<bool>()).prop_map(|(front, body, close)| {
        let end = if close { "\n---\n" } else { "\n" };
        format!("---\n{front}{end}{body}")
    })
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn any_bytes_as_a_record(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        holds(Target::Project, bytes.clone())?;
        let on_disk = record_from_disk(&bytes);
        invariants::check(Target::Project, &bytes, &on_disk).map_err(TestCaseError::fail)?;
        prop_assert_eq!(std::str::from_utf8(&bytes).is_err(), on_disk.diagnostics.iter().any(|d| d.code == "not-utf8"));
    }

    #[test]
    fn any_bytes_as_a_process(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        holds(Target::Process, bytes)?;
    }

    #[test]
    fn any_bytes_as_a_page(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let outcome = holds(Target::Page, bytes.clone())?;
        prop_assert_eq!(std::str::from_utf8(&bytes).is_err(), outcome.diagnostics.iter().any(|d| d.code == "not-utf8"));
    }

    #[test]
    fn any_string_as_a_record(text in any::<String>(), yaml in soup()) {
        holds(Target::Project, text.into_bytes())?;
        holds(Target::Project, yaml.into_bytes())?;
    }

    #[test]
    fn any_string_as_a_process(text in any::<String>(), yaml in soup()) {
        holds(Target::Process, text.into_bytes())?;
        holds(Target::Process, yaml.into_bytes())?;
    }

    #[test]
    fn any_string_as_a_page(text in any::<String>(), page in page_soup()) {
        holds(Target::Page, text.into_bytes())?;
        holds(Target::Page, page.into_bytes())?;
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Generated from a grammar of the real formats.

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn generated_records_load_or_give_located_diagnostics(doc in record(false), options in any::<u8>()) {
        let text = Emitter::text_of(&doc, options);
        holds(Target::Project, text.into_bytes())?;
    }

    #[test]
    fn well_typed_generated_records_load(doc in record(true), options in any::<u8>()) {
        let text = Emitter::text_of(&doc, options);
        let outcome = holds(Target::Project, text.clone().into_bytes())?;
        prop_assert!(
            outcome.loaded,
            "a well-typed record did not load:\n{text}\n{}",
            outcome.diagnostics.iter().map(invariants::describe).collect::<Vec<_>>().join("\n")
        );
    }

    #[test]
    fn generated_processes_load_or_give_located_diagnostics(doc in process(false), options in any::<u8>()) {
        holds(Target::Process, Emitter::text_of(&doc, options).into_bytes())?;
    }

    #[test]
    fn well_typed_generated_processes_load(doc in process(true), options in any::<u8>()) {
        let text = Emitter::text_of(&doc, options);
        let outcome = holds(Target::Process, text.clone().into_bytes())?;
        prop_assert!(
            outcome.loaded,
            "a well-typed process did not load:\n{text}\n{}",
            outcome.diagnostics.iter().map(invariants::describe).collect::<Vec<_>>().join("\n")
        );
    }

    #[test]
    fn generated_pages_load_or_give_located_diagnostics(text in page(false)) {
        holds(Target::Page, text.into_bytes())?;
    }

    #[test]
    fn well_typed_generated_pages_load_and_render(text in page(true)) {
        let outcome = holds(Target::Page, text.clone().into_bytes())?;
        prop_assert!(
            outcome.loaded && outcome.html.len() == 2,
            "a well-typed page did not load:\n{text}\n{}",
            outcome.diagnostics.iter().map(invariants::describe).collect::<Vec<_>>().join("\n")
        );
    }
}
