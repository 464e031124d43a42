//! Writes a generated book for benchmarks: the repo's own process and N projects of M fields
//! each, with every stage status, sampling, retention, queries and dashboards represented.
//! The result passes `dacibook check` with no errors. With `--registry N`, the projects' schemas
//! name N schemas of a generated registry (examples/support/corpus_registry.rs) instead.
//!
//! cargo run --release --example corpus -- --projects 1000 --fields 25 --out /tmp/book1000

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

#[path = "support/corpus_registry.rs"]
mod registry;

/// A small deterministic generator (SplitMix64), so the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST: &[&str] = &[
    "Ada", "Bea", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kemal", "Lena", "Mira", "Nils",
    "Oona", "Priya", "Quinn", "Rosa", "Sami", "Tuva",
];
const LAST: &[&str] = &[
    "Abara", "Berg", "Costa", "Dahl", "Eze", "Fischer", "Gupta", "Haas", "Ivanova", "Jensen", "Kato", "Lund", "Moreau",
    "Novak", "Okafor",
];
const TEAMS: &[&str] = &["Web", "Apps", "Growth", "Editing", "Search", "Reading"];

struct ActivityInfo {
    id: String,
    approvers: Vec<String>,
    checklist: Vec<String>,
    required: bool,
}

const USAGE: &str = "\
usage: cargo run --release --example corpus -- [--projects N] [--fields M] [--pages N] [--out DIR]

  --projects N  project records to write (default 1000)
  --fields M    fields in each project's event schema (default 25)
  --pages N     Markdown pages to write, each with a table and an SQL block (default 0)
  --registry N  write a schema registry of N schemas (two roots, shared fragments, three
                versions each, an allow-list) that the projects' schemas name (default 0: inline)
  --out DIR     the book's folder; an earlier generated book there is replaced (default /tmp/dacibook-corpus)";

/// Reports a usage error and exits with status 2.
fn usage_error(what: &str) -> ! {
    eprintln!("error: {what}\n\n{USAGE}");
    std::process::exit(2)
}

/// Whether `dir` is missing, empty, or a book this program wrote (so replacing it loses nothing).
fn is_empty_or_generated(dir: &std::path::Path) -> bool {
    let empty = fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_none());
    empty || fs::read_to_string(dir.join("book.toml")).is_ok_and(|t| t.starts_with("[book]\ntitle = \"Generated book"))
}

fn main() {
    let mut projects = 1000usize;
    let mut fields = 25usize;
    let mut out = PathBuf::from("/tmp/dacibook-corpus");
    let mut pages = 0usize;
    let mut schemas = 0usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            return;
        }
        let value = args.get(i + 1).map(String::as_str).unwrap_or_default();
        let number = || {
            value
                .parse::<usize>()
                .unwrap_or_else(|_| usage_error(&format!("{flag} needs a number")))
        };
        match flag {
            "--projects" => projects = number(),
            "--fields" => fields = number(),
            "--pages" => pages = number(),
            "--registry" => schemas = number(),
            "--out" if !value.is_empty() => out = PathBuf::from(value),
            "--out" => usage_error("--out needs a folder"),
            other => usage_error(&format!("unknown argument {other}")),
        }
        i += 2;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let process_text = fs::read_to_string(root.join("content/process.yaml")).expect("content/process.yaml");
    let loaded = dacibook::load(&root).expect("the repo's book loads");
    let book = loaded.book.expect("book.toml parses");
    let process = book.process.expect("the process parses");
    let activities: Vec<ActivityInfo> = process
        .activities
        .iter()
        .map(|a| ActivityInfo {
            id: a.id.clone(),
            approvers: process
                .roles_with_duty(a, dacibook::model::Duty::Approve)
                .map(|r| r.id.clone())
                .collect(),
            checklist: a.checklist.iter().map(|c| c.id.clone()).collect(),
            required: a.required,
        })
        .collect();
    let roles: Vec<String> = process.roles.iter().map(|r| r.id.clone()).collect();

    if !is_empty_or_generated(&out) {
        usage_error(&format!(
            "{} holds something else than a generated book; pick another --out",
            out.display()
        ));
    }
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(out.join("content/projects")).unwrap();
    fs::write(
        out.join("book.toml"),
        format!(
            "[book]\ntitle = \"Generated book: {projects} projects\"\n\n[output.html]\nsite-url = \"https://example.org/corpus/\"\n{}",
            if schemas > 0 { registry::BOOK_TOML } else { "" }
        ),
    )
    .unwrap();
    fs::write(out.join("content/process.yaml"), process_text).unwrap();
    if schemas > 0 {
        registry::write(&out, schemas);
    }
    let mut rng = Rng(42);
    for p in 0..projects {
        let text = project(p, fields, schemas, &activities, &roles, &mut rng);
        fs::write(out.join(format!("content/projects/project-{p:05}.yaml")), text).unwrap();
    }
    for n in 0..pages {
        fs::write(out.join(format!("content/page-{n:05}.md")), markdown_page(n)).unwrap();
    }
    eprintln!(
        "wrote {projects} projects of {fields} fields, {pages} pages and {schemas} registry schemas to {}",
        out.display()
    );
}

fn person(rng: &mut Rng) -> (String, String) {
    let f = FIRST[rng.below(FIRST.len())];
    let l = LAST[rng.below(LAST.len())];
    (format!("{f} {l}"), format!("{}{}", f.to_lowercase(), l.to_lowercase()))
}

fn date(day: u32) -> String {
    // Days after 2024-01-01, as a calendar date.
    let d = chrono_like(day);
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

fn chrono_like(mut day: u32) -> (u32, u32, u32) {
    let mut year = 2024;
    loop {
        let len = if year % 4 == 0 { 366 } else { 365 };
        if day < len {
            break;
        }
        day -= len;
        year += 1;
    }
    let months = [
        31,
        if year % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut month = 0;
    while day >= months[month] {
        day -= months[month];
        month += 1;
    }
    (year, month as u32 + 1, day + 1)
}

fn project(
    p: usize,
    fields: usize,
    schemas: usize,
    activities: &[ActivityInfo],
    roles: &[String],
    rng: &mut Rng,
) -> String {
    let mut y = String::new();
    let progress = p % (activities.len() + 1);
    let status = match (progress, p % 7) {
        (n, _) if n == activities.len() => "decommissioned",
        (_, 3) => "paused",
        (0, _) => "proposed",
        _ => "active",
    };
    let _ = writeln!(y, "title: Generated project {p}");
    let _ = writeln!(y, "summary: |\n  Measures feature {p} so the team can tell whether it helps readers.\n  Part of the **generated** corpus.");
    let _ = writeln!(y, "status: {status}\nteam: {}", TEAMS[p % TEAMS.len()]);
    let _ = writeln!(
        y,
        "links:\n  ticket: https://phabricator.example.org/T{}\n  schema-repo: https://schemas.example.org/p{p}",
        100000 + p
    );
    let mut names: Vec<(String, Vec<String>)> = Vec::new();
    y.push_str("people:\n");
    for r in roles {
        let _ = writeln!(y, "  {r}:");
        let mut these = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let (name, handle) = person(rng);
            let _ = writeln!(
                y,
                "    - name: {name}\n      handle: {handle}\n      email: {handle}@example.org"
            );
            these.push(name);
        }
        names.push((r.clone(), these));
    }
    y.push_str("stages:\n");
    let mut day = (p as u32 * 3) % 600;
    for (k, a) in activities.iter().enumerate() {
        if k > progress {
            break;
        }
        let st = if k < progress {
            if a.required || k % 2 == 0 {
                "done"
            } else {
                "skipped"
            }
        } else if p % 7 == 3 {
            "blocked"
        } else {
            "in-progress"
        };
        let _ = writeln!(y, "  {}:\n    status: {st}\n    started: {}", a.id, date(day));
        if a.id == "privacy-review" {
            let _ = writeln!(y, "    notice-sent: {}\n    scheduled: {}", date(day), date(day + 14));
        }
        day += 7 + rng.below(20) as u32;
        if st == "done" {
            let _ = writeln!(y, "    finished: {}", date(day));
            if let Some(role) = a.approvers.first() {
                let who = &names.iter().find(|(r, _)| r == role).expect("all roles filled").1[0];
                let _ = writeln!(y, "    sign-off:\n      by: {who}\n      on: {}", date(day));
            }
        }
        let ticked = if st == "done" {
            a.checklist.len()
        } else {
            rng.below(a.checklist.len() + 1)
        };
        if ticked > 0 {
            let _ = writeln!(y, "    checked: [{}]", a.checklist[..ticked].join(", "));
        }
        if rng.below(3) == 0 {
            let _ = writeln!(
                y,
                "    notes: Discussed in the weekly sync; see the ticket for details."
            );
        }
    }
    if progress >= 2 && schemas > 0 {
        registry::record_schema(&mut y, p, schemas);
    } else if progress >= 2 {
        schema(&mut y, p, fields, rng);
    }
    y
}

fn schema(y: &mut String, p: usize, fields: usize, rng: &mut Rng) {
    let _ = writeln!(
        y,
        "schema:\n  name: GeneratedEvent{p}\n  version: {}\n  description: Events of generated project {p}.",
        1 + p % 5
    );
    let _ = writeln!(
        y,
        "  sampling:\n    rate: {}\n    unit: {}\n    method: Sampled by a hash of the unit's token.",
        [1.0, 0.5, 0.1, 0.01][p % 4],
        ["session", "pageview", "user", "device", "event"][p % 5]
    );
    let names: Vec<String> = (0..fields)
        .map(|i| format!("field_{:04}", (p * 7 + i * 13) % 2000))
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    let _ = writeln!(y, "  retention:\n    purge-after-days: 90\n    allow-list: [{}]\n    notes: Aggregates are kept; raw events are purged.", unique[0]);
    y.push_str("  fields:\n");
    for name in &unique {
        let n: usize = name[6..].parse().unwrap_or(0);
        let _ = writeln!(y, "    - name: {name}");
        match n % 5 {
            0 => {
                let _ = writeln!(y, "      type: string\n      description: Opaque token number {n}.\n      pattern: '^[0-9a-f]{{20}}$'\n      example: 0123456789abcdef0123\n      sensitivity: personal");
            }
            1 => {
                let _ = writeln!(y, "      type: integer\n      description: Count number {n}.\n      minimum: 0\n      maximum: 100000\n      example: 42\n      sensitivity: internal");
            }
            2 => {
                let _ = writeln!(y, "      type: string\n      description: Category number {n}.\n      enum: [alpha, beta, gamma]\n      example: beta\n      sensitivity: public");
            }
            3 => {
                let _ = writeln!(y, "      type: string\n      description: Timestamp number {n}.\n      format: date-time\n      sensitivity: public");
            }
            _ => {
                let _ = writeln!(y, "      type: boolean\n      description: Flag number {n}.\n      example: true\n      sensitivity: {}", if rng.below(2) == 0 { "internal" } else { "sensitive" });
            }
        }
        if n.is_multiple_of(3) {
            y.push_str("      required: true\n");
        }
    }
    let _ = writeln!(y, "queries:\n  - name: Daily events\n    purpose: Volume check.\n    language: sql\n    text: |\n      SELECT DATE(dt) AS day, COUNT(*) AS events\n      FROM event.generated_{p}\n      WHERE dt >= '2026-01-01'\n      GROUP BY DATE(dt)\n      ORDER BY day;");
    let _ = writeln!(
        y,
        "dashboards:\n  - name: Generated {p}\n    url: https://superset.example.org/dashboard/{p}"
    );
}

/// A documentation page shaped like the peers' benchmark corpus: about 1.5 KB of Markdown with
/// headings, prose, a 12-column table and a 15-line SQL block, linking to its neighbours. Varied
/// per page but deterministic (its own generator, so the projects do not change with `--pages`).
fn markdown_page(n: usize) -> String {
    const TOPICS: &[&str] = &[
        "session length",
        "edit funnel",
        "search clicks",
        "reading depth",
        "link previews",
        "page load",
        "account creation",
        "watchlist use",
        "talk replies",
        "image views",
    ];
    const VERBS: &[&str] = &["measures", "tracks", "counts", "samples", "follows"];
    const AUDIENCE: &[&str] = &[
        "product managers",
        "analysts",
        "designers",
        "the research team",
        "engineers",
    ];
    const TYPES: &[&str] = &["string", "integer", "boolean", "timestamp"];
    const SENS: &[&str] = &["public", "internal", "personal", "sensitive"];
    const CODES: &[&str] = &["D", "A", "C", "I", "-"];
    let mut rng = Rng(0xD0C5 ^ (n as u64).wrapping_mul(0x9E37_79B9));
    let topic = TOPICS[n % TOPICS.len()];
    let team = TEAMS[rng.below(TEAMS.len())];
    let mut s = String::with_capacity(1600);
    let _ = write!(
        s,
        "---\ntitle: \"Topic {n}: {topic}\"\norder: {n}\n---\n\n# Topic {n}: {topic}\n\n\
         This page {} {topic} for the {team} team. It explains what is logged, why it is \
         needed and who looks at it; {} read it before changing the schema.\n\n",
        VERBS[rng.below(VERBS.len())],
        AUDIENCE[rng.below(AUDIENCE.len())],
    );
    s += "## Fields\n\nEach row is one field of the event, with its owner in the DACI process.\n\n";
    s += "| Field | Type | Req | Sens | Driver | Appr | Contr | Inf | Rate | Days | Since | Note |\n";
    s += "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for r in 0..5 {
        let c = |rng: &mut Rng| CODES[rng.below(CODES.len())];
        let _ = writeln!(
            s,
            "| `f{r}_{n}` | {} | {} | {} | {} | {} | {} | {} | {} | {} | 2025-{:02} | {} |",
            TYPES[rng.below(TYPES.len())],
            if rng.below(2) == 0 { "yes" } else { "no" },
            SENS[rng.below(SENS.len())],
            c(&mut rng),
            c(&mut rng),
            c(&mut rng),
            c(&mut rng),
            [1.0, 0.5, 0.1][rng.below(3)],
            [30, 90, 270][rng.below(3)],
            1 + rng.below(12),
            if rng.below(3) == 0 { "new" } else { "-" },
        );
    }
    let _ = write!(
        s,
        "\n## Query\n\nThe daily check below runs after the nightly load; a drop of more than \
         {}% pages the owner.\n\n```sql\n",
        5 + rng.below(20)
    );
    let sql = [
        "-- Daily volume and share of sampled sessions".to_string(),
        "SELECT".to_string(),
        "    DATE(e.dt) AS day,".to_string(),
        "    e.wiki,".to_string(),
        "    COUNT(*) AS events,".to_string(),
        "    COUNT(DISTINCT e.session_id) AS sessions,".to_string(),
        "    SUM(CASE WHEN e.is_sampled THEN 1 ELSE 0 END) AS sampled".to_string(),
        format!("FROM event.topic_{n} AS e"),
        "JOIN canonical.wikis AS w ON w.dbname = e.wiki".to_string(),
        format!("WHERE e.dt >= DATE '2026-01-{:02}'", 1 + rng.below(28)),
        "  AND w.status = 'open'".to_string(),
        format!("  AND e.action IN ('view', '{}')", topic.replace(' ', "_")),
        "GROUP BY DATE(e.dt), e.wiki".to_string(),
        "HAVING COUNT(*) > 100".to_string(),
        "ORDER BY day, events DESC;".to_string(),
    ];
    for line in &sql {
        s += line;
        s.push('\n');
    }
    s += "```\n\n## See also\n\n";
    let _ = writeln!(
        s,
        "- [The previous topic](page-{:05}.md) and [the first one](page-00000.md).",
        n.saturating_sub(1)
    );
    s += "- Ask in the team channel before adding a field that holds **personal** data.\n";
    s
}
