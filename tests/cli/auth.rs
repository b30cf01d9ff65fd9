//! Settings, profiles and `auth`: precedence, 0600 modes, corrupt config, login by stdin,
//! status without the key.

use crate::harness::{World, assert_no_secret, expect_code, json, stderr, stdout};

/// The permission bits of `path` (Unix has modes; Windows folders under the user's profile are
/// private by their ACLs, which these tests do not read).
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn login_with_key_from_stdin_checks_the_key_and_stores_it_privately() {
    let world = World::new();
    let output = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["auth", "login", "--with-key"])
            .write_stdin(format!("{}\n", world.sim.key())),
        0,
    );
    assert_no_secret(&output, &world.sim.key());
    let file = world.config_dir().join("config.toml");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains(&world.sim.key())
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&world.config_dir()), 0o700);
    }
    assert_eq!(world.stats()["requests"], 1, "one call checks the key");

    // The stored key now works without any key in the environment.
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["agents", "list"]),
        0,
    );
}

#[cfg(unix)]
#[test]
fn login_tightens_modes_of_a_config_folder_that_existed_with_loose_ones() {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    std::fs::create_dir_all(world.config_dir()).unwrap();
    std::fs::set_permissions(world.config_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["auth", "login", "--with-key"])
            .write_stdin(world.sim.key()),
        0,
    );
    assert_eq!(mode(&world.config_dir()), 0o700);
}

#[test]
fn login_refuses_a_wrong_key_and_stores_nothing() {
    let world = World::new();
    let output = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["auth", "login", "--with-key"])
            .write_stdin("sk-wrong-key-123"),
        4,
    );
    assert!(stderr(&output).contains("refused"), "{}", stderr(&output));
    assert_no_secret(&output, "sk-wrong-key-123");
    assert!(!world.config_dir().join("config.toml").exists());
}

#[test]
fn login_without_a_terminal_names_the_flag_instead_of_prompting() {
    let world = World::new();
    let output = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["auth", "login"]),
        2,
    );
    assert!(
        stderr(&output).contains("--with-key"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn profiles_are_chosen_by_flag_or_environment() {
    let world = World::new();
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["auth", "login", "--with-key", "--profile", "work"])
            .write_stdin(world.sim.key()),
        0,
    );
    let base = world.sim.api_base();
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", &base)
            .args(["--profile", "work", "agents", "list"]),
        0,
    );
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", &base)
            .env("PLETOR_PROFILE", "work")
            .args(["agents", "list"]),
        0,
    );
    // The default profile has no key.
    let default = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", &base)
            .args(["agents", "list"]),
        4,
    );
    assert!(stderr(&default).contains("pletor auth login"));
    let typo = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", &base)
            .args(["--profile", "wrok", "agents", "list"]),
        2,
    );
    assert!(
        stderr(&typo).contains("no profile `wrok`"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn status_says_which_source_won_and_never_prints_the_key() {
    let world = World::new();
    let key = world.sim.key();
    let output = world.run_expect(&["auth", "status"], 0);
    let text = stdout(&output);
    assert!(text.contains("environment `PLETOR_API_KEY`"), "{text}");
    assert!(text.contains(&world.sim.api_base()));
    assert!(
        text.contains("requests left"),
        "the rate-limit budget is shown: {text}"
    );
    assert_no_secret(&output, &key);

    let output = world
        .pletor()
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    let doc = json(&output);
    assert_eq!(doc["credential"]["source"], "environment `PLETOR_API_KEY`");
    assert_eq!(doc["valid"], true);
    assert!(doc["rate_limit"]["remaining"].as_u64().is_some());
    assert_no_secret(&output, &key);

    let output = world
        .bare()
        .env("PLETOR_API_BASE", world.sim.api_base())
        .args(["--api-key", &key, "auth", "status"])
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("flag `--api-key`"),
        "{}",
        stdout(&output)
    );
    assert_no_secret(&output, &key);
}

#[test]
fn status_with_a_refused_key_exits_4() {
    let world = World::new();
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_KEY", "sk-revoked")
            .args(["auth", "status"]),
        4,
    );
    assert_no_secret(&output, "sk-revoked");
}

#[test]
fn logout_removes_the_stored_key() {
    let world = World::new();
    let base = world.sim.api_base();
    world
        .bare()
        .env("PLETOR_API_BASE", &base)
        .args(["auth", "login", "--with-key"])
        .write_stdin(world.sim.key())
        .assert()
        .success();
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", &base)
            .args(["auth", "logout"]),
        0,
    );
    assert!(
        !std::fs::read_to_string(world.config_dir().join("config.toml"))
            .unwrap()
            .contains(&world.sim.key())
    );
    expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", &base)
            .args(["agents", "list"]),
        4,
    );
}

#[test]
fn a_corrupt_config_names_the_file_and_line_and_is_left_alone() {
    let world = World::new();
    let broken = "[profiles.default]\napi_key = \"sk-x\"\napi_base = \n";
    let file = world.config_file(Some(broken));
    let output = world.run_expect(&["agents", "list"], 2);
    assert!(
        stderr(&output).contains("config.toml:3:"),
        "{}",
        stderr(&output)
    );
    expect_code(
        world
            .pletor()
            .args(["auth", "login", "--with-key"])
            .write_stdin(world.sim.key()),
        2,
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        broken,
        "never overwritten"
    );
}

#[test]
fn flags_beat_the_environment_which_beats_the_file() {
    let world = World::new();
    world.config_file(Some(
        "[profiles.default]\napi_key = \"sk-from-file\"\napi_base = \"http://127.0.0.1:9/nowhere\"\n",
    ));
    // The environment's base and key beat the file's.
    let output = world
        .pletor()
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        json(&output)["api_base"]["source"],
        "environment `PLETOR_API_BASE`"
    );
    // The flag beats the environment.
    let output = world
        .pletor()
        .args([
            "--api-base",
            "http://127.0.0.1:9/flag",
            "auth",
            "status",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        json(&output)["api_base"]["value"],
        "http://127.0.0.1:9/flag"
    );
    // Without the environment, the file's key is used.
    let output = world
        .bare()
        .env("PLETOR_API_BASE", world.sim.api_base())
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        json(&output)["credential"]["source"],
        "config file, profile `default`"
    );
    assert_no_secret(&output, "sk-from-file");
}

#[test]
fn no_key_at_all_exits_4_with_a_login_hint() {
    let world = World::new();
    let output = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["agents", "list", "--json"]),
        4,
    );
    assert!(stderr(&output).contains("pletor auth login"));
    assert_eq!(json(&output)["error"]["code"], "not_authenticated");
    assert_eq!(world.stats()["requests"], 0);
}
