//! The scaling lab's wasm (built with the `scaling-lab` feature, loaded
//! by `www/scaling.js` when the Language model mode is first opened): its
//! entry point, and the sweep worker it also runs as.

use wasm_bindgen::prelude::*;

pub use super::paradigm_worker::ParadigmWorker;
pub use super::sweep_worker::SweepWorker;

/// Starts the scaling lab on the page: texts from `corpus` (a file name to
/// a promise of its text), sweep workers from the script at `worker` (an
/// ES module when `worker_module`) given this compiled wasm `module`.
#[wasm_bindgen]
pub fn start_scaling(
    corpus: js_sys::Function,
    worker: Option<String>,
    worker_module: bool,
    module: JsValue,
) {
    console_error_panic_hook::set_once();
    let page = super::scaling::ScalingPage::start(&corpus, worker.clone(), worker_module, &module);
    let paradigms = super::paradigms::ParadigmsPage::start(worker, worker_module, &module);
    type Frame = Closure<dyn FnMut(f64)>;
    let frame: std::rc::Rc<std::cell::RefCell<Option<Frame>>> = Default::default();
    let again = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move |_: f64| {
        page.frame();
        paradigms.frame();
        if let (Some(w), Some(f)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
        }
    }));
    let first = frame.borrow();
    if let (Some(w), Some(f)) = (web_sys::window(), first.as_ref()) {
        let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
    }
}
