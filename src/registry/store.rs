//! The registry's files: found in the roots in order, read and parsed once per build, kept
//! as sources so that diagnostics can quote them.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Located};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// One parsed schema (or allow-list) file.
#[derive(Debug)]
pub struct Doc {
    /// The path diagnostics name: the root as book.toml writes it, then the path in it.
    pub path: PathBuf,
    pub value: Located<Value>,
}

impl Doc {
    /// Its `$id`, or its path when it has none: what a field's origin is called.
    pub fn name(&self) -> String {
        match self.value.value.get("$id").and_then(Value::as_str) {
            Some(id) => id.trim_start_matches('/').to_string(),
            None => self.path.display().to_string(),
        }
    }
}

/// Every file read so far, by path, and what reading them found.
pub struct Store<'a> {
    book_root: &'a Path,
    pub roots: Vec<PathBuf>,
    files: HashMap<PathBuf, Option<Rc<Doc>>>,
    pub sources: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The schema files already checked as JSON Schemas.
    pub checked_files: HashSet<PathBuf>,
    /// The `examples` already checked: file and JSON pointer.
    pub checked_examples: HashSet<(PathBuf, String)>,
}

impl<'a> Store<'a> {
    pub fn new(book_root: &'a Path, roots: Vec<PathBuf>) -> Self {
        Store {
            book_root,
            roots,
            files: HashMap::new(),
            sources: Vec::new(),
            diagnostics: Vec::new(),
            checked_files: HashSet::new(),
            checked_examples: HashSet::new(),
        }
    }

    /// The file at `path` (as diagnostics name it), parsed once; `None` when it does not parse
    /// (its diagnostic is recorded the first time).
    pub fn get(&mut self, path: &Path) -> Option<Rc<Doc>> {
        if let Some(doc) = self.files.get(path) {
            return doc.clone();
        }
        let doc = self.read(path);
        self.files.insert(path.to_path_buf(), doc.clone());
        doc
    }

    fn read(&mut self, path: &Path) -> Option<Rc<Doc>> {
        let (problem, source, doc) = read_file(self.book_root, path);
        self.diagnostics.extend(problem);
        self.sources.extend(source);
        doc.map(Rc::new)
    }

    /// Reads and parses the files of `paths` not read yet, on every core, then records them
    /// in the order given (their sources and problems as `get` would have, one by one), so
    /// the records naming the registry's schemas do not wait on one file after another.
    pub fn prefetch(&mut self, paths: &[PathBuf]) {
        use rayon::prelude::*;
        let mut seen = HashSet::new();
        let todo: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| !self.files.contains_key(p.as_path()) && seen.insert(p.as_path()))
            .collect();
        let root = self.book_root;
        let read: Vec<_> = todo.par_iter().map(|p| read_file(root, p)).collect();
        for (path, (problem, source, doc)) in todo.into_iter().zip(read) {
            self.diagnostics.extend(problem);
            self.sources.extend(source);
            self.files.insert(path.clone(), doc.map(Rc::new));
        }
    }

    /// The first file, root by root, that `rel` names: `<root>/<rel>.yaml`, `.json`, or the
    /// file itself (a link such as `latest`).
    pub fn find(&self, rel: &str) -> Option<PathBuf> {
        let rel = rel.trim_start_matches('/');
        if rel.is_empty() || rel.split('/').any(|s| s == "..") {
            return None;
        }
        self.roots.iter().find_map(|root| self.candidate(&root.join(rel)))
    }

    /// The names of the files in `dir` (as diagnostics name it), sorted; none when it
    /// cannot be read.
    pub fn file_names(&self, dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.book_root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// `path` itself or with `.yaml` or `.json` added, when that is a file.
    pub fn candidate(&self, path: &Path) -> Option<PathBuf> {
        let name = path.file_name()?.to_string_lossy().into_owned();
        [format!("{name}.yaml"), format!("{name}.json"), name]
            .into_iter()
            .map(|n| path.with_file_name(n))
            .find(|p| self.book_root.join(p).is_file())
    }
}

/// The file at `path` below `book_root`, parsed: the problem that stopped it, its source
/// (when it could be read) and its document (when it parsed).
fn read_file(book_root: &Path, path: &Path) -> (Option<Diagnostic>, Option<SourceFile>, Option<Doc>) {
    let text = match std::fs::read(book_root.join(path)).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            let d = Diagnostic::error("not-utf8", format!("{} is not valid UTF-8 text", path.display()))
                .hint("save the file as UTF-8");
            return (Some(d), None, None);
        }
        Err(e) => {
            let d = Diagnostic::error("missing-file", format!("cannot read {}: {e}", path.display()))
                .hint("check that the file exists and can be read");
            return (Some(d), None, None);
        }
    };
    let file = SourceFile::new(path, text);
    match yaml::parse::<Value>(&file, 0..file.text.len(), 0) {
        Ok(value) => (
            None,
            Some(file),
            Some(Doc {
                path: path.to_path_buf(),
                value,
            }),
        ),
        Err(d) => (Some(d), Some(file), None),
    }
}

/// `base/rel` with `.` dropped and each `..` applied where it can be (a leading `..` stays).
pub fn join_clean(base: &Path, rel: &str) -> PathBuf {
    let joined = base.join(rel);
    let mut out: Vec<Component> = Vec::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_joined_and_cleaned() {
        assert_eq!(
            join_clean(Path::new("reg/a/b"), "../c/./d.yaml"),
            PathBuf::from("reg/a/c/d.yaml")
        );
        assert_eq!(join_clean(Path::new("../x"), "y"), PathBuf::from("../x/y"));
    }
}
