//! `pletor runs wait RUN...`: the same waiting, review handling and download as `run`, for runs
//! started elsewhere or with `--no-wait`. Runs are followed one after the other under one
//! deadline (they go on on the server meanwhile, so this costs no time); the exit code is the
//! worst outcome.

use serde_json::{Value, json};

use super::WaitCmd;
use crate::api::Kind;
use crate::commands::run::save_options;
use crate::context::Context;
use crate::error::{self, Exit, Failure};
use crate::workflow::outcome::{self, RunOutcome, SaveOptions};
use crate::workflow::wait::WaitOptions;

/// Waits for every run given.
pub async fn run(ctx: &Context, args: WaitCmd) -> anyhow::Result<Exit> {
    let options = args.wait.options(ctx)?;
    let save = save_options(ctx, &args.save, args.wait.no_download)?;
    if save.stdout && save.dir.is_some() && args.runs.len() > 1 {
        return Err(crate::error::UsageError::new(
            "`-o -` writes one file on stdout, and several runs are waited for",
            "wait for one run with `-o -`, or save into a folder with `-o DIR`",
        )
        .into());
    }
    if let [id] = args.runs.as_slice() {
        let outcome = follow(ctx, id, args.kind.kind(), options, &save).await?;
        print(ctx, &outcome, outcome::envelope(&outcome))?;
        return Ok(outcome.exit);
    }
    let mut exits = Vec::new();
    let mut envelopes = Vec::new();
    for id in &args.runs {
        match follow(ctx, id, args.kind.kind(), options, &save).await {
            Ok(outcome) => {
                print(ctx, &outcome, Value::Null)?;
                envelopes.push(outcome::envelope(&outcome));
                exits.push(outcome.exit);
            }
            // One bad id must not hide what happened to the others.
            Err(err) => {
                let report = error::classify(&err);
                ctx.out.error_text(&report);
                envelopes.push(
                    json!({"run": {"id": id}, "texts": [], "files": [], "error": {
                    "code": report.code, "message": report.message, "status": report.status}}),
                );
                exits.push(report.exit);
            }
        }
    }
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(envelopes))?;
    }
    Ok(outcome::worst(exits))
}

async fn follow(
    ctx: &Context,
    id: &str,
    kind: Option<Kind>,
    options: WaitOptions,
    save: &SaveOptions,
) -> anyhow::Result<RunOutcome> {
    // The deadline bounds the first look at the run too: a server that hangs cannot hold
    // `--timeout` past its time.
    let found = crate::workflow::ids::run(ctx, id, kind);
    let (kind, run) = match options.deadline {
        Some(deadline) => tokio::time::timeout_at(deadline.into(), found)
            .await
            .map_err(|_| {
                Failure::new(
                    Exit::Timeout,
                    "timeout",
                    format!("run {id}: no answer from the API within `--timeout`"),
                )
                .hint(format!("wait again: `pletor runs wait {id}`"))
            })??,
        None => found.await?,
    };
    outcome::follow(ctx, kind, run, options, save).await
}

/// Table mode prints each run's texts and paths as it ends; JSON waits for the end (one
/// document), unless `envelope` is the single run's own.
fn print(ctx: &Context, outcome: &RunOutcome, envelope: Value) -> anyhow::Result<()> {
    if !ctx.out.is_json() {
        return outcome::print_lines(ctx, outcome);
    }
    if !envelope.is_null() {
        ctx.out.json(&envelope)?;
    }
    Ok(())
}
