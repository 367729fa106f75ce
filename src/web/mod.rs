//! The browser layer: the `#[wasm_bindgen]` entry point, the app state and
//! its actions, DOM panels, form controls, event wiring and translations.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod dom;
pub mod files;
pub mod form;
pub mod i18n;
pub mod panels;
pub mod ui;
pub mod views;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use app::App;
use form::Form;
use i18n::{tf, Lang};

/// Shows a Rust panic in the page (and in the console), not only the console.
fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let lang = page_lang();
        if let Some(banner) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("panic"))
        {
            banner.set_text_content(Some(&tf(lang, "s-panic", &[&info.to_string()])));
            let _ = banner.remove_attribute("hidden");
        }
    }));
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

/// Starts NeuronLab on the page (called once by `www/main.js`).
#[wasm_bindgen]
pub fn start() -> Result<(), JsValue> {
    install_panic_banner();
    let lang = page_lang();
    let mut initial = App::new(lang);
    match files::state_from_address() {
        Ok(Some(session)) => initial.replace_session(session),
        Ok(None) => {}
        Err(e) => initial.say(tf(lang, "s-url-bad", &[&e]), true),
    }
    let app = Rc::new(RefCell::new(initial));
    let form = Rc::new(Form::find());
    ui::wire(&app, &form);

    // The animation loop: train (when playing) and redraw what changed.
    type Frame = Closure<dyn FnMut(f64)>;
    let frame: Rc<RefCell<Option<Frame>>> = Rc::new(RefCell::new(None));
    let again = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move |now: f64| {
        if let Ok(mut a) = app.try_borrow_mut() {
            a.frame(now, &form);
        }
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
