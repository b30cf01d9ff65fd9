//! What the interactive review shows of a draft, on a pseudo-terminal: the image inline with the
//! protocol the terminal names (iTerm2 inline images from `TERM_PROGRAM`, kitty graphics from
//! `KITTY_WINDOW_ID`, confirmed by answering viuer's queries as kitty would), half-blocks only
//! when asked, nothing on a plain terminal; long texts through the pager; and the temporary
//! copies, removed at the end unless `--keep-drafts` or `--open`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use expectrl::Expect;
use expectrl::session::OsSession as Session;
use image::GenericImageView as _;

use crate::harness::World;
use crate::harness::pty::{expect, finish, pty};
use crate::harness::review::{copy_path, paused_run, paused_run_about, resolved, run_id};

/// The draft image of a paused Reviewed Post run, decoded from the simulator's own bytes (a
/// known 64×64 PNG).
fn draft_pixels(world: &World, run: &serde_json::Value) -> image::DynamicImage {
    let asset = run["pending_reviews"][0]["asset_ids"][0].as_str().unwrap();
    let dir = world.home.path().join("reference");
    crate::harness::expect_code(world.pletor().args(["download", asset, "-o"]).arg(&dir), 0);
    let file = crate::harness::tree(&dir)
        .pop()
        .expect("the draft downloads");
    let picture = image::open(dir.join(file)).expect("the draft is an image");
    assert_eq!(
        picture.dimensions(),
        (64, 64),
        "the simulator's drafts are 64×64"
    );
    picture
}

/// The `key=value` parameters of an escape sequence's control part (`a=T,s=64,…`).
fn params(control: &str, separator: char) -> Vec<(String, String)> {
    control
        .split(separator)
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}` in {params:?}"))
}

/// A paused run's review prompt on a pty whose environment says `env`, with the draft's pixels.
fn review_with(world: &World, env: (&str, &str)) -> (Session, image::DynamicImage) {
    let run = paused_run(world, false);
    let expected = draft_pixels(world, &run);
    (pty(world, &["review", &run_id(&run)], &[env]), expected)
}

/// Approves at the menu and checks that the approval went through.
fn approve(world: &World, mut session: Session) {
    expect(&mut session, "Quit");
    session.send("\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert_eq!(resolved(world), 1);
}

#[test]
fn iterm_terminals_get_the_draft_as_a_well_formed_inline_image() {
    let world = World::new();
    let (mut session, expected) = review_with(&world, ("TERM_PROGRAM", "iTerm.app"));
    expect(&mut session, "\x1b]1337;File=");
    let sequence = expect(&mut session, "\x07");
    let (control, payload) = sequence.split_once(':').expect("`File=ARGS:BASE64`");
    let args = params(control, ';');
    assert_eq!(param(&args, "inline"), "1");
    let png = STANDARD.decode(payload).expect("the payload is base64");
    assert_eq!(
        param(&args, "size"),
        png.len().to_string(),
        "size is the byte count"
    );
    assert_eq!(param(&args, "width"), "64", "64 pixels fit in 64 columns");
    assert_eq!(param(&args, "height"), "32", "two pixels per row");
    let shown = image::load_from_memory(&png).expect("the payload is an image");
    assert_eq!(shown.to_rgba8(), expected.to_rgba8(), "the very draft");
    approve(&world, session);
}

#[test]
fn kitty_terminals_get_the_draft_in_well_formed_kitty_graphics_chunks_once_confirmed() {
    let world = World::new();
    let (mut session, expected) = review_with(&world, ("KITTY_WINDOW_ID", "1"));
    // First a query with a deadline: the terminal must answer the primary device attributes
    // before viuer (which waits without one) may ask.
    expect(&mut session, "\x1b[c");
    session.send("\x1b[?62;c").unwrap();
    // viuer asks whether the terminal speaks kitty graphics (then the primary device
    // attributes, which every terminal answers): answer as kitty does.
    expect(&mut session, "a=q,t=d,f=24;AAAA\x1b\\");
    session.send("\x1b_Gi=31;OK\x1b\\\x1b[?62;c").unwrap();
    // Then whether it can read a local file: say no, as kitty over SSH does, so the image is
    // sent inline.
    expect(&mut session, "a=q,t=t;");
    expect(&mut session, "\x1b\\");
    session.send("\x1b_Gi=31;EBADF:remote\x1b\\").unwrap();

    expect(&mut session, "\x1b_G");
    let mut encoded = String::new();
    let mut first = None;
    loop {
        let chunk = expect(&mut session, "\x1b\\");
        let (control, data) = chunk.split_once(';').expect("`G<control>;<data>`");
        let args = params(control, ',');
        encoded.push_str(data);
        first.get_or_insert(args.clone());
        assert!(data.len() <= 4096, "chunks hold at most 4096 bytes");
        if param(&args, "m") == "0" {
            break;
        }
        expect(&mut session, "\x1b_G");
    }
    let first = first.unwrap();
    assert_eq!(param(&first, "a"), "T", "transmit and display");
    assert_eq!(param(&first, "f"), "32", "RGBA pixels");
    assert_eq!((param(&first, "s"), param(&first, "v")), ("64", "64"));
    assert_eq!((param(&first, "c"), param(&first, "r")), ("64", "32"));
    let pixels = STANDARD
        .decode(&encoded)
        .expect("the chunks join into base64");
    assert_eq!(pixels, expected.to_rgba8().into_raw(), "the very draft");
    approve(&world, session);
}

#[test]
fn a_terminal_that_names_no_image_protocol_gets_no_picture_and_no_query() {
    let world = World::new();
    let run = paused_run(&world, false);
    let mut session = pty(&world, &["review", &run_id(&run)], &[]);
    let shown = expect(&mut session, "Quit");
    assert!(shown.contains("image/png"), "{shown}");
    for escape in ["\x1b]1337", "\x1b_G", "\x1bP", "\x1b[c", "▀", "▄"] {
        assert!(!shown.contains(escape), "{escape:?} in {shown:?}");
    }
    session.send([3u8]).unwrap();
    assert_eq!(finish(session).1, 130);
}

#[test]
fn half_blocks_are_drawn_only_when_asked_and_only_with_colors() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);
    let mut session = pty(
        &world,
        &["review", &id, "--preview", "blocks", "--color", "always"],
        &[],
    );
    let shown = expect(&mut session, "Quit");
    assert!(
        shown.contains('▄') || shown.contains('▀'),
        "half-blocks: {shown:?}"
    );
    session.send([3u8]).unwrap();
    assert_eq!(finish(session).1, 130);

    let mut session = pty(&world, &["review", &id, "--preview", "blocks"], &[]);
    let shown = expect(&mut session, "Quit");
    assert!(!shown.contains('▄') && !shown.contains('▀'), "{shown:?}");
    assert!(
        shown.contains("colors are off"),
        "NO_COLOR is said: {shown}"
    );
    session.send([3u8]).unwrap();
    assert_eq!(finish(session).1, 130);
}

#[test]
fn a_long_text_draft_goes_through_the_pager_and_a_short_one_does_not() {
    let world = World::new();
    let lines: Vec<String> = (1..=120).map(|n| format!("line {n}")).collect();
    let run = paused_run_about(&world, false, &lines.join("\n"));
    let paged = world.home.path().join("paged.txt");
    let pager = format!("cat > '{}'", paged.display());
    let mut session = pty(
        &world,
        &["review", &run_id(&run)],
        &[("PLETOR_PAGER", &pager)],
    );
    let shown = expect(&mut session, "Quit");
    let text = std::fs::read_to_string(&paged).expect("the pager got the text");
    assert!(text.contains("│ Post: line 1\n"), "{text}");
    assert!(text.contains("│ line 120"), "in full: {text}");
    assert!(!shown.contains("line 120"), "not printed twice: {shown}");
    session.send([3u8]).unwrap();
    assert_eq!(finish(session).1, 130);

    let short = paused_run_about(&world, false, "a short caption");
    std::fs::remove_file(&paged).unwrap();
    let mut session = pty(
        &world,
        &["review", &run_id(&short)],
        &[("PLETOR_PAGER", &pager)],
    );
    let shown = expect(&mut session, "Quit");
    assert!(shown.contains("│ Post: a short caption"), "{shown}");
    assert!(!paged.exists(), "no pager for a text that fits");
    session.send([3u8]).unwrap();
    assert_eq!(finish(session).1, 130);
}

#[test]
fn draft_copies_are_removed_at_the_end_even_on_ctrl_c_and_kept_with_keep_drafts() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);

    let mut session = pty(&world, &["review", &id], &[]);
    let copy = copy_path(&expect(&mut session, "Quit"));
    assert!(copy.is_file(), "the copy exists while the prompt is open");
    session.send([3u8]).unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 130, "{rest}");
    assert!(!copy.exists(), "removed after Ctrl-C: {}", copy.display());
    assert!(
        !copy.parent().unwrap().parent().unwrap().exists(),
        "the whole folder goes"
    );

    let mut session = pty(&world, &["review", &id, "--keep-drafts"], &[]);
    let copy = copy_path(&expect(&mut session, "Quit"));
    session.send("\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    let folder = copy.parent().unwrap().parent().unwrap();
    assert!(
        rest.contains(&format!("review copies kept in {}", folder.display())),
        "{rest}"
    );
    assert!(copy.is_file(), "kept: {}", copy.display());
    std::fs::remove_dir_all(folder).unwrap();
}
