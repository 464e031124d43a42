//! `dacibook explain [CODE]`: what a diagnostic code means, with a wrong and a fixed example.

use crate::explain;
use std::io::Write;

/// Arguments of `dacibook explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code shown in brackets in a diagnostic, e.g. `unknown-reference`; without it, every
    /// code is listed.
    pub code: Option<String>,
}

/// Prints the explanation or the list; returns the exit code (0, or 2 for an unknown code).
pub fn run(args: &ExplainArgs) -> i32 {
    match explain_output(args.code.as_deref()) {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            0
        }
        Err(text) => {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            2
        }
    }
}

/// What `dacibook explain` prints: the text for stdout, or the error for stderr.
pub fn explain_output(code: Option<&str>) -> Result<String, String> {
    let Some(code) = code else {
        return Ok(explain::list_text());
    };
    // A code pasted with its brackets from a diagnostic's first line (`[unknown-key]`) is accepted too.
    let code = code.trim().trim_start_matches('[').trim_end_matches(']');
    if let Some(e) = explain::find(code) {
        return Ok(explain::explanation_text(e));
    }
    let known: Vec<&str> = explain::all().iter().map(|e| e.code).collect();
    let help = match crate::suggest::nearest(code, &known) {
        Some(n) => format!("did you mean `{n}`?"),
        None => "`dacibook explain` lists every code".to_string(),
    };
    Err(format!(
        "error: there is no diagnostic code `{code}`\n  = help: {help}\n"
    ))
}
