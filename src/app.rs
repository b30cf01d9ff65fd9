//! Answers shell completion requests, resolves settings, builds the context, dispatches to the command, and turns the outcome
//! into an exit code. Ctrl-C and SIGTERM are handled here, once: the command is dropped
//! (in-flight transfers stop, `.part` files stay for resume), the cursor is shown again, the
//! resume note is printed, exit 130 (Ctrl-C) or 143 (SIGTERM, Unix only: Windows has no SIGTERM;
//! a console close or `taskkill /F` ends the process without a word, and `.part` files stay).

use crate::api::Kind;
use crate::cli::{Cli, Command};
use crate::commands;
use crate::config::{self, ConfigFile};
use crate::context::Context;
use crate::error::{self, Exit};
use crate::output::{BrokenPipe, OutputSettings, Printer};
use crate::settings;

/// Parses the command line; `Err` carries the exit code after clap printed help, the version
/// or a usage error (as JSON too when `--json` was asked for).
pub fn parse() -> Result<Cli, u8> {
    // A completion request from the shell integration (`COMPLETE=bash pletor …`) ends here.
    if let Some(code) = commands::complete::from_env(<Cli as clap::CommandFactory>::command) {
        return Err(code);
    }
    if let Some(code) = help_topic() {
        return Err(code);
    }
    let parsed = crate::cli::tree()
        .try_get_matches()
        .and_then(|mut matches| <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches))
        .map_err(|err| err.format(&mut crate::cli::tree()));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(err) => {
            let code = u8::try_from(err.exit_code()).unwrap_or(Exit::Usage.code());
            let _ = err.print();
            // The error document goes on stdout with `--json` alone: under `--jq`, stdout carries
            // only filtered data.
            let flag = |name: &str| {
                std::env::args().any(|a| a == name || a.starts_with(&format!("{name}=")))
            };
            if err.use_stderr() && flag("--json") && !flag("--jq") {
                let message = err
                    .kind()
                    .as_str()
                    .map_or_else(|| "invalid arguments".to_string(), str::to_string);
                let printer = Printer::new(OutputSettings {
                    json: true,
                    jq: None,
                    quiet: true,
                    verbose: 0,
                    color: crate::output::ColorChoice::Never,
                    progress: crate::output::ProgressMode::None,
                    no_color_env: true,
                });
                let _ = printer.json(&serde_json::json!({"error": {
                    "code": "usage", "message": message, "hint": "see `pletor --help`", "status": null
                }}));
            }
            Err(code)
        }
    }
}

/// `pletor help TOPIC` for a topic of [`topics`](crate::topics) (clap's `help` knows only
/// commands): prints it and returns the exit code.
fn help_topic() -> Option<u8> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let [help, name] = args.as_slice() else {
        return None;
    };
    let topic = crate::topics::find(name.to_str()?).filter(|_| help == "help")?;
    let mut stdout = std::io::stdout().lock();
    let written = std::io::Write::write_all(&mut stdout, topic.text(80).as_bytes())
        .and_then(|()| std::io::Write::flush(&mut stdout));
    Some(match written {
        Ok(()) => Exit::Success.code(),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success.code(),
        Err(_) => Exit::Error.code(),
    })
}

/// Runs the parsed command line and returns the exit code.
pub async fn run(cli: Cli) -> u8 {
    let (settings, setup_error) = match load_settings(&cli, false) {
        Ok(settings) => (settings, None),
        // `doctor` reports a config file it cannot read, or an unknown profile, among its
        // checks: it goes on as if the file were empty.
        Err(err) if matches!(cli.command, Command::Doctor(_)) => match load_settings(&cli, true) {
            Ok(settings) => (settings, Some(err)),
            Err(_) => return fail_early(&cli, &err),
        },
        Err(err) => return fail_early(&cli, &err),
    };
    let ctx = Context::new(settings);
    // `doctor` reports loose modes among its checks instead of stopping at them.
    if !matches!(cli.command, Command::Doctor(_)) {
        match config_modes(&ctx) {
            Ok(Some(warning)) => ctx.out.warn(&warning),
            Ok(None) => {}
            Err(err) => return fail_early(&cli, &err),
        }
    }
    let command = dispatch(&ctx, cli.command, setup_error);
    tokio::pin!(command);
    let outcome = loop {
        tokio::select! {
            outcome = &mut command => break outcome,
            exit = stop_signal() => {
                // A command that ends on Ctrl-C (a watch of every run) finishes by itself;
                // SIGTERM always ends the process.
                if exit == Exit::Terminated || !ctx.deliver_interrupt() {
                    return interrupted(&ctx, exit);
                }
            }
        }
    };
    match outcome {
        Ok(exit) => exit.code(),
        Err(err) if err.chain().any(|c| c.is::<BrokenPipe>()) => Exit::Success.code(),
        Err(err) => {
            let report = error::classify(&err);
            if report.exit == Exit::Interrupted {
                return interrupted(&ctx, Exit::Interrupted);
            }
            ctx.out.error(&report);
            report.exit.code()
        }
    }
}

/// Loads the settings (flag > environment > config file > default); `lenient` ignores the config file and accepts any profile name.
fn load_settings(cli: &Cli, lenient: bool) -> anyhow::Result<settings::Settings> {
    let env = |name: &str| std::env::var(name).ok();
    let dir = config::default_dir(env("PLETOR_CONFIG_DIR"))?;
    let file = if lenient {
        ConfigFile::empty(&dir)
    } else {
        ConfigFile::load(&dir)?
    };
    let creates_profile = matches!(
        cli.command,
        Command::Auth(commands::auth::Command::Login(_))
    );
    settings::load(&cli.global, &env, &file, dir, creates_profile || lenient)
}

/// The config file's modes: an error when others can write it, a warning when they can read
/// its key (see [`ConfigFile::check_modes`]).
fn config_modes(ctx: &Context) -> anyhow::Result<Option<String>> {
    let file = ConfigFile::load(&ctx.settings.config_dir)?;
    Ok(file.check_modes()?)
}

fn fail_early(cli: &Cli, err: &anyhow::Error) -> u8 {
    let printer = Printer::new(OutputSettings {
        json: cli.global.json || cli.global.jq.is_some(),
        jq: cli.global.jq.clone(),
        quiet: cli.global.quiet,
        verbose: 0,
        color: cli.global.color.unwrap_or(crate::output::ColorChoice::Auto),
        progress: crate::output::ProgressMode::None,
        no_color_env: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    });
    let report = error::classify(err);
    printer.error(&report);
    report.exit.code()
}

/// Waits for Ctrl-C or, on Unix, SIGTERM; returns the exit that ends the command.
async fn stop_signal() -> Exit {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => Exit::Interrupted,
                _ = term.recv() => Exit::Terminated,
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    Exit::Interrupted
}

/// Ends a command stopped by `exit` (Ctrl-C or SIGTERM): the cursor back, the resume note.
fn interrupted(ctx: &Context, exit: Exit) -> u8 {
    crate::prompt::show_cursor();
    let (code, message) = match exit {
        Exit::Terminated => ("terminated", "terminated (SIGTERM)"),
        _ => ("interrupted", "interrupted"),
    };
    let mut report = error::Report {
        exit,
        code,
        message: message.into(),
        causes: Vec::new(),
        hint: None,
        status: None,
    };
    if let Some(note) = ctx.resume_note() {
        report.hint = Some(note);
    }
    // The hint matters even under --quiet: it is how to get the run back.
    ctx.out.error(&report);
    exit.code()
}

/// Runs the command; `setup_error` is what stopped the settings, for `doctor` to report.
async fn dispatch(
    ctx: &Context,
    command: Command,
    setup_error: Option<anyhow::Error>,
) -> anyhow::Result<Exit> {
    match command {
        Command::Agents(cmd) => commands::agents::run(ctx, cmd).await,
        Command::Apps(cmd) => commands::apps::run(ctx, cmd).await,
        Command::Run(args) => commands::run::run(ctx, Kind::Agent, args).await,
        Command::AppRun(args) => commands::run::run(ctx, Kind::App, args).await,
        Command::Batch(cmd) => commands::batch::run(ctx, cmd).await,
        Command::Runs(cmd) => commands::runs::run(ctx, cmd).await,
        Command::Upload(args) => commands::upload::run(ctx, args).await,
        Command::Download(args) => commands::download::run(ctx, args).await,
        Command::Assets(cmd) => commands::assets::run(ctx, cmd).await,
        Command::Review(args) => commands::review::run(ctx, args).await,
        Command::Auth(cmd) => commands::auth::run(ctx, cmd).await,
        Command::Api(args) => commands::api::run(ctx, args).await,
        Command::Doctor(args) => commands::doctor::run(ctx, args, setup_error).await,
        Command::Completions(args) => {
            // Man pages carry the version: the plain one, so a commit does not make them stale.
            let tree = <Cli as clap::CommandFactory>::command().version(crate::about::VERSION);
            commands::completions::run(ctx, args, tree)
        }
    }
}
