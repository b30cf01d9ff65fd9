//! What every command gets: the settings, the printer, and the API client (built on first use,
//! so that commands which never call the API never need a key). It also keeps what one
//! invocation reads once and uses in several places: the catalog of agents and of apps.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::api::catalog::{self, Filters, Kind};
use crate::api::list::Limit;
use crate::api::models::Agent;
use crate::api::{Client, ClientConfig};
use crate::error::{Exit, Failure};
use crate::output::{Log, Printer};
use crate::settings::Settings;

/// The command context, passed as `&Context`.
pub struct Context {
    /// Resolved settings.
    pub settings: Settings,
    /// The printer: all output goes through it.
    pub out: Printer,
    api: OnceLock<Client>,
    resume_note: Mutex<Option<String>>,
    agents: tokio::sync::OnceCell<Vec<Agent>>,
    apps: tokio::sync::OnceCell<Vec<Agent>>,
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
        }
    }

    /// Every agent (or app) of the catalog, every page, fetched at most once per invocation
    /// however many names are resolved or shown.
    pub async fn catalog(&self, kind: Kind) -> anyhow::Result<&[Agent]> {
        let cell = match kind {
            Kind::Agent => &self.agents,
            Kind::App => &self.apps,
        };
        let entries = cell
            .get_or_try_init(|| async {
                let items =
                    catalog::list(self.api()?, kind, &Filters::default(), Limit::All).await?;
                anyhow::Ok(items.into_iter().filter_map(Agent::from_value).collect())
            })
            .await?;
        Ok(entries)
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
