//! Exit codes, and how an error becomes what the user sees.
//!
//! Commands return `anyhow::Result<Exit>`: `Ok` carries the verdict of a command that did its
//! job (a run that failed is still a job done, exit 3), `Err` an error. [`classify`] is the one
//! place that maps every error kind to an exit code, a machine code and a hint; the Printer
//! renders the result as `error:` / `Caused by:` / `hint:` lines or as one JSON document.

use std::fmt;

use crate::api::ApiError;

/// The exit codes: a promise to scripts, listed by `pletor help exit-codes` (see `topics`).
/// No `Ord`: the codes' numeric order is not their severity (see `workflow::outcome::worst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The command did what was asked (for a run: it completed and its files are saved).
    Success = 0,
    /// Network, server or unexpected-response error.
    Error = 1,
    /// Usage or configuration error.
    Usage = 2,
    /// The run (or a batch row) failed.
    RunFailed = 3,
    /// Authentication or permission refused.
    Auth = 4,
    /// The API answered 404: the id names nothing this key can see.
    NotFound = 5,
    /// Rate limited after all retries.
    RateLimited = 6,
    /// Timed out waiting; the run is still going.
    Timeout = 7,
    /// The run was cancelled.
    Cancelled = 8,
    /// The run waits for a human review that no one here can answer.
    Review = 10,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
    /// Stopped by SIGTERM (a CI cancel, `timeout`, `kill`): 128 + 15, as a shell reports it.
    Terminated = 143,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// A mistake in what the user asked for: bad flag value, unknown input, missing file.
#[derive(Debug)]
pub struct UsageError {
    /// One line saying what is wrong.
    pub message: String,
    /// The next thing to try, with the exact command or flag.
    pub hint: Option<String>,
}

impl UsageError {
    /// A usage error with a hint.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UsageError {}

/// An error with an explicit exit code, machine code and hint, for outcomes that are not API or
/// usage errors: no credentials, a prompt that cannot be shown, a wait that timed out.
#[derive(Debug)]
pub struct Failure {
    /// The code the command exits with; [`classify`] takes it as is.
    pub exit: Exit,
    /// The machine-readable code in `--json` errors.
    pub code: &'static str,
    /// One line saying what happened.
    pub message: String,
    /// The next thing to try.
    pub hint: Option<String>,
}

impl Failure {
    /// A failure without a hint; [`Failure::hint`] adds one.
    pub fn new(exit: Exit, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            exit,
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// What the user sees of an error.
#[derive(Debug)]
pub struct Report {
    /// The code the process exits with.
    pub exit: Exit,
    /// The machine-readable code (`not_found`, `usage`, …).
    pub code: &'static str,
    /// The outermost error's text, cleaned: the `error:` line.
    pub message: String,
    /// The chain of causes below it, outermost first.
    pub causes: Vec<String>,
    /// The `hint:` line: the next command or flag to try; `None` when there is none to give.
    pub hint: Option<String>,
    /// The HTTP status, when the error came from one.
    pub status: Option<u16>,
}

/// Maps any error to its exit code, machine code and hint. The one exhaustive mapping.
pub fn classify(err: &anyhow::Error) -> Report {
    let mut report = Report {
        exit: Exit::Error,
        code: "error",
        message: crate::output::text::clean(&err.to_string()),
        causes: err
            .chain()
            .skip(1)
            .map(|c| crate::output::text::clean(&c.to_string()))
            .collect(),
        hint: None,
        status: None,
    };
    for cause in err.chain() {
        if let Some(api) = cause.downcast_ref::<ApiError>() {
            report.exit = api_exit(api);
            report.code = api.code();
            report.hint = api_hint(api).map(str::to_string);
            report.status = api.status();
            break;
        }
        if let Some(usage) = cause.downcast_ref::<UsageError>() {
            report.exit = Exit::Usage;
            report.code = "usage";
            report.hint = usage.hint.clone();
            break;
        }
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            report.exit = failure.exit;
            report.code = failure.code;
            report.hint = failure.hint.clone();
            break;
        }
        if let Some(config) = cause.downcast_ref::<crate::config::ConfigError>() {
            report.exit = Exit::Usage;
            report.code = "config";
            report.hint = config.hint();
            break;
        }
    }
    // Causes repeat the message when a context wraps an error that already says it all.
    report.causes.retain(|c| *c != report.message);
    report
}

/// The exit code of an API error, as `pletor help exit-codes` lists them.
fn api_exit(err: &ApiError) -> Exit {
    match err {
        ApiError::Status { status, .. } => match status {
            401 | 403 => Exit::Auth,
            404 => Exit::NotFound,
            400 | 422 => Exit::Usage,
            429 => Exit::RateLimited,
            _ => Exit::Error,
        },
        ApiError::RateLimitTooLong { .. } => Exit::RateLimited,
        ApiError::Insecure { .. }
        | ApiError::BadBase { .. }
        | ApiError::Body { .. }
        | ApiError::FileChanged { .. } => Exit::Usage,
        ApiError::Network { .. }
        | ApiError::Timeout { .. }
        | ApiError::Decode { .. }
        | ApiError::TooLarge { .. }
        | ApiError::BadRedirect { .. }
        | ApiError::Paging { .. } => Exit::Error,
    }
}

/// The next thing to try after an API error, with the exact command or flag.
fn api_hint(err: &ApiError) -> Option<&'static str> {
    Some(match err {
        ApiError::Status { status, .. } => match status {
            401 => "run `pletor auth login`, or set `PLETOR_API_KEY`",
            403 => "check that the key may do this and that the account has credits",
            404 => not_found_hint(err),
            429 => "wait a minute, or raise the budget with `--retries` and `--retry-max-wait`",
            500..=599 => "the API is having trouble; try again later",
            _ => return None,
        },
        ApiError::Network { .. } => {
            "check the network and `--api-base` (`pletor auth status` shows it)"
        }
        ApiError::Timeout { whole: false, .. } => {
            "try again, or allow longer silences with `--read-timeout`"
        }
        ApiError::Timeout { whole: true, .. } => {
            "try again, or allow slower answers with `--request-timeout`"
        }
        ApiError::TooLarge { .. } => {
            "the API sent far more than any answer holds; check `--api-base`, or report it with `-v` output"
        }
        ApiError::BadRedirect { .. } => {
            "the API base redirects somewhere pletor will not follow; check `--api-base`"
        }
        ApiError::FileChanged { .. } => "upload it again once nothing is writing to it",
        ApiError::Decode { .. } => {
            "the API answered something unexpected; try again, or report it with `-vv` output"
        }
        ApiError::Paging { .. } => {
            "the API's pages do not end as they should; report it with `-vv` output"
        }
        ApiError::RateLimitTooLong { .. } => {
            "try again after the reset, or raise `--retry-max-wait`"
        }
        ApiError::Insecure { .. } => {
            "use an `https://` API base (plain `http://` is only for loopback)"
        }
        ApiError::Body { .. } => "check that the file still exists and is readable",
        ApiError::BadBase { .. } => {
            "pass a full URL, e.g. `--api-base https://api.pletor.ai/api/public/v1`"
        }
    })
}

/// After a 404: the list command for the kind of id the path names, and only that one.
fn not_found_hint(err: &ApiError) -> &'static str {
    let path = match err {
        ApiError::Status { path, .. } => path.as_str(),
        _ => "",
    };
    match path.trim_start_matches('/').split('/').next() {
        Some("runs" | "app-runs") => {
            "check the id; `pletor runs list` shows the runs this key can see"
        }
        Some("assets") => "check the id; `pletor assets list` shows the assets this key can see",
        Some("agents") => "check the id; `pletor agents list` shows the agents this key can see",
        Some("apps") => "check the id; `pletor apps list` shows the apps this key can see",
        _ => "check the id and the path",
    }
}

/// Replaces the panic message with one that names only the place: a panic payload may carry
/// values (a request, a header), and no value may reach the terminal unchecked. The hook writes
/// without `eprintln!`, whose own panic on a full stderr would abort the process.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        to_stderr(&format!(
            "error: pletor hit a bug{place}\n\nhint: please report it with the command you ran and its `-v` output\n"
        ));
    }));
}

/// Reports an error that happened before the Printer exists (the runtime failed to start).
pub fn report_startup(err: &dyn std::error::Error) -> std::process::ExitCode {
    to_stderr(&format!("error: cannot start: {err}\n"));
    std::process::ExitCode::from(Exit::Error.code())
}

/// Writes to stderr, ignoring a closed or full one (the Printer is above this module).
fn to_stderr(text: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_2_with_their_hint() {
        let err = anyhow::Error::new(UsageError::new(
            "unknown input `size`",
            "see `pletor agents show`",
        ))
        .context("cannot start the run");
        let report = classify(&err);
        assert_eq!(report.exit, Exit::Usage);
        assert_eq!(report.code, "usage");
        assert_eq!(report.message, "cannot start the run");
        assert_eq!(report.causes, vec!["unknown input `size`".to_string()]);
        assert_eq!(report.hint.as_deref(), Some("see `pletor agents show`"));
    }

    #[test]
    fn api_statuses_map_to_the_documented_exit_codes() {
        let cases = [
            (401, Exit::Auth),
            (403, Exit::Auth),
            (404, Exit::NotFound),
            (422, Exit::Usage),
            (400, Exit::Usage),
            (429, Exit::RateLimited),
            (500, Exit::Error),
            (502, Exit::Error),
            (409, Exit::Error),
        ];
        for (code, exit) in cases {
            let err = ApiError::Status {
                method: "GET".into(),
                path: "/runs/x".into(),
                status: code,
                status_line: code.to_string(),
                detail: None,
            };
            assert_eq!(classify(&err.into()).exit, exit, "{code}");
        }
    }

    #[test]
    fn a_404_hints_the_list_of_its_own_kind_only() {
        let hint = |path: &str| {
            let err = ApiError::Status {
                method: "GET".into(),
                path: path.into(),
                status: 404,
                status_line: "404 Not Found".into(),
                detail: None,
            };
            classify(&err.into()).hint.unwrap_or_default()
        };
        assert!(hint("/runs/x").contains("`pletor runs list`"));
        assert!(hint("/app-runs/x").contains("`pletor runs list`"));
        assert!(hint("/assets/x/download").contains("`pletor assets list`"));
        assert!(hint("/agents/x").contains("`pletor agents list`"));
        assert!(hint("/apps/x").contains("`pletor apps list`"));
        for path in ["/runs/x", "/assets/x", "/agents/x"] {
            assert_eq!(hint(path).matches("pletor ").count(), 1, "{path}");
        }
    }

    #[test]
    fn unknown_errors_exit_1() {
        let report = classify(&anyhow::anyhow!("disk on fire"));
        assert_eq!(report.exit, Exit::Error);
        assert_eq!(report.code, "error");
    }

    #[test]
    fn failures_keep_their_exit_code() {
        let err =
            anyhow::Error::new(Failure::new(Exit::Timeout, "timeout", "gave up").hint("wait"));
        let report = classify(&err);
        assert_eq!((report.exit, report.code), (Exit::Timeout, "timeout"));
    }
}
