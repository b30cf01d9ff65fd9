//! `pletor completions SHELL`: prints a completion script. The scripts are also committed in
//! `completions/`, and a test fails when they are stale.
//!
//! The command tree comes from the caller (`app` passes `cli::Cli::command()`), so this module
//! does not import the clap tree that imports it.

use clap::Args as ClapArgs;
use clap_complete::Shell;

use crate::context::Context;
use crate::error::Exit;

/// Arguments of `completions`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor completions bash > ~/.local/share/bash-completion/completions/pletor\n  pletor completions zsh > ~/.zfunc/_pletor"
)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script of `tree` for `shell`.
pub fn script(shell: Shell, mut tree: clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut tree, "pletor", &mut out);
    out
}

/// Prints the script of `tree`, the whole command line.
pub fn run(ctx: &Context, args: Args, tree: clap::Command) -> anyhow::Result<Exit> {
    let text = String::from_utf8_lossy(&script(args.shell, tree)).into_owned();
    ctx.out.line(text.trim_end())?;
    Ok(Exit::Success)
}
