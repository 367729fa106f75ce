//! The scaling lab's pool of sweep workers (`www/sweep_worker.js` running
//! the lab's wasm, [`super::sweep_worker`] inside): as many as the lab
//! asks for (one per core, at most 8), each given the next queued run of
//! the sweep; their reports go to the lab as [`ScalingAction`]s. A worker
//! whose run was stopped is ended; a finished one takes the next.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::trainer::start_worker;

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

/// A worker of the pool and the run it trains.
struct Member {
    worker: Worker,
    slot: Rc<Cell<Option<usize>>>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _error: Closure<dyn FnMut(ErrorEvent)>,
}

/// The sweep's workers.
pub struct SweepPool {
    url: String,
    es_module: bool,
    module: JsValue,
    dispatch: Dispatch,
    members: RefCell<Vec<Member>>,
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &k.into(), v);
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
        SweepPool {
            url: url.into(),
            es_module,
            module: module.clone(),
            dispatch: Rc::new(dispatch),
            members: RefCell::new(Vec::new()),
        }
    }

    fn spawn(&self) -> Option<Member> {
        let worker = start_worker(&self.url, self.es_module, &self.module)?;
        let slot: Rc<Cell<Option<usize>>> = Rc::new(Cell::new(None));
        let (s, d) = (slot.clone(), self.dispatch.clone());
        let message = Closure::new(move |e: MessageEvent| {
            let data = e.data();
            let kind = Reflect::get(&data, &"kind".into())
                .ok()
                .and_then(|k| k.as_string());
            let text = |k: &str| {
                Reflect::get(&data, &k.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            match kind.as_deref() {
                Some("sweep") => {
                    let Some(r) =
                        text("report").and_then(|t| json::from_str::<SweepReport>(&t).ok())
                    else {
                        return;
                    };
                    match r.result {
                        Some(result) => {
                            s.set(None);
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
                    if let Some(slot) = s.take() {
                        let message = text("message").unwrap_or_default();
                        d(ScalingAction::Failed { slot, message });
                    }
                }
                _ => {}
            }
        });
        let (s, d) = (slot.clone(), self.dispatch.clone());
        let error = Closure::new(move |e: ErrorEvent| {
            if let Some(slot) = s.take() {
                d(ScalingAction::Failed {
                    slot,
                    message: e.message(),
                });
            }
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        Some(Member {
            worker,
            slot,
            _message: message,
            _error: error,
        })
    }

    /// Ends the workers whose runs were stopped, and gives every queued
    /// run to an idle worker (starting workers up to the number asked for).
    /// (`lab_text`: the language lab's training text.)
    pub fn sync(&self, sc: &Scaling, lab_text: &str) {
        let mut members = self.members.borrow_mut();
        members.retain(|m| {
            let keep = match m.slot.get() {
                None => true,
                Some(i) => matches!(
                    sc.slots.get(i).map(|s| &s.state),
                    Some(SlotState::Queued | SlotState::Running { .. })
                ),
            };
            if !keep {
                m.worker.terminate();
            }
            keep
        });
        let Some(text) = sc.text_of(lab_text) else {
            return;
        };
        let given: Vec<usize> = members.iter().filter_map(|m| m.slot.get()).collect();
        let mut queued = sc
            .slots
            .iter()
            .enumerate()
            .filter(|(i, s)| s.state == SlotState::Queued && !given.contains(i))
            .map(|(i, _)| i);
        loop {
            let idle = members.iter().position(|m| m.slot.get().is_none());
            let idle = match idle {
                Some(i) => i,
                None if members.len() < sc.workers => match self.spawn() {
                    Some(m) => {
                        members.push(m);
                        members.len() - 1
                    }
                    None => return,
                },
                None => return,
            };
            let Some(slot) = queued.next() else { return };
            let msg = Object::new();
            set(&msg, "kind", &"sweep".into());
            set(&msg, "text", &text.into());
            set(
                &msg,
                "spec",
                &json::to_string(&sc.slots[slot].spec, false).into(),
            );
            set(&msg, "slot", &(slot as f64).into());
            if members[idle].worker.post_message(&msg).is_ok() {
                members[idle].slot.set(Some(slot));
                (self.dispatch)(ScalingAction::Started(slot));
            }
        }
    }
}
