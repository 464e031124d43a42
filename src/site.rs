//! A built site held in memory: output path → bytes. `build` writes it to disk; `serve`
//! serves it from memory.

use crate::source::Location;
pub use bytes::Bytes;
use std::collections::BTreeMap;

/// A link written in a Markdown page, kept so a broken one can be reported at its source.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// Output path of the page holding the link.
    pub page: String,
    pub href: String,
    pub location: Location,
}

/// A link written in the Markdown of the process or a record, relative to the site's root.
/// The same text shows on several pages, so a link broken there is reported once, here.
#[derive(Debug, Clone)]
pub struct ContentLink {
    pub href: String,
    /// What holds the link, e.g. "the summary".
    pub what: String,
    pub location: Location,
}

/// Every output file by its path from the site root (`/`-separated). The bytes are shared
/// (reference-counted), so a copy of the site for `serve` copies no file.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub files: BTreeMap<String, Bytes>,
    pub page_links: Vec<PageLink>,
    pub content_links: Vec<ContentLink>,
}

impl Site {
    /// Total size of the output in bytes.
    pub fn size(&self) -> usize {
        self.files.values().map(Bytes::len).sum()
    }

    /// Adds or replaces the file at `path`; returns the file it replaced.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Bytes>) -> Option<Bytes> {
        self.files.insert(path.into(), bytes.into())
    }
}
