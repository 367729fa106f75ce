//! The training worker's side (this wasm, running in a Web Worker started
//! by `www/worker.js`): a copy of the lab's session, resumed from the
//! state the page sent, trains for Play and reports what it reached.

use wasm_bindgen::prelude::*;

use super::progress::encode;
use crate::app::lab::Progress;
use crate::core::lm::session::LmSession;

/// Steps a report ends on a multiple of, so that the page's history keeps
/// every report's state as a checkpoint.
const REPORT_EVERY: u64 = 8;

/// The session a worker trains.
#[wasm_bindgen]
pub struct TrainerWorker {
    session: LmSession,
    run: f64,
}

#[wasm_bindgen]
impl TrainerWorker {
    /// The session saved in `saved` (the page's, as JSON), for run `run`.
    #[wasm_bindgen(constructor)]
    pub fn new(saved: &str, run: f64) -> Result<TrainerWorker, JsValue> {
        let session =
            LmSession::from_json(saved).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
        Ok(TrainerWorker { session, run })
    }

    /// The run this worker trains for.
    #[wasm_bindgen(getter)]
    pub fn run(&self) -> f64 {
        self.run
    }

    /// Trains for at least `ms` milliseconds, until the step is a multiple
    /// of [`REPORT_EVERY`] (or an update diverges), and returns the report
    /// with the buffers to transfer: `[report, transfer]`.
    pub fn train(&mut self, ms: f64) -> js_sys::Array {
        let start = js_sys::Date::now();
        let from = self.session.step_count();
        let mut diverged = false;
        loop {
            if self.session.step().is_err() {
                diverged = true;
                break;
            }
            let step = self.session.step_count();
            if step % REPORT_EVERY == 0 && js_sys::Date::now() - start >= ms {
                break;
            }
        }
        let progress = Progress {
            run: self.run as u64,
            from,
            snapshot: self.session.snapshot(),
            curve: self.session.trainer().curve_since(from).to_vec(),
            last: self.session.last_update().cloned(),
            diverged,
        };
        let (report, transfer) = encode(&progress);
        js_sys::Array::of2(&report, &transfer)
    }
}
