//! Installing what builds and tests need: the wasm target, Chromium and its
//! driver (and a Chinese font), wasm-bindgen-test-runner, npm's binaryen and the
//! end-to-end npm packages.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::process;
use crate::project::WASM_TARGET;

/// The wasm-bindgen version pinned in the root Cargo.toml; the test runner must match it.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// Adds the wasm target with rustup if `rustup target list --installed` lacks it.
pub fn ensure_wasm_target(root: &Path) -> Result<()> {
    let Some(rustup) = process::which("rustup") else {
        println!("note: rustup not found; assuming the {WASM_TARGET} target is installed");
        return Ok(());
    };
    let installed = process::output(Command::new(&rustup).current_dir(root).args([
        "target",
        "list",
        "--installed",
    ]))?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("The {WASM_TARGET} target is missing; adding it.");
    process::run(
        Command::new(&rustup)
            .current_dir(root)
            .args(["target", "add", WASM_TARGET]),
    )
}

/// Makes sure the toolchain has rustfmt and clippy (adding them with
/// rustup when it lacks them) and returns clippy's driver: beside the
/// cargo that runs xtask, else as rustup or PATH knows it.
pub fn clippy_driver() -> Result<PathBuf> {
    if let Some(rustup) = process::which("rustup") {
        let installed =
            process::output(Command::new(&rustup).args(["component", "list", "--installed"]))?;
        let missing: Vec<&str> = ["rustfmt", "clippy"]
            .into_iter()
            .filter(|name| {
                !installed
                    .lines()
                    .any(|l| l.starts_with(&format!("{name}-")))
            })
            .collect();
        if !missing.is_empty() {
            println!("Adding the rustup components {}.", missing.join(", "));
            process::run(
                Command::new(&rustup)
                    .args(["component", "add"])
                    .args(&missing),
            )?;
        }
    }
    let name = format!("clippy-driver{}", std::env::consts::EXE_SUFFIX);
    let beside_cargo = std::env::var_os("CARGO")
        .map(|cargo| Path::new(&cargo).with_file_name(&name))
        .filter(|p| p.is_file());
    let from_rustup = || {
        process::output(Command::new("rustup").args(["which", "clippy-driver"]))
            .ok()
            .map(|out| PathBuf::from(out.trim()))
    };
    beside_cargo
        .or_else(from_rustup)
        .or_else(|| process::which(&name))
        .context("the checks need clippy: `rustup component add clippy`, or your system's clippy package")
}

/// The browser the in-browser and end-to-end tests drive, and its driver.
#[derive(Debug, Clone)]
pub struct BrowserTools {
    /// Chromium or Google Chrome.
    pub chromium: PathBuf,
    /// A ChromeDriver of the same version (the in-browser tests' runner
    /// drives the browser through it).
    pub chromedriver: PathBuf,
}

/// Where a browser may be, after `$CHROMIUM` and PATH: Debian's and
/// Fedora's packages, then macOS's applications.
const CHROMIUM_PATHS: [&str; 4] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];
/// The browser's names on PATH.
const CHROMIUM_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];
/// Where a ChromeDriver may be, after `$CHROMEDRIVER` and PATH.
const CHROMEDRIVER_PATHS: [&str; 2] = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

/// What to install when no browser is found, by system.
const INSTALL_HELP: &str = "\
install Chromium and its ChromeDriver, then run the tests again:
    Debian, Ubuntu: sudo apt-get install chromium chromium-driver
    Fedora:         sudo dnf install chromium chromedriver
    macOS:          brew install --cask chromium chromedriver
    Windows:        Google Chrome, and the ChromeDriver of its version from
                    https://googlechromelabs.github.io/chrome-for-testing/
or name them: CHROMIUM=/path/to/chrome CHROMEDRIVER=/path/to/chromedriver";

/// The program named by the environment variable `var`, else the first
/// of `names` on PATH, else the first of `paths` that exists; an error
/// when `var` names a file that is not there.
fn find_program(var: &str, names: &[&str], paths: &[&str]) -> Result<Option<PathBuf>> {
    if let Some(given) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(given);
        ensure!(
            path.is_file(),
            "{var}={} is not a file; {INSTALL_HELP}",
            path.display()
        );
        return Ok(Some(path));
    }
    Ok(names.iter().find_map(process::which).or_else(|| {
        paths
            .iter()
            .map(PathBuf::from)
            .find(|p| process::is_executable(p))
    }))
}

/// Chromium (or Chrome) and ChromeDriver, wherever they are.
fn find_browser_tools() -> Result<(Option<PathBuf>, Option<PathBuf>)> {
    Ok((
        find_program("CHROMIUM", &CHROMIUM_NAMES, &CHROMIUM_PATHS)?,
        find_program("CHROMEDRIVER", &["chromedriver"], &CHROMEDRIVER_PATHS)?,
    ))
}

/// Finds headless Chromium (or Chrome) and ChromeDriver: `$CHROMIUM` and
/// `$CHROMEDRIVER`, then PATH, then where Debian and macOS put them. When
/// one is missing and apt-get may be used (as root, or through sudo
/// without a password), installs Debian's `chromium` and `chromium-driver`;
/// otherwise fails saying what to install. Also adds a small Chinese font
/// (`fonts-wqy-microhei`, optional) so `?lang=zh` screenshots show text.
///
/// (Debian's `binaryen` is not installed: its wasm-opt 108 breaks wasm-bindgen
/// output; `wasm_opt.rs` uses npm's binaryen instead.)
pub fn ensure_browser_tools() -> Result<BrowserTools> {
    let mut found = find_browser_tools()?;
    let apt = can_apt_get();
    if apt && (found.0.is_none() || found.1.is_none()) {
        println!("Installing Chromium and ChromeDriver with apt-get.");
        apt_get(&["update"])?;
        apt_get(&["install", "-y", "chromium", "chromium-driver"])
            .context("installing chromium and chromium-driver")?;
        found = find_browser_tools()?;
    }
    let tools = match found {
        (Some(chromium), Some(chromedriver)) => BrowserTools {
            chromium,
            chromedriver,
        },
        (chromium, _) => bail!(
            "the in-browser and end-to-end tests need {} found; {INSTALL_HELP}",
            if chromium.is_none() {
                "Chromium (or Chrome) and ChromeDriver, and neither was"
            } else {
                "ChromeDriver too, and none was"
            }
        ),
    };
    if needs_chinese_font() {
        if apt {
            let font = ["install", "-y", "fonts-wqy-microhei"];
            let installed = apt_get(&font).or_else(|_| {
                apt_get(&["update"])?;
                apt_get(&font)
            });
            if let Err(e) = installed {
                println!("warning: could not install a Chinese font, continuing: {e:#}");
            }
        } else {
            println!("note: no Chinese font; install fonts-wqy-microhei for ?lang=zh screenshots");
        }
    }
    println!(
        "browser: {}; driver: {}",
        tools.chromium.display(),
        tools.chromedriver.display()
    );
    Ok(tools)
}

/// Whether fontconfig is there and knows no font covering Chinese (other
/// systems have one).
fn needs_chinese_font() -> bool {
    process::output(Command::new("fc-list").args([":lang=zh", "family"]))
        .is_ok_and(|out| out.trim().is_empty())
}

/// Whether apt-get is there and may be used: as root, or through `sudo`
/// without a password.
pub fn can_apt_get() -> bool {
    process::which("apt-get").is_some() && (process::is_root() || sudo_works())
}

/// Whether `sudo -n` runs a command without asking for a password.
fn sudo_works() -> bool {
    process::output(Command::new("sudo").args(["-n", "true"])).is_ok()
}

/// `apt-get <args>`, non-interactive and quiet (through `sudo -n` unless
/// running as root).
pub fn apt_get(args: &[&str]) -> Result<()> {
    let mut cmd = if process::is_root() {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", "apt-get"]);
        sudo
    };
    process::run(
        cmd.env("DEBIAN_FRONTEND", "noninteractive")
            // Wait for another apt/dpkg to finish instead of failing at once.
            .args(["-o", "DPkg::Lock::Timeout=600", "-q"])
            .args(args),
    )
}

/// Returns a `wasm-bindgen-test-runner` of [`WASM_BINDGEN_VERSION`], installing
/// it with `cargo install wasm-bindgen-cli` (a few minutes) when missing or stale.
pub fn ensure_test_runner() -> Result<PathBuf> {
    const RUNNER: &str = "wasm-bindgen-test-runner";
    let installed_path = process::cargo_bin_dir().map(|dir| dir.join(RUNNER));
    let candidates = process::which(RUNNER)
        .into_iter()
        .chain(installed_path.clone())
        .filter(|path| path.exists());
    let mut seen = Vec::new();
    for candidate in candidates {
        match runner_version(&candidate) {
            Some(v) if v == WASM_BINDGEN_VERSION => return Ok(candidate),
            found => seen.push(format!(
                "{} ({})",
                candidate.display(),
                found.as_deref().unwrap_or("no version")
            )),
        }
    }
    if seen.is_empty() {
        println!("{RUNNER} not found.");
    } else {
        println!(
            "{RUNNER} {WASM_BINDGEN_VERSION} needed, found: {}",
            seen.join(", ")
        );
    }
    println!("Installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (takes a few minutes).");
    // --force: cargo skips a package it has on record even when its programs
    // were deleted. Not --locked: installing that way was seen to fail here.
    process::run(process::cargo().args([
        "install",
        "--force",
        "wasm-bindgen-cli",
        "--version",
        &format!("={WASM_BINDGEN_VERSION}"),
    ]))?;
    let path = installed_path.context("cannot tell where cargo install put programs")?;
    match runner_version(&path) {
        Some(v) if v == WASM_BINDGEN_VERSION => Ok(path),
        other => bail!(
            "{} reports version {:?} after installing {WASM_BINDGEN_VERSION}",
            path.display(),
            other
        ),
    }
}

/// The version a `wasm-bindgen-test-runner` reports, e.g. `0.2.130`.
fn runner_version(path: &Path) -> Option<String> {
    if !process::is_executable(path) {
        return None;
    }
    let out = process::output(Command::new(path).arg("--version")).ok()?;
    parse_runner_version(&out)
}

/// Parses `wasm-bindgen-test-runner 0.2.130` into `0.2.130`.
fn parse_runner_version(out: &str) -> Option<String> {
    out.split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(str::to_string)
}

/// Makes sure `node` and `npm` exist and the npm packages of `dir` are installed
/// (`npm ci`, else `npm install`). Never downloads browsers: the tests use
/// `playwright-core` with the system's Chromium.
pub fn ensure_npm_packages(dir: &Path) -> Result<()> {
    if process::which("node").is_none() || process::which("npm").is_none() {
        bail!(
            "the end-to-end tests need Node.js 20+ and npm on PATH \
             (from https://nodejs.org/, or e.g. `apt-get install nodejs npm`)"
        );
    }
    // Every package the tests import (an older checkout may lack a newer one).
    let installed = ["playwright-core", "axe-core"].iter().all(|p| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .is_file()
    });
    if installed {
        return Ok(());
    }
    let npm = |args: &[&str]| {
        process::run(
            process::npm()
                .current_dir(dir)
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
                .args(args)
                .args(["--no-audit", "--no-fund"]),
        )
    };
    if dir.join("package-lock.json").is_file() {
        match npm(&["ci"]) {
            Ok(()) => return Ok(()),
            Err(e) => println!("warning: npm ci failed ({e:#}); trying npm install"),
        }
    }
    npm(&["install"])
}

/// The npm build tools' folder: binaryen (wasm-opt) and esbuild, pinned
/// in its `package.json` and lock file.
pub const NPM_TOOLS: &str = "xtask/npm-tools";

/// The executable `bin` of the npm build tools ([`NPM_TOOLS`]); installs
/// them with `npm ci` on first use. `None` (with a note) when npm is
/// missing or the install fails: the tools only make the page smaller.
pub fn ensure_npm_tool(root: &Path, bin: &str) -> Option<PathBuf> {
    let dir = root.join(NPM_TOOLS);
    let tool = process::npm_bin(&dir, bin);
    if process::is_executable(&tool) {
        return Some(tool);
    }
    if !dir.join("package.json").is_file() {
        return None;
    }
    if process::which("npm").is_none() || process::which("node").is_none() {
        println!("note: node/npm not found; cannot use npm's {bin}");
        return None;
    }
    println!(
        "Installing the npm build tools (wasm-opt, esbuild) into {}",
        dir.display()
    );
    let npm_ci = process::run(process::npm().current_dir(&dir).args([
        "ci",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ]));
    match npm_ci {
        Ok(()) if process::is_executable(&tool) => Some(tool),
        Ok(()) => {
            println!("warning: npm ci did not produce {}", tool.display());
            None
        }
        Err(e) => {
            println!("warning: could not install the npm build tools: {e:#}");
            None
        }
    }
}

/// The version of `name` recorded in a Cargo.lock text (first match).
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return version.strip_suffix('"').map(str::to_string);
        }
    }
    None
}

/// Warns when Cargo.lock's wasm-bindgen differs from the one this xtask bundles.
pub fn check_wasm_bindgen_pin(root: &Path) {
    let Ok(lock) = fs::read_to_string(root.join("Cargo.lock")) else {
        return;
    };
    if let Some(v) = locked_version(&lock, "wasm-bindgen") {
        if v != WASM_BINDGEN_VERSION {
            println!(
                "warning: Cargo.lock has wasm-bindgen {v} but xtask expects {WASM_BINDGEN_VERSION}; \
                 update xtask/Cargo.toml and WASM_BINDGEN_VERSION together with the root pin"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runner_version_is_parsed() {
        assert_eq!(
            parse_runner_version("wasm-bindgen-test-runner 0.2.130\n").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_runner_version("garbage"), None);
    }

    #[test]
    fn locked_version_finds_a_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "serde"), None);
    }

    /// The app, the bindgen library in xtask and the test runner must agree.
    #[test]
    fn cargo_lock_pins_the_same_wasm_bindgen() {
        let lock = fs::read_to_string(crate::project::repo_root().join("Cargo.lock"))
            .expect("the workspace has a Cargo.lock");
        assert_eq!(
            locked_version(&lock, "wasm-bindgen").as_deref(),
            Some(WASM_BINDGEN_VERSION)
        );
        assert_eq!(
            locked_version(&lock, "wasm-bindgen-cli-support").as_deref(),
            Some(WASM_BINDGEN_VERSION)
        );
    }
}
