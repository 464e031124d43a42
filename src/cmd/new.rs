//! `dacibook new project <ID> [DIR]`: a commented record with every activity and role listed.

use crate::diagnostic::{self, Format};
use crate::editor_schema;
use crate::scaffold;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `dacibook new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum NewWhat {
    /// A project record: content/projects/<ID>.yaml.
    Project {
        /// The project's id: kebab-case, e.g. checkout-funnel. It is the file name.
        id: String,
        /// The project's title (otherwise left for you to fill in).
        #[arg(long)]
        title: Option<String>,
        /// The book's folder (holding book.toml; default: the nearest one from the current
        /// folder upwards).
        dir: Option<PathBuf>,
        /// The book's folder, as an option: the older spelling of DIR.
        #[arg(long = "dir", value_name = "DIR", hide = true, conflicts_with = "dir")]
        dir_option: Option<PathBuf>,
    },
}

/// Writes the record; returns the exit code (0 written, 1 the book's process has errors,
/// 2 a bad or taken id, or an I/O error).
pub fn run(args: &NewArgs) -> i32 {
    let NewWhat::Project {
        id,
        title,
        dir,
        dir_option,
    } = &args.what;
    let dir = match super::book_dir::find(dir.as_deref().or(dir_option.as_deref())) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let dir = dir.as_path();
    let loaded = match crate::load::load_and_check(dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 2;
        }
    };
    let Some(book) = &loaded.book else {
        return report(&loaded);
    };
    let Some(process) = &book.process else {
        return report(&loaded);
    };
    let existing: Vec<&str> = book.projects.iter().map(|p| p.id.as_str()).collect();
    let projects_dir = &book.config.content.projects;
    let path = dir.join(projects_dir).join(format!("{id}.yaml"));
    let taken = path.exists() || dir.join(projects_dir).join(format!("{id}.yml")).exists();
    let taken_ids: Vec<&str> = if taken { vec![id.as_str()] } else { existing };
    if let Err(e) = scaffold::check_new_id(id, &taken_ids) {
        eprintln!("error: {e}");
        return 2;
    }
    let schema_dir = dir.join(editor_schema::DEFAULT_DIR);
    if !schema_dir.join(editor_schema::PROJECT_FILE).is_file() {
        if let Err(e) = editor_schema::write(dir, &schema_dir) {
            eprintln!("warning: could not write the editor schemas: {e:#}");
        }
    }
    let schema_ref = scaffold::relative_to_root(
        projects_dir,
        &format!("{}/{}", editor_schema::DEFAULT_DIR, editor_schema::PROJECT_FILE),
    );
    let text = scaffold::new_record(process, id, title.as_deref(), Some(&schema_ref));
    if let Err(e) = std::fs::create_dir_all(dir.join(projects_dir)).and_then(|()| {
        use std::io::Write;
        // `create_new`: never replace a record written since the check above.
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        f.write_all(text.as_bytes())
    }) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return 2;
    }
    eprintln!("wrote {}", path.display());
    if title.is_none() {
        eprintln!("next: fill in `title` and `schema: name`, then run `dacibook check`");
    } else {
        eprintln!("next: fill in `schema: name`, then run `dacibook check`");
    }
    0
}

/// Prints why the book could not be read; exit code 1.
fn report(loaded: &crate::Loaded) -> i32 {
    let color = std::io::stderr().is_terminal();
    eprint!(
        "{}",
        diagnostic::render(&loaded.diagnostics, &loaded.sources, Format::Human, color)
    );
    eprintln!("error: the book has errors, so no record was written");
    1
}
