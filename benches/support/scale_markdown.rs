//! The scale benchmark's Markdown part: N pages built by dacibook and by mdBook.

use super::*;

pub(crate) struct Timed {
    pub(crate) times: Vec<f64>,
    pub(crate) peak_kb: Option<u64>,
}

impl Timed {
    pub(crate) fn median(&self) -> f64 {
        median(&self.times)
    }
}

pub(crate) struct MarkdownResult {
    pub(crate) pages: usize,
    pub(crate) page_bytes: f64,
    pub(crate) dacibook: Timed,
    /// Builds over the output of the previous one, as when building again after an edit.
    pub(crate) dacibook_repeat: Timed,
    pub(crate) phases: Vec<(String, f64)>,
    pub(crate) files: Option<(usize, u64)>,
    pub(crate) floor: Timed,
    pub(crate) mdbook: Result<MdBookResult, String>,
}

pub(crate) struct MdBookResult {
    pub(crate) version: String,
    pub(crate) search: Timed,
    /// Search on, over the output of the previous build.
    pub(crate) search_repeat: Timed,
    pub(crate) no_search: Timed,
    pub(crate) html_pages: usize,
    pub(crate) output_bytes: u64,
}

pub(crate) fn run_markdown(ctx: &Ctx, cfg: &Config) -> Result<MarkdownResult, String> {
    let book = ctx.work.join("pages");
    let site = ctx.work.join("pages-site");
    ctx.generate(&book, 0, cfg.fields, cfg.pages)?;
    let mut sources: Vec<PathBuf> = std::fs::read_dir(book.join("content"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    sources.sort();
    let total: u64 = sources.iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();
    let page_bytes = total as f64 / sources.len().max(1) as f64;
    eprintln!("{} pages, {page_bytes:.0} bytes each on average", sources.len());

    let mut runs = Vec::new();
    for round in 0..cfg.md_rounds {
        let run = ctx.build(&book, &site)?;
        eprintln!(
            "dacibook build {}: {:.3} s, peak {}",
            round + 1,
            run.secs,
            run.peak_kb.map_or("?".into(), mib)
        );
        runs.push(run);
    }
    let dacibook = Timed {
        times: runs.iter().map(|r| r.secs).collect(),
        peak_kb: max_peak(&runs),
    };
    let mut repeat_runs = Vec::new();
    for round in 0..cfg.md_rounds {
        let run = ctx.build_again(&book, &site)?;
        eprintln!("dacibook build over its output {}: {:.3} s", round + 1, run.secs);
        repeat_runs.push(run);
    }
    let dacibook_repeat = Timed {
        times: repeat_runs.iter().map(|r| r.secs).collect(),
        peak_kb: max_peak(&repeat_runs),
    };

    // The floor: copying the output folder.
    let copy = ctx.work.join("pages-copy");
    let mut floor = Timed {
        times: Vec::new(),
        peak_kb: None,
    };
    for _ in 0..cfg.md_rounds {
        let _ = std::fs::remove_dir_all(&copy);
        let t = Instant::now();
        let ok = Command::new("cp")
            .arg("-r")
            .arg(&site)
            .arg(&copy)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return Err("cp -r failed".into());
        }
        floor.times.push(t.elapsed().as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&copy);
    eprintln!("cp -r of the output: {:.3} s", floor.median());

    let mdbook = if cfg.skips("mdbook") {
        Err("skipped (SCALE_SKIP)".to_string())
    } else {
        run_mdbook(ctx, &sources, cfg.md_rounds)
    };
    if let Err(e) = &mdbook {
        eprintln!("mdBook: {e}");
    }
    let result = MarkdownResult {
        pages: sources.len(),
        page_bytes,
        dacibook,
        dacibook_repeat,
        phases: median_phases(&runs),
        files: runs.last().and_then(|r| parse_built(&r.stderr)),
        floor,
        mdbook,
    };
    let _ = std::fs::remove_dir_all(&site);
    Ok(result)
}

/// `MDBOOK_BIN`, else `target/bench-tools/bin/mdbook`, installed from crates.io when missing.
pub(crate) fn mdbook_bin() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MDBOOK_BIN") {
        return Ok(PathBuf::from(p));
    }
    let root = target_dir().join("bench-tools");
    let bin = root.join("bin/mdbook");
    if bin.is_file() {
        return Ok(bin);
    }
    for version in MDBOOK_VERSIONS {
        eprintln!(
            "installing mdBook {version} from crates.io into {} (a few minutes)",
            root.display()
        );
        let status = Command::new(cargo())
            .args(["install", "mdbook", "--version", version, "--locked", "--root"])
            .arg(&root)
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if status.success() && bin.is_file() {
            return Ok(bin);
        }
        eprintln!("installing mdBook {version} failed");
    }
    Err(format!("could not install mdBook ({})", MDBOOK_VERSIONS.join(", ")))
}

pub(crate) fn run_mdbook(ctx: &Ctx, sources: &[PathBuf], rounds: usize) -> Result<MdBookResult, String> {
    let bin = mdbook_bin()?;
    let version = Command::new(&bin)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    eprintln!("mdBook: {} ({version})", bin.display());
    if !version.contains("0.5.4") {
        eprintln!("note: mdBook is {version}, not the 0.5.4 of the issue's figures");
    }

    // The same Markdown, without the front matter mdBook does not read; titles go to SUMMARY.md.
    let book = ctx.work.join("pages-mdbook");
    let src = book.join("src");
    let _ = std::fs::remove_dir_all(&book);
    std::fs::create_dir_all(&src).map_err(|e| e.to_string())?;
    let mut summary = String::from("# Summary\n\n");
    for path in sources {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let (title, body) = split_front_matter(&text);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let title = title.unwrap_or_else(|| name.trim_end_matches(".md").to_string());
        summary += &format!("- [{}]({name})\n", title.replace('[', "\\[").replace(']', "\\]"));
        std::fs::write(src.join(&name), body).map_err(|e| e.to_string())?;
    }
    std::fs::write(src.join("SUMMARY.md"), summary).map_err(|e| e.to_string())?;
    let site = ctx.work.join("pages-mdbook-site");
    let build_all = |toml: &str, label: &str, fresh: bool| -> Result<Timed, String> {
        std::fs::write(book.join("book.toml"), toml).map_err(|e| e.to_string())?;
        let mut runs = Vec::new();
        for round in 0..rounds {
            if fresh {
                let _ = std::fs::remove_dir_all(&site);
            }
            let args: Vec<OsString> = vec!["build".into(), book.clone().into(), "-d".into(), site.clone().into()];
            let run = ctx.meter.run(&bin, &args, &ctx.work)?;
            if !run.ok {
                return Err(format!("mdbook build failed:\n{}", run.stderr));
            }
            eprintln!(
                "mdbook build ({label}) {}: {:.3} s, peak {}",
                round + 1,
                run.secs,
                run.peak_kb.map_or("?".into(), mib)
            );
            runs.push(run);
        }
        Ok(Timed {
            times: runs.iter().map(|r| r.secs).collect(),
            peak_kb: max_peak(&runs),
        })
    };
    let base = "[book]\ntitle = \"Generated pages\"\nlanguage = \"en\"\nsrc = \"src\"\n";
    let search = build_all(base, "search on", true)?;
    let search_repeat = build_all(base, "search on, over its output", false)?;
    let html_pages = sources
        .iter()
        .filter(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            site.join(format!("{name}.html")).is_file()
        })
        .count();
    let output_bytes = dir_size(&site);
    let no_search = build_all(
        &format!("{base}\n[output.html.search]\nenable = false\n"),
        "search off",
        true,
    )?;
    let _ = std::fs::remove_dir_all(&site);
    Ok(MdBookResult {
        version,
        search,
        search_repeat,
        no_search,
        html_pages,
        output_bytes,
    })
}

/// (front matter title, body) of a page.
pub(crate) fn split_front_matter(text: &str) -> (Option<String>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (None, text);
    };
    let title = rest[..end].lines().find_map(|l| l.strip_prefix("title:")).map(|t| {
        let t = t.trim();
        t.strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(t)
            .to_string()
    });
    (title, rest[end + "\n---\n".len()..].trim_start_matches('\n'))
}

pub(crate) fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
