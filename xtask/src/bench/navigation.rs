//! Navigation to a usable page (`www/bench/navigation.mjs`, under
//! `navigation` in the driver's JSON) as rows of the results table: on
//! localhost, and over a throttled link with the CPU as it is and four
//! times slower.

use anyhow::{Context, Result};
use serde_json::Value;

use super::numbers::{min_median, ms};
use super::table::Row;

/// Navigation to usable on localhost, at most (ms).
pub const LOCAL_MS: f64 = 500.0;
/// Navigation to usable over the throttled link, at most (ms).
pub const LINK_MS: f64 = 1500.0;

/// One row per way the page loads were timed.
pub fn navigation_rows(nav: &Value) -> Result<Vec<Row>> {
    let conditions = nav["conditions"]
        .as_array()
        .context("no navigation timings")?;
    let link = &nav["link"];
    let mut rows = Vec::new();
    for c in conditions {
        let runs = c["runs"].as_array().context("a condition without runs")?;
        let usable: Vec<f64> = runs.iter().filter_map(|r| r["usable"].as_f64()).collect();
        let (min, median) = min_median(&usable).context("no navigation timings")?;
        let throttled = c["throttled"].as_bool() == Some(true);
        let limit = if throttled { LINK_MS } else { LOCAL_MS };
        let wire = |key: &str| {
            let kb: Vec<f64> = runs
                .iter()
                .filter_map(|r| r[key].as_f64())
                .map(|b| b / 1024.0)
                .collect();
            min_median(&kb).map_or(f64::NAN, |m| m.1)
        };
        let how = if throttled {
            format!(
                "DevTools' Network.emulateNetworkConditions: {} Mbit/s down and up, {} ms \
                 latency per request; ",
                link["mbps"].as_f64().unwrap_or(f64::NAN),
                link["rttMs"].as_f64().unwrap_or(f64::NAN),
            )
        } else {
            String::new()
        };
        let cpu = c["cpu"].as_f64().unwrap_or(1.0);
        rows.push(Row {
            figure: format!(
                "navigation → usable page, {}",
                c["label"].as_str().unwrap_or("?")
            ),
            min: ms(min),
            median: ms(median),
            js: "–".into(),
            ratio: "–".into(),
            target: format!("≤ {:.1} s", limit / 1000.0),
            met: Some(median <= limit),
            detail: format!(
                "{} loads of index.html in fresh contexts (no cache), dpr {}{}: from navigation \
                 start until the app's first draw sets #plot's data-area; {how}the files served \
                 gzipped as a static host serves them, {:.1} KB over the wire for {:.1} KB \
                 (median); the wasm fetched by {}, the page's load event at {} (medians)",
                usable.len(),
                nav["dpr"].as_u64().unwrap_or(0),
                if cpu > 1.0 {
                    format!(", CPU ×{cpu:.0} slower (Emulation.setCPUThrottlingRate)")
                } else {
                    String::new()
                },
                wire("transferred"),
                wire("decoded"),
                ms(median_of(runs, "wasmFetched")),
                ms(median_of(runs, "load")),
            ),
        });
    }
    Ok(rows)
}

/// The median of `key` over `runs` (NaN when none has it).
fn median_of(runs: &[Value], key: &str) -> f64 {
    let xs: Vec<f64> = runs.iter().filter_map(|r| r[key].as_f64()).collect();
    min_median(&xs).map_or(f64::NAN, |m| m.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_condition_is_held_against_its_limit() {
        let run = |usable: f64| json!({ "usable": usable, "transferred": 320_000, "decoded": 780_000, "wasmFetched": usable - 100.0, "load": usable - 50.0 });
        let nav = json!({ "dpr": 2, "link": { "mbps": 4, "rttMs": 100 }, "conditions": [
            { "id": "localhost", "label": "localhost", "throttled": false, "cpu": 1, "runs": [run(250.0), run(260.0), run(900.0)] },
            { "id": "link", "label": "4 Mbit/s", "throttled": true, "cpu": 1, "runs": [run(1200.0)] },
            { "id": "link_x4", "label": "4 Mbit/s, CPU ×4", "throttled": true, "cpu": 4, "runs": [run(1600.0)] },
        ]});
        let rows = navigation_rows(&nav).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.met).collect::<Vec<_>>(),
            [Some(true), Some(true), Some(false)]
        );
        assert_eq!(
            (rows[0].min.as_str(), rows[0].median.as_str()),
            ("250 ms", "260 ms")
        );
        assert_eq!(rows[1].target, "≤ 1.5 s");
        assert!(rows[1]
            .detail
            .contains("4 Mbit/s down and up, 100 ms latency"));
        assert!(rows[1]
            .detail
            .contains("312.5 KB over the wire for 761.7 KB"));
        assert!(rows[2].detail.contains("CPU ×4 slower"));
        assert!(!rows[0].detail.contains("Mbit"));
    }
}
