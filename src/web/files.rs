//! Keeping work: the session as a JSON file, points from CSV, the state in
//! the page's address for sharing, and the plot as a PNG. Reading is the
//! browser's part; what a text means is the workspace's.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, FileReader, HtmlAnchorElement,
    HtmlCanvasElement, HtmlImageElement, HtmlInputElement, Url,
};

use super::dom::{by_id, document};
use super::page::Shared;
use crate::app::{Action, Workspace};
use crate::core::json;
use crate::core::state::SavedState;
use crate::render::view::View;

/// The address fragment that carries a shared state.
const STATE_PREFIX: &str = "#state=";

fn download(href: &str, name: &str) -> Result<(), JsValue> {
    let a: HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// An object URL for `text` as a file of MIME type `kind`.
fn text_url(text: &str, kind: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(kind);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}

/// Offers `json` (the whole session) as `neuronlab.json`.
pub fn export_json(json: &str) -> Result<(), JsValue> {
    export_text(json, "neuronlab.json", "application/json")
}

/// Offers `text` as a file `name` of MIME type `kind`.
pub fn export_text(text: &str, name: &str, kind: &str) -> Result<(), JsValue> {
    let url = text_url(text, kind)?;
    download(&url, name)?;
    Url::revoke_object_url(&url)
}

/// Offers the canvas with id `id` as the PNG file `name`.
pub fn export_canvas(id: &str, name: &str) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = by_id(id);
    download(&canvas.to_data_url_with_type("image/png")?, name)
}

/// A new canvas off the page, `w × h` pixels, and its 2-D context.
fn blank_canvas(w: u32, h: u32) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let c: HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
    c.set_width(w);
    c.set_height(h);
    let ctx = crate::render::canvas::context(&c).map_err(|e| JsValue::from_str(&e))?;
    Ok((c, ctx))
}

/// Offers the data plot as `neuronlab.png`: the field, the static layer
/// and, once the browser has read it as an image, the model layer's SVG
/// (the boundary, the line, the marks) on top; `view`: the plotting area
/// the page last drew.
pub fn export_png(view: Option<View>) -> Result<(), JsValue> {
    let plot: HtmlCanvasElement = by_id("plot");
    let field: HtmlCanvasElement = by_id("field");
    let (out, ctx) = blank_canvas(plot.width(), plot.height())?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, plot.width() as f64, plot.height() as f64);
    // The field's pixel centres sit on the plotting area's edges (see
    // `render::frame`): its pixels from centre to centre fill the area.
    if let (false, Some(View { area, .. })) = (field.hidden(), view) {
        let dpr = plot.width() as f64 / plot.client_width().max(1) as f64;
        let (n, m) = (field.width() as f64, field.height() as f64);
        ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &field,
            0.5,
            0.5,
            n - 1.0,
            m - 1.0,
            area.left * dpr,
            area.top * dpr,
            area.width * dpr,
            area.height * dpr,
        )?;
    }
    ctx.draw_image_with_html_canvas_element(&plot, 0.0, 0.0)?;
    let layer: Element = by_id("model-layer");
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{}">{}</svg>"#,
        out.width(),
        out.height(),
        layer.get_attribute("viewBox").unwrap_or_default(),
        layer.inner_html()
    );
    let url = text_url(&svg, "image/svg+xml")?;
    let image = HtmlImageElement::new()?;
    let (img, link) = (image.clone(), url.clone());
    // The layer goes on a copy: where the browser cannot read it, or will
    // not let a page read back an SVG drawn on a canvas, the PNG comes
    // without it.
    let save = move || {
        let _ = Url::revoke_object_url(&link);
        let full = (|| {
            let (copy, c) = blank_canvas(out.width(), out.height())?;
            c.draw_image_with_html_canvas_element(&out, 0.0, 0.0)?;
            c.draw_image_with_html_image_element(&img, 0.0, 0.0)?;
            copy.to_data_url()
        })();
        let png = full.or_else(|_| out.to_data_url());
        let _ = png.and_then(|png| download(&png, "neuronlab.png"));
    };
    let done = Closure::once_into_js(save);
    image.set_onload(Some(done.unchecked_ref()));
    image.set_onerror(Some(done.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// Puts the current session into the page's address (`#state=…`) so the
/// address can be copied and shared; true when it worked.
pub fn share_link(ws: &Workspace) -> bool {
    let json = json::to_string(&SavedState::of(ws.session()), false);
    let Some(encoded) = web_sys::window()
        .and_then(|w| w.btoa(&json).ok())
        .map(|b| b.replace('+', "-").replace('/', "_"))
    else {
        return false;
    };
    let hash = format!("{STATE_PREFIX}{encoded}");
    web_sys::window()
        .and_then(|w| w.history().ok())
        .is_some_and(|h| {
            h.replace_state_with_url(&JsValue::NULL, "", Some(&hash))
                .is_ok()
        })
}

/// The action that opens the state saved in the page's address, if any: a
/// damaged link gives JSON the workspace refuses, with its reason.
pub fn link_action() -> Option<Action> {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let encoded = hash.strip_prefix(STATE_PREFIX)?;
    let b64 = encoded.replace('-', "+").replace('_', "/");
    let json = web_sys::window()
        .and_then(|w| w.atob(&b64).ok())
        .unwrap_or_default();
    Some(Action::OpenLink(json))
}

/// What a chosen file is read as.
#[derive(Clone, Copy)]
pub enum Import {
    /// A saved session.
    Json,
    /// Points for the current mode.
    Csv,
}

/// Reads the file chosen in `input` and gives it to the workspace; a bad
/// file gives a message and changes nothing.
pub fn read_file(page: &Shared, input: &HtmlInputElement, kind: Import) -> Result<(), JsValue> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return Ok(());
    };
    let reader = FileReader::new()?;
    let r = reader.clone();
    let p = page.clone();
    let name = file.name();
    let onload = Closure::once_into_js(move || {
        let text = r
            .result()
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        p.dispatch(match kind {
            Import::Json => Action::LoadJson { name, text },
            Import::Csv => Action::ImportCsv { name, text },
        });
    });
    // One read, one callback: the closure frees itself after it runs.
    reader.set_onload(Some(onload.unchecked_ref()));
    reader.read_as_text(&file)?;
    input.set_value("");
    Ok(())
}
