//! Records what `pletor --version` and `pletor doctor` say about the build: the commit and the
//! target triple, as `PLETOR_BUILD_COMMIT` and `PLETOR_BUILD_TARGET` for `env!`.
//!
//! The commit is, in order: `PLETOR_BUILD_COMMIT` from the environment (a build from a source
//! archive), `git rev-parse` when this folder is a git checkout, the `sha1` that `cargo package`
//! writes to `.cargo_vcs_info.json` (a `cargo install pletor-cli` from crates.io), else
//! `unknown`. Like ripgrep and uv, this is a few lines of build script rather than a crate.

// Cargo reads a build script's instructions from its stdout.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=PLETOR_BUILD_TARGET={target}");
    println!("cargo:rerun-if-env-changed=PLETOR_BUILD_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = std::env::var("PLETOR_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git_commit(&root))
        .or_else(|| packaged_commit(&root))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=PLETOR_BUILD_COMMIT={}", commit.trim());
}

/// The checked-out commit, and the files whose change means a new one. Only when this folder
/// is the checkout's top (`.git` here): a crate unpacked inside another repository is not it.
fn git_commit(root: &Path) -> Option<String> {
    if !root.join(".git").exists() {
        return None;
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    // HEAD moves when it changes (a detached checkout) or when the branch it names does; a
    // missing path would make cargo rerun this script on every build, so only existing ones.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    let watched = ["HEAD", "packed-refs"]
        .into_iter()
        .map(str::to_string)
        .chain(branch);
    for name in watched {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            let path = root.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    Some(commit)
}

/// The commit `cargo package` recorded: `"sha1": "<40 hex>"` in `.cargo_vcs_info.json`, a file
/// cargo writes in a fixed shape (a JSON parser in the build script would cost more to build
/// than it saves).
fn packaged_commit(root: &Path) -> Option<String> {
    let path = root.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let start = after.find('"')? + 1;
    let sha: String = after[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (sha.len() >= 12).then(|| sha[..12].to_string())
}
