//! Where the GitHub Pages workflow of a new book installs dacibook from.

use anyhow::{bail, Result};

/// The source of the `cargo install` in a new book's workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallSource {
    /// crates.io, at exactly this version.
    CratesIo,
    /// A git repository, at a tag.
    Git { url: String, tag: String },
}

/// Whether a default source is known to exist, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Certainty {
    /// This binary was built from the source named, so the workflow will find it.
    Known(&'static str),
    /// Nothing this binary knows says the source has this version; `init` says what to do.
    Unknown,
}

/// The tag a release of this version carries.
pub fn release_tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

impl InstallSource {
    /// Reads `--install-from`: `crates.io`, or a git repository's URL with an optional `#tag`
    /// (default `v<this version>`).
    pub fn parse(text: &str) -> Result<InstallSource> {
        let text = text.trim();
        if matches!(text, "crates.io" | "crates-io" | "cratesio") {
            return Ok(InstallSource::CratesIo);
        }
        let (url, tag) = match text.rsplit_once('#') {
            Some((url, tag)) => (url, tag.to_string()),
            None => (text, release_tag()),
        };
        let git_like = ["https://", "http://", "ssh://", "git://", "file://", "git@"]
            .iter()
            .any(|p| url.starts_with(p));
        if !git_like || url.len() <= 8 {
            bail!(
                "`{text}` is neither `crates.io` nor a git repository's URL\n\
                 hint: write `--install-from crates.io`, or a URL such as \
                 `--install-from https://github.com/OWNER/dacibook` (tag {}) or `…/dacibook#v1.2.3`",
                release_tag()
            );
        }
        if tag.is_empty()
            || tag
                .chars()
                .any(|c| c.is_whitespace() || c == '"' || c == '\'' || c == '$' || c == '`')
        {
            bail!(
                "`{tag}` is not a usable git tag\nhint: write the tag after `#`, e.g. `#{}`",
                release_tag()
            );
        }
        if url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\'' || c == '$' || c == '`')
        {
            bail!("the URL `{url}` holds a space, a quote, `$` or a backquote\nhint: write the repository's plain URL");
        }
        Ok(InstallSource::Git {
            url: url.to_string(),
            tag,
        })
    }

    /// The source used when `--install-from` is not given, and whether it is known to exist:
    /// crates.io when this binary was built from the crates.io package (so that version is
    /// published); else the `repository` of dacibook's Cargo.toml at tag `v<version>` when it is
    /// set; else crates.io, unconfirmed.
    pub fn default_for_this_build() -> (InstallSource, Certainty) {
        Self::default_from(env!("CARGO_MANIFEST_DIR"), env!("CARGO_PKG_REPOSITORY"))
    }

    fn default_from(manifest_dir: &str, repository: &str) -> (InstallSource, Certainty) {
        let dir = manifest_dir.replace('\\', "/");
        if dir.contains("/registry/src/") {
            return (
                InstallSource::CratesIo,
                Certainty::Known("this dacibook was installed from crates.io"),
            );
        }
        if !repository.is_empty() {
            let url = repository.trim_end_matches('/').to_string();
            return (
                InstallSource::Git {
                    url,
                    tag: release_tag(),
                },
                Certainty::Unknown,
            );
        }
        (InstallSource::CratesIo, Certainty::Unknown)
    }

    /// The workflow's `env:` lines that name the source (indented for the workflow's top level).
    pub fn env_lines(&self) -> String {
        match self {
            InstallSource::CratesIo => String::new(),
            InstallSource::Git { url, tag } => {
                format!("  DACIBOOK_GIT: \"{url}\"\n  DACIBOOK_TAG: \"{tag}\"\n")
            }
        }
    }

    /// The install step's shell command.
    pub fn command(&self) -> &'static str {
        match self {
            InstallSource::CratesIo => "cargo install dacibook --version \"$DACIBOOK_VERSION\" --locked",
            InstallSource::Git { .. } => {
                "cargo install dacibook --git \"$DACIBOOK_GIT\" --tag \"$DACIBOOK_TAG\" --locked"
            }
        }
    }

    /// What the installed binary is cached under.
    pub fn cache_key(&self) -> &'static str {
        match self {
            InstallSource::CratesIo => "dacibook-${{ runner.os }}-${{ env.DACIBOOK_VERSION }}",
            InstallSource::Git { .. } => {
                "dacibook-${{ runner.os }}-${{ hashFiles('.github/workflows/pages.yml') }}-${{ env.DACIBOOK_TAG }}"
            }
        }
    }

    /// How `init` names the source in what it prints.
    pub fn describe(&self) -> String {
        match self {
            InstallSource::CratesIo => format!("dacibook {} from crates.io", env!("CARGO_PKG_VERSION")),
            InstallSource::Git { url, tag } => format!("dacibook from {url} at tag {tag}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_io_and_git_urls_parse_with_the_release_tag_by_default() {
        assert_eq!(InstallSource::parse("crates.io").unwrap(), InstallSource::CratesIo);
        assert_eq!(
            InstallSource::parse("https://github.com/o/dacibook").unwrap(),
            InstallSource::Git {
                url: "https://github.com/o/dacibook".into(),
                tag: release_tag()
            }
        );
        assert_eq!(
            InstallSource::parse("file:///srv/dacibook.git#v9.9.9").unwrap(),
            InstallSource::Git {
                url: "file:///srv/dacibook.git".into(),
                tag: "v9.9.9".into()
            }
        );
    }

    #[test]
    fn anything_else_is_refused_with_the_forms_it_takes() {
        let e = InstallSource::parse("github").unwrap_err().to_string();
        assert!(e.contains("neither `crates.io` nor a git repository's URL"), "{e}");
        assert!(e.contains("--install-from https://github.com/OWNER/dacibook"), "{e}");
        let e = InstallSource::parse("https://x.org/r#").unwrap_err().to_string();
        assert!(e.contains("not a usable git tag"), "{e}");
        let e = InstallSource::parse("https://x.org/r\"; rm -rf /")
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds a space, a quote"), "{e}");
    }

    #[test]
    fn the_default_is_crates_io_only_when_built_from_its_package() {
        let (s, c) = InstallSource::default_from("/home/u/.cargo/registry/src/index.crates.io-1/dacibook-0.1.0", "");
        assert_eq!(s, InstallSource::CratesIo);
        assert!(matches!(c, Certainty::Known(_)));
        let (s, c) = InstallSource::default_from("/work/dacibook", "https://github.com/o/dacibook/");
        assert_eq!(
            s,
            InstallSource::Git {
                url: "https://github.com/o/dacibook".into(),
                tag: release_tag()
            }
        );
        assert_eq!(c, Certainty::Unknown);
        let (s, c) = InstallSource::default_from("/work/dacibook", "");
        assert_eq!((s, c), (InstallSource::CratesIo, Certainty::Unknown));
    }
}
