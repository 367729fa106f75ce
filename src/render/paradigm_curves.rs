//! The paradigms' loss curves: each run's held-out loss on answer
//! characters against its updates, a colour per paradigm, and a dotted
//! line where pretrain–finetune turns from pretraining to fine-tuning
//! (from there its held-out text is the task's own examples).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::kit::{dotted_series, draw_key, err, line_mesh, tick_label, white_view};
use crate::core::paradigms::stage::RunPoint;

/// What the chart shows.
pub struct CurvesPlot<'a> {
    /// A curve per run: its label and its points (runs without points are left out).
    pub runs: Vec<(&'a str, &'a [RunPoint])>,
    /// The update where pretrain–finetune's fine-tuning starts (when it has a curve).
    pub switch: Option<u64>,
    /// Updates the x axis spans at least (the runs under way, in all):
    /// their curves grow into it instead of the axis growing under them.
    pub span: u64,
    /// The axes' names: updates, loss.
    pub labels: [&'a str; 2],
}

/// Draws `p` on `canvas` (already sized for `dpr`).
pub fn draw_curves(canvas: &HtmlCanvasElement, p: &CurvesPlot, dpr: f64) -> Result<(), String> {
    let (root, px, width, font) = white_view(canvas, dpr)?;
    let points = || p.runs.iter().flat_map(|(_, pts)| pts.iter());
    let last = points()
        .map(|q| q.step)
        .max()
        .unwrap_or(0)
        .max(p.span)
        .max(1) as f64;
    let top = points().map(|q| q.held).fold(0.0f64, f64::max).max(0.5);
    // Room above the curves for the key.
    let top = top * 1.35;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(0.0..last, 0.0..top)
        .map_err(err)?;
    line_mesh(
        &mut chart,
        p.labels,
        font,
        &|v| format!("{}", v.round() as i64),
        &|v| tick_label(*v, top),
    )?;
    if let Some(at) = p.switch {
        let grey = RGBColor(120, 120, 120);
        chart
            .draw_series(DashedLineSeries::new(
                [(at as f64, 0.0), (at as f64, top)],
                px(2.0) as u32,
                px(3.0) as u32,
                grey.stroke_width(width(1.0)),
            ))
            .map_err(err)?;
    }
    let mut key = Vec::new();
    for (k, (label, pts)) in p.runs.iter().enumerate() {
        if pts.is_empty() {
            continue;
        }
        let line: Vec<(f64, f64)> = pts.iter().map(|q| (q.step as f64, q.held)).collect();
        key.push(dotted_series(&mut chart, &line, k, 2.5, dpr, label)?);
    }
    if !key.is_empty() {
        draw_key(canvas, &chart, &key, dpr, true, 0.85)?;
    }
    root.present().map_err(err)?;
    Ok(())
}
