//! What `run`, `app-run`, `runs wait`, `review` and batches share: inputs from the command line
//! to the API body ([`inputs`]), starting a run without paying twice ([`start`]), waiting at
//! the one polling policy ([`wait`], [`cadence`]), review pauses ([`review`]) and the end of a run: files, exit code and
//! envelope ([`outcome`]); batches of runs, one per row of a file ([`batch`]); and the live view
//! of many runs ([`watch`]).

pub mod batch;
pub mod cadence;
pub mod inputs;
pub mod next;
pub mod outcome;
pub mod review;
pub mod start;
pub mod wait;
pub mod watch;
