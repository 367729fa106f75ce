//! The paradigms lab's figures (`www/bench/paradigms.mjs`, under
//! `paradigms` in the driver's JSON) as rows of the results table: each
//! paradigm's run time in its worker, and the frames while they train.

use anyhow::{Context, Result};
use serde_json::Value;

use super::numbers::ms;
use super::page::FPS60_P95_MS;
use super::sweep::row;
use super::table::Row;

/// A run's time in its worker, at most (s): the three minutes.
pub const RUN_S: f64 = 180.0;

/// The name a paradigm's id stands for.
fn name(id: &str) -> &str {
    match id {
        "finetune" => "pretrain–finetune",
        "few-shot" => "few-shot prompting",
        "instruct" => "instruction tuning",
        other => other,
    }
}

/// The lab's rows.
pub fn paradigms_rows(p: &Value) -> Result<Vec<Row>> {
    let num = |v: &Value| {
        v.as_f64()
            .context("a missing figure in the paradigms bench")
    };
    let runs = p["runs"].as_array().context("no paradigm runs")?;
    let cores = num(&p["cores"])?;
    let mut rows = Vec::new();
    for r in runs {
        let secs = num(&r["seconds"])?;
        let id = r["paradigm"].as_str().unwrap_or("?");
        rows.push(row(
            format!("paradigms lab: {} run", name(id)),
            format!("{secs:.1} s"),
            format!("≤ {:.0} min", RUN_S / 60.0),
            secs <= RUN_S,
            format!(
                "its {} run in a worker of the page ({cores:.0} at once), training and \
                 measuring (50 inputs a cell), as the lab timed it",
                r["length"].as_str().unwrap_or("?")
            ),
        ));
    }
    let f = &p["frames"];
    let p95 = num(&f["interval"]["p95"])?;
    rows.push(row(
        "paradigms lab: frame interval while the three train".into(),
        ms(num(&f["interval"]["median"])?),
        format!("p95 ≤ {FPS60_P95_MS} ms (60 fps)"),
        p95 <= FPS60_P95_MS,
        format!(
            "{} frames over {:.1} s from Train all three to the last cell: interval p95 {}, \
             max {}, {} late; our work per frame median {}, p95 {}",
            f["frames"].as_u64().unwrap_or(0),
            num(&p["seconds"])?,
            ms(p95),
            ms(num(&f["interval"]["max"])?),
            f["late"].as_u64().unwrap_or(0),
            ms(num(&f["work"]["median"])?),
            ms(num(&f["work"]["p95"])?),
        ),
    ));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_run_is_held_to_three_minutes_and_the_frames_to_60_fps() {
        let p = json!({ "cores": 2, "seconds": 230.0,
            "runs": [ { "paradigm": "finetune", "length": "full", "seconds": 113.0 },
                      { "paradigm": "few-shot", "length": "full", "seconds": 190.5 } ],
            "frames": { "frames": 900, "late": 3, "interval": { "median": 16.7, "p95": 17.0, "max": 40.0 },
                        "work": { "median": 1.0, "p95": 2.0 } } });
        let rows = paradigms_rows(&p).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.met).collect::<Vec<_>>(),
            [Some(true), Some(false), Some(true)]
        );
        assert_eq!(rows[1].figure, "paradigms lab: few-shot prompting run");
        assert_eq!(rows[1].median, "190.5 s");
        assert!(paradigms_rows(&json!({})).is_err());
    }
}
