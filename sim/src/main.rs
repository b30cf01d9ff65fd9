//! `pletor-sim`: serve the Pletor API simulator, or run one command against a fresh instance.
//!
//! `serve` prints the API base URL as the first line on stdout (then flushes, so a parent
//! process can read it) and serves until SIGINT or SIGTERM. `exec -- CMD…` starts a server on
//! a free port, runs CMD with `PLETOR_API_BASE`, `PLETOR_API_KEY` and `PLETOR_SIM_ADMIN` set,
//! stops the server and exits with CMD's code (128 + signal when CMD was killed by one).

use std::ffi::OsString;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{ExitCode, ExitStatus};
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use clap::{Args, Parser, Subcommand};
use pletor_sim::{API_PREFIX, Config, DEFAULT_KEY, RateLimits};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// A stateful local simulator of the Pletor public API, with faults on demand.
#[derive(Parser)]
#[command(name = "pletor-sim", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve until interrupted; the first line on stdout is the API base URL.
    Serve(ServerOptions),
    /// Start a simulator on a free port, run CMD against it, exit with CMD's code.
    #[command(
        after_help = "Example:\n  pletor-sim exec -- sh -c 'curl -s -H \"X-Api-Key: $PLETOR_API_KEY\" \"$PLETOR_API_BASE/agents/\"'"
    )]
    Exec(ExecArgs),
}

/// Options shared by `serve` and `exec`.
#[derive(Args)]
struct ServerOptions {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// An accepted API key (repeatable); the first is handed to `exec`'s command [default: sk-sim-local].
    #[arg(long = "key", value_name = "KEY")]
    keys: Vec<String>,
    /// Also accept any `Authorization: Bearer <token>` as the same organization.
    #[arg(long)]
    accept_bearer: bool,
    /// Multiply every simulated duration by F (0.01 turns a 3 s run into 30 ms).
    #[arg(long, default_value_t = 1.0, value_name = "F")]
    time_scale: f64,
    /// Make every run take S seconds (before --time-scale) instead of its agent's nominal time.
    #[arg(long, value_name = "S")]
    run_seconds: Option<f64>,
    /// Requests per window and key, any of `default=N,runs=N,uploads=N` [default: 2000, 600, 600].
    #[arg(long, value_name = "SPEC", value_parser = parse_rate_limits)]
    rate_limit: Option<RateLimits>,
    /// Length of a rate-limit window, in seconds.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    rate_window: f64,
    /// Keep asset files in DIR instead of a temporary folder removed on exit.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Default page size of list endpoints (1 to 100).
    #[arg(long, default_value_t = 20, value_name = "N")]
    page_size: usize,
    /// Largest page a list returns, whatever `?limit=` asks (1 to 100).
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_page_size: usize,
    /// How lists page: has-more, next-cursor, cursor, next-url, link, pages, pages-size, offset,
    /// total-only (see the README).
    #[arg(long, default_value = "has-more", value_name = "SHAPE")]
    paging: pletor_sim::Paging,
    /// List runs, app runs and assets oldest first (the default is newest first).
    #[arg(long)]
    oldest_first: bool,
    /// Answer runs without the `inputs` they were created with.
    #[arg(long)]
    hide_inputs: bool,
}

#[derive(Args)]
struct ExecArgs {
    #[command(flatten)]
    options: ServerOptions,
    /// The command to run and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "CMD")]
    command: Vec<OsString>,
}

impl ServerOptions {
    fn into_config(self) -> anyhow::Result<Config> {
        let keys = if self.keys.is_empty() {
            vec![DEFAULT_KEY.to_owned()]
        } else {
            self.keys
        };
        let rate_window = Duration::try_from_secs_f64(self.rate_window)
            .map_err(|_| anyhow!("--rate-window must be a positive number of seconds"))?;
        Ok(Config {
            addr: self.addr,
            keys,
            accept_bearer: self.accept_bearer,
            time_scale: self.time_scale,
            run_seconds: self.run_seconds,
            rate_limits: self.rate_limit.unwrap_or_default(),
            rate_window,
            data_dir: self.data_dir,
            page_size: self.page_size,
            max_page_size: self.max_page_size,
            paging: self.paging,
            oldest_first: self.oldest_first,
            echo_inputs: !self.hide_inputs,
        })
    }
}

/// Parses `default=N,runs=N,uploads=N`; buckets left out keep their documented limit.
fn parse_rate_limits(spec: &str) -> Result<RateLimits, String> {
    let mut limits = RateLimits::default();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = part
            .split_once('=')
            .ok_or_else(|| format!("expected NAME=N, got {part:?}"))?;
        let n: u32 = value
            .trim()
            .parse()
            .map_err(|_| format!("not a count: {value:?}"))?;
        match name.trim() {
            "default" => limits.default = n,
            "runs" => limits.runs = n,
            "uploads" => limits.uploads = n,
            other => return Err(format!("unknown bucket {other:?} (default, runs, uploads)")),
        }
    }
    Ok(limits)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

#[allow(clippy::print_stderr)]
fn report(e: &anyhow::Error) {
    eprintln!("pletor-sim: error: {e:#}");
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    match cli.command {
        Command::Serve(options) => runtime.block_on(serve(options.into_config()?)),
        Command::Exec(args) => runtime.block_on(exec(args)),
    }
}

/// `http://HOST:PORT` for a local address, with a wildcard bind shown as loopback.
fn root_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://127.0.0.1:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

async fn serve(config: Config) -> anyhow::Result<ExitCode> {
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let root = root_url(listener.local_addr()?);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{root}{API_PREFIX}")?;
    out.flush()?;
    drop(out);
    pletor_sim::serve(config, listener, stop_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn stop_signal() {
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminated() => {}
    }
}

/// Resolves on SIGTERM; never where it cannot be listened for.
#[cfg(unix)]
async fn terminated() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut signal) => {
            signal.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

/// Windows has no SIGTERM: a process is stopped with Ctrl-C or killed outright.
#[cfg(not(unix))]
async fn terminated() {
    std::future::pending::<()>().await;
}

async fn exec(args: ExecArgs) -> anyhow::Result<ExitCode> {
    let config = args.options.into_config()?;
    let key = config.keys[0].clone();
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let root = root_url(listener.local_addr()?);
    let stop = CancellationToken::new();
    let server = tokio::spawn(pletor_sim::serve(
        config,
        listener,
        stop.clone().cancelled_owned(),
    ));
    let (program, rest) = args.command.split_first().context("no command given")?;
    let spawned = tokio::process::Command::new(program)
        .args(rest)
        .env("PLETOR_API_BASE", format!("{root}{API_PREFIX}"))
        .env("PLETOR_API_KEY", key)
        .env(
            "PLETOR_SIM_ADMIN",
            format!("{root}{}", pletor_sim::ADMIN_PREFIX),
        )
        .spawn();
    let code = match spawned {
        Ok(child) => exit_code(wait_child(child).await?),
        Err(e) => {
            report(&anyhow!(e).context(format!("cannot run {}", program.to_string_lossy())));
            ExitCode::from(127)
        }
    };
    stop.cancel();
    server.await??;
    Ok(code)
}

/// Waits for the child. Ctrl-C reaches the child through the terminal's process group (the
/// console on Windows), so here it is only swallowed (to outlive the child); SIGTERM is passed
/// on as a kill.
async fn wait_child(mut child: tokio::process::Child) -> anyhow::Result<ExitStatus> {
    let terminate = terminated();
    tokio::pin!(terminate);
    let mut killed = false;
    loop {
        tokio::select! {
            status = child.wait() => return Ok(status?),
            _ = tokio::signal::ctrl_c() => {}
            () = &mut terminate, if !killed => {
                killed = true;
                let _ = child.start_kill();
            }
        }
    }
}

/// The child's code, or 128 + the signal that killed it.
fn exit_code(status: ExitStatus) -> ExitCode {
    let code = status
        .code()
        .or_else(|| signal(status).map(|s| 128 + s))
        .unwrap_or(1);
    ExitCode::from((code & 0xff) as u8)
}

/// The signal that killed a child, on Unix.
#[cfg(unix)]
fn signal(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

/// Windows processes always end with a code.
#[cfg(not(unix))]
fn signal(_: ExitStatus) -> Option<i32> {
    None
}
