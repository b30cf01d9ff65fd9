//! The command-line tree: every command, argument and global option, with its help text.
//!
//! This module only describes; it does no I/O. `app` resolves it into settings and dispatches.

use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;

/// The command-line client for the Pletor API: discover agents and apps, upload files, start
/// runs, answer reviews and get the results onto disk.
#[derive(Debug, Parser)]
#[command(
    name = "pletor",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Try it offline: `pletor-sim exec -- pletor agents list`\n\
Docs: https://github.com/pletor-ai/pletor-cli#readme"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options that every command accepts.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Use this profile of the config file (env: PLETOR_PROFILE)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]
    #[arg(long, global = true, value_name = "URL")]
    pub api_base: Option<String>,

    /// API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists
    #[arg(long, global = true, value_name = "KEY", hide = true)]
    pub api_key: Option<String>,

    /// Print exactly one JSON document on stdout, errors included
    #[arg(long, global = true)]
    pub json: bool,

    /// Filter the JSON output with a jq expression (implies --json)
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,

    /// Print only data and errors: no progress, no hints
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// When to use colors
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// How to show progress: bars on a terminal, one line per change, or nothing
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub progress: Option<ProgressMode>,

    /// Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub connect_timeout: Option<Duration>,

    /// Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub read_timeout: Option<Duration>,

    /// Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]
    #[arg(long, global = true, value_name = "N", help_heading = "Network")]
    pub retries: Option<u32>,

    /// Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub retry_max_wait: Option<Duration>,
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colors when stderr is a terminal and NO_COLOR is unset
    Auto,
    /// Always color
    Always,
    /// Never color
    Never,
}

/// How to show progress on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    /// Bars and spinners on a terminal, plain lines otherwise
    Auto,
    /// Bars and spinners, even when stderr is not a terminal
    Tty,
    /// One line per change, never a carriage return
    Plain,
    /// No progress at all
    None,
}

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
    /// List, show, wait for and cancel runs (agent runs and app runs)
    #[command(subcommand)]
    Runs(commands::runs::Command),
    /// Upload files as assets and print their ids
    Upload(commands::upload::Args),
    /// Download assets, or every result asset of a run
    Download(commands::download::Args),
    /// List and show assets
    #[command(subcommand)]
    Assets(commands::assets::Command),
    /// Approve or reject what a run waits for a person to check
    Review(commands::review::Args),
    /// Log in, check which key is in use, log out
    #[command(subcommand)]
    Auth(commands::auth::Command),
    /// Make an authenticated request to any API path and print the response
    Api(commands::api::Args),
    /// Print a shell completion script
    Completions(commands::completions::Args),
}

/// Parses a duration: `500ms`, `30s`, `5m`, `1h`, `1h30m`, or a plain number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty duration: use e.g. 30s, 5m or 1h".into());
    }
    if let Ok(secs) = text.parse::<f64>() {
        return seconds(secs);
    }
    let mut total = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("`{text}` lacks a unit: use ms, s, m or h"))?;
        let (number, tail) = rest.split_at(digits);
        let value: f64 = number
            .parse()
            .map_err(|_| format!("`{text}` is not a duration such as 30s, 5m or 1h"))?;
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (unit, next) = tail.split_at(unit_len);
        total += value
            * match unit {
                "ms" => 0.001,
                "s" | "sec" => 1.0,
                "m" | "min" => 60.0,
                "h" => 3600.0,
                _ => {
                    return Err(format!(
                        "`{text}` has an unknown unit `{unit}`: use ms, s, m or h"
                    ));
                }
            };
        rest = next;
    }
    seconds(total)
}

fn seconds(secs: f64) -> Result<Duration, String> {
    Duration::try_from_secs_f64(secs).map_err(|_| format!("`{secs}` is not a valid duration"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_accept_units_and_plain_seconds() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
    }

    #[test]
    fn durations_reject_garbage_and_negatives() {
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("-3").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn the_command_tree_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
