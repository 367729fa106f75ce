//! The JavaScript reference check: before timing, `bench.html` replays our
//! training in the reference network and compares losses and parameters.

use serde_json::Value;

/// What the check found, read once from `bench.check` of the driver's JSON.
/// A missing figure reads as NaN (a count as 0), a missing verdict as
/// disagreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Whether the reference replays the engine within the tolerance.
    pub pass: bool,
    /// Training steps replayed.
    pub steps: u64,
    /// Epochs those steps make.
    pub epochs: u64,
    /// Largest |Δ loss| after a step.
    pub max_loss_diff: f64,
    /// Largest |Δ parameter| at the end.
    pub max_param_diff: f64,
    /// Largest |Δ parameter| after the engine-only epochs.
    pub engine_max_param_diff: f64,
    /// |Δ| of the boundary field's centre node.
    pub grid_centre_diff: f64,
    /// The tolerance the differences are held against.
    pub tolerance: f64,
    /// The loss at the end: (wasm, JS).
    pub final_loss: (f64, f64),
}

impl Check {
    /// Reads `bench.check` of the driver's JSON.
    pub fn read(c: &Value) -> Check {
        let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
        Check {
            pass: c["pass"].as_bool() == Some(true),
            steps: c["steps"].as_u64().unwrap_or(0),
            epochs: c["epochs"].as_u64().unwrap_or(0),
            max_loss_diff: f(&c["maxLossDiff"]),
            max_param_diff: f(&c["maxParamDiff"]),
            engine_max_param_diff: f(&c["engineMaxParamDiff"]),
            grid_centre_diff: f(&c["gridCentreDiff"]),
            tolerance: f(&c["tolerance"]),
            final_loss: (f(&c["finalLoss"]["wasm"]), f(&c["finalLoss"]["js"])),
        }
    }

    /// The check as one console line.
    pub fn summary(&self) -> String {
        format!(
            "JS reference check: {} — max |Δ loss| {:.2e} over {} steps, max |Δ param| {:.2e}, \
             engine epochs max |Δ param| {:.2e}, grid centre |Δ| {:.2e} (tolerance {})",
            if self.pass { "agrees" } else { "DISAGREES" },
            self.max_loss_diff,
            self.steps,
            self.max_param_diff,
            self.engine_max_param_diff,
            self.grid_centre_diff,
            self.tolerance,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_verdict_is_disagreement() {
        let check = Check::read(&serde_json::json!({ "steps": 20, "maxLossDiff": 2e-8 }));
        assert!(!check.pass && check.steps == 20 && check.tolerance.is_nan());
        assert!(check
            .summary()
            .starts_with("JS reference check: DISAGREES — max |Δ loss| 2.00e-8"));
    }
}
