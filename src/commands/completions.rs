//! `pletor completions SHELL`: prints a completion script; `pletor completions --man DIR` writes
//! the man pages instead. The scripts are also shipped in `completions/` and the pages are
//! snapshot-tested; tests fail when either is stale.
//!
//! The command tree comes from the caller (`app` passes `cli::Cli::command()`), so this module
//! does not import the clap tree that imports it.

use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;
use clap_complete::Shell;

use crate::context::Context;
use crate::error::{Exit, UsageError};

/// Arguments of `completions`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor completions bash > ~/.local/share/bash-completion/completions/pletor\n  \
pletor completions zsh > ~/.zfunc/_pletor\n  \
pletor completions --man /usr/local/share/man/man1     # pletor.1, pletor-run.1, …\n  \
source <(COMPLETE=bash pletor)                          # completion that asks the API"
)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_enum, required_unless_present = "man")]
    pub shell: Option<Shell>,

    /// Write a man page for pletor and each of its commands into DIR (created if missing)
    #[arg(long, value_name = "DIR", conflicts_with = "shell")]
    pub man: Option<PathBuf>,
}

/// The completion script of `tree` for `shell`.
pub fn script(shell: Shell, mut tree: clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut tree, "pletor", &mut out);
    out
}

/// Writes the man pages of `tree` (`pletor.1`, `pletor-runs-wait.1`, …) into `dir`; returns
/// their paths, sorted. Hidden commands get none (as `clap_mangen::generate_to` does; this
/// walk also collects the paths).
pub fn man_pages(tree: clap::Command, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    fn generate(
        cmd: clap::Command,
        dir: &Path,
        pages: &mut Vec<PathBuf>,
        root: bool,
    ) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            generate(sub, dir, pages, false)?;
        }
        let man = clap_mangen::Man::new(cmd);
        pages.push(if root {
            root_page(&man, dir)?
        } else {
            man.generate_to(dir)?
        });
        Ok(())
    }
    std::fs::create_dir_all(dir).map_err(|err| cannot_write(dir, &err))?;
    let mut tree = tree.disable_help_subcommand(true);
    tree.build();
    let mut pages = Vec::new();
    generate(tree, dir, &mut pages, true).map_err(|err| cannot_write(dir, &err))?;
    pages.sort();
    Ok(pages)
}

/// Writes `pletor.1` with the help topics as its EXIT STATUS, ENVIRONMENT and FILES sections,
/// before VERSION as man pages order them; the same text `pletor help TOPIC` prints.
fn root_page(man: &clap_mangen::Man, dir: &Path) -> std::io::Result<PathBuf> {
    let mut page = Vec::new();
    man.render(&mut page)?;
    let page = String::from_utf8(page).map_err(std::io::Error::other)?;
    let sections: String = crate::topics::TOPICS.iter().map(|t| t.roff()).collect();
    let at = page.find("\n.SH VERSION").map_or(page.len(), |i| i + 1);
    let path = dir.join(man.get_filename());
    std::fs::write(&path, format!("{}{sections}{}", &page[..at], &page[at..]))?;
    Ok(path)
}

fn cannot_write(dir: &Path, err: &std::io::Error) -> anyhow::Error {
    UsageError::new(
        format!("cannot write man pages to `{}`: {err}", dir.display()),
        "pass a folder you can write to",
    )
    .into()
}

/// Prints the script of `tree`, the whole command line, or writes its man pages and prints
/// their paths.
pub fn run(ctx: &Context, args: Args, tree: clap::Command) -> anyhow::Result<Exit> {
    if let Some(dir) = &args.man {
        for page in man_pages(tree, dir)? {
            ctx.out.line(&page.display().to_string())?;
        }
        return Ok(Exit::Success);
    }
    let Some(shell) = args.shell else {
        return Err(
            UsageError::new("no shell given", "pass one: `pletor completions bash`").into(),
        );
    };
    let text = String::from_utf8_lossy(&script(shell, tree)).into_owned();
    ctx.out.line(text.trim_end())?;
    Ok(Exit::Success)
}
