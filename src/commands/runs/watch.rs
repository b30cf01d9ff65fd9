//! `pletor runs watch [RUN...]`: a live view of runs. On a terminal, a board redrawn in place
//! (status, elapsed time, pending reviews, agent or app name); elsewhere one line per change on
//! stdout; with `--json`, the runs' last states as one document at the end. What is followed and
//! how often is `workflow::watch`'s business.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::WatchCmd;
use crate::context::Context;
use crate::error::Exit;
use crate::output::board::LiveBoard;
use crate::output::{Table, clean_line, human_duration};
use crate::workflow::outcome;
use crate::workflow::watch::{self, Selection, Watch, Watched};

/// Watches until the runs end (given ids), or until Ctrl-C (the key's runs: its normal end,
/// exit 0 with the last states printed as usual).
pub async fn run(ctx: &Context, args: WatchCmd) -> anyhow::Result<Exit> {
    // Watching every run has no end of its own: Ctrl-C is how it ends, normally.
    if args.runs.is_empty() && !args.exit_status {
        ctx.end_on_interrupt();
    }
    let selection = if args.runs.is_empty() {
        Selection::Unended {
            fixed: args.exit_status,
        }
    } else {
        Selection::Given(args.runs, args.kind.kind())
    };
    let mut watch = Watch::new(ctx, selection).await?;
    let mut board = ctx.out.board();
    tokio::select! {
        result = follow(ctx, &mut watch, board.as_mut(), args.exit_status) => result?,
        () = ctx.interrupted() => {}
    }
    if watch.runs().next().is_none() {
        ctx.out.status("no runs in progress");
    }
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(
            watch.runs().map(|w| w.run.raw.clone()).collect(),
        ))?;
    }
    Ok(if args.exit_status {
        outcome::worst(watch.runs().map(Watched::exit))
    } else {
        Exit::Success
    })
}

/// Refreshes and shows the runs until the watch is done.
async fn follow(
    ctx: &Context,
    watch: &mut Watch,
    mut board: Option<&mut LiveBoard>,
    exit_status: bool,
) -> anyhow::Result<()> {
    loop {
        let changed = watch.refresh(ctx).await?;
        match board.as_deref_mut() {
            Some(board) => board.draw(&lines(watch)),
            None if !ctx.out.is_json() => {
                for watched in &changed {
                    ctx.out
                        .line(&row(watched, jiff::Timestamp::now()).join("\t"))?;
                }
            }
            None => {}
        }
        if watch.done(exit_status) {
            return Ok(());
        }
        sleep_showing(watch, watch.pause(ctx), board.as_deref_mut()).await;
    }
}

/// Sleeps, redrawing a live board about once a second so elapsed times keep moving.
async fn sleep_showing(watch: &Watch, pause: Duration, mut board: Option<&mut LiveBoard>) {
    let end = Instant::now() + pause;
    while let Some(left) = end
        .checked_duration_since(Instant::now())
        .filter(|l| !l.is_zero())
    {
        let step = if board.is_some() {
            left.min(Duration::from_secs(1))
        } else {
            left
        };
        tokio::time::sleep(step).await;
        if let Some(board) = board.as_deref_mut() {
            board.draw(&lines(watch));
        }
    }
}

/// The board: a header and one aligned row per run.
fn lines(watch: &Watch) -> Vec<String> {
    let now = jiff::Timestamp::now();
    let mut table = Table::new(["ID", "STATUS", "ELAPSED", "REVIEWS", "AGENT"]);
    let mut rows = 0;
    for watched in watch.runs() {
        table.row(row(watched, now));
        rows += 1;
    }
    if rows == 0 {
        return vec!["no runs in progress (watching for new ones; Ctrl-C to stop)".to_string()];
    }
    table.render_aligned().lines().map(str::to_string).collect()
}

/// One run's cells: id, status, elapsed time, pending reviews, agent or app.
fn row(watched: &Watched, now: jiff::Timestamp) -> [String; 5] {
    let run = &watched.run;
    // Whole seconds: the board is redrawn every second.
    let elapsed = watch::elapsed(run, now).map_or_else(
        || "-".to_string(),
        |d| human_duration(Duration::from_secs(d.as_secs())),
    );
    let reviews = match run.pending_reviews.len() {
        0 if run.awaiting_review => "waiting".to_string(),
        0 => "-".to_string(),
        n => n.to_string(),
    };
    let target = watched
        .target
        .clone()
        .or_else(|| {
            run.raw
                .get(watched.kind.target_field())
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_default();
    [
        clean_line(&run.id),
        clean_line(run.status.as_str()),
        elapsed,
        reviews,
        clean_line(&target),
    ]
}
