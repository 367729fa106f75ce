//! The scaling lab's figures (`www/bench/sweep.mjs`, under `sweep` in the
//! driver's JSON) as rows of the results table: its first opening, the
//! throughput of its workers, the frames while a sweep runs and the
//! default sweep's time.

use anyhow::{Context, Result};
use serde_json::Value;

use super::navigation::LINK_MS;
use super::numbers::ms;
use super::page::FPS60_P95_MS;
use super::table::Row;

/// The default sweep's time on this machine, at most (s).
pub const DEFAULT_SWEEP_S: f64 = 300.0;
/// The share of the best split's speed-up the workers must reach.
pub const SPEED_UP_SHARE: f64 = 0.8;

/// A row with no minimum, no JS reference and no ratio (the labs' rows).
pub fn row(figure: String, median: String, target: String, met: bool, detail: String) -> Row {
    Row {
        figure,
        min: "–".into(),
        median,
        js: "–".into(),
        ratio: "–".into(),
        target,
        met: Some(met),
        detail,
    }
}

/// The lab's rows.
pub fn sweep_rows(s: &Value) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    let num = |v: &Value| v.as_f64().context("a missing figure in the sweep bench");
    for open in s["firstOpen"].as_array().context("no first-open timings")? {
        let throttled = open["throttled"].as_bool() == Some(true);
        let t = num(&open["ms"])?;
        let link = &s["link"];
        rows.push(row(
            format!(
                "scaling lab: first open, {}",
                if throttled {
                    format!(
                        "{} Mbit/s, {} ms round trips",
                        link["mbps"].as_f64().unwrap_or(f64::NAN),
                        link["rttMs"].as_f64().unwrap_or(f64::NAN)
                    )
                } else {
                    "localhost".into()
                }
            ),
            ms(t),
            format!("≤ {:.1} s", LINK_MS / 1000.0),
            t <= LINK_MS,
            format!(
                "one load in a fresh context: from the click on Language model until the lab \
                 shows its six sizes and its text's source (its wasm, scripts and Genesis, {:.1} \
                 KB over the wire)",
                num(&open["transferred"])? / 1024.0
            ),
        ));
    }
    let small = s["small"].as_array().context("no small sweeps")?;
    let (one, all) = (&small[0], &small[small.len() - 1]);
    let cores = num(&s["cores"])?;
    let ideal = num(&s["ideal"])?;
    let speed_up = num(&one["seconds"])? / num(&all["seconds"])?;
    rows.push(row(
        format!("scaling lab: sweep throughput, {cores:.0} workers against 1"),
        format!("{speed_up:.2}×"),
        format!(
            "≥ {:.0}% of the best split ({ideal:.2}×)",
            SPEED_UP_SHARE * 100.0
        ),
        speed_up >= SPEED_UP_SHARE * ideal,
        format!(
            "the same {} runs ({} training characters in all) on one worker in {:.1} s and on \
             {cores:.0} (one per core the browser reports) in {:.1} s; with these runs' costs \
             (parameters × tokens) no split of them on {cores:.0} workers beats {ideal:.2}×",
            one["runs"].as_u64().unwrap_or(0),
            one["tokens"].as_u64().unwrap_or(0),
            num(&one["seconds"])?,
            num(&all["seconds"])?,
        ),
    ));
    let (frames, what) = match s.get("full").filter(|f| !f.is_null()) {
        Some(full) => (full, "the default sweep"),
        None => (all, "the throughput sweep on every core"),
    };
    let f = &frames["frames"];
    let p95 = num(&f["interval"]["p95"])?;
    rows.push(row(
        "scaling lab: frame interval while a sweep runs".into(),
        ms(num(&f["interval"]["median"])?),
        format!("p95 ≤ {FPS60_P95_MS} ms (60 fps)"),
        p95 <= FPS60_P95_MS,
        format!(
            "{} frames during {what}: interval p95 {}, max {}, {} late; our work per frame \
             median {}, p95 {}",
            f["frames"].as_u64().unwrap_or(0),
            ms(p95),
            ms(num(&f["interval"]["max"])?),
            f["late"].as_u64().unwrap_or(0),
            ms(num(&f["work"]["median"])?),
            ms(num(&f["work"]["p95"])?),
        ),
    ));
    if let Some(full) = s.get("full").filter(|f| !f.is_null()) {
        let secs = num(&full["seconds"])?;
        rows.push(row(
            "scaling lab: the default sweep".into(),
            format!("{secs:.1} s"),
            format!("≤ {:.0} min", DEFAULT_SWEEP_S / 60.0),
            secs <= DEFAULT_SWEEP_S,
            format!(
                "Genesis, the default sizes and budgets ({} runs, {} training characters) on \
                 {} workers, from Run sweep to the last row of the table",
                full["runs"].as_u64().unwrap_or(0),
                full["tokens"].as_u64().unwrap_or(0),
                full["workers"].as_u64().unwrap_or(0),
            ),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frames(p95: f64) -> Value {
        json!({ "frames": 300, "late": 2, "interval": { "median": 16.7, "p95": p95, "max": 40.0 },
                "work": { "median": 1.0, "p95": 3.0 } })
    }

    fn bench(one: f64, all: f64, full: Value) -> Value {
        json!({ "link": { "mbps": 4, "rttMs": 100 }, "cores": 2, "ideal": 1.8,
            "firstOpen": [ { "throttled": false, "ms": 600, "transferred": 300_000 },
                           { "throttled": true, "ms": 1600, "transferred": 300_000 } ],
            "small": [ { "workers": 1, "seconds": one, "runs": 4, "tokens": 30_000, "frames": frames(16.8) },
                       { "workers": 2, "seconds": all, "runs": 4, "tokens": 30_000, "frames": frames(33.0) } ],
            "full": full })
    }

    #[test]
    fn each_figure_is_held_against_its_target() {
        let full = json!({ "workers": 2, "seconds": 55.5, "runs": 15, "tokens": 1_400_000, "frames": frames(16.8) });
        let rows = sweep_rows(&bench(7.2, 4.1, full)).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.met).collect::<Vec<_>>(),
            [Some(true), Some(false), Some(true), Some(true), Some(true)]
        );
        assert_eq!(rows[2].median, "1.76×");
        assert!(rows[3].detail.contains("the default sweep"));
        assert_eq!(rows[4].median, "55.5 s");
        // A poor split, and (quick) frames from the small sweep.
        let rows = sweep_rows(&bench(7.2, 6.0, Value::Null)).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2].met, Some(false));
        assert_eq!(rows[3].met, Some(false), "p95 33 ms");
        assert!(rows[3].detail.contains("throughput sweep"));
    }
}
