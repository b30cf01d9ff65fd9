//! `pletor doctor`: every check against the simulator, and the setups it must explain: a wrong
//! key, an unreachable API, a loose config folder, a config that does not parse, a proxy, TLS
//! to a port without it, and a server clock skewed through a `headers` fault rule.

use std::process::Output;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::harness::{World, assert_no_secret, expect_code, json, stdout};

const CHECKS: [&str; 10] = [
    "version",
    "config",
    "profile",
    "key",
    "api_base",
    "proxy",
    "network",
    "auth",
    "rate_limit",
    "clock",
];

/// The checks of a `--json` report, by name.
fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report
        .as_array()
        .expect("the report is a list")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check `{name}` in {report:#}"))
}

fn status<'a>(report: &'a Value, name: &str) -> &'a str {
    string(&check(report, name)["status"])
}

/// A string field of the report.
fn string(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

/// A base on loopback where nothing listens.
fn closed_base() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/api/public/v1")
}

fn doctor_json(world: &World, code: i32, env: &[(&str, &str)]) -> Value {
    let mut cmd = world.pletor();
    cmd.args(["doctor", "--json"]);
    for (name, value) in env {
        cmd.env(name, value);
    }
    json(&expect_code(&mut cmd, code))
}

#[test]
fn doctor_runs_every_check_against_the_simulator_and_only_reads() {
    let world = World::new();
    let output = world.run_expect(&["doctor"], 0);
    let text = stdout(&output);
    for name in CHECKS {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(name))
            .unwrap_or_else(|| panic!("no line for `{name}`:\n{text}"));
        assert!(line.starts_with("ok "), "{line}");
    }
    assert!(text.contains(&format!("pletor {}", env!("CARGO_PKG_VERSION"))));
    assert!(
        text.contains("API key from environment `PLETOR_API_KEY`"),
        "{text}"
    );
    assert!(text.contains("default: 1999 of 2000 left"), "{text}");

    let report = doctor_json(&world, 0, &[]);
    let names: Vec<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|c| string(&c["name"]))
        .collect();
    assert_eq!(names, CHECKS);
    assert!(
        report
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "ok")
    );
    let network = &check(&report, "network")["details"];
    assert_eq!(network["dns"]["addresses"][0], "127.0.0.1");
    assert_eq!(network["tls"], Value::Null, "plain http to the simulator");
    assert_eq!(
        check(&report, "rate_limit")["details"]["default"]["limit"],
        2000
    );
    // Two runs, one request each: a page of one agent, never a POST.
    let requests = world.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    for request in requests {
        assert_eq!(request["method"], "GET");
        assert_eq!(request["query"], "limit=1");
    }
}

#[test]
fn doctor_with_a_wrong_key_says_the_api_refused_it_and_exits_4() {
    let world = World::new();
    let wrong = "sk-wrong-key-1234";
    let output = expect_code(
        world.pletor().env("PLETOR_API_KEY", wrong).args(["doctor"]),
        4,
    );
    assert_no_secret(&output, wrong);
    let text = stdout(&output);
    assert!(text.contains("problem  auth"), "{text}");
    assert!(text.contains("401 Unauthorized"), "{text}");
    assert!(text.contains("hint: copy the key again"), "{text}");

    let report = doctor_json(&world, 4, &[("PLETOR_API_KEY", wrong)]);
    assert_eq!(status(&report, "key"), "ok", "a key is configured");
    assert_eq!(check(&report, "auth")["exit_code"], 4);
    // The refusal is an answer: the clock was still compared.
    assert_eq!(status(&report, "clock"), "ok");
}

#[test]
fn doctor_with_no_key_exits_4_but_still_checks_the_way_to_the_api() {
    let world = World::new();
    let output = expect_code(world.keyless().args(["doctor", "--json"]), 4);
    let report = json(&output);
    assert_eq!(status(&report, "key"), "problem");
    assert!(string(&check(&report, "key")["hint"]).contains("pletor auth login"));
    assert_eq!(status(&report, "network"), "ok");
    assert_eq!(status(&report, "auth"), "skipped");
    assert_eq!(status(&report, "clock"), "ok");
}

#[test]
fn doctor_with_an_unreachable_api_names_the_failed_step_and_exits_1() {
    let world = World::new();
    let base = closed_base();
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", &base)
            .args(["doctor"]),
        1,
    );
    let text = stdout(&output);
    assert!(
        text.contains("problem  network     TCP: cannot connect to 127.0.0.1:"),
        "{text}"
    );
    assert!(text.to_lowercase().contains("refused"), "{text}");

    let report = doctor_json(&world, 1, &[("PLETOR_API_BASE", &base)]);
    assert_eq!(check(&report, "network")["details"]["step"], "TCP");
    for later in ["auth", "rate_limit", "clock"] {
        assert_eq!(status(&report, later), "skipped", "{later}");
    }
    assert_eq!(world.stats()["requests"], 0);
}

#[test]
fn doctor_refuses_a_base_that_would_send_the_key_in_clear_and_exits_2() {
    let world = World::new();
    let base = "http://api.example.com/api/public/v1";
    let report = doctor_json(&world, 2, &[("PLETOR_API_BASE", base)]);
    let api_base = check(&report, "api_base");
    assert_eq!(api_base["status"], "problem", "{api_base:#}");
    assert!(
        string(&api_base["message"])
            .contains("plain http:// is allowed only to a loopback address")
    );
    for later in ["network", "auth", "rate_limit", "clock"] {
        assert_eq!(status(&report, later), "skipped", "{later}");
    }
}

#[test]
fn doctor_over_https_to_a_port_without_tls_names_the_tls_step() {
    let world = World::new();
    let base = world.sim.api_base().replacen("http://", "https://", 1);
    let report = doctor_json(&world, 1, &[("PLETOR_API_BASE", &base)]);
    let network = check(&report, "network");
    assert_eq!(network["details"]["step"], "TLS", "{network:#}");
    assert!(string(&network["message"]).starts_with("TLS: handshake with 127.0.0.1 failed"));
    assert!(string(&network["hint"]).contains("may not speak TLS"));
}

fn login(world: &World) {
    expect_code(
        world
            .keyless()
            .args(["auth", "login", "--with-key"])
            .write_stdin(world.sim.key()),
        0,
    );
}

/// `doctor --json` with the stored key only.
fn doctor_stored(world: &World, code: i32) -> Value {
    json(&expect_code(
        world.keyless().args(["doctor", "--json"]),
        code,
    ))
}

/// Unix modes; on Windows the folder under the profile is private by its ACLs.
#[cfg(unix)]
#[test]
fn doctor_finds_a_config_folder_others_can_write_a_problem_and_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    login(&world);
    let dir = world.config_dir();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let report = doctor_stored(&world, 2);
    let config = check(&report, "config");
    assert_eq!(config["status"], "problem");
    assert_eq!(config["exit_code"], 2);
    assert!(string(&config["message"]).contains("(mode 0777)"));
    assert_eq!(
        config["hint"],
        format!("run `chmod 700 {}`", dir.display()),
        "{config:#}"
    );
    // The other checks still ran: the stored key works.
    assert_eq!(
        check(&report, "key")["details"]["source"],
        "config file, profile `default`"
    );
    assert_eq!(status(&report, "auth"), "ok");
}

/// Unix modes; on Windows the folder under the profile is private by its ACLs.
#[cfg(unix)]
#[test]
fn doctor_warns_about_a_config_folder_others_can_read_and_exits_0() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    login(&world);
    std::fs::set_permissions(world.config_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let report = doctor_stored(&world, 0);
    assert_eq!(status(&report, "config"), "warning");
    // A file others can read that holds the key is a problem.
    let file = world.config_file(None);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let report = doctor_stored(&world, 2);
    let message = string(&check(&report, "config")["message"]).to_string();
    assert!(
        message.contains("others can read the key in the file"),
        "{message}"
    );
}

#[test]
fn doctor_reports_a_config_file_that_does_not_parse_and_goes_on() {
    let world = World::new();
    world.config_file(Some("[profiles.default\n"));
    let report = doctor_json(&world, 2, &[]);
    let config = check(&report, "config");
    assert_eq!(config["status"], "problem");
    assert!(
        string(&config["message"]).contains("config.toml:1:"),
        "{config:#}"
    );
    assert_eq!(
        status(&report, "auth"),
        "ok",
        "the key from the environment still works"
    );
}

#[test]
fn doctor_reports_an_unknown_profile_instead_of_stopping_at_it() {
    let world = World::new();
    login(&world);
    let output = expect_code(
        world
            .keyless()
            .args(["doctor", "--json", "--profile", "nope"]),
        2,
    );
    let report = json(&output);
    let profile = check(&report, "profile");
    assert_eq!(profile["status"], "problem", "{profile:#}");
    assert!(string(&profile["hint"]).contains("pletor auth login --profile nope"));
    assert_eq!(
        status(&report, "key"),
        "problem",
        "profile `nope` has no key"
    );
    assert_eq!(status(&report, "network"), "ok");
}

#[test]
fn doctor_shows_the_proxy_in_effect_without_its_credentials() {
    let world = World::new();
    let secret = "pr0xy-s3cret";
    let proxy = closed_base().replace("/api/public/v1", "");
    let with_user = proxy.replacen("http://", &format!("http://user:{secret}@"), 1);
    // A remote base goes through the proxy; a loopback one never does (see below).
    let output = expect_code(
        world
            .pletor()
            .env(
                "PLETOR_API_BASE",
                "https://api.example.invalid/api/public/v1",
            )
            .env("HTTPS_PROXY", &with_user)
            .args(["doctor", "--json"]),
        1,
    );
    assert_no_secret(&output, secret);
    let report = json(&output);
    let shown = check(&report, "proxy");
    assert_eq!(
        shown["message"],
        format!(
            "through {proxy} with credentials (HTTPS_PROXY set); the key travels inside TLS, unseen by the proxy"
        )
    );
    let network = string(&check(&report, "network")["message"]).to_string();
    assert!(network.contains("(the proxy)"), "{network}");

    // The simulator is this machine: no proxy for it, NO_PROXY or not, and everything works.
    let host = world
        .sim
        .api_base()
        .split('/')
        .nth(2)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .to_string();
    let report = doctor_json(
        &world,
        0,
        &[("HTTP_PROXY", &with_user), ("NO_PROXY", &host)],
    );
    assert_eq!(
        check(&report, "proxy")["message"],
        "none: 127.0.0.1 is this machine, which never goes through a proxy (HTTP_PROXY, NO_PROXY set)"
    );
}

#[test]
fn doctor_warns_when_less_than_a_tenth_of_the_rate_limit_is_left() {
    let world = World::with(pletor_sim::Config {
        rate_limits: pletor_sim::RateLimits {
            default: 10,
            ..Default::default()
        },
        ..crate::harness::fast_config()
    });
    for _ in 0..9 {
        world.api("GET", "/agents/", None);
    }
    let report = doctor_json(&world, 0, &[]);
    let rate = check(&report, "rate_limit");
    assert_eq!(rate["status"], "warning", "{rate:#}");
    assert!(string(&rate["message"]).starts_with("default: 0 of 10 left"));
    assert!(string(&rate["hint"]).contains("`default` budget"));
    assert_eq!(rate["details"]["runs"], Value::Null, "doctor only reads");
}

/// `doctor --json` while the simulator's next answer carries a `Date` `offset` away from now.
fn with_server_clock(offset: Duration, ahead: bool, code: i32) -> (World, Value, Output) {
    let world = World::new();
    let now = SystemTime::now();
    let date = if ahead { now + offset } else { now - offset };
    world.faults(serde_json::json!({"path": "/agents/", "kind": "headers",
                                    "headers": {"date": httpdate::fmt_http_date(date)}}));
    let output = expect_code(world.pletor().args(["doctor", "--json"]), code);
    let report = json(&output);
    (world, report, output)
}

#[test]
fn doctor_finds_this_machines_clock_an_hour_behind_the_servers_date_and_exits_1() {
    // An hour and half a minute: the report rounds to whole minutes.
    let (world, report, _) = with_server_clock(Duration::from_secs(3630), true, 1);
    let clock = check(&report, "clock");
    assert_eq!(clock["status"], "problem", "{clock:#}");
    assert_eq!(
        clock["message"],
        "this machine's clock is 1h00m behind the server's (`Date`)"
    );
    assert!(string(&clock["hint"]).contains("time sync"));
    let skew = clock["details"]["skew_seconds"].as_f64().unwrap();
    assert!((3629.0..=3632.0).contains(&skew), "{skew}");
    assert_eq!(
        world.stats()["faults_fired"],
        1,
        "the skewed Date came from the rule"
    );
    assert_eq!(
        status(&report, "auth"),
        "ok",
        "the answer itself was the real one"
    );
}

#[test]
fn doctor_warns_about_a_clock_half_a_minute_ahead_and_exits_0() {
    let (_world, report, _) = with_server_clock(Duration::from_secs(30), false, 0);
    let clock = check(&report, "clock");
    assert_eq!(clock["status"], "warning", "{clock:#}");
    assert!(
        string(&clock["message"]).contains("ahead of the server's"),
        "{clock:#}"
    );
}
