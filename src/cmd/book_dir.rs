//! Which book a command works on: the folder given on the command line, or else the nearest
//! folder holding `book.toml` from the current one upwards, as cargo finds `Cargo.toml`.

use std::path::{Path, PathBuf};

/// Why a command has no book to work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoBook {
    /// The folder given holds no book.toml (or does not exist).
    NotABook(PathBuf),
    /// Neither the folder the command ran in nor any folder above it holds a book.toml.
    NotInABook(PathBuf),
}

impl std::fmt::Display for NoBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoBook::NotABook(dir) => write!(
                f,
                "{} is not a book: there is no book.toml in it (run `dacibook init {}` to start a book there, or pass the book's folder)",
                dir.display(),
                dir.display()
            ),
            NoBook::NotInABook(start) => write!(
                f,
                "{} is not in a book: there is no book.toml in it or in any folder above it (run `dacibook init` to start a book here, or pass the book's folder)",
                start.display()
            ),
        }
    }
}

/// The book's folder for a command run in `cwd`: `given` when the user named one (a relative
/// path stays relative to `cwd`), else the nearest of `cwd` and its ancestors that holds
/// book.toml, written relative to `cwd` (`.`, `..`, `../..`) so that messages stay short.
pub fn find_from(given: Option<&Path>, cwd: &Path) -> Result<PathBuf, NoBook> {
    if let Some(dir) = given {
        return if cwd.join(dir).join("book.toml").is_file() {
            Ok(dir.to_path_buf())
        } else {
            Err(NoBook::NotABook(dir.to_path_buf()))
        };
    }
    let mut up = PathBuf::from(".");
    for folder in cwd.ancestors() {
        if folder.join("book.toml").is_file() {
            return Ok(up);
        }
        up = if up == Path::new(".") {
            PathBuf::from("..")
        } else {
            up.join("..")
        };
    }
    Err(NoBook::NotInABook(cwd.to_path_buf()))
}

/// [`find_from`] the current folder. When there is no book, says so on stderr and gives the
/// exit code 2, for the command to return.
pub fn find(given: Option<&Path>) -> Result<PathBuf, i32> {
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "error: cannot tell which folder this is, to find the book's book.toml: {e} (pass the book's folder)"
            );
            return Err(2);
        }
    };
    find_from(given, &cwd).map_err(|no_book| {
        eprintln!("error: {no_book}");
        2
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_at(root: &Path, rel: &str) {
        std::fs::create_dir_all(root.join(rel)).unwrap();
        std::fs::write(root.join(rel).join("book.toml"), "[book]\ntitle = \"x\"\n").unwrap();
    }

    #[test]
    fn the_nearest_book_above_is_found_relative_to_where_the_command_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        book_at(root, "outer");
        book_at(root, "outer/inner");
        std::fs::create_dir_all(root.join("outer/inner/content/projects")).unwrap();
        let found = |cwd: &str| find_from(None, &root.join(cwd));
        assert_eq!(found("outer/inner/content/projects"), Ok(PathBuf::from("../..")));
        assert_eq!(found("outer/inner/content"), Ok(PathBuf::from("..")));
        assert_eq!(found("outer/inner"), Ok(PathBuf::from(".")));
        assert_eq!(found("outer"), Ok(PathBuf::from(".")));
    }

    #[test]
    fn a_folder_given_is_taken_as_it_is_and_must_hold_book_toml() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        book_at(root, "book");
        std::fs::create_dir_all(root.join("book/content")).unwrap();
        let given = |dir: &str, cwd: &str| find_from(Some(Path::new(dir)), &root.join(cwd));
        assert_eq!(given("book", "."), Ok(PathBuf::from("book")));
        assert_eq!(given("..", "book/content"), Ok(PathBuf::from("..")));
        // Given a folder, no search upwards: the user said which one.
        assert_eq!(given(".", "book/content"), Err(NoBook::NotABook(PathBuf::from("."))));
    }

    #[test]
    fn outside_any_book_the_message_names_the_start_and_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let no_book = find_from(None, tmp.path()).unwrap_err();
        assert_eq!(
            no_book.to_string(),
            format!(
                "{} is not in a book: there is no book.toml in it or in any folder above it (run `dacibook init` to start a book here, or pass the book's folder)",
                tmp.path().display()
            )
        );
    }
}
