//! The page's side of training off the main thread: a Web Worker running
//! this same wasm (`www/worker.js`, [`super::worker`]) trains the lab's
//! model while Play goes on. The workspace says which run it wants
//! ([`crate::app::lab::Run`]); this file starts the worker the first time
//! one is wanted, starts that run in it with the session's state, gives
//! every report to the workspace as [`Action::Adopt`], asks for more while
//! the run is still wanted, and stops the worker's run when it is not.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::progress::decode;
use crate::app::{Action, Workspace};
use crate::core::lm::saved::SavedLm;

/// Milliseconds of training a report covers (at least).
const REPORT_MS: f64 = 100.0;

/// Gives an action to the workspace; returns the run it wants after it.
type Dispatch = Rc<dyn Fn(Action) -> Option<u64>>;

/// A started worker and the listener of its reports.
type Started = (Worker, Closure<dyn FnMut(MessageEvent)>);

/// The worker (once started) and the run it was last given.
pub struct OffThread {
    url: String,
    es_module: bool,
    module: JsValue,
    dispatch: Dispatch,
    worker: RefCell<Option<Started>>,
    /// The run the worker trains for (0: none).
    given: Rc<Cell<u64>>,
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

/// A Web Worker from the script at `url` (an ES module when `es_module`),
/// sent the compiled wasm `module` (`{kind: 'init', module}`, what both
/// `www/worker.js` and `www/sweep_worker.js` start from); `None` when the
/// browser will not start one.
pub fn start_worker(url: &str, es_module: bool, module: &JsValue) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(if es_module {
        WorkerType::Module
    } else {
        WorkerType::Classic
    });
    let worker = Worker::new_with_options(url, &options).ok()?;
    let init = Object::new();
    let _ = Reflect::set(&init, &"kind".into(), &"init".into());
    let _ = Reflect::set(&init, &"module".into(), module);
    worker.post_message(&init).ok()?;
    Some(worker)
}

impl OffThread {
    /// Trains in a worker from the script at `url` (an ES module when
    /// `es_module`), given the compiled wasm `module`, once a run is wanted;
    /// its reports go to `dispatch`.
    pub fn new(
        url: &str,
        es_module: bool,
        module: &JsValue,
        dispatch: impl Fn(Action) -> Option<u64> + 'static,
    ) -> OffThread {
        OffThread {
            url: url.to_string(),
            es_module,
            module: module.clone(),
            dispatch: Rc::new(dispatch),
            worker: RefCell::new(None),
            given: Rc::new(Cell::new(0)),
        }
    }

    /// The worker, started with its listener; `None` when the browser
    /// will not start one.
    fn spawn(&self) -> Option<Started> {
        let worker = start_worker(&self.url, self.es_module, &self.module)?;
        let (g, w, dispatch) = (self.given.clone(), worker.clone(), self.dispatch.clone());
        let listener = Closure::new(move |e: MessageEvent| {
            let Some(progress) = decode(&e.data()) else {
                // A run that could not start: no more of it.
                g.set(0);
                return;
            };
            let run = progress.run;
            let wanted = dispatch(Action::Adopt(Box::new(progress)));
            if wanted == Some(run) && g.get() == run {
                let _ = w.post_message(&message("more", run, None));
            }
        });
        worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some((worker, listener))
    }

    /// Starts the run the workspace wants, or stops the one it no longer does.
    pub fn sync(&self, ws: &Workspace) {
        let wanted = ws.lab().run.map(|r| r.id).unwrap_or(0);
        if wanted == self.given.get() {
            return;
        }
        if wanted != 0 && self.worker.borrow().is_none() {
            let Some(started) = self.spawn() else {
                // No worker after all: the workspace trains in the frame.
                (self.dispatch)(Action::UseWorker(false));
                return;
            };
            *self.worker.borrow_mut() = Some(started);
        }
        let worker = self.worker.borrow();
        let Some((worker, _)) = worker.as_ref() else {
            return;
        };
        self.given.set(wanted);
        let msg = if wanted == 0 {
            message("stop", 0, None)
        } else {
            let saved = crate::core::json::to_string(&SavedLm::of(&ws.lab().session), false);
            message("start", wanted, Some(("saved", saved.into())))
        };
        let _ = worker.post_message(&msg);
    }
}
