//! Stage 1 of `cargo xtask bench`: `cargo bench --bench core` (criterion,
//! native code), and its estimates read back from
//! `<target>/criterion/*/new/`.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::process;
use crate::project::CRATE;

/// `cargo bench --bench core` (criterion, native code), with criterion's
/// output in `<target>/criterion`; `quick` shortens warm-up and measurement.
pub fn run(root: &Path, target: &Path, quick: bool) -> Result<()> {
    let t = process::header("bench 1/2: native (cargo bench --bench core)");
    let mut cmd = process::cargo();
    cmd.current_dir(root)
        .env("CRITERION_HOME", target.join("criterion"))
        .args(["bench", "-p", CRATE, "--bench", "core"]);
    if quick {
        cmd.args(["--", "--warm-up-time", "1", "--measurement-time", "2"]);
    }
    process::run(&mut cmd).context("native benchmarks failed")?;
    process::done("native benchmarks", t);
    Ok(())
}

/// One criterion benchmark's estimates, in nanoseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct NativeFigure {
    /// The benchmark's title (its criterion id).
    pub title: String,
    /// Criterion's mean estimate.
    pub mean_ns: f64,
    /// Criterion's median estimate.
    pub median_ns: f64,
    /// False when it predates this run (the native stage did not run now).
    pub fresh: bool,
}

/// Criterion's estimates under `dir` (`<id>/new/{benchmark,estimates}.json`),
/// sorted by title. With `since` (the native stage ran now), only those
/// written after it are kept; without, all are kept, marked as earlier.
pub fn read_criterion(dir: &Path, since: Option<SystemTime>) -> Vec<NativeFigure> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<NativeFigure> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let new = e.path().join("new");
            let est = fs::read_to_string(new.join("estimates.json")).ok()?;
            let meta = fs::read_to_string(new.join("benchmark.json")).ok()?;
            let modified = fs::metadata(new.join("estimates.json"))
                .and_then(|m| m.modified())
                .ok();
            parse_criterion(&meta, &est).map(|(title, mean_ns, median_ns)| NativeFigure {
                title,
                mean_ns,
                median_ns,
                fresh: matches!((since, modified), (Some(since), Some(m)) if m >= since),
            })
        })
        .collect();
    if since.is_some() {
        out.retain(|f| f.fresh);
    }
    out.sort_by(|a, b| a.title.cmp(&b.title));
    out
}

/// (title, mean ns, median ns) from criterion's `benchmark.json` and `estimates.json`.
fn parse_criterion(benchmark: &str, estimates: &str) -> Option<(String, f64, f64)> {
    let meta: Value = serde_json::from_str(benchmark).ok()?;
    let est: Value = serde_json::from_str(estimates).ok()?;
    let title = meta["title"]
        .as_str()
        .or_else(|| meta["full_id"].as_str())?
        .to_string();
    Some((
        title,
        est["mean"]["point_estimate"].as_f64()?,
        est["median"]["point_estimate"].as_f64()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_estimates_are_read() {
        let meta = r#"{"group_id":"grid 100x100","full_id":"grid 100x100","title":"grid 100x100"}"#;
        let est = r#"{"mean":{"point_estimate":1500000.0},"median":{"point_estimate":1400000.0}}"#;
        assert_eq!(
            parse_criterion(meta, est),
            Some(("grid 100x100".to_string(), 1_500_000.0, 1_400_000.0))
        );
        assert_eq!(parse_criterion("{}", est), None);
    }
}
