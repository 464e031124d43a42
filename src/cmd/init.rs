//! `dacibook init [DIR]`: a new book that builds at once.

use crate::scaffold::{self, Certainty, InitError, InstallSource};
use std::path::PathBuf;

/// Arguments of `dacibook init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the book in (created when missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The book's title.
    #[arg(long, default_value = "Instrumentation DACI")]
    pub title: String,
    /// Write into a folder that already holds files, replacing files of the same name.
    #[arg(long)]
    pub force: bool,
    /// Where the Pages workflow installs dacibook from: `crates.io`, or a git repository's URL
    /// with an optional `#tag` (default tag: v<this version>). Default: crates.io when this
    /// dacibook was installed from there, else the repository of its Cargo.toml, else crates.io.
    #[arg(long, value_name = "SOURCE")]
    pub install_from: Option<String>,
}

/// Writes the book; returns the exit code (0 written, 2 refused or I/O error).
pub fn run(args: &InitArgs) -> i32 {
    let (source, certainty) = match &args.install_from {
        Some(text) => match InstallSource::parse(text) {
            Ok(source) => (source, Certainty::Known("--install-from names it")),
            Err(e) => {
                eprintln!("error: {e:#}");
                return 2;
            }
        },
        None => InstallSource::default_for_this_build(),
    };
    match scaffold::init(&args.dir, &args.title, args.force, &source) {
        Ok(files) => {
            eprintln!("created a new book in {}:", args.dir.display());
            for f in &files {
                eprintln!("  {}", f.display().to_string().replace('\\', "/"));
            }
            let cd = if args.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", args.dir.display())
            };
            eprintln!("next: {cd}dacibook serve --open   (live preview)");
            eprintln!("      add a project with `dacibook new project <id>`");
            eprintln!("      push to GitHub and set Settings → Pages → Source to \"GitHub Actions\" to publish");
            eprintln!(
                "the workflow ({}) installs {}",
                scaffold::WORKFLOW_PATH,
                source.describe()
            );
            if certainty == Certainty::Unknown {
                eprintln!("{}", unconfirmed_source_note(&source));
            }
            0
        }
        Err(e @ InitError::NotEmpty(..)) | Err(e @ InitError::Io(_)) => {
            eprintln!("error: {e}");
            2
        }
    }
}

/// What to do when nothing says the workflow's install source has this version.
fn unconfirmed_source_note(source: &InstallSource) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let tag = scaffold::release_tag();
    let what = match source {
        InstallSource::CratesIo => format!(
            "this dacibook was built from source, so it cannot tell whether dacibook {version} is on crates.io \
             (`cargo search dacibook` shows the published version)"
        ),
        InstallSource::Git { url, tag } => {
            format!("the workflow's first run needs tag {tag} in {url} (`git ls-remote --tags {url}` shows it)")
        }
    };
    format!(
        "note: {what}.\n      \
         If it is not there, publish it or install from a git repository that has a tag {tag}: \
         run init again with `--install-from <git URL>[#tag]` into a new folder and copy its workflow, \
         or in {path} set the Install step to\n        \
         run: cargo install dacibook --git <git URL> --tag {tag} --locked",
        path = scaffold::WORKFLOW_PATH
    )
}
