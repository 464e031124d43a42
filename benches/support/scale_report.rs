//! The scale benchmark's report: details per part, then each figure against its target.

use super::*;

// Reports

pub(crate) fn print_details(
    sizes: &[SizeResult],
    reload: &Option<Result<ReloadResult, String>>,
    markdown: &Option<Result<MarkdownResult, String>>,
) {
    println!();
    if !sizes.is_empty() {
        println!(
            "{:>9} {:>9} {:>15} {:>9} {:>7} {:>10}   project page bytes (min / median / max)",
            "projects", "generate", "build (median)", "peak", "files", "output"
        );
        for s in sizes {
            let sizes: Vec<f64> = s.pages.values().map(|&b| b as f64).collect();
            println!(
                "{:>9} {:>7.1} s {:>13.3} s {:>9} {:>7} {:>10}   {} / {} / {} ({} pages)",
                s.projects,
                s.generate_secs,
                median(&s.times),
                s.peak_kb.map_or("?".into(), mib),
                s.files.map_or("?".into(), |f| f.0.to_string()),
                s.files
                    .map_or("?".into(), |f| format!("{:.0} MiB", f.1 as f64 / 1024.0)),
                kib(min(&sizes)),
                kib(median(&sizes)),
                kib(percentile(&sizes, 1.0)),
                sizes.len(),
            );
        }
        println!();
        println!("phases of `dacibook build --timings` (median ms):");
        let mut names: Vec<String> = Vec::new();
        for s in sizes {
            for (n, _) in &s.phases {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        print!("{:>9}", "projects");
        for n in &names {
            print!(" {n:>11}");
        }
        println!();
        for s in sizes {
            print!("{:>9}", s.projects);
            for n in &names {
                match s.phases.iter().find(|(p, _)| p == n) {
                    Some((_, ms)) => print!(" {ms:>11.1}"),
                    None => print!(" {:>11}", "-"),
                }
            }
            println!();
        }
    }
    if let Some(Ok(r)) = reload {
        println!();
        println!(
            "serve at {REFERENCE} projects: first build {}; {} edits, write → reload signal: median {:.1} ms, p90 {:.1} ms, max {:.1} ms{}",
            r.first_build,
            r.latencies.len(),
            median(&r.latencies),
            percentile(&r.latencies, 0.9),
            percentile(&r.latencies, 1.0),
            if r.extra_events > 0 {
                format!(" ({} edit(s) needed a second event)", r.extra_events)
            } else {
                String::new()
            }
        );
    }
    if let Some(Ok(m)) = markdown {
        println!();
        println!(
            "{} Markdown pages of {:.0} bytes on average: dacibook median {:.3} s (runs: {}), peak {}, {}",
            m.pages,
            m.page_bytes,
            m.dacibook.median(),
            list(&m.dacibook.times),
            m.dacibook.peak_kb.map_or("?".into(), mib),
            m.files
                .map_or("?".into(), |f| format!("{} files, {:.1} MiB", f.0, f.1 as f64 / 1024.0)),
        );
        println!(
            "  phases (median ms): {}",
            m.phases
                .iter()
                .map(|(n, v)| format!("{n} {v:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!(
            "  floor, cp -r of dacibook's output: median {:.3} s (runs: {})",
            m.floor.median(),
            list(&m.floor.times)
        );
        match &m.mdbook {
            Ok(b) => {
                println!(
                    "  {}: search on median {:.3} s (runs: {}), peak {}; search off median {:.3} s (runs: {}), peak {}; {} of {} pages written, {:.1} MiB",
                    b.version,
                    b.search.median(),
                    list(&b.search.times),
                    b.search.peak_kb.map_or("?".into(), mib),
                    b.no_search.median(),
                    list(&b.no_search.times),
                    b.no_search.peak_kb.map_or("?".into(), mib),
                    b.html_pages,
                    m.pages,
                    b.output_bytes as f64 / 1024.0 / 1024.0,
                );
            }
            Err(e) => println!("  mdBook: {e}"),
        }
    }
}

pub(crate) fn list(times: &[f64]) -> String {
    times.iter().map(|t| format!("{t:.3}")).collect::<Vec<_>>().join(", ")
}

/// The median (what targets are checked against) and the fastest run, which a busy machine
/// disturbs least.
pub(crate) fn with_min(times: &[f64]) -> String {
    format!("{:.3} s (min {:.3})", median(times), min(times))
}

pub(crate) fn min(times: &[f64]) -> f64 {
    times.iter().copied().fold(f64::INFINITY, f64::min)
}

pub(crate) fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "missed"
    }
}

pub(crate) fn print_table(
    machine: &Machine,
    load_at_start: &str,
    cfg: &Config,
    sizes: &[SizeResult],
    reload: &Option<Result<ReloadResult, String>>,
    markdown: &Option<Result<MarkdownResult, String>>,
    registry: &Option<Result<RegistryResult, String>>,
) {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |a: &str, b: String, c: &str, d: &str| rows.push([a.to_string(), b, c.to_string(), d.to_string()]);
    let size = |n: usize| sizes.iter().find(|s| s.projects == n);
    for s in sizes {
        let runs = s.times.len();
        let label = format!(
            "full build, {} projects (median of {runs} run{})",
            s.projects,
            if runs == 1 { "" } else { "s" }
        );
        let t = median(&s.times);
        if s.projects == REFERENCE {
            row(&label, with_min(&s.times), "< 1 s", verdict(t < 1.0));
        } else {
            row(&label, with_min(&s.times), "-", "");
        }
        let label = format!("peak memory, {} projects", s.projects);
        match (s.peak_kb, s.projects == REFERENCE) {
            (Some(kb), true) => row(&label, mib(kb), "< 300 MB", verdict((kb as f64 * 1024.0) < 300e6)),
            (Some(kb), false) => row(&label, mib(kb), "-", ""),
            (None, _) => row(&label, "?".into(), "-", ""),
        }
    }
    if let Some(s) = size(REFERENCE) {
        for (phase, ms) in &s.phases {
            row(
                &format!("  phase `{phase}`, {REFERENCE} projects"),
                format!("{ms:.1} ms"),
                "-",
                "",
            );
        }
    }
    if cfg.skips("projects") {
        row("full builds of N projects", "skipped".into(), "", "");
    }
    for &n in &cfg.sizes {
        if size(n).is_none() && !cfg.skips("projects") {
            row(&format!("full build, {n} projects"), "error".into(), "", "missed");
        }
    }
    match (
        size(REFERENCE),
        sizes
            .iter()
            .filter(|s| s.projects > REFERENCE)
            .max_by_key(|s| s.projects),
    ) {
        (Some(a), Some(b)) => {
            let ratio = median(&b.times) / median(&a.times);
            let allowed = 12.0 * b.projects as f64 / 10000.0;
            row(
                &format!("build time {} / {} projects", b.projects, a.projects),
                format!("{ratio:.1}x (of mins {:.1}x)", min(&b.times) / min(&a.times)),
                &format!("<= {allowed:.0}x"),
                verdict(ratio <= allowed),
            );
        }
        _ => row("build time 10000 / 1000 projects", "not run".into(), "<= 12x", ""),
    }
    for s in sizes {
        let v: Vec<f64> = s.pages.values().map(|&b| b as f64).collect();
        let largest = v.iter().cloned().fold(0.0, f64::max);
        let (target, ok) = if s.projects == REFERENCE {
            ("< 40 KiB (largest)", verdict(largest < 40.0 * 1024.0))
        } else {
            ("-", "")
        };
        row(
            &format!("project page, {} projects (median; largest)", s.projects),
            format!("{}; {}", kib(median(&v)), kib(largest)),
            target,
            ok,
        );
    }
    match page_growth(sizes) {
        Some((small, large, n, growth, worst)) => row(
            &format!("same {n} project pages, {large} vs {small} projects"),
            format!("{:+.2}% (largest: {worst:+} B)", growth * 100.0),
            "no growth (<= 1%)",
            verdict(growth <= 0.01),
        ),
        None => row("project page growth with N", "not run".into(), "no growth", ""),
    }
    match reload {
        Some(Ok(r)) => {
            let m = median(&r.latencies);
            row(
                &format!(
                    "rebuild after a record edit, {REFERENCE} projects (median of {})",
                    r.latencies.len()
                ),
                format!("{m:.1} ms (p90 {:.1})", percentile(&r.latencies, 0.9)),
                "< 100 ms",
                verdict(m < 100.0),
            );
        }
        Some(Err(_)) => row("rebuild after a record edit", "error".into(), "< 100 ms", "missed"),
        None => row("rebuild after a record edit", "skipped".into(), "< 100 ms", ""),
    }
    match markdown {
        Some(Ok(m)) => {
            let d = m.dacibook.median();
            row(
                &format!("{} Markdown pages, dacibook", m.pages),
                with_min(&m.dacibook.times),
                "< 0.5 s",
                verdict(d < 0.5),
            );
            match &m.mdbook {
                Ok(b) => {
                    let s = b.search.median();
                    row(
                        &format!("{} pages, {} (search on)", m.pages, b.version),
                        with_min(&b.search.times),
                        "-",
                        "",
                    );
                    row(
                        &format!("{} pages, {} (search off)", m.pages, b.version),
                        with_min(&b.no_search.times),
                        "-",
                        "",
                    );
                    row(
                        "mdBook (search on) / dacibook",
                        format!(
                            "{:.2}x (of mins {:.2}x)",
                            s / d,
                            min(&b.search.times) / min(&m.dacibook.times)
                        ),
                        ">= 5x",
                        verdict(s / d >= 5.0),
                    );
                    row(
                        "mdBook (search off) / dacibook",
                        format!(
                            "{:.2}x (of mins {:.2}x)",
                            b.no_search.median() / d,
                            min(&b.no_search.times) / min(&m.dacibook.times)
                        ),
                        "-",
                        "",
                    );
                }
                Err(e) => row("mdBook / dacibook", e.clone(), ">= 5x", ""),
            }
            let again = m.dacibook_repeat.median();
            row(
                &format!("{} Markdown pages, dacibook over its previous output", m.pages),
                with_min(&m.dacibook_repeat.times),
                "-",
                "",
            );
            if let Ok(b) = &m.mdbook {
                row(
                    &format!("{} pages, {} (search on) over its previous output", m.pages, b.version),
                    with_min(&b.search_repeat.times),
                    "-",
                    "",
                );
                row(
                    "mdBook / dacibook, both over their previous output",
                    format!(
                        "{:.2}x (of mins {:.2}x)",
                        b.search_repeat.median() / again,
                        min(&b.search_repeat.times) / min(&m.dacibook_repeat.times)
                    ),
                    "-",
                    "",
                );
            }
            row(
                "floor: cp -r of dacibook's page output",
                format!("{:.3} s", m.floor.median()),
                "-",
                "",
            );
        }
        Some(Err(_)) => row("Markdown pages, dacibook", "error".into(), "< 0.5 s", "missed"),
        None => row("Markdown pages", "skipped".into(), "", ""),
    }

    match registry {
        Some(Ok(r)) if !r.load_check_ms.is_empty() => {
            let ms = median(&r.load_check_ms);
            row(
                &format!(
                    "load+check, {} projects naming {} registry schemas (median of {})",
                    r.projects,
                    r.schemas,
                    r.load_check_ms.len()
                ),
                format!("{ms:.1} ms"),
                "< 1 s",
                verdict(ms < 1000.0),
            );
            row(
                "  the whole build of that book",
                format!("{}, peak {}", with_min(&r.times), r.peak_kb.map_or("?".into(), mib)),
                "-",
                "",
            );
        }
        Some(_) => row("load+check of registry schemas", "error".into(), "< 1 s", "missed"),
        None => row("load+check of registry schemas", "skipped".into(), "< 1 s", ""),
    }

    let widths: Vec<usize> = (0..4)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0).max(6))
        .collect();
    println!();
    println!(
        "machine: {}; load average {load_at_start} at the start, {} at the end (busy machine → slower figures)",
        machine.describe(),
        Machine::load()
    );
    println!(
        "{:<w0$}  {:>w1$}  {:<w2$}  verdict",
        "figure",
        "value",
        "target",
        w0 = widths[0],
        w1 = widths[1],
        w2 = widths[2]
    );
    println!("{}", "-".repeat(widths[0] + widths[1] + widths[2] + 6 + 7));
    for r in &rows {
        println!(
            "{:<w0$}  {:>w1$}  {:<w2$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
}
