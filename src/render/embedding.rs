//! The embedding plane of the language lab: every character drawn at its
//! embedding (for more than two numbers, on the first two principal
//! directions) and, for a model with two-number embeddings and no hidden
//! layer, the softmax's regions: at each place, the character the model
//! predicts when the context's last character sits there.

use web_sys::HtmlCanvasElement;

use super::canvas;
use super::embedding_layout::layout;
use crate::core::lm::session::LmSession;
use crate::core::lm::tokens::display;

/// Cells per side of the region grid.
const GRID: usize = 56;

/// A colour for token `id`: hues a golden angle apart, so neighbours differ.
pub fn token_rgb(id: u32, light: bool) -> (u8, u8, u8) {
    let h = (id as f64 * 137.507_764) % 360.0;
    let (s, l) = if light { (0.55, 0.86) } else { (0.6, 0.32) };
    hsl(h, s, l)
}

fn hsl(h: f64, s: f64, l: f64) -> (u8, u8, u8) {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (to(r), to(g), to(b))
}

/// Draws the plane of `s` for `context` onto `c`, `css` wide at `dpr`;
/// `regions` shades the softmax's choice at each place.
pub fn draw_embedding(
    c: &HtmlCanvasElement,
    s: &LmSession,
    context: &[u32],
    regions: bool,
    css: f64,
    dpr: f64,
) -> Result<(), String> {
    let (w, h) = canvas::fit(c, css, css * 0.8, dpr);
    let ctx = canvas::context(c)?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    let (wf, hf) = (w as f64, h as f64);
    let plane = layout(s, context, wf, hf, dpr);
    let [x0, x1, y0, y1] = plane.bounds;
    let v = s.vocab().len();
    if regions {
        let mut probs = vec![0.0; v];
        let (cw, ch) = (wf / GRID as f64, hf / GRID as f64);
        for j in 0..GRID {
            for i in 0..GRID {
                let e = [
                    x0 + (i as f64 + 0.5) / GRID as f64 * (x1 - x0),
                    y1 - (j as f64 + 0.5) / GRID as f64 * (y1 - y0),
                ];
                s.probs_with_last(context, &e, &mut probs);
                let best = (0..v).fold(0, |b, k| if probs[k] > probs[b] { k } else { b });
                let (r, g, b) = token_rgb(best as u32, true);
                ctx.set_fill_style_str(&format!("rgb({r},{g},{b})"));
                ctx.fill_rect(i as f64 * cw, j as f64 * ch, cw + 0.5, ch + 0.5);
            }
        }
    }
    // Every character a dot; a label where it overlaps no other label.
    let font = plane.size;
    ctx.set_font(&format!("600 {font}px system-ui, sans-serif"));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for (id, &(x, y)) in plane.at.iter().enumerate() {
        let (r, g, b) = token_rgb(id as u32, false);
        ctx.set_fill_style_str(&format!("rgb({r},{g},{b})"));
        if plane.labelled[id] {
            let label = display(s.vocab().char(id as u32));
            let _ = ctx.fill_text(&label, x, y);
        } else {
            ctx.begin_path();
            let _ = ctx.arc(x, y, 2.5 * dpr, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
    }
    Ok(())
}
