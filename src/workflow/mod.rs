//! What `run`, `app-run`, `runs wait`, `review` and batches share: inputs from the command line
//! to the API body ([`inputs`]), starting a run without paying twice ([`start`]), waiting with
//! backoff ([`wait`]), review pauses ([`review`]) and the end of a run: files, exit code and
//! envelope ([`outcome`]); and batches of runs, one per row of a file ([`batch`]).

pub mod batch;
pub mod inputs;
pub mod outcome;
pub mod review;
pub mod start;
pub mod wait;
