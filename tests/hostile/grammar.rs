//! Records, processes and pages generated from a grammar of the real formats, for the
//! properties of tests/hostile_input.rs.

use proptest::prelude::*;

/// A YAML node to write out. How it is written (block or flow, quoting, an anchor) is drawn
/// with it; [`Emitter`] turns it into text.
#[derive(Debug, Clone)]
pub struct Node {
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
pub fn record(well_typed: bool) -> BoxedStrategy<Node> {
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
pub fn process(well_typed: bool) -> BoxedStrategy<Node> {
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
pub fn page(well_typed: bool) -> BoxedStrategy<String> {
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
pub struct Emitter {
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
    pub fn text_of(doc: &Node, options: u8) -> String {
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
