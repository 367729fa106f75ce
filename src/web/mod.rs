//! The browser layer, DOM only: the `#[wasm_bindgen]` entry point, DOM
//! events turned into the workspace's actions, and outcomes turned into DOM
//! and canvas updates. It owns no state the app layer should own.

pub mod announce;
pub mod attention;
pub mod audio;
pub mod bars;
#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "bench")]
pub mod bench_lm;
#[cfg(feature = "bench")]
pub mod bench_transformer;
pub mod cell_edit;
pub mod crew;
pub mod cursor;
pub mod detail;
pub mod dom;
pub mod files;
pub mod form;
pub mod hover;
pub mod input;
pub mod lab;
pub mod lab_door;
pub mod lab_panels;
pub mod lessons;
pub mod line_drag;
pub mod model_store;
pub mod network;
pub mod network_input;
pub mod ood;
pub mod page;
pub mod panels;
#[cfg(feature = "scaling-lab")]
pub mod paradigm_worker;
pub mod paradigms;
pub mod paradigms_view;
pub mod points;
pub mod progress;
pub mod residual_hover;
pub mod scaling;
#[cfg(feature = "scaling-lab")]
pub mod scaling_entry;
pub mod screen;
pub mod storage;
pub mod sweep;
#[cfg(feature = "scaling-lab")]
pub mod sweep_worker;
pub mod trainer;
pub mod transition;
pub mod ui;
pub mod views;
#[cfg(not(feature = "scaling-lab"))]
pub mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{Action, Lang, Msg, Workspace};
use form::Form;
use page::Page;

/// Shows a Rust panic in the page (and in the console), not only the
/// console, with a button that reloads from the last autosave; autosave
/// stops, so the state the panic left cannot replace the last good save.
fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        storage::stop();
        console_error_panic_hook::hook(info);
        let lang = page_lang();
        let doc = web_sys::window().and_then(|w| w.document());
        let get = |id: &str| doc.as_ref().and_then(|d| d.get_element_by_id(id));
        if let (Some(banner), Some(text), Some(reload)) =
            (get("panic"), get("panic-text"), get("panic-reload"))
        {
            text.set_text_content(Some(
                &Msg::Panic.fill(lang, &[("details", &info.to_string())]),
            ));
            reload.set_text_content(Some(Msg::PanicReload.text(lang)));
            let _ = banner.remove_attribute("hidden");
        }
    }));
    // Reload without a shared link's `#state=` (that would win over the autosave).
    ui::on_id::<web_sys::Event>("panic-reload", "click", |_| {
        let Some(w) = web_sys::window() else { return };
        let l = w.location();
        let bare = format!(
            "{}{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default()
        );
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&bare));
        }
        let _ = l.reload();
    });
}

/// The language asked for by `?lang=`, else the browser's, else English.
pub fn page_lang() -> Lang {
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("lang"));
    let browser = window.and_then(|w| w.navigator().language());
    Lang::from_code(&query.or(browser).unwrap_or_default())
}

/// The page's clock in milliseconds.
fn clock() -> crate::app::workspace::Clock {
    let performance = web_sys::window().and_then(|w| w.performance());
    Box::new(move || performance.as_ref().map_or(0.0, |p| p.now()))
}

/// Starts NeuronLab on the page (called once by `www/main.js`), with the
/// training worker's script at `worker` (an ES module when `worker_module`)
/// and the compiled wasm `module` it runs (without them, every model
/// trains in the animation frame).
#[cfg_attr(not(feature = "scaling-lab"), wasm_bindgen)]
pub fn start(worker: Option<String>, worker_module: bool, module: JsValue) -> Result<(), JsValue> {
    install_panic_banner();
    let page = Page::new(Workspace::new(page_lang(), clock()), Form::find());
    if let Some(url) = worker {
        page.use_worker(&url, worker_module, &module);
    }
    ui::wire(&page);
    input::wire(&page);
    lessons::wire(&page);
    line_drag::wire(&page);
    network_input::wire(&page);
    residual_hover::wire(&page);
    cell_edit::wire(&page);
    if let Some(done) = storage::saved_lessons() {
        page.dispatch(Action::RestoreLessons(done));
    }
    // `#lesson=N` opens a lesson over the playground; a shared link wins
    // over this browser's autosave.
    let lesson = lessons::asked();
    let link = lesson.is_none().then(files::link_action).flatten();
    if let Some(open) = link {
        page.dispatch(open);
    } else if let Some(saved) = storage::saved() {
        page.dispatch(Action::Restore(saved));
    }
    if let Some(n) = lesson {
        lessons::arrive(&page, n);
    }
    let course = lessons::LessonView::default();

    // The animation loop: a Play frame, then redraw what changed.
    type Frame = Closure<dyn FnMut(f64)>;
    let frame: Rc<RefCell<Option<Frame>>> = Rc::new(RefCell::new(None));
    let again = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move |now: f64| {
        page.frame(now);
        course.sync(&page);
        request_frame(again.borrow().as_ref().expect("frame closure"));
    }));
    request_frame(frame.borrow().as_ref().expect("frame closure"));
    Ok(())
}

fn request_frame(f: &Closure<dyn FnMut(f64)>) {
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
    }
}
