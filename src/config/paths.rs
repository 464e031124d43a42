//! The folders and files book.toml names stay inside the book: each is a relative path that
//! does not climb out with `..` nor lead out through a symbolic link.

use super::{key_location, BookConfig};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use std::path::{Component, Path, PathBuf};

/// `path` without `.` components and with each `..` applied, or `None` when it is absolute or
/// climbs above its start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

impl BookConfig {
    /// Checks every path of book.toml against the book at `root` and normalizes each in place
    /// (`./content/` becomes `content`). Any error means that loading must stop before reading
    /// from these paths.
    pub fn check_paths(&mut self, file: &SourceFile, root: &Path) -> Vec<Diagnostic> {
        let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut out = Vec::new();
        let entries: [(&str, &str, Option<&mut PathBuf>); 6] = [
            ("process", "content/process.yaml", Some(&mut self.content.process)),
            ("projects", "content/projects", Some(&mut self.content.projects)),
            ("pages", "content", Some(&mut self.content.pages)),
            ("build-dir", "book", Some(&mut self.build.build_dir)),
            ("theme", "themes/mine", self.output.html.theme.as_mut()),
            // Schema roots may lie outside the book (read-only sources); the allow-list may not.
            (
                "allow-list",
                "registry/allowlist.yaml",
                self.schemas.allow_list.as_mut(),
            ),
        ];
        for (key, example, value) in entries {
            let Some(value) = value else { continue };
            let at = || key_location(file, key).unwrap_or_else(|| file.start());
            let shown = value.display().to_string();
            let Some(normal) = normalize(value) else {
                out.push(
                    Diagnostic::error(
                        "path-outside-book",
                        format!("book.toml: `{key}` is `{shown}`, which is outside the book's folder"),
                    )
                    .at(at())
                    .hint(format!(
                        "give a path relative to the folder of book.toml, without leading `/` or `..`, e.g. `{key} = \"{example}\"`"
                    )),
                );
                continue;
            };
            if normal.as_os_str().is_empty() && matches!(key, "pages" | "build-dir") {
                let why = if key == "pages" {
                    "every file in it would be published, book.toml's neighbours and the build folder included"
                } else {
                    "a build replaces its folder, so it would replace the book"
                };
                out.push(
                    Diagnostic::error(
                        "path-outside-book",
                        format!("book.toml: `{key}` is the book's own folder; {why}"),
                    )
                    .at(at())
                    .hint(format!("name a folder inside the book, e.g. `{key} = \"{example}\"`")),
                );
                continue;
            }
            // A path that exists must not lead out of the book through a symbolic link.
            if let Ok(real) = std::fs::canonicalize(root.join(&normal)) {
                if !real.starts_with(&inside) {
                    out.push(
                        Diagnostic::error(
                            "path-outside-book",
                            format!(
                                "book.toml: `{key}` = `{shown}` leads to {}, outside the book, through a symbolic link",
                                real.display()
                            ),
                        )
                        .at(at())
                        .hint("copy the files into the book, or point the key at a folder inside it"),
                    );
                    continue;
                }
            }
            *value = normal;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_paths_inside_and_refuses_the_rest() {
        assert_eq!(normalize(Path::new("./content/")), Some(PathBuf::from("content")));
        assert_eq!(normalize(Path::new("a/../b")), Some(PathBuf::from("b")));
        assert_eq!(normalize(Path::new(".")), Some(PathBuf::new()));
        assert_eq!(normalize(Path::new("..")), None);
        assert_eq!(normalize(Path::new("a/../../b")), None);
        assert_eq!(normalize(Path::new("/etc/ssl")), None);
    }
}
