//! Codes about the site: book.toml's URLs, links, the theme, and writing the site.

use crate::diagnostic::Severity::{Error, Warning};
use crate::explain::{BookFile, Explanation, Runs};

const P: &str = "content/projects/checkout-funnel.yaml";

pub(super) const CODES: &[Explanation] = &[
    Explanation {
        code: "bad-url",
        severities: &[Error],
        summary: "a URL in book.toml is not an absolute http(s) URL, or the edit template lacks `{path}`",
        meaning: "
`site-url`, `git-repository-url` and `edit-url-template` under [output.html] are absolute
http or https URLs: they are used where a relative link will not do (canonical links, the
sitemap, links to the repository). `edit-url-template` must hold `{path}`, which is replaced
by each page's source file.",
        source: "book.toml's [output.html] section; URLs as in RFC 3986",
        wrong: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n\n[output.html]\nsite-url = \"org.github.io/repo/\"\n",
        }],
        fixed: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n\n[output.html]\nsite-url = \"https://org.github.io/repo/\"\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "unsafe-link",
        severities: &[Error],
        summary: "a link in a record uses a scheme other than https, http or mailto",
        meaning: "
A project's links (the ticket, the schema repository, dashboards, other links) become links
on its page. A `javascript:` or `data:` link would run code in the reader's browser, so only
https:, http: and mailto: are accepted.",
        source: "project records: `links` and `dashboards`; the site's safety rules",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nlinks:\n  ticket: javascript:alert(1)\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nlinks:\n  ticket: https://tickets.example.org/T123\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "broken-link",
        severities: &[Error],
        summary: "a link points to a page or heading the site does not have",
        meaning: "
Every internal link is checked. In the Markdown of records and the process, links are relative
to the site's root (`roles/data-analyst.html`), because the same text is shown on pages at
different depths. In Markdown pages, links are relative to the page. `check` and `build`
report a broken one at its line. The help line names the nearest page.",
        source: "the site's link check (CommonMark links, resolved against the pages dacibook generates)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nsummary: Who does what is in the [matrix](matrx.html).\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nsummary: Who does what is in the [matrix](matrix.html).\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "refused-link",
        severities: &[Warning],
        summary: "a `javascript:`, `data:` or protocol-relative (`//host`) link in Markdown is dropped",
        meaning: "
One link policy holds for the Markdown of records, the process and pages alike: a link or
image is kept when it is `https:`, `http:`, `mailto:` or relative. One whose scheme could run
code (`javascript:`, `data:`, `vbscript:`…) is dropped, and so is a protocol-relative one
(`//host/x`), which takes the scheme of the page showing it and so points to `file://host/x`
when the site is opened from disk: write it in full, `https://host/x`. Only the link's text
is shown; the warning says the link will not be there.",
        source: "the site's safety rules for Markdown (CommonMark links and images)",
        wrong: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nsummary: \"[Open the report](javascript:alert(1))\"\n",
        }],
        fixed: &[BookFile {
            path: P,
            text: "title: Checkout funnel\nstatus: proposed\nsummary: \"[Open the report](https://reports.example.org/checkout)\"\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "raw-html-removed",
        severities: &[Warning],
        summary: "raw HTML in a Markdown page that could run code is removed from the page",
        meaning: "
By default (`raw-html = \"sanitized\"` under [output.html] in book.toml) raw HTML in Markdown
pages is cleaned, as Hugo does unless told its pages are trusted. Harmless HTML stays:
`details`, `summary`, `kbd`, `sub`, `sup`, tables, images with http(s) or relative sources,
`div`, `span` and the like, with their `class`, `id` and `title`. Scripts and styles (with
their content), frames, forms and their fields, objects, event handlers (`onerror=`,
`onclick=`…), `style` attributes and links or sources that are not http(s), mailto or relative
are removed; each removal is reported at its line. Write the content in Markdown instead, or,
in a book whose every page is reviewed, set `raw-html = \"trusted\"` to keep raw HTML as
written.",
        source: "the site's safety rules for Markdown pages (CommonMark raw HTML, cleaned by ammonia)",
        wrong: &[BookFile {
            path: "content/guide.md",
            text: "# Guide\n\nPress <kbd>Ctrl</kbd> to start.\n\n<img src=\"flow.png\" onerror=\"alert(1)\">\n",
        }],
        fixed: &[BookFile {
            path: "content/guide.md",
            text: "# Guide\n\nPress <kbd>Ctrl</kbd> to start.\n\n<img src=\"https://example.org/flow.png\" alt=\"The flow\">\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "colon-in-page-name",
        severities: &[Error],
        summary: "a Markdown page's file or folder name holds a `:`",
        meaning: "
Every link the site writes to one of its pages is relative, and a relative link whose first
part holds a `:` reads as a URL scheme: the page `javascript:alert(1).md` would be linked as
`javascript:alert(1).html` from the home page, the navigation and the search, which a browser
runs as a script. So no part of a page's path may hold a `:` (Windows cannot hold such a name
either). Rename the file or folder.",
        source: "the site's layout (URL schemes as in RFC 3986)",
        wrong: &[BookFile {
            path: "content/notes:2026.md",
            text: "# Notes for 2026\n",
        }],
        fixed: &[BookFile {
            path: "content/notes-2026.md",
            text: "# Notes for 2026\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "path-clash",
        severities: &[Error],
        summary: "a page or file of the book would replace a page or file dacibook generates",
        meaning: "
dacibook writes pages such as `index.html`, `matrix.html`, `board.html` and files such as
`matrix.csv`. A Markdown page (`matrix.md` becomes `matrix.html`) or another file under the
pages folder that lands on the same path would replace it, or be replaced. Rename or move it.
It is found while the site is rendered, which `check` does too.",
        source: "the site's layout: the pages and files dacibook generates (see the README's `dacibook build`)",
        wrong: &[BookFile {
            path: "content/matrix.md",
            text: "---\ntitle: Notes on the matrix\n---\n\nHow to read it.\n",
        }],
        fixed: &[BookFile {
            path: "content/matrix-notes.md",
            text: "---\ntitle: Notes on the matrix\n---\n\nHow to read it.\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "template",
        severities: &[Error],
        summary: "a template of the theme does not compile or fails to render",
        meaning: "
A theme (`theme` under [output.html]) overrides or adds Tera templates. One of them has a
syntax error, or uses a value the page's context does not have. Only `build` (and `serve`)
reports it.",
        source: "Tera's template syntax (keats.github.io/tera); the theme's templates",
        wrong: &[
            BookFile {
                path: "book.toml",
                text: "[book]\ntitle = \"Our handbook\"\n\n[output.html]\ntheme = \"my-theme\"\n",
            },
            BookFile {
                path: "my-theme/templates/footer-note.html",
                text: "<p>{{ title </p>\n",
            },
        ],
        fixed: &[
            BookFile {
                path: "book.toml",
                text: "[book]\ntitle = \"Our handbook\"\n\n[output.html]\ntheme = \"my-theme\"\n",
            },
            BookFile {
                path: "my-theme/templates/footer-note.html",
                text: "<p>{{ title }}</p>\n",
            },
        ],
        runs: Runs::Check,
    },
    Explanation {
        code: "io",
        severities: &[Error],
        summary: "a file of the book or its theme could not be read",
        meaning: "
dacibook could not read a file it needs (a file of the theme, say, or the book during a
rebuild in `serve`): it is not readable by the user running dacibook, or it disappeared while
being read. The message gives the system's reason.",
        source: "the operating system's file permissions",
        wrong: &[BookFile {
            path: "my-theme/templates/page.html",
            text: "(a template the user running dacibook may not read: mode 000)\n",
        }],
        fixed: &[BookFile {
            path: "my-theme/templates/page.html",
            text: "(the same template, readable: mode 644)\n",
        }],
        runs: Runs::No("it depends on file permissions and the machine, not on what the book's files say"),
    },
    Explanation {
        code: "export",
        severities: &[Error],
        summary: "a machine-readable export (matrix.csv) could not be written",
        meaning: "
The exports (`matrix.csv`, `matrix.json`, `dictionary.json`) are written into memory with the
site. Writing the CSV failed, which no content of a book is known to cause: please report it
with the book that shows it.",
        source: "the site's exports; CSV as in RFC 4180",
        wrong: &[BookFile {
            path: "content/process.yaml",
            text: "(a process whose matrix the CSV writer refuses)\n",
        }],
        fixed: &[BookFile {
            path: "content/process.yaml",
            text: "(the default process, whose matrix exports)\n",
        }],
        runs: Runs::No("no known book makes the CSV writer fail"),
    },
    Explanation {
        code: "no-process",
        severities: &[Error],
        summary: "the site cannot be rendered because the book has no process",
        meaning: "
Every page of the site is built around the process. When the process file is missing or
cannot be read, its own error (`missing-file`, `yaml-syntax`...) is reported first and the
build stops there; this code is what rendering reports if it is reached without a process,
through the library.",
        source: "book.toml's `process` under [content]; the process file",
        wrong: &[BookFile {
            path: "content/process.yaml",
            text: "(missing)\n",
        }],
        fixed: &[BookFile {
            path: "content/process.yaml",
            text: "(the process, as `dacibook init` writes it)\n",
        }],
        runs: Runs::No("`check` and `build` report the process file's own error and stop before rendering"),
    },
    Explanation {
        code: "path-outside-book",
        severities: &[Error],
        summary: "a path in book.toml leads outside the book's folder, or is the folder itself",
        meaning: "
`process`, `projects` and `pages` under [content], `build-dir` under [build] and `theme`
under [output.html] are relative to the folder of book.toml and stay inside it. An absolute
path, a path that climbs out with `..`, or one that leads out through a symbolic link would
read (and publish) files the book does not own, such as keys or other projects' files, so it
is refused and nothing is read from it. `pages` and `build-dir` cannot be the book's folder
itself: every file beside book.toml would be published, or the build would replace the book.",
        source: "book.toml's paths; the rule that a book publishes only what is inside its folder",
        wrong: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n\n[content]\npages = \"..\"\n",
        }],
        fixed: &[BookFile {
            path: "book.toml",
            text: "[book]\ntitle = \"Our handbook\"\n\n[content]\npages = \"content\"\n",
        }],
        runs: Runs::Check,
    },
    Explanation {
        code: "file-too-large",
        severities: &[Error],
        summary: "a file in the pages folder is over 100 MB, so it is not published",
        meaning: "
Every file in the pages folder that is not Markdown or YAML is copied into the site, and the
whole site is held in memory while it is built and served. A file over 100 MB (a video, a
database dump left there by accident) is refused before it is read. Publish it elsewhere and
link to it, or move it out of the pages folder.",
        source: "the rule that a book's site is small enough to build in memory",
        wrong: &[BookFile {
            path: "content/recording.mp4",
            text: "(a video of 2 GB)\n",
        }],
        fixed: &[BookFile {
            path: "content/recording.md",
            text: "The recording is [on the video server](https://video.example.org/42).\n",
        }],
        runs: Runs::No("it needs a file of over 100 MB, too large for an example"),
    },
    Explanation {
        code: "rebuild-crashed",
        severities: &[Error],
        summary: "a rebuild in `dacibook serve` crashed (a bug in dacibook)",
        meaning: "
`dacibook serve` rebuilds the book after each change. If a rebuild crashes, which is a bug in
dacibook, serve says so in the terminal and over the page in the browser, keeps serving the
last good site, and builds the book afresh at the next change. Please report the message.",
        source: "`dacibook serve`",
        wrong: &[BookFile {
            path: "content/guide.md",
            text: "(an edit whose rebuild meets a bug in dacibook)\n",
        }],
        fixed: &[BookFile {
            path: "content/guide.md",
            text: "(the next edit, built afresh)\n",
        }],
        runs: Runs::No("only a bug in dacibook crashes a rebuild, and no book's files show one"),
    },
    Explanation {
        code: "watcher-failed",
        severities: &[Error],
        summary: "the file watcher of `dacibook serve` failed, so serve watches by polling",
        meaning: "
`dacibook serve` learns of changes from the system's file notifications. When they fail (the
limit of watches is reached, the queue of notifications overflowed), a change may have been
missed: serve says so in the terminal and over the page in the browser, builds the book again,
and watches by polling from then on. Raise the limit (`fs.inotify.max_user_watches` on Linux)
or start serve with `--watcher poll`.",
        source: "`dacibook serve` and the system's file notifications",
        wrong: &[BookFile {
            path: "book.toml",
            text: "(a book with more folders than the system lets serve watch)\n",
        }],
        fixed: &[BookFile {
            path: "book.toml",
            text: "(the same book, served with `dacibook serve --watcher poll`)\n",
        }],
        runs: Runs::No("it depends on the system's limits on file notifications, not on the book"),
    },
    Explanation {
        code: "symlink-outside",
        severities: &[Warning],
        summary: "a symbolic link in the book leads outside it, so it is not read",
        meaning: "
A symbolic link among the pages, records or files of the book is followed only when it leads
to a place inside the book's folder. One that leads outside (to `/etc`, to a home folder, to
another checkout) is skipped and named in this warning, so that nothing outside the book is
published by accident. Copy what the link pointed to into the book, or remove the link.",
        source: "the rule that a book publishes only what is inside its folder",
        wrong: &[BookFile {
            path: "content/private.key",
            text: "(a symbolic link to ~/.ssh/id_ed25519)\n",
        }],
        fixed: &[BookFile {
            path: "content/logo.svg",
            text: "(a file of the book, or a link to one inside the book)\n",
        }],
        runs: Runs::No("it needs a symbolic link, which an example made of files cannot hold"),
    },
    Explanation {
        code: "dangling-symlink",
        severities: &[Warning],
        summary: "a symbolic link in the book leads nowhere, so it is not read",
        meaning: "
A symbolic link among the pages, records or files of the book points at a file or folder that
does not exist (it was moved or deleted, or the link was made on another machine). It is
skipped and named in this warning. Fix the link or remove it.",
        source: "the file system",
        wrong: &[BookFile {
            path: "content/projects/checkout-funnel.yaml",
            text: "(a symbolic link to ../../records/checkout-funnel.yaml, which was deleted)\n",
        }],
        fixed: &[BookFile {
            path: "content/projects/checkout-funnel.yaml",
            text: "(the record itself, or a link to a record that exists inside the book)\n",
        }],
        runs: Runs::No("it needs a symbolic link, which an example made of files cannot hold"),
    },
];
