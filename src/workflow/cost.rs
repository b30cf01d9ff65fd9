//! What runs are estimated to cost, from the catalog's `estimated_cost` (credits per run), and
//! where the user sees it before paying: a single run's first status line, a `--dry-run` plan,
//! and a question before a batch starts on a terminal (never in scripts; `--yes` skips it).

use serde_json::{Value, json};

use crate::api::models::CatalogEntry;
use crate::context::Context;
use crate::output::clean_line;

/// The estimated cost of some runs of one agent or app.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Credits per run, as the catalog says.
    pub per_run: f64,
    /// How many runs: one, or the rows of a batch (this shard's, with `--shard`).
    pub runs: usize,
}

impl Estimate {
    /// The estimate for `runs` runs of `target`; `None` when the catalog gives no cost.
    pub fn of(target: &CatalogEntry, runs: usize) -> Option<Self> {
        target.estimated_cost.map(|per_run| Self { per_run, runs })
    }

    /// Credits for every run.
    pub fn total(&self) -> f64 {
        self.per_run * self.runs as f64
    }

    /// `{"per_run", "runs", "total"}`, for a dry run's `--json` plan.
    pub fn json(&self) -> Value {
        json!({"per_run": number(self.per_run), "runs": self.runs, "total": number(self.total())})
    }

    /// `120 credits (4 per run)`.
    pub fn describe(&self) -> String {
        format!(
            "{} ({} per run)",
            credits(self.total()),
            amount(self.per_run)
        )
    }
}

/// A whole number of credits as an integer in JSON, anything else as a float.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// `4`, `2.5`, `0.33`.
fn amount(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `1 credit`, `4 credits`, `2.5 credits`.
pub fn credits(value: f64) -> String {
    let unit = if value == 1.0 { "credit" } else { "credits" };
    format!("{} {unit}", amount(value))
}

/// The first status line of a single run: what starts and, when the catalog says, what it is
/// estimated to cost. `what` names the target (`agent Product Shot`).
pub fn announce(ctx: &Context, what: &str, target: &CatalogEntry) {
    if let Some(estimate) = Estimate::of(target, 1) {
        ctx.out.status(&format!(
            "starting {what} · estimated cost {}",
            credits(estimate.total())
        ));
    }
}

/// Asks before a batch of `runs` rows starts, when its estimated cost is known and above zero
/// and a person can answer; `yes` (`--yes`) and scripts never ask. `false`: the person said no.
pub async fn confirm_batch(
    ctx: &Context,
    what: &str,
    target: &CatalogEntry,
    runs: usize,
    yes: bool,
) -> anyhow::Result<bool> {
    let Some(estimate) = Estimate::of(target, runs).filter(|e| e.total() > 0.0) else {
        return Ok(true);
    };
    if yes || !ctx.can_prompt() {
        return Ok(true);
    }
    ctx.out.status(
        "rows that an earlier invocation of this batch started are picked up, not paid again (`--yes` skips this question)",
    );
    let question = format!(
        "Start up to {runs} runs of {} for an estimated {}?",
        clean_line(what),
        estimate.describe()
    );
    crate::prompt::confirm(&question, false).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_read_as_people_write_them() {
        assert_eq!(credits(1.0), "1 credit");
        assert_eq!(credits(120.0), "120 credits");
        assert_eq!(credits(2.5), "2.5 credits");
        assert_eq!(credits(1.0 / 3.0), "0.33 credits");
        let estimate = Estimate {
            per_run: 4.0,
            runs: 30,
        };
        assert_eq!(estimate.describe(), "120 credits (4 per run)");
        assert_eq!(
            estimate.json(),
            json!({"per_run": 4, "runs": 30, "total": 120})
        );
        let half = Estimate {
            per_run: 0.5,
            runs: 3,
        };
        assert_eq!(
            half.json(),
            json!({"per_run": 0.5, "runs": 3, "total": 1.5})
        );
    }
}
