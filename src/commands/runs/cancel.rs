//! `pletor runs cancel RUN`: asks on a terminal, needs `--yes` elsewhere, prints the new state.
//! A run that has already ended is not cancelled: exit 1, its state in the message.

use super::CancelCmd;
use crate::api::models::Run;
use crate::api::runs;
use crate::context::Context;
use crate::error::{Exit, Failure};
use crate::output::clean_line;
use crate::workflow::next::{self, Next};

/// Cancels one run.
pub async fn run(ctx: &Context, args: CancelCmd) -> anyhow::Result<Exit> {
    // Refuse before any request: a script without `--yes` must fail at once, naming the flag.
    if !args.yes && !ctx.can_prompt() {
        return Err(crate::prompt::cannot_ask(
            &format!("cancelling run {} needs a confirmation", args.run),
            "--yes",
        ));
    }
    let client = ctx.api()?;
    let (kind, run) = crate::workflow::ids::run(ctx, &args.run, args.kind.kind()).await?;
    let id = clean_line(&run.id);
    if run.status.is_terminal() {
        // Nothing was cancelled: a script that asked for a cancellation must not read success.
        return Err(Failure::new(
            Exit::Error,
            "already_ended",
            format!(
                "run {id} has already ended ({}); nothing was cancelled",
                clean_line(run.status.as_str())
            ),
        )
        .hint(format!(
            "see it with `{}`",
            next::command(kind, &run.id, Next::Show)
        ))
        .into());
    }
    if !args.yes {
        let question = format!("Cancel run {id} ({})?", clean_line(run.status.as_str()));
        if !crate::prompt::confirm(&question, false).await? {
            ctx.out.status("not cancelled");
            return Ok(Exit::Success);
        }
    }
    let answer = runs::cancel(client, kind, &run.id).await?;
    // The answer may be the run itself, or nothing: then ask for the run.
    let run = match Run::from_value(answer) {
        Some(run) => run,
        None => runs::get(client, kind, &run.id).await?,
    };
    ctx.out.status(&format!(
        "run {id} is now {}",
        clean_line(run.status.as_str())
    ));
    print(ctx, &run)
}

/// The run's state: its status on stdout, or the server's object with `--json`.
fn print(ctx: &Context, run: &Run) -> anyhow::Result<Exit> {
    if ctx.out.is_json() {
        ctx.out.json(&run.raw)?;
    } else {
        ctx.out.line(&clean_line(run.status.as_str()))?;
    }
    Ok(Exit::Success)
}
