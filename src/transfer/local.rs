//! The local side of a transfer, checked before anything is sent: the files to upload, the
//! output folder, the rule for a file already under a final name, and how paths and I/O errors
//! read in messages.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::UsageError;

/// What to do when a download's final file already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse: exit 2 with a hint naming `--overwrite` and `--skip-existing`.
    Fail,
    /// Replace it atomically (the new file is renamed over it once verified).
    Overwrite,
    /// Keep it and report the download as skipped.
    Skip,
}

impl Existing {
    /// The rule chosen by `--overwrite` / `--skip-existing` (clap keeps them exclusive).
    pub fn from_flags(overwrite: bool, skip_existing: bool) -> Self {
        match (overwrite, skip_existing) {
            (true, _) => Self::Overwrite,
            (false, true) => Self::Skip,
            (false, false) => Self::Fail,
        }
    }
}

/// A local file checked for upload.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Where it is, as messages print it; the upload opens it again from here.
    pub path: PathBuf,
    /// Its name, as the server will see it.
    pub filename: String,
    /// Its media type: what its first bytes say when they are a known format, else what its
    /// extension says.
    pub mime_type: String,
    /// The media type its first bytes show (magic numbers), when they are a known format.
    pub sniffed: Option<&'static str>,
    /// Its size when checked: the upload declares this length, so a file that changes before
    /// it is sent fails rather than sending something else; an empty run input is refused.
    pub size: u64,
}

/// The SHA-256 of a file's bytes, in lowercase hex, read in blocks (memory stays flat).
pub fn sha256_file(path: &Path) -> anyhow::Result<String> {
    use anyhow::Context as _;
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file =
        std::fs::File::open(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file
            .read(&mut buffer)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if n == 0 {
            return Ok(hex::encode(hasher.finalize()));
        }
        hasher.update(&buffer[..n]);
    }
}

/// Checks every path before any request: exists, regular file, readable; UsageError naming the
/// path (the first bad one, with a count of the others).
pub fn check_files(paths: &[PathBuf]) -> anyhow::Result<Vec<LocalFile>> {
    let mut files = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        match check_file(path) {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    let Some(first) = problems.first() else {
        return Ok(files);
    };
    let message = match problems.len() {
        1 => first.clone(),
        n => format!(
            "{first} (and {} more problem{})",
            n - 1,
            if n == 2 { "" } else { "s" }
        ),
    };
    Err(UsageError::new(message, "check the path; nothing was uploaded").into())
}

fn check_file(path: &Path) -> Result<LocalFile, String> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).map_err(|err| match err.kind() {
        ErrorKind::NotFound => format!("`{shown}`: no such file"),
        _ => format!("`{shown}`: cannot read it: {}", io_reason(&err)),
    })?;
    if metadata.is_dir() {
        return Err(format!("`{shown}` is a folder, not a file"));
    }
    if !metadata.is_file() {
        return Err(format!("`{shown}` is not a regular file"));
    }
    // Reading the first bytes proves it is readable now (permissions, locks), not just that it
    // exists, and tells what it holds.
    let sniffed =
        sniff(path).map_err(|err| format!("`{shown}`: cannot read it: {}", io_reason(&err)))?;
    let filename = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    Ok(LocalFile {
        path: path.to_path_buf(),
        filename,
        mime_type: sniffed.map_or_else(|| crate::api::assets::guess_mime(path), str::to_string),
        sniffed,
        size: metadata.len(),
    })
}

/// The media type the file's first bytes show, by their magic numbers (`infer`), when known.
fn sniff(path: &Path) -> std::io::Result<Option<&'static str>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    std::fs::File::open(path)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(infer::get(&head).map(|kind| kind.mime_type()))
}

/// How much of a file is read to tell its format: every signature `infer` knows fits.
const SNIFF_BYTES: usize = 8192;

/// Creates the folder if needed (default: current folder) and proves it writable; UsageError
/// otherwise.
pub fn prepare_output_dir(dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    let dir = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let shown = dir.display().to_string();
    let hint = "choose another folder with `-o DIR`";
    if let Err(err) = std::fs::create_dir_all(&dir) {
        return Err(UsageError::new(
            format!(
                "cannot create the output folder `{shown}`: {}",
                io_reason(&err)
            ),
            hint,
        )
        .into());
    }
    if !dir.is_dir() {
        return Err(
            UsageError::new(format!("the output folder `{shown}` is not a folder"), hint).into(),
        );
    }
    let probe = dir.join(format!(".pletor-write-check-{}", uuid::Uuid::new_v4()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(dir)
        }
        Err(err) => Err(UsageError::new(
            format!(
                "cannot write in the output folder `{shown}`: {}",
                io_reason(&err)
            ),
            hint,
        )
        .into()),
    }
}

/// Parses `--concurrency N`: 1 to 64 transfers at once.
pub fn parse_concurrency(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=64).contains(&n) => Ok(n),
        _ => Err(format!("`{text}` is not a number from 1 to 64")),
    }
}

/// An I/O error's own words, without the `(os error N)` tail.
pub(super) fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// The path a user reads for a file in `dir`: just the name in the current folder.
pub(super) fn display_path(dir: &Path, name: &str) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from(name)
    } else {
        dir.join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::classify;

    #[test]
    fn flags_choose_the_existing_file_rule() {
        assert_eq!(Existing::from_flags(false, false), Existing::Fail);
        assert_eq!(Existing::from_flags(true, false), Existing::Overwrite);
        assert_eq!(Existing::from_flags(false, true), Existing::Skip);
    }

    #[test]
    fn checked_files_carry_name_type_and_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shot one.png");
        std::fs::write(&path, b"12345").unwrap();
        let files = check_files(std::slice::from_ref(&path)).unwrap();
        assert_eq!(files[0].filename, "shot one.png");
        assert_eq!(files[0].mime_type, "image/png");
        assert_eq!(files[0].sniffed, None, "five bytes are no known format");
        assert_eq!(files[0].size, 5);
    }

    #[test]
    fn the_content_decides_the_media_type_over_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.txt");
        std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let files = check_files(std::slice::from_ref(&path)).unwrap();
        assert_eq!(files[0].sniffed, Some("image/png"));
        assert_eq!(files[0].mime_type, "image/png");
    }

    #[test]
    fn missing_files_folders_and_paths_under_files_are_usage_errors_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.txt");
        std::fs::write(&file, b"x").unwrap();
        for (path, words) in [
            (dir.path().join("nope.png"), "no such file"),
            (dir.path().to_path_buf(), "is a folder"),
            (file.join("x"), "cannot read it"),
        ] {
            let err = check_files(&[file.clone(), path.clone()]).unwrap_err();
            let report = classify(&err);
            assert_eq!(report.exit, crate::error::Exit::Usage);
            assert!(
                report.message.contains(&path.display().to_string())
                    && report.message.contains(words),
                "{}",
                report.message
            );
        }
    }

    #[test]
    fn output_folders_are_created_and_a_path_under_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        assert_eq!(prepare_output_dir(Some(&nested)).unwrap(), nested);
        assert!(nested.is_dir());
        assert!(
            std::fs::read_dir(&nested).unwrap().next().is_none(),
            "the probe is removed"
        );
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let err = prepare_output_dir(Some(&file.join("out"))).unwrap_err();
        assert_eq!(classify(&err).exit, crate::error::Exit::Usage);
        assert_eq!(
            classify(&prepare_output_dir(Some(&file)).unwrap_err()).exit,
            crate::error::Exit::Usage
        );
    }

    #[test]
    fn paths_in_the_current_folder_are_shown_bare() {
        assert_eq!(
            display_path(Path::new("."), "a.png"),
            PathBuf::from("a.png")
        );
        assert_eq!(
            display_path(Path::new("out"), "a.png"),
            PathBuf::from("out/a.png")
        );
    }
}
