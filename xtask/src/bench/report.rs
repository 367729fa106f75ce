//! `BENCHMARKS.md`: the machine, how the browser figures were taken, their
//! table and what each includes, where a frame's time goes, the JavaScript
//! reference check, and the criterion figures.

use std::fmt::Write as _;

use super::browser::Browser;
use super::check::Check;
use super::machine::Machine;
use super::native::NativeFigure;
use super::numbers::ms;
use super::table::{render_markdown, render_native_markdown, Row};

/// Which charts exist to link.
pub struct Charts {
    /// `docs/bench.png`.
    pub bench: bool,
    /// `docs/page-frames.png`.
    pub page: bool,
}

/// The whole of `BENCHMARKS.md`, written by `command`.
pub fn report(
    machine: &Machine,
    command: &str,
    table: &[Row],
    native: &[NativeFigure],
    b: &Browser,
    charts: Charts,
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
    if charts.bench {
        md.push_str(
            "![Browser figures: wasm and JS reference medians on a log scale, targets in red; \
             wasm memory over the memory test; loss curves of both engines](docs/bench.png)\n\n",
        );
    }
    md.push_str(&real_page(b, charts.page));
    md.push_str("What each figure includes:\n\n");
    for r in table {
        let _ = writeln!(md, "- **{}**: {}", r.figure, r.detail);
    }
    if let Some(text) = breakdown(b) {
        md.push('\n');
        md.push_str(&text);
    }
    md.push('\n');
    md.push_str(&bytes(b));
    let c = Check::read(&bench["check"]);
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
        c.steps,
        c.epochs,
        if c.pass {
            "the loss curves agree"
        } else {
            "**the loss curves DISAGREE**"
        },
        c.max_loss_diff,
        c.max_param_diff,
        c.epochs,
        c.engine_max_param_diff,
        c.tolerance,
        c.grid_centre_diff,
        c.final_loss.0,
        c.final_loss.1,
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
        md.push_str(&render_native_markdown(native, &|id| b.wasm_median(id)));
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

/// How the real page's rows were taken, and their before/after chart.
fn real_page(b: &Browser, chart: bool) -> String {
    let f = &b.json["pageFrames"];
    let before = b.before.as_ref().map_or(String::new(), |v| {
        format!(
            " Each row's detail ends with the same scenario measured on an earlier build, \
             commit {} ({}; `{}`, checked in, run by `www/bench/page_frames.mjs` on its own \
             against that build's `dist/`).",
            v["commit"].as_str().unwrap_or("?"),
            v["date"].as_str().unwrap_or("?"),
            super::page::BEFORE,
        )
    });
    let mut md = format!(
        "The *real page* rows time the app itself (`index.html`, not `bench.html`), browser \
         drawing included: each scenario opens it in a fresh context (1400×1000, dpr {}), sets \
         it up through its controls as a user would (Classification, Model = Neural network, \
         2 hidden layers of 8 units, Circles with Count 2,000; or the language lab), presses \
         Play (default speed) or drags a point, and records {} s of frames. An init script \
         wraps `window.requestAnimationFrame`, which the app's animation loop calls: a frame's \
         interval is the difference of the callbacks' timestamps, *our work* the time spent \
         inside them. *min* and *median* are of the intervals; 60 fps means a p95 interval of \
         at most {} ms. The ×4 rows set `Emulation.setCPUThrottlingRate` to 4 (a slow \
         laptop).{before}\n\n",
        f["dpr"].as_u64().unwrap_or(0),
        f["seconds"].as_f64().unwrap_or(0.0),
        super::page::FPS60_P95_MS,
    );
    if chart {
        md.push_str(
            "![The real page before and after: frame interval and our work per frame, p95 bars \
             and median ticks, targets in red](docs/page-frames.png)\n\n",
        );
    }
    md
}

/// What takes the page's bytes: each file, and the wasm's sections.
fn bytes(b: &Browser) -> String {
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);
    let files: Vec<String> = b
        .size
        .files
        .iter()
        .map(|(f, _, gz)| format!("{f} {}", kb(*gz)))
        .collect();
    let sections: Vec<String> = b
        .sections
        .iter()
        .filter(|s| s.2 >= 512)
        .map(|(name, raw, gz)| format!("{name} {} ({} raw)", kb(*gz), kb(*raw)))
        .collect();
    format!(
        "What takes the bytes (each part gzipped on its own): {}. Of the wasm: {}; the data is every text in both \
         languages (messages, lessons, the built-in texts) and the tables. Which code \
         takes the bytes, by crate and module, is in [docs/size.md](docs/size.md).\n",
        files.join(", "),
        sections.join(", ")
    )
}

/// Where the big frame's time goes, from the part rows (medians), as a
/// Markdown paragraph.
fn breakdown(b: &Browser) -> Option<String> {
    let frame = b.wasm_median("frame2000")?;
    let parts = [
        (
            "painting the field (timed at 560 CSS px, about the frame's size)",
            b.wasm_median("paint")?,
        ),
        (
            "the model layer (SVG markup)",
            b.wasm_median("part_overlay")?,
        ),
        ("the metrics", b.wasm_median("part_metrics")?),
        ("the 100×100 grid", b.wasm_median("grid100")?),
        ("the contour", b.wasm_median("contour")?),
        ("the loss chart", b.wasm_median("part_chart")?),
        ("the training steps", b.wasm_median("part_steps")?),
    ];
    let sum: f64 = parts.iter().map(|p| p.1).sum();
    let list: Vec<String> = parts
        .iter()
        .map(|(name, t)| format!("{name} {} ({:.0}%)", ms(*t), 100.0 * t / frame))
        .collect();
    let epoch = b.wasm_median("epoch")?;
    let engine = b.wasm_median("epoch_engine")?;
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
