//! The page's side of training off the main thread: a Web Worker running
//! this same wasm (`www/worker.js`, [`super::worker`]) trains the lab's
//! model while Play goes on. The workspace says which run it wants
//! ([`crate::app::lab::Run`]); this file starts that run in the worker with
//! the session's state, gives every report to the workspace as
//! [`Action::Adopt`], asks for more while the run is still wanted, and
//! stops the worker when it is not.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::progress::decode;
use crate::app::{Action, Workspace};
use crate::core::lm::saved::SavedLm;

/// Milliseconds of training a report covers (at least).
const REPORT_MS: f64 = 100.0;

/// The worker and the run it was last given.
pub struct OffThread {
    worker: Worker,
    /// The run the worker trains for (0: none).
    given: Rc<Cell<u64>>,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

fn message(kind: &str, run: u64, extra: Option<(&str, JsValue)>) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"kind".into(), &kind.into());
    let _ = Reflect::set(&o, &"run".into(), &(run as f64).into());
    let _ = Reflect::set(&o, &"ms".into(), &REPORT_MS.into());
    if let Some((k, v)) = extra {
        let _ = Reflect::set(&o, &k.into(), &v);
    }
    o.into()
}

impl OffThread {
    /// A worker from the script at `url`, given the compiled wasm `module`;
    /// its reports go to `adopt`, which returns the run the workspace still
    /// wants after it. `None` when the browser will not start one.
    pub fn start(
        url: &str,
        module: &JsValue,
        adopt: impl Fn(Action) -> Option<u64> + 'static,
    ) -> Option<OffThread> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(url, &options).ok()?;
        worker
            .post_message(&message("init", 0, Some(("module", module.clone()))))
            .ok()?;
        let given = Rc::new(Cell::new(0));
        let (g, w) = (given.clone(), worker.clone());
        let listener = Closure::new(move |e: MessageEvent| {
            let data = e.data();
            let Some(progress) = decode(&data) else {
                // A run that could not start: the page trains no further in it.
                g.set(0);
                return;
            };
            let run = progress.run;
            let wanted = adopt(Action::Adopt(Box::new(progress)));
            if wanted == Some(run) && g.get() == run {
                let _ = w.post_message(&message("more", run, None));
            }
        });
        worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(OffThread {
            worker,
            given,
            _listener: listener,
        })
    }

    /// Starts the run the workspace wants, or stops the one it no longer does.
    pub fn sync(&self, ws: &Workspace) {
        let wanted = ws.lab().run.map(|r| r.id).unwrap_or(0);
        if wanted == self.given.get() {
            return;
        }
        self.given.set(wanted);
        let msg = if wanted == 0 {
            message("stop", 0, None)
        } else {
            let saved = crate::core::json::to_string(&SavedLm::of(&ws.lab().session), false);
            message("start", wanted, Some(("saved", saved.into())))
        };
        let _ = self.worker.post_message(&msg);
    }
}
