//! The GitHub Action (`action.yml` at the root): it parses as a composite action, passes its
//! inputs to scripts through the environment only, knows every platform the release builds,
//! and its install script, run here against a local copy of a release, installs a binary whose
//! SHA-256 matches the release's checksum file and refuses one that does not.

use std::collections::BTreeMap;
use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// action.yml, parsed.
pub(crate) fn action() -> Yaml {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("action.yml: {e}"));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

/// `owner/name` of the repository (Cargo.toml's `repository`): where the action and the
/// releases live.
pub(crate) fn repository() -> String {
    let cargo: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let url = cargo["workspace"]["package"]["repository"]
        .as_str()
        .unwrap();
    url.strip_prefix("https://github.com/")
        .expect("a GitHub repository")
        .to_string()
}

fn steps() -> Vec<Yaml> {
    action()["runs"]["steps"].as_vec().unwrap().clone()
}

/// The install step's script.
fn install_script() -> String {
    let steps = steps();
    let install = steps
        .iter()
        .find(|s| s["id"].as_str() == Some("install"))
        .expect("a step with id `install`");
    install["run"].as_str().unwrap().to_string()
}

#[test]
fn the_action_is_composite_and_takes_a_version_and_an_optional_command() {
    let action = action();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let inputs = &action["inputs"];
    assert_eq!(inputs["version"]["default"].as_str(), Some("latest"));
    assert_eq!(inputs["command"]["default"].as_str(), Some(""));
    assert_eq!(
        inputs["repository"]["default"].as_str(),
        Some(repository().as_str())
    );
    for step in steps() {
        // No `${{ … }}` inside a script: inputs arrive as environment variables, so a version
        // or a command cannot inject shell text.
        if let Some(run) = step["run"].as_str() {
            assert!(
                !run.contains("${{"),
                "template expansion in a script: {run}"
            );
            assert_eq!(step["shell"].as_str(), Some("bash"));
        }
    }
    let command = steps()
        .into_iter()
        .find(|s| s["env"]["PLETOR_COMMAND"].as_str().is_some())
        .expect("a step that runs the command");
    assert_eq!(
        command["if"].as_str(),
        Some("${{ inputs.command != '' }}"),
        "the command runs only when one is given"
    );
}

#[test]
fn the_action_knows_every_platform_the_release_builds_and_their_archives() {
    let dist: toml::Table = std::fs::read_to_string(root().join("dist-workspace.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let script = install_script();
    for target in dist["dist"]["targets"].as_array().unwrap() {
        let target = target.as_str().unwrap();
        assert!(
            script.contains(&format!(") target={target} ;;")),
            "action.yml does not install on {target}"
        );
    }
    // The names dist gives the archives and their checksums.
    for piece in [
        "archive=\"pletor-cli-$target.tar.xz\"",
        "archive=\"pletor-cli-$target.zip\"",
        "\"$releases/$archive.sha256\"",
        "\"pletor-cli-$target/pletor\"",
    ] {
        assert!(script.contains(piece), "the install script lacks {piece}");
    }
}

/// A local stand-in for the releases: serves `files` by path over HTTP/1.1 and records the
/// paths asked. The thread lives as long as the test process.
#[cfg(unix)]
fn serve(
    files: BTreeMap<String, Vec<u8>>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
            log.lock().unwrap().push(path.clone());
            let (status, body) = match files.get(&path) {
                Some(body) => ("200 OK", body.clone()),
                None => ("404 Not Found", b"not found".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (base, asked)
}

/// The runner's names for this machine, and the release target the action maps them to.
#[cfg(unix)]
fn this_runner() -> Option<(&'static str, &'static str, &'static str)> {
    Some(match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => ("Linux", "X64", "x86_64-unknown-linux-musl"),
        ("linux", "aarch64") => ("Linux", "ARM64", "aarch64-unknown-linux-musl"),
        ("macos", "x86_64") => ("macOS", "X64", "x86_64-apple-darwin"),
        ("macos", "aarch64") => ("macOS", "ARM64", "aarch64-apple-darwin"),
        _ => return None,
    })
}

#[cfg(unix)]
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

/// Runs the install script as the runner would, with `version` asked and the releases at
/// `base`; returns its output and the runner's temp folder.
#[cfg(unix)]
fn install(
    base: &str,
    version: &str,
    runner: (&str, &str),
) -> (std::process::Output, tempfile::TempDir) {
    let temp = tempfile::tempdir().unwrap();
    let output = std::process::Command::new("bash")
        .args(["-c", &install_script()])
        .env("PLETOR_VERSION", version)
        .env("PLETOR_REPOSITORY", repository())
        .env("PLETOR_BASE_URL", base)
        .env("RUNNER_OS", runner.0)
        .env("RUNNER_ARCH", runner.1)
        .env("RUNNER_TEMP", temp.path())
        .env("GITHUB_PATH", temp.path().join("github_path"))
        .env("GITHUB_OUTPUT", temp.path().join("github_output"))
        .output()
        .expect("bash runs");
    (output, temp)
}

#[cfg(unix)]
#[test]
fn the_install_script_checks_the_archive_against_its_checksum_then_puts_pletor_on_path() {
    let Some((os, arch, target)) = this_runner() else {
        eprintln!("SKIPPED: no pletor release for this machine");
        return;
    };
    // A release archive as dist makes it. The binary is a stand-in that answers `--version`
    // (compressing the real debug build would cost more time than the test is about).
    let staging = tempfile::tempdir().unwrap();
    let folder = staging.path().join(format!("pletor-cli-{target}"));
    std::fs::create_dir_all(&folder).unwrap();
    let binary = folder.join("pletor");
    std::fs::write(&binary, "#!/bin/sh\necho \"pletor 1.2.3 (stand-in)\"\n").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let archive = format!("pletor-cli-{target}.tar.xz");
    let packed = std::process::Command::new("tar")
        .arg("-cJf")
        .arg(staging.path().join(&archive))
        .arg("-C")
        .arg(staging.path())
        .arg(format!("pletor-cli-{target}"))
        .status()
        .expect("tar runs");
    assert!(packed.success(), "tar -cJf (xz) works here");
    let bytes = std::fs::read(staging.path().join(&archive)).unwrap();
    let sum = format!("{}  {archive}\n", sha256_hex(&bytes));
    let repo = repository();
    let release = format!("/{repo}/releases/download/v1.2.3");
    let latest = format!("/{repo}/releases/latest/download");
    let mut files = BTreeMap::new();
    for dir in [&release, &latest] {
        files.insert(format!("{dir}/{archive}"), bytes.clone());
        files.insert(format!("{dir}/{archive}.sha256"), sum.clone().into_bytes());
    }
    // A tampered release: the archive differs from what its checksum says.
    let tampered = format!("/{repo}/releases/download/v6.6.6");
    let mut evil = bytes.clone();
    evil.extend_from_slice(b"tampered");
    files.insert(format!("{tampered}/{archive}"), evil);
    files.insert(
        format!("{tampered}/{archive}.sha256"),
        sum.clone().into_bytes(),
    );
    let (base, asked) = serve(files);

    let (output, temp) = install(&base, "v1.2.3", (os, arch));
    let said = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("checksum ok"), "{said}");
    let path = std::fs::read_to_string(temp.path().join("github_path")).unwrap();
    let bin = Path::new(path.trim()).join("pletor");
    let version = std::process::Command::new(&bin)
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout),
        "pletor 1.2.3 (stand-in)\n"
    );
    let outputs = std::fs::read_to_string(temp.path().join("github_output")).unwrap();
    assert!(outputs.contains("version=1.2.3\n"), "{outputs}");

    let (output, _temp) = install(&base, "latest", (os, arch));
    assert!(output.status.success(), "{:?}", output);

    let (output, temp) = install(&base, "6.6.6", (os, arch));
    let said = String::from_utf8_lossy(&output.stdout).to_string();
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("does not match its checksum"), "{said}");
    assert!(
        !temp.path().join("pletor-bin/pletor").exists(),
        "nothing installed"
    );
    assert!(!temp.path().join("github_path").exists(), "nothing on PATH");

    // A version that is not one is refused before any download.
    let before = asked.lock().unwrap().len();
    let (output, _temp) = install(&base, "1.0; touch /tmp/owned", (os, arch));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("version must be latest"));
    assert_eq!(
        asked.lock().unwrap().len(),
        before,
        "no request for a bad version"
    );
    let (output, _temp) = install(&base, "1.2.3", ("Plan9", "X64"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("no pletor release for Plan9"));
}
