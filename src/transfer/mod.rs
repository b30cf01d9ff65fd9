//! Streaming uploads and downloads that never lose a byte.
//!
//! The contract other commands rely on (`run`, `app-run`, `runs wait`, batch):
//!
//! - [`check_files`] and [`prepare_output_dir`] run before any request that costs anything: a
//!   missing, unreadable or non-regular file, or an output folder that cannot be written, is a
//!   usage error (exit 2) naming the path.
//! - [`upload_files`] streams each file from disk (memory stays flat whatever the size), with
//!   one idempotency key per file, so a retry or a `409` never makes a second asset.
//! - [`download_assets`] writes `NAME.part` in the output folder, verifies it (size against
//!   `Content-Length` and the metadata, SHA-256 when the metadata has one), then renames it. A
//!   failed download leaves no file under the final name, and its `.part` is resumed with `Range`
//!   next time. Names come from the server and are made safe by [`names::safe_name`]; a final
//!   path is checked to lie directly inside the folder after joining.
//!
//! Everything here is file logic: the bytes on the wire (requests, `Range`, `Content-Range`,
//! `Content-Disposition`, the retries of a cut body) belong to the HTTP layer, which hands a
//! download over as a typed [`crate::api::download::Download`]. This file only declares and
//! re-exports; what the submodules share ([`Existing`], how paths and I/O errors read) lives in
//! `local`, so none of them imports this file back.

mod download;
mod local;
pub mod names;
mod upload;

pub use download::{Saved, download_assets};
pub use local::{
    Existing, LocalFile, check_files, parse_concurrency, prepare_output_dir, sha256_file,
};
pub use upload::{generated_external_id, upload_files};
