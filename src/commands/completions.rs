//! `pletor completions SHELL`: prints a completion script. The scripts are also committed in
//! `completions/`, and a test fails when they are stale.

use clap::{Args as ClapArgs, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
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

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "pletor", &mut out);
    out
}

/// Prints the script.
pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    let text = String::from_utf8_lossy(&script(args.shell)).into_owned();
    ctx.out.line(text.trim_end())?;
    Ok(Exit::Success)
}
