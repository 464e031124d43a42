//! A built site held in memory: output path → bytes. `build` writes it to disk; `serve`
//! serves it from memory.

use crate::source::Location;
use std::collections::BTreeMap;

/// A link written in a Markdown page, kept so a broken one can be reported at its source.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// Output path of the page holding the link.
    pub page: String,
    pub href: String,
    pub location: Location,
}

/// Every output file by its path from the site root (`/`-separated).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
    pub page_links: Vec<PageLink>,
}

impl Site {
    /// Total size of the output in bytes.
    pub fn size(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}
