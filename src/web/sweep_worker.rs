//! A sweep worker's side (the lab's wasm, in a Web Worker started by the
//! lab's [`super::sweep`] pool through `www/sweep_worker.js`): one run of the scaling
//! lab's sweep, trained in slices, each reported as JSON.

use wasm_bindgen::prelude::*;

use crate::core::json;
use crate::core::lm::fixed_run::Fixed;
use crate::core::scaling::corpus::Corpus;
use crate::core::scaling::family::RunSpec;
use crate::core::scaling::run::SweepRun;
use crate::web::sweep::SweepReport;

/// One run being trained in a worker.
#[wasm_bindgen]
pub struct SweepWorker {
    run: SweepRun,
    slot: usize,
    ms: f64,
}

#[wasm_bindgen]
impl SweepWorker {
    /// Run `spec` (JSON) of slot `slot` on `text`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, spec: &str, slot: usize) -> Result<SweepWorker, JsValue> {
        let fail = |m: String| JsValue::from_str(&m);
        let corpus = Corpus::new(text).map_err(|e| fail(format!("{e:?}")))?;
        let spec: RunSpec = json::from_str(spec).map_err(|e| fail(format!("{e:?}")))?;
        let run = SweepRun::new(&corpus, spec).map_err(|e| fail(format!("{e:?}")))?;
        Ok(SweepWorker { run, slot, ms: 0.0 })
    }

    /// Trains for about `ms` milliseconds (or to the end) and returns the
    /// report as JSON; an update that diverges is an error.
    pub fn train(&mut self, ms: f64) -> Result<String, JsValue> {
        let start = js_sys::Date::now();
        while !self.run.finished() && js_sys::Date::now() - start < ms {
            self.run
                .advance(1)
                .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
        }
        self.ms += js_sys::Date::now() - start;
        let report = SweepReport {
            slot: self.slot,
            done: self.run.done(),
            result: self.run.finished().then(|| self.run.result(self.ms)),
        };
        Ok(json::to_string(&report, false))
    }
}
