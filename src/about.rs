//! What this binary is: its version, the commit it was built from and the target it was built
//! for (recorded by `build.rs`), as `pletor --version` and `pletor doctor` show them.

/// The package version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The commit the binary was built from (12 hex digits), or `unknown`.
pub const COMMIT: &str = env!("PLETOR_BUILD_COMMIT");

/// The target triple the binary was built for (`x86_64-unknown-linux-musl`).
pub const TARGET: &str = env!("PLETOR_BUILD_TARGET");

/// What `--version` prints after the program's name.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PLETOR_BUILD_COMMIT"),
    ", target ",
    env!("PLETOR_BUILD_TARGET"),
    ")"
);

/// The `User-Agent` of every request: `pletor/0.1.0`.
pub const USER_AGENT: &str = concat!("pletor/", env!("CARGO_PKG_VERSION"));
