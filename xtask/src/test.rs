//! `cargo xtask test`: native tests, in-browser wasm tests, end-to-end tests.
//!
//! Stages run in order and stop at the first failure. Each stage first installs
//! what it needs (see [`crate::install`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::build::{self, BuildOptions};
use crate::cli::TestStages;
use crate::install::{self, CHROMEDRIVER, CHROMIUM};
use crate::process;
use crate::project::{CRATE, WASM_TARGET};
use crate::serve;

/// Seconds each in-browser test may take (`WASM_BINDGEN_TEST_TIMEOUT`).
const WEB_TEST_TIMEOUT_SECS: &str = "120";
/// Milliseconds each end-to-end test may take (`node --test-timeout`).
const E2E_TEST_TIMEOUT_MS: &str = "300000";

/// Runs the selected stages; errors at the first failing one.
pub fn run(root: &Path, stages: &TestStages) -> Result<()> {
    let started = Instant::now();
    install::check_wasm_bindgen_pin(root);
    let mut summary = Vec::new();
    if stages.native {
        native(root)?;
        summary.push("native: passed");
    }
    if stages.web || stages.e2e {
        let t =
            process::header("install: browser test tools (Chromium, ChromeDriver, a Chinese font)");
        install::ensure_browser_tools()?;
        process::done("install", t);
    }
    if stages.web {
        summary.push(if web(root)? {
            "web: passed"
        } else {
            "web: skipped (no tests/web.rs)"
        });
    }
    if stages.e2e {
        summary.push(if e2e(root)? {
            "e2e: passed"
        } else {
            "e2e: skipped (no tests/e2e/*.test.mjs)"
        });
    }
    println!(
        "\n==> cargo xtask test: all selected stages succeeded in {:.0} s ({})",
        started.elapsed().as_secs_f64(),
        summary.join("; ")
    );
    Ok(())
}

/// Stage 1: `cargo test --workspace` (the core library, its integration tests, xtask).
fn native(root: &Path) -> Result<()> {
    let t = process::header("test 1/3: native tests (cargo test --workspace)");
    process::run(
        process::cargo()
            .current_dir(root)
            .args(["test", "--workspace"]),
    )
    .context("native tests failed")?;
    process::done("native tests", t);
    Ok(())
}

/// Stage 2: `tests/web.rs` compiled to wasm and run by wasm-bindgen-test-runner in
/// headless Chromium. Returns `false` when there is no such test file.
fn web(root: &Path) -> Result<bool> {
    let t = process::header("test 2/3: in-browser tests (tests/web.rs in headless Chromium)");
    if !root.join("tests/web.rs").is_file() {
        println!("tests/web.rs does not exist yet; skipping the in-browser tests.");
        return Ok(false);
    }
    install::ensure_wasm_target(root)?;
    let runner = install::ensure_test_runner()?;
    let webdriver_json = root.join("webdriver.json");
    let mut cmd = process::cargo();
    cmd.current_dir(root)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", WEB_TEST_TIMEOUT_SECS);
    if webdriver_json.is_file() {
        // The runner reads ./webdriver.json; name it explicitly so the working
        // directory cargo gives the runner does not matter.
        cmd.env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json);
    }
    cmd.args([
        "test",
        "-p",
        CRATE,
        "--target",
        WASM_TARGET,
        "--test",
        "web",
    ]);
    process::run(&mut cmd).context("in-browser tests failed")?;
    process::done("in-browser tests", t);
    Ok(true)
}

/// Stage 3: build `dist/` and its single file (`SINGLE_FILE`, which
/// `single_file.test.mjs` opens through `file://`), serve `dist/` on a free
/// port, and run `node --test` on `tests/e2e/*.test.mjs` (playwright-core
/// driving the system's Chromium). Returns `false` when there are no such
/// test files.
fn e2e(root: &Path) -> Result<bool> {
    let t = process::header("test 3/3: end-to-end tests (node --test tests/e2e/*.test.mjs)");
    let e2e_dir = root.join("tests/e2e");
    let tests = e2e_test_files(&e2e_dir)?;
    if tests.is_empty() {
        println!("No tests/e2e/*.test.mjs files; skipping the end-to-end tests.");
        return Ok(false);
    }
    install::ensure_npm_packages(&e2e_dir)?;
    let site = build::build(
        root,
        &BuildOptions {
            release: true,
            single_file: true,
        },
    )?;
    let single = site.single_file.context("the build wrote no single file")?;
    let artifacts = e2e_dir.join("artifacts");
    fs::create_dir_all(&artifacts)?;

    let mut node = Command::new("node");
    node.current_dir(&e2e_dir)
        .env("CHROMIUM", CHROMIUM)
        .env("ARTIFACTS", &artifacts)
        .env("SINGLE_FILE", &single)
        .args([
            "--test",
            "--test-reporter=spec",
            &format!("--test-timeout={E2E_TEST_TIMEOUT_MS}"),
        ])
        .args(&tests);
    serve::run_against(&site.dist, &mut node, "end-to-end tests failed")?;
    println!("Screenshots: {}", artifacts.display());
    process::done("end-to-end tests", t);
    Ok(true)
}

/// `*.test.mjs` files directly in `dir`, sorted.
fn e2e_test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    Ok(files)
}
