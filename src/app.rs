//! Answers shell completion requests, resolves settings, builds the context, dispatches to the command, and turns the outcome
//! into an exit code. Ctrl-C is handled here, once: the command is dropped (in-flight
//! transfers stop, `.part` files stay for resume), the resume note is printed, exit 130.

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
            if err.use_stderr() && std::env::args().any(|a| a == "--json" || a.starts_with("--jq"))
            {
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
    let (settings, setup_error) = match resolve(&cli, false) {
        Ok(settings) => (settings, None),
        // `doctor` reports a config file it cannot read, or an unknown profile, among its
        // checks: it goes on as if the file were empty.
        Err(err) if matches!(cli.command, Command::Doctor(_)) => match resolve(&cli, true) {
            Ok(settings) => (settings, Some(err)),
            Err(_) => return fail_early(&cli, &err),
        },
        Err(err) => return fail_early(&cli, &err),
    };
    let ctx = Context::new(settings);
    let outcome = tokio::select! {
        outcome = dispatch(&ctx, cli.command, setup_error) => outcome,
        _ = tokio::signal::ctrl_c() => return interrupted(&ctx),
    };
    match outcome {
        Ok(exit) => exit.code(),
        Err(err) if err.chain().any(|c| c.is::<BrokenPipe>()) => Exit::Success.code(),
        Err(err) => {
            let report = error::classify(&err);
            if report.exit == Exit::Interrupted {
                return interrupted(&ctx);
            }
            ctx.out.error(&report);
            report.exit.code()
        }
    }
}

/// Resolves the settings; `lenient` ignores the config file and accepts any profile name.
fn resolve(cli: &Cli, lenient: bool) -> anyhow::Result<settings::Settings> {
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
    settings::resolve(
        &cli.global.flags(),
        &env,
        &file,
        dir,
        creates_profile || lenient,
    )
}

fn fail_early(cli: &Cli, err: &anyhow::Error) -> u8 {
    let printer = Printer::new(OutputSettings {
        json: cli.global.json || cli.global.jq.is_some(),
        jq: None,
        quiet: cli.global.quiet,
        verbose: 0,
        color: cli.global.color.unwrap_or(crate::output::ColorChoice::Auto),
        progress: crate::output::ProgressMode::None,
        no_color_env: std::env::var_os("NO_COLOR").is_some(),
    });
    let report = error::classify(err);
    printer.error(&report);
    report.exit.code()
}

fn interrupted(ctx: &Context) -> u8 {
    crate::prompt::show_cursor();
    let mut report = error::Report {
        exit: Exit::Interrupted,
        code: "interrupted",
        message: "interrupted".into(),
        causes: Vec::new(),
        hint: None,
        status: None,
    };
    if let Some(note) = ctx.resume_note() {
        report.hint = Some(note);
    }
    // The hint matters even under --quiet: it is how to get the run back.
    ctx.out.error(&report);
    Exit::Interrupted.code()
}

/// Runs the command; `setup_error` is what stopped the settings, for `doctor` to report.
async fn dispatch(
    ctx: &Context,
    command: Command,
    setup_error: Option<anyhow::Error>,
) -> anyhow::Result<Exit> {
    use crate::api::runs::RunKind;
    match command {
        Command::Agents(cmd) => commands::agents::run(ctx, cmd).await,
        Command::Apps(cmd) => commands::apps::run(ctx, cmd).await,
        Command::Run(args) => commands::run::run(ctx, RunKind::Agent, args).await,
        Command::AppRun(args) => commands::run::run(ctx, RunKind::App, args).await,
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
