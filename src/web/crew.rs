//! A pool of the lab's workers (`www/sweep_worker.js` running the lab's
//! wasm), each training one job at a time: what the scaling lab's sweep
//! and the paradigms lab both keep busy. A job is a number the owner
//! chooses (a run's slot); the owner's handlers read each message.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::trainer::start_worker;

/// What a worker's message says, read by the crew's owner: the message
/// and the job the worker holds (set it to `None` when the job is over).
pub type OnMessage = Rc<dyn Fn(&JsValue, &Cell<Option<usize>>)>;
/// A worker's job `usize` failed with this message.
pub type OnError = Rc<dyn Fn(usize, String)>;

/// A worker and the job it trains.
struct Member {
    worker: Worker,
    job: Rc<Cell<Option<usize>>>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _error: Closure<dyn FnMut(ErrorEvent)>,
}

/// The workers.
pub struct Crew {
    url: String,
    es_module: bool,
    module: JsValue,
    on_message: OnMessage,
    on_error: OnError,
    members: RefCell<Vec<Member>>,
}

/// Sets `o[k] = v`.
pub fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &k.into(), v);
}

/// `data[k]` as a string.
pub fn text(data: &JsValue, k: &str) -> Option<String> {
    Reflect::get(data, &k.into()).ok()?.as_string()
}

impl Crew {
    /// Workers from the script at `url` (an ES module when `es_module`),
    /// given the compiled wasm `module`; their messages go to `on_message`,
    /// their crashes to `on_error`.
    pub fn new(
        url: &str,
        es_module: bool,
        module: &JsValue,
        on_message: OnMessage,
        on_error: OnError,
    ) -> Self {
        Crew {
            url: url.into(),
            es_module,
            module: module.clone(),
            on_message,
            on_error,
            members: RefCell::new(Vec::new()),
        }
    }

    fn spawn(&self) -> Option<Member> {
        let worker = start_worker(&self.url, self.es_module, &self.module)?;
        let job: Rc<Cell<Option<usize>>> = Rc::new(Cell::new(None));
        let (j, m) = (job.clone(), self.on_message.clone());
        let message = Closure::new(move |e: MessageEvent| m(&e.data(), &j));
        let (j, f) = (job.clone(), self.on_error.clone());
        let error = Closure::new(move |e: ErrorEvent| {
            if let Some(job) = j.take() {
                f(job, e.message());
            }
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        Some(Member {
            worker,
            job,
            _message: message,
            _error: error,
        })
    }

    /// Ends the workers whose job `keep` no longer wants; then gives each
    /// of `queued` (jobs no worker holds yet) to an idle worker, starting
    /// workers up to `limit`, with the message `make(job)`; `started(job)`
    /// for each one given.
    pub fn sync(
        &self,
        keep: impl Fn(usize) -> bool,
        queued: &[usize],
        limit: usize,
        make: impl Fn(usize) -> Object,
        started: impl Fn(usize),
    ) {
        let mut members = self.members.borrow_mut();
        members.retain(|m| {
            let keep = m.job.get().is_none_or(&keep);
            if !keep {
                m.worker.terminate();
            }
            keep
        });
        let given: Vec<usize> = members.iter().filter_map(|m| m.job.get()).collect();
        let queued = queued.iter().filter(|j| !given.contains(j));
        for &job in queued {
            let idle = match members.iter().position(|m| m.job.get().is_none()) {
                Some(i) => i,
                None if members.len() < limit => match self.spawn() {
                    Some(m) => {
                        members.push(m);
                        members.len() - 1
                    }
                    None => return,
                },
                None => return,
            };
            if members[idle].worker.post_message(&make(job)).is_ok() {
                members[idle].job.set(Some(job));
                started(job);
            }
        }
    }
}
