//! `pletor batch status TARGET FILE`: counts and a table per state of every row of a batch,
//! whichever shard ran it (`--json`: the rows).

use clap::Args as ClapArgs;

use super::BatchArgs;
use crate::api::Kind;
use crate::context::Context;
use crate::error::Exit;
use crate::output::Table;
use crate::workflow::batch::status::{self, RowStatus, Survey};

/// Arguments of `batch status`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// The states in the order the tables come: the trouble last, next to the counts.
const ORDER: [RowStatus; 7] = [
    RowStatus::Completed,
    RowStatus::Running,
    RowStatus::AwaitingReview,
    RowStatus::Failed,
    RowStatus::Cancelled,
    RowStatus::Error,
    RowStatus::NotStarted,
];

/// Prints where every row of the batch stands.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    let inbox = inbox_command(&args.batch);
    let survey = status::survey(ctx, args.batch.options()).await?;
    if ctx.out.is_json() {
        let rows = survey.rows.iter().map(|row| row.json()).collect();
        ctx.out.json(&survey.document(rows))?;
        return Ok(survey.exit());
    }
    ctx.out.line(&format!(
        "batch {}: {} rows",
        survey.batch_key,
        survey.rows.len()
    ))?;
    for state in ORDER {
        print_state(ctx, &survey, state)?;
    }
    let mut counts = Table::new(["STATUS", "ROWS"]);
    for (state, n) in survey.counts() {
        counts.row([human(state).to_string(), n.to_string()]);
    }
    ctx.out.line("")?;
    ctx.out.table(&counts)?;
    hint(ctx, &survey, inbox);
    Ok(survey.exit())
}

/// `pletor review --batch FILE`: the inbox of this batch's rows that wait for a person, given
/// the key the survey used. The key is named when it was given, or when the rows came from stdin,
/// which cannot be read again.
fn inbox_command(batch: &super::BatchArgs) -> impl Fn(&str) -> String + use<> {
    let kind = if batch.app { Kind::App } else { Kind::Agent };
    let file = batch.file.display().to_string();
    let named = batch.batch_key.is_some() || file == "-";
    move |key| crate::workflow::next::review_batch(kind, &file, named.then_some(key))
}

/// The table of the rows in `state`, under a heading; nothing when there is none. Rows not
/// started show their external id; the detail column shows only when some row has one.
fn print_state(ctx: &Context, survey: &Survey, state: RowStatus) -> anyhow::Result<()> {
    let rows: Vec<_> = survey.rows.iter().filter(|r| r.status == state).collect();
    if rows.is_empty() {
        return Ok(());
    }
    let started = state != RowStatus::NotStarted;
    let detail = started && rows.iter().any(|r| r.error.is_some());
    let second = if started { "RUN" } else { "EXTERNAL ID" };
    let mut table = Table::new(
        ["ROW", second, "DETAIL"]
            .into_iter()
            .take(2 + usize::from(detail)),
    );
    for row in &rows {
        let mut cells = vec![
            row.number.to_string(),
            match &row.run {
                Some(run) => run.id.clone(),
                None => row.external_id.clone(),
            },
        ];
        if detail {
            cells.push(row.error.clone().unwrap_or_default());
        }
        table.row(cells);
    }
    ctx.out.line("")?;
    ctx.out.line(&format!("{}: {}", human(state), rows.len()))?;
    ctx.out.table(&table)
}

/// What to do next, on stderr: rows that wait for a review, have not started or still run.
fn hint(ctx: &Context, survey: &Survey, inbox: impl Fn(&str) -> String) {
    let counts = survey.counts();
    let count = |state| counts.get(&state).copied().unwrap_or(0);
    if count(RowStatus::AwaitingReview) > 0 {
        ctx.out.hint(&format!(
            "answer the rows that wait for a review with `{}`",
            inbox(&survey.batch_key)
        ));
    }
    if count(RowStatus::NotStarted) > 0 {
        ctx.out.hint(
            "the batch command starts the rows not started (each shard with its `--shard K/N`); rows that exist are adopted, not paid for again",
        );
    } else if count(RowStatus::Running) > 0 {
        ctx.out
            .hint("rows still run: ask again later, or let the batch command wait for them");
    }
}

/// A state as people read it.
fn human(state: RowStatus) -> &'static str {
    match state {
        RowStatus::AwaitingReview => "awaiting review",
        RowStatus::NotStarted => "not started",
        other => other.as_str(),
    }
}
