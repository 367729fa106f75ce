//! The browser figures as rows of the results table: what each row shows,
//! read from the driver's JSON, and the target it is held against.

use anyhow::{anyhow, Context, Result};
use serde_json::Value;

use super::browser::Browser;
use super::navigation::navigation_rows;
use super::numbers::{mib, ms, thousands};
use super::page::page_rows;
use super::paradigms::paradigms_rows;
use super::sweep::sweep_rows;
use super::table::Row;
use crate::size::GZIP_BUDGET;

/// What a browser figure is held against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// At least this many times faster than the JavaScript reference.
    FasterThanJs(f64),
    /// A median under this many milliseconds.
    UnderMs(f64),
}

/// The target of a browser figure: its text in the table and its goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// As the table shows it.
    pub text: &'static str,
    /// What meets it.
    pub goal: Goal,
}

impl Target {
    /// Whether a figure with this wasm `median` (ms) and JS/wasm `ratio` meets it.
    pub fn met(&self, median: f64, ratio: Option<f64>) -> bool {
        match self.goal {
            Goal::FasterThanJs(times) => ratio.is_some_and(|r| r >= times),
            Goal::UnderMs(limit) => median < limit,
        }
    }

    /// The time limit, for a target that is one (the chart marks it).
    pub fn limit_ms(&self) -> Option<f64> {
        match self.goal {
            Goal::UnderMs(limit) => Some(limit),
            Goal::FasterThanJs(_) => None,
        }
    }
}

/// The target of the bench page's row `id`, if it has one.
pub fn target_of(id: &str) -> Option<Target> {
    let (text, goal) = match id {
        "epoch" | "epoch_engine" => ("≥ 10× faster than JS (aim 20×)", Goal::FasterThanJs(10.0)),
        "lm_epoch" | "lm_epoch_engine" => ("≥ 10× faster than JS", Goal::FasterThanJs(10.0)),
        "lm_generate" => ("< 0.1 ms", Goal::UnderMs(0.1)),
        "tf_step" => (
            "≥ 5× faster than TensorFlow.js (aim 10×)",
            Goal::FasterThanJs(5.0),
        ),
        "tf_lm_epoch" => ("≥ 5× faster than TensorFlow.js", Goal::FasterThanJs(5.0)),
        "grid200" => ("< 2 ms", Goal::UnderMs(2.0)),
        "frame2000" | "frame2000_dpr1" => ("< 8 ms", Goal::UnderMs(8.0)),
        _ => return None,
    };
    Some(Target { text, goal })
}

/// A JSON number, or an error naming what was there instead.
fn num(v: &Value) -> Result<f64> {
    v.as_f64()
        .ok_or_else(|| anyhow!("expected a number, got {v}"))
}

/// The browser figures as table rows.
pub fn browser_table(b: &Browser) -> Result<Vec<Row>> {
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
            target: target.map_or("–".into(), |t| t.text.to_string()),
            met: target.map(|t| t.met(median, ratio)),
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

    rows.extend(page_rows(
        b.json.get("pageFrames").context("no real-page frames")?,
        b.before.as_ref(),
    ));

    let (gz, raw) = (b.size.gzipped(), b.size.raw());
    rows.push(Row {
        figure: "the page (HTML, CSS, JS, wasm), gzipped".into(),
        min: "–".into(),
        median: format!("{:.1} KB", gz as f64 / 1024.0),
        js: "–".into(),
        ratio: "–".into(),
        target: format!("≤ {} KB", GZIP_BUDGET / 1024),
        met: Some(gz <= GZIP_BUDGET),
        detail: format!(
            "gzip -9 of {} ({:.1} KB raw)",
            b.size
                .files
                .iter()
                .map(|(name, _, gz)| format!("{name} {:.1} KB", *gz as f64 / 1024.0))
                .collect::<Vec<_>>()
                .join(", "),
            raw as f64 / 1024.0
        ),
    });

    rows.extend(navigation_rows(&b.json["navigation"])?);
    rows.extend(sweep_rows(&b.json["sweep"])?);
    rows.extend(paradigms_rows(&b.json["paradigms"])?);

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
    let l = &bench["lmCheck"];
    rows.push(Row {
        figure: "JS reference vs wasm, language model".into(),
        min: "–".into(),
        median: format!("{:.1e}", num(&l["maxLossDiff"])?),
        js: "–".into(),
        ratio: "–".into(),
        target: format!("≤ {:.0e}", num(&l["tolerance"])?),
        met: l["pass"].as_bool(),
        detail: format!(
            "largest |Δ loss| of a batch over {} steps ({} epochs) replayed from the same weights \
             and batches (ours trains in f32, the reference in f64); engine-only epochs: {:.1e}",
            l["steps"].as_u64().unwrap_or(0),
            l["epochs"].as_u64().unwrap_or(0),
            num(&l["engineLossDiff"])?,
        ),
    });
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_target_is_a_ratio() {
        let t = target_of("epoch").unwrap();
        assert!(t.text.contains("10×") && t.met(1.0, Some(12.0)) && !t.met(1.0, Some(9.0)));
        assert_eq!(t.limit_ms(), None);
        let t = target_of("frame2000_dpr1").unwrap();
        assert!(t.met(7.9, None) && !t.met(8.0, None));
        assert_eq!(t.limit_ms(), Some(8.0));
        assert_eq!(target_of("contour"), None);
    }
}
