//! Local bounds and hostile streams: text read from stdin or a file is capped, a broken stderr
//! never changes the exit code, SIGTERM ends like Ctrl-C, one `.part` has one writer, JSON and
//! `--jq` output cannot carry terminal controls, and loose config modes are refused.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::{World, expect_code, stderr, stdout};

/// Creates an asset of `size` filler bytes named `filename` through the admin API.
fn asset(world: &World, filename: &str, size: usize) -> String {
    let created = world.admin_post("assets", json!({"filename": filename, "size": size}));
    created["id"].as_str().expect("an id").to_string()
}

/// A download that writes to stderr (`--progress plain`: one line per file), with stderr on
/// `sink`; returns the exit code.
fn download_with_stderr(world: &World, id: &str, out: &str, sink: Stdio) -> std::process::Child {
    world
        .process(crate::harness::pletor_bin())
        .args(["--progress", "plain", "download", id, "-o", out])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(sink)
        .spawn()
        .expect("pletor starts")
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_never_aborts_and_the_exit_code_is_that_of_the_work() {
    let world = World::new();
    let id = asset(&world, "full.bin", 50_000);
    let full = || {
        Stdio::from(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full opens"),
        )
    };
    let output = download_with_stderr(&world, &id, "out", full())
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        std::fs::metadata(world.work().join("out/full.bin"))
            .unwrap()
            .len(),
        50_000
    );
    // An error the command must report: the exit code stays the error's own.
    let missing = "00000000-0000-4000-8000-00000000dead";
    let output = download_with_stderr(&world, missing, "out", full())
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
}

#[test]
fn a_closed_stderr_pipe_never_aborts_and_the_exit_code_is_that_of_the_work() {
    let world = World::new();
    let id = asset(&world, "closed.bin", 50_000);
    for (target, code) in [
        (id.as_str(), 0),
        ("00000000-0000-4000-8000-00000000dead", 5),
    ] {
        let mut child = download_with_stderr(&world, target, "out", Stdio::piped());
        drop(child.stderr.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{}", stdout(&output));
    }
    assert_eq!(
        std::fs::read(world.work().join("out/closed.bin"))
            .unwrap()
            .len(),
        50_000
    );
}

/// Feeds `pletor ARGS` an endless stdin (`a` bytes, up to 256 MiB) and returns its output, how
/// long it took and how many bytes it accepted before it closed stdin.
fn endless_stdin(world: &World, args: &[&str]) -> (std::process::Output, Duration, u64) {
    use std::io::Write as _;
    let started = Instant::now();
    let mut child = world
        .process(crate::harness::pletor_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pletor starts");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 64 * 1024];
        let mut written = 0_u64;
        while written < 256 << 20 {
            match stdin.write(&chunk) {
                Ok(n) => written += n as u64,
                Err(_) => break,
            }
        }
        written
    });
    let output = child.wait_with_output().unwrap();
    let took = started.elapsed();
    (output, took, writer.join().unwrap())
}

const MIB: u64 = 1024 * 1024;

#[test]
fn a_text_value_from_an_endless_stdin_stops_at_16_mib_with_exit_2_and_creates_nothing() {
    let world = World::new();
    let (output, took, accepted) = endless_stdin(
        &world,
        &["run", "Text to Image", "-i", "prompt=@-", "-o", "out"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the text on stdin (`@-`) is larger than 16.0 MiB"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("hint: "), "{}", stderr(&output));
    assert!(took < Duration::from_secs(10), "took {took:?}");
    // Read up to the cap and one byte more; the rest is what the pipe buffers.
    assert!(accepted > 16 * MIB, "accepted only {accepted}");
    assert!(
        accepted <= 18 * MIB,
        "accepted {accepted}: read past the cap"
    );
    assert_eq!(world.stats()["runs_created"], 0);
}

#[test]
fn an_inputs_document_from_an_endless_stdin_stops_at_64_mib_with_exit_2() {
    let world = World::new();
    let (output, took, accepted) = endless_stdin(
        &world,
        &["run", "Text to Image", "--inputs", "-", "-o", "out"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("`--inputs -` is larger than 64.0 MiB"),
        "{}",
        stderr(&output)
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert!(accepted > 64 * MIB, "accepted only {accepted}");
    assert!(
        accepted <= 66 * MIB,
        "accepted {accepted}: read past the cap"
    );
    assert_eq!(world.requests().len(), 0, "refused before any request");
}

#[cfg(target_os = "linux")]
#[test]
fn inputs_and_batch_files_that_never_end_are_refused_at_their_cap() {
    let world = World::new();
    for args in [
        &["run", "Text to Image", "--inputs", "/dev/zero"][..],
        &["run", "Text to Image", "--batch", "/dev/zero"][..],
    ] {
        let started = Instant::now();
        let output = expect_code(world.pletor().args(args), 2);
        assert!(
            stderr(&output).contains("/dev/zero` is larger than 64.0 MiB"),
            "{}",
            stderr(&output)
        );
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    assert_eq!(world.stats()["runs_created"], 0);
}

/// A file name with a C1 CSI (U+009B), an ESC sequence, DEL and a bell: what a hostile server
/// could put in any string.
const CONTROLS: &str = "red\u{9b}31m\u{1b}[2J\u{7f}\u{7}.png";

#[test]
fn json_output_escapes_c0_and_c1_controls_and_jq_strings_go_raw_to_a_pipe() {
    let world = World::new();
    let id = world.admin_post("assets", json!({"filename": CONTROLS, "size": 10}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let output = expect_code(world.pletor().args(["assets", "show", &id, "--json"]), 0);
    let text = stdout(&output);
    assert!(
        text.contains(r#""red\u009b31m\u001b[2J\u007f\u0007.png""#),
        "{text}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "no raw control in JSON: {text:?}"
    );
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        back["filename"], CONTROLS,
        "the escapes read back as the name"
    );
    // A raw string from --jq is the data itself on a pipe, as jq -r writes it.
    let output = expect_code(
        world
            .pletor()
            .args(["assets", "show", &id, "--jq", ".filename"]),
        0,
    );
    assert_eq!(stdout(&output), format!("{CONTROLS}\n"));
}

#[cfg(unix)]
#[test]
fn jq_strings_written_to_a_terminal_show_their_control_characters() {
    use crate::harness::pty::{finish, pty};
    let world = World::new();
    let id = world.admin_post("assets", json!({"filename": CONTROLS, "size": 10}))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let session = pty(&world, &["assets", "show", &id, "--jq", ".filename"], &[]);
    let (shown, code) = finish(session);
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains(r"red\u009b31m\u001b[2J\u007f\u0007.png"),
        "{shown:?}"
    );
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{9b}'),
        "{shown:?}"
    );
}

/// Starts `pletor download ID -o out` on an asset the simulator trickles (one byte every
/// 20 ms) and waits until its `.part` exists and the body is flowing; returns the child and the
/// `.part` path.
fn slowed_download(
    world: &World,
    id: &str,
    name: &str,
) -> (std::process::Child, std::path::PathBuf) {
    world.faults(json!({"path": format!("/assets/{id}/download"), "kind": "trickle", "ms": 20}));
    let child = world.spawn(&["download", id, "-o", "out"]);
    let part = world.work().join(format!("out/{name}.part"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !part.exists() || world.stats()["fault_body_bytes"].as_u64().unwrap_or(0) < 3 {
        assert!(Instant::now() < deadline, "the download never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, part)
}

#[cfg(unix)]
#[test]
fn sigterm_mid_download_exits_143_keeps_the_part_and_says_how_to_resume() {
    let world = World::new();
    let id = asset(&world, "term.bin", 100_000);
    let (child, part) = slowed_download(&world, &id, "term.bin");
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(143), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("error: terminated (SIGTERM)"), "{err}");
    assert!(
        err.contains("run the same command again to resume"),
        "{err}"
    );
    assert!(part.exists(), "the .part stays for a resume");
    assert!(!world.work().join("out/term.bin").exists());
    // The same command resumes from the .part (a prefix, maybe empty) and finishes the file.
    assert!(std::fs::metadata(&part).unwrap().len() < 100_000);
    expect_code(world.pletor().args(["download", &id, "-o", "out"]), 0);
    assert_eq!(
        std::fs::metadata(world.work().join("out/term.bin"))
            .unwrap()
            .len(),
        100_000
    );
}

#[test]
fn a_second_download_into_the_same_part_is_refused_while_the_first_finishes_intact() {
    let world = World::new();
    let id = asset(&world, "twice.bin", 200);
    let expected = {
        let asset = world.api("GET", &format!("/assets/{id}"), None);
        asset["sha256"].as_str().unwrap().to_string()
    };
    // The first trickles at one byte per 20 ms (about 4 s); the second comes while it does.
    let (first, part) = slowed_download(&world, &id, "twice.bin");
    let second = expect_code(world.pletor().args(["download", &id, "-o", "out"]), 2);
    let err = stderr(&second);
    assert!(
        err.contains("twice.bin.part` is being written by another pletor process"),
        "{err}"
    );
    assert!(
        err.contains("hint: wait for the other download to finish"),
        "{err}"
    );
    assert!(part.exists(), "the second leaves the first's .part alone");
    let first = first.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let saved = std::fs::read(world.work().join("out/twice.bin")).unwrap();
    assert_eq!(saved.len(), 200);
    let digest = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(&saved))
    };
    assert_eq!(
        digest, expected,
        "one writer: the file is the asset, byte for byte"
    );
    assert!(!part.exists());
}

/// Stores the simulator's key with `auth login` (the config folder 0700, the file 0600).
#[cfg(unix)]
fn login(world: &World) {
    expect_code(
        world
            .keyless()
            .args(["auth", "login", "--with-key"])
            .write_stdin(world.sim.key()),
        0,
    );
}

#[cfg(unix)]
fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_config_others_can_write_is_refused_with_the_chmod_that_fixes_it() {
    let world = World::new();
    login(&world);
    let before = world.requests().len();
    for (folder, file, fix) in [
        (
            0o777,
            0o600,
            format!("chmod 700 {}", world.config_dir().display()),
        ),
        (
            0o700,
            0o620,
            format!("chmod 600 {}", world.config_file(None).display()),
        ),
    ] {
        chmod(&world.config_dir(), folder);
        chmod(&world.config_file(None), file);
        let output = expect_code(world.keyless().args(["agents", "list"]), 2);
        let err = stderr(&output);
        assert!(err.contains("error: others can write to the "), "{err}");
        assert!(
            err.contains(&format!("(mode {file:04o})"))
                || err.contains(&format!("(mode {folder:04o})")),
            "{err}"
        );
        assert!(err.contains(&format!("hint: run `{fix}`")), "{err}");
        crate::harness::assert_no_secret(&output, &world.sim.key());
        // The hint's command, run as it is, is the whole fix.
        let fixed = std::process::Command::new("sh")
            .args(["-c", &fix])
            .status()
            .unwrap();
        assert!(fixed.success());
        expect_code(world.keyless().args(["agents", "list"]), 0);
    }
    let refused_sent: usize = world.requests().len() - before;
    assert_eq!(
        refused_sent, 2,
        "only the two commands after each fix reached the API"
    );
}

#[cfg(unix)]
#[test]
fn a_key_others_can_read_is_a_warning_on_every_command_and_doctor_still_reports_it() {
    let world = World::new();
    login(&world);
    chmod(&world.config_file(None), 0o644);
    let file = world.config_file(None).display().to_string();
    for args in [
        &["agents", "list"][..],
        &["agents", "list", "--json", "--quiet"][..],
    ] {
        let output = expect_code(world.keyless().args(args), 0);
        let err = stderr(&output);
        assert!(
            err.contains(&format!(
                "warning: others can read the key in {file} (mode 0644); run `chmod 600 {file}`"
            )),
            "{err}"
        );
    }
    // doctor reports it among its checks (a problem there, exit 2), and so a writable folder.
    let output = expect_code(world.keyless().args(["doctor", "--json"]), 2);
    let report = crate::harness::json(&output);
    let config = report
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "config")
        .cloned()
        .unwrap();
    assert!(
        config["message"]
            .as_str()
            .unwrap()
            .contains("others can read the key"),
        "{config}"
    );
    chmod(&world.config_dir(), 0o777);
    let output = expect_code(world.keyless().args(["doctor"]), 2);
    assert!(
        stdout(&output).contains("others can write to the folder"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn auth_login_and_logout_keep_the_comments_and_order_of_a_hand_written_config() {
    let world = World::new();
    let written = "# pletor settings, by hand\ntheme = \"dark\" # my choice\n\n[profiles.home]\n# the home key lives elsewhere\napi_base = \"https://home.example/v1\"\n";
    world.config_file(Some(written));
    expect_code(
        world
            .keyless()
            .args(["auth", "login", "--with-key", "--profile", "work"])
            .write_stdin(world.sim.key()),
        0,
    );
    let after = std::fs::read_to_string(world.config_file(None)).unwrap();
    assert!(
        after.starts_with(written),
        "the file as it was comes first:\n{after}"
    );
    assert!(after.contains("[profiles.work]"), "{after}");
    assert_eq!(after.matches(&world.sim.key()).count(), 1, "{after}");
    expect_code(
        world
            .keyless()
            .args(["auth", "logout", "--profile", "work"]),
        0,
    );
    let after = std::fs::read_to_string(world.config_file(None)).unwrap();
    assert!(after.starts_with(written), "{after}");
    assert!(!after.contains(&world.sim.key()), "{after}");
    let names: Vec<_> = std::fs::read_dir(world.config_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["config.toml"], "no temporary file is left");
}
