//! The real page's frame figures (`www/bench/page_frames.mjs`, under
//! `pageFrames` in the driver's JSON) as rows of the results table, each
//! beside the same scenario's "before" figure from `benches/page_before.json`.

use serde_json::Value;

use super::numbers::ms;
use super::table::Row;

/// Where the checked-in "before" figures are, relative to the repository root.
pub const BEFORE: &str = "benches/page_before.json";

/// 60 fps with jitter: the largest p95 interval that counts as 60 fps (ms).
pub const FPS60_P95_MS: f64 = 18.2;
/// 30 fps: the p95 interval throttled ×4 play must keep (ms).
pub const FPS30_P95_MS: f64 = 33.0;
/// Our code's median work per frame, unthrottled (ms).
pub const WORK_MS: f64 = 3.0;

/// The p95 frame-interval limit of scenario `id` (ms), if it has a target.
pub fn interval_limit(id: &str) -> Option<f64> {
    match id {
        "play" | "drag" | "play_network" | "play_lm" | "play_transformer" => Some(FPS60_P95_MS),
        "play_x4" => Some(FPS30_P95_MS),
        _ => None,
    }
}

/// Reads `key.stat` of a scenario (e.g. `interval`, `p95`) as ms.
pub fn stat(s: &Value, key: &str, stat: &str) -> f64 {
    s[key][stat].as_f64().unwrap_or(f64::NAN)
}

/// The scenario `id` of a `pageFrames` object.
pub fn scenario<'a>(frames: &'a Value, id: &str) -> Option<&'a Value> {
    frames["scenarios"]
        .as_array()?
        .iter()
        .find(|s| s["id"] == id)
}

/// "before (925a40d): median …, p95 …; work …" for scenario `id`, or "".
fn before_text(before: Option<&Value>, id: &str, extra: impl Fn(&Value) -> String) -> String {
    let Some((b, s)) = before.and_then(|b| Some((b, scenario(b, id)?))) else {
        return String::new();
    };
    format!(
        "; before ({} of {}): interval median {}, p95 {}; work median {}{}",
        b["commit"].as_str().unwrap_or("?"),
        b["date"].as_str().unwrap_or("?"),
        ms(stat(s, "interval", "median")),
        ms(stat(s, "interval", "p95")),
        ms(stat(s, "work", "median")),
        extra(s),
    )
}

/// How the drag kept up: "120 pointer moves sent …".
fn drag_text(s: &Value) -> String {
    let d = &s["drag"];
    format!(
        "{} pointer moves sent at {:.0} Hz (straight to the DevTools protocol, not waiting for \
         the page) reached the app as {} pointermove events (the browser coalesces the moves of \
         one frame); {} of {} moves missed the next frame (input to the start of the frame that \
         drew it > {} ms; median {}, worst {}); input to the end of that frame's callbacks: \
         median {}, p95 {}; the app's pointermove handler: median {}",
        d["sent"].as_u64().unwrap_or(0),
        d["sentHz"].as_f64().unwrap_or(f64::NAN),
        d["events"].as_u64().unwrap_or(0),
        d["lateInputs"].as_u64().unwrap_or(0),
        d["inputs"].as_u64().unwrap_or(0),
        FPS60_P95_MS,
        ms(stat(d, "wait", "median")),
        ms(stat(d, "wait", "max")),
        ms(stat(d, "latency", "median")),
        ms(stat(d, "latency", "p95")),
        ms(stat(d, "handler", "median")),
    )
}

/// The renderer's main thread per frame: "main thread … of which …".
fn main_thread(s: &Value) -> String {
    let m = &s["mainThread"];
    let get = |k: &str| ms(m[k].as_f64().unwrap_or(f64::NAN));
    format!(
        "; the renderer's main thread per frame (DevTools Performance.getMetrics): {} busy, of \
         which script {}, layout {}, style {}",
        get("task"),
        get("script"),
        get("layout"),
        get("style"),
    )
}

/// The page rows: one frame-interval row per scenario, a work row for
/// plain play, and a keeps-up row for each drag.
pub fn page_rows(frames: &Value, before: Option<&Value>) -> Vec<Row> {
    let mut rows = Vec::new();
    let none = |_: &Value| String::new();
    for s in frames["scenarios"].as_array().into_iter().flatten() {
        let id = s["id"].as_str().unwrap_or("");
        let label = s["label"].as_str().unwrap_or(id);
        let p95 = stat(s, "interval", "p95");
        let limit = interval_limit(id);
        rows.push(Row {
            figure: format!("{label}: frame interval"),
            min: ms(stat(s, "interval", "min")),
            median: ms(stat(s, "interval", "median")),
            js: "–".into(),
            ratio: "–".into(),
            target: match limit {
                Some(l) if l == FPS30_P95_MS => format!("p95 ≤ {l} ms (30 fps; aim 17 ms)"),
                Some(l) => format!("p95 ≤ {l} ms (60 fps)"),
                None => "–".into(),
            },
            met: limit.map(|l| p95 <= l),
            detail: format!(
                "{} s of requestAnimationFrame callbacks on index.html ({} frames): interval p95 \
                 {}, max {}, {} late (> {} ms); our work per frame (the callbacks' time) median \
                 {}, p95 {}{}{}{}",
                frames["seconds"].as_f64().unwrap_or(0.0),
                s["frames"].as_u64().unwrap_or(0),
                ms(p95),
                ms(stat(s, "interval", "max")),
                s["late"].as_u64().unwrap_or(0),
                frames["lateMs"].as_f64().unwrap_or(FPS60_P95_MS),
                ms(stat(s, "work", "median")),
                ms(stat(s, "work", "p95")),
                s["steps"]
                    .as_u64()
                    .map_or(String::new(), |n| format!("; {n} training steps")),
                main_thread(s),
                before_text(before, id, none),
            ),
        });
        if id == "play" {
            let work = stat(s, "work", "median");
            rows.push(Row {
                figure: format!("{label}: our work per frame"),
                min: "–".into(),
                median: ms(work),
                js: "–".into(),
                ratio: "–".into(),
                target: format!("median ≤ {WORK_MS} ms"),
                met: Some(work <= WORK_MS),
                detail: format!(
                    "the time inside the app's requestAnimationFrame callback (training steps, \
                     wasm drawing, DOM updates), not the browser's raster and compositing \
                     after it; p95 {}{}",
                    ms(stat(s, "work", "p95")),
                    before_text(before, id, none),
                ),
            });
        }
        if s["drag"].is_object() {
            let late = s["drag"]["lateInputs"].as_u64();
            rows.push(Row {
                figure: format!("{label}: moves drawn in the next frame"),
                min: "–".into(),
                median: ms(stat(&s["drag"], "latency", "median")),
                js: "–".into(),
                ratio: "–".into(),
                target: "every move".into(),
                met: late.map(|w| w == 0),
                detail: format!(
                    "median column: from a pointer input's timestamp to the end of the frame \
                     that drew it (the first frame begun after the app handled it); {}{}",
                    drag_text(s),
                    before_text(before, id, |b| format!(
                        "; {} moves missed the next frame",
                        b["drag"]["lateInputs"].as_u64().unwrap_or(0)
                    )),
                ),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frames(p95: f64, work: f64, late: u64) -> Value {
        let stats = |m: f64, p: f64| json!({ "min": m, "median": m, "p95": p, "max": p });
        json!({ "seconds": 4, "lateMs": 18.2, "scenarios": [
            { "id": "play", "label": "play", "frames": 240, "late": 3, "steps": 100,
              "interval": stats(16.7, p95), "work": stats(work, work) },
            { "id": "drag_x4", "label": "drag", "frames": 120, "late": 0,
              "interval": stats(33.0, 40.0), "work": stats(2.0, 3.0),
              "drag": { "sent": 240, "sentHz": 60.0, "events": 120, "inputs": 240,
                        "lateInputs": late, "wait": stats(8.0, 12.0),
                        "latency": stats(20.0, 30.0), "handler": stats(0.5, 1.0) } },
        ]})
    }

    #[test]
    fn rows_hold_each_scenario_against_its_target() {
        let rows = page_rows(&frames(18.0, 2.5, 0), None);
        let figures: Vec<&str> = rows.iter().map(|r| r.figure.as_str()).collect();
        assert_eq!(
            figures,
            [
                "play: frame interval",
                "play: our work per frame",
                "drag: frame interval",
                "drag: moves drawn in the next frame"
            ]
        );
        assert_eq!(
            rows.iter().map(|r| r.met).collect::<Vec<_>>(),
            [Some(true), Some(true), None, Some(true)]
        );
        let rows = page_rows(&frames(18.3, 3.1, 2), None);
        assert_eq!(
            rows.iter().map(|r| r.met).collect::<Vec<_>>(),
            [Some(false), Some(false), None, Some(false)]
        );
        assert!(rows[3]
            .detail
            .contains("2 of 240 moves missed the next frame"));
    }

    #[test]
    fn before_figures_are_named_with_their_commit() {
        let mut before = frames(30.0, 6.0, 5);
        before["commit"] = json!("925a40d");
        before["date"] = json!("2026-12-02");
        let rows = page_rows(&frames(18.0, 2.5, 0), Some(&before));
        assert!(rows[0]
            .detail
            .contains("before (925a40d of 2026-12-02): interval median 16.7 ms, p95 30.0 ms"));
        assert!(rows[3].detail.ends_with("; 5 moves missed the next frame"));
        assert_eq!(interval_limit("play_x4"), Some(FPS30_P95_MS));
        assert_eq!(interval_limit("drag_x4"), None);
    }
}
