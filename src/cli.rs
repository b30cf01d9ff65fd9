//! The command-line tree: every command, argument and global option, with its help text.
//!
//! This module only describes; it does no I/O. `app` resolves it into settings and dispatches.
//! Lower layers never import it: the enums they own get their command-line names here
//! ([`value_enum!`]). The global options are declared once, as `settings::Flags`, next to the
//! code that resolves them against the environment and the config file.

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::output::image::PreviewChoice;
use crate::output::{ColorChoice, ProgressMode};
use crate::settings::Flags;
use crate::workflow::review::OnReview;

/// The command-line client for the Pletor API: discover agents and apps, upload files, start
/// runs, answer reviews and get the results onto disk.
#[derive(Debug, Parser)]
#[command(
    name = "pletor",
    version = crate::about::LONG_VERSION,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Help topics: pletor help exit-codes, pletor help environment, pletor help files\n\
Try it offline: `pletor-sim exec -- pletor agents list`\n\
Docs: https://github.com/pletor-ai/pletor-cli#readme"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Flags,

    #[command(subcommand)]
    pub command: Command,
}

/// Implements `clap::ValueEnum` for a plain enum of a lower layer, so that layer needs no clap:
/// each variant with its command-line name and its `--help` line.
macro_rules! value_enum {
    ($type:ty { $($variant:ident => $name:literal: $help:literal),+ $(,)? }) => {
        impl ValueEnum for $type {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$type>::$variant),+]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $(<$type>::$variant => PossibleValue::new($name).help($help)),+
                })
            }
        }
    };
}

value_enum!(ColorChoice {
    Auto => "auto": "Colors when stderr is a terminal and NO_COLOR is unset",
    Always => "always": "Always color",
    Never => "never": "Never color",
});

value_enum!(ProgressMode {
    Auto => "auto": "Bars and spinners on a terminal, plain lines otherwise",
    Tty => "tty": "Bars and spinners, even when stderr is not a terminal",
    Plain => "plain": "One line per change, never a carriage return",
    None => "none": "No progress at all",
});

value_enum!(PreviewChoice {
    Auto => "auto": "The protocol the terminal is known to speak (asked, never guessed), else none",
    Kitty => "kitty": "kitty graphics (kitty, Ghostty, WezTerm, Konsole), if the terminal confirms",
    Iterm => "iterm": "iTerm2 inline images (iTerm2, WezTerm, mintty, Konsole)",
    Sixel => "sixel": "Sixel graphics (foot, mlterm, xterm -ti vt340), if the terminal confirms",
    Blocks => "blocks": "Colored half-blocks: any terminal with colors, low resolution",
    None => "none": "No inline picture",
});

value_enum!(OnReview {
    Prompt => "prompt": "Show the review and ask (default on a terminal)",
    Fail => "fail": "Stop with exit 10 and print the `pletor review` command (default elsewhere)",
    Wait => "wait": "Keep polling while someone answers elsewhere",
    Approve => "approve": "Approve every review",
    Reject => "reject": "Reject every review",
});

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Discover agents: list them, show one with its inputs
    #[command(subcommand)]
    Agents(commands::agents::Command),
    /// Discover apps: list them, show one with its inputs
    #[command(subcommand)]
    Apps(commands::apps::Command),
    /// Run an agent: upload inputs, start, wait, download the results
    Run(commands::run::Args),
    /// Run an app: the same as `run`, over app runs
    AppRun(commands::run::Args),
    /// One view of a batch across every shard: where each row stands, or the batch's report
    #[command(
        subcommand,
        after_help = "A batch is started by `run` (or `app-run`) with --batch; these commands look at it.\n\n\
Examples:\n  pletor run AGENT --batch rows.csv -o out/              # one run per row; again to resume\n  \
pletor run AGENT --batch rows.csv -o out/ --shard 2/4   # job 2 of 4, on its own machine\n  \
pletor batch status AGENT rows.csv                      # where every row stands\n  \
pletor batch report AGENT rows.csv -o out/ > rows.jsonl # every row's JSON line"
    )]
    Batch(commands::batch::Command),
    /// List, show, wait for, watch and cancel runs (agent runs and app runs)
    #[command(subcommand)]
    Runs(commands::runs::Command),
    /// Upload files as assets and print their ids
    Upload(commands::upload::Args),
    /// Download assets, or every result asset of a run
    Download(commands::download::Args),
    /// List and show assets
    #[command(subcommand)]
    Assets(commands::assets::Command),
    /// Approve or reject what runs wait for a person to check: one run, or the inbox of every review that waits
    Review(commands::review::Args),
    /// Log in, check which key is in use, log out
    #[command(subcommand)]
    Auth(commands::auth::Command),
    /// Make an authenticated request to any API path and print the response
    Api(commands::api::Args),
    /// Print a shell completion script, or write the man pages (--man DIR)
    Completions(commands::completions::Args),
    /// Check the setup and say why something does not work: key, config, network, clock
    Doctor(commands::doctor::Args),
}

/// The line `-h` adds in place of the global and network options it leaves out.
const SHORT_HELP_POINTER: &str = "Global options (--json, --jq, --quiet, --verbose, --profile, …) and network options: see --help";

/// The command tree as `pletor` parses it. `-h` shows each command's own flags and points at
/// `--help` for the global and network ones, which every command repeats; `--help`, the man
/// pages and completions show everything.
pub fn tree() -> clap::Command {
    use clap::CommandFactory;
    let root = Cli::command().mut_args(|arg| {
        let global = arg.is_global_set();
        arg.hide_short_help(global)
    });
    with_pointer(root)
}

/// Adds [`SHORT_HELP_POINTER`] to the `-h` of `cmd` and of every command below it, keeping the
/// `--help` text as it was.
fn with_pointer(cmd: clap::Command) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    let cmd = names
        .iter()
        .fold(cmd, |cmd, name| cmd.mut_subcommand(name, with_pointer));
    let long = cmd
        .get_after_long_help()
        .or(cmd.get_after_help())
        .map(ToString::to_string);
    match long {
        Some(long) => cmd
            .after_help(format!("{long}\n\n{SHORT_HELP_POINTER}"))
            .after_long_help(long),
        // clap trims the blank lines an empty text leaves.
        None => cmd.after_help(SHORT_HELP_POINTER).after_long_help(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        tree().debug_assert();
    }

    #[test]
    fn the_root_help_lists_every_help_topic() {
        use clap::CommandFactory;
        let help = Cli::command().get_after_help().unwrap().to_string();
        assert!(help.contains(&crate::topics::listing()), "{help}");
    }
}
