//! `cargo xtask build`: the wasm module, its JS glue and the page, as a static site in `dist/`.
//!
//! `cargo xtask bench` adds a second wasm, built with the `bench` feature, in
//! `dist/bench-pkg/` for `bench.html` ([`build_bench_pkg`]); the app's wasm
//! in `dist/pkg/` never carries the benchmark harness.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use wasm_bindgen_cli_support::Bindgen;

use crate::project::{self, CRATE, WASM_TARGET};
use crate::size::PageSize;
use crate::{dirs, install, minify, process, short_imports, single_file, wasm_opt};

/// How to build.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Optimised build (cargo `--release`, wasm-opt, minified JS and CSS);
    /// otherwise a debug build.
    pub release: bool,
    /// Also the one-file page `dist/neuronlab.html` ([`single_file`]).
    pub single_file: bool,
}

/// What a build wrote.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The site root (`<repo>/dist`).
    pub dist: PathBuf,
    /// The one-file page, when asked for.
    pub single_file: Option<PathBuf>,
    /// What the page loads, and its size.
    pub size: PageSize,
}

/// Builds the static site into `<root>/dist` and reports its gzipped size.
///
/// The app's wasm is built without the `bench` feature; `dist/bench.html`
/// needs [`build_bench_pkg`] as well (only `cargo xtask bench` runs it).
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildOutput> {
    let started = process::header(if opts.release {
        "build: release wasm + static site -> dist/"
    } else {
        "build: debug wasm + static site -> dist/"
    });
    let input = cargo_build_wasm(root, opts.release, None)?;
    let dist = root.join("dist");
    dirs::remove(&dist)?;
    let pkg = dist.join("pkg");
    bindgen(root, &input, &pkg, opts.release)?;
    let lab = cargo_build_wasm(root, opts.release, Some(LAB_FEATURE))?;
    bindgen(root, &lab, &dist.join(LAB_PKG), opts.release)?;
    copy_site_files(root, &dist)?;
    if opts.release {
        minify::site(root, &dist);
    }
    let size = PageSize::measure(&dist)?;
    println!(
        "{}{}",
        size.table(),
        match (opts.release, size.check_budget()) {
            (false, _) => "; the budget is for release builds",
            (true, Err(_)) => "  <-- OVER BUDGET",
            (true, Ok(())) => "",
        }
    );
    println!(
        "the scaling lab, loaded when the Language model mode is first opened: {} gzipped (its wasm, scripts and texts)",
        crate::size::kb(crate::size::lab_gzipped(&dist))
    );
    let single_file = if opts.single_file {
        Some(single_file::write(
            root,
            &dist,
            opts.release,
            size.gzipped(),
        )?)
    } else {
        None
    };
    process::done("build", started);
    Ok(BuildOutput {
        dist,
        single_file,
        size,
    })
}

/// The feature of the scaling lab's wasm.
pub const LAB_FEATURE: &str = "scaling-lab";
/// The folder of `dist/` that holds the scaling lab's wasm and glue.
pub const LAB_PKG: &str = "pkg-lab";

/// The folder of `dist/` that holds the benchmark build of the wasm
/// (`bench.html` imports `<BENCH_PKG>/neuronlab.js`).
pub const BENCH_PKG: &str = "bench-pkg";

/// Builds the wasm a second time, with the `bench` feature (the `Bench`
/// harness that `bench.html` drives), into `<dist>/bench-pkg/`, optimised
/// like the app's. It has its own cargo target directory
/// (`<target>/bench-wasm`): the wasm's file name carries no hash, so the two
/// feature sets in one directory would rebuild each other every time.
/// Returns that folder.
pub fn build_bench_pkg(root: &Path, dist: &Path) -> Result<PathBuf> {
    let started = process::header("build: release wasm with --features bench -> dist/bench-pkg/");
    let pkg = dist.join(BENCH_PKG);
    dirs::remove(&pkg)?;
    let input = cargo_build_wasm(root, true, Some("bench"))?;
    bindgen(root, &input, &pkg, true)?;
    process::done("bench build", started);
    Ok(pkg)
}

/// `cargo build` of the library for wasm; with `feature`, also `--features
/// <feature>`, in the target subdirectory `<feature>-wasm`. Returns the path
/// of the built `.wasm`.
fn cargo_build_wasm(root: &Path, release: bool, feature: Option<&str>) -> Result<PathBuf> {
    install::ensure_wasm_target(root)?;
    let mut target = project::target_dir(root)?;
    let mut cargo = process::cargo();
    cargo
        .current_dir(root)
        .args(["build", "--target", WASM_TARGET, "-p", CRATE, "--lib"]);
    if release {
        cargo.arg("--release");
    }
    let profile = if release { "release" } else { "debug" };
    if let Some(feature) = feature {
        let own = target.join(format!("{feature}-wasm"));
        seed_target_dir(&target, &own, profile)?;
        target = own;
        cargo
            .args(["--features", feature, "--target-dir"])
            .arg(&target);
    }
    process::run(&mut cargo)?;
    Ok(target
        .join(WASM_TARGET)
        .join(profile)
        .join(format!("{CRATE}.wasm")))
}

/// Gives a feature's own target directory `own` a copy of the dependencies
/// the app's build compiled into `main` (the same crates with the same
/// features), when it has none yet: only this crate then compiles again,
/// not all of them (about 60 s less on a fresh clone).
fn seed_target_dir(main: &Path, own: &Path, profile: &str) -> Result<()> {
    let wasm = Path::new(WASM_TARGET).join(profile);
    if own.join(&wasm).exists() || !main.join(&wasm).exists() {
        return Ok(());
    }
    // Host artifacts (build scripts, proc macros) and the wasm ones.
    for dir in [PathBuf::from(profile), wasm] {
        for part in ["deps", "build", ".fingerprint"] {
            let from = main.join(&dir).join(part);
            if from.exists() {
                dirs::copy(&from, &own.join(&dir).join(part))?;
            }
        }
    }
    Ok(())
}

/// wasm-bindgen on `input` into `pkg` (the ES module `neuronlab.js` and
/// `neuronlab_bg.wasm`), then, for a release build, short import names
/// ([`short_imports`]) and wasm-opt. Returns the paths of the wasm and the
/// JS.
fn bindgen(root: &Path, input: &Path, pkg: &Path, release: bool) -> Result<(PathBuf, PathBuf)> {
    fs::create_dir_all(pkg)?;
    println!("wasm-bindgen {} -> {}", input.display(), pkg.display());
    Bindgen::new()
        .input_path(input)
        .out_name(CRATE)
        .web(true)?
        .typescript(false)
        // init() with no argument fetches neuronlab_bg.wasm next to the JS
        // (the CLI's default; the library's default omits that path).
        .omit_default_module_path(false)
        .debug(!release)
        .keep_debug(!release)
        .remove_name_section(release)
        .remove_producers_section(release)
        .generate(pkg)
        .with_context(|| format!("wasm-bindgen on {}", input.display()))?;

    let wasm = pkg.join(format!("{CRATE}_bg.wasm"));
    let js = pkg.join(format!("{CRATE}.js"));
    if release {
        match short_imports::shorten(&wasm, &js) {
            Ok(saved) => println!("short import names: {saved} bytes fewer"),
            Err(e) => println!("warning: import names left as they were: {e:#}"),
        }
        wasm_opt::optimise(root, &wasm);
    }
    Ok((wasm, js))
}

/// Copies the page shell into `dist/`: `index.html` and `bench.html`
/// (without their indentation), and `www/`.
fn copy_site_files(root: &Path, dist: &Path) -> Result<()> {
    for page in ["index.html", "bench.html"] {
        let from = root.join(page);
        if from.is_file() {
            let text = fs::read_to_string(&from).with_context(|| format!("reading {page}"))?;
            fs::write(dist.join(page), minify::html(&text))
                .with_context(|| format!("writing {page}"))?;
        } else if page == "index.html" {
            println!("warning: {} is missing; dist/ has no page", from.display());
        }
    }
    let www = root.join("www");
    if www.is_dir() {
        dirs::copy(&www, &dist.join("www"))?;
    }
    Ok(())
}
