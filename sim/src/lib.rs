//! `pletor-sim`: a stateful local simulator of the Pletor public API.
//!
//! The contract of this crate is the library surface that tests use: a [`Config`], a [`Sim`]
//! handle that serves on its own thread (for synchronous tests) and [`serve`] for async callers
//! and the binary. Everything the server does follows the API contract (docs/api-contract.md),
//! with one consistent choice per guessed point; `sim/README.md` lists those choices. State lives
//! in memory; file bytes live in a data folder (a temporary one unless configured).

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use tokio_util::sync::CancellationToken;

mod admin;
mod api;
mod assets;
pub mod catalog;
mod clock;
mod faults;
mod gate;
mod hostile;
pub mod png;
mod ratelimit;
mod runs;
mod server;
mod state;

pub use api::Paging;
pub use ratelimit::RateLimits;

use state::Shared;

/// Everything that shapes one simulator instance.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (used by the binary; [`Sim::start`] binds it too).
    pub addr: SocketAddr,
    /// Accepted `X-Api-Key` values; the first one is what [`Sim::key`] returns.
    pub keys: Vec<String>,
    /// Accept any `Authorization: Bearer <token>` as the same organization.
    pub accept_bearer: bool,
    /// Multiplies every simulated duration (0.001 makes a 3 s run take 3 ms).
    pub time_scale: f64,
    /// Overrides every agent's nominal run duration, in seconds, before `time_scale`.
    pub run_seconds: Option<f64>,
    /// Requests allowed per window and key, per bucket.
    pub rate_limits: RateLimits,
    /// Length of one fixed rate-limit window.
    pub rate_window: Duration,
    /// Where asset bytes are stored; `None` means a temporary folder removed on shutdown.
    pub data_dir: Option<PathBuf>,
    /// Default page size of lists (a request may ask for up to 100 with `?limit=`).
    pub page_size: usize,
    /// Largest page a list returns, whatever `?limit=` asks (1 to 100). Small values make
    /// every client's pagination show.
    pub max_page_size: usize,
    /// How lists page (`--paging`): the default `has_more` + `starting_after`, or another
    /// common shape, so a client can be tried against each.
    pub paging: Paging,
    /// List runs, app runs and assets oldest first instead of newest first (`--oldest-first`).
    pub oldest_first: bool,
    /// Whether a run shows the `inputs` it was created with. Off, runs answer without them,
    /// as a server that does not echo a request's inputs would.
    pub echo_inputs: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            keys: vec![DEFAULT_KEY.to_owned()],
            accept_bearer: false,
            time_scale: 1.0,
            run_seconds: None,
            rate_limits: RateLimits::default(),
            rate_window: Duration::from_secs(60),
            data_dir: None,
            page_size: 20,
            max_page_size: 100,
            paging: Paging::default(),
            oldest_first: false,
            echo_inputs: true,
        }
    }
}

/// The key a default simulator accepts.
pub const DEFAULT_KEY: &str = "sk-sim-local";

/// Where the public API lives on the server.
pub const API_PREFIX: &str = "/api/public/v1";

/// Where the control and observation endpoints live.
pub const ADMIN_PREFIX: &str = "/_sim";

impl Config {
    /// Rejects settings that would make the server misbehave instead of failing loudly.
    fn validate(&self) -> anyhow::Result<()> {
        if self.keys.is_empty() || self.keys.iter().any(String::is_empty) {
            return Err(anyhow!("at least one non-empty API key is required"));
        }
        if !(self.time_scale.is_finite() && self.time_scale >= 0.0) {
            return Err(anyhow!("time scale must be a finite number >= 0"));
        }
        if let Some(s) = self.run_seconds
            && !(s.is_finite() && s >= 0.0)
        {
            return Err(anyhow!("run seconds must be a finite number >= 0"));
        }
        if !(1..=100).contains(&self.page_size) {
            return Err(anyhow!("page size must be between 1 and 100"));
        }
        if !(1..=100).contains(&self.max_page_size) {
            return Err(anyhow!("max page size must be between 1 and 100"));
        }
        if self.rate_window.is_zero() {
            return Err(anyhow!("rate window must be longer than zero"));
        }
        Ok(())
    }
}

/// A running simulator on its own thread and runtime; dropping it stops the server.
pub struct Sim {
    addr: SocketAddr,
    key: String,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
    thread: Option<std::thread::JoinHandle<anyhow::Result<()>>>,
}

impl Sim {
    /// Binds `config.addr`, then serves on a dedicated thread with its own tokio runtime.
    ///
    /// Synchronous on purpose: the CLI's tests are plain `#[test]` functions. The socket is
    /// listening when this returns, so the first request cannot race the startup.
    pub fn start(config: Config) -> anyhow::Result<Sim> {
        config.validate()?;
        let listener = std::net::TcpListener::bind(config.addr)
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let key = config.keys[0].clone();
        let shared = Arc::new(Shared::new(config, addr)?);
        let shutdown = CancellationToken::new();
        let thread = {
            let shared = shared.clone();
            let shutdown = shutdown.clone();
            std::thread::Builder::new()
                .name("pletor-sim".into())
                .spawn(move || run_thread(shared, listener, shutdown))?
        };
        Ok(Sim {
            addr,
            key,
            shared,
            shutdown,
            thread: Some(thread),
        })
    }

    /// The API base, `http://127.0.0.1:PORT/api/public/v1`.
    pub fn api_base(&self) -> String {
        format!("http://{}{API_PREFIX}", self.addr)
    }

    /// The admin root, `http://127.0.0.1:PORT/_sim`.
    pub fn admin_url(&self) -> String {
        format!("http://{}{ADMIN_PREFIX}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The first configured API key.
    pub fn key(&self) -> String {
        self.key.clone()
    }

    /// The folder that holds asset bytes.
    pub fn data_dir(&self) -> PathBuf {
        self.shared.data_dir().to_path_buf()
    }

    /// The same document as `GET /_sim/stats`, without an HTTP round trip.
    pub fn stats(&self) -> serde_json::Value {
        admin::stats_json(&self.shared)
    }

    /// The same document as `GET /_sim/requests`, without an HTTP round trip.
    pub fn requests(&self) -> serde_json::Value {
        admin::requests_json(&self.shared)
    }

    /// Appends fault rules (a JSON list or one rule object), like `POST /_sim/faults`.
    pub fn add_faults(&self, rules: serde_json::Value) -> anyhow::Result<()> {
        self.shared
            .faults
            .add(rules)
            .map(drop)
            .map_err(|e| anyhow!(e))
    }

    /// Removes every active fault rule, like `DELETE /_sim/faults`.
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Moves the simulated clock forward, like `POST /_sim/clock`.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some(thread) = self.thread.take() {
            // A panic or error on the server thread has nowhere better to go during drop.
            let _ = thread.join();
        }
    }
}

/// The body of the server thread: a runtime that lives exactly as long as the server.
fn run_thread(
    shared: Arc<Shared>,
    listener: std::net::TcpListener,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("pletor-sim-worker")
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        server::run(shared, listener, shutdown.cancelled_owned()).await
    })
}

/// Serves `config` on `listener` until `shutdown` resolves, then drains connections briefly.
///
/// For the binary and for async callers; the data folder (if temporary) is removed on return.
pub async fn serve(
    config: Config,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    config.validate()?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(config, addr)?);
    server::run(shared, listener, shutdown).await
}
