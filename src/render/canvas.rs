//! Canvas plumbing: sizing for the device-pixel ratio and putting RGBA pixels.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageData};

use super::view::View;

/// Sizes `canvas` to `css_w × css_h` CSS pixels backed by `dpr` times as many
/// device pixels (so it is crisp on HiDPI screens); returns the device size.
pub fn fit(canvas: &HtmlCanvasElement, css_w: f64, css_h: f64, dpr: f64) -> (u32, u32) {
    let w = (css_w * dpr).round().max(1.0) as u32;
    let h = (css_h * dpr).round().max(1.0) as u32;
    fit_pixels(canvas, css_w, css_h, (w, h))
}

/// Sizes `canvas` to `css_w × css_h` CSS pixels backed by `w × h` pixels
/// (the browser scales them); returns `(w, h)`.
pub fn fit_pixels(
    canvas: &HtmlCanvasElement,
    css_w: f64,
    css_h: f64,
    (w, h): (u32, u32),
) -> (u32, u32) {
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{css_w}px"));
    let _ = style.set_property("height", &format!("{css_h}px"));
    (w, h)
}

/// Writes `view` on `canvas` as `data-area` (the plotting area in CSS
/// pixels: left, top, width, height) and `data-domain` (x min, x max,
/// y min, y max), which pointer handlers and tests read.
pub fn mark_view(canvas: &Element, view: &View) {
    let (a, d) = (view.area, view.domain);
    let _ = canvas.set_attribute(
        "data-area",
        &format!("{},{},{},{}", a.left, a.top, a.width, a.height),
    );
    let _ = canvas.set_attribute(
        "data-domain",
        &format!("{},{},{},{}", d.x_min, d.x_max, d.y_min, d.y_max),
    );
}

/// The 2-D context of `canvas`.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .map_err(|_| "no 2-D canvas context".to_string())?
        .ok_or("no 2-D canvas context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "not a 2-D context".to_string())
}

/// Puts `rgba` (`w × h` pixels) at the canvas's top-left corner.
pub fn put_rgba(canvas: &HtmlCanvasElement, rgba: &[u8], w: u32, h: u32) -> Result<(), String> {
    put_rgba_at(canvas, rgba, w, h, 0.0, 0.0)
}

/// Puts `rgba` (`w × h` pixels) with its top-left corner at `(x, y)`.
pub fn put_rgba_at(
    canvas: &HtmlCanvasElement,
    rgba: &[u8],
    w: u32,
    h: u32,
    x: f64,
    y: f64,
) -> Result<(), String> {
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w, h)
        .map_err(|_| "could not make ImageData".to_string())?;
    context(canvas)?
        .put_image_data(&img, x, y)
        .map_err(|_| "could not put ImageData".to_string())
}

/// Clears the whole canvas to transparent.
pub fn clear(canvas: &HtmlCanvasElement) -> Result<(), String> {
    let ctx = context(canvas)?;
    ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    Ok(())
}
