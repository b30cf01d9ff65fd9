//! Batches: the JSON lines a batch prints, the simulator's counters, prompt files, run limits.

use std::process::Output;
use std::time::Duration;

use pletor_sim::{Config, RateLimits};
use serde_json::Value;

use super::{World, fast_config, stdout};

/// The JSON lines on stdout.
pub fn lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

/// One of the simulator's counters.
pub fn stat(world: &World, name: &str) -> u64 {
    world.stats()[name].as_u64().unwrap()
}

/// Writes `rows` Text to Image prompts as JSON Lines.
pub fn prompts(world: &World, name: &str, rows: usize) {
    let text: String = (1..=rows)
        .map(|n| format!("{{\"prompt\": \"a fox, take {n}\"}}\n"))
        .collect();
    world.file(name, text.as_bytes());
}

/// Fast runs, and at most `runs` run creations per `window`.
pub fn run_limit(runs: u32, window: Duration) -> Config {
    Config {
        rate_limits: RateLimits {
            runs,
            ..RateLimits::default()
        },
        rate_window: window,
        ..fast_config()
    }
}
