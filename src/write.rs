//! Writes a site to disk atomically: everything goes into a fresh folder beside the build
//! folder, which is swapped in only once complete. A failed build never touches the previous
//! output.

use crate::site::Site;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn sibling(dest: &Path, tag: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "book".into(), |n| n.to_string_lossy().into_owned());
    dest.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes `site` to `dest`, replacing what was there only when every file is written.
pub fn write_site(site: &Site, dest: &Path) -> Result<()> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    remove_leftovers(dest);
    let staging = sibling(dest, "new");
    let result = write_all(site, &staging).and_then(|()| swap_in(&staging, dest));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(site: &Site, dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut dirs: Vec<PathBuf> = site
        .files
        .keys()
        .filter_map(|p| Path::new(p).parent().map(|d| dir.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        fs::create_dir_all(&d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    site.files.par_iter().try_for_each(|(path, bytes)| {
        let target = dir.join(path);
        fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    })
}

fn swap_in(staging: &Path, dest: &Path) -> Result<()> {
    if dest.exists() {
        let old = sibling(dest, "old");
        fs::rename(dest, &old).with_context(|| format!("cannot move the old {} aside", dest.display()))?;
        if let Err(e) = fs::rename(staging, dest) {
            // Put the previous output back: losing it would be worse than failing.
            let _ = fs::rename(&old, dest);
            return Err(e).with_context(|| format!("cannot move the new site into {}", dest.display()));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(staging, dest).with_context(|| format!("cannot move the new site into {}", dest.display()))?;
    }
    Ok(())
}

/// Staging folders of builds that were killed midway. A previous output moved aside by a
/// build killed during the swap is moved back when nothing took its place.
fn remove_leftovers(dest: &Path) {
    let (Some(parent), Some(name)) = (dest.parent(), dest.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix_new = format!(".{}.new-", name.to_string_lossy());
    let prefix_old = format!(".{}.old-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix_old) && !dest.exists() {
            let _ = fs::rename(e.path(), dest);
        } else if n.starts_with(&prefix_new) || n.starts_with(&prefix_old) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}
