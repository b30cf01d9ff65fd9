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
mod config;
mod faults;
mod gate;
mod hostile;
pub mod png;
mod ratelimit;
mod runs;
mod server;
mod state;
mod sync;

pub use api::Paging;
pub use config::{ADMIN_PREFIX, API_PREFIX, Config, DEFAULT_KEY};
pub use ratelimit::RateLimits;

use state::Shared;

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
