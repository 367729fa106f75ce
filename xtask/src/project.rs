//! Facts about the project xtask works on: where it is, what it builds and
//! for which target, and where cargo puts the output.
//!
//! The bottom of xtask's imports: it uses only [`crate::process`], so every
//! other file may use it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::process;

/// The wasm target the app is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The crate (and output file stem) of the app.
pub const CRATE: &str = "neuronlab";

/// The workspace root: the parent of this crate's manifest directory.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory for this workspace (honours CARGO_TARGET_DIR and config).
pub fn target_dir(root: &Path) -> Result<PathBuf> {
    let json = process::output(process::cargo().current_dir(root).args([
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
    ]))?;
    let meta: serde_json::Value = serde_json::from_str(&json).context("parsing cargo metadata")?;
    let dir = meta["target_directory"]
        .as_str()
        .context("cargo metadata has no target_directory")?;
    Ok(PathBuf::from(dir))
}
