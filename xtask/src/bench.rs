//! `cargo xtask bench`: benchmark stages.
//!
//! Today there is one stage, the native criterion benchmarks in `benches/core.rs`.
//! A browser stage (a `bench.html` page run in headless Chromium, timing the wasm
//! engine next to a JavaScript reference) is meant to slot in as a second stage:
//! add a flag to [`BenchStages`], build `dist/` with [`crate::build::build`]
//! (which already copies `bench.html`), serve it with
//! [`crate::serve::StaticServer::spawn`], and drive Chromium like the e2e tests.

use std::path::Path;

use anyhow::{Context, Result};

use crate::build::CRATE;
use crate::cli::BenchStages;
use crate::process;

/// Runs the selected benchmark stages.
pub fn run(root: &Path, stages: &BenchStages) -> Result<()> {
    if stages.native {
        native(root)?;
    }
    Ok(())
}

/// `cargo bench --bench core` (criterion, native code).
fn native(root: &Path) -> Result<()> {
    let t = process::header("bench: native (cargo bench --bench core)");
    process::run(
        process::cargo()
            .current_dir(root)
            .args(["bench", "-p", CRATE, "--bench", "core"]),
    )
    .context("native benchmarks failed")?;
    process::done("native benchmarks", t);
    Ok(())
}
