//! `serve --open`: opening the site in the default browser, and saying so when none opens.

/// Opens `url` in the default browser, in the background; when no browser could be opened,
/// says so on stderr with the address to open by hand.
pub fn open(url: &str) {
    let url = url.to_string();
    // The opener may run as long as the browser does, so serve never waits for it.
    std::thread::spawn(move || {
        if let Err(why) = try_open(&url) {
            eprintln!("warning: could not open a browser ({why}); open {url} by hand");
        }
    });
}

/// `xdg-open`, waited for: it exits with an error when it finds no browser, which
/// `opener::open` would not see, as it does not wait.
#[cfg(all(unix, not(target_os = "macos")))]
fn try_open(url: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let status = match Command::new("xdg-open")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(s) => s,
        // Without xdg-open (WSL, minimal systems), opener's own ways: wslview, its copy of
        // xdg-open.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return opener::open(url).map_err(|e| format!("no xdg-open, and {e}"));
        }
        Err(e) => return Err(format!("cannot run xdg-open: {e}")),
    };
    if status.success() {
        Ok(())
    } else {
        Err(format!("xdg-open failed with {status}"))
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn try_open(url: &str) -> Result<(), String> {
    opener::open(url).map_err(|e| e.to_string())
}
