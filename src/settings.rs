//! Settings, resolved in one place: flag > environment > config file > default.

use std::path::PathBuf;
use std::time::Duration;

use crate::api::retry::RetryPolicy;
use crate::api::{Credential, Secret, spec};
use crate::cli::{ColorChoice, GlobalArgs, ProgressMode, parse_duration};
use crate::config::ConfigFile;
use crate::error::UsageError;
use crate::output::OutputSettings;

/// Where a setting came from, for `auth status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// The config file's profile.
    File(String),
    /// The built-in default.
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Flag(flag) => write!(f, "flag `{flag}`"),
            Self::Env(name) => write!(f, "environment `{name}`"),
            Self::File(profile) => write!(f, "config file, profile `{profile}`"),
            Self::Default => f.write_str("default"),
        }
    }
}

/// Everything a command needs to know about how to behave.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The profile in use.
    pub profile: String,
    /// The API base URL and where it came from.
    pub api_base: (String, Source),
    /// The credential and where it came from.
    pub credential: Option<(Credential, Source)>,
    /// Output settings.
    pub output: OutputSettings,
    /// Never prompt.
    pub no_input: bool,
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest silence while reading.
    pub read_timeout: Duration,
    /// Retry budget.
    pub policy: RetryPolicy,
    /// The config folder.
    pub config_dir: PathBuf,
}

/// Reads the environment; a function so that tests can pass a fake one.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Resolves the settings.
/// `new_profile_ok` is true for commands that create profiles (`auth login`).
pub fn resolve(
    global: &GlobalArgs,
    env: Env<'_>,
    config: &ConfigFile,
    config_dir: PathBuf,
    new_profile_ok: bool,
) -> anyhow::Result<Settings> {
    let env_set = |name: &str| env(name).filter(|v| !v.is_empty());
    let truthy =
        |name: &str| env_set(name).is_some_and(|v| !matches!(v.as_str(), "0" | "false" | "no"));

    let profile = global
        .profile
        .clone()
        .or_else(|| env_set("PLETOR_PROFILE"))
        .or_else(|| config.default_profile().map(str::to_string))
        .unwrap_or_else(|| "default".to_string());
    let file = config.profile(&profile).unwrap_or_default();
    let unknown = global.profile.is_some() && config.profile(&profile).is_none();
    if unknown && !new_profile_ok && global.api_key.is_none() {
        // A typo in --profile must not silently fall back to the environment's key.
        let known_hint = format!("run `pletor auth login --profile {profile}` to create it");
        if env_set("PLETOR_API_KEY").is_none() && env_set("PLETOR_TOKEN").is_none() {
            return Err(UsageError::new(
                format!("no profile `{profile}` in {}", config.path().display()),
                known_hint,
            )
            .into());
        }
    }

    let api_base = if let Some(base) = &global.api_base {
        (base.clone(), Source::Flag("--api-base"))
    } else if let Some(base) = env_set("PLETOR_API_BASE") {
        (base, Source::Env("PLETOR_API_BASE"))
    } else if let Some(base) = file.api_base.clone() {
        (base, Source::File(profile.clone()))
    } else {
        (spec::DEFAULT_API_BASE.to_string(), Source::Default)
    };

    let credential = if let Some(key) = &global.api_key {
        Some((
            Credential::ApiKey(Secret::new(key.clone())),
            Source::Flag("--api-key"),
        ))
    } else if let Some(key) = env_set("PLETOR_API_KEY") {
        Some((
            Credential::ApiKey(Secret::new(key)),
            Source::Env("PLETOR_API_KEY"),
        ))
    } else if let Some(token) = env_set("PLETOR_TOKEN") {
        Some((
            Credential::Bearer(Secret::new(token)),
            Source::Env("PLETOR_TOKEN"),
        ))
    } else {
        file.api_key.clone().map(|key| {
            (
                Credential::ApiKey(Secret::new(key)),
                Source::File(profile.clone()),
            )
        })
    };

    let duration =
        |flag: Option<Duration>, name: &str, default: Duration| -> anyhow::Result<Duration> {
            match (flag, env_set(name)) {
                (Some(d), _) => Ok(d),
                (None, Some(text)) => parse_duration(&text).map_err(|e| {
                    UsageError::new(
                        format!("{name}: {e}"),
                        format!("unset `{name}` or fix its value"),
                    )
                    .into()
                }),
                (None, None) => Ok(default),
            }
        };
    let retries = match (global.retries, env_set("PLETOR_RETRIES")) {
        (Some(n), _) => n,
        (None, Some(text)) => text.trim().parse().map_err(|_| {
            UsageError::new(
                format!("PLETOR_RETRIES: `{text}` is not a number"),
                "unset `PLETOR_RETRIES` or fix its value",
            )
        })?,
        (None, None) => RetryPolicy::default().retries,
    };
    let policy = RetryPolicy {
        retries,
        max_total_wait: duration(
            global.retry_max_wait,
            "PLETOR_RETRY_MAX_WAIT",
            RetryPolicy::default().max_total_wait,
        )?,
        ..RetryPolicy::default()
    };

    if let Some(expr) = &global.jq {
        crate::output::check_jq(expr).map_err(|e| {
            UsageError::new(e, "check the filter with `jq` syntax, e.g. `--jq '.[].id'`")
        })?;
    }

    Ok(Settings {
        profile,
        api_base,
        credential,
        output: OutputSettings {
            json: global.json || global.jq.is_some(),
            jq: global.jq.clone(),
            quiet: global.quiet,
            verbose: global.verbose,
            color: global.color.unwrap_or(ColorChoice::Auto),
            progress: global.progress.unwrap_or(ProgressMode::Auto),
            no_color_env: env("NO_COLOR").is_some_and(|v| !v.is_empty()),
        },
        no_input: global.no_input || truthy("PLETOR_NO_INPUT") || truthy("CI"),
        connect_timeout: duration(
            global.connect_timeout,
            "PLETOR_CONNECT_TIMEOUT",
            Duration::from_secs(10),
        )?,
        read_timeout: duration(
            global.read_timeout,
            "PLETOR_READ_TIMEOUT",
            Duration::from_secs(60),
        )?,
        policy,
        config_dir,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config_with(text: &str) -> (tempfile::TempDir, ConfigFile) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), text).unwrap();
        let config = ConfigFile::load(dir.path()).unwrap();
        (dir, config)
    }

    fn resolve_with(
        global: &GlobalArgs,
        vars: &[(&str, &str)],
        config: &ConfigFile,
    ) -> anyhow::Result<Settings> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |name: &str| map.get(name).cloned();
        resolve(global, &env, config, PathBuf::from("/nowhere"), false)
    }

    fn key_of(settings: &Settings) -> (String, Source) {
        let (credential, source) = settings.credential.clone().unwrap();
        match credential {
            Credential::ApiKey(key) | Credential::Bearer(key) => (key.expose().to_string(), source),
        }
    }

    const FILE: &str = "[profiles.default]\napi_key = \"sk-file\"\napi_base = \"https://file.example/v1\"\n\
                        [profiles.work]\napi_key = \"sk-work\"\n";

    #[test]
    fn flag_beats_environment_beats_file_beats_default() {
        let (_dir, config) = config_with(FILE);
        let flag = GlobalArgs {
            api_key: Some("sk-flag".into()),
            api_base: Some("https://flag.example".into()),
            ..Default::default()
        };
        let env = [
            ("PLETOR_API_KEY", "sk-env"),
            ("PLETOR_API_BASE", "https://env.example"),
        ];
        let s = resolve_with(&flag, &env, &config).unwrap();
        assert_eq!(key_of(&s), ("sk-flag".into(), Source::Flag("--api-key")));
        assert_eq!(s.api_base.1, Source::Flag("--api-base"));
        let s = resolve_with(&GlobalArgs::default(), &env, &config).unwrap();
        assert_eq!(key_of(&s), ("sk-env".into(), Source::Env("PLETOR_API_KEY")));
        assert_eq!(
            s.api_base,
            ("https://env.example".into(), Source::Env("PLETOR_API_BASE"))
        );
        let s = resolve_with(&GlobalArgs::default(), &[], &config).unwrap();
        assert_eq!(
            key_of(&s),
            ("sk-file".into(), Source::File("default".into()))
        );
        assert_eq!(s.api_base.0, "https://file.example/v1");
        let (_dir, empty) = config_with("");
        let s = resolve_with(&GlobalArgs::default(), &[], &empty).unwrap();
        assert!(s.credential.is_none());
        assert_eq!(
            s.api_base,
            (spec::DEFAULT_API_BASE.to_string(), Source::Default)
        );
    }

    #[test]
    fn profiles_come_from_flag_or_environment() {
        let (_dir, config) = config_with(FILE);
        let s = resolve_with(
            &GlobalArgs::default(),
            &[("PLETOR_PROFILE", "work")],
            &config,
        )
        .unwrap();
        assert_eq!(key_of(&s).0, "sk-work");
        assert_eq!(s.api_base.1, Source::Default);
        let missing = GlobalArgs {
            profile: Some("nope".into()),
            ..Default::default()
        };
        assert!(resolve_with(&missing, &[], &config).is_err());
    }

    #[test]
    fn a_bearer_token_is_used_when_no_key_is_set() {
        let (_dir, config) = config_with("");
        let s = resolve_with(&GlobalArgs::default(), &[("PLETOR_TOKEN", "jwt")], &config).unwrap();
        assert!(matches!(
            s.credential,
            Some((Credential::Bearer(_), Source::Env("PLETOR_TOKEN")))
        ));
    }

    #[test]
    fn ci_or_no_input_disable_prompts_and_timeouts_come_from_the_environment() {
        let (_dir, config) = config_with("");
        let s = resolve_with(
            &GlobalArgs::default(),
            &[("CI", "true"), ("PLETOR_READ_TIMEOUT", "2s")],
            &config,
        )
        .unwrap();
        assert!(s.no_input);
        assert_eq!(s.read_timeout, Duration::from_secs(2));
        let s = resolve_with(&GlobalArgs::default(), &[("PLETOR_NO_INPUT", "0")], &config).unwrap();
        assert!(!s.no_input);
        assert!(
            resolve_with(
                &GlobalArgs::default(),
                &[("PLETOR_RETRIES", "many")],
                &config
            )
            .is_err()
        );
    }
}
