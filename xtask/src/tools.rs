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

/// The pinned version of one of the tools above.
pub fn pinned_version(krate: &str) -> &'static str {
    PINNED
        .iter()
        .find(|(k, _, _)| *k == krate)
        .map(|(_, v, _)| *v)
        .expect("a pinned tool")
}

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
        // book.toml runs the course preprocessor as `cargo xtask preprocess`,
        // which only works from the project root; this very binary works from
        // a copy of the book too (the refresh check builds one in /tmp).
        if let Ok(me) = std::env::current_exe() {
            cmd.env(
                "MDBOOK_PREPROCESSOR__COURSE__COMMAND",
                format!("'{}' preprocess", me.display()),
            );
        }
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
    // One build folder for all four installs: the crates they have in
    // common (serde, syn, pulldown-cmark, tokio, ...) compile once when
    // their versions agree. It stays under target/ for the next upgrade.
    let build_dir = root.join("target/tools-build");
    let started = std::time::Instant::now();
    let mut installed = 0;
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
            .arg("--target-dir")
            .arg(&build_dir)
            .arg(krate)
            .status()?;
        installed += 1;
        anyhow::ensure!(
            status.success(),
            "`cargo install --locked --version {version} {krate}` failed; read the error above, then rerun"
        );
        anyhow::ensure!(
            installed_version_matches(&bin, name, version),
            "{krate} was installed but `.tools/bin/{name} --version` does not report {version}"
        );
    }
    if installed > 0 {
        println!(
            "==> installed {installed} pinned tool(s) in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let tools = Tools { bin };
    install_mermaid_script(root, &tools)?;
    Ok(tools)
}

/// Where the book finds mermaid's script: copied into `src/` so mdBook
/// publishes it, and loaded by `theme/course.js` only on pages that have a
/// diagram (it weighs about 2.6 MB).
pub const MERMAID_SCRIPT: &str = "src/mermaid/mermaid.min.js";

/// Copies the mermaid script that mdbook-mermaid ships into the book. Its own
/// `install` command would also list the script in book.toml for every page,
/// so it runs in a scratch folder and only the script is kept.
fn install_mermaid_script(root: &Path, tools: &Tools) -> anyhow::Result<()> {
    let target = root.join(MERMAID_SCRIPT);
    let stamp = root.join("src/mermaid/version.txt");
    let wanted = pinned_version("mdbook-mermaid");
    if target.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted) {
        return Ok(());
    }
    println!("==> copying mermaid's script from mdbook-mermaid {wanted} into {MERMAID_SCRIPT}");
    let scratch = root.join("target/mermaid-install");
    std::fs::create_dir_all(&scratch)?;
    std::fs::write(scratch.join("book.toml"), "[book]\ntitle = \"scratch\"\n")?;
    let status = tools
        .command("mdbook-mermaid")
        .arg("install")
        .arg(&scratch)
        .stderr(std::process::Stdio::null())
        .status()?;
    anyhow::ensure!(
        status.success(),
        "`mdbook-mermaid install` failed in {}",
        scratch.display()
    );
    std::fs::create_dir_all(target.parent().expect("has a parent"))?;
    std::fs::copy(scratch.join("mermaid.min.js"), &target)?;
    std::fs::write(stamp, wanted)?;
    Ok(())
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
