//! The config file: TOML named profiles, each with an API base and a key.
//!
//! ```toml
//! default_profile = "default"
//!
//! [profiles.default]
//! api_base = "https://api.pletor.ai/api/public/v1"
//! api_key = "sk-…"
//! ```
//!
//! The file lives in the platform config folder (`PLETOR_CONFIG_DIR` overrides). It is written
//! atomically (a temporary file in the same folder, then a rename), with mode 0600 in a folder
//! of mode 0700; modes are tightened even when the folder existed before. Unknown keys are kept.
//! A file that does not parse is an error naming the file and line, never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A config file problem.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid TOML or has the wrong shape.
    #[error("{path}:{line}:{column}: invalid config: {message}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file cannot be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// `read`, `write`, …
        action: &'static str,
        /// The file or folder.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// No config folder can be found.
    #[error("cannot find a config folder: no home directory")]
    NoDir,
}

impl ConfigError {
    /// The next thing to try.
    pub fn hint(&self) -> Option<String> {
        match self {
            Self::Parse { path, .. } => Some(format!(
                "fix or remove `{path}`; it is never overwritten while it does not parse"
            )),
            Self::Io { .. } => Some(
                "check the folder's permissions, or point `PLETOR_CONFIG_DIR` elsewhere".into(),
            ),
            Self::NoDir => Some("set `PLETOR_CONFIG_DIR`".into()),
        }
    }
}

/// One profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// API base URL.
    pub api_base: Option<String>,
    /// API key.
    pub api_key: Option<String>,
}

/// The config file's content.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    path: PathBuf,
    table: toml::Table,
}

/// The default config folder: `PLETOR_CONFIG_DIR`, else `$XDG_CONFIG_HOME/pletor` on every
/// system (macOS and Windows included: people who set it expect it honoured), else the
/// system's: `~/.config/pletor` on Linux, `~/Library/Application Support/ai.pletor.pletor` on
/// macOS, `%APPDATA%\pletor\pletor\config` on Windows. `pletor help files` lists them.
pub fn default_dir(env_dir: Option<String>) -> Result<PathBuf, ConfigError> {
    if let Some(dir) = env_dir.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    xdg_dir(std::env::var_os("XDG_CONFIG_HOME"))
        .or_else(|| project_dirs().map(|dirs| dirs.config_dir().to_path_buf()))
        .ok_or(ConfigError::NoDir)
}

/// The cache folder: `$XDG_CACHE_HOME/pletor` on every system, else the system's
/// (`~/.cache/pletor`, `~/Library/Caches/ai.pletor.pletor`, `%LOCALAPPDATA%\pletor\pletor\cache`).
pub fn cache_dir() -> Option<PathBuf> {
    xdg_dir(std::env::var_os("XDG_CACHE_HOME"))
        .or_else(|| project_dirs().map(|dirs| dirs.cache_dir().to_path_buf()))
}

/// `$VAR/pletor` for an XDG base variable's value; like the XDG specification, an empty or
/// relative value counts as unset.
fn xdg_dir(value: Option<std::ffi::OsString>) -> Option<PathBuf> {
    let base = PathBuf::from(value?);
    base.is_absolute().then(|| base.join("pletor"))
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("ai", "pletor", "pletor")
}

impl ConfigFile {
    /// An empty config for `dir`, as if its file did not exist: what `doctor` goes on with when
    /// the file cannot be read.
    pub fn empty(dir: &Path) -> Self {
        Self {
            path: dir.join("config.toml"),
            table: toml::Table::new(),
        }
    }

    /// Loads `dir/config.toml`; a missing file is an empty config.
    pub fn load(dir: &Path) -> Result<Self, ConfigError> {
        let path = dir.join("config.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::empty(dir)),
            Err(source) => {
                return Err(ConfigError::Io {
                    action: "read",
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        let table = text
            .parse::<toml::Table>()
            .map_err(|err| parse_error(&path, &text, &err))?;
        let config = Self { path, table };
        config.check_shape()?;
        Ok(config)
    }

    fn check_shape(&self) -> Result<(), ConfigError> {
        let bad = |message: String| ConfigError::Parse {
            path: self.path.display().to_string(),
            line: 1,
            column: 1,
            message,
        };
        if let Some(profiles) = self.table.get("profiles") {
            let profiles = profiles
                .as_table()
                .ok_or_else(|| bad("`profiles` must be a table".into()))?;
            for (name, profile) in profiles {
                let profile = profile
                    .as_table()
                    .ok_or_else(|| bad(format!("profile `{name}` must be a table")))?;
                for key in ["api_base", "api_key"] {
                    if profile.get(key).is_some_and(|v| !v.is_str()) {
                        return Err(bad(format!("`profiles.{name}.{key}` must be a string")));
                    }
                }
            }
        }
        Ok(())
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The profile named in the file as default.
    pub fn default_profile(&self) -> Option<&str> {
        self.table
            .get("default_profile")
            .and_then(toml::Value::as_str)
    }

    /// A profile, if the file has it.
    pub fn profile(&self, name: &str) -> Option<Profile> {
        let table = self.table.get("profiles")?.get(name)?.as_table()?;
        let get = |key: &str| {
            table
                .get(key)
                .and_then(toml::Value::as_str)
                .map(str::to_string)
        };
        Some(Profile {
            api_base: get("api_base"),
            api_key: get("api_key"),
        })
    }

    /// Whether any profile stores a key (a file others can read then exposes it).
    pub fn holds_a_key(&self) -> bool {
        self.table
            .get("profiles")
            .and_then(toml::Value::as_table)
            .is_some_and(|profiles| {
                profiles
                    .values()
                    .any(|p| p.get("api_key").is_some_and(toml::Value::is_str))
            })
    }

    /// Sets a profile's key (and API base), keeping everything else.
    pub fn set_profile(&mut self, name: &str, profile: &Profile) {
        let profiles = self
            .table
            .entry("profiles")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if !profiles.is_table() {
            *profiles = toml::Value::Table(toml::Table::new());
        }
        if let Some(profiles) = profiles.as_table_mut() {
            let entry = profiles
                .entry(name)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let Some(table) = entry.as_table_mut() {
                for (key, value) in [
                    ("api_base", &profile.api_base),
                    ("api_key", &profile.api_key),
                ] {
                    match value {
                        Some(v) => {
                            table.insert(key.to_string(), toml::Value::String(v.clone()));
                        }
                        None => {
                            table.remove(key);
                        }
                    }
                }
            }
        }
    }

    /// Removes a profile's key; true when there was one.
    pub fn remove_key(&mut self, name: &str) -> bool {
        self.table
            .get_mut("profiles")
            .and_then(|p| p.get_mut(name))
            .and_then(toml::Value::as_table_mut)
            .is_some_and(|table| table.remove("api_key").is_some())
    }

    /// Writes the file atomically with mode 0600, its folder 0700.
    pub fn save(&self) -> Result<(), ConfigError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let io = |action: &'static str, path: &Path| {
            let path = path.display().to_string();
            move |source| ConfigError::Io {
                action,
                path,
                source,
            }
        };
        create_private_dir(dir).map_err(io("create", dir))?;
        let text = toml::to_string_pretty(&self.table).unwrap_or_default();
        let tmp = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
        let written = write_private(&tmp, text.as_bytes()).map_err(io("write", &tmp));
        if let Err(err) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(err);
        }
        std::fs::rename(&tmp, &self.path).map_err(io("replace", &self.path))
    }
}

fn parse_error(path: &Path, text: &str, err: &toml::de::Error) -> ConfigError {
    let (line, column) = err.span().map_or((1, 1), |span| line_col(text, span.start));
    ConfigError::Parse {
        path: path.display().to_string(),
        line,
        column,
        message: err.message().trim().to_string(),
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Creates `dir` and its missing parents; on Unix the folder itself is mode 0700.
#[cfg(unix)]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_base_folders_count_only_when_absolute() {
        let absolute = std::env::temp_dir().join("xdg");
        assert_eq!(
            xdg_dir(Some(absolute.clone().into_os_string())),
            Some(absolute.join("pletor"))
        );
        assert_eq!(xdg_dir(Some("relative/dir".into())), None);
        assert_eq!(xdg_dir(Some("".into())), None);
        assert_eq!(xdg_dir(None), None);
    }

    #[test]
    fn a_corrupt_file_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "[profiles.default]\napi_key = \"x\"\nnope =\n",
        )
        .unwrap();
        let err = ConfigFile::load(dir.path()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("config.toml:3:"), "{text}");
    }

    #[test]
    fn profiles_round_trip_and_keep_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "theme = \"dark\"\n").unwrap();
        let mut config = ConfigFile::load(dir.path()).unwrap();
        let profile = Profile {
            api_base: Some("http://127.0.0.1:1/v1".into()),
            api_key: Some("sk-1".into()),
        };
        config.set_profile("work", &profile);
        config.save().unwrap();
        let again = ConfigFile::load(dir.path()).unwrap();
        assert_eq!(again.profile("work"), Some(profile));
        assert!(
            std::fs::read_to_string(dir.path().join("config.toml"))
                .unwrap()
                .contains("theme")
        );
    }

    #[cfg(unix)]
    #[test]
    fn saving_tightens_modes_of_an_existing_folder() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        std::fs::create_dir(&conf).unwrap();
        std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut config = ConfigFile::load(&conf).unwrap();
        config.set_profile(
            "default",
            &Profile {
                api_base: None,
                api_key: Some("sk".into()),
            },
        );
        config.save().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&conf), 0o700);
        assert_eq!(mode(&conf.join("config.toml")), 0o600);
    }

    #[test]
    fn a_wrongly_typed_key_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "[profiles.default]\napi_key = 3\n",
        )
        .unwrap();
        assert!(ConfigFile::load(dir.path()).is_err());
    }
}
