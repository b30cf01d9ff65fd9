//! `pletor auth login|status|logout`: store a key in a profile, say which key is in use and
//! where it came from (never the key itself), remove it.

use std::time::{Instant, SystemTime};

use clap::{Args, Subcommand};
use serde_json::json;

use crate::api::{ApiError, Client, Credential, Request, Secret, spec};
use crate::config::{ConfigFile, Profile};
use crate::context::Context;
use crate::error::{Exit, Failure, UsageError};
use crate::output::human_duration;
use crate::settings::Origin;
use crate::workflow::local_text;

/// Auth commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check an API key against the API and store it in a profile (0600 config file)
    #[command(
        after_help = "Examples:\n  pletor auth login\n  printf %s \"$KEY\" | pletor auth login --with-key --profile work"
    )]
    Login(LoginArgs),
    /// Show which profile, API base and key source are in use, and check the key
    Status,
    /// Remove the stored key of a profile
    Logout,
}

/// Arguments of `auth login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the key from stdin instead of prompting
    #[arg(long)]
    pub with_key: bool,
}

/// Runs an auth command.
pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Login(args) => login(ctx, args).await,
        Command::Status => status(ctx).await,
        Command::Logout => logout(ctx),
    }
}

async fn login(ctx: &Context, args: LoginArgs) -> anyhow::Result<Exit> {
    let key = if args.with_key {
        let text = local_text::stdin_text(local_text::Capped {
            what: "the key on stdin",
            cap: local_text::KEY_CAP,
            hint: "pipe only the key: `printf %s \"$KEY\" | pletor auth login --with-key`",
        })
        .await?;
        text.trim().to_string()
    } else if ctx.can_prompt() {
        crate::prompt::secret("Pletor API key")
            .await?
            .trim()
            .to_string()
    } else {
        return Err(crate::prompt::cannot_ask(
            "`auth login` needs the key",
            "--with-key (and the key on stdin)",
        ));
    };
    if key.is_empty() || key.chars().any(char::is_whitespace) {
        return Err(UsageError::new(
            "the key is empty or contains spaces",
            "paste the key from the web app's account settings",
        )
        .into());
    }
    let client = ctx.client_with(Some(Credential::ApiKey(Secret::new(key.clone()))))?;
    check_key(&client).await.map_err(refused)?;

    let mut config = ConfigFile::load(&ctx.settings.config_dir)?;
    let profile = &ctx.settings.profile;
    let mut stored = config.profile(profile).unwrap_or_default();
    stored.api_key = Some(key);
    if let (base, Origin::Flag(_)) = &ctx.settings.api_base {
        stored.api_base = Some(base.clone());
    }
    config.set_profile(profile, &Profile { ..stored });
    config.save()?;
    let path = config.path().display().to_string();
    if ctx.out.is_json() {
        ctx.out.json(
            &json!({"profile": profile, "api_base": ctx.settings.api_base.0, "config_file": path}),
        )?;
    } else {
        ctx.out.status(&format!(
            "Logged in to {} (profile `{profile}`, key stored in {path})",
            ctx.settings.api_base.0
        ));
    }
    Ok(Exit::Success)
}

fn refused(err: ApiError) -> anyhow::Error {
    match err.status() {
        Some(401 | 403) => Failure::new(
            Exit::Auth,
            "unauthorized",
            "the API refused this key; nothing was stored",
        )
        .hint("copy the key again from the web app's account settings")
        .into(),
        _ => anyhow::Error::new(err).context("cannot check the key; nothing was stored"),
    }
}

/// One cheap authenticated read (a page of one agent): how `auth` and `doctor` check a key.
pub fn check_request() -> Request {
    Request::get(spec::collection("agents")).query(spec::PAGE_LIMIT_PARAM, "1")
}

/// Checks the key with [`check_request`].
async fn check_key(client: &Client) -> Result<std::time::Duration, ApiError> {
    let started = Instant::now();
    client.json(check_request()).await?;
    Ok(started.elapsed())
}

async fn status(ctx: &Context) -> anyhow::Result<Exit> {
    let settings = &ctx.settings;
    let (base, base_source) = &settings.api_base;
    let Some((credential, key_source)) = &settings.credential else {
        return Err(Failure::new(
            Exit::Auth,
            "not_authenticated",
            format!("no API key for profile `{}`", settings.profile),
        )
        .hint("run `pletor auth login`, or set `PLETOR_API_KEY`")
        .into());
    };
    let kind = match credential {
        Credential::ApiKey(_) => "api_key",
        Credential::Bearer(_) => "bearer_token",
    };
    let client = ctx.api()?;
    let checked = check_key(client).await.map_err(refused);
    let rate = client.rate_state("default");
    let reset_in = rate.map(|r| {
        r.reset_at
            .duration_since(SystemTime::now())
            .unwrap_or_default()
    });
    let failure = checked.as_ref().err().map(crate::error::classify);
    if ctx.out.is_json() {
        ctx.out.json(&json!({
            "profile": settings.profile,
            "api_base": {"value": base, "source": base_source.to_string()},
            "credential": {"kind": kind, "source": key_source.to_string()},
            "valid": checked.is_ok(),
            "error": failure.as_ref().map(|f| json!({"code": f.code, "message": f.message, "hint": f.hint})),
            "rate_limit": rate.map(|r| json!({"limit": r.limit, "remaining": r.remaining, "reset_in_seconds": reset_in.map(|d| d.as_secs())})),
            "config_file": settings.config_dir.join("config.toml").display().to_string(),
        }))?;
        // The document already says what went wrong; only the exit code is left to give.
        return Ok(failure.map_or(Exit::Success, |f| f.exit));
    }
    ctx.out
        .line(&format!("profile:     {}", settings.profile))?;
    ctx.out
        .line(&format!("API base:    {base}  (from {base_source})"))?;
    ctx.out.line(&format!(
        "credential:  {}  (from {key_source})",
        kind.replace('_', " ")
    ))?;
    match &checked {
        Ok(took) => ctx.out.line(&format!(
            "check:       accepted ({})",
            human_duration(*took)
        ))?,
        Err(_) => ctx.out.line("check:       failed (see below)")?,
    }
    if let (Some(rate), Some(reset_in)) = (rate, reset_in) {
        let limit = rate.limit.map_or_else(String::new, |l| format!(" of {l}"));
        ctx.out.line(&format!(
            "rate limit:  {}{limit} requests left, resets in {}",
            rate.remaining,
            human_duration(reset_in)
        ))?;
    }
    checked.map(|_| Exit::Success)
}

fn logout(ctx: &Context) -> anyhow::Result<Exit> {
    let mut config = ConfigFile::load(&ctx.settings.config_dir)?;
    let profile = &ctx.settings.profile;
    let removed = config.remove_key(profile);
    if removed {
        config.save()?;
    }
    if ctx.out.is_json() {
        ctx.out
            .json(&json!({"profile": profile, "removed": removed}))?;
    } else if removed {
        ctx.out.status(&format!(
            "Removed the key of profile `{profile}` from {}",
            config.path().display()
        ));
    } else {
        ctx.out
            .status(&format!("No key was stored for profile `{profile}`"));
    }
    if let Some((_, Origin::Env(name))) = &ctx.settings.credential {
        ctx.out.hint(&format!(
            "`{name}` is still set in the environment and still provides a key"
        ));
    }
    Ok(Exit::Success)
}
