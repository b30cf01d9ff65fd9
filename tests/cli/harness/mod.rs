//! The test harness: a simulator, a scratch folder, and the binary with a clean environment;
//! the helpers more than one test file uses live here too (terminal sessions, paused runs,
//! batches, the fault proxy), never in a sibling test file.

pub mod batch;
pub mod proxy;
#[cfg(unix)]
pub mod pty;
pub mod review;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use pletor_sim::{Config, Sim};
use serde_json::Value;

/// One test's world: a fresh simulator, a temporary HOME, config folder and working folder.
pub struct World {
    pub sim: Sim,
    pub home: tempfile::TempDir,
}

impl World {
    /// A simulator whose runs take a few milliseconds.
    pub fn new() -> Self {
        Self::with(fast_config())
    }

    /// A simulator with a given configuration.
    pub fn with(config: Config) -> Self {
        let sim = Sim::start(config).expect("the simulator starts");
        let home = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(home.path().join("work")).unwrap();
        Self { sim, home }
    }

    /// The working folder commands run in.
    pub fn work(&self) -> PathBuf {
        self.home.path().join("work")
    }

    /// The config folder.
    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    /// The config file's path; with `text`, writes it first (creating the folder).
    pub fn config_file(&self, text: Option<&str>) -> PathBuf {
        let path = self.config_dir().join("config.toml");
        if let Some(text) = text {
            std::fs::create_dir_all(self.config_dir()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        path
    }

    /// `pletor` pointed at the simulator with its key.
    pub fn pletor(&self) -> Command {
        Command::from_std(self.process(pletor_bin()))
    }

    /// `pletor` pointed at the simulator with no key in the environment: only a stored key
    /// (`auth login`) can be used.
    pub fn keyless(&self) -> Command {
        let mut cmd = self.bare();
        cmd.env("PLETOR_API_BASE", self.sim.api_base());
        cmd
    }

    /// `pletor` with a clean environment and no API settings at all.
    pub fn bare(&self) -> Command {
        Command::from_std(self.clean(pletor_bin()))
    }

    /// `program` with a clean environment: PATH, a temporary HOME and config folder,
    /// `NO_COLOR`, short client limits, the working folder; no API settings.
    pub fn clean(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("PLETOR_CONFIG_DIR", self.config_dir())
            .env("NO_COLOR", "1")
            // Keep failing tests fast: short timeouts and a small retry budget.
            .env("PLETOR_READ_TIMEOUT", "10s")
            .env("PLETOR_RETRY_MAX_WAIT", "20s")
            .current_dir(self.work());
        // Windows needs these to start sockets and find its own folders.
        #[cfg(windows)]
        for name in ["SYSTEMROOT", "WINDIR", "TEMP", "TMP", "PATHEXT", "COMSPEC"] {
            if let Some(value) = std::env::var_os(name) {
                cmd.env(name, value);
            }
        }
        cmd
    }

    /// `program` with the clean environment pointed at the simulator with its key.
    pub fn process(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = self.clean(program);
        cmd.env("PLETOR_API_BASE", self.sim.api_base())
            .env("PLETOR_API_KEY", self.sim.key());
        cmd
    }

    /// Runs `pletor ARGS` (as [`World::pletor`]) to the end and returns its output; panics
    /// unless it exited with `code`. See [`expect_code`] for commands that need more setup.
    #[track_caller]
    pub fn run_expect(&self, args: &[&str], code: i32) -> Output {
        expect_code(self.pletor().args(args), code)
    }

    /// Starts `pletor ARGS` in the background (for signals and concurrency), with the same
    /// environment as [`World::pletor`] and piped output.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        self.process(pletor_bin())
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("pletor starts")
    }

    /// Waits (up to 30 s) until the simulator's request log holds a request matching `seen`.
    pub fn wait_for_request(&self, seen: impl Fn(&Value) -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !self.requests().iter().any(&seen) {
            assert!(
                std::time::Instant::now() < deadline,
                "the expected request never came"
            );
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
    }

    /// GET an admin endpoint (`stats`, `requests`, `faults`).
    pub fn admin(&self, path: &str) -> Value {
        let url = format!("{}/{path}", self.sim.admin_url());
        block(async move {
            reqwest::get(url)
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        })
    }

    /// The simulator's counters.
    pub fn stats(&self) -> Value {
        self.admin("stats")
    }

    /// The simulator's request log.
    pub fn requests(&self) -> Vec<Value> {
        self.admin("requests")
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// POST a JSON body to an admin endpoint.
    pub fn admin_post(&self, path: &str, body: Value) -> Value {
        let url = format!("{}/{path}", self.sim.admin_url());
        block(async move {
            let response = reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert!(
                response.status().is_success(),
                "admin POST failed: {}",
                response.status()
            );
            response.json::<Value>().await.unwrap_or(Value::Null)
        })
    }

    /// Adds fault rules.
    pub fn faults(&self, rules: Value) {
        self.admin_post("faults", rules);
    }

    /// Calls the API directly as a plain client would (for setting up state).
    pub fn api(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.sim.api_base());
        let key = self.sim.key();
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        block(async move {
            let mut request = reqwest::Client::new()
                .request(method, url)
                .header("X-Api-Key", key);
            if let Some(body) = body {
                request = request.json(&body);
            }
            request
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap_or(Value::Null)
        })
    }

    /// Writes a file in the working folder.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.work().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// The path of the `pletor` binary under test.
pub fn pletor_bin() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_pletor"))
}

/// The default test configuration: runs take milliseconds.
pub fn fast_config() -> Config {
    Config {
        time_scale: 0.01,
        ..Config::default()
    }
}

/// Runs a future to completion on a private runtime.
pub fn block<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Runs `cmd` to the end and returns its output for the test to check further (streams, files,
/// what the simulator received). Panics unless `cmd` exited with `code`; the message names the
/// program and its arguments, the expected code and the actual exit, and both streams.
///
/// For commands that need more than arguments (environment, stdin, a timeout, [`World::bare`]);
/// [`World::run_expect`] is the short form for `pletor ARGS`.
#[track_caller]
pub fn expect_code(cmd: &mut Command, code: i32) -> Output {
    let output = cmd.output().expect("the command starts");
    if output.status.code() != Some(code) {
        let program = Path::new(cmd.get_program()).file_name().unwrap_or_default();
        let args: Vec<_> = cmd.get_args().map(|arg| arg.to_string_lossy()).collect();
        panic!(
            "`{} {args:?}` ended with {}, expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            program.to_string_lossy(),
            output.status,
            stdout(&output),
            stderr(&output),
        );
    }
    output
}

/// The process's stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The process's stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The process's stdout as JSON.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(output)))
}

/// Every file under `root`, relative, sorted.
pub fn tree(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

/// Sends SIGINT to a child and collects its output. (Unix: Windows has no signal to send to
/// one process; Ctrl-C there goes to a whole console.)
#[cfg(unix)]
pub fn interrupt(child: std::process::Child) -> Output {
    signal(child, "INT")
}

/// Sends the signal `name` (`INT`, `TERM`) to a child and collects its output.
#[cfg(unix)]
pub fn signal(child: std::process::Child, name: &str) -> Output {
    let sent = std::process::Command::new("kill")
        .args([format!("-{name}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    child.wait_with_output().unwrap()
}

/// Asserts that neither stream of `output` contains `secret`.
pub fn assert_no_secret(output: &Output, secret: &str) {
    assert!(!stdout(output).contains(secret), "the key leaked to stdout");
    assert!(!stderr(output).contains(secret), "the key leaked to stderr");
}

/// The one command that rewrites every generated text the tests compare: the insta snapshots
/// (`tests/cli/snapshots/`), the shipped `completions/` and the help topics quoted in `docs/`.
/// Review what it changed with `git diff` before committing.
pub const REGENERATE: &str =
    "INSTA_UPDATE=always cargo test --locked --test cli -- help:: topics::";

/// Whether this run rewrites generated texts instead of failing on them: insta's own switch,
/// `INSTA_UPDATE=always` (or `1`, `force`), so one command refreshes the snapshots and the
/// shipped files alike. CI sets `INSTA_UPDATE=no`.
pub fn regenerating() -> bool {
    matches!(
        std::env::var("INSTA_UPDATE").as_deref(),
        Ok("always" | "1" | "force")
    )
}

/// insta settings for the snapshots of `tests/cli/snapshots/FOLDER`, named as given (no module
/// prefix), with no expression in the header: the description says what was run.
pub fn snapshots_in(folder: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("snapshots/{folder}"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// Asserts that the committed file `path` (from the repository root) holds `expected`, what
/// `source` generates; when [`regenerating`], rewrites it instead.
#[track_caller]
pub fn in_step(path: &str, expected: &[u8], source: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if let Err(line) = check_in_step(&full, path, expected, source, regenerating()) {
        panic!("{line}");
    }
}

/// [`in_step`] with the mode given: `Err` is the one line a drift fails with.
pub fn check_in_step(
    full: &Path,
    shown: &str,
    expected: &[u8],
    source: &str,
    write: bool,
) -> Result<(), String> {
    if write {
        std::fs::write(full, expected).unwrap();
        return Ok(());
    }
    match std::fs::read(full) {
        Ok(committed) if committed == expected => Ok(()),
        _ => Err(format!(
            "{shown} is not what {source} prints: run `{REGENERATE}` and review `git diff`"
        )),
    }
}

/// Asserts that `tests/cli/snapshots/FOLDER` holds the snapshots `names` and no other: a
/// command removed takes its snapshot with it. When [`regenerating`], deletes the others.
#[track_caller]
pub fn only_snapshots(folder: &str, names: &[String]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/snapshots")
        .join(folder);
    let expected: Vec<String> = names.iter().map(|n| format!("{n}.snap")).collect();
    for file in tree(&dir) {
        if !file.ends_with(".snap") || expected.contains(&file) {
            continue;
        }
        if regenerating() {
            std::fs::remove_file(dir.join(&file)).unwrap();
            continue;
        }
        panic!(
            "tests/cli/snapshots/{folder}/{file} belongs to no command: run `{REGENERATE}` \
             and review `git diff`"
        );
    }
}

/// Nothing was uploaded or created: runs, app runs and assets stay at zero.
#[track_caller]
pub fn assert_nothing_paid(world: &World) {
    let stats = world.stats();
    assert_eq!(stats["runs_created"], 0, "{stats}");
    assert_eq!(stats["app_runs_created"], 0, "{stats}");
    assert_eq!(stats["assets_uploaded"], 0, "{stats}");
}
