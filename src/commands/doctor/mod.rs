//! `pletor doctor`: says why something does not work.
//!
//! It runs every check in a fixed order, each ending `ok`, `warning`, `problem` or `skipped`
//! (it could not run because an earlier one failed), with a hint for what is not ok: the
//! version; the config file, its path and permissions; the profile and the key, and where each
//! came from; the API base; the proxy in effect; the way to the API (DNS, TCP, TLS, timed);
//! whether the API accepts the key; the rate-limit budget of each bucket; and this machine's
//! clock against the server's `Date`.
//!
//! The report is the command's data: lines on stdout, or with `--json` one array of
//! `{"name", "status", "message", "hint", "exit_code", "details"}`. The exit code is 0 unless a
//! check found a problem, then the code of the first problem: 2 for the configuration, 4 for a
//! missing or refused key, 1 for an API that cannot be reached or a clock far off. Warnings do
//! not change it. Doctor only reads: one `GET` with a page of one agent, never retried.

mod local;
mod remote;

use clap::Args as ClapArgs;
use serde_json::{Value, json};

use crate::api::Client;
use crate::context::Context;
use crate::error::Exit;

/// Arguments of `doctor` (none: every check always runs).
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Exit code: 0 when no check finds a problem (warnings allowed), else the first \
problem's: 2 the configuration, 4 a missing or refused key, 1 an API that cannot be reached or a \
clock far off.\n\n\
Examples:\n  pletor doctor\n  pletor doctor --json --jq '.[] | select(.status != \"ok\")'\n  \
pletor-sim exec -- pletor doctor"
)]
pub struct Args {}

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing to do.
    Ok,
    /// Works, but something deserves a look; the exit code stays 0.
    Warning,
    /// Something that stops pletor from working; sets the exit code.
    Problem,
    /// Could not be checked because an earlier check failed.
    Skipped,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Problem => "problem",
            Self::Skipped => "skipped",
        }
    }
}

/// One line of the report.
#[derive(Debug)]
pub struct Check {
    /// A stable machine name (`config`, `network`, …).
    pub name: &'static str,
    /// How it ended.
    pub status: Status,
    /// One line: what was found.
    pub message: String,
    /// What to do about it (for warnings and problems).
    pub hint: Option<String>,
    /// The exit code a problem stands for.
    pub exit: Exit,
    /// What was measured, for `--json`.
    pub details: Value,
}

impl Check {
    /// A check that found nothing wrong.
    pub fn ok(name: &'static str, message: impl Into<String>) -> Self {
        Self {
            name,
            status: Status::Ok,
            message: message.into(),
            hint: None,
            exit: Exit::Success,
            details: Value::Null,
        }
    }

    /// A check with something worth a look.
    pub fn warning(
        name: &'static str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            status: Status::Warning,
            hint: Some(hint.into()),
            ..Self::ok(name, message)
        }
    }

    /// A check that found what stops pletor, with the exit code it stands for.
    pub fn problem(name: &'static str, exit: Exit, message: impl Into<String>) -> Self {
        Self {
            status: Status::Problem,
            exit,
            ..Self::ok(name, message)
        }
    }

    /// A check that could not run.
    pub fn skipped(name: &'static str, why: impl Into<String>) -> Self {
        Self {
            status: Status::Skipped,
            ..Self::ok(name, why)
        }
    }

    /// Adds or replaces the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets what was measured.
    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "status": self.status.label(),
            "message": self.message,
            "hint": self.hint,
            "exit_code": (self.status == Status::Problem).then(|| self.exit.code()),
            "details": self.details,
        })
    }
}

/// Runs every check and prints the report; `setup_error` is what stopped the settings (an
/// unreadable config file, an unknown profile), which the checks report instead of stopping.
pub async fn run(
    ctx: &Context,
    _args: Args,
    setup_error: Option<anyhow::Error>,
) -> anyhow::Result<Exit> {
    let mut checks = local::checks(ctx, setup_error.as_ref());
    let spinner = ctx.out.progress();
    let spinner = spinner
        .is_live()
        .then(|| spinner.spinner("checking the way to the API"));
    checks.extend(remote::checks(ctx).await);
    if let Some(spinner) = spinner {
        spinner.finish();
    }
    print(ctx, &checks)?;
    Ok(verdict(&checks))
}

/// The client the remote checks use: the configured one, or one without a key when there is
/// none (the way to the API and the clock can be checked all the same).
fn client(ctx: &Context) -> anyhow::Result<Client> {
    if ctx.settings.credential.is_some() {
        ctx.api().cloned()
    } else {
        ctx.client_with(None)
    }
}

/// The exit code: the first problem's, else success.
fn verdict(checks: &[Check]) -> Exit {
    checks
        .iter()
        .find(|c| c.status == Status::Problem)
        .map_or(Exit::Success, |c| c.exit)
}

fn print(ctx: &Context, checks: &[Check]) -> anyhow::Result<()> {
    if ctx.out.is_json() {
        return ctx
            .out
            .json(&Value::Array(checks.iter().map(Check::to_json).collect()));
    }
    for check in checks {
        ctx.out.line(&format!(
            "{:<8} {:<11} {}",
            check.status.label(),
            check.name,
            check.message
        ))?;
        if let Some(hint) = check.hint.as_ref().filter(|_| check.status != Status::Ok) {
            ctx.out.line(&format!("{:<20} hint: {hint}", ""))?;
        }
    }
    let count = |status| checks.iter().filter(|c| c.status == status).count();
    let (problems, warnings) = (count(Status::Problem), count(Status::Warning));
    ctx.out.status(&match (problems, warnings) {
        (0, 0) => "Everything looks fine.".to_string(),
        _ => format!(
            "{problems} problem{}, {warnings} warning{}",
            plural(problems),
            plural(warnings)
        ),
    });
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_code_is_the_first_problems_and_warnings_do_not_count() {
        let ok = || Check::ok("a", "fine");
        assert_eq!(verdict(&[ok(), ok()]), Exit::Success);
        let warned = [ok(), Check::warning("b", "hmm", "look")];
        assert_eq!(verdict(&warned), Exit::Success);
        let checks = [
            Check::warning("b", "hmm", "look"),
            Check::problem("c", Exit::Usage, "bad config"),
            Check::problem("d", Exit::Auth, "refused"),
        ];
        assert_eq!(verdict(&checks), Exit::Usage);
    }

    #[test]
    fn a_check_in_json_carries_the_exit_code_only_when_it_is_a_problem() {
        let problem = Check::problem("auth", Exit::Auth, "refused").hint("log in");
        assert_eq!(problem.to_json()["exit_code"], 4);
        assert_eq!(problem.to_json()["status"], "problem");
        assert_eq!(Check::ok("x", "y").to_json()["exit_code"], Value::Null);
    }
}
