//! The loss chart: training loss per step, and held-out loss when a split is
//! set; in classification also the accuracy (dashed, 0–100% on the right).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::context;
use super::format::fixed;
use super::kit::{draw_key, err, ink, white_view, Chart, KeyEntry, INK};
use crate::core::history::CurvePoint;

const TRAIN: RGBColor = RGBColor(41, 114, 196);
const HELD: RGBColor = RGBColor(230, 126, 34);

/// Labels for the chart, in the page's language.
pub struct ChartLabels<'a> {
    /// The x axis ("step").
    pub step: &'a str,
    /// The training series.
    pub train: &'a str,
    /// The held-out series.
    pub heldout: &'a str,
    /// The training accuracy series.
    pub accuracy: &'a str,
    /// The held-out accuracy series.
    pub heldout_accuracy: &'a str,
}

/// A tick label that stays short whatever the scale (`0.05`, `12.5`, `8.8e11`).
fn axis_number(v: f64, top: f64) -> String {
    match top {
        t if t >= 1e4 => format!("{v:.1e}"),
        t if t >= 10.0 => fixed(v, 0),
        t if t < 0.1 => fixed(v, 3),
        _ => fixed(v, 2),
    }
}

/// Draws the loss `curve` into `canvas` (already sized for `dpr`).
pub fn draw_loss(
    canvas: &HtmlCanvasElement,
    curve: &[CurvePoint],
    dpr: f64,
    labels: &ChartLabels,
) -> Result<(), String> {
    let (root, _, _, font) = white_view(canvas, dpr)?;
    let last = curve.last().map_or(1, |p| p.step.max(1)) as f64;
    let first = curve.first().map_or(0, |p| p.step) as f64;
    let top = curve
        .iter()
        .flat_map(|p| [Some(p.train), p.heldout])
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-3)
        * 1.08;
    let acc = curve.iter().any(|p| p.accuracy.is_some());
    let mut chart = ChartBuilder::on(&root)
        .margin((6.0 * dpr) as i32)
        .margin_right(((if acc { 40.0 } else { 12.0 }) * dpr) as i32)
        .x_label_area_size((36.0 * dpr) as i32)
        .y_label_area_size((44.0 * dpr) as i32)
        .build_cartesian_2d(first..last.max(first + 1.0), 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(((last - first) as usize + 1).clamp(2, 5))
        .x_desc(labels.step)
        .y_labels(4)
        .label_style(font.clone())
        .axis_desc_style(font)
        .bold_line_style(INK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .x_label_formatter(&|v| format!("{}", v.round() as i64))
        .y_label_formatter(&|v| axis_number(*v, top))
        .draw()
        .map_err(err)?;
    let width = 2.0 * dpr;
    let solid = |c: RGBColor, label| KeyEntry {
        label,
        colour: c,
        width,
        dash: None,
    };
    let mut key = vec![solid(TRAIN, labels.train)];
    chart
        .draw_series(LineSeries::new(
            curve
                .iter()
                .filter(|p| p.train.is_finite())
                .map(|p| (p.step as f64, p.train)),
            TRAIN.stroke_width(width as u32),
        ))
        .map_err(err)?;
    if acc {
        // Accuracy shares the plot, 0–100% over the loss axis's 0–top, with
        // its own scale on the right.
        right_percent_axis(canvas, &chart, last, top, dpr)?;
        let (dash, gap) = (5.0 * dpr, 3.0 * dpr);
        let thin = (1.5 * dpr).max(1.0);
        type Pick = fn(&CurvePoint) -> Option<f64>;
        let series: [(Pick, RGBColor, &str); 2] = [
            (|p| p.accuracy, TRAIN, labels.accuracy),
            (|p| p.heldout_accuracy, HELD, labels.heldout_accuracy),
        ];
        for (pick, colour, label) in series {
            if curve.iter().all(|p| pick(p).is_none()) {
                continue;
            }
            let points = curve
                .iter()
                .filter_map(|p| pick(p).map(|a| (p.step as f64, top * a)));
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    dash as u32,
                    gap as u32,
                    colour.stroke_width(thin as u32),
                ))
                .map_err(err)?;
            key.push(KeyEntry {
                label,
                colour,
                width: thin,
                dash: Some((dash, gap)),
            });
        }
    }
    let held = curve.iter().any(|p| p.heldout.is_some());
    if held {
        chart
            .draw_series(LineSeries::new(
                curve
                    .iter()
                    .filter_map(|p| p.heldout.map(|h| (p.step as f64, h))),
                HELD.stroke_width(width as u32),
            ))
            .map_err(err)?;
        key.insert(1, solid(HELD, labels.heldout));
    }
    if acc || held {
        draw_key(canvas, &chart, &key, dpr, true, 0.8)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

/// The right-hand scale of the accuracy series: 0%, 50% and 100% beside the
/// plotting area of `chart`, whose y axis runs 0 … `top`.
fn right_percent_axis(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    last: f64,
    top: f64,
    dpr: f64,
) -> Result<(), String> {
    let ctx = context(canvas)?;
    ctx.set_font(&format!("{}px sans-serif", 11.0 * dpr));
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    ctx.set_fill_style_str(&ink(1.0));
    ctx.set_stroke_style_str(&ink(0.6));
    ctx.set_line_width(dpr.max(1.0));
    for percent in [0, 50, 100] {
        let (x, y) = chart.backend_coord(&(last, top * percent as f64 / 100.0));
        let (x, y) = (x as f64, y as f64);
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(x + 4.0 * dpr, y);
        ctx.stroke();
        let _ = ctx.fill_text(&format!("{percent}%"), x + 6.0 * dpr, y);
    }
    Ok(())
}
