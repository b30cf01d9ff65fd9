//! What every command gets: the settings, the printer, and the API client (built on first use,
//! so that commands which never call the API never need a key). It also keeps what one
//! invocation reads once and uses in several places: the catalog of agents and of apps.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::api::Kind;
use crate::api::catalog::{self, Filters};
use crate::api::list::{Limit, Shortfall};
use crate::api::models::CatalogEntry;
use crate::api::{Client, ClientConfig};
use crate::error::{Exit, Failure};
use crate::output::{Log, Printer, clean_line};
use crate::settings::Settings;

/// The command context, passed as `&Context`.
pub struct Context {
    /// Resolved settings.
    pub settings: Settings,
    /// The printer: all output goes through it.
    pub out: Printer,
    api: OnceLock<Client>,
    resume_note: Mutex<Option<String>>,
    agents: tokio::sync::OnceCell<Vec<CatalogEntry>>,
    apps: tokio::sync::OnceCell<Vec<CatalogEntry>>,
    /// Set by a command for which Ctrl-C is its normal end (`runs watch` of every run); `app`
    /// then tells it through `interrupt` instead of ending the program with 130.
    ends_on_interrupt: std::sync::atomic::AtomicBool,
    interrupt: tokio::sync::watch::Sender<bool>,
}

impl Context {
    /// Builds the context.
    pub fn new(settings: Settings) -> Self {
        let out = Printer::new(settings.output.clone());
        Self {
            settings,
            out,
            api: OnceLock::new(),
            resume_note: Mutex::new(None),
            agents: tokio::sync::OnceCell::new(),
            apps: tokio::sync::OnceCell::new(),
            ends_on_interrupt: std::sync::atomic::AtomicBool::new(false),
            interrupt: tokio::sync::watch::Sender::new(false),
        }
    }

    /// Makes Ctrl-C this command's normal end: from now on it is told through
    /// [`Context::interrupted`] and finishes as it would otherwise (exit 0, no error).
    pub fn end_on_interrupt(&self) {
        self.ends_on_interrupt
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Called by `app` on Ctrl-C: `true` when the command ends on it by itself (and is now
    /// told), `false` when the program is to stop with 130.
    pub fn deliver_interrupt(&self) -> bool {
        let ends = self
            .ends_on_interrupt
            .load(std::sync::atomic::Ordering::SeqCst);
        if ends {
            self.interrupt.send_replace(true);
        }
        ends
    }

    /// Resolves once Ctrl-C was pressed after [`Context::end_on_interrupt`]: a state, not an
    /// event, so a press while the command was busy elsewhere is not missed.
    pub async fn interrupted(&self) {
        let mut seen = self.interrupt.subscribe();
        let _ = seen.wait_for(|pressed| *pressed).await;
    }

    /// Every agent (or app) of the catalog, every page, fetched at most once per invocation
    /// however many names are resolved or shown.
    pub async fn catalog(&self, kind: Kind) -> anyhow::Result<&[CatalogEntry]> {
        let cell = match kind {
            Kind::Agent => &self.agents,
            Kind::App => &self.apps,
        };
        let entries = cell
            .get_or_try_init(|| async {
                let listing =
                    catalog::list(self.api()?, kind, &Filters::default(), Limit::All).await?;
                self.warn_short(listing.shortfall.as_ref());
                anyhow::Ok(
                    listing
                        .items
                        .into_iter()
                        .filter_map(CatalogEntry::from_value)
                        .collect(),
                )
            })
            .await?;
        Ok(entries)
    }

    /// Says on stderr (even with `--json`, whose stdout stays the list) that a listing holds
    /// less than the server says exists.
    pub fn warn_short(&self, shortfall: Option<&Shortfall>) {
        if let Some(shortfall) = shortfall {
            self.out.warn(&clean_line(&shortfall.to_string()));
        }
    }

    /// The API client; fails when no key is configured or the base is unusable.
    pub fn api(&self) -> anyhow::Result<&Client> {
        if let Some(client) = self.api.get() {
            return Ok(client);
        }
        let Some((credential, _)) = self.settings.credential.clone() else {
            return Err(Failure::new(Exit::Auth, "not_authenticated", "no API key is configured")
                .hint("run `pletor auth login`, or set `PLETOR_API_KEY` (try offline: `pletor-sim exec -- pletor …`)")
                .into());
        };
        let client = self.client_with(Some(credential))?;
        Ok(self.api.get_or_init(|| client))
    }

    /// A client with a given credential (for `auth login`, which checks a key before storing it).
    pub fn client_with(
        &self,
        credential: Option<crate::api::Credential>,
    ) -> anyhow::Result<Client> {
        let config = ClientConfig {
            base: self.settings.api_base.0.clone(),
            user_agent: crate::about::USER_AGENT.to_string(),
            credential,
            connect_timeout: self.settings.connect_timeout,
            read_timeout: self.settings.read_timeout,
            request_timeout: self.settings.request_timeout,
            policy: self.settings.policy.clone(),
        };
        let log = Log::new(self.settings.output.verbose, self.settings.output.quiet);
        Ok(Client::new(config)?.with_observer(Arc::new(log)))
    }

    /// A context for work shown by a display of its own (a batch's live summary): the same
    /// settings and the same API client (so the rate-limit books are shared), no progress bars,
    /// and with `quiet` no status lines either, so nothing tears the display.
    pub fn for_workers(&self, quiet: bool) -> anyhow::Result<Self> {
        let mut settings = self.settings.clone();
        settings.output.progress = crate::output::ProgressMode::None;
        settings.output.quiet |= quiet;
        let ctx = Self::new(settings);
        let _ = ctx.api.set(self.api()?.clone());
        Ok(ctx)
    }

    /// Whether a person can be asked.
    pub fn can_prompt(&self) -> bool {
        crate::prompt::can_prompt(self.settings.no_input)
    }

    /// Why no person can be asked here, or `None` when one can.
    pub fn no_person(&self) -> Option<&'static str> {
        crate::prompt::no_person(self.settings.no_input)
    }

    /// Sets what to tell the user if they press Ctrl-C now (e.g. how to resume a run).
    pub fn set_resume_note(&self, note: Option<String>) {
        *self
            .resume_note
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = note;
    }

    /// What to tell the user on Ctrl-C.
    pub fn resume_note(&self) -> Option<String> {
        self.resume_note
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
