//! `pletor review` without a RUN: every review that waits for a person ([`queue`]), one at a
//! time on a terminal, or listed and decided in bulk by a script.
//!
//! - **The walk** (a terminal, no `--pending`): oldest run first, a header (agent, inputs by
//!   name, age, `3 of 12`), the review's text and drafts as `pletor review RUN` shows them, then
//!   one key: `a` approve, `r` reject (asks for an optional comment), `s` skip, `o` open the
//!   drafts' copies in the system viewer, `q` quit. Each decision is sent at once, so quitting,
//!   Ctrl-C or a lost connection loses none already made. While the reviewer looks, the next
//!   review is prepared: its run read again (it may have been answered elsewhere), its drafts'
//!   metadata read and their copies downloaded. The walk ends with a summary; exit 10 when
//!   reviews are left, else 0.
//! - **Listing** (`--pending`, or no terminal): a table, or with `--json` one entry per review
//!   ([`queue::Waiting::json`]). `--pending` exits 0; without it and without a terminal the
//!   inbox exits 10 when something waits, as `pletor review RUN` does, naming the commands that
//!   answer it.
//! - **Bulk** (`--pending --approve|--reject`): every listed review decided; confirmed on a
//!   terminal with the count, and in a script only with `--yes` (checked before any request).
//!   A review answered elsewhere meanwhile (409) is reported and skipped; the rest go on.

use std::future::Future;
use std::path::PathBuf;

use futures_util::future::LocalBoxFuture;
use serde_json::{Value, json};

use super::decide::{self, Decision, ReviewOutcome};
use super::preview::{self, Fetched, Previews, View};
use super::queue::{self, Filters, Waiting};
use crate::api::Kind;
use crate::api::models::PendingReview;
use crate::api::runs;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::output::{self, Table, clean_line};
use crate::prompt;
use crate::workflow::listing;

/// Rows kept free under a paged text for the file lines and the menu that follow it.
const PROMPT_ROWS: usize = 10;

/// What `pletor review` without a RUN was asked.
#[derive(Debug)]
pub struct Ask {
    /// Which reviews.
    pub filters: Filters,
    /// `--pending`: list (or, with a decision, decide) instead of walking.
    pub pending: bool,
    /// `--approve` / `--reject` with `--pending`: decide every listed review.
    pub decision: Option<Decision>,
    /// `--yes`: decide without asking.
    pub yes: bool,
    /// How the walk shows drafts.
    pub view: View,
}

/// Runs the inbox as asked and returns the exit code.
pub async fn inbox(ctx: &Context, ask: Ask) -> anyhow::Result<Exit> {
    if let Some(decision) = &ask.decision {
        if !ask.yes && !ctx.can_prompt() {
            let verb = if decision.approves() == Some(true) {
                "approving"
            } else {
                "rejecting"
            };
            return Err(UsageError::new(
                format!("{verb} every listed review needs a confirmation, and there is no terminal to ask on"),
                "pass `--yes` to decide them all (`--pending --json` lists them first); nothing was sent",
            )
            .into());
        }
        let waiting = queue::find(ctx, &ask.filters).await?;
        return decide_all(ctx, &waiting, decision, ask.yes).await;
    }
    let waiting = queue::find(ctx, &ask.filters).await?;
    if ask.pending {
        list(ctx, &waiting)?;
        return Ok(Exit::Success);
    }
    if waiting.is_empty() {
        ctx.out.status("nothing waits for a review");
        if ctx.out.is_json() {
            ctx.out.json(&json!([]))?;
        }
        return Ok(Exit::Success);
    }
    if !ctx.can_prompt() {
        list(ctx, &waiting)?;
        ctx.out.error_text(&crate::error::Report {
            exit: Exit::Review,
            code: "awaiting_review",
            message: format!(
                "{} waiting, and there is no terminal to ask on",
                count(waiting.len(), "review")
            ),
            causes: Vec::new(),
            hint: Some(format!(
                "approve them all with `{} --pending --approve --yes`\n      or reject them with `{} --pending --reject --comment \"…\" --yes`",
                ask.filters.command(),
                ask.filters.command()
            )),
            status: None,
        });
        return Ok(Exit::Review);
    }
    walk(ctx, &ask.filters, waiting, ask.view).await
}

/// `3 reviews`, `1 review`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Lists what waits: the entries with `--json`, else a table (stdout).
fn list(ctx: &Context, waiting: &[Waiting]) -> anyhow::Result<()> {
    if ctx.out.is_json() {
        return ctx
            .out
            .json(&Value::Array(waiting.iter().map(Waiting::json).collect()));
    }
    if waiting.is_empty() {
        ctx.out.status("nothing waits for a review");
        return Ok(());
    }
    let target = if waiting[0].kind == Kind::App {
        "APP"
    } else {
        "AGENT"
    };
    // The review ids are in `--json`; `pletor review RUN` answers a run's reviews without them.
    let mut table = Table::new(["RUN", target, "AGE", "EXTERNAL ID", "TEXT"]);
    for entry in waiting {
        let review = entry.review.as_ref();
        table.row([
            clean_line(&entry.run.id),
            entry.target_name(),
            age(entry),
            clean_line(entry.run.external_id.as_deref().unwrap_or("")),
            match review {
                Some(review) => {
                    output::truncate(&clean_line(review.text.as_deref().unwrap_or("")), 50)
                }
                None => "(the API lists no review)".to_string(),
            },
        ]);
    }
    ctx.out.table(&table)
}

/// How long ago the run was created (`4m 10s`), or `?`.
fn age(entry: &Waiting) -> String {
    let Some(created) = entry.created else {
        return "?".into();
    };
    let elapsed = jiff::Timestamp::now().duration_since(created);
    match std::time::Duration::try_from(elapsed) {
        Ok(elapsed) => output::human_duration(elapsed),
        // Created "in the future": the server's clock is ahead of ours.
        Err(_) => "0s".into(),
    }
}

/// Decides every listed review (after the confirmation on a terminal, unless `--yes`).
async fn decide_all(
    ctx: &Context,
    waiting: &[Waiting],
    decision: &Decision,
    yes: bool,
) -> anyhow::Result<Exit> {
    let decidable: Vec<(&Waiting, &PendingReview)> = waiting
        .iter()
        .filter_map(|w| w.review.as_ref().map(|r| (w, r)))
        .collect();
    let unlisted = waiting.len() - decidable.len();
    if unlisted > 0 {
        ctx.out.warn(&format!(
            "{} {} for a review the API does not list: answer {} in the web app",
            count(unlisted, "run"),
            if unlisted == 1 { "waits" } else { "wait" },
            if unlisted == 1 { "it" } else { "them" }
        ));
    }
    let verb = match decision.approves() {
        Some(true) => "approve",
        _ => "reject",
    };
    if decidable.is_empty() {
        ctx.out
            .status("nothing waits for a review: nothing was sent");
        if ctx.out.is_json() {
            ctx.out.json(&bulk_json(&[]))?;
        }
        return Ok(Exit::Success);
    }
    if !yes && !confirmed(&decidable, verb).await? {
        ctx.out.status("nothing was sent");
        return Ok(Exit::Success);
    }
    let mut reported: Vec<(&Waiting, ReviewOutcome)> = Vec::new();
    for (entry, review) in decidable {
        let outcome = decide::send(ctx, entry.kind, &entry.run.id, &review.id, decision).await?;
        reported.push((entry, outcome));
    }
    ctx.out.status(&bulk_summary(&reported, decision));
    if ctx.out.is_json() {
        ctx.out.json(&bulk_json(&reported))?;
    }
    Ok(Exit::Success)
}

/// Asks the person at the terminal, with the counts, whether to decide them all.
async fn confirmed(decidable: &[(&Waiting, &PendingReview)], verb: &str) -> anyhow::Result<bool> {
    let runs: std::collections::HashSet<&str> =
        decidable.iter().map(|(w, _)| w.run.id.as_str()).collect();
    let question = format!(
        "{} {} of {}?",
        capitalize(verb),
        count(decidable.len(), "review"),
        count(runs.len(), "run")
    );
    prompt::confirm(&question, false).await
}

/// `approved 3 reviews; 1 review answered elsewhere meanwhile, skipped`.
fn bulk_summary(reported: &[(&Waiting, ReviewOutcome)], decision: &Decision) -> String {
    let elsewhere = reported
        .iter()
        .filter(|(_, o)| matches!(o, ReviewOutcome::AlreadyResolved { .. }))
        .count();
    let done = match decision.approves() {
        Some(true) => "approved",
        _ => "rejected",
    };
    let mut summary = format!("{done} {}", count(reported.len() - elsewhere, "review"));
    if elsewhere > 0 {
        summary.push_str(&format!(
            "; {} answered elsewhere meanwhile, skipped",
            count(elsewhere, "review")
        ));
    }
    summary
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `{"reviews": [{"run_id", "review_id", "outcome": "sent" | "already_resolved", "body"}],
/// "counts": {"sent", "already_resolved"}}`.
fn bulk_json(reported: &[(&Waiting, ReviewOutcome)]) -> Value {
    let mut counts = json!({"sent": 0, "already_resolved": 0});
    let reviews: Vec<Value> = reported
        .iter()
        .map(|(entry, outcome)| {
            let (review_id, label, body) = match outcome {
                ReviewOutcome::Sent { review_id, body } => (review_id, "sent", body.clone()),
                ReviewOutcome::AlreadyResolved {
                    review_id, body, ..
                } => (review_id, "already_resolved", body.clone()),
                ReviewOutcome::Skipped { review_id } => (review_id, "skipped", Value::Null),
            };
            if let Some(n) = counts.get(label).and_then(Value::as_u64) {
                counts[label] = json!(n + 1);
            }
            json!({"run_id": entry.run.id, "review_id": review_id, "outcome": label, "body": body})
        })
        .collect();
    json!({"reviews": reviews, "counts": counts})
}

/// What the walk did with each review.
#[derive(Debug, Default)]
struct Tally {
    approved: usize,
    rejected: usize,
    skipped: usize,
    /// Answered elsewhere before this walk could: found so on reading the run again, or by a
    /// 409 on the decision.
    elsewhere: usize,
    /// The reviews a `--json` walk reports, in order.
    outcomes: Vec<Value>,
}

impl Tally {
    fn record(&mut self, entry: &Waiting, review_id: &str, outcome: &str, body: Value) {
        match outcome {
            "approved" => self.approved += 1,
            "rejected" => self.rejected += 1,
            "skipped" => self.skipped += 1,
            _ => self.elsewhere += 1,
        }
        self.outcomes.push(json!({
            "run_id": entry.run.id, "review_id": review_id, "outcome": outcome, "body": body
        }));
    }

    fn decided(&self) -> usize {
        self.approved + self.rejected + self.skipped + self.elsewhere
    }
}

/// A review made ready to show: its run read again and its drafts fetched.
struct Ready {
    /// The review still pending (as the run now lists it), or why it is not shown.
    review: Result<PendingReview, String>,
    /// Its drafts, fetched.
    fetched: Fetched,
}

/// The next review being prepared while the current one is on screen.
enum Prefetch<'a> {
    Running(LocalBoxFuture<'a, Ready>),
    Done(Ready),
}

impl Prefetch<'_> {
    async fn finish(self) -> Ready {
        match self {
            Self::Running(future) => future.await,
            Self::Done(ready) => ready,
        }
    }
}

/// Waits for `wait` while driving the prefetch (when there is one) to its end.
async fn meanwhile<T>(wait: impl Future<Output = T>, next: Option<&mut Prefetch<'_>>) -> T {
    tokio::pin!(wait);
    let Some(slot) = next else {
        return wait.await;
    };
    let ready = match slot {
        Prefetch::Running(future) => tokio::select! {
            out = &mut wait => return out,
            ready = future => ready,
        },
        Prefetch::Done(_) => return wait.await,
    };
    *slot = Prefetch::Done(ready);
    wait.await
}

/// Reads `entry`'s run again and fetches its review's drafts into `root/review-NUMBER`, quietly.
async fn prepare(ctx: &Context, entry: &Waiting, root: Option<PathBuf>, number: usize) -> Ready {
    let Some(listed) = &entry.review else {
        return Ready {
            review: Err(format!(
                "run {} waits for a review the API does not list: answer it in the web app",
                clean_line(&entry.run.id)
            )),
            fetched: Fetched::default(),
        };
    };
    let review = match ctx.api() {
        Ok(client) => match runs::get(client, entry.kind, &entry.run.id).await {
            Ok(run) => run
                .pending_reviews
                .iter()
                .find(|r| r.id == listed.id)
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "review {} of run {} was answered elsewhere (the run is {}): skipped",
                        clean_line(&listed.id),
                        clean_line(&run.id),
                        clean_line(run.status.as_str())
                    )
                }),
            // Shown as listed: a decision on an answered review is a 409, reported then.
            Err(_) => Ok(listed.clone()),
        },
        Err(_) => Ok(listed.clone()),
    };
    let fetched = match (&review, root) {
        (Ok(review), Some(root)) if !review.asset_ids.is_empty() => {
            preview::fetch(ctx, &root, &review.asset_ids, number).await
        }
        _ => Fetched::default(),
    };
    Ready { review, fetched }
}

/// The keys of the walk, in menu order.
const KEYS: &[char] = &['a', 'r', 's', 'o', 'q'];

/// Walks the waiting reviews on the terminal.
async fn walk(
    ctx: &Context,
    filters: &Filters,
    waiting: Vec<Waiting>,
    view: View,
) -> anyhow::Result<Exit> {
    let total = waiting.len();
    let back = filters.command();
    ctx.set_resume_note(Some(format!(
        "every decision made was sent; `{back}` shows what still waits"
    )));
    // Preparing happens while the reviewer reads: no progress bars, no status lines there.
    let quiet = ctx.for_workers(true)?;
    let mut previews = Previews::new(view);
    let root = match previews.folder() {
        Ok(root) => Some(root),
        Err(err) => {
            ctx.out
                .warn(&format!("drafts cannot be downloaded: {err:#}"));
            None
        }
    };
    let prefetch = |index: usize| {
        waiting.get(index).map(|entry| {
            Prefetch::Running(Box::pin(prepare(&quiet, entry, root.clone(), index + 1)))
        })
    };
    let mut tally = Tally::default();
    let mut next = prefetch(0);
    for (index, entry) in waiting.iter().enumerate() {
        let Some(current) = next.take() else { break };
        let ready = current.finish().await;
        next = prefetch(index + 1);
        header(ctx, entry, index + 1, total);
        let review = match ready.review {
            Ok(review) => review,
            Err(why) => {
                ctx.out.status(&format!("  {why}"));
                let id = entry.review.as_ref().map_or("", |r| r.id.as_str());
                tally.record(entry, id, "answered_elsewhere", Value::Null);
                continue;
            }
        };
        show(ctx, &mut previews, &review, &ready.fetched).await;
        let turn = Turn {
            entry,
            review: &review,
            fetched: &ready.fetched,
            number: index + 1,
            total,
        };
        match ask(ctx, &turn, &mut previews, next.as_mut()).await? {
            Some((outcome, body)) => tally.record(entry, &review.id, outcome, body),
            None => break,
        }
    }
    drop(next);
    previews.finish(ctx);
    summary(ctx, &tally, total, &back)
}

/// The review on screen.
struct Turn<'a> {
    entry: &'a Waiting,
    review: &'a PendingReview,
    fetched: &'a Fetched,
    number: usize,
    total: usize,
}

/// Asks for the key until a decision is made, sends it at once, and returns what happened
/// (`approved`, `rejected`, `skipped`, `answered_elsewhere`) with the body sent; `None` to quit.
/// The next review's preparation goes on meanwhile.
async fn ask(
    ctx: &Context,
    turn: &Turn<'_>,
    previews: &mut Previews,
    mut next: Option<&mut Prefetch<'_>>,
) -> anyhow::Result<Option<(&'static str, Value)>> {
    let decision = loop {
        ctx.out.stderr(&menu(turn.number, turn.total));
        match meanwhile(prompt::key(KEYS), next.as_deref_mut()).await? {
            'a' => break Decision::Approve(None),
            'r' => {
                let asked = prompt::text("Comment (optional, Enter for none)");
                let typed = meanwhile(asked, next.as_deref_mut()).await?;
                break Decision::Reject(Some(typed.trim().to_string()).filter(|c| !c.is_empty()));
            }
            's' => {
                let id = clean_line(&turn.review.id);
                ctx.out.status(&format!("skipped review {id}"));
                return Ok(Some(("skipped", Value::Null)));
            }
            'o' => previews.open_copies(ctx, turn.fetched).await,
            _ => return Ok(None),
        }
    };
    let (kind, run) = (turn.entry.kind, &turn.entry.run.id);
    let sent = decide::send(ctx, kind, run, &turn.review.id, &decision);
    Ok(Some(match meanwhile(sent, next).await? {
        ReviewOutcome::Sent { body, .. } if decision.approves() == Some(true) => ("approved", body),
        ReviewOutcome::Sent { body, .. } => ("rejected", body),
        ReviewOutcome::AlreadyResolved { body, .. } => ("answered_elsewhere", body),
        ReviewOutcome::Skipped { .. } => ("skipped", Value::Null),
    }))
}

/// `Review 3 of 12 · Reviewed Post · run 5f3e… · 4m 10s ago`, then the inputs by name and the
/// external id.
fn header(ctx: &Context, entry: &Waiting, number: usize, total: usize) {
    ctx.out.stderr(&format!(
        "\nReview {number} of {total} · {} · run {} · {} ago",
        entry.target_name(),
        clean_line(&entry.run.id),
        age(entry)
    ));
    for (key, value) in listing::inputs_by_name(&entry.run.raw, entry.target.as_ref()) {
        ctx.out.stderr(&format!(
            "  {}: {}",
            clean_line(&key),
            listing::input_value_line(&value, 200)
        ));
    }
    if let Some(external_id) = &entry.run.external_id {
        ctx.out
            .stderr(&format!("  external id: {}", clean_line(external_id)));
    }
}

/// The review's text in full and its drafts, as `pletor review RUN` shows them.
async fn show(ctx: &Context, previews: &mut Previews, review: &PendingReview, fetched: &Fetched) {
    ctx.out
        .stderr(&format!("  review {}", clean_line(&review.id)));
    if let Some(text) = review.text.as_deref().filter(|t| !t.trim().is_empty()) {
        ctx.out.long_text(&output::clean(text), "  │ ", PROMPT_ROWS);
    }
    previews.present(ctx, fetched).await;
    if review.text.is_none() && review.asset_ids.is_empty() {
        ctx.out.stderr("  (this review shows no text and no files)");
    }
}

fn menu(number: usize, total: usize) -> String {
    format!("[a] approve  [r] reject  [s] skip  [o] open  [q] quit  ({number} of {total})")
}

/// The walk's last words: what was done and what is left; exit 10 when reviews are left.
fn summary(ctx: &Context, tally: &Tally, total: usize, back: &str) -> anyhow::Result<Exit> {
    let left = total - tally.decided();
    let mut line = format!(
        "approved {} · rejected {} · skipped {} · left {}",
        tally.approved, tally.rejected, tally.skipped, left
    );
    if tally.elsewhere > 0 {
        line.push_str(&format!(" · answered elsewhere {}", tally.elsewhere));
    }
    ctx.out.status(&format!("\n{line}"));
    let remain = tally.skipped + left;
    if remain > 0 {
        ctx.out.hint(&format!(
            "{} still {}: `{back}` shows {} again",
            count(remain, "review"),
            if remain == 1 { "waits" } else { "wait" },
            if remain == 1 { "it" } else { "them" }
        ));
    }
    if ctx.out.is_json() {
        ctx.out.json(&json!({
            "reviews": tally.outcomes,
            "counts": {
                "approved": tally.approved,
                "rejected": tally.rejected,
                "skipped": tally.skipped,
                "answered_elsewhere": tally.elsewhere,
                "left": left,
            }
        }))?;
    }
    Ok(if remain > 0 {
        Exit::Review
    } else {
        Exit::Success
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        assert_eq!(count(1, "review"), "1 review");
        assert_eq!(count(3, "run"), "3 runs");
        assert_eq!(capitalize("approve"), "Approve");
    }

    #[tokio::test]
    async fn waiting_drives_the_prefetch_to_its_end() {
        let mut next = Some(Prefetch::Running(Box::pin(async {
            Ready {
                review: Err("x".into()),
                fetched: Fetched::default(),
            }
        })));
        let out = meanwhile(
            async {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                7
            },
            next.as_mut(),
        )
        .await;
        assert_eq!(out, 7);
        assert!(matches!(next, Some(Prefetch::Done(_))), "prefetched");
    }
}
