//! At home in a terminal: saved paths and run ids are OSC 8 hyperlinks where the terminal shows
//! them, and plain text on a pipe whatever the environment says.

use pletor_sim::catalog;

#[cfg(unix)]
use crate::harness::pty::{expect, finish, pty};
use crate::harness::{World, expect_code, stdout};

#[cfg(unix)]
#[test]
fn saved_paths_and_run_ids_are_hyperlinks_on_a_terminal_that_shows_them() {
    let world = World::new();
    let args = ["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox"];
    let mut session = pty(&world, &args, &[("FORCE_HYPERLINK", "1")]);
    expect(&mut session, "\x1b]8;;file://");
    let url = expect(&mut session, "\x1b\\");
    let text = expect(&mut session, "\x1b]8;;\x1b\\");
    let saved = world.work().join(&text);
    assert!(saved.is_file(), "the link text is the saved path: {text:?}");
    assert_eq!(
        url,
        saved.display().to_string(),
        "the link is the absolute path"
    );
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");

    let mut session = pty(
        &world,
        &[&args[..], &["--no-wait"]].concat(),
        &[("FORCE_HYPERLINK", "1")],
    );
    expect(&mut session, "\x1b]8;;");
    let url = expect(&mut session, "\x1b\\");
    let id = expect(&mut session, "\x1b]8;;\x1b\\");
    assert_eq!(url, format!("{}/runs/{id}", world.sim.api_base()));
    assert_eq!(finish(session).1, 0);
}

#[test]
fn piped_output_never_carries_hyperlinks() {
    let world = World::new();
    for extra in [&[][..], &["--no-wait"][..]] {
        let output = expect_code(
            world
                .pletor()
                .args(["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox"])
                .args(extra)
                .env("FORCE_HYPERLINK", "1"),
            0,
        );
        let out = stdout(&output);
        assert!(!out.is_empty() && !out.contains('\x1b'), "{out:?}");
    }
}
