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
//! Where N comes from: `--shard K/N`, else `PLETOR_SHARD=K/N`; `auto` (in either) reads the
//! job-index variables of the engine that runs the job ([`ENGINES`]):
//!
//! - GitLab's `CI_NODE_INDEX`/`CI_NODE_TOTAL` (from 1), Buildkite's
//!   `BUILDKITE_PARALLEL_JOB`/`BUILDKITE_PARALLEL_JOB_COUNT` and CircleCI's
//!   `CIRCLE_NODE_INDEX`/`CIRCLE_NODE_TOTAL` (from 0);
//! - a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` and an AWS Batch array job's
//!   `AWS_BATCH_JOB_ARRAY_INDEX` (from 0): neither engine tells a job the count, so it comes
//!   from `PLETOR_SHARD_COUNT`, set beside the job's size in its definition;
//! - a Slurm array job's `SLURM_ARRAY_TASK_ID`, counted from `SLURM_ARRAY_TASK_MIN` in steps of
//!   `SLURM_ARRAY_TASK_STEP`, with `SLURM_ARRAY_TASK_COUNT` jobs (`--array=0-3` and
//!   `--array=1-4` both make shards 1 to 4).
//!
//! An index without a count is a usage error that names the variable to set; it never guesses.
//! GitHub Actions has no such variables: its matrix passes `K/N` itself.

use serde_json::json;

use crate::context::Context;
use crate::error::{Exit, UsageError};

use super::plan::BatchPlan;

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

/// The count of shards, for engines that give each job its index but not the count
/// (Kubernetes Indexed Jobs, AWS Batch array jobs): set it to the job's size.
pub const COUNT_ENV: &str = "PLETOR_SHARD_COUNT";

/// Where an engine's job index starts.
#[derive(Debug, Clone, Copy)]
enum Base {
    /// 0 for the first job.
    Zero,
    /// 1 for the first job.
    One,
    /// The first job's index is in this variable (Slurm's `--array=5-8`), and consecutive
    /// jobs are this variable's value apart (1 when it is unset).
    Variable {
        first: &'static str,
        step: &'static str,
    },
}

/// An engine that runs a job N times with an index: its variables and how to read them.
struct Engine {
    /// The name to show.
    name: &'static str,
    /// The variable that holds this job's index.
    index: &'static str,
    base: Base,
    /// The engine's own variable for the count; without one (or when it is unset) the count
    /// comes from [`COUNT_ENV`].
    count: Option<&'static str>,
    /// What to do so the engine runs a job N times, for the hint.
    how: &'static str,
}

/// The engines `auto` knows, in the order they are tried.
const ENGINES: &[Engine] = &[
    Engine {
        name: "GitLab",
        index: "CI_NODE_INDEX",
        base: Base::One,
        count: Some("CI_NODE_TOTAL"),
        how: "GitLab `parallel:`",
    },
    Engine {
        name: "Buildkite",
        index: "BUILDKITE_PARALLEL_JOB",
        base: Base::Zero,
        count: Some("BUILDKITE_PARALLEL_JOB_COUNT"),
        how: "Buildkite `parallelism:`",
    },
    Engine {
        name: "CircleCI",
        index: "CIRCLE_NODE_INDEX",
        base: Base::Zero,
        count: Some("CIRCLE_NODE_TOTAL"),
        how: "CircleCI `parallelism:`",
    },
    Engine {
        name: "a Kubernetes Indexed Job",
        index: "JOB_COMPLETION_INDEX",
        base: Base::Zero,
        count: None,
        how: "a Kubernetes Job with `completionMode: Indexed`",
    },
    Engine {
        name: "a Slurm array job",
        index: "SLURM_ARRAY_TASK_ID",
        base: Base::Variable {
            first: "SLURM_ARRAY_TASK_MIN",
            step: "SLURM_ARRAY_TASK_STEP",
        },
        count: Some("SLURM_ARRAY_TASK_COUNT"),
        how: "`sbatch --array`",
    },
    Engine {
        name: "an AWS Batch array job",
        index: "AWS_BATCH_JOB_ARRAY_INDEX",
        base: Base::Zero,
        count: None,
        how: "an AWS Batch array job",
    },
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
pub fn choose(
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

/// What `auto` says when it cannot find a shard.
fn auto_hint() -> String {
    let engines: Vec<&str> = ENGINES.iter().map(|e| e.how).collect();
    format!(
        "run it as one of N parallel jobs ({}), or pass `--shard K/N`",
        engines.join(", ")
    )
}

/// The shard a CI's or a batch scheduler's job-index variables describe.
fn from_ci(env: &dyn Fn(&str) -> Option<String>) -> Result<Shard, UsageError> {
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let number = |name: &str, value: &str| {
        value.trim().parse::<usize>().map_err(|_| {
            UsageError::new(
                format!("`--shard auto`: `{name}={value}` is not a whole number"),
                format!("set `{name}` to a whole number, or pass `--shard K/N`"),
            )
        })
    };
    for engine in ENGINES {
        let own_count = engine.count.and_then(|name| Some((name, var(name)?)));
        let Some(index_text) = var(engine.index) else {
            if let Some((count_name, _)) = own_count {
                return Err(UsageError::new(
                    format!(
                        "`--shard auto`: {} sets `{count_name}` but not `{}`",
                        engine.name, engine.index
                    ),
                    auto_hint(),
                ));
            }
            continue;
        };
        let raw = number(engine.index, &index_text)?;
        let index = match engine.base {
            Base::Zero => raw.checked_add(1),
            Base::One => Some(raw),
            Base::Variable { first, step } => {
                let Some(first_text) = var(first) else {
                    return Err(UsageError::new(
                        format!(
                            "`--shard auto`: {} sets `{}` but not `{first}`",
                            engine.name, engine.index
                        ),
                        format!("set `{first}` to the first index of the array"),
                    ));
                };
                let first_index = number(first, &first_text)?;
                let step_size = match var(step) {
                    Some(text) => number(step, &text)?.max(1),
                    None => 1,
                };
                let offset = raw.checked_sub(first_index).filter(|o| o % step_size == 0);
                let Some(offset) = offset else {
                    return Err(UsageError::new(
                        format!(
                            "`--shard auto`: {} index {raw} is not one of the array's \
                             ({first}={first_index}, step {step_size})"
                        , engine.name),
                        "give the array evenly spaced indexes (e.g. `--array=0-3`), or pass `--shard K/N`",
                    ));
                };
                Some(offset / step_size + 1)
            }
        }
        .unwrap_or(0);
        let (count_name, count_text) = match own_count
            .or_else(|| Some((COUNT_ENV, var(COUNT_ENV)?)))
        {
            Some(found) => found,
            None => {
                let set = match engine.count {
                    Some(own) => format!("`{own}` or `{COUNT_ENV}`"),
                    None => format!("`{COUNT_ENV}`"),
                };
                return Err(UsageError::new(
                    format!(
                        "`--shard auto`: {} sets `{}` but no count of jobs",
                        engine.name, engine.index
                    ),
                    format!(
                        "set {set} to the number of jobs (e.g. `{COUNT_ENV}=4`), or pass `--shard K/N`"
                    ),
                ));
            }
        };
        let count = number(count_name, &count_text)?;
        return check(index, count).map_err(|problem| {
            UsageError::new(
                format!(
                    "`--shard auto` ({}: `{}`, `{count_name}`): {problem}",
                    engine.name, engine.index
                ),
                auto_hint(),
            )
        });
    }
    Err(UsageError::new(
        "`--shard auto` found no job-index variables of a CI or a batch scheduler",
        auto_hint(),
    ))
}

/// Keeps the rows of `shard`, says on stderr which ones, and lets the client's rate books
/// expect the N shards on the key from the first window (the server's counts then correct it).
pub(super) fn select(
    ctx: &Context,
    plan: &mut BatchPlan,
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

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
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
            choose(Some(fixed(1, 2)), &vars).unwrap(),
            Some(Shard { index: 1, count: 2 })
        );
        assert_eq!(
            choose(None, &vars).unwrap(),
            Some(Shard { index: 3, count: 4 })
        );
        let auto = env(&[
            (ENV, "auto"),
            ("CI_NODE_INDEX", "2"),
            ("CI_NODE_TOTAL", "5"),
        ]);
        assert_eq!(
            choose(None, &auto).unwrap(),
            Some(Shard { index: 2, count: 5 })
        );
        assert_eq!(choose(None, &env(&[(ENV, " ")])).unwrap(), None);
        let err = choose(None, &env(&[(ENV, "5/4")])).unwrap_err();
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
    fn auto_reads_kubernetes_and_aws_batch_from_zero_with_the_count_from_pletor_shard_count() {
        for index in ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] {
            let first = env(&[(index, "0"), (COUNT_ENV, "4")]);
            assert_eq!(from_ci(&first).unwrap(), Shard { index: 1, count: 4 });
            let last = env(&[(index, "3"), (COUNT_ENV, "4")]);
            assert_eq!(from_ci(&last).unwrap(), Shard { index: 4, count: 4 });
            let past = from_ci(&env(&[(index, "4"), (COUNT_ENV, "4")])).unwrap_err();
            assert!(
                past.message.contains("there is no shard 5 of 4"),
                "{}",
                past.message
            );

            // An index without a count says which variable to set, and guesses nothing.
            let alone = from_ci(&env(&[(index, "2")])).unwrap_err();
            assert!(
                alone
                    .message
                    .contains(&format!("sets `{index}` but no count of jobs")),
                "{}",
                alone.message
            );
            let hint = alone.hint.unwrap();
            assert!(
                hint.starts_with("set `PLETOR_SHARD_COUNT` to the number of jobs"),
                "{hint}"
            );
            let junk = from_ci(&env(&[(index, "2"), (COUNT_ENV, "four")])).unwrap_err();
            assert!(
                junk.message
                    .contains("`PLETOR_SHARD_COUNT=four` is not a whole number"),
                "{}",
                junk.message
            );
        }
        let kubernetes = from_ci(&env(&[("JOB_COMPLETION_INDEX", "1")])).unwrap_err();
        assert!(kubernetes.message.contains("a Kubernetes Indexed Job"));
        let aws = from_ci(&env(&[("AWS_BATCH_JOB_ARRAY_INDEX", "1")])).unwrap_err();
        assert!(aws.message.contains("an AWS Batch array job"));
    }

    #[test]
    fn auto_reads_slurm_arrays_from_their_first_index_in_their_step() {
        let slurm = |id: &str, min: &str, count: &str, step: Option<&str>| {
            let mut vars = vec![
                ("SLURM_ARRAY_TASK_ID", id.to_string()),
                ("SLURM_ARRAY_TASK_MIN", min.to_string()),
                ("SLURM_ARRAY_TASK_COUNT", count.to_string()),
            ];
            if let Some(step) = step {
                vars.push(("SLURM_ARRAY_TASK_STEP", step.to_string()));
            }
            from_ci(&move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            })
        };
        // `--array=0-3` and `--array=1-4` and `--array=10-13` are all shards 1 to 4.
        for (first, last) in [(0, 3), (1, 4), (10, 13)] {
            let shards: Vec<Shard> = (first..=last)
                .map(|id| slurm(&id.to_string(), &first.to_string(), "4", None).unwrap())
                .collect();
            let expected: Vec<Shard> = (1..=4).map(|index| Shard { index, count: 4 }).collect();
            assert_eq!(shards, expected, "--array={first}-{last}");
        }
        // `--array=1-7:2` runs tasks 1, 3, 5, 7.
        assert_eq!(
            slurm("5", "1", "4", Some("2")).unwrap(),
            Shard { index: 3, count: 4 }
        );
        let between = slurm("4", "1", "4", Some("2")).unwrap_err();
        assert!(
            between
                .message
                .contains("index 4 is not one of the array's"),
            "{}",
            between.message
        );
        let no_count = from_ci(&env(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
        ]))
        .unwrap_err();
        assert!(
            no_count
                .message
                .contains("a Slurm array job sets `SLURM_ARRAY_TASK_ID` but no count"),
            "{}",
            no_count.message
        );
        assert!(
            no_count
                .hint
                .unwrap()
                .starts_with("set `SLURM_ARRAY_TASK_COUNT` or `PLETOR_SHARD_COUNT`")
        );
        let no_min = from_ci(&env(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]))
        .unwrap_err();
        assert!(
            no_min.message.contains("but not `SLURM_ARRAY_TASK_MIN`"),
            "{}",
            no_min.message
        );
    }

    #[test]
    fn auto_without_usable_ci_variables_is_a_usage_error() {
        let none = from_ci(&env(&[])).unwrap_err();
        assert!(none.message.contains("found no job-index variables"));
        let half = from_ci(&env(&[("CI_NODE_INDEX", "1")])).unwrap_err();
        assert!(
            half.message
                .contains("GitLab sets `CI_NODE_INDEX` but no count of jobs"),
            "{}",
            half.message
        );
        let hint = half.hint.unwrap();
        assert!(
            hint.starts_with("set `CI_NODE_TOTAL` or `PLETOR_SHARD_COUNT`"),
            "{hint}"
        );
        let count_only = from_ci(&env(&[("CI_NODE_TOTAL", "3")])).unwrap_err();
        assert!(
            count_only
                .message
                .contains("GitLab sets `CI_NODE_TOTAL` but not `CI_NODE_INDEX`"),
            "{}",
            count_only.message
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
