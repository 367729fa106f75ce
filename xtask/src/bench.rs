//! `cargo xtask bench`: benchmark stages, one table, and `BENCHMARKS.md`.
//!
//! 1. **native** — `cargo bench --bench core` (criterion); its estimates are
//!    read back from `<target>/criterion/*/new/`.
//! 2. **browser** — builds `dist/`, serves it, and runs `www/bench/driver.mjs`
//!    (node + playwright-core from `tests/e2e/node_modules`, the system's
//!    Chromium). `bench.html` needs the `Bench` harness, which the app's wasm
//!    does not carry, so a second wasm is built with `--features bench` into
//!    `dist/bench-pkg/`. The driver opens `bench.html`, which times the wasm
//!    engine and renderer next to a JavaScript reference network in one page
//!    load and checks that the reference replays our training exactly; then
//!    it times navigation → usable on `index.html` (the app's own wasm). The
//!    gzipped size of the app's wasm + JS (`dist/pkg/`, not `bench-pkg/`) is
//!    measured here.
//!
//! Then it prints one table and (unless `--no-write`, and only when the
//! browser stage ran) writes `BENCHMARKS.md` and the chart `docs/bench.png`,
//! drawn natively with plotters. Timing is never a pass/fail test: the
//! command fails only when something could not be measured, or when the
//! JavaScript reference disagrees with the engine (then the ratios mean
//! nothing).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use crate::build::{self, BuildOptions};
use crate::cli::BenchStages;
use crate::install::{self, CHROMIUM};
use crate::process;
use crate::project::{self, CRATE, GZIP_BUDGET};
use crate::serve::StaticServer;

/// Where the chart goes, relative to the repository root.
const CHART: &str = "docs/bench.png";
/// The report, relative to the repository root.
const REPORT: &str = "BENCHMARKS.md";
/// Device-pixel ratio the browser figures are drawn at.
const DPR: u32 = 2;
/// Page loads timed on index.html.
const NAV_RUNS: u32 = 10;

/// Runs the selected benchmark stages, prints the table and writes the report.
pub fn run(root: &Path, stages: &BenchStages) -> Result<()> {
    let started = Instant::now();
    let since = SystemTime::now();
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let target = project::target_dir(root)?;
    if stages.native {
        native(root, &target, stages.quick)?;
    }
    let native = read_criterion(&target.join("criterion"), stages.native.then_some(since));
    let browser = if stages.browser {
        Some(browser(root, &target, stages.quick)?)
    } else {
        None
    };

    let machine = Machine::probe(
        browser.as_ref().map(|b| b.chromium.clone()),
        load.split_whitespace().next().unwrap_or("?").to_string(),
    );
    let table = browser.as_ref().map(browser_table).transpose()?;
    process::header("bench: results");
    println!("{}", machine.summary());
    if let Some(table) = &table {
        println!("\n{}", render_text(table));
    }
    println!("\n{}", render_native_text(&native, browser.as_ref()));
    if let Some(b) = &browser {
        println!("\n{}", check_summary(&b.json["bench"]["check"]));
    }

    if let (true, Some(b), Some(table)) = (stages.write, &browser, &table) {
        let command = command_line(stages);
        let chart_ok = match chart::draw(&root.join(CHART), b, &machine) {
            Ok(()) => {
                println!("wrote {CHART}");
                true
            }
            Err(e) => {
                println!("warning: no chart drawn ({e:#}); {REPORT} links the previous one if any");
                root.join(CHART).is_file()
            }
        };
        let md = report(&machine, &command, table, &native, b, chart_ok);
        fs::write(root.join(REPORT), md).with_context(|| format!("writing {REPORT}"))?;
        println!("wrote {REPORT}");
    }
    if let Some(b) = &browser {
        if b.json["bench"]["check"]["pass"].as_bool() != Some(true) {
            bail!("the JavaScript reference does not replay the engine's training (see the check above)");
        }
    }
    println!(
        "==> cargo xtask bench: done in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The command as typed, for the report.
fn command_line(stages: &BenchStages) -> String {
    let mut cmd = String::from("cargo xtask bench");
    if !(stages.native && stages.browser) {
        cmd += if stages.native {
            " --native"
        } else {
            " --browser"
        };
    }
    if stages.quick {
        cmd += " --quick";
    }
    cmd
}

// ----- stage 1: native -----

/// `cargo bench --bench core` (criterion, native code).
fn native(root: &Path, target: &Path, quick: bool) -> Result<()> {
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
struct NativeFigure {
    title: String,
    mean_ns: f64,
    median_ns: f64,
    /// False when it predates this run (the native stage did not run now).
    fresh: bool,
}

/// Criterion's estimates under `dir` (`<id>/new/{benchmark,estimates}.json`),
/// sorted by title. With `since` (the native stage ran now), only those
/// written after it are kept; without, all are kept, marked as earlier.
fn read_criterion(dir: &Path, since: Option<SystemTime>) -> Vec<NativeFigure> {
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

// ----- stage 2: browser -----

/// What the browser stage measured.
struct Browser {
    /// The driver's JSON (`bench`, `navigation`, `chromium`, …).
    json: Value,
    /// Chromium's version.
    chromium: String,
    /// (file, raw bytes, gzipped bytes) of what the app page loads.
    sizes: Vec<(String, usize, usize)>,
    /// Samples per browser figure.
    runs: u64,
    /// Steps of the memory test.
    memory_steps: u64,
}

fn browser(root: &Path, target: &Path, quick: bool) -> Result<Browser> {
    let t = process::header("bench 2/2: browser (bench.html in headless Chromium)");
    install::ensure_browser_tools()?;
    let e2e = root.join("tests/e2e");
    install::ensure_npm_packages(&e2e)?;
    let site = build::build(root, &BuildOptions { release: true })?;
    if !site.dist.join("bench.html").is_file() {
        bail!("dist/bench.html is missing after the build");
    }
    build::build_bench_pkg(root, &site.dist)?;
    let sizes = site_sizes(&site.dist)?;

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

    let server = StaticServer::bind(&site.dist, 0, false)?.spawn();
    println!("Serving {} at {}", site.dist.display(), server.url());
    let mut node = Command::new("node");
    node.current_dir(root)
        .env("BASE_URL", server.url())
        .env("CHROMIUM", CHROMIUM)
        .env("PLAYWRIGHT_FROM", &e2e)
        .env("OUT", &out)
        .env("BENCH_QUERY", &query)
        .env("DPR", DPR.to_string())
        .env("NAV_RUNS", NAV_RUNS.to_string())
        .env("SCREENSHOT", out_dir.join("bench-page.png"))
        .arg(root.join("www/bench/driver.mjs"));
    let result = process::run(&mut node).context("the browser benchmark failed");
    drop(server);
    result?;

    let text = fs::read_to_string(&out).with_context(|| format!("reading {}", out.display()))?;
    let json: Value = serde_json::from_str(&text).context("parsing the browser result")?;
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
        sizes,
        runs,
        memory_steps,
    })
}

/// Raw and gzipped sizes of what `index.html` loads: the app's wasm and its
/// JS glue (`pkg/`, not the benchmark build in `bench-pkg/`) and the page's
/// own scripts (`www/*.js`; not the bench page's `www/bench/`).
fn site_sizes(dist: &Path) -> Result<Vec<(String, usize, usize)>> {
    let mut files = vec![
        dist.join(format!("pkg/{CRATE}_bg.wasm")),
        dist.join(format!("pkg/{CRATE}.js")),
    ];
    let mut page_js: Vec<PathBuf> = fs::read_dir(dist.join("www"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "js"))
                .collect()
        })
        .unwrap_or_default();
    page_js.sort();
    files.extend(page_js);
    files
        .iter()
        .map(|f| {
            let bytes = fs::read(f).with_context(|| format!("reading {}", f.display()))?;
            let name = f.strip_prefix(dist).unwrap_or(f).display().to_string();
            Ok((name, bytes.len(), build::gzip_len(&bytes)))
        })
        .collect()
}

// ----- the table -----

/// One line of the results table, already formatted.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    figure: String,
    min: String,
    median: String,
    js: String,
    ratio: String,
    target: String,
    /// Whether the target is met (`None`: no target).
    met: Option<bool>,
    /// What the figure includes.
    detail: String,
}

/// Milliseconds with three significant digits.
fn ms(v: f64) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else if v >= 1.0 {
        format!("{v:.2} ms")
    } else if v >= 0.01 {
        format!("{v:.3} ms")
    } else {
        format!("{:.2} µs", v * 1000.0)
    }
}

fn mib(bytes: f64) -> String {
    format!("{:.2} MiB", bytes / 1_048_576.0)
}

/// The target of a browser figure: (text, is met given (median, ratio)).
type Target = (&'static str, fn(f64, Option<f64>) -> bool);

fn target_of(id: &str) -> Option<Target> {
    match id {
        "epoch" | "epoch_engine" => Some(("≥ 10× faster than JS (aim 20×)", |_, r| {
            r.is_some_and(|r| r >= 10.0)
        })),
        "grid200" => Some(("< 2 ms", |m, _| m < 2.0)),
        "frame2000" | "frame2000_dpr1" => Some(("< 8 ms", |m, _| m < 8.0)),
        _ => None,
    }
}

fn num(v: &Value) -> Result<f64> {
    v.as_f64()
        .ok_or_else(|| anyhow!("expected a number, got {v}"))
}

/// The browser figures as table rows.
fn browser_table(b: &Browser) -> Result<Vec<Row>> {
    let bench = &b.json["bench"];
    let mut rows = Vec::new();
    for r in bench["rows"].as_array().context("the result has no rows")? {
        let id = r["id"].as_str().unwrap_or("");
        let median = num(&r["wasm"]["median"])?;
        let ratio = r["ratio"].as_f64();
        let target = target_of(id);
        rows.push(Row {
            figure: r["label"].as_str().unwrap_or(id).to_string(),
            min: ms(num(&r["wasm"]["min"])?),
            median: ms(median),
            js: r["js"]["median"].as_f64().map_or("–".into(), ms),
            ratio: ratio.map_or("–".into(), |x| format!("{x:.1}×")),
            target: target.map_or("–".into(), |t| t.0.to_string()),
            met: target.map(|t| (t.1)(median, ratio)),
            detail: r["detail"].as_str().unwrap_or("").to_string(),
        });
    }

    for raf in bench["raf"].as_array().context("no paced frames")? {
        let interval = num(&raf["interval"]["median"])?;
        rows.push(Row {
            figure: format!(
                "frame interval, paced by rAF, {} points, dpr {}",
                raf["points"].as_u64().unwrap_or(0),
                raf["dpr"].as_u64().unwrap_or(0)
            ),
            min: ms(num(&raf["interval"]["min"])?),
            median: ms(interval),
            js: "–".into(),
            ratio: "–".into(),
            target: "60 fps (16.7 ms)".into(),
            met: Some(interval <= 1000.0 / 60.0 + 1.0),
            detail: format!(
                "{} frames as above, each started by requestAnimationFrame, so the browser's own \
                 rasterising and compositing (software, headless) counts too; p95 interval {}, {} \
                 late (> 18.2 ms); time in our code per frame: median {}",
                raf["frames"].as_u64().unwrap_or(0),
                ms(num(&raf["interval"]["p95"])?),
                raf["late"].as_u64().unwrap_or(0),
                ms(num(&raf["work"]["median"])?),
            ),
        });
    }

    let gz: usize = b.sizes.iter().map(|s| s.2).sum();
    let raw: usize = b.sizes.iter().map(|s| s.1).sum();
    rows.push(Row {
        figure: "wasm + JS, gzipped".into(),
        min: "–".into(),
        median: format!("{:.1} KB", gz as f64 / 1024.0),
        js: "–".into(),
        ratio: "–".into(),
        target: format!("< {} KB", GZIP_BUDGET / 1024),
        met: Some(gz < GZIP_BUDGET),
        detail: format!(
            "gzip -9 of {} ({:.1} KB raw)",
            b.sizes
                .iter()
                .map(|(name, _, gz)| format!("{name} {:.1} KB", *gz as f64 / 1024.0))
                .collect::<Vec<_>>()
                .join(", "),
            raw as f64 / 1024.0
        ),
    });

    let usable: Vec<f64> = b.json["navigation"]
        .as_array()
        .context("no navigation timings")?
        .iter()
        .filter_map(|r| r["usable"].as_f64())
        .collect();
    let (nav_min, nav_median) = min_median(&usable).context("no navigation timings")?;
    rows.push(Row {
        figure: "navigation → usable page (index.html)".into(),
        min: ms(nav_min),
        median: ms(nav_median),
        js: "–".into(),
        ratio: "–".into(),
        target: "< 1 s".into(),
        met: Some(nav_median < 1000.0),
        detail: format!(
            "{} loads from localhost in fresh contexts, dpr {}: from navigation start until the \
             app's first draw sets #plot's data-area",
            usable.len(),
            b.json["dpr"].as_u64().unwrap_or(0)
        ),
    });

    let m = &bench["memory"];
    let growth = num(&m["growthBytes"])?;
    let late_growth = num(&m["secondHalfGrowthBytes"])?;
    let last_growth = m["lastGrowthStep"].as_u64().unwrap_or(0);
    rows.push(Row {
        figure: format!("wasm memory over {} steps", thousands(b.memory_steps)),
        min: mib(num(&m["bytesAfterWarmup"])?),
        median: mib(num(&m["bytesAfter"])?),
        js: "–".into(),
        ratio: "–".into(),
        target: "flat".into(),
        met: Some(late_growth <= 0.0),
        detail: format!(
            "memory.buffer size after a {}-step warm-up (min column) and after {} more steps \
             (median column); {} at start. It grew {} bytes in all{}, and {} bytes over the \
             second half of the run (the verdict: bounded stores such as the undo history and \
             the loss curve may fill up for a while, a leak would keep growing); {:.1} µs a step",
            thousands(m["warmupSteps"].as_u64().unwrap_or(0)),
            thousands(b.memory_steps),
            mib(num(&m["bytesAtStart"])?),
            growth,
            if growth > 0.0 {
                format!(
                    ", the last time within {} steps of the warm-up",
                    thousands(last_growth)
                )
            } else {
                String::new()
            },
            late_growth,
            num(&m["usPerStep"])?,
        ),
    });

    let c = &bench["check"];
    rows.push(Row {
        figure: "JS reference vs wasm loss curve".into(),
        min: "–".into(),
        median: format!("{:.1e}", num(&c["maxLossDiff"])?),
        js: "–".into(),
        ratio: "–".into(),
        target: "≤ 1e-6".into(),
        met: c["pass"].as_bool(),
        detail: format!(
            "largest |Δ loss| over {} steps ({} epochs) replayed from the same weights and batches",
            c["steps"].as_u64().unwrap_or(0),
            c["epochs"].as_u64().unwrap_or(0)
        ),
    });
    Ok(rows)
}

fn min_median(xs: &[f64]) -> Option<(f64, f64)> {
    let mut s = xs.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let n = s.len();
    (n > 0).then(|| {
        let median = if n % 2 == 1 {
            s[n / 2]
        } else {
            (s[n / 2 - 1] + s[n / 2]) / 2.0
        };
        (s[0], median)
    })
}

/// `1000000` → `1,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn met_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "–",
    }
}

const HEADER: [&str; 7] = [
    "figure (browser)",
    "min",
    "median",
    "JS reference",
    "ratio",
    "target",
    "met?",
];

fn cells(r: &Row) -> [String; 7] {
    [
        r.figure.clone(),
        r.min.clone(),
        r.median.clone(),
        r.js.clone(),
        r.ratio.clone(),
        r.target.clone(),
        met_text(r.met).to_string(),
    ]
}

/// The table as aligned plain text.
fn render_text(rows: &[Row]) -> String {
    let all: Vec<[String; 7]> = std::iter::once(HEADER.map(String::from))
        .chain(rows.iter().map(cells))
        .collect();
    let widths: Vec<usize> = (0..7)
        .map(|c| all.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, r) in all.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let pad = widths[c] - v.chars().count();
                if c == 0 || c == 5 {
                    format!("{v}{}", " ".repeat(pad))
                } else {
                    format!("{}{v}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let total = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// The table in Markdown.
fn render_markdown(rows: &[Row]) -> String {
    let mut out = format!("| {} |\n", HEADER.join(" | "));
    out.push_str("|:--|--:|--:|--:|--:|:--|:-:|\n");
    for r in rows {
        out.push_str(&format!("| {} |\n", cells(r).join(" | ")));
    }
    out
}

/// The wasm median of a browser figure, by row id.
fn wasm_median(b: &Browser, id: &str) -> Option<f64> {
    b.json["bench"]["rows"]
        .as_array()?
        .iter()
        .find(|r| r["id"] == id)?["wasm"]["median"]
        .as_f64()
}

/// The browser figure a criterion benchmark measures too, by title.
fn browser_twin(title: &str) -> Option<&'static str> {
    // The epoch too: both start a fresh session every 100 epochs. The
    // engine epoch: the same 50 updates (its sample order differs).
    if title.starts_with("epoch") {
        Some("epoch")
    } else if title.starts_with("engine epoch") {
        Some("epoch_engine")
    } else if title.starts_with("grid 100x100") {
        Some("grid100")
    } else if title.starts_with("grid 200x200") {
        Some("grid200")
    } else {
        None
    }
}

/// Rows of the native table: title, mean, median, browser median, wasm/native.
fn native_rows(native: &[NativeFigure], b: Option<&Browser>) -> Vec<[String; 5]> {
    native
        .iter()
        .map(|f| {
            let median_ms = f.median_ns / 1e6;
            let twin = browser_twin(&f.title).and_then(|id| b.and_then(|b| wasm_median(b, id)));
            [
                format!("{}{}", f.title, if f.fresh { "" } else { " (earlier run)" }),
                ms(f.mean_ns / 1e6),
                ms(median_ms),
                twin.map_or("–".into(), ms),
                twin.map_or("–".into(), |w| format!("{:.1}×", w / median_ms)),
            ]
        })
        .collect()
}

const NATIVE_HEADER: [&str; 5] = [
    "native (criterion)",
    "mean",
    "median",
    "same in the browser",
    "browser / native",
];

fn render_native_text(native: &[NativeFigure], b: Option<&Browser>) -> String {
    if native.is_empty() {
        return "native: no criterion results (run `cargo xtask bench --native`)".into();
    }
    let rows = native_rows(native, b);
    let mut out = format!("{}\n", NATIVE_HEADER.join("  |  "));
    for r in rows {
        out.push_str(&format!("{}\n", r.join("  |  ")));
    }
    out
}

fn check_summary(c: &Value) -> String {
    format!(
        "JS reference check: {} — max |Δ loss| {:.2e} over {} steps, max |Δ param| {:.2e}, \
         engine epochs max |Δ param| {:.2e}, grid centre |Δ| {:.2e} (tolerance {})",
        if c["pass"].as_bool() == Some(true) {
            "agrees"
        } else {
            "DISAGREES"
        },
        c["maxLossDiff"].as_f64().unwrap_or(f64::NAN),
        c["steps"].as_u64().unwrap_or(0),
        c["maxParamDiff"].as_f64().unwrap_or(f64::NAN),
        c["engineMaxParamDiff"].as_f64().unwrap_or(f64::NAN),
        c["gridCentreDiff"].as_f64().unwrap_or(f64::NAN),
        c["tolerance"].as_f64().unwrap_or(f64::NAN),
    )
}

// ----- the machine -----

/// What the figures were measured on.
struct Machine {
    cpu: String,
    cores: usize,
    memory: String,
    os: String,
    rustc: String,
    node: String,
    chromium: Option<String>,
    date: String,
    load: String,
}

impl Machine {
    fn probe(chromium: Option<String>, load: String) -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
            .unwrap_or_else(|| "unknown CPU".into());
        let memory = fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| {
                m.lines()
                    .find_map(|l| l.strip_prefix("MemTotal:"))
                    .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            })
            .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1_048_576.0));
        let os = fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                    .map(|v| v.trim_matches('"').to_string())
            })
            .unwrap_or_else(|| std::env::consts::OS.into());
        let version = |cmd: &mut Command| {
            process::output(cmd)
                .map(|s| s.trim().to_string())
                .unwrap_or_else(|_| "?".into())
        };
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory,
            os,
            rustc: version(Command::new("rustc").arg("-V")),
            node: version(Command::new("node").arg("--version")),
            chromium,
            date: utc_date(SystemTime::now()),
            load,
        }
    }

    fn summary(&self) -> String {
        format!(
            "machine: {}, {} cores, {}; {}; {}; node {}; Chromium {}; {} (load average {} at start)",
            self.cpu,
            self.cores,
            self.memory,
            self.os,
            self.rustc,
            self.node,
            self.chromium.as_deref().unwrap_or("–"),
            self.date,
            self.load
        )
    }
}

/// `YYYY-MM-DD` (UTC) of `t`.
fn utc_date(t: SystemTime) -> String {
    let days = t
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

// ----- BENCHMARKS.md -----

fn report(
    machine: &Machine,
    command: &str,
    table: &[Row],
    native: &[NativeFigure],
    b: &Browser,
    chart: bool,
) -> String {
    let bench = &b.json["bench"];
    let cfg = &bench["config"];
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Benchmarks\n\n\
         Written by `{command}`; run it again to refresh this page (it overwrites it).\n\
         Timing is never a pass/fail test: these are one machine's figures on one day.\n\n\
         ## Machine\n\n\
         - CPU: {} ({} logical cores), {} RAM; {}\n\
         - Browser: headless Chromium {} (software rendering, `--disable-gpu`)\n\
         - Toolchain: {}; node {}\n\
         - Date: {} (UTC); load average at start: {} on {} cores (other work on the \
           machine makes the figures noisier)\n\
         - Command: `{command}`\n",
        machine.cpu,
        machine.cores,
        machine.memory,
        machine.os,
        machine.chromium.as_deref().unwrap_or("?"),
        machine.rustc,
        machine.node,
        machine.date,
        machine.load,
        machine.cores,
    );
    let _ = writeln!(
        md,
        "## Browser\n\n\
         `bench.html` in one page load: each figure is sampled {} times after two warm-up \
         samples; a sample is the mean of k back-to-back calls, k chosen so a sample lasts at \
         least {} ms (the page's clock is coarse). *min* and *median* are over the samples. \
         The JavaScript reference is sampled in the same rounds, interleaved with the wasm \
         figure, so both see the same load; *ratio* = JS median / wasm median. Canvases are \
         drawn at device-pixel ratio {} (a HiDPI laptop) unless a row says otherwise. The \
         network: 2-8-8-1, tanh, sigmoid output, binary cross-entropy, batch 10, η 0.03, \
         seeded \"circles\" data with noise 0.2 ({} points; {} in the big frame). The page \
         loads its own build of the wasm (`dist/bench-pkg/`, made with `--features bench`: \
         the app's code plus the `Bench` harness, optimised the same way); the app's wasm \
         (`dist/pkg/`) carries no harness.\n",
        b.runs,
        cfg["sampleMs"].as_f64().unwrap_or(0.0),
        cfg["dpr"].as_f64().unwrap_or(0.0),
        cfg["points"].as_u64().unwrap_or(0),
        cfg["bigPoints"].as_u64().unwrap_or(0),
    );
    md.push_str(&render_markdown(table));
    md.push('\n');
    if chart {
        md.push_str(
            "![Browser figures: wasm and JS reference medians on a log scale, targets in red; \
             wasm memory over the memory test; loss curves of both engines](docs/bench.png)\n\n",
        );
    }
    md.push_str("What each figure includes:\n\n");
    for r in table {
        let _ = writeln!(md, "- **{}**: {}", r.figure, r.detail);
    }
    if let Some(text) = breakdown(b) {
        md.push('\n');
        md.push_str(&text);
    }
    let c = &bench["check"];
    let _ = writeln!(
        md,
        "\n### The JavaScript reference\n\n\
         `www/bench/playground_nn.js` is our own network written in the object-per-neuron \
         style of TensorFlow Playground's engine (a `Node` per neuron with lists of `Link`s; \
         forward and backward passes walk the objects; derivatives accumulate on nodes and \
         links and each update divides by their count). Before timing, the page replays \
         {} steps ({} epochs) of NeuronLab's training in it, from the same initial weights \
         and the same batches: {}. Largest difference of the loss over all points after a \
         step: {:.2e}; of a parameter at the end: {:.2e}; after {} engine-only epochs: {:.2e} \
         (tolerance {}). The field's centre node differs from the reference's output there \
         by {:.1e}. Loss at the end: wasm {:.9}, JS {:.9}. (NeuronLab trains networks in \
         `f32`, four or eight samples per SIMD lane group, with a rational tanh good to \
         1e-6 and a vectorised sigmoid head; the reference computes in `f64` with \
         `Math.tanh` and `Math.exp`, as Playground does. The differences above are that \
         precision, not a different computation.)\n",
        c["steps"].as_u64().unwrap_or(0),
        c["epochs"].as_u64().unwrap_or(0),
        if c["pass"].as_bool() == Some(true) {
            "the loss curves agree"
        } else {
            "**the loss curves DISAGREE**"
        },
        c["maxLossDiff"].as_f64().unwrap_or(f64::NAN),
        c["maxParamDiff"].as_f64().unwrap_or(f64::NAN),
        c["epochs"].as_u64().unwrap_or(0),
        c["engineMaxParamDiff"].as_f64().unwrap_or(f64::NAN),
        c["tolerance"].as_f64().unwrap_or(f64::NAN),
        c["gridCentreDiff"].as_f64().unwrap_or(f64::NAN),
        c["finalLoss"]["wasm"].as_f64().unwrap_or(f64::NAN),
        c["finalLoss"]["js"].as_f64().unwrap_or(f64::NAN),
    );
    let _ = writeln!(md, "## Native (criterion)\n");
    if native.is_empty() {
        md.push_str("No criterion results (run `cargo xtask bench --native`).\n");
    } else {
        let _ = writeln!(
            md,
            "`cargo bench --bench core` on the same machine (criterion's mean and median \
             estimates); *browser / native* compares the browser's wasm median of the same work.\n"
        );
        let _ = writeln!(md, "| {} |", NATIVE_HEADER.join(" | "));
        md.push_str("|:--|--:|--:|--:|--:|\n");
        for r in native_rows(native, Some(b)) {
            let _ = writeln!(md, "| {} |", r.join(" | "));
        }
        if native.iter().any(|f| f.title.starts_with("epoch")) {
            md.push_str(
                "\nThe native epoch is the same work as the browser's epoch through \
                 `Session::step`: both start a fresh session every 100 epochs, so the loss \
                 curve stays in its early regime.\n",
            );
        }
    }
    md
}

/// Where the big frame's time goes, from the part rows (medians), as a
/// Markdown paragraph.
fn breakdown(b: &Browser) -> Option<String> {
    let frame = wasm_median(b, "frame2000")?;
    let parts = [
        (
            "painting the field (timed at 560 CSS px, about the frame's size)",
            wasm_median(b, "paint")?,
        ),
        ("the plotters model layer", wasm_median(b, "part_overlay")?),
        ("the metrics", wasm_median(b, "part_metrics")?),
        ("the 100×100 grid", wasm_median(b, "grid100")?),
        ("the contour", wasm_median(b, "contour")?),
        ("the loss chart", wasm_median(b, "part_chart")?),
        ("the training steps", wasm_median(b, "part_steps")?),
    ];
    let sum: f64 = parts.iter().map(|p| p.1).sum();
    let list: Vec<String> = parts
        .iter()
        .map(|(name, t)| format!("{name} {} ({:.0}%)", ms(*t), 100.0 * t / frame))
        .collect();
    let epoch = wasm_median(b, "epoch")?;
    let engine = wasm_median(b, "epoch_engine")?;
    Some(format!(
        "Where the time goes, from the medians: the frame at 2,000 points ({}) is {}; those \
         parts add up to {}. Of the epoch through `Session::step` ({}), the bare engine's \
         updates take {} ({:.0}%); the rest is what a step does besides (the loss curve, the \
         undo history, the update record).\n",
        ms(frame),
        list.join(", "),
        ms(sum),
        ms(epoch),
        ms(engine),
        100.0 * engine / epoch
    ))
}

// ----- the chart -----

mod chart {
    //! `docs/bench.png`: the browser figures as bars on a log scale, the
    //! memory test, and the loss curves of both engines.

    use std::path::{Path, PathBuf};

    use anyhow::{anyhow, Context, Result};
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    use super::{ms, Browser, Machine};
    use crate::process;

    const W: u32 = 1200;
    const H: u32 = 860;
    const WASM: RGBColor = RGBColor(41, 114, 196);
    const JS: RGBColor = RGBColor(230, 126, 34);
    const TARGET: RGBColor = RGBColor(200, 30, 45);
    const INK: RGBColor = RGBColor(40, 44, 52);
    /// Where Debian's fonts-dejavu-core puts its fonts.
    const FONT_DIRS: [&str; 2] = [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
    ];

    fn err(e: impl std::fmt::Debug) -> anyhow::Error {
        anyhow!("drawing failed: {e:?}")
    }

    fn find_font(file: &str) -> Option<PathBuf> {
        FONT_DIRS
            .iter()
            .map(|d| Path::new(d).join(file))
            .find(|p| p.is_file())
    }

    /// Registers DejaVu Sans as plotters' "sans-serif", installing Debian's
    /// `fonts-dejavu-core` with apt-get (as root) when it is missing.
    fn register_fonts() -> Result<()> {
        if find_font("DejaVuSans.ttf").is_none()
            && process::is_root()
            && Path::new("/usr/bin/apt-get").exists()
        {
            println!("Installing fonts-dejavu-core for the chart's text.");
            let apt = |args: &[&str]| {
                process::run(
                    std::process::Command::new("apt-get")
                        .env("DEBIAN_FRONTEND", "noninteractive")
                        .args(["-o", "DPkg::Lock::Timeout=600", "-q"])
                        .args(args),
                )
            };
            if apt(&["install", "-y", "fonts-dejavu-core"]).is_err() {
                apt(&["update"])?;
                apt(&["install", "-y", "fonts-dejavu-core"])?;
            }
        }
        for (file, style) in [
            ("DejaVuSans.ttf", FontStyle::Normal),
            ("DejaVuSans-Bold.ttf", FontStyle::Bold),
        ] {
            let path = find_font(file).with_context(|| {
                format!("no {file}: install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core)")
            })?;
            let bytes: &'static [u8] = Box::leak(std::fs::read(&path)?.into_boxed_slice());
            plotters::style::register_font("sans-serif", style, bytes)
                .map_err(|_| anyhow!("{} is not a usable font", path.display()))?;
        }
        Ok(())
    }

    /// One bar group: label, wasm (min, median), JS median, target (ms).
    struct Bar {
        label: String,
        min: f64,
        median: f64,
        js: Option<f64>,
        target: Option<f64>,
    }

    fn bars(b: &Browser) -> Vec<Bar> {
        let rows = b.json["bench"]["rows"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        rows.iter()
            .filter_map(|r| {
                let id = r["id"].as_str()?;
                Some(Bar {
                    label: r["label"].as_str()?.to_string(),
                    min: r["wasm"]["min"].as_f64()?,
                    median: r["wasm"]["median"].as_f64()?,
                    js: r["js"]["median"].as_f64(),
                    target: match id {
                        "grid200" => Some(2.0),
                        "frame2000" | "frame2000_dpr1" => Some(8.0),
                        _ => None,
                    },
                })
            })
            .collect()
    }

    /// Draws the chart into `path` (PNG).
    pub fn draw(path: &Path, b: &Browser, machine: &Machine) -> Result<()> {
        register_fonts()?;
        let mut rgb = vec![255u8; (W * H * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut rgb, (W, H)).into_drawing_area();
            root.fill(&WHITE).map_err(err)?;
            let (top, bottom) = root.split_vertically(560);
            draw_bars(&top, b, machine)?;
            let (left, right) = bottom.split_horizontally(W / 2);
            draw_memory(&left, b)?;
            draw_losses(&right, b)?;
            root.present().map_err(err)?;
        }
        write_png(path, &rgb)
    }

    fn draw_bars<DB: DrawingBackend>(
        area: &DrawingArea<DB, plotters::coord::Shift>,
        b: &Browser,
        machine: &Machine,
    ) -> Result<()> {
        let bars = bars(b);
        let n = bars.len().max(1);
        let values = bars
            .iter()
            .flat_map(|r| [Some(r.min), Some(r.median), r.js, r.target])
            .flatten()
            .filter(|v| *v > 0.0);
        let lo = values.clone().fold(f64::INFINITY, f64::min);
        let hi = values.fold(0.0f64, f64::max);
        let x_lo = 10f64.powf((lo.max(1e-4) / 2.0).log10().floor());
        let x_hi = 10f64.powf((hi * 4.0).log10().ceil());
        let caption = format!(
            "NeuronLab in Chromium {} — median of {} samples (tick: min), log scale",
            machine.chromium.as_deref().unwrap_or("?"),
            b.runs
        );
        let labels: Vec<String> = bars.iter().map(|r| r.label.clone()).collect();
        let label_of = move |v: &f64| {
            let i = n as f64 - 1.0 - v;
            if (i - i.round()).abs() < 1e-6 && i >= -0.5 {
                labels.get(i.round() as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut chart = ChartBuilder::on(area)
            .caption(caption, ("sans-serif", 20).into_font().color(&INK))
            .margin(14)
            .margin_right(30)
            .x_label_area_size(36)
            .y_label_area_size(300)
            .build_cartesian_2d((x_lo..x_hi).log_scale(), -0.5f64..n as f64 - 0.5)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label_of)
            .x_label_formatter(&|v| ms(*v))
            .x_desc("time per call (ms)")
            .label_style(("sans-serif", 14).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 14).into_font().color(&INK))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(INK.mix(0.04))
            .draw()
            .map_err(err)?;
        let text = |s: String, x: f64, y: f64, c: RGBColor| {
            Text::new(
                s,
                (x, y),
                ("sans-serif", 13)
                    .into_font()
                    .color(&c)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )
        };
        for (i, r) in bars.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let (w0, w1) = if r.js.is_some() {
                (y + 0.03, y + 0.38)
            } else {
                (y - 0.2, y + 0.2)
            };
            chart
                .draw_series([Rectangle::new([(x_lo, w0), (r.median, w1)], WASM.filled())])
                .map_err(err)?;
            chart
                .draw_series([PathElement::new(
                    vec![(r.min, w0 - 0.04), (r.min, w1 + 0.04)],
                    INK.stroke_width(2),
                )])
                .map_err(err)?;
            chart
                .draw_series([text(ms(r.median), r.median * 1.08, (w0 + w1) / 2.0, INK)])
                .map_err(err)?;
            if let Some(js) = r.js {
                chart
                    .draw_series([Rectangle::new(
                        [(x_lo, y - 0.38), (js, y - 0.03)],
                        JS.filled(),
                    )])
                    .map_err(err)?;
                chart
                    .draw_series([text(
                        format!("{} (wasm {:.1}× faster)", ms(js), js / r.median),
                        js * 1.08,
                        y - 0.2,
                        INK,
                    )])
                    .map_err(err)?;
            }
            if let Some(t) = r.target {
                chart
                    .draw_series([PathElement::new(
                        vec![(t, y - 0.46), (t, y + 0.46)],
                        TARGET.stroke_width(3),
                    )])
                    .map_err(err)?;
            }
        }
        // Legend, lower right: the bars there are short, the labels of the
        // top rows run long.
        let legend = [
            (WASM, "NeuronLab (Rust → wasm)"),
            (JS, "JS reference (object per neuron)"),
            (TARGET, "target"),
        ];
        for (k, (colour, name)) in legend.iter().enumerate() {
            let (x, y) = (W as i32 - 300, 410 + 20 * k as i32);
            area.draw(&Rectangle::new(
                [(x, y - 6), (x + 14, y + 6)],
                colour.filled(),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                *name,
                (x + 20, y),
                ("sans-serif", 13)
                    .into_font()
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        Ok(())
    }

    fn draw_memory<DB: DrawingBackend>(
        area: &DrawingArea<DB, plotters::coord::Shift>,
        b: &Browser,
    ) -> Result<()> {
        let m = &b.json["bench"]["memory"];
        let pts: Vec<(f64, f64)> = m["samples"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()? / 1_048_576.0)))
                    .collect()
            })
            .unwrap_or_default();
        let steps = pts.last().map_or(1.0, |p| p.0.max(1.0));
        let top = pts.iter().map(|p| p.1).fold(1.0f64, f64::max) * 1.3;
        let mut chart = ChartBuilder::on(area)
            .caption(
                format!(
                    "wasm memory during {} training steps",
                    super::thousands(steps as u64)
                ),
                ("sans-serif", 16).into_font().color(&INK),
            )
            .margin(14)
            .x_label_area_size(34)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..steps, 0.0..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_desc(format!(
                "steps after a {}-step warm-up",
                super::thousands(m["warmupSteps"].as_u64().unwrap_or(0))
            ))
            .y_desc("MiB")
            .x_label_formatter(&|v| format!("{:.0}k", v / 1000.0))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .label_style(("sans-serif", 12).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 12).into_font().color(&INK))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(pts.iter().copied(), WASM.stroke_width(2)))
            .map_err(err)?;
        chart
            .draw_series(pts.iter().map(|&p| Circle::new(p, 3, WASM.filled())))
            .map_err(err)?;
        Ok(())
    }

    fn draw_losses<DB: DrawingBackend>(
        area: &DrawingArea<DB, plotters::coord::Shift>,
        b: &Browser,
    ) -> Result<()> {
        let c = &b.json["bench"]["check"];
        let curve: Vec<(f64, f64, f64)> = c["curve"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?, p[2].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default();
        let last = curve.last().map_or(1.0, |p| p.0.max(1.0));
        let top = curve.iter().map(|p| p.1.max(p.2)).fold(0.1f64, f64::max) * 1.15;
        let mut chart = ChartBuilder::on(area)
            .caption(
                format!(
                    "loss per epoch, same weights and batches (max |Δ| {:.1e})",
                    c["maxLossDiff"].as_f64().unwrap_or(f64::NAN)
                ),
                ("sans-serif", 16).into_font().color(&INK),
            )
            .margin(14)
            .x_label_area_size(34)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..last, 0.0..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(5)
            .x_desc("step")
            .y_desc("mean loss")
            .label_style(("sans-serif", 12).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 12).into_font().color(&INK))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                curve.iter().map(|p| (p.0, p.1)),
                WASM.stroke_width(3),
            ))
            .map_err(err)?
            .label("wasm")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], WASM.stroke_width(3)));
        chart
            .draw_series(
                curve
                    .iter()
                    .map(|p| Circle::new((p.0, p.2), 5, JS.stroke_width(2))),
            )
            .map_err(err)?
            .label("JS reference")
            .legend(|(x, y)| Circle::new((x + 8, y), 5, JS.stroke_width(2)));
        chart
            .configure_series_labels()
            .label_font(("sans-serif", 12).into_font().color(&INK))
            .background_style(WHITE.mix(0.9))
            .border_style(INK.mix(0.3))
            .position(SeriesLabelPosition::LowerLeft)
            .draw()
            .map_err(err)?;
        Ok(())
    }

    fn write_png(path: &Path, rgb: &[u8]) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), W, H);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().context("writing the PNG header")?;
        writer.write_image_data(rgb).context("writing the PNG")?;
        writer.finish().context("finishing the PNG")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(utc_date(UNIX_EPOCH), "1970-01-01");
        let t = UNIX_EPOCH + std::time::Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(utc_date(t), "2000-02-29");
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600); // 2026-01-01
        assert_eq!(utc_date(t), "2026-01-01");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(ms(0.2134), "0.213 ms");
        assert_eq!(ms(12.34), "12.3 ms");
        assert_eq!(ms(0.0042), "4.20 µs");
        assert_eq!(min_median(&[3.0, 1.0, 2.0, 10.0]), Some((1.0, 2.5)));
        assert_eq!(min_median(&[]), None);
    }

    #[test]
    fn criterion_estimates_are_read() {
        let meta = r#"{"group_id":"grid 100x100","full_id":"grid 100x100","title":"grid 100x100"}"#;
        let est = r#"{"mean":{"point_estimate":1500000.0},"median":{"point_estimate":1400000.0}}"#;
        assert_eq!(
            parse_criterion(meta, est),
            Some(("grid 100x100".to_string(), 1_500_000.0, 1_400_000.0))
        );
        assert_eq!(parse_criterion("{}", est), None);
        assert_eq!(browser_twin("grid 200x200 2-8-8-1 tanh"), Some("grid200"));
    }

    #[test]
    fn tables_line_up() {
        let row = Row {
            figure: "grid".into(),
            min: "1 ms".into(),
            median: "2 ms".into(),
            js: "–".into(),
            ratio: "–".into(),
            target: "< 2 ms".into(),
            met: Some(false),
            detail: String::new(),
        };
        let text = render_text(std::slice::from_ref(&row));
        assert!(text.lines().count() == 3 && text.contains("NO"));
        let md = render_markdown(&[row]);
        assert!(md.starts_with("| figure (browser) |") && md.contains("| NO |"));
        let (t, met) = target_of("epoch").unwrap();
        assert!(t.contains("10×") && met(1.0, Some(12.0)) && !met(1.0, Some(9.0)));
    }
}
