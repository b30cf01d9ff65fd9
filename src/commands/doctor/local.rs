//! The checks that need no network: the version, the config file and its permissions, the
//! profile and the key and where each came from, the API base, and the proxy in effect.

use std::path::Path;

use serde_json::json;

use super::{Check, Status};
use crate::api::Credential;
use crate::api::diagnose::{self, PROXY_VARIABLES};
use crate::config::{ConfigError, ConfigFile};
use crate::context::Context;
use crate::error::{self, Exit};
use crate::settings::Origin;

/// The local checks, in report order.
pub fn checks(ctx: &Context, setup_error: Option<&anyhow::Error>) -> Vec<Check> {
    vec![
        version(),
        config(ctx),
        profile(ctx, setup_error),
        key(ctx),
        api_base(ctx),
        proxy(ctx),
    ]
}

fn version() -> Check {
    use crate::about::{COMMIT, LONG_VERSION, TARGET, VERSION};
    Check::ok("version", format!("pletor {LONG_VERSION}"))
        .details(json!({"version": VERSION, "commit": COMMIT, "target": TARGET}))
}

fn config(ctx: &Context) -> Check {
    let dir = &ctx.settings.config_dir;
    let path = dir.join("config.toml");
    let shown = path.display().to_string();
    let details = json!({
        "path": shown,
        "exists": path.exists(),
        "file_mode": mode(&path).map(|m| format!("{m:04o}")),
        "folder_mode": mode(dir).map(|m| format!("{m:04o}")),
    });
    let file = match ConfigFile::load(dir) {
        Ok(file) => file,
        Err(err) => {
            let hint = err.hint().unwrap_or_default();
            return Check::problem("config", Exit::Usage, err.to_string())
                .hint(hint)
                .details(details);
        }
    };
    let findings = permission_findings(dir, &path, file.holds_a_key());
    if !findings.is_empty() {
        let message: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        let hint: Vec<&str> = findings.iter().map(|f| f.hint.as_str()).collect();
        let (message, hint) = (message.join("; "), hint.join(", and "));
        let check = if findings.iter().any(|f| f.status == Status::Problem) {
            Check::problem("config", Exit::Usage, message).hint(hint)
        } else {
            Check::warning("config", message, hint)
        };
        return check.details(details);
    }
    let message = match (path.exists(), mode(&path), mode(dir)) {
        (false, ..) => format!("no config file yet ({shown}); `pletor auth login` creates it"),
        (true, Some(file), Some(folder)) => {
            format!("{shown} (file {file:04o}, folder {folder:04o})")
        }
        (true, ..) => shown,
    };
    Check::ok("config", message).details(details)
}

/// One thing too open about the config folder or file.
struct Finding {
    status: Status,
    message: String,
    hint: String,
}

/// What is too open about the config folder and file: a folder or file others can write (they
/// could point the API base elsewhere and collect the key) or a file others can read that holds
/// a key is a problem; anything else others can read is a warning. `auth login` creates both
/// private (0700, 0600).
fn permission_findings(dir: &Path, file: &Path, holds_key: bool) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(m) = mode(dir).filter(|m| m & 0o077 != 0) {
        let (status, what) = if m & 0o022 != 0 {
            (Status::Problem, "write to")
        } else {
            (Status::Warning, "read")
        };
        found.push(Finding {
            status,
            message: format!(
                "others can {what} the folder {} (mode {m:04o})",
                dir.display()
            ),
            hint: format!("run `chmod 700 {}`", dir.display()),
        });
    }
    if let Some(m) = mode(file).filter(|m| m & 0o077 != 0) {
        let (status, what) = match (m & 0o022 != 0, holds_key) {
            (true, _) => (Status::Problem, "write to"),
            (false, true) => (Status::Problem, "read the key in"),
            (false, false) => (Status::Warning, "read"),
        };
        found.push(Finding {
            status,
            message: format!(
                "others can {what} the file {} (mode {m:04o})",
                file.display()
            ),
            hint: format!("run `chmod 600 {}`", file.display()),
        });
    }
    found
}

#[cfg(unix)]
fn mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode(_path: &Path) -> Option<u32> {
    None
}

fn profile(ctx: &Context, setup_error: Option<&anyhow::Error>) -> Check {
    let settings = &ctx.settings;
    // A config file that does not load is the `config` check's; anything else that stopped the
    // settings (an unknown `--profile`) is this one's.
    let other = setup_error.filter(|e| !e.chain().any(|c| c.is::<ConfigError>()));
    if let Some(err) = other {
        let report = error::classify(err);
        let check = Check::problem("profile", report.exit, report.message);
        return match report.hint {
            Some(hint) => check.hint(hint),
            None => check,
        };
    }
    let from = match &settings.profile_source {
        Origin::File(_) => "the config file's `default_profile`".to_string(),
        Origin::Default => "the default".to_string(),
        other => other.to_string(),
    };
    Check::ok("profile", format!("`{}` (from {from})", settings.profile))
        .details(json!({"name": settings.profile, "source": settings.profile_source.to_string()}))
}

fn key(ctx: &Context) -> Check {
    let settings = &ctx.settings;
    let Some((credential, source)) = &settings.credential else {
        return Check::problem(
            "key",
            Exit::Auth,
            format!("no API key for profile `{}`", settings.profile),
        )
        .hint("run `pletor auth login`, or set `PLETOR_API_KEY` (offline: `pletor-sim exec -- pletor doctor`)");
    };
    let (kind, name) = match credential {
        Credential::ApiKey(_) => ("api_key", "API key"),
        Credential::Bearer(_) => ("bearer_token", "Bearer token"),
    };
    let mut message = format!("{name} {}", from(source));
    let stored = ConfigFile::load(&settings.config_dir)
        .ok()
        .and_then(|f| f.profile(&settings.profile))
        .is_some_and(|p| p.api_key.is_some());
    if stored && !matches!(source, Origin::File(_)) {
        message.push_str(&format!(
            ", in place of the key stored in profile `{}`",
            settings.profile
        ));
    }
    let details = json!({"kind": kind, "source": source.to_string()});
    if let Origin::Flag(flag) = source {
        return Check::warning(
            "key",
            message,
            format!("`{flag}` shows up in process lists: prefer `PLETOR_API_KEY`"),
        )
        .details(details);
    }
    Check::ok("key", message).details(details)
}

fn api_base(ctx: &Context) -> Check {
    let (base, source) = &ctx.settings.api_base;
    let details = json!({"value": base, "source": source.to_string()});
    let refused = diagnose::route(base)
        .err()
        .map(anyhow::Error::from)
        .or_else(|| super::client(ctx).err());
    match refused.map(|err| error::classify(&err)) {
        Some(report) if report.exit == Exit::Usage => {
            Check::problem("api_base", Exit::Usage, report.message)
                .hint(format!(
                    "fix the base given by {source}: it looks like {}",
                    crate::api::spec::DEFAULT_API_BASE
                ))
                .details(details)
        }
        _ => Check::ok("api_base", format!("{base} ({})", from(source))).details(details),
    }
}

/// Where a setting came from, as the report says it: ``from environment `PLETOR_API_KEY` ``.
fn from(source: &Origin) -> String {
    match source {
        Origin::Default => "the default".to_string(),
        other => format!("from {other}"),
    }
}

fn proxy(ctx: &Context) -> Check {
    let set: Vec<&str> = PROXY_VARIABLES
        .iter()
        .copied()
        .filter(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
        .collect();
    let Ok(route) = diagnose::route(&ctx.settings.api_base.0) else {
        return Check::skipped("proxy", "no usable API base");
    };
    let listed = if set.is_empty() {
        String::new()
    } else {
        format!(" ({} set)", set.join(", "))
    };
    let details = json!({
        "proxy": route.proxy.as_ref().map(|p| &p.url),
        "variables": set,
    });
    let message = match &route.proxy {
        Some(proxy) => format!(
            "through {}{}{listed}{}",
            crate::output::clean(&proxy.url),
            if proxy.has_credentials {
                " with credentials"
            } else {
                ""
            },
            if route.tls {
                "; the key travels inside TLS, unseen by the proxy"
            } else {
                ""
            }
        ),
        None if set.is_empty() => "none".to_string(),
        None if route.loopback => format!(
            "none: {} is this machine, which never goes through a proxy{listed}",
            route.host
        ),
        None => format!("none for {}{listed}", route.host),
    };
    Check::ok("proxy", message).details(details)
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn with_modes(folder: u32, file: u32) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(file)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(folder)).unwrap();
        (dir, path)
    }

    fn statuses(folder: u32, file: u32, holds_key: bool) -> Vec<Status> {
        let (dir, path) = with_modes(folder, file);
        permission_findings(dir.path(), &path, holds_key)
            .into_iter()
            .map(|f| f.status)
            .collect()
    }

    #[test]
    fn private_modes_are_fine_and_open_ones_are_graded_by_what_others_can_do() {
        assert!(statuses(0o700, 0o600, true).is_empty());
        assert_eq!(statuses(0o755, 0o600, true), [Status::Warning]);
        assert_eq!(statuses(0o777, 0o600, true), [Status::Problem]);
        assert_eq!(statuses(0o700, 0o644, false), [Status::Warning]);
        assert_eq!(statuses(0o700, 0o644, true), [Status::Problem]);
        assert_eq!(statuses(0o700, 0o666, false), [Status::Problem]);
    }
}
