//! Questions to a person, behind one guard: we ask only when stdin and stderr are terminals
//! and neither `--no-input`, `PLETOR_NO_INPUT` nor `CI` is set. Otherwise callers fail at once
//! and name the flag that answers the question.
//!
//! dialoguer blocks, so each prompt runs on a blocking thread; Ctrl-C at a prompt surfaces as a
//! [`Failure`] with [`Exit::Interrupted`].

use std::io::IsTerminal;

use dialoguer::theme::ColorfulTheme;

use crate::error::{Exit, Failure};

/// Whether a person can be asked.
pub fn can_prompt(no_input: bool) -> bool {
    no_person(no_input).is_none()
}

/// Why no person can be asked (`stdin is not a terminal`), or `None` when one can.
pub fn no_person(no_input: bool) -> Option<&'static str> {
    if no_input {
        Some("`--no-input` (or `PLETOR_NO_INPUT`, or `CI`) is set")
    } else if !std::io::stdin().is_terminal() {
        Some("stdin is not a terminal")
    } else if !std::io::stderr().is_terminal() {
        Some("stderr is not a terminal")
    } else {
        None
    }
}

/// The error when a question cannot be asked: names the flag that answers it.
pub fn cannot_ask(question: &str, flag: &str) -> anyhow::Error {
    Failure::new(
        Exit::Usage,
        "input_required",
        format!("{question}, but there is no terminal to ask on"),
    )
    .hint(format!("pass `{flag}`"))
    .into()
}

fn interrupted() -> anyhow::Error {
    Failure::new(Exit::Interrupted, "interrupted", "interrupted").into()
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> dialoguer::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    match tokio::task::spawn_blocking(f).await? {
        Ok(value) => Ok(value),
        Err(dialoguer::Error::IO(err)) if err.kind() == std::io::ErrorKind::Interrupted => {
            show_cursor();
            Err(interrupted())
        }
        Err(err) => Err(anyhow::Error::new(err).context("cannot read the answer")),
    }
}

/// Restores the cursor a prompt may have hidden.
pub fn show_cursor() {
    if std::io::stderr().is_terminal() {
        crate::output::stderr_raw("\x1b[?25h");
    }
}

/// Asks for a secret without echoing it.
pub async fn secret(prompt: &str) -> anyhow::Result<String> {
    let prompt = prompt.to_string();
    blocking(move || {
        dialoguer::Password::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .interact()
    })
    .await
}

/// Asks a yes/no question.
pub async fn confirm(prompt: &str, default: bool) -> anyhow::Result<bool> {
    let prompt = prompt.to_string();
    blocking(move || {
        dialoguer::Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .default(default)
            .interact()
    })
    .await
}

/// Asks to pick one of `items`; returns its index.
pub async fn select(prompt: &str, items: Vec<String>) -> anyhow::Result<usize> {
    let prompt = prompt.to_string();
    blocking(move || {
        dialoguer::Select::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .items(&items)
            .default(0)
            .interact()
    })
    .await
}

/// Asks for a line of text; empty is allowed.
pub async fn text(prompt: &str) -> anyhow::Result<String> {
    let prompt = prompt.to_string();
    blocking(move || {
        dialoguer::Input::<String>::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .allow_empty(true)
            .interact_text()
    })
    .await
}

/// Waits for one key among `keys` (lower-case letters; upper case counts too) and returns it.
/// Other keys are ignored. Ctrl-C is the same interrupted error as at every other prompt.
pub async fn key(keys: &'static [char]) -> anyhow::Result<char> {
    let read = tokio::task::spawn_blocking(move || {
        let term = console::Term::stderr();
        if !term.is_term() {
            return Err(std::io::Error::other("not a terminal"));
        }
        loop {
            match term.read_key_raw()? {
                console::Key::CtrlC => return Ok(None),
                console::Key::Char(c) if keys.contains(&c.to_ascii_lowercase()) => {
                    return Ok(Some(c.to_ascii_lowercase()));
                }
                _ => {}
            }
        }
    })
    .await?;
    match read {
        Ok(Some(c)) => Ok(c),
        Ok(None) => {
            show_cursor();
            Err(interrupted())
        }
        Err::<_, std::io::Error>(err) => {
            Err(anyhow::Error::new(err).context("cannot read the answer"))
        }
    }
}
