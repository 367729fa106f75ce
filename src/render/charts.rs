//! The loss chart: training loss per step, and held-out loss when a split is set.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::format::fixed;
use super::kit::{draw_legend, white_view, INK};
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
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing the loss chart failed: {e:?}")
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
    let mut chart = ChartBuilder::on(&root)
        .margin((6.0 * dpr) as i32)
        .margin_right((12.0 * dpr) as i32)
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
        .axis_desc_style(font.clone())
        .bold_line_style(INK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .x_label_formatter(&|v| format!("{}", v.round() as i64))
        .y_label_formatter(&|v| axis_number(*v, top))
        .draw()
        .map_err(err)?;
    let width = (2.0 * dpr) as u32;
    chart
        .draw_series(LineSeries::new(
            curve
                .iter()
                .filter(|p| p.train.is_finite())
                .map(|p| (p.step as f64, p.train)),
            TRAIN.stroke_width(width),
        ))
        .map_err(err)?
        .label(labels.train)
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 14, y)], TRAIN.stroke_width(width))
        });
    if curve.iter().any(|p| p.heldout.is_some()) {
        chart
            .draw_series(LineSeries::new(
                curve
                    .iter()
                    .filter_map(|p| p.heldout.map(|h| (p.step as f64, h))),
                HELD.stroke_width(width),
            ))
            .map_err(err)?
            .label(labels.heldout)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 14, y)], HELD.stroke_width(width))
            });
        draw_legend(&mut chart, font, 0.8, SeriesLabelPosition::UpperRight)?;
    }
    root.present().map_err(err)?;
    Ok(())
}
