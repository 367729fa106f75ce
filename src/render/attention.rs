//! The attention map: each head shown as a square grid, a row per
//! character asking and a column per character it looks at, labelled with
//! the characters; weights shaded from white (0) to blue (1), scores on a
//! scale from orange (negative) through white to blue (positive), masked
//! cells grey. Returns where each grid's cells are, for hovering.

use web_sys::HtmlCanvasElement;

use super::canvas;
use crate::app::attention::{AttentionView, Stage};
use crate::core::lm::tokens::display;

/// Where one head's grid sits on the canvas, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridPlace {
    /// Left edge of the cells.
    pub x: f64,
    /// Top edge of the cells.
    pub y: f64,
    /// A cell's side.
    pub cell: f64,
}

impl GridPlace {
    /// The cell `(row, column)` at CSS point `(px, py)`, if any, of a grid of `len`.
    pub fn hit(&self, px: f64, py: f64, len: usize) -> Option<(usize, usize)> {
        let (c, r) = ((px - self.x) / self.cell, (py - self.y) / self.cell);
        let inside = |v: f64| v >= 0.0 && v < len as f64;
        (inside(r) && inside(c)).then_some((r as usize, c as usize))
    }
}

/// Space for the characters beside and above a grid (CSS pixels).
const LABELS: f64 = 18.0;
/// Space between grids.
const GAP: f64 = 22.0;
/// Largest cell side.
const MAX_CELL: f64 = 22.0;

/// The colour of a cell: `v` of a grid whose largest magnitude is `scale`.
fn shade(stage: Stage, v: Option<f64>, scale: f64) -> String {
    let Some(v) = v else {
        return "#cfcfcf".into();
    };
    let mix = |to: (f64, f64, f64), t: f64| {
        let t = t.clamp(0.0, 1.0);
        let c = |a: f64| (255.0 + (a - 255.0) * t).round() as u8;
        format!("rgb({},{},{})", c(to.0), c(to.1), c(to.2))
    };
    const BLUE: (f64, f64, f64) = (0.0, 90.0, 181.0);
    const ORANGE: (f64, f64, f64) = (213.0, 94.0, 0.0);
    match stage {
        Stage::Weights => mix(BLUE, v),
        _ if v >= 0.0 => mix(BLUE, v / scale),
        _ => mix(ORANGE, -v / scale),
    }
}

/// Draws `view` on `c`, `css_w` CSS pixels wide at `dpr`; returns each
/// grid's place (in the order of `view.heads`).
pub fn draw(
    c: &HtmlCanvasElement,
    view: &AttentionView,
    css_w: f64,
    dpr: f64,
) -> Result<Vec<GridPlace>, String> {
    let n = view.len().max(1);
    let k = view.heads.len().max(1);
    let per = ((css_w - GAP * (k as f64 - 1.0)) / k as f64 - LABELS).max(40.0);
    let cell = (per / n as f64).min(MAX_CELL);
    let side = cell * n as f64;
    let css_h = side + LABELS + 4.0;
    let (w, h) = canvas::fit(c, css_w, css_h, dpr);
    let ctx = canvas::context(c)?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w as f64 / dpr, h as f64 / dpr);
    let font = (cell * 0.8).clamp(7.0, 13.0);
    ctx.set_font(&format!("{font}px system-ui, sans-serif"));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let labels: Vec<String> = view.chars.iter().map(|&ch| display(ch)).collect();
    let mut places = Vec::with_capacity(k);
    for (i, g) in view.heads.iter().enumerate() {
        let x = i as f64 * (side + LABELS + GAP) + LABELS;
        let y = LABELS;
        let scale = g
            .values
            .iter()
            .flatten()
            .fold(1e-9f64, |m, v| m.max(v.abs()));
        for r in 0..n.min(view.len()) {
            for col in 0..n.min(view.len()) {
                let v = g.values[r * view.len() + col];
                ctx.set_fill_style_str(&shade(view.stage, v, scale));
                ctx.fill_rect(x + col as f64 * cell, y + r as f64 * cell, cell, cell);
            }
        }
        ctx.set_stroke_style_str("#8a8a8a");
        ctx.set_line_width(0.5);
        ctx.stroke_rect(x, y, side, side);
        // Only as many labels as fit without overlapping.
        let every = (font * 1.1 / cell).ceil().max(1.0) as usize;
        ctx.set_fill_style_str("#222222");
        for (j, label) in labels.iter().enumerate().filter(|(j, _)| j % every == 0) {
            let mid = (j as f64 + 0.5) * cell;
            let _ = ctx.fill_text(label, x + mid, y - LABELS / 2.0);
            let _ = ctx.fill_text(label, x - LABELS / 2.0, y + mid);
        }
        places.push(GridPlace { x, y, cell });
    }
    Ok(places)
}

/// One colour per head (Okabe–Ito, told apart with colour-blindness too).
pub const HEAD_COLOURS: [&str; 4] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];

/// Height of the lines view (CSS pixels).
const LINES_H: f64 = 150.0;

/// Draws `view`'s weights as lines on `c`, `css_w` CSS pixels wide at
/// `dpr`: the characters written twice, those asking on the upper row and
/// those looked at on the lower one, a line per weight (from
/// [`AttentionView::links`]) as opaque and as thick as the weight, in its
/// head's colour.
pub fn draw_lines(
    c: &HtmlCanvasElement,
    view: &AttentionView,
    css_w: f64,
    dpr: f64,
) -> Result<(), String> {
    let (w, h) = canvas::fit(c, css_w, LINES_H, dpr);
    let ctx = canvas::context(c)?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_global_alpha(1.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w as f64 / dpr, h as f64 / dpr);
    let n = view.len().max(1);
    let step = (css_w - 8.0) / n as f64;
    let x = |i: usize| 4.0 + (i as f64 + 0.5) * step;
    let (top, bottom) = (24.0, LINES_H - 24.0);
    let k = view.heads.len().max(1) as f64;
    ctx.set_line_cap("round");
    for l in view.links() {
        // Heads side by side within a character's slot, so they stay apart.
        let off = (l.head as f64 - (k - 1.0) / 2.0) * (step * 0.5 / k).min(2.0);
        ctx.set_global_alpha(l.weight.clamp(0.0, 1.0));
        ctx.set_stroke_style_str(HEAD_COLOURS[l.head % HEAD_COLOURS.len()]);
        ctx.set_line_width(0.5 + 3.0 * l.weight);
        ctx.begin_path();
        ctx.move_to(x(l.from) + off, top);
        ctx.line_to(x(l.to) + off, bottom);
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
    let font = (step * 0.8).clamp(7.0, 14.0);
    ctx.set_font(&format!("{font}px system-ui, sans-serif"));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_fill_style_str("#222222");
    let every = (font * 1.1 / step).ceil().max(1.0) as usize;
    for (i, &ch) in view
        .chars
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
    {
        let label = display(ch);
        let _ = ctx.fill_text(&label, x(i), top - 12.0);
        let _ = ctx.fill_text(&label, x(i), bottom + 12.0);
    }
    Ok(())
}
