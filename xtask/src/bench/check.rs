//! The JavaScript reference check: before timing, `bench.html` replays our
//! training in the reference network and compares losses and parameters.

use serde_json::Value;

/// The check (`bench.check` of the driver's JSON) as one console line.
pub fn check_summary(c: &Value) -> String {
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
