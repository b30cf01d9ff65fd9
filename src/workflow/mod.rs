//! What `run`, `app-run`, `runs wait`, `review` and batches share: AGENT and APP arguments
//! resolved by id, prefix, name or slug ([`resolve`]), RUN and ASSET ids checked or resolved
//! from a prefix ([`ids`]), inputs from the command line to the API
//! body ([`inputs`]), the checks before anything costs ([`preflight`]), the plan a `--dry-run`
//! prints ([`dry_run`]) and the estimated cost ([`cost`]), starting a run without paying twice
//! ([`start`]) and adopting only the run that was asked for ([`reuse`]), waiting at the one polling policy ([`wait`], [`cadence`]), review pauses
//! ([`review`]) and the end of a run: files, exit code and envelope ([`outcome`]); batches of
//! runs, one per row of a file ([`batch`]); lists of runs people can read ([`listing`]); and the
//! live view of many runs ([`watch`]); `-o -`, a result's bytes on stdout ([`to_stdout`]);
//! and text read from stdin or a local document under a cap ([`local_text`]).

pub mod batch;
pub mod cadence;
pub mod cost;
pub mod dry_run;
pub mod ids;
pub mod inputs;
pub mod listing;
pub mod local_text;
pub mod next;
pub mod outcome;
pub mod preflight;
pub mod resolve;
pub mod reuse;
pub mod review;
pub mod start;
pub mod to_stdout;
pub mod wait;
pub mod watch;
