//! The state one simulator instance shares between connections.
//!
//! Domain objects (runs, app runs, assets and the `external_id` claims) sit behind one mutex in
//! [`Store`], so a create is checked and claimed atomically. Counters, the request log, the
//! rate limiter and the fault list have their own locks; no lock is ever held across an await.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use anyhow::Context as _;
use serde::Serialize;
use serde_json::Value;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::assets::AssetTable;
use crate::catalog::{Entry, Kind};
use crate::clock::Clock;
use crate::config::{API_PREFIX, Config};
use crate::faults::Faults;
use crate::ratelimit::Limiter;
use crate::runs::RunTable;
use crate::sync::lock;

/// Most request-log entries kept; older ones are dropped so a long benchmark stays bounded.
const LOG_CAPACITY: usize = 100_000;

/// Everything a handler can reach.
pub struct Shared {
    /// The configuration the server was started with.
    pub config: Config,
    /// `http://HOST:PORT/api/public/v1`, for asset URLs.
    pub api_base: String,
    /// The simulated clock.
    pub clock: Clock,
    /// Runs, assets and claims.
    pub store: Mutex<Store>,
    /// Per-key fixed-window counters.
    pub limiter: Limiter,
    /// Active fault rules.
    pub faults: Faults,
    /// Counters for `/_sim/stats`.
    pub stats: Stats,
    /// The request log, in completion order.
    pub log: Mutex<Vec<LogEntry>>,
    /// Cancelled when the server stops, so hanging requests can let go.
    pub stopping: CancellationToken,
    data_dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

impl Shared {
    /// Prepares the data folder and an empty store for a server listening on `addr`.
    pub fn new(config: Config, addr: SocketAddr) -> anyhow::Result<Shared> {
        let (data_dir, temp) = match &config.data_dir {
            Some(dir) => (dir.clone(), None),
            None => {
                let temp = tempfile::Builder::new().prefix("pletor-sim-").tempdir()?;
                (temp.path().to_path_buf(), Some(temp))
            }
        };
        let asset_dir = data_dir.join("assets");
        std::fs::create_dir_all(&asset_dir)
            .with_context(|| format!("cannot create {}", asset_dir.display()))?;
        let host = if addr.ip().is_unspecified() {
            SocketAddr::from(([127, 0, 0, 1], addr.port()))
        } else {
            addr
        };
        Ok(Shared {
            api_base: format!("http://{host}{API_PREFIX}"),
            clock: Clock::default(),
            store: Mutex::new(Store::new(asset_dir)),
            limiter: Limiter::new(config.rate_limits, config.rate_window),
            faults: Faults::default(),
            stats: Stats::default(),
            log: Mutex::new(Vec::new()),
            stopping: CancellationToken::new(),
            config,
            data_dir,
            _temp: temp,
        })
    }

    /// The folder that holds asset bytes (under `assets/`).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// How long a run of `entry` takes on this server.
    pub fn run_duration(&self, entry: &Entry) -> Duration {
        let nominal = self.config.run_seconds.unwrap_or(entry.nominal_seconds);
        // Capped so that `created + duration` can never overflow a SystemTime.
        let secs = (nominal * self.config.time_scale).clamp(0.0, 1e9);
        Duration::from_secs_f64(secs)
    }

    /// Appends one finished request to the log.
    pub fn record(&self, entry: LogEntry) {
        let mut log = lock(&self.log);
        if log.len() >= LOG_CAPACITY {
            log.drain(..LOG_CAPACITY / 10);
        }
        log.push(entry);
    }
}

/// The `external_id` namespaces; a key used in one is free in the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// `POST /runs/`.
    Runs,
    /// `POST /app-runs/`.
    AppRuns,
    /// `POST /assets/upload/`.
    Uploads,
}

impl Namespace {
    /// The namespace of creates of `kind`.
    pub fn for_kind(kind: Kind) -> Namespace {
        match kind {
            Kind::Agent => Namespace::Runs,
            Kind::App => Namespace::AppRuns,
        }
    }
}

/// Domain state: everything a create, read or review touches.
pub struct Store {
    /// Agent runs.
    pub runs: RunTable,
    /// App runs.
    pub app_runs: RunTable,
    /// Uploaded, generated and admin-created assets.
    pub assets: AssetTable,
    claims: HashMap<(Namespace, String), Uuid>,
}

impl Store {
    fn new(asset_dir: PathBuf) -> Store {
        Store {
            runs: RunTable::default(),
            app_runs: RunTable::default(),
            assets: AssetTable::new(asset_dir),
            claims: HashMap::new(),
        }
    }

    /// The runs of `kind`.
    pub fn table(&mut self, kind: Kind) -> &mut RunTable {
        match kind {
            Kind::Agent => &mut self.runs,
            Kind::App => &mut self.app_runs,
        }
    }

    /// The runs of `kind` and the assets, borrowed together (results create assets).
    pub fn split(&mut self, kind: Kind) -> (&mut RunTable, &mut AssetTable) {
        let table = match kind {
            Kind::Agent => &mut self.runs,
            Kind::App => &mut self.app_runs,
        };
        (table, &mut self.assets)
    }

    /// Whether `key` is already used in `ns`; keys stay claimed forever.
    pub fn is_claimed(&self, ns: Namespace, key: &str) -> bool {
        self.claims.contains_key(&(ns, key.to_owned()))
    }

    /// Claims `key` in `ns` for the object `id`.
    pub fn claim(&mut self, ns: Namespace, key: &str, id: Uuid) {
        self.claims.insert((ns, key.to_owned()), id);
    }
}

/// Counters reported by `/_sim/stats`.
#[derive(Debug, Default)]
pub struct Stats {
    /// API requests received (admin requests excluded).
    pub requests: AtomicU64,
    /// Agent runs created.
    pub runs_created: AtomicU64,
    /// App runs created.
    pub app_runs_created: AtomicU64,
    /// Uploads stored through `POST /assets/upload/`.
    pub assets_uploaded: AtomicU64,
    /// Reviews approved or rejected.
    pub reviews_resolved: AtomicU64,
    /// 429 answers from the rate limiter.
    pub rate_limited: AtomicU64,
    /// 409 answers of any cause.
    pub conflicts: AtomicU64,
    /// Fault rules that fired.
    pub faults_fired: AtomicU64,
    /// Body bytes the hostile fault kinds (`trickle`, `endless`, `oversize`, `large_json`)
    /// handed to the connection: how much a client read before it stopped.
    pub fault_body_bytes: AtomicU64,
}

impl Stats {
    /// Adds one to `counter`.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Reads `counter`.
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}

/// One line of `GET /_sim/requests`.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    /// When the request arrived, Unix seconds (wall clock, not the simulated clock).
    pub t: f64,
    /// HTTP method.
    pub method: String,
    /// The full request path, as received.
    pub path: String,
    /// The raw query string, `""` when absent.
    pub query: String,
    /// The status answered; 0 when no response was sent (reset, hang, client gone).
    pub status: u16,
    /// The `external_id` from the JSON body, the upload form or the query.
    pub external_id: Option<String>,
    /// Names of the auth headers present, never their values.
    pub auth: Vec<&'static str>,
    /// The request body when it was JSON of at most 64 KiB.
    pub body: Option<Value>,
    /// The fault kind that fired on this request, if any.
    pub fault: Option<String>,
}

/// `SystemTime::now()` for log stamps; a named function so the intent is visible.
pub fn wall_now() -> SystemTime {
    SystemTime::now()
}
