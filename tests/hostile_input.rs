//! Hostile input to the record loader, the process loader and pages (front matter, then the
//! Markdown rendered to HTML): nothing panics or hangs, and every failure is a diagnostic
//! located inside the input.
//!
//! - (a) arbitrary bytes and strings, and soups of YAML tokens;
//! - (b) records, processes and pages generated from a grammar of the real formats: real keys
//!   with values of random types, random Unicode (right-to-left text, combining marks, emoji,
//!   control characters as escapes in double quotes), random nesting, indentation, styles,
//!   anchors and aliases; well-typed ones must load;
//! - (c) named cases, each with its exact diagnostic code, line and column.
//!
//! Everything runs through `dacibook::fuzzing` (the fuzz targets' entry points) or a book in a
//! temporary folder, and the invariants of `fuzz/invariants.rs`. The number of cases of each
//! property is modest; `PROPTEST_CASES=1000 cargo test --release --test hostile_input` runs more.

mod common;
#[path = "../fuzz/invariants.rs"]
mod invariants;

use common::Book;
use dacibook::fuzzing::{self, Outcome};
use invariants::Target;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A case that runs longer than this is a hang; it is a guard, not a speed target.
const HANG_GUARD: Duration = Duration::from_secs(20);

/// Runs `f` on a thread of its own, with the default stack (the loader parses records on
/// rayon's threads, which have the same), and fails when it panics or outlives [`HANG_GUARD`].
fn guarded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a thread");
    match rx.recv_timeout(HANG_GUARD) {
        Ok(value) => (value, start.elapsed()),
        Err(RecvTimeoutError::Timeout) => panic!("{what}: still running after {HANG_GUARD:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: panicked (the message is above)"),
    }
}

/// Runs `target` on `input` under the guard; the outcome once the invariants hold.
fn run(target: Target, input: impl Into<Vec<u8>>) -> (Outcome, Duration) {
    let input = input.into();
    let (result, took) = guarded(target.name(), move || {
        let outcome = target.run(&input);
        let checked = invariants::check(target, &input, &outcome);
        (outcome, checked)
    });
    let (outcome, checked) = result;
    if let Err(problem) = checked {
        panic!("{problem}");
    }
    (outcome, took)
}

/// [`run`] for a property: a failure is returned rather than panicked.
fn holds(target: Target, input: Vec<u8>) -> Result<Outcome, TestCaseError> {
    let (result, _) = guarded(target.name(), move || {
        let outcome = target.run(&input);
        let checked = invariants::check(target, &input, &outcome);
        (outcome, checked)
    });
    let (outcome, checked) = result;
    checked.map_err(TestCaseError::fail)?;
    Ok(outcome)
}

/// A record read from the disk by the loader itself (`load_project`, which checks UTF-8).
fn record_from_disk(bytes: &[u8]) -> Outcome {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let rel = Path::new(fuzzing::PROJECT_FILE);
    std::fs::create_dir_all(dir.path().join(rel.parent().expect("a folder"))).expect("create folders");
    std::fs::write(dir.path().join(rel), bytes).expect("write the record");
    let (file, result) = dacibook::load::load_project(dir.path(), rel).expect("the record is readable");
    Outcome {
        loaded: result.is_ok(),
        diagnostics: result.err().into_iter().collect(),
        html: Vec::new(),
        sources: file.into_iter().collect(),
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
        // Failures are kept as named cases below, not in a file next to this one.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

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

/// A YAML node to write out. How it is written (block or flow, quoting, an anchor) is drawn
/// with it; [`Emitter`] turns it into text.
#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    /// Written in flow style (`[..]`, `{..}`) rather than block style.
    flow: bool,
    /// Carries an anchor (`&aN`).
    anchor: bool,
    /// For text: 0 plain when possible, 1 single quotes, 2 double quotes, 3 literal block, 4
    /// folded block.
    quote: u8,
}

#[derive(Debug, Clone)]
enum Kind {
    /// A string, quoted as needed.
    Text(String),
    /// A scalar written as it is: a number, a date, `true`, `~`, an enum value.
    Token(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
    /// An alias of the (n mod count)th anchor written so far (`[]` when there is none yet).
    Alias(usize),
}

fn node(kind: Kind, style: u8) -> Node {
    Node {
        kind,
        flow: style & 3 == 0,
        anchor: style & 12 == 0,
        quote: (style >> 4) % 5,
    }
}

/// A node drawn with its style; anchors only when `anchors` (well-typed documents use them
/// only where an alias is drawn too).
fn styled(kind: impl Strategy<Value = Kind>, anchors: bool) -> impl Strategy<Value = Node> {
    (kind, any::<u8>()).prop_map(move |(k, s)| node(k, if anchors { s } else { s | 12 }))
}

/// Text in several scripts: words, right-to-left text and marks, combining marks, emoji,
/// Markdown and YAML punctuation, and control characters (written as escapes).
fn text() -> BoxedStrategy<String> {
    prop::collection::vec(
        prop_oneof![
            6 => "[a-z]{1,8}",
            3 => Just(" ".to_string()),
            1 => "[\u{05d0}-\u{05ea}]{1,6}",
            1 => "[\u{0627}-\u{064a}]{1,6}",
            1 => prop::sample::select(&["\u{202e}", "\u{202b}", "\u{200f}", "\u{2067}", "\u{2069}", "\u{061c}"][..])
                .prop_map(str::to_string),
            1 => "[a-z][\u{0300}-\u{036f}]{1,3}",
            1 => prop::sample::select(&["😀", "👩\u{200d}💻", "🇺🇦", "👍🏽", "\u{fe0f}", "𝔘"][..]).prop_map(str::to_string),
            1 => "[\u{4e00}-\u{4e50}]{1,4}",
            1 => prop::sample::select(&["**b**", "[l](about.html)", "<i>", "`c`", "\n", "\n\n", "# h", "- i"][..])
                .prop_map(str::to_string),
            1 => "[\u{1}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{7f}-\u{9f}\u{85}\u{2028}\u{2029}\u{feff}\u{fffe}\t\r]",
            1 => prop::sample::select(&[": ", " #", "'", "\"", "\\", "&", "*", "{", "[", ",", "%", "@", "`", "|", ">", "-", "?", "!"][..])
                .prop_map(str::to_string),
            1 => any::<char>().prop_filter("no NUL", |c| *c != '\0').prop_map(String::from),
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
    .boxed()
}

/// Non-empty text.
fn words() -> BoxedStrategy<String> {
    (("[A-Za-z]{1,6}"), text()).prop_map(|(a, b)| a + &b).boxed()
}

/// A kebab-case id, or one of `known`.
fn id(known: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![3 => prop::sample::select(known).prop_map(str::to_string), 1 => "[a-z]{1,6}(-[a-z0-9]{1,4}){0,2}"]
        .boxed()
}

const ROLES: &[&str] = &[
    "product-manager",
    "data-analyst",
    "head-of-product-analytics",
    "legal-privacy",
    "software-engineer",
    "ri-engineering-manager",
];
const ACTIVITIES: &[&str] = &[
    "decide-metrics",
    "define-questions",
    "specification",
    "data-dictionary",
    "privacy-review",
    "implementation",
];

fn date() -> BoxedStrategy<String> {
    (1900u32..2100, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .boxed()
}

fn token(values: &'static [&'static str]) -> BoxedStrategy<Kind> {
    prop::sample::select(values)
        .prop_map(|v| Kind::Token(v.to_string()))
        .boxed()
}

/// A scalar of a random type, valid or not for wherever it lands.
fn any_scalar() -> BoxedStrategy<Kind> {
    prop_oneof![
        3 => text().prop_map(Kind::Text),
        1 => any::<i64>().prop_map(|i| Kind::Token(i.to_string())),
        1 => any::<f64>().prop_map(|f| Kind::Token(format!("{f:e}"))),
        1 => token(&["true", "false", "~", "null", ".inf", "-.inf", ".nan", "0x1F", "0o17", "1e400",
            "123456789012345678901234567890", "2026-02-30", "2026-13-01", "26-1-1", "-0", "+12", "''", "\"\""]),
        1 => date().prop_map(Kind::Token),
    ]
    .boxed()
}

/// A value of any type and shape, nested up to six levels, with anchors and aliases.
fn any_value() -> BoxedStrategy<Node> {
    let leaf = prop_oneof![
        6 => styled(any_scalar(), true),
        1 => any::<usize>().prop_map(|n| node(Kind::Alias(n), 0b1100)),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            styled(prop::collection::vec(inner.clone(), 0..6).prop_map(Kind::Seq), true),
            styled(
                prop::collection::vec((prop_oneof![3 => "[a-z-]{1,12}", 1 => text()], inner), 0..6).prop_map(Kind::Map),
                true
            ),
        ]
    })
    .boxed()
}

/// A chain of single-item collections `depth` levels deep (past serde_yaml's limit of 128 at
/// times), around a scalar.
fn deep_value() -> BoxedStrategy<Node> {
    (0usize..160, any::<u64>(), any::<bool>())
        .prop_map(|(depth, bits, flow)| {
            let mut n = node(Kind::Token("x".to_string()), 0b1100);
            for level in 0..depth {
                let kind = if bits >> (level % 64) & 1 == 0 {
                    Kind::Seq(vec![n])
                } else {
                    Kind::Map(vec![("k".to_string(), n)])
                };
                n = Node {
                    kind,
                    flow,
                    anchor: false,
                    quote: 0,
                };
            }
            n
        })
        .boxed()
}

/// Entries of a mapping: each of `fields` that is drawn, in order. When `well_typed` is false
/// a value may be replaced by one of any type, and a random or repeated key may join in.
fn mapping(fields: Vec<(&'static str, bool, BoxedStrategy<Node>)>, well_typed: bool) -> BoxedStrategy<Node> {
    let entries: Vec<BoxedStrategy<Option<(String, Node)>>> = fields
        .into_iter()
        .map(|(key, required, value)| {
            let value = if well_typed {
                value
            } else {
                prop_oneof![4 => value, 1 => any_value(), 1 => deep_value()].boxed()
            };
            let keyed = value.prop_map(move |v| Some((key.to_string(), v)));
            if required && well_typed {
                keyed.boxed()
            } else {
                prop_oneof![2 => keyed, 1 => Just(None)].boxed()
            }
        })
        .collect();
    let extra = if well_typed {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec((prop_oneof!["[a-z-]{1,10}", text()], any_value()), 0..2).boxed()
    };
    (entries, extra, any::<u8>(), any::<bool>())
        .prop_map(move |(entries, extra, style, repeat)| {
            let mut entries: Vec<(String, Node)> = entries.into_iter().flatten().collect();
            entries.extend(extra);
            if repeat && !well_typed && !entries.is_empty() {
                entries.push(entries[0].clone());
            }
            node(Kind::Map(entries), style | 12)
        })
        .boxed()
}

fn list(item: BoxedStrategy<Node>, max: usize) -> BoxedStrategy<Node> {
    styled(prop::collection::vec(item, 0..max).prop_map(Kind::Seq), false).boxed()
}

fn text_node() -> BoxedStrategy<Node> {
    styled(text().prop_map(Kind::Text), false).boxed()
}

fn words_node() -> BoxedStrategy<Node> {
    styled(words().prop_map(Kind::Text), false).boxed()
}

fn token_node(values: &'static [&'static str]) -> BoxedStrategy<Node> {
    styled(token(values), false).boxed()
}

fn date_node() -> BoxedStrategy<Node> {
    styled(date().prop_map(Kind::Token), false).boxed()
}

fn number_node() -> BoxedStrategy<Node> {
    styled(
        prop_oneof![
            any::<i32>().prop_map(|i| i.to_string()),
            (-1e6f64..1e6).prop_map(|f| f.to_string()),
            prop::sample::select(&["0", "1", "0.5", "1e3"][..]).prop_map(str::to_string),
        ]
        .prop_map(Kind::Token),
        false,
    )
    .boxed()
}

fn count_node() -> BoxedStrategy<Node> {
    styled((0u32..400).prop_map(|n| Kind::Token(n.to_string())), false).boxed()
}

/// A mapping keyed by ids (no key twice), each to a value.
fn id_map(keys: BoxedStrategy<String>, value: BoxedStrategy<Node>, max: usize) -> BoxedStrategy<Node> {
    (prop::collection::btree_map(keys, value, 0..max), any::<u8>())
        .prop_map(|(m, style)| node(Kind::Map(m.into_iter().collect()), style | 12))
        .boxed()
}

/// A project record. Well-typed ones have every value of the right type (they may still break
/// the checker's rules: unknown roles, dates out of order...).
fn record(well_typed: bool) -> BoxedStrategy<Node> {
    let w = well_typed;
    let person = mapping(
        vec![
            ("name", true, words_node()),
            ("handle", false, words_node()),
            ("email", false, text_node()),
        ],
        w,
    );
    // A role's people, or an alias of another role's (the only aliases a well-typed record uses).
    let people_list = prop_oneof![
        4 => (prop::collection::vec(person, 1..3), any::<u8>())
            .prop_map(|(items, style)| Node { anchor: style & 1 == 0, ..node(Kind::Seq(items), style | 12) }),
        1 => any::<usize>().prop_map(|n| node(Kind::Alias(n), 0b1100)),
    ]
    .boxed();
    let stage = mapping(
        vec![
            (
                "status",
                true,
                token_node(&["not-started", "in-progress", "done", "skipped", "blocked"]),
            ),
            ("started", false, date_node()),
            ("finished", false, date_node()),
            ("scheduled", false, date_node()),
            ("notice-sent", false, date_node()),
            (
                "sign-off",
                false,
                mapping(vec![("by", true, words_node()), ("on", false, date_node())], w),
            ),
            ("checked", false, list(words_node(), 4)),
            ("notes", false, text_node()),
        ],
        w,
    );
    let scalar = prop_oneof![words_node(), number_node(), token_node(&["true", "false"])].boxed();
    let field = mapping(
        vec![
            ("name", true, words_node()),
            ("type", true, token_node(&["string", "integer", "number", "boolean"])),
            ("description", false, text_node()),
            ("required", false, token_node(&["true", "false"])),
            ("enum", false, list(scalar.clone(), 4)),
            ("pattern", false, styled(text().prop_map(Kind::Text), false).boxed()),
            ("minimum", false, number_node()),
            ("maximum", false, number_node()),
            (
                "format",
                false,
                token_node(&["date-time", "date", "uri", "email", "uuid", "ipv4"]),
            ),
            ("example", false, scalar),
            (
                "sensitivity",
                true,
                token_node(&["public", "internal", "personal", "sensitive"]),
            ),
        ],
        w,
    );
    let schema = mapping(
        vec![
            ("name", true, words_node()),
            ("version", false, count_node()),
            ("description", false, text_node()),
            (
                "sampling",
                false,
                mapping(
                    vec![
                        ("rate", true, number_node()),
                        (
                            "unit",
                            true,
                            token_node(&["pageview", "session", "user", "event", "device"]),
                        ),
                        ("method", false, text_node()),
                    ],
                    w,
                ),
            ),
            (
                "retention",
                false,
                mapping(
                    vec![
                        ("purge-after-days", false, count_node()),
                        ("allow-list", false, list(words_node(), 3)),
                        ("notes", false, text_node()),
                    ],
                    w,
                ),
            ),
            ("fields", false, list(field, 4)),
        ],
        w,
    );
    let links = mapping(
        vec![
            ("ticket", false, text_node()),
            ("schema-repo", false, text_node()),
            (
                "other",
                false,
                list(
                    mapping(vec![("title", true, words_node()), ("url", true, text_node())], w),
                    3,
                ),
            ),
        ],
        w,
    );
    let query = mapping(
        vec![
            ("name", true, words_node()),
            ("purpose", false, text_node()),
            ("language", false, words_node()),
            ("text", true, text_node()),
        ],
        w,
    );
    let dashboard = mapping(vec![("name", true, words_node()), ("url", true, text_node())], w);
    mapping(
        vec![
            ("title", true, words_node()),
            ("summary", false, text_node()),
            (
                "status",
                true,
                token_node(&["proposed", "active", "paused", "decommissioned"]),
            ),
            ("team", false, words_node()),
            ("links", false, links),
            ("people", false, id_map(id(ROLES), people_list, 4)),
            ("stages", false, id_map(id(ACTIVITIES), stage, 4)),
            ("schema", false, schema),
            ("queries", false, list(query, 3)),
            ("dashboards", false, list(dashboard, 3)),
        ],
        w,
    )
}

/// A process file.
fn process(well_typed: bool) -> BoxedStrategy<Node> {
    let w = well_typed;
    let code = mapping(
        vec![
            ("id", true, words_node()),
            ("name", true, words_node()),
            ("duty", true, token_node(&["drive", "approve", "contribute", "inform"])),
            ("meaning", false, text_node()),
        ],
        w,
    );
    let role = mapping(
        vec![
            ("id", true, styled(id(ROLES).prop_map(Kind::Text), false).boxed()),
            ("name", true, words_node()),
            ("short", false, words_node()),
            ("description", false, text_node()),
        ],
        w,
    );
    let letters = || {
        styled(
            prop::sample::select(&["D", "A", "C", "I", "X"][..]).prop_map(|s| Kind::Text(s.into())),
            false,
        )
        .boxed()
    };
    let activity = mapping(
        vec![
            ("id", true, styled(id(ACTIVITIES).prop_map(Kind::Text), false).boxed()),
            ("name", true, words_node()),
            ("description", false, text_node()),
            ("required", false, token_node(&["true", "false"])),
            (
                "prerequisites",
                false,
                list(styled(id(ACTIVITIES).prop_map(Kind::Text), false).boxed(), 3),
            ),
            ("assignments", false, id_map(id(ROLES), letters(), 4)),
            ("inferred", false, id_map(id(ROLES), text_node(), 2)),
            (
                "waivers",
                false,
                id_map(
                    prop::sample::select(&["A", "C", "I"][..])
                        .prop_map(str::to_string)
                        .boxed(),
                    text_node(),
                    2,
                ),
            ),
            (
                "notice",
                false,
                mapping(
                    vec![
                        ("business-days", true, count_node()),
                        ("to", true, styled(id(ROLES).prop_map(Kind::Text), false).boxed()),
                        ("what", false, text_node()),
                    ],
                    w,
                ),
            ),
            (
                "checklist",
                false,
                list(
                    mapping(vec![("id", true, words_node()), ("text", true, text_node())], w),
                    3,
                ),
            ),
        ],
        w,
    );
    mapping(
        vec![
            ("name", true, words_node()),
            ("description", false, text_node()),
            (
                "source",
                false,
                mapping(vec![("title", true, words_node()), ("url", false, text_node())], w),
            ),
            ("codes", true, list(code, 5)),
            ("roles", true, list(role, 5)),
            ("activities", true, list(activity, 5)),
        ],
        w,
    )
}

/// A page: front matter (title, order), then Markdown made of a mix of its syntax and text.
fn page(well_typed: bool) -> BoxedStrategy<String> {
    let order = styled(any::<i64>().prop_map(|i| Kind::Token(i.to_string())), false).boxed();
    let front = mapping(
        vec![("title", false, words_node()), ("order", false, order)],
        well_typed,
    );
    let markdown = prop::collection::vec(
        prop_oneof![
            3 => text(),
            1 => prop::sample::select(&[
                "\n\n# ", "\n## ", " {#content}", "\n\n```rust\nfn x() {}\n```\n", "\n```\n", "\n    code\n",
                "\n> ", "\n- [ ] ", "\n1. ", "*", "**", "~~", "`", "[", "](", ")", "[^n]", "\n[^n]: ", "<div>",
                "</div>", "<!--", "-->", "\n| a | b |\n|---|:-:|\n| c |", "![", "](javascript:x)", "](guide.md#h)",
                "<https://e.org>", "&amp;", "&#0;", "\\", "\n---\n", "\n***\n", "\n===\n", "{{ x }}", "{% x %}",
            ][..])
            .prop_map(str::to_string),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat());
    (front, markdown, any::<u8>())
        .prop_map(|(front, body, style)| {
            let mut e = Emitter::new(style);
            e.document(&front);
            format!("---\n{}---\n{body}", e.out)
        })
        .boxed()
}

/// Writes nodes out as YAML.
struct Emitter {
    out: String,
    /// Spaces per level of block nesting (1 to 4).
    step: usize,
    anchors: usize,
    comments: bool,
}

impl Emitter {
    fn new(style: u8) -> Emitter {
        Emitter {
            out: String::new(),
            step: 1 + (style & 3) as usize,
            anchors: 0,
            comments: style & 4 != 0,
        }
    }

    /// A whole document, given its options: a BOM, `---` first, CRLF line endings.
    fn text_of(doc: &Node, options: u8) -> String {
        let mut e = Emitter::new(options);
        e.document(doc);
        let mut text = e.out;
        if options & 8 != 0 {
            text.insert_str(0, "---\n");
        }
        if options & 16 != 0 {
            text = text.replace('\n', "\r\n");
        }
        if options & 32 != 0 {
            text.insert(0, '\u{feff}');
        }
        text
    }

    fn document(&mut self, doc: &Node) {
        match &doc.kind {
            Kind::Map(entries) if !entries.is_empty() && !doc.flow => self.entries(entries, 0),
            _ => {
                let value = self.inline(doc);
                self.out += &value;
                self.out.push('\n');
            }
        }
    }

    fn entries(&mut self, entries: &[(String, Node)], indent: usize) {
        for (i, (key, value)) in entries.iter().enumerate() {
            if self.comments && i % 3 == 1 {
                self.out += &format!("{}# ünïcödé \u{202e} comment: {{[&*\n", " ".repeat(indent));
            }
            self.out += &" ".repeat(indent);
            self.out += &quote(key, 0);
            self.out.push(':');
            self.value(value, indent, true);
        }
    }

    fn items(&mut self, items: &[Node], indent: usize) {
        for item in items {
            self.out += &" ".repeat(indent);
            self.out.push('-');
            self.value(item, indent, false);
        }
    }

    fn anchor(&mut self, n: &Node) -> String {
        if n.anchor && !matches!(n.kind, Kind::Alias(_)) {
            self.anchors += 1;
            format!(" &a{}", self.anchors - 1)
        } else {
            String::new()
        }
    }

    /// The value of a key or a sequence item, after its `key:` or `-` at column `indent`.
    fn value(&mut self, n: &Node, indent: usize, in_map: bool) {
        match &n.kind {
            Kind::Map(entries) if !entries.is_empty() && !n.flow => {
                let anchor = self.anchor(n);
                self.out += &anchor;
                self.out.push('\n');
                self.entries(entries, indent + self.step);
            }
            Kind::Seq(items) if !items.is_empty() && !n.flow => {
                let anchor = self.anchor(n);
                self.out += &anchor;
                self.out.push('\n');
                // A sequence may sit at its key's own indentation.
                let at = if in_map && n.quote.is_multiple_of(2) {
                    indent
                } else {
                    indent + self.step
                };
                self.items(items, at);
            }
            Kind::Text(s) if n.quote >= 3 && block_safe(s) => {
                let anchor = self.anchor(n);
                self.out += &anchor;
                self.out += if n.quote == 3 { " |" } else { " >" };
                self.out += ["", "-", "+"][s.len() % 3];
                self.out.push('\n');
                for line in s.split('\n') {
                    if !line.is_empty() {
                        self.out += &" ".repeat(indent + self.step);
                        self.out += line;
                    }
                    self.out.push('\n');
                }
            }
            _ => {
                let value = self.inline(n);
                self.out.push(' ');
                self.out += &value;
                self.out.push('\n');
            }
        }
    }

    /// A node in flow style.
    fn inline(&mut self, n: &Node) -> String {
        let anchor = self.anchor(n);
        let anchor = anchor.trim_start().to_string() + if anchor.is_empty() { "" } else { " " };
        let body = match &n.kind {
            Kind::Alias(i) if self.anchors > 0 => format!("*a{}", i % self.anchors),
            Kind::Alias(_) => "[]".to_string(),
            Kind::Token(t) => t.clone(),
            Kind::Text(s) => quote(s, n.quote.min(2)),
            Kind::Seq(items) => {
                let items: Vec<String> = items.iter().map(|i| self.inline(i)).collect();
                format!("[{}]", items.join(", "))
            }
            Kind::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", quote(k, 1), self.inline(v)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
        };
        anchor + &body
    }
}

/// Whether YAML takes `c` as it is: printable and not a line break of YAML 1.1 (U+0085,
/// U+2028, U+2029), which libyaml honours.
fn plain_char(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}')
        || c > '\u{ffff}'
}

/// Text a block scalar can hold as it is.
fn block_safe(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with([' ', '\n'])
        && s.split('\n')
            .all(|l| l.chars().all(plain_char) && !l.starts_with(' ') || l.is_empty())
}

/// `s` as a YAML scalar: plain when `style` is 0 and it can be, else in single or double
/// quotes (double when it holds anything single quotes cannot).
fn quote(s: &str, style: u8) -> String {
    let special = |w: &str| {
        ["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
    };
    let plain = !s.is_empty()
        && s.starts_with(|c: char| c.is_alphabetic())
        && !s.ends_with(' ')
        && !special(s)
        && s.chars().all(|c| plain_char(c) && !",[]{}#&*!|>'\"%@`:".contains(c));
    if style == 0 && plain {
        return s.to_string();
    }
    if style <= 1 && s.chars().all(plain_char) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\n' => out += "\\n",
            '\r' => out += "\\r",
            '\t' => out += "\\t",
            '\u{1b}' => out += "\\e",
            '\u{7}' => out += "\\a",
            '\u{85}' => out += "\\N",
            '\u{2028}' => out += "\\L",
            '\u{2029}' => out += "\\P",
            c if plain_char(c) => out.push(c),
            c if (c as u32) < 0x100 => out += &format!("\\x{:02X}", c as u32),
            c => out += &format!("\\u{:04X}", c as u32),
        }
    }
    out.push('"');
    out
}

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

// ---------------------------------------------------------------------------------------------
// (c) Named cases: the exact code and place of each.

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
    assert_one("tab indentation, record", &o, took, "yaml-syntax", 4, 1);
    let (o, took) = run(Target::Process, "name: P\ncodes:\n\t- id: D\n");
    assert_one("tab indentation, process", &o, took, "yaml-syntax", 3, 1);
    let (o, took) = run(Target::Page, "---\ntitle: x\n\torder: 1\n---\n");
    assert_one("tab indentation, front matter", &o, took, "yaml-syntax", 3, 1);
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
