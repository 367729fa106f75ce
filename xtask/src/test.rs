//! `cargo xtask test`: the checks (formatting, clippy), native tests,
//! in-browser wasm tests, the page's size, end-to-end tests.
//!
//! Stages run in order, the cheapest first, and stop at the first failure.
//! Each stage first installs what it needs (see [`crate::install`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::build::{self, BuildOptions, LAB_FEATURE};
use crate::cli::TestStages;
use crate::install::{self, BrowserTools};
use crate::process;
use crate::project::{self, CRATE, WASM_TARGET};
use crate::serve;

/// Seconds each in-browser test may take (`WASM_BINDGEN_TEST_TIMEOUT`).
const WEB_TEST_TIMEOUT_SECS: &str = "120";
/// Milliseconds each end-to-end test may take (`node --test-timeout`);
/// with files run side by side it bounds each file as a whole too.
const E2E_TEST_TIMEOUT_MS: &str = "600000";
/// End-to-end test files run at once (`node --test-concurrency`): many
/// tests wait on the page's watchable pace rather than the CPU, so two at a
/// time finish sooner even on two cores. `E2E_JOBS` overrides it.
const E2E_JOBS: &str = "2";

/// Runs the selected stages; errors at the first failing one.
pub fn run(root: &Path, stages: &TestStages) -> Result<()> {
    let started = Instant::now();
    install::check_wasm_bindgen_pin(root);
    let clippy = install::clippy_driver()?;
    let mut summary = Vec::new();
    if stages.checks {
        checks(root, &clippy)?;
        summary.push("checks: passed");
    }
    if stages.native {
        native(root, &clippy)?;
        summary.push("native: passed");
    }
    let browser = if stages.web || stages.e2e {
        let t =
            process::header("install: browser test tools (Chromium, ChromeDriver, a Chinese font)");
        let tools = install::ensure_browser_tools()?;
        process::done("install", t);
        Some(tools)
    } else {
        None
    };
    if let (true, Some(tools)) = (stages.web, &browser) {
        summary.push(if web(root, &clippy, tools)? {
            "web: passed"
        } else {
            "web: skipped (no tests/web.rs)"
        });
    }
    if let (true, Some(tools)) = (stages.e2e, &browser) {
        summary.push(if e2e(root, tools)? {
            "size and e2e: passed"
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

/// A cargo command in `root` whose workspace crates are compiled by
/// clippy's driver with warnings as errors: the test builds are clippy's
/// check too (`cargo clippy` is this wrapper over `cargo check`), so the
/// lints cost no build of their own. The native and the wasm test builds
/// of every target are the two `cargo clippy --all-targets -- -D warnings`.
fn linted_cargo(root: &Path, clippy: &Path) -> Command {
    let mut cargo = process::cargo();
    cargo
        .current_dir(root)
        .env("RUSTC_WORKSPACE_WRAPPER", clippy)
        .env(
            "CLIPPY_ARGS",
            "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
        );
    cargo
}

/// `cargo test` of every native target of the workspace.
fn native_tests(root: &Path, clippy: &Path) -> Command {
    let mut cargo = linted_cargo(root, clippy);
    cargo.args(["test", "--workspace", "--all-targets"]);
    cargo
}

/// `cargo test` of every wasm target of the app.
fn wasm_tests(root: &Path, clippy: &Path) -> Command {
    let mut cargo = linted_cargo(root, clippy);
    cargo.args(["test", "-p", CRATE, "--target", WASM_TARGET]);
    cargo
}

/// Stage 1: what every change must pass before a test runs, cheapest
/// first: `cargo fmt --check`, then the native and the wasm test builds
/// of every target through clippy, warnings as errors (the next stages
/// run what these built).
fn checks(root: &Path, clippy: &Path) -> Result<()> {
    let t = process::header(
        "test 1/4: checks (cargo fmt --check; native and wasm builds through clippy -D warnings)",
    );
    install::ensure_wasm_target(root)?;
    process::run(
        process::cargo()
            .current_dir(root)
            .args(["fmt", "--all", "--", "--check"]),
    )
    .context("the code is not formatted as `cargo fmt` formats it: run `cargo fmt --all`")?;
    process::run(native_tests(root, clippy).arg("--no-run"))
        .context("clippy (warnings as errors) or the compiler rejects the native code")?;
    process::run(wasm_tests(root, clippy).args(["--all-targets", "--no-run"]))
        .context("clippy (warnings as errors) or the compiler rejects the wasm code")?;
    // The scaling lab's own wasm (its entry, its workers) compiles only
    // with its feature: the library's test build with it lints those
    // files too, on the dependencies built just above.
    process::run(wasm_tests(root, clippy).args(["--lib", "--no-run", "--features", LAB_FEATURE]))
        .context("clippy (warnings as errors) or the compiler rejects the scaling lab's wasm code")?;
    process::done("checks", t);
    Ok(())
}

/// Stage 2: `cargo test --workspace --all-targets` (the core library, its
/// integration tests, the benchmarks once each, xtask).
fn native(root: &Path, clippy: &Path) -> Result<()> {
    let t = process::header("test 2/4: native tests (cargo test --workspace --all-targets)");
    process::run(&mut native_tests(root, clippy)).context("native tests failed")?;
    process::done("native tests", t);
    Ok(())
}

/// Stage 3: `tests/web.rs` compiled to wasm and run by wasm-bindgen-test-runner in
/// headless Chromium. Returns `false` when there is no such test file.
fn web(root: &Path, clippy: &Path, tools: &BrowserTools) -> Result<bool> {
    let t = process::header("test 3/4: in-browser tests (tests/web.rs in headless Chromium)");
    if !root.join("tests/web.rs").is_file() {
        println!("tests/web.rs does not exist yet; skipping the in-browser tests.");
        return Ok(false);
    }
    install::ensure_wasm_target(root)?;
    let runner = install::ensure_test_runner()?;
    let webdriver_json = webdriver_json(root, &tools.chromium)?;
    let mut cmd = wasm_tests(root, clippy);
    cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", &tools.chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", WEB_TEST_TIMEOUT_SECS)
        // Named explicitly so the working directory cargo gives the runner
        // does not matter.
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json)
        .args(["--test", "web"]);
    process::run(&mut cmd).context("in-browser tests failed")?;
    process::done("in-browser tests", t);
    Ok(true)
}

/// The checked-in `webdriver.json` (Chromium's flags) with `chromium` as
/// the browser, written to the target directory; its path.
fn webdriver_json(root: &Path, chromium: &Path) -> Result<PathBuf> {
    let text = fs::read_to_string(root.join("webdriver.json")).context("reading webdriver.json")?;
    let mut json: serde_json::Value =
        serde_json::from_str(&text).context("parsing webdriver.json")?;
    json["goog:chromeOptions"]["binary"] = chromium.to_string_lossy().into();
    let out = project::target_dir(root)?.join("webdriver.json");
    fs::write(&out, serde_json::to_string_pretty(&json)?)
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(out)
}

/// Stage 4: build `dist/` and its single file (`SINGLE_FILE`, which
/// `single_file.test.mjs` opens through `file://`), fail when the page is
/// over its size budget, serve `dist/` on a free port, and run `node
/// --test` on `tests/e2e/*.test.mjs` (playwright-core driving the system's
/// Chromium). Returns `false` when there are no such test files.
fn e2e(root: &Path, tools: &BrowserTools) -> Result<bool> {
    let t = process::header(
        "test 4/4: the page's size, end-to-end tests (node --test tests/e2e/*.test.mjs)",
    );
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
    site.size.check_budget()?;
    let single = site.single_file.context("the build wrote no single file")?;
    let artifacts = e2e_dir.join("artifacts");
    fs::create_dir_all(&artifacts)?;

    let mut node = Command::new("node");
    node.current_dir(&e2e_dir)
        .env("CHROMIUM", &tools.chromium)
        .env("ARTIFACTS", &artifacts)
        .env("SINGLE_FILE", &single)
        .args([
            "--test",
            "--test-reporter=spec",
            &format!("--test-timeout={E2E_TEST_TIMEOUT_MS}"),
            &format!(
                "--test-concurrency={}",
                std::env::var("E2E_JOBS").unwrap_or_else(|_| E2E_JOBS.into())
            ),
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
