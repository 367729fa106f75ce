//! Canvas plumbing: sizing for the device-pixel ratio, putting RGBA pixels,
//! and showing a picture drawn off the page ([`Shown`]).

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageBitmapRenderingContext, ImageData,
    OffscreenCanvas, OffscreenCanvasRenderingContext2d,
};

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

/// The relay from [`Shown::work`] to the page: an `OffscreenCanvas` that
/// turns a copy into an `ImageBitmap`, and the page canvas's bitmap context.
type Relay = (
    OffscreenCanvas,
    OffscreenCanvasRenderingContext2d,
    ImageBitmapRenderingContext,
);

/// A canvas in the page that shows a picture drawn elsewhere: drawing goes to
/// [`Shown::work`], a 2-D canvas outside the page, and [`Shown::present`]
/// hands the page's canvas a bitmap of it. Without a GPU the browser copies
/// every 2-D canvas in the page whole on each frame in which anything on
/// the page changes, drawn on or not (the plot's static layer: 3 ms a frame
/// at CPU ×4); a bitmap canvas it shows as it is. Where the browser has no
/// `OffscreenCanvas`, `work` is the page's canvas itself.
#[derive(Clone)]
pub struct Shown {
    /// The canvas in the page (it takes the pointer, ARIA, `data-area`).
    pub page: HtmlCanvasElement,
    /// The canvas to draw on.
    pub work: HtmlCanvasElement,
    relay: Option<Relay>,
}

impl Shown {
    /// Shows `page`'s pictures through a relay where the browser has one.
    pub fn new(page: HtmlCanvasElement) -> Shown {
        let relay = (|| {
            let off = OffscreenCanvas::new(1, 1).ok()?;
            let ctx = off.get_context("2d").ok()??.dyn_into().ok()?;
            let shown = page.get_context("bitmaprenderer").ok()??.dyn_into().ok()?;
            Some((off, ctx, shown))
        })();
        let work = match relay {
            Some(_) => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|c| c.dyn_into().ok())
                .expect("a canvas"),
            None => page.clone(),
        };
        Shown { page, work, relay }
    }

    /// Sizes the page's canvas as [`fit`] does, and the work canvas to match.
    pub fn fit(&self, css_w: f64, css_h: f64, dpr: f64) -> (u32, u32) {
        let (w, h) = fit(&self.page, css_w, css_h, dpr);
        if self.work.width() != w {
            self.work.set_width(w);
        }
        if self.work.height() != h {
            self.work.set_height(h);
        }
        (w, h)
    }

    /// Shows what was drawn on [`Shown::work`].
    pub fn present(&self) -> Result<(), String> {
        let Some((off, ctx, shown)) = &self.relay else {
            return Ok(());
        };
        let (w, h) = (self.work.width(), self.work.height());
        if off.width() != w || off.height() != h {
            off.set_width(w);
            off.set_height(h);
        }
        let fail = |_| "could not show the canvas".to_string();
        ctx.draw_image_with_html_canvas_element(&self.work, 0.0, 0.0)
            .map_err(fail)?;
        shown.transfer_from_image_bitmap(&off.transfer_to_image_bitmap().map_err(fail)?);
        Ok(())
    }
}
