//! The `pletor-sim` binary: `exec`, `serve`, the curl quickstart in `examples/`, and memory use.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use pletor_sim::catalog::*;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const BIN: &str = env!("CARGO_BIN_EXE_pletor-sim");

fn exec(args: &[&str]) -> Output {
    Command::new(BIN).arg("exec").args(args).output().unwrap()
}

/// Kills the child when a test ends, even by a failed assertion.
struct Server {
    child: Child,
    api_base: String,
}

impl Server {
    /// Starts `pletor-sim serve` and reads the API base from its first stdout line.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Server {
            child,
            api_base: line.trim().to_owned(),
        }
    }

    #[cfg(unix)]
    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Peak resident memory from /proc, in bytes.
    #[cfg(target_os = "linux")]
    fn peak_rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kib * 1024
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
#[test]
fn exec_runs_the_command_against_a_fresh_sim_and_prints_the_catalog() {
    let out = exec(&[
        "--",
        "sh",
        "-c",
        r#"curl -sf -H "X-Api-Key: $PLETOR_API_KEY" "$PLETOR_API_BASE/agents/""#,
    ]);
    assert!(out.status.success(), "{out:?}");
    let catalog: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = catalog["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Text to Image",
            "Product Shot",
            "Reviewed Post",
            "Echo",
            "Always Fails"
        ]
    );
}

#[cfg(unix)]
#[test]
fn exec_sets_the_environment_from_its_options() {
    let out = exec(&[
        "--key",
        "sk-custom",
        "--key",
        "sk-second",
        "--",
        "sh",
        "-c",
        r#"echo "$PLETOR_API_BASE|$PLETOR_API_KEY|$PLETOR_SIM_ADMIN"; curl -sf "$PLETOR_SIM_ADMIN/stats" >/dev/null"#,
    ]);
    assert!(out.status.success(), "{out:?}");
    let line = String::from_utf8(out.stdout).unwrap();
    let parts: Vec<&str> = line.trim().split('|').collect();
    assert!(parts[0].starts_with("http://127.0.0.1:") && parts[0].ends_with("/api/public/v1"));
    assert_eq!(parts[1], "sk-custom");
    let root = parts[0].trim_end_matches("/api/public/v1");
    assert_eq!(parts[2], format!("{root}/_sim"));
}

#[cfg(unix)]
#[test]
fn exec_exits_with_the_commands_code() {
    assert_eq!(exec(&["--", "sh", "-c", "exit 7"]).status.code(), Some(7));
    assert_eq!(exec(&["--", "true"]).status.code(), Some(0));
    assert_eq!(
        exec(&["--", "sh", "-c", "kill -TERM $$"]).status.code(),
        Some(128 + 15),
        "killed by a signal: 128 + its number"
    );
    let missing = exec(&["--", "/nonexistent/command"]);
    assert_eq!(missing.status.code(), Some(127));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot run"));
}

/// The portable twin of the test above: the command here is `pletor-sim` itself, so no shell
/// is needed (Windows has none of `sh`, `true` or signals).
#[test]
fn exec_passes_on_the_code_of_any_program_and_127_when_it_cannot_start() {
    let nested = exec(&["--", BIN, "exec", "--rate-limit", "bogus=1", "--", "x"]);
    assert_eq!(nested.status.code(), Some(2), "{nested:?}");
    let fine = exec(&["--", BIN, "--version"]);
    assert_eq!(fine.status.code(), Some(0), "{fine:?}");
    let missing = exec(&["--", "pletor-sim-no-such-program"]);
    assert_eq!(missing.status.code(), Some(127));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot run"));
}

#[test]
fn exec_pages_lists_in_the_shape_its_options_ask_for() {
    let out = exec(&[
        "--paging",
        "pages",
        "--max-page-size",
        "2",
        "--oldest-first",
        "--",
        "sh",
        "-c",
        r#"curl -sf -H "X-Api-Key: $PLETOR_API_KEY" "$PLETOR_API_BASE/agents/?page=3&page_size=50""#,
    ]);
    assert!(out.status.success(), "{out:?}");
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["data"][0]["id"], ALWAYS_FAILS);
    assert_eq!(
        (
            &page["page"],
            &page["pages"],
            &page["total"],
            &page["page_size"]
        ),
        (&3.into(), &3.into(), &5.into(), &2.into())
    );
    let out = exec(&["--paging", "pagez", "--", "true"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("pages-size"));
}

#[test]
fn exec_refuses_bad_options_as_a_usage_error() {
    let out = exec(&["--rate-limit", "bogus=1", "--", "true"]);
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN).arg("exec").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a command is required");
}

#[cfg(unix)]
#[tokio::test]
async fn serve_prints_the_api_base_first_and_stops_on_sigterm() {
    let mut server = Server::start(&["--key", "sk-served", "--rate-limit", "default=5"]);
    assert!(
        server.api_base.starts_with("http://127.0.0.1:"),
        "{}",
        server.api_base
    );
    assert!(server.api_base.ends_with("/api/public/v1"));
    let response = reqwest::Client::new()
        .get(format!("{}/agents/", server.api_base))
        .header("X-Api-Key", "sk-served")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-ratelimit-limit"], "5");

    server.signal("TERM");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

/// Runs `examples/quickstart.sh` (curl and jq) through `pletor-sim exec`.
#[cfg(unix)]
fn quickstart(script: &str, agent: &str, out: &Path, inputs: &[String]) -> Output {
    Command::new(BIN)
        .args(["exec", "--time-scale", "0.01", "--", "bash", script, agent])
        .arg(out)
        .args(inputs)
        .env("POLL", "0.1")
        .output()
        .unwrap()
}

#[cfg(unix)]
fn files_in(dir: &Path) -> Vec<u64> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().metadata().unwrap().len())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    not(unix),
    ignore = "examples/quickstart.sh is a bash script; the Unix runners check it"
)]
fn the_quickstart_script_works_unchanged_on_every_agent_it_can_drive() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/quickstart.sh");
    for tool in ["bash", "curl", "jq"] {
        let found = Command::new(tool).arg("--version").output().is_ok();
        assert!(
            found,
            "the quickstart needs `{tool}` on PATH (.ci/run installs it)"
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let png = tmp.path().join("product.png");
    std::fs::write(&png, pletor_sim::png::gradient_png(b"product")).unwrap();
    let txt = tmp.path().join("notes.txt");
    std::fs::write(&txt, "some notes\n").unwrap();
    // Reviewed Post is left out: the script knows nothing of reviews and would poll forever.
    let cases: [(&str, Vec<String>, i32, usize); 4] = [
        (
            TEXT_TO_IMAGE,
            vec![format!("{TEXT_TO_IMAGE_PROMPT}=a cat on a sofa")],
            0,
            1,
        ),
        (
            PRODUCT_SHOT,
            vec![
                format!("{PRODUCT_SHOT_PROMPT}=on a beach"),
                format!("{PRODUCT_SHOT_PRODUCT}=@{}", png.display()),
            ],
            0,
            2,
        ),
        (
            ECHO,
            vec![
                format!("{ECHO_FILE}=@{}", txt.display()),
                format!("{ECHO_NOTE}=hello back"),
            ],
            0,
            1,
        ),
        (
            ALWAYS_FAILS,
            vec![format!("{ALWAYS_FAILS_PROMPT}=anything")],
            3,
            0,
        ),
    ];
    for (i, (agent, inputs, code, files)) in cases.iter().enumerate() {
        let out = tmp.path().join(format!("out{i}"));
        let result = quickstart(script, agent, &out, inputs);
        assert_eq!(result.status.code(), Some(*code), "{agent}: {result:?}");
        let sizes = files_in(&out);
        assert_eq!(sizes.len(), *files, "{agent}: {result:?}");
        assert!(sizes.iter().all(|&s| s > 0), "{agent}: empty file");
    }
    let echo_out =
        String::from_utf8(quickstart(script, ECHO, &tmp.path().join("again"), &cases[2].1).stdout)
            .unwrap();
    assert!(echo_out.lines().next() == Some("hello back"), "{echo_out}");
}

/// Peak memory is read from Linux's /proc.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_streamed_256_mib_upload_and_download_keep_the_server_under_100_mib() {
    const MIB: usize = 1 << 20;
    const SIZE: u64 = 256 * MIB as u64;
    let server = Server::start(&[]);
    let client = reqwest::Client::new();
    let chunk = Bytes::from((0..MIB).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
    let chunks = (0..256).map(move |_| Ok::<Bytes, std::io::Error>(chunk.clone()));
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let part = Part::stream_with_length(body, SIZE).file_name("big.bin");
    let response = client
        .post(format!("{}/assets/upload/", server.api_base))
        .header("X-Api-Key", pletor_sim::DEFAULT_KEY)
        .multipart(Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let asset: serde_json::Value = response.json().await.unwrap();
    assert_eq!(asset["size"], SIZE);

    let mut download = client
        .get(asset["url"].as_str().unwrap())
        .header("X-Api-Key", pletor_sim::DEFAULT_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(
        download.headers()["content-length"],
        SIZE.to_string().as_str()
    );
    let mut received = 0u64;
    let mut probe = None;
    while let Some(piece) = download.chunk().await.unwrap() {
        if probe.is_none() && received + piece.len() as u64 > 1000 {
            probe = Some(piece[(1000 - received) as usize]);
        }
        received += piece.len() as u64;
    }
    assert_eq!(received, SIZE);
    assert_eq!(probe, Some((1000 % 251) as u8));

    let peak = server.peak_rss();
    println!("peak RSS of pletor-sim serve: {} MiB", peak / MIB as u64);
    assert!(
        peak < 100 * MIB as u64,
        "peak RSS {} MiB",
        peak / MIB as u64
    );
}
