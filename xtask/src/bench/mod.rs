//! `cargo xtask bench`: the benchmark stages, their tables, `BENCHMARKS.md`
//! `docs/bench.png` and `docs/page-frames.png`.
//!
//! [`run`] runs stage 1, [`native`] (criterion), and stage 2, [`browser`]
//! (`bench.html` in headless Chromium: the wasm engine and renderer next to
//! a JavaScript reference network, page load, size, memory, and the real
//! page frame by frame), then prints the
//! [`machine`], the [`table`]s of the figures ([`figures`]) and the reference
//! [`check`], and, unless `--no-write` and only when the browser stage ran,
//! writes the [`report`] and the [`chart`]. Timing is never a pass/fail
//! test: the command fails only when something could not be measured, or
//! when the JavaScript reference disagrees with the engine (then the ratios
//! mean nothing).

mod browser;
mod chart;
mod check;
mod figures;
mod machine;
mod native;
mod navigation;
mod numbers;
mod page;
mod page_chart;
mod paradigms;
mod report;
mod sweep;
mod table;

use std::fs;
use std::path::Path;
use std::time::{Instant, SystemTime};

use anyhow::{bail, Context, Result};

use crate::cli::BenchStages;
use crate::process;
use crate::project;

use check::Check;
use machine::Machine;

/// Where the chart goes, relative to the repository root.
const CHART: &str = "docs/bench.png";
/// The real page's before/after chart, relative to the repository root.
const PAGE_CHART: &str = "docs/page-frames.png";
/// The report, relative to the repository root.
const REPORT: &str = "BENCHMARKS.md";

/// Runs the selected benchmark stages, prints the table and writes the report.
pub fn run(root: &Path, stages: &BenchStages) -> Result<()> {
    let started = Instant::now();
    let since = SystemTime::now();
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let target = project::target_dir(root)?;
    if stages.native {
        native::run(root, &target, stages.quick)?;
    }
    let native = native::read_criterion(&target.join("criterion"), stages.native.then_some(since));
    let browser = if stages.browser {
        Some(browser::run(root, &target, stages.quick)?)
    } else {
        None
    };

    let machine = Machine::probe(
        browser.as_ref().map(|b| b.chromium.clone()),
        load.split_whitespace().next().unwrap_or("?").to_string(),
    );
    let rows = browser.as_ref().map(figures::browser_table).transpose()?;
    process::header("bench: results");
    println!("{}", machine.summary());
    if let Some(rows) = &rows {
        println!("\n{}", table::render_text(rows));
    }
    let median = |id: &str| browser.as_ref().and_then(|b| b.wasm_median(id));
    println!("\n{}", table::render_native_text(&native, &median));
    let check = browser
        .as_ref()
        .map(|b| Check::read(&b.json["bench"]["check"]));
    if let Some(check) = &check {
        println!("\n{}", check.summary());
    }

    if let (true, Some(b), Some(rows)) = (stages.write, &browser, &rows) {
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
        let page_ok = match page_chart::draw(
            &root.join(PAGE_CHART),
            &b.json["pageFrames"],
            b.before.as_ref(),
        ) {
            Ok(()) => {
                println!("wrote {PAGE_CHART}");
                true
            }
            Err(e) => {
                println!("warning: no page chart drawn ({e:#})");
                root.join(PAGE_CHART).is_file()
            }
        };
        let charts = report::Charts {
            bench: chart_ok,
            page: page_ok,
        };
        let md = report::report(&machine, &command, rows, &native, b, charts);
        fs::write(root.join(REPORT), md).with_context(|| format!("writing {REPORT}"))?;
        println!("wrote {REPORT}");
    }
    if check.is_some_and(|c| !c.pass) {
        bail!(
            "the JavaScript reference does not replay the engine's training (see the check above)"
        );
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
