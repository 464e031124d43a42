//! `dacibook build [DIR] [-d DEST]`: build the site and write it atomically.

use crate::build;
use crate::diagnostic::{self, Format};
use crate::write;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `dacibook build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The book's folder (holding book.toml; default: the nearest one from the current folder
    /// upwards).
    pub dir: Option<PathBuf>,
    /// Where to write the site (default: book.toml's build-dir, `book`).
    #[arg(short = 'd', long = "dest-dir")]
    pub dest: Option<PathBuf>,
    /// Print the time of each phase.
    #[arg(long)]
    pub timings: bool,
    /// Where the site is published, e.g. https://org.github.io/repo/ (overrides book.toml's
    /// site-url; used for canonical links, the sitemap and the 404 page).
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
}

/// Builds; returns the exit code (0 built, 1 content errors, 2 I/O errors).
pub fn run(args: &BuildArgs) -> i32 {
    let start = Instant::now();
    let dir = match super::book_dir::find(args.dir.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if let Some(url) = &args.site_url {
        if !crate::config::is_web_url(url) {
            eprintln!("error: --site-url must be an absolute http or https URL, e.g. https://org.github.io/repo/, not `{url}`");
            return 2;
        }
    }
    let overrides = crate::config::Overrides {
        site_url: args.site_url.clone(),
    };
    let built = match build::build_in_memory_with(&dir, &overrides) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 2;
        }
    };
    let color = std::io::stderr().is_terminal();
    let text = diagnostic::render(built.diagnostics(), &built.loaded.sources, Format::Human, color);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let dest = build::destination(&dir, &built.loaded, args.dest.as_deref());
    if let Some(problem) = dest_inside_content(&dir, &built.loaded, &dest) {
        let _ = writeln!(err, "error: {problem}");
        return 2;
    }
    // Also when this build fails: a previous output that a killed build left moved aside is
    // put back, so that "untouched" below is true.
    write::recover_interrupted(&dest);
    let Some(site) = &built.site else {
        let errors = built.diagnostics().iter().filter(|d| d.is_error()).count();
        let _ = writeln!(err, "build failed: {errors} error(s); the previous output is untouched");
        return 1;
    };
    let t = Instant::now();
    if let Err(e) = write::write_site(site, &dest) {
        let _ = writeln!(err, "error: {e:#}");
        if e.downcast_ref::<write::PreviousOutputAside>().is_none() {
            let _ = writeln!(err, "build failed; the previous output is untouched");
        }
        return 2;
    }
    if args.timings {
        for (phase, d) in built.timings.iter().chain([("write", t.elapsed())].iter()) {
            let _ = writeln!(err, "  {phase:<12} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
    let _ = writeln!(
        err,
        "built {} files ({} KiB) into {} in {} ms; open {}",
        site.files.len(),
        site.size() / 1024,
        dest.display(),
        start.elapsed().as_millis(),
        dest.join("index.html").display()
    );
    0
}

/// Why `dest` cannot take the site: it lies inside the pages folder (other than the book's
/// build dir, which the loader skips), so the next build would read the site back as content.
fn dest_inside_content(root: &std::path::Path, loaded: &crate::load::Loaded, dest: &std::path::Path) -> Option<String> {
    let config = &loaded.book.as_ref()?.config;
    let absolute = |p: &std::path::Path| {
        std::path::absolute(p)
            .ok()
            .and_then(|a| crate::config::normalize(a.strip_prefix("/").unwrap_or(&a)))
    };
    let dest_abs = absolute(dest)?;
    let pages = absolute(&root.join(&config.content.pages))?;
    let build_dir = absolute(&root.join(&config.build.build_dir))?;
    (dest_abs.starts_with(&pages) && !dest_abs.starts_with(&build_dir)).then(|| {
        format!(
            "{} is inside the pages folder {}: the next build would read the site back as pages and files\n\
             hint: build into a folder outside {}, e.g. the book's build-dir `{}`",
            dest.display(),
            config.content.pages.display(),
            config.content.pages.display(),
            config.build.build_dir.display()
        )
    })
}
