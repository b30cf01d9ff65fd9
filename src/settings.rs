//! Settings, resolved in one place: flag > environment > config file > default.

use std::path::PathBuf;
use std::time::Duration;

use crate::api::retry::RetryPolicy;
use crate::api::{Credential, Secret, spec};
use crate::config::{ConfigFile, Profile};
use crate::error::UsageError;
use crate::output::{ColorChoice, OutputSettings, ProgressMode};

/// The global options: what the command line gave for the settings (`None`: not given, so the
/// environment, the config file or the default decides). Declared here, once, so the flags reach
/// [`load`] as they were parsed; `cli` flattens them into every command.
#[derive(Debug, clap::Args, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct Flags {
    /// Use this profile of the config file (env: PLETOR_PROFILE)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// API base URL (env: PLETOR_API_BASE) [default: https://api.pletor.ai/api/public/v1]
    #[arg(long, global = true, value_name = "URL")]
    pub api_base: Option<String>,

    /// API key to use for this call; prefer PLETOR_API_KEY: flags show up in process lists
    #[arg(long, global = true, value_name = "KEY", hide = true)]
    pub api_key: Option<String>,

    /// Print exactly one JSON document on stdout, errors included
    #[arg(long, global = true)]
    pub json: bool,

    /// Filter the JSON output with a jq expression (implies --json)
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,

    /// Print only data and errors: no progress, no hints
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Log each HTTP request on stderr; twice (-vv) also headers and bodies, secrets redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// When to use colors
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Never prompt; fail with the flag that answers the question (env: PLETOR_NO_INPUT, CI)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// How to show progress: bars on a terminal, one line per change, or nothing
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub progress: Option<ProgressMode>,

    /// Longest wait for a connection (env: PLETOR_CONNECT_TIMEOUT) [default: 10s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub connect_timeout: Option<Duration>,

    /// Longest silence while reading a response (env: PLETOR_READ_TIMEOUT) [default: 60s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub read_timeout: Option<Duration>,

    /// Longest time one API request may take to answer in full, so a reply that trickles ends
    /// like a silence (env: PLETOR_REQUEST_TIMEOUT) [default: 60s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub request_timeout: Option<Duration>,

    /// Most bytes one download may write when neither the asset's metadata nor the answer
    /// announces its size: 500MB, 20GiB, or bytes (env: PLETOR_MAX_SIZE) [default: 20GiB]
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size, help_heading = "Network")]
    pub max_size: Option<u64>,

    /// Attempts after the first for a failed request (env: PLETOR_RETRIES) [default: 5]
    #[arg(long, global = true, value_name = "N", help_heading = "Network")]
    pub retries: Option<u32>,

    /// Longest total time spent waiting between retries (env: PLETOR_RETRY_MAX_WAIT) [default: 120s]
    #[arg(long, global = true, value_name = "DUR", value_parser = parse_duration, help_heading = "Network")]
    pub retry_max_wait: Option<Duration>,
}

/// Where a setting came from, for `auth status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// The config file's profile.
    File(String),
    /// The built-in default.
    Default,
}

impl std::fmt::Display for Origin {
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
    /// Where the profile's name came from (`File`: the file's `default_profile`).
    pub profile_source: Origin,
    /// The API base URL and where it came from.
    pub api_base: (String, Origin),
    /// The credential and where it came from.
    pub credential: Option<(Credential, Origin)>,
    /// Output settings.
    pub output: OutputSettings,
    /// Never prompt.
    pub no_input: bool,
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest silence while reading.
    pub read_timeout: Duration,
    /// Longest time one attempt of a JSON request may take in all.
    pub request_timeout: Duration,
    /// Most bytes a download of unknown size may write.
    pub max_size: u64,
    /// Retry budget.
    pub policy: RetryPolicy,
    /// The config folder.
    pub config_dir: PathBuf,
}

/// Reads the environment; a function so that tests can pass a fake one.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Loads the settings: flag > environment > config file > default.
/// `new_profile_ok` is true for commands that create profiles (`auth login`).
pub fn load(
    global: &Flags,
    env: Env<'_>,
    config: &ConfigFile,
    config_dir: PathBuf,
    new_profile_ok: bool,
) -> anyhow::Result<Settings> {
    let vars = Vars(env);
    let (profile, profile_source) = profile_of(global, &vars, config, new_profile_ok)?;
    let file = config.profile(&profile).unwrap_or_default();
    if let Some(expr) = &global.jq {
        crate::output::check_jq(expr).map_err(|e| {
            UsageError::new(e, "check the filter with `jq` syntax, e.g. `--jq '.[].id'`")
        })?;
    }
    let defaults = RetryPolicy::default();
    let policy = RetryPolicy {
        retries: vars.number(global.retries, "PLETOR_RETRIES", defaults.retries)?,
        max_total_wait: vars.duration(
            global.retry_max_wait,
            "PLETOR_RETRY_MAX_WAIT",
            defaults.max_total_wait,
        )?,
        ..defaults
    };
    Ok(Settings {
        api_base: api_base_of(global, &vars, &file, &profile),
        credential: credential_of(global, &vars, &file, &profile),
        output: OutputSettings {
            json: global.json || global.jq.is_some(),
            jq: global.jq.clone(),
            quiet: global.quiet,
            verbose: global.verbose,
            color: global.color.unwrap_or(ColorChoice::Auto),
            progress: global.progress.unwrap_or(ProgressMode::Auto),
            // An empty `NO_COLOR` counts as unset (no-color.org).
            no_color_env: vars.get("NO_COLOR").is_some_and(|v| !v.is_empty()),
        },
        no_input: global.no_input || vars.truthy("PLETOR_NO_INPUT") || vars.truthy("CI"),
        connect_timeout: vars.duration(
            global.connect_timeout,
            "PLETOR_CONNECT_TIMEOUT",
            Duration::from_secs(10),
        )?,
        read_timeout: vars.duration(
            global.read_timeout,
            "PLETOR_READ_TIMEOUT",
            Duration::from_secs(60),
        )?,
        request_timeout: vars.duration(
            global.request_timeout,
            "PLETOR_REQUEST_TIMEOUT",
            Duration::from_secs(60),
        )?,
        max_size: match (global.max_size, vars.get("PLETOR_MAX_SIZE")) {
            (Some(size), _) => size,
            (None, Some(text)) => {
                parse_size(&text).map_err(|e| Vars::invalid("PLETOR_MAX_SIZE", e))?
            }
            (None, None) => DEFAULT_MAX_SIZE,
        },
        policy,
        config_dir,
        profile,
        profile_source,
    })
}

/// The environment, read the way every setting reads it: an empty variable is unset.
struct Vars<'a>(Env<'a>);

impl Vars<'_> {
    fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.is_empty())
    }

    fn truthy(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| !matches!(v.as_str(), "0" | "false" | "no"))
    }

    fn invalid(name: &str, problem: String) -> anyhow::Error {
        UsageError::new(
            format!("{name}: {problem}"),
            format!("unset `{name}` or fix its value"),
        )
        .into()
    }

    fn duration(
        &self,
        flag: Option<Duration>,
        name: &str,
        default: Duration,
    ) -> anyhow::Result<Duration> {
        match (flag, self.get(name)) {
            (Some(d), _) => Ok(d),
            (None, Some(text)) => parse_duration(&text).map_err(|e| Self::invalid(name, e)),
            (None, None) => Ok(default),
        }
    }

    fn number(&self, flag: Option<u32>, name: &str, default: u32) -> anyhow::Result<u32> {
        match (flag, self.get(name)) {
            (Some(n), _) => Ok(n),
            (None, Some(text)) => text
                .trim()
                .parse()
                .map_err(|_| Self::invalid(name, format!("`{text}` is not a number"))),
            (None, None) => Ok(default),
        }
    }
}

/// The profile: flag, environment, the file's `default_profile`, then `default`. A `--profile`
/// the file does not have is an error (a typo must not fall back to another key silently),
/// except for commands that create it and when a key comes from elsewhere.
fn profile_of(
    global: &Flags,
    vars: &Vars<'_>,
    config: &ConfigFile,
    new_profile_ok: bool,
) -> anyhow::Result<(String, Origin)> {
    let (profile, source) = if let Some(flag) = &global.profile {
        (flag.clone(), Origin::Flag("--profile"))
    } else if let Some(env) = vars.get("PLETOR_PROFILE") {
        (env, Origin::Env("PLETOR_PROFILE"))
    } else if let Some(file) = config.default_profile() {
        (file.to_string(), Origin::File(file.to_string()))
    } else {
        ("default".to_string(), Origin::Default)
    };
    let unknown = global.profile.is_some() && config.profile(&profile).is_none();
    let key_elsewhere = global.api_key.is_some()
        || vars.get("PLETOR_API_KEY").is_some()
        || vars.get("PLETOR_TOKEN").is_some();
    if unknown && !new_profile_ok && !key_elsewhere {
        return Err(UsageError::new(
            format!("no profile `{profile}` in {}", config.path().display()),
            format!("run `pletor auth login --profile {profile}` to create it"),
        )
        .into());
    }
    Ok((profile, source))
}

fn api_base_of(global: &Flags, vars: &Vars<'_>, file: &Profile, profile: &str) -> (String, Origin) {
    if let Some(base) = &global.api_base {
        (base.clone(), Origin::Flag("--api-base"))
    } else if let Some(base) = vars.get("PLETOR_API_BASE") {
        (base, Origin::Env("PLETOR_API_BASE"))
    } else if let Some(base) = file.api_base.clone() {
        (base, Origin::File(profile.to_string()))
    } else {
        (spec::DEFAULT_API_BASE.to_string(), Origin::Default)
    }
}

/// The key: `--api-key`, `PLETOR_API_KEY`, `PLETOR_TOKEN` (a Bearer JWT), then the profile's.
fn credential_of(
    global: &Flags,
    vars: &Vars<'_>,
    file: &Profile,
    profile: &str,
) -> Option<(Credential, Origin)> {
    let key = |secret: String| Credential::ApiKey(Secret::new(secret));
    if let Some(flag) = &global.api_key {
        Some((key(flag.clone()), Origin::Flag("--api-key")))
    } else if let Some(value) = vars.get("PLETOR_API_KEY") {
        Some((key(value), Origin::Env("PLETOR_API_KEY")))
    } else if let Some(token) = vars.get("PLETOR_TOKEN") {
        Some((
            Credential::Bearer(Secret::new(token)),
            Origin::Env("PLETOR_TOKEN"),
        ))
    } else {
        file.api_key
            .clone()
            .map(|value| (key(value), Origin::File(profile.to_string())))
    }
}

/// The most bytes one download may write when neither the asset's metadata nor the answer
/// announces its size (`--max-size`): far above any asset the API makes, far below what fills
/// a disk by surprise.
pub const DEFAULT_MAX_SIZE: u64 = 20 * 1024 * 1024 * 1024;

/// Parses a size: bytes (`1048576`), or a number with a unit as `bytesize` reads it (`500MB`,
/// `20GiB`, `1.5 GB`; a unit with `i` counts in 1024s). Zero is refused: no file would fit.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let size: bytesize::ByteSize = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size: use bytes or a unit, e.g. 500MB or 20GiB"))?;
    match size.as_u64() {
        0 => Err("a size of 0 leaves no room for any file".to_string()),
        bytes => Ok(bytes),
    }
}

/// Parses a duration, the one grammar of every duration flag, variable and config value: bare
/// seconds (`30`, `1.5`), or a span as `jiff` reads it, in its friendly form (`90s`, `500ms`,
/// `10m`, `1h30m`, `1h 30m`, `1d`, `2w`, `1 hour`) or ISO 8601 (`PT90S`, `P1D`). A day is 24
/// hours; months and years are refused (their length depends on the date).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty duration: use e.g. 90s, 10m, 1h30m or 1d".into());
    }
    if let Ok(secs) = text.parse::<f64>() {
        return Duration::try_from_secs_f64(secs)
            .map_err(|_| format!("`{text}` is not a valid duration"));
    }
    let span: jiff::Span = text
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 90s, 10m, 1h30m or 1d"))?;
    let signed = span
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|_| format!("`{text}` uses months or years; say it in days, e.g. 30d"))?;
    Duration::try_from(signed).map_err(|_| format!("`{text}` is negative"))
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

    fn load_with(
        global: &Flags,
        vars: &[(&str, &str)],
        config: &ConfigFile,
    ) -> anyhow::Result<Settings> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |name: &str| map.get(name).cloned();
        load(global, &env, config, PathBuf::from("/nowhere"), false)
    }

    fn key_of(settings: &Settings) -> (String, Origin) {
        let (credential, source) = settings.credential.clone().unwrap();
        match credential {
            Credential::ApiKey(key) | Credential::Bearer(key) => (key.expose().to_string(), source),
        }
    }

    #[test]
    fn sizes_accept_bytes_and_units_and_refuse_zero_and_words() {
        assert_eq!(parse_size("1048576"), Ok(1_048_576));
        assert_eq!(parse_size("500MB"), Ok(500_000_000));
        assert_eq!(parse_size("20GiB"), Ok(DEFAULT_MAX_SIZE));
        assert_eq!(parse_size(" 1 KiB "), Ok(1024));
        assert!(parse_size("0").is_err());
        assert!(parse_size("huge").is_err());
    }

    #[test]
    fn durations_accept_units_and_plain_seconds() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
    }

    #[test]
    fn durations_take_days_weeks_words_and_iso_8601() {
        let secs = |text: &str| parse_duration(text).map(|d| d.as_secs_f64());
        assert_eq!(secs("1d"), Ok(86_400.0));
        assert_eq!(secs("90s"), Ok(90.0));
        assert_eq!(secs("1h 30m"), Ok(5400.0));
        assert_eq!(secs("2 hours"), Ok(7200.0));
        assert_eq!(secs("1w"), Ok(604_800.0));
        assert_eq!(secs("PT90S"), Ok(90.0));
        assert_eq!(secs("1.5h"), Ok(5400.0));
        assert!(
            parse_duration("1mo")
                .unwrap_err()
                .contains("months or years")
        );
    }

    #[test]
    fn durations_reject_garbage_and_negatives() {
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("-3").is_err());
        assert!(parse_duration("").is_err());
    }

    const FILE: &str = "[profiles.default]\napi_key = \"sk-file\"\napi_base = \"https://file.example/v1\"\n\
                        [profiles.work]\napi_key = \"sk-work\"\n";

    #[test]
    fn flag_beats_environment_beats_file_beats_default() {
        let (_dir, config) = config_with(FILE);
        let flag = Flags {
            api_key: Some("sk-flag".into()),
            api_base: Some("https://flag.example".into()),
            ..Default::default()
        };
        let env = [
            ("PLETOR_API_KEY", "sk-env"),
            ("PLETOR_API_BASE", "https://env.example"),
        ];
        let s = load_with(&flag, &env, &config).unwrap();
        assert_eq!(key_of(&s), ("sk-flag".into(), Origin::Flag("--api-key")));
        assert_eq!(s.api_base.1, Origin::Flag("--api-base"));
        let s = load_with(&Flags::default(), &env, &config).unwrap();
        assert_eq!(key_of(&s), ("sk-env".into(), Origin::Env("PLETOR_API_KEY")));
        assert_eq!(
            s.api_base,
            ("https://env.example".into(), Origin::Env("PLETOR_API_BASE"))
        );
        let s = load_with(&Flags::default(), &[], &config).unwrap();
        assert_eq!(
            key_of(&s),
            ("sk-file".into(), Origin::File("default".into()))
        );
        assert_eq!(s.api_base.0, "https://file.example/v1");
        let (_dir, empty) = config_with("");
        let s = load_with(&Flags::default(), &[], &empty).unwrap();
        assert!(s.credential.is_none());
        assert_eq!(
            s.api_base,
            (spec::DEFAULT_API_BASE.to_string(), Origin::Default)
        );
    }

    #[test]
    fn profiles_come_from_flag_or_environment() {
        let (_dir, config) = config_with(FILE);
        let s = load_with(&Flags::default(), &[("PLETOR_PROFILE", "work")], &config).unwrap();
        assert_eq!(key_of(&s).0, "sk-work");
        assert_eq!(s.profile_source, Origin::Env("PLETOR_PROFILE"));
        assert_eq!(s.api_base.1, Origin::Default);
        let s = load_with(&Flags::default(), &[], &config).unwrap();
        assert_eq!(
            (s.profile.as_str(), s.profile_source),
            ("default", Origin::Default)
        );
        let missing = Flags {
            profile: Some("nope".into()),
            ..Default::default()
        };
        assert!(load_with(&missing, &[], &config).is_err());
    }

    #[test]
    fn a_bearer_token_is_used_when_no_key_is_set() {
        let (_dir, config) = config_with("");
        let s = load_with(&Flags::default(), &[("PLETOR_TOKEN", "jwt")], &config).unwrap();
        assert!(matches!(
            s.credential,
            Some((Credential::Bearer(_), Origin::Env("PLETOR_TOKEN")))
        ));
    }

    #[test]
    fn ci_or_no_input_disable_prompts_and_timeouts_come_from_the_environment() {
        let (_dir, config) = config_with("");
        let s = load_with(
            &Flags::default(),
            &[("CI", "true"), ("PLETOR_READ_TIMEOUT", "2s")],
            &config,
        )
        .unwrap();
        assert!(s.no_input);
        assert_eq!(s.read_timeout, Duration::from_secs(2));
        let s = load_with(&Flags::default(), &[("PLETOR_NO_INPUT", "0")], &config).unwrap();
        assert!(!s.no_input);
        assert!(load_with(&Flags::default(), &[("PLETOR_RETRIES", "many")], &config).is_err());
    }
}
