//! Stage 2 of `cargo xtask bench`: `bench.html` in headless Chromium.
//!
//! Builds `dist/` and, with `--features bench`, `dist/bench-pkg/` (the
//! `Bench` harness the app's wasm does not carry), serves it, and runs
//! `www/bench/driver.mjs` (node + playwright-core from `tests/e2e/node_modules`,
//! the system's Chromium); the driver writes its figures as JSON. The gzipped
//! size of the page (`size::PAGE_FILES`) is measured here too, and the
//! driver times the real page (`index.html`) frame by frame.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::page;
use crate::build::{self, BuildOptions};
use crate::install;
use crate::process;
use crate::serve;
use crate::size::{self, PageSize};

/// Device-pixel ratio the browser figures are drawn at.
const DPR: u32 = 2;
/// Page loads timed on index.html.
const NAV_RUNS: u32 = 10;

/// What the browser stage measured.
pub struct Browser {
    /// The driver's JSON (`bench`, `navigation`, `chromium`, …).
    pub json: Value,
    /// Chromium's version.
    pub chromium: String,
    /// What the app page loads, and its size.
    pub size: PageSize,
    /// (section, raw bytes, gzipped bytes) of the app's wasm, largest first.
    pub sections: Vec<(String, usize, usize)>,
    /// Samples per browser figure.
    pub runs: u64,
    /// Steps of the memory test.
    pub memory_steps: u64,
    /// The real page's figures of an earlier build ([`page::BEFORE`]), if checked in.
    pub before: Option<Value>,
}

/// Runs the browser stage (`quick`: fewer samples, a shorter memory test),
/// with the driver's output in `<target>/bench/`.
pub fn run(root: &Path, target: &Path, quick: bool) -> Result<Browser> {
    let t = process::header("bench 2/2: browser (bench.html in headless Chromium)");
    let tools = install::ensure_browser_tools()?;
    let e2e = root.join("tests/e2e");
    install::ensure_npm_packages(&e2e)?;
    let site = build::build(
        root,
        &BuildOptions {
            release: true,
            single_file: false,
        },
    )?;
    if !site.dist.join("bench.html").is_file() {
        bail!("dist/bench.html is missing after the build");
    }
    build::build_bench_pkg(root, &site.dist)?;
    let sections = wasm_sections(&site.dist)?;

    let (runs, memory_steps) = if quick {
        (10, 200_000)
    } else {
        (30, 1_000_000)
    };
    let sample_ms = if quick { 10 } else { 20 };
    let query = format!("?runs={runs}&sample-ms={sample_ms}&dpr={DPR}&memory-steps={memory_steps}");
    let out_dir = target.join("bench");
    fs::create_dir_all(&out_dir)?;
    let out = out_dir.join("browser.json");
    let _ = fs::remove_file(&out);

    let mut node = Command::new("node");
    node.current_dir(root)
        .env("CHROMIUM", &tools.chromium)
        .env("PLAYWRIGHT_FROM", &e2e)
        .env("OUT", &out)
        .env("BENCH_QUERY", &query)
        .env("DPR", DPR.to_string())
        .env("NAV_RUNS", NAV_RUNS.to_string())
        .env("QUICK", if quick { "1" } else { "0" })
        .env("SCREENSHOT", out_dir.join("bench-page.png"))
        .arg(root.join("www/bench/driver.mjs"));
    serve::run_against(&site.dist, &mut node, "the browser benchmark failed")?;

    let text = fs::read_to_string(&out).with_context(|| format!("reading {}", out.display()))?;
    let json: Value = serde_json::from_str(&text).context("parsing the browser result")?;
    let before = fs::read_to_string(root.join(page::BEFORE))
        .ok()
        .map(|t| serde_json::from_str(&t))
        .transpose()
        .with_context(|| format!("parsing {}", page::BEFORE))?;
    for key in ["benchErrors", "navigationErrors"] {
        if let Some(errors) = json[key].as_array().filter(|a| !a.is_empty()) {
            println!("warning: {key}: {errors:?}");
        }
    }
    let chromium = json["chromium"].as_str().unwrap_or("?").to_string();
    process::done("browser benchmarks", t);
    Ok(Browser {
        json,
        chromium,
        size: site.size,
        sections,
        runs,
        memory_steps,
        before,
    })
}

/// The sections of the app's wasm with their raw and gzipped sizes,
/// largest (gzipped) first; a custom section by its own name.
fn wasm_sections(dist: &Path) -> Result<Vec<(String, usize, usize)>> {
    const NAMES: [&str; 13] = [
        "custom",
        "types",
        "imports",
        "functions",
        "tables",
        "memory",
        "globals",
        "exports",
        "start",
        "elements",
        "code",
        "data",
        "data count",
    ];
    let wasm = fs::read(dist.join(format!("pkg/{}_bg.wasm", crate::project::CRATE)))?;
    let mut out = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
        let payload = payload.context("reading the app's wasm")?;
        let Some((id, range)) = payload.as_section() else {
            continue;
        };
        let name = match &payload {
            wasmparser::Payload::CustomSection(c) => c.name().to_string(),
            _ => NAMES.get(id as usize).unwrap_or(&"unknown").to_string(),
        };
        let body = &wasm[range];
        out.push((name, body.len(), size::gzip_len(body)));
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.2));
    Ok(out)
}

impl Browser {
    /// The wasm median of a browser figure, by row id.
    pub fn wasm_median(&self, id: &str) -> Option<f64> {
        self.json["bench"]["rows"]
            .as_array()?
            .iter()
            .find(|r| r["id"] == id)?["wasm"]["median"]
            .as_f64()
    }
}
