//! Codes about the files themselves: YAML and TOML syntax, keys, types, encodings.

use crate::diagnostic::Severity::Error;
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/projects/checkout-funnel.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "yaml-syntax",
        severities: &[Error],
        summary: "a YAML file cannot be parsed",
        meaning: "
The file is not valid YAML, so nothing in it can be read. Common causes: a value holding
`: ` or starting with `[`, `{`, `*`, `&`, `!`, `%` or `@` without quotes, a `[` or
`{` never closed, a quote never closed, or a line indented differently from its neighbours.
The diagnostic points where the parser stopped, which is often just after the real mistake.",
        source: "YAML 1.2 (yaml.org/spec), as read by serde_yaml and yaml-rust2",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout: the funnel\nstatus: proposed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: \"Checkout: the funnel\"\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "toml-syntax",
        severities: &[Error],
        summary: "book.toml cannot be parsed, or a value in it has the wrong type",
        meaning: "
book.toml is not valid TOML, or one of its values is not of the type the key takes (text in
quotes, a number, true or false). Text must be quoted in TOML, unlike in YAML.",
        source: "TOML 1.0 (toml.io), as read by the toml crate; the keys of book.toml",
        wrong: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = Our handbook\n",
        }],
        fixed: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "wrong-type",
        severities: &[Error],
        summary: "a key holds a value of the wrong type (a list for text, text for a number...)",
        meaning: "
Each key of a dacibook file takes one kind of value: text, a number, a date, a list or a
mapping. The value here is of another kind. `dacibook schema` writes JSON Schemas that let an
editor show the expected form of every key while you type.",
        source: "the keys of the process and of project records (see `dacibook schema`)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nteam: [Web, Apps]\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nteam: Web and Apps\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "wrong-value",
        severities: &[Error],
        summary: "a value has the right type but cannot be read, such as a date in another form",
        meaning: "
The value is of the expected kind but is not one dacibook can read. Most often a date: dates
are written YYYY-MM-DD, so `27.02.2026` or `02/27/2026` cannot be read. (A date in the right
form that is not on the calendar is `no-such-date`.)",
        source: "the keys of project records; dates are ISO 8601 calendar dates (YYYY-MM-DD)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: active\npeople:\n  product-manager:\n    - name: Jane Doe\nstages:\n  decide-metrics:\n    status: in-progress\n    started: 27.02.2026\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: active\npeople:\n  product-manager:\n    - name: Jane Doe\nstages:\n  decide-metrics:\n    status: in-progress\n    started: 2026-02-27\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "no-such-date",
        severities: &[Error],
        summary: "a date in the right form that is not on the calendar, such as 2026-02-30",
        meaning: "
The date is written YYYY-MM-DD as it should be, but the day does not exist: February has 28
days (29 in a leap year), April, June, September and November have 30, and there is no month
13. The message says how many days the month has; a swapped day and month gets a \"did you
mean\".",
        source: "ISO 8601 calendar dates (the Gregorian calendar)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: active\npeople:\n  product-manager:\n    - name: Jane Doe\nstages:\n  decide-metrics:\n    status: in-progress\n    started: 2026-02-30\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: active\npeople:\n  product-manager:\n    - name: Jane Doe\nstages:\n  decide-metrics:\n    status: in-progress\n    started: 2026-02-27\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "tab-indentation",
        severities: &[Error],
        summary: "a line is indented with a tab; YAML indents with spaces only",
        meaning: "
YAML nests keys by their indentation, and only spaces count: a tab at the start of a line is
an error, even where an editor shows it lined up. The report shows the tab as `→` and says
how many spaces put the line where it belongs. Most editors can insert spaces for the Tab
key (for YAML files, VS Code does by default).",
        source: "YAML 1.2, section 6.1 (indentation spaces)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nlinks:\n\tticket: https://tickets.example.org/T123\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nlinks:\n  ticket: https://tickets.example.org/T123\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "indentation",
        severities: &[Error],
        summary: "a key is indented off the keys beside it",
        meaning: "
The keys of one mapping line up at the same column. A key indented a space more than the key
above it reads as if it went under that key, which already has a value; a space less ends the
mapping early. The report names the key it should line up with and its column.",
        source: "YAML 1.2, block mappings (section 8.2.2)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nlinks:\n  ticket: https://tickets.example.org/T123\n   schema-repo: https://git.example.org/schemas\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nlinks:\n  ticket: https://tickets.example.org/T123\n  schema-repo: https://git.example.org/schemas\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "unknown-key",
        severities: &[Error],
        summary: "a key that the file does not have, often a typo",
        meaning: "
Every file has a fixed set of keys, all kebab-case. A key outside that set is an error rather
than something silently ignored, so a typo never hides a value. The help line names the
nearest known key.",
        source: "the keys of book.toml, the process, project records and page front matter",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nsumary: Where buyers give up.\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nsummary: Where buyers give up.\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "missing-key",
        severities: &[Error],
        summary: "a key the file must have is missing",
        meaning: "
Some keys are required: a project record needs `title` and `status`, the process needs
`name`, `codes`, `roles` and `activities`, a page's front matter needs `title`, a schema
field needs `name` and `type`. `dacibook new project <id>` writes a record with all of them.",
        source: "the keys of book.toml, the process, project records and page front matter",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "unknown-value",
        severities: &[Error],
        summary: "a key that takes one of a few values holds another",
        meaning: "
Keys such as `status`, a stage's `status`, a field's `type` or `sensitivity` take one of a
fixed list of values. The help line lists them, or names the nearest one.",
        source: "the keys of the process and of project records (see `dacibook schema`)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: propsed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "duplicate-key",
        severities: &[Error],
        summary: "a mapping holds the same key twice",
        meaning: "
YAML does not allow a key twice in one mapping, and which of the two values would win is
anyone's guess. It often happens when a stage or a role is pasted twice.",
        source: "YAML 1.2: the keys of a mapping are unique",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\ntitle: Checkout\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "not-utf8",
        severities: &[Error],
        summary: "a file of the book is not UTF-8 text",
        meaning: "
Every text file of the book (book.toml, YAML, Markdown, templates) must be saved as UTF-8. A
file saved in Latin-1 or Windows-1252 holds bytes that are not UTF-8, for example an `é`
written as the single byte 0xE9. The diagnostic points at the first such byte.",
        source: "the book's files are UTF-8 (YAML 1.2 and TOML 1.0 both require Unicode text)",
        wrong: &[BookFile {
            path: P,
            text: "title: Caf<the byte 0xE9> checkout\nstatus: proposed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Café checkout\nstatus: proposed\n",
        }],
        runs: Runs::No("the wrong file holds a byte that is not UTF-8, which text here cannot hold"),
    },
    Explanation {
        code: "empty-document",
        severities: &[Error],
        summary: "a YAML file holds nothing but blank lines and comments",
        meaning: "
The file has no keys at all, so it cannot be a process or a project record. Fill it in (`dacibook
new project <id>` writes a commented record), or delete it.",
        source: "the keys of the process and of project records",
        wrong: &[BookFile {
            path: P,
            text: "# to be written\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "# to be written\ntitle: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "more-than-one-document",
        severities: &[Error],
        summary: "a YAML file holds a second document after a `---` line",
        meaning: "
A `---` line starts a new YAML document. A process or a project record is one document, so
a `---` after the first keys splits the file in two. Remove the line, or move what follows
into a file of its own.",
        source: "YAML 1.2: `---` starts a document; dacibook reads one per file",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n---\nteam: Web\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nteam: Web\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "control-character",
        severities: &[Error],
        summary: "a YAML file holds a control character",
        meaning: "
YAML does not allow control characters (other than tab and line breaks) in a file. They are
invisible in most editors and usually come from text pasted out of a terminal or a PDF.
The example shows the character as `\\u{7}`.",
        source: "YAML 1.2: the printable character set",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout\u{7} funnel\nstatus: proposed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "line-break",
        severities: &[Error],
        summary: "a line break other than LF or CRLF (a lone CR, U+0085, U+2028, U+2029)",
        meaning: "
YAML reads a lone carriage return, NEXT LINE (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
SEPARATOR (U+2029) as line breaks, but most editors and tools do not, so the file means
something other than what it shows. Save the file with LF or CRLF line endings. The example
shows a lone carriage return as `\\u{d}`.",
        source: "YAML 1.2: line break characters",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\rstatus: proposed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "too-deep",
        severities: &[Error],
        summary: "lists or mappings nested hundreds of levels deep",
        meaning: "
No key of a dacibook file nests more than a few levels, and parsers slow down badly on deep
nesting, so dacibook stops at a few hundred levels. It almost always means a `[` or `{`
that is never closed, or text that should have been quoted.",
        source: "dacibook's limit on nesting (the YAML parser's recursion limit)",
        wrong: &[BookFile {
            path: P,
            text: "title: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nstatus: proposed\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\nstatus: proposed\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "front-matter",
        severities: &[Error],
        summary: "a Markdown page's front matter is never closed",
        meaning: "
A Markdown page starts with YAML front matter between two lines holding only `---`: its
`title` and its `order` among the pages. Without the closing `---` the whole page would be
read as YAML.",
        source: "front matter as in Jekyll, Zola and Hugo: YAML between `---` lines",
        wrong: &[BookFile {
            path: "content/faq.md",
            text: "---\ntitle: FAQ\norder: 3\n\n# Questions\n",
        }],
        fixed: &[BookFile {
            path: "content/faq.md",
            text: "---\ntitle: FAQ\norder: 3\n---\n\n# Questions\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "missing-file",
        severities: &[Error],
        summary: "a file or folder that book.toml names does not exist",
        meaning: "
book.toml names the process file (`process` under [content]) and, optionally, a theme folder
(`theme` under [output.html]). The file or folder named is not there: check the path, which
is relative to the folder holding book.toml.",
        source: "book.toml's [content] and [output.html] sections",
        wrong: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n\n[content]\nprocess = \"content/proces.yaml\"\n",
        }],
        fixed: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n\n[content]\nprocess = \"content/process.yaml\"\n",
        }],
        runs: Runs::Check,
    },
];
