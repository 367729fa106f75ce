//! A paradigms worker's side (the lab's wasm, in a Web Worker of the
//! lab's crew through `www/sweep_worker.js`): one paradigm's run, trained
//! in slices and then measured a cell at a time, each slice reported as
//! JSON; once finished, its models' parameters.

use wasm_bindgen::prelude::*;

use crate::app::paradigms_runs::Finished;
use crate::core::json;
use crate::core::paradigms::ask::{Query, Score};
use crate::core::paradigms::run::{ParadigmRun, RunPlan};
use crate::web::paradigms::{ParadigmReport, CURVE_MAX};

/// One paradigm's run in a worker.
#[wasm_bindgen]
pub struct ParadigmWorker {
    plan: RunPlan,
    run: ParadigmRun,
    queries: Vec<Query>,
    scores: Vec<Score>,
    ms: f64,
}

#[wasm_bindgen]
impl ParadigmWorker {
    /// The run of `plan` (JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(plan: &str) -> Result<ParadigmWorker, JsValue> {
        let fail = |m: String| JsValue::from_str(&m);
        let plan: RunPlan = json::from_str(plan).map_err(|e| fail(format!("{e:?}")))?;
        let run = ParadigmRun::new(&plan).map_err(|e| fail(format!("{e:?}")))?;
        let queries = run.queries();
        Ok(ParadigmWorker {
            plan,
            run,
            queries,
            scores: Vec::new(),
            ms: 0.0,
        })
    }

    /// Trains (then measures) for about `ms` milliseconds and returns the
    /// report as JSON; an update that diverges is an error.
    pub fn work(&mut self, ms: f64) -> Result<String, JsValue> {
        let start = js_sys::Date::now();
        let measured = |w: &Self| w.scores.len() >= w.queries.len();
        while !measured(self) && js_sys::Date::now() - start < ms {
            if self.run.finished() {
                let q = self.queries[self.scores.len()];
                self.scores.push(self.run.score(&q));
            } else {
                self.run
                    .advance(1)
                    .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
            }
        }
        self.ms += js_sys::Date::now() - start;
        let training = !self.run.finished();
        let report = ParadigmReport {
            paradigm: self.plan.paradigm,
            done: self.run.done(),
            steps: self.run.steps(),
            measured: self.scores.len(),
            finished: measured(self).then(|| Finished {
                plan: self.plan,
                scores: self.scores.clone(),
                ms: self.ms,
                curve: self.run.curve(CURVE_MAX),
            }),
            curve: if training {
                self.run.curve(CURVE_MAX)
            } else {
                Vec::new()
            },
        };
        Ok(json::to_string(&report, false))
    }

    /// The trained model's parameters.
    pub fn trained(&self) -> Vec<f64> {
        self.run.model().params().to_vec()
    }

    /// The base model's (pretrain–finetune only).
    pub fn base(&self) -> Option<Vec<f64>> {
        self.run.base().map(|m| m.params().to_vec())
    }
}
