//! Keeping work: the session as a JSON file, points from CSV, the state in
//! the page's address for sharing, and the plot as a PNG.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, FileReader, HtmlAnchorElement, HtmlCanvasElement, HtmlInputElement, Url,
};

use super::app::App;
use super::dom::{by_id, document};
use super::i18n::{t, tf};
use super::ui::Shared;
use crate::core::data::parse_csv;
use crate::core::session::Session;

/// The address fragment that carries a shared state.
const STATE_PREFIX: &str = "#state=";

fn download(href: &str, name: &str) -> Result<(), JsValue> {
    let a: HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Offers the whole session as `neuronlab.json`.
pub fn export_json(app: &App) -> Result<(), JsValue> {
    let text = app.session().to_json();
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    download(&url, "neuronlab.json")?;
    Url::revoke_object_url(&url)
}

/// Offers the data plot (field and overlay together) as `neuronlab.png`.
pub fn export_png() -> Result<(), JsValue> {
    let plot: HtmlCanvasElement = by_id("plot");
    let field: HtmlCanvasElement = by_id("field");
    let out: HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
    out.set_width(plot.width());
    out.set_height(plot.height());
    let ctx = crate::render::canvas::context(&out).map_err(|e| JsValue::from_str(&e))?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, plot.width() as f64, plot.height() as f64);
    if !field.hidden() {
        let dpr = plot.width() as f64 / plot.client_width().max(1) as f64;
        let left = field.offset_left() as f64 * dpr;
        let top = field.offset_top() as f64 * dpr;
        ctx.draw_image_with_html_canvas_element(&field, left, top)?;
    }
    ctx.draw_image_with_html_canvas_element(&plot, 0.0, 0.0)?;
    download(&out.to_data_url()?, "neuronlab.png")
}

/// Puts the session into the page's address (`#state=…`) so the address
/// can be copied and shared; opening it restores the same state.
pub fn share_link(app: &mut App) {
    let json = serde_json::to_string(&crate::core::state::SavedState::of(app.session()))
        .expect("state serialises");
    let encoded = web_sys::window()
        .and_then(|w| w.btoa(&json).ok())
        .map(|b| b.replace('+', "-").replace('/', "_"));
    let lang = app.lang();
    match encoded {
        Some(e) => {
            let hash = format!("{STATE_PREFIX}{e}");
            let ok = web_sys::window()
                .and_then(|w| w.history().ok())
                .is_some_and(|h| {
                    h.replace_state_with_url(&JsValue::NULL, "", Some(&hash))
                        .is_ok()
                });
            app.say(
                t(lang, if ok { "s-linked" } else { "s-link-failed" }).into(),
                !ok,
            );
        }
        None => app.say(t(lang, "s-link-failed").into(), true),
    }
}

/// The session saved in the page's address, if any: `Ok(None)` when there
/// is none, `Err` with the reason when it cannot be read.
pub fn state_from_address() -> Result<Option<Session>, String> {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let Some(encoded) = hash.strip_prefix(STATE_PREFIX) else {
        return Ok(None);
    };
    let b64 = encoded.replace('-', "+").replace('_', "/");
    let json = web_sys::window()
        .and_then(|w| w.atob(&b64).ok())
        .ok_or("the link is damaged (not base64)")?;
    Session::from_json(&json).map(Some)
}

/// What a chosen file is read as.
#[derive(Clone, Copy)]
pub enum Import {
    /// A saved session.
    Json,
    /// Points for the current mode.
    Csv,
}

/// Reads the file chosen in `input` and applies it to the app; a bad file
/// gives a message and changes nothing.
pub fn read_file(app: &Shared, input: &HtmlInputElement, kind: Import) -> Result<(), JsValue> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return Ok(());
    };
    let reader = FileReader::new()?;
    let r = reader.clone();
    let a = app.clone();
    let name = file.name();
    let onload = Closure::once(move || {
        let text = r
            .result()
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if let Ok(mut app) = a.try_borrow_mut() {
            apply_text(&mut app, &text, kind, &name);
        }
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    reader.read_as_text(&file)?;
    input.set_value("");
    Ok(())
}

fn apply_text(app: &mut App, text: &str, kind: Import, name: &str) {
    let lang = app.lang();
    let result = match kind {
        Import::Json => Session::from_json(text).map(|s| app.replace_session(s)),
        Import::Csv => parse_csv(text, app.task()).and_then(|d| app.set_data(d)),
    };
    match result {
        Ok(()) => app.say(tf(lang, "s-loaded", &[name]), false),
        Err(e) => app.say(tf(lang, "s-load-failed", &[name, &e]), true),
    }
}
