use clap::{CommandFactory, Parser, Subcommand};
use dacibook::cmd;

/// Turns a DACI process and instrumentation project records into a static site.
#[derive(Parser)]
#[command(name = "dacibook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the book and report every problem (exit 0 clean, 1 content errors, 2 usage/I/O).
    Check(cmd::check::CheckArgs),
    /// Build the site into the build dir (written atomically; a failed build keeps the old one).
    Build(cmd::build::BuildArgs),
    /// Serve the site, rebuild on every change and reload the browser (live preview).
    Serve(cmd::serve::ServeArgs),
    /// Create a new book: book.toml, the default process, an example project, a GitHub Pages workflow.
    Init(cmd::init::InitArgs),
    /// Add to the book: `dacibook new project <id>` writes a commented project record.
    New(cmd::new::NewArgs),
    /// Write JSON Schemas of the process file and the project record, for editors.
    Schema(cmd::schema::SchemaArgs),
    /// Explain a diagnostic code (the word in brackets), with a wrong and a fixed example; without a code, list them all.
    Explain(cmd::explain::ExplainArgs),
    /// Print a shell completion script, e.g. `dacibook completions bash > ~/.local/share/bash-completion/completions/dacibook`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => cmd::check::run(&args),
        Command::Build(args) => cmd::build::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
        Command::Init(args) => cmd::init::run(&args),
        Command::New(args) => cmd::new::run(&args),
        Command::Explain(args) => cmd::explain::run(&args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dacibook", &mut std::io::stdout());
            0
        }
    };
    std::process::exit(code);
}
