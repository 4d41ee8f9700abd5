//! The pinned mdBook tools, installed into `.tools/` inside the project so a
//! reader's own `mdbook` is never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (crate, version, binary). Change a version here and every command follows.
pub const PINNED: [(&str, &str, &str); 4] = [
    ("mdbook", "0.5.4", "mdbook"),
    ("mdbook-quiz", "0.5.0", "mdbook-quiz"),
    ("mdbook-mermaid", "0.17.1", "mdbook-mermaid"),
    ("mdbook-linkcheck2", "0.13.0", "mdbook-linkcheck2"),
];

pub struct Tools {
    bin: PathBuf,
}

impl Tools {
    /// A command for one of the pinned tools, with `.tools/bin` first on PATH
    /// so that mdbook finds the pinned preprocessors, not others.
    pub fn command(&self, name: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(name));
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![self.bin.clone()];
        dirs.extend(std::env::split_paths(&path));
        cmd.env(
            "PATH",
            std::env::join_paths(dirs).expect("PATH entries are valid"),
        );
        cmd
    }
}

/// Whether `version_output` (what `tool --version` printed) names `version`.
pub fn reports_version(version_output: &str, version: &str) -> bool {
    version_output
        .split(|c: char| c.is_whitespace() || c == 'v')
        .any(|word| word == version)
}

fn installed_version_matches(bin: &Path, name: &str, version: &str) -> bool {
    match Command::new(bin.join(name)).arg("--version").output() {
        Ok(out) if out.status.success() => {
            reports_version(&String::from_utf8_lossy(&out.stdout), version)
        }
        _ => false,
    }
}

/// Installs every pinned tool that is missing or of another version, saying
/// what it does, then makes sure mermaid's scripts are in place.
pub fn ensure_installed(root: &Path) -> anyhow::Result<Tools> {
    let prefix = root.join(".tools");
    let bin = prefix.join("bin");
    for (krate, version, name) in PINNED {
        if installed_version_matches(&bin, name, version) {
            continue;
        }
        println!(
            "==> installing {krate} {version} into .tools/ (a cold install of all four takes several minutes)"
        );
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "install",
                "--locked",
                "--quiet",
                "--version",
                version,
                "--root",
            ])
            .arg(&prefix)
            .arg(krate)
            .status()?;
        anyhow::ensure!(
            status.success(),
            "`cargo install --locked --version {version} {krate}` failed; read the error above, then rerun"
        );
        anyhow::ensure!(
            installed_version_matches(&bin, name, version),
            "{krate} was installed but `.tools/bin/{name} --version` does not report {version}"
        );
    }
    let tools = Tools { bin };
    // mdbook-mermaid ships mermaid's JavaScript; it is generated, not committed.
    if !root.join("mermaid.min.js").exists() || !root.join("mermaid-init.js").exists() {
        println!("==> copying mermaid's scripts with `mdbook-mermaid install`");
        let status = tools
            .command("mdbook-mermaid")
            .arg("install")
            .arg(root)
            .status()?;
        anyhow::ensure!(status.success(), "`mdbook-mermaid install .` failed");
    }
    Ok(tools)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Version lines of the pinned tools are read right, and a near miss is not a match.
    #[test]
    fn version_lines() {
        assert!(reports_version("mdbook v0.5.4\n", "0.5.4"));
        assert!(reports_version("mdbook-quiz 0.5.0\n", "0.5.0"));
        assert!(!reports_version("mdbook v0.5.40\n", "0.5.4"));
        assert!(!reports_version("mdbook v0.4.52\n", "0.5.4"));
    }
}
