//! The scaling lab's pool of sweep workers (`www/sweep_worker.js` running
//! the lab's wasm, [`super::sweep_worker`] inside): as many as the lab
//! asks for (one per core, at most 8), each given the next queued run of
//! the sweep; their reports go to the lab as [`ScalingAction`]s. A worker
//! whose run was stopped is ended; a finished one takes the next.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::crew::{set, text, Crew};

use crate::app::scaling::{Scaling, ScalingAction, SlotState};
use crate::core::json;

type Dispatch = Rc<dyn Fn(ScalingAction)>;

/// What a sweep worker reports after a slice: the run's slot, its updates
/// done and, once finished, what it measured.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepReport {
    /// The run's place in the sweep.
    pub slot: usize,
    /// Updates done.
    pub done: u64,
    /// What the finished run measured.
    pub result: Option<crate::core::scaling::run::RunResult>,
}

crate::json_struct!(SweepReport { slot, done, result = None });

/// The sweep's workers.
pub struct SweepPool {
    crew: Crew,
    dispatch: Dispatch,
}

impl SweepPool {
    /// Workers from the script at `url` (an ES module when `es_module`),
    /// given the compiled wasm `module`; reports go to `dispatch`.
    pub fn new(
        url: &str,
        es_module: bool,
        module: &JsValue,
        dispatch: impl Fn(ScalingAction) + 'static,
    ) -> Self {
        let dispatch: Dispatch = Rc::new(dispatch);
        let d = dispatch.clone();
        let on_message = Rc::new(move |data: &JsValue, job: &Cell<Option<usize>>| {
            match text(data, "kind").as_deref() {
                Some("sweep") => {
                    let Some(r) =
                        text(data, "report").and_then(|t| json::from_str::<SweepReport>(&t).ok())
                    else {
                        return;
                    };
                    match r.result {
                        Some(result) => {
                            job.set(None);
                            d(ScalingAction::Finished {
                                slot: r.slot,
                                result,
                            });
                        }
                        None => d(ScalingAction::Progress {
                            slot: r.slot,
                            done: r.done,
                        }),
                    }
                }
                Some("sweep-failed") => {
                    if let Some(slot) = job.take() {
                        let message = text(data, "message").unwrap_or_default();
                        d(ScalingAction::Failed { slot, message });
                    }
                }
                _ => {}
            }
        });
        let d = dispatch.clone();
        let on_error = Rc::new(move |slot, message| d(ScalingAction::Failed { slot, message }));
        SweepPool {
            crew: Crew::new(url, es_module, module, on_message, on_error),
            dispatch,
        }
    }

    /// Ends the workers whose runs were stopped, and gives every queued
    /// run to an idle worker (starting workers up to the number asked for).
    /// (`lab_text`: the language lab's training text.)
    pub fn sync(&self, sc: &Scaling, lab_text: &str) {
        let keep = |i: usize| {
            matches!(
                sc.slots.get(i).map(|s| &s.state),
                Some(SlotState::Queued | SlotState::Running { .. })
            )
        };
        let text = sc.text_of(lab_text);
        let queued: Vec<usize> = match text {
            Some(_) => (0..sc.slots.len())
                .filter(|&i| sc.slots[i].state == SlotState::Queued)
                .collect(),
            None => Vec::new(),
        };
        let make = |slot: usize| {
            let msg = Object::new();
            set(&msg, "kind", &"sweep".into());
            set(&msg, "text", &text.unwrap_or_default().into());
            set(
                &msg,
                "spec",
                &json::to_string(&sc.slots[slot].spec, false).into(),
            );
            set(&msg, "slot", &(slot as f64).into());
            msg
        };
        let started = |slot| (self.dispatch)(ScalingAction::Started(slot));
        self.crew.sync(keep, &queued, sc.workers, make, started);
    }
}
