//! The `pletor` binary: parse the command line, run it on a Tokio runtime, turn the outcome into
//! an exit code. Everything else lives in the library modules below.

mod about;
mod app;
mod cli;
mod commands;
mod config;
mod context;
mod error;
mod output;
mod prompt;
mod settings;
mod topics;
mod transfer;
mod workflow;

use std::process::ExitCode;

/// The HTTP layer is the `pletor-api` crate; `crate::api` names it so that every layer above
/// reads `crate::api::…` as before. It cannot import anything of this crate.
use pletor_api as api;

fn main() -> ExitCode {
    error::install_panic_hook();
    let cli = match app::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return error::report_startup(&err),
    };
    let code = runtime.block_on(app::run(cli));
    // Transfers still in flight were cancelled by `app::run`; do not wait for blocking file I/O.
    runtime.shutdown_background();
    ExitCode::from(code)
}
