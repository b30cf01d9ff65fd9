//! `--shard K/N`: one of N processes (the jobs of a CI matrix) runs its part of a batch.
//!
//! Shard K takes the rows whose number is K modulo N: rows K, K+N, K+2N, … (shard N takes the
//! multiples of N). Interleaving, rather than cutting the file into N ranges, keeps the shards
//! balanced in count (they differ by at most one row) and in cost too when the file is sorted
//! (by size, by product, by date): each shard gets a slice of every part of the file.
//!
//! Nothing else changes: row numbers, external ids (`<batch key>-<row>`, the key computed from
//! the whole file) and output paths are those of the unsharded batch, so a batch can run
//! sharded, unsharded, or be resumed with another N, and every row that exists is adopted.
//!
//! Where N comes from: `--shard K/N`, else `PLETOR_SHARD=K/N`; `auto` (in either) reads the CI's
//! own parallel-job variables: GitLab's `CI_NODE_INDEX`/`CI_NODE_TOTAL` (from 1),
//! Buildkite's `BUILDKITE_PARALLEL_JOB`/`BUILDKITE_PARALLEL_JOB_COUNT` and CircleCI's
//! `CIRCLE_NODE_INDEX`/`CIRCLE_NODE_TOTAL` (from 0). GitHub Actions has none: its matrix passes
//! `K/N` itself.

use serde_json::json;

use crate::context::Context;
use crate::error::{Exit, UsageError};

use super::plan::Plan;

/// The environment variable that holds a shard when `--shard` is not given.
pub const ENV: &str = "PLETOR_SHARD";

/// The most shards a batch may be split into: more jobs than that is a mistake.
pub const MAX_SHARDS: usize = 10_000;

/// One shard: the `index`th (from 1) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1 to `count`: this shard runs rows K, K+N, K+2N, …
    pub index: usize,
    /// N, from 1 to [`MAX_SHARDS`]: the processes that share the batch, and its rate budget.
    pub count: usize,
}

/// What `--shard` (or `PLETOR_SHARD`) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardArg {
    /// `K/N` given outright, as a GitHub Actions matrix passes it.
    Fixed(Shard),
    /// `auto`: the CI's parallel-job variables.
    Auto,
}

/// The CI systems whose parallel jobs `auto` knows: (index variable, count variable, whether
/// the index counts from 0, the name to show).
const CI_VARIABLES: &[(&str, &str, bool, &str)] = &[
    ("CI_NODE_INDEX", "CI_NODE_TOTAL", false, "GitLab"),
    (
        "BUILDKITE_PARALLEL_JOB",
        "BUILDKITE_PARALLEL_JOB_COUNT",
        true,
        "Buildkite",
    ),
    ("CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", true, "CircleCI"),
];

impl Shard {
    /// Whether row `row` (from 1) belongs to this shard.
    pub fn contains(self, row: usize) -> bool {
        row >= 1 && (row - 1) % self.count == self.index - 1
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Parses `K/N` or `auto` (the `--shard` value parser; the message becomes clap's exit-2 error).
pub fn parse(text: &str) -> Result<ShardArg, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("auto") {
        return Ok(ShardArg::Auto);
    }
    let Some((k, n)) = text.split_once('/') else {
        return Err("expected K/N (shard K of N, e.g. 2/4) or `auto`".into());
    };
    let number = |part: &str, what: &str| {
        part.trim()
            .parse::<usize>()
            .map_err(|_| format!("{what} `{}` is not a whole number", part.trim()))
    };
    let (index, count) = (number(k, "K")?, number(n, "N")?);
    check(index, count).map(ShardArg::Fixed)
}

fn check(index: usize, count: usize) -> Result<Shard, String> {
    if count == 0 {
        return Err("N must be at least 1".into());
    }
    if count > MAX_SHARDS {
        return Err(format!("N must be at most {MAX_SHARDS}"));
    }
    if index == 0 || index > count {
        return Err(format!(
            "there is no shard {index} of {count}: K runs from 1 to N"
        ));
    }
    Ok(Shard { index, count })
}

/// The shard to run: `--shard` first, else `PLETOR_SHARD`; `auto` reads the CI's variables.
/// `env` reads one environment variable.
pub fn resolve(
    flag: Option<ShardArg>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Shard>, UsageError> {
    let arg = match flag {
        Some(arg) => arg,
        None => match env(ENV).filter(|v| !v.trim().is_empty()) {
            None => return Ok(None),
            Some(value) => parse(&value).map_err(|problem| {
                UsageError::new(
                    format!("`{ENV}={value}`: {problem}"),
                    format!("set `{ENV}` to K/N (e.g. 2/4) or `auto`, or unset it"),
                )
            })?,
        },
    };
    match arg {
        ShardArg::Fixed(shard) => Ok(Some(shard)),
        ShardArg::Auto => from_ci(env).map(Some),
    }
}

/// The shard a CI's parallel-job variables describe.
fn from_ci(env: &dyn Fn(&str) -> Option<String>) -> Result<Shard, UsageError> {
    let hint = "run it in a parallel CI job (GitLab `parallel:`, Buildkite `parallelism:`, CircleCI `parallelism:`), or pass `--shard K/N`";
    for (index_var, count_var, from_zero, ci) in CI_VARIABLES {
        let (index, count) = (env(index_var), env(count_var));
        if index.is_none() && count.is_none() {
            continue;
        }
        let read = |name: &str, value: Option<String>| {
            let value = value.ok_or_else(|| {
                UsageError::new(
                    format!(
                        "`--shard auto`: {ci} sets only one of `{index_var}` and `{count_var}`"
                    ),
                    hint,
                )
            })?;
            value.trim().parse::<usize>().map_err(|_| {
                UsageError::new(
                    format!("`--shard auto`: `{name}={value}` is not a whole number"),
                    hint,
                )
            })
        };
        let index = read(index_var, index)? + usize::from(*from_zero);
        let count = read(count_var, count)?;
        return check(index, count).map_err(|problem| {
            UsageError::new(
                format!("`--shard auto` ({ci}: `{index_var}`, `{count_var}`): {problem}"),
                hint,
            )
        });
    }
    Err(UsageError::new(
        "`--shard auto` found no parallel-job variables of a CI",
        hint,
    ))
}

/// Keeps the rows of `shard`, says on stderr which ones, and lets the client's rate books
/// expect the N shards on the key from the first window (the server's counts then correct it).
pub(super) fn select(
    ctx: &Context,
    plan: &mut Plan,
    shard: Shard,
    source: &str,
) -> anyhow::Result<()> {
    let total = plan.rows.len();
    plan.rows.retain(|row| shard.contains(row.number));
    let rows: Vec<String> = plan
        .rows
        .iter()
        .take(3)
        .map(|row| row.number.to_string())
        .collect();
    let which = match plan.rows.len() {
        0 => "none of them: nothing to do".to_string(),
        n if n > 3 => format!("rows {}, … ({n} rows)", rows.join(", ")),
        1 => format!("row {}", rows[0]),
        n => format!("rows {} ({n} rows)", rows.join(", ")),
    };
    ctx.out.status(&format!(
        "shard {shard}: `{source}` holds {total} rows; this shard runs {which}"
    ));
    if shard.count > 1 {
        // Shard K is the (K-1)th place: the shards take the fractions of their parts in turn.
        ctx.api()?.expect_sharers(
            u32::try_from(shard.count).unwrap_or(u32::MAX),
            u32::try_from(shard.index - 1).unwrap_or(0),
        );
    }
    Ok(())
}

/// The end of a shard with no rows: exit 0 at once (with `--json`, the batch's document with no
/// rows).
pub(super) fn nothing_to_do(ctx: &Context, batch_key: &str) -> anyhow::Result<Exit> {
    if ctx.out.is_json() {
        ctx.out
            .json(&json!({ "batch_key": batch_key, "rows": [], "counts": {} }))?;
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    fn fixed(index: usize, count: usize) -> ShardArg {
        ShardArg::Fixed(Shard { index, count })
    }

    #[test]
    fn shards_interleave_rows_and_together_take_each_row_once() {
        for count in 1..=7 {
            for rows in 0..=30 {
                let mut taken = vec![0; rows + 1];
                for index in 1..=count {
                    let shard = Shard { index, count };
                    let mine: Vec<usize> = (1..=rows).filter(|r| shard.contains(*r)).collect();
                    // Balanced: any two shards differ by at most one row.
                    assert!(rows / count <= mine.len() && mine.len() <= rows.div_ceil(count));
                    for row in mine {
                        taken[row] += 1;
                    }
                }
                assert!(
                    taken[1..].iter().all(|n| *n == 1),
                    "{count} shards of {rows}"
                );
            }
        }
        let second = Shard { index: 2, count: 4 };
        let rows: Vec<usize> = (1..=12).filter(|r| second.contains(*r)).collect();
        assert_eq!(rows, vec![2, 6, 10]);
    }

    #[test]
    fn shard_values_are_k_of_n_or_auto_and_anything_else_is_refused() {
        assert_eq!(parse("2/4"), Ok(fixed(2, 4)));
        assert_eq!(parse(" 1 / 1 "), Ok(fixed(1, 1)));
        assert_eq!(parse("AUTO"), Ok(ShardArg::Auto));
        let refused = [
            ("3/2", "there is no shard 3 of 2"),
            ("0/2", "there is no shard 0 of 2"),
            ("1/0", "N must be at least 1"),
            ("2", "expected K/N"),
            ("a/4", "K `a` is not a whole number"),
            ("-1/4", "K `-1` is not a whole number"),
            ("1/99999", "N must be at most"),
        ];
        for (text, problem) in refused {
            let err = parse(text).unwrap_err();
            assert!(err.contains(problem), "{text}: {err}");
        }
    }

    #[test]
    fn the_flag_wins_over_the_environment_which_may_say_auto() {
        let vars = env(&[(ENV, "3/4"), ("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "5")]);
        assert_eq!(
            resolve(Some(fixed(1, 2)), &vars).unwrap(),
            Some(Shard { index: 1, count: 2 })
        );
        assert_eq!(
            resolve(None, &vars).unwrap(),
            Some(Shard { index: 3, count: 4 })
        );
        let auto = env(&[
            (ENV, "auto"),
            ("CI_NODE_INDEX", "2"),
            ("CI_NODE_TOTAL", "5"),
        ]);
        assert_eq!(
            resolve(None, &auto).unwrap(),
            Some(Shard { index: 2, count: 5 })
        );
        assert_eq!(resolve(None, &env(&[(ENV, " ")])).unwrap(), None);
        let err = resolve(None, &env(&[(ENV, "5/4")])).unwrap_err();
        assert!(
            err.message
                .starts_with("`PLETOR_SHARD=5/4`: there is no shard 5 of 4")
        );
    }

    #[test]
    fn auto_reads_gitlab_from_one_and_buildkite_and_circleci_from_zero() {
        let gitlab = env(&[("CI_NODE_INDEX", "1"), ("CI_NODE_TOTAL", "3")]);
        assert_eq!(from_ci(&gitlab).unwrap(), Shard { index: 1, count: 3 });
        let buildkite = env(&[
            ("BUILDKITE_PARALLEL_JOB", "0"),
            ("BUILDKITE_PARALLEL_JOB_COUNT", "3"),
        ]);
        assert_eq!(from_ci(&buildkite).unwrap(), Shard { index: 1, count: 3 });
        let circle = env(&[("CIRCLE_NODE_INDEX", "2"), ("CIRCLE_NODE_TOTAL", "3")]);
        assert_eq!(from_ci(&circle).unwrap(), Shard { index: 3, count: 3 });
    }

    #[test]
    fn auto_without_usable_ci_variables_is_a_usage_error() {
        let none = from_ci(&env(&[])).unwrap_err();
        assert!(none.message.contains("found no parallel-job variables"));
        let half = from_ci(&env(&[("CI_NODE_INDEX", "1")])).unwrap_err();
        assert!(
            half.message.contains("only one of `CI_NODE_INDEX`"),
            "{}",
            half.message
        );
        let junk = from_ci(&env(&[("CI_NODE_INDEX", "x"), ("CI_NODE_TOTAL", "2")])).unwrap_err();
        assert!(
            junk.message
                .contains("`CI_NODE_INDEX=x` is not a whole number")
        );
        let past = from_ci(&env(&[
            ("BUILDKITE_PARALLEL_JOB", "3"),
            ("BUILDKITE_PARALLEL_JOB_COUNT", "3"),
        ]))
        .unwrap_err();
        assert!(
            past.message.contains("there is no shard 4 of 3"),
            "{}",
            past.message
        );
    }
}
