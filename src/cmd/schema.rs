//! `dacibook schema [DIR]`: writes JSON Schemas of the process file and the project record.

/// Arguments of `dacibook schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The book's folder (holding book.toml).
    #[arg(default_value = ".")]
    pub dir: std::path::PathBuf,
}

/// Writes the schemas; returns the exit code.
pub fn run(_args: &SchemaArgs) -> i32 {
    2
}
