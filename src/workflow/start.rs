//! Starting a run: everything that can be checked is checked before the first request that
//! costs anything (the agent resolved, keys known, shapes right, required inputs given, files
//! readable, not empty and of the right kind, assets that exist: see [`preflight`]), then the files are uploaded under
//! keys derived from the run's external id and the run is created with that id, so that a retry
//! or a second invocation adopts the first run instead of paying again. A run is adopted only
//! when it is the one asked for (`workflow::reuse`); with a key the user gave, it is looked up
//! before any upload.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::api::Kind;
use crate::api::models::CatalogEntry;
use crate::api::runs::{self, Created};
use crate::context::Context;
use crate::transfer::{self, LocalFile};
use crate::workflow::inputs::{self, PlannedInput, RawInput};
use crate::workflow::local_text;
use crate::workflow::preflight::{self, ValuesFrom};
use crate::workflow::resolve;

/// Files a single run uploads at once; a batch uploads each file as its first row needs it.
pub const UPLOAD_CONCURRENCY: usize = 4;

/// A run ready to start: its target, its inputs, and its files, all checked.
#[derive(Debug)]
pub struct Prepared {
    /// The resolved agent or app: the run is created against its id.
    pub target: CatalogEntry,
    /// The inputs, matched and shaped.
    pub plan: Vec<PlannedInput>,
    /// The files to upload, checked, in the order of [`inputs::files`].
    pub files: Vec<LocalFile>,
}

/// Resolves and fetches the target, matches the inputs, reads `@-` from stdin, and runs every
/// check of [`preflight`] on the inputs and the files.
pub async fn prepare(
    ctx: &Context,
    kind: Kind,
    target: &str,
    raw: Vec<RawInput>,
) -> anyhow::Result<Prepared> {
    let agent = resolve::resolve(ctx, kind, target).await?;
    let (what, show) = naming(kind, &agent);
    let mut plan = inputs::plan(&agent.inputs, raw, &what, &show)?;
    preflight::required(&agent.inputs, &plan, &what, &show, ValuesFrom::Flags)?;
    if inputs::wants_stdin(&plan) {
        let text = read_stdin().await?;
        inputs::fill_stdin(&mut plan, &text);
    }
    let files = transfer::check_files(&inputs::files(&plan))?;
    preflight::contents(&agent.inputs, &plan, &files)?;
    preflight::asset_ids(&mut plan)?;
    preflight::assets_exist(ctx, [(String::new(), plan.as_slice())]).await?;
    Ok(Prepared {
        target: agent,
        plan,
        files,
    })
}

/// How messages name a target (`agent Product Shot`) and the command that lists its inputs
/// (`pletor agents show ID`).
pub fn naming(kind: Kind, target: &CatalogEntry) -> (String, String) {
    let noun = kind.noun();
    let what = match target.name.trim() {
        "" => format!("{noun} {}", crate::output::clean_line(&target.id)),
        name => format!("{noun} {}", crate::output::clean_line(name)),
    };
    (what, format!("pletor {noun}s show {}", target.id))
}

/// Reads the text of `-i KEY=@-` from stdin, at most [`local_text::TEXT_VALUE_CAP`].
pub async fn read_stdin() -> anyhow::Result<String> {
    Ok(local_text::stdin_text(local_text::Capped {
        what: "the text on stdin (`@-`)",
        cap: local_text::TEXT_VALUE_CAP,
        hint: "a longer text belongs in a file: upload it with `-i KEY=@FILE`",
    })
    .await?)
}

/// Uploads the files and creates the run, both under keys derived from `external_id`. A run the
/// key already names (a `409`) comes back `adopted`: the caller checks it (`workflow::reuse::adopt`)
/// before it goes on.
pub async fn submit(
    ctx: &Context,
    kind: Kind,
    prepared: &Prepared,
    external_id: &str,
) -> anyhow::Result<Created> {
    // Interrupted from here on, the run may exist: the same key picks it up without paying.
    ctx.set_resume_note(Some(format!(
        "the run may have started: run the same command with `--external-id {}` to pick it up without paying twice",
        crate::output::clean_line(external_id)
    )));
    let paths = inputs::files(&prepared.plan);
    let keyed: Vec<(LocalFile, String)> = prepared
        .files
        .iter()
        .cloned()
        .zip(upload_keys(external_id, prepared.files.len()))
        .collect();
    let uploaded = if keyed.is_empty() {
        Vec::new()
    } else {
        transfer::upload_files(ctx, keyed, UPLOAD_CONCURRENCY).await?
    };
    let ids: HashMap<PathBuf, String> = paths
        .into_iter()
        .zip(uploaded.into_iter().map(|u| u.asset.id))
        .collect();
    let body = inputs::build_body(&prepared.plan, &ids)?;
    Ok(runs::create(ctx.api()?, kind, &prepared.target.id, external_id, body).await?)
}

/// The upload key of each of `n` files of the run keyed `external_id`, in order.
pub fn upload_keys(external_id: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| inputs::upload_key(external_id, i)).collect()
}
