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
//! The file lives in the platform config folder (`PLETOR_CONFIG_DIR` overrides). Edits
//! (`auth login`, `auth logout`) change only the values they set, through `toml_edit`: the
//! user's comments, order, spacing and unknown keys survive. The file is written atomically: a
//! temporary file in the same folder (mode 0600), synced, renamed over the old one, then the
//! folder synced, so a crash leaves the old file or the new one, never a mix or an empty file;
//! the folder is mode 0700, tightened even when it existed before. A file that does not parse
//! is an error naming the file and line, never overwritten.

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
    /// Others can write the config file or its folder: whoever can could point `api_base` at
    /// their own host and receive the key, so the file is not used (as ssh refuses a loose key).
    #[error("{message}")]
    Exposed {
        /// What is open, with its mode.
        message: String,
        /// The command that closes it.
        fix: String,
    },
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
            Self::Exposed { fix, .. } => Some(format!("run `{fix}`")),
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
    /// What the file says, for reading.
    table: toml::Table,
    /// The file as written, comments and layout included: edits go here, and it is what
    /// [`ConfigFile::save`] writes.
    doc: toml_edit::DocumentMut,
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
            doc: toml_edit::DocumentMut::new(),
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
        let doc = text
            .parse::<toml_edit::DocumentMut>()
            .map_err(|err| edit_parse_error(&path, &text, &err))?;
        let config = Self { path, table, doc };
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

    /// Checks who else may touch the file (Unix modes): a file that exists and that others can
    /// write, itself or through its folder, is refused (the file decides where the key goes);
    /// a key others can read is a warning, returned for every command to print. Windows has no
    /// such modes: there the file is as private as the user profile folder it lives in, and
    /// nothing is checked.
    pub fn check_modes(&self) -> Result<Option<String>, ConfigError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let Some(file_mode) = mode(&self.path) else {
            return Ok(None);
        };
        let mut open = Vec::new();
        let mut fixes = Vec::new();
        if let Some(m) = mode(dir).filter(|m| m & 0o022 != 0) {
            open.push(format!("the folder {} (mode {m:04o})", dir.display()));
            fixes.push(format!("chmod 700 {}", shell_word(dir)));
        }
        if file_mode & 0o022 != 0 {
            open.push(format!(
                "the file {} (mode {file_mode:04o})",
                self.path.display()
            ));
        }
        if file_mode & 0o077 != 0 && (file_mode & 0o022 != 0 || self.holds_a_key()) {
            fixes.push(format!("chmod 600 {}", shell_word(&self.path)));
        }
        if !open.is_empty() {
            return Err(ConfigError::Exposed {
                message: format!(
                    "others can write to {}: whoever can could send your key to their own host, so it is not used",
                    open.join(" and ")
                ),
                fix: fixes.join(" && "),
            });
        }
        if file_mode & 0o044 != 0 && self.holds_a_key() {
            return Ok(Some(format!(
                "others can read the key in {} (mode {file_mode:04o}); run `chmod 600 {}`",
                self.path.display(),
                shell_word(&self.path)
            )));
        }
        Ok(None)
    }

    /// Sets a profile's key (and API base), keeping everything else: other keys, comments and
    /// the order of the file.
    pub fn set_profile(&mut self, name: &str, profile: &Profile) {
        set_profile_in(&mut self.table, name, profile);
        let profiles = table_item(self.doc.as_item_mut(), "profiles", true);
        let entry = table_item(profiles, name, false);
        if let Some(table) = entry.as_table_mut() {
            for (key, value) in [
                ("api_base", &profile.api_base),
                ("api_key", &profile.api_key),
            ] {
                match value {
                    Some(v) => set_keeping_decor(table, key, v),
                    None => {
                        table.remove(key);
                    }
                }
            }
        }
    }

    /// Removes a profile's key; true when there was one.
    pub fn remove_key(&mut self, name: &str) -> bool {
        let removed = self
            .table
            .get_mut("profiles")
            .and_then(|p| p.get_mut(name))
            .and_then(toml::Value::as_table_mut)
            .is_some_and(|table| table.remove("api_key").is_some());
        if let Some(table) = self
            .doc
            .get_mut("profiles")
            .and_then(|p| p.get_mut(name))
            .and_then(toml_edit::Item::as_table_like_mut)
        {
            table.remove("api_key");
        }
        removed
    }

    /// Writes the file atomically with mode 0600, its folder 0700 (see the module's
    /// documentation). The text is checked to read back as the same settings before anything
    /// is written, so a file is never replaced by one that says something else, or nothing.
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
        let text = self.doc.to_string();
        if text.parse::<toml::Table>().ok().as_ref() != Some(&self.table) {
            return Err(ConfigError::Io {
                action: "write",
                path: self.path.display().to_string(),
                source: std::io::Error::other("the edited file does not read back as its settings"),
            });
        }
        create_private_dir(dir).map_err(io("create", dir))?;
        replace_atomically(dir, &self.path, text.as_bytes()).map_err(io("write", &self.path))
    }
}

/// Sets `key` to the string `text`; an existing key keeps its place and the comments around it
/// and its value (`api_key = "…" # work`).
fn set_keeping_decor(table: &mut toml_edit::Table, key: &str, text: &str) {
    match table.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(value) => {
            let decor = value.decor().clone();
            *value = toml_edit::Value::from(text);
            *value.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::value(text));
        }
    }
}

/// [`ConfigFile::set_profile`] on the table that is read.
fn set_profile_in(table: &mut toml::Table, name: &str, profile: &Profile) {
    let profiles = table
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

/// The table under `key` in `parent` (a table), made one if it is missing or something else;
/// an inline table becomes a standard one. `implicit`: a new table gets no header of its own
/// (`[profiles]` is not written before `[profiles.work]`).
fn table_item<'a>(
    parent: &'a mut toml_edit::Item,
    key: &str,
    implicit: bool,
) -> &'a mut toml_edit::Item {
    if !parent.is_table() {
        let taken = std::mem::take(parent);
        *parent = toml_edit::Item::Table(taken.into_table().unwrap_or_default());
    }
    let item = &mut parent[key];
    if !item.is_table() {
        let taken = std::mem::take(item);
        let table = taken.into_table().unwrap_or_else(|_| {
            let mut table = toml_edit::Table::new();
            table.set_implicit(implicit);
            table
        });
        *item = toml_edit::Item::Table(table);
    }
    item
}

/// Replaces `path` with `bytes`: a temporary file in `dir` (mode 0600), synced, renamed over
/// `path`, then `dir` synced so the rename itself is durable. A failure leaves `path` as it was
/// and removes the temporary file.
fn replace_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".config.toml.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|err| err.error)?;
    sync_dir(dir)
}

/// Makes a rename in `dir` durable (Unix: fsync of the folder; Windows has no such call, and
/// its rename is durable once it returns with the file's own sync).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A parse error of `toml_edit` (which reads what `toml` read) in the same form.
fn edit_parse_error(path: &Path, text: &str, err: &toml_edit::TomlError) -> ConfigError {
    let (line, column) = err.span().map_or((1, 1), |span| line_col(text, span.start));
    ConfigError::Parse {
        path: path.display().to_string(),
        line,
        column,
        message: err.message().trim().to_string(),
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

/// The permission bits of `path` (Unix); `None` where there are none or it does not exist.
#[cfg(unix)]
pub(crate) fn mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
pub(crate) fn mode(_path: &Path) -> Option<u32> {
    None
}

/// `path` as one shell word: as it is when it holds only safe characters, else single-quoted.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%~,".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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

    #[cfg(unix)]
    #[test]
    fn modes_others_can_write_are_refused_with_the_chmod_and_a_readable_key_is_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let set = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
        };
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("my conf");
        std::fs::create_dir(&conf).unwrap();
        let file = conf.join("config.toml");
        std::fs::write(&file, "[profiles.default]\napi_key = \"sk\"\n").unwrap();
        let check = |folder: u32, f: u32| {
            set(&conf, folder);
            set(&file, f);
            ConfigFile::load(&conf).unwrap().check_modes()
        };
        assert!(check(0o700, 0o600).unwrap().is_none());
        assert!(
            check(0o755, 0o600).unwrap().is_none(),
            "a readable folder alone is fine"
        );
        let quoted = format!("'{}'", conf.display());
        match check(0o775, 0o600).unwrap_err() {
            ConfigError::Exposed { message, fix } => {
                assert!(message.contains("(mode 0775)"), "{message}");
                assert_eq!(fix, format!("chmod 700 {quoted}"));
            }
            other => panic!("{other}"),
        }
        match check(0o700, 0o646).unwrap_err() {
            ConfigError::Exposed { message, fix } => {
                assert!(message.contains("the file"), "{message}");
                assert_eq!(fix, format!("chmod 600 '{}'", file.display()));
            }
            other => panic!("{other}"),
        }
        let err = check(0o777, 0o666).unwrap_err();
        assert_eq!(
            err.hint().unwrap(),
            format!("run `chmod 700 {quoted} && chmod 600 '{}'`", file.display())
        );
        let warning = check(0o700, 0o644).unwrap().expect("a warning");
        assert!(
            warning.starts_with("others can read the key in"),
            "{warning}"
        );
        std::fs::write(&file, "theme = \"dark\"\n").unwrap();
        assert!(
            check(0o700, 0o644).unwrap().is_none(),
            "no key, nothing to read"
        );
        set(&conf, 0o700);
    }

    #[test]
    fn edits_keep_comments_order_and_layout_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let before = "# my settings\ntheme = \"dark\" # keep this\n\n[profiles.work]\n# the work key\napi_key = \"sk-old\" # rotated monthly\napi_base = \"https://a.example/v1\"\n\n[profiles.home]\napi_key = \"sk-home\"\n";
        std::fs::write(dir.path().join("config.toml"), before).unwrap();
        let mut config = ConfigFile::load(dir.path()).unwrap();
        config.set_profile(
            "work",
            &Profile {
                api_base: Some("https://a.example/v1".into()),
                api_key: Some("sk-new".into()),
            },
        );
        config.set_profile(
            "new",
            &Profile {
                api_base: None,
                api_key: Some("sk-3".into()),
            },
        );
        assert!(config.remove_key("home"));
        config.save().unwrap();
        let after = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
        assert_eq!(
            after,
            "# my settings\ntheme = \"dark\" # keep this\n\n[profiles.work]\n# the work key\napi_key = \"sk-new\" # rotated monthly\napi_base = \"https://a.example/v1\"\n\n[profiles.home]\n\n[profiles.new]\napi_key = \"sk-3\"\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["config.toml"], "no temporary file is left");
        let again = ConfigFile::load(dir.path()).unwrap();
        assert_eq!(
            again.profile("new").unwrap().api_key.as_deref(),
            Some("sk-3")
        );
    }

    #[test]
    fn a_save_into_a_folder_that_cannot_exist_fails_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // A path under a regular file: not even root can create it.
        std::fs::write(dir.path().join("file"), "x").unwrap();
        let mut config = ConfigFile::empty(&dir.path().join("file").join("conf"));
        config.set_profile(
            "default",
            &Profile {
                api_base: None,
                api_key: Some("sk".into()),
            },
        );
        assert!(config.save().is_err());
        assert_eq!(std::fs::read(dir.path().join("file")).unwrap(), b"x");
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
