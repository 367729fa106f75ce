//! The loss chart: training loss per step, and held-out loss when a split is
//! set; in classification also the accuracy (dashed, 0–100% on the right).

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
    /// The training accuracy series.
    pub accuracy: &'a str,
    /// The held-out accuracy series.
    pub heldout_accuracy: &'a str,
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
    let acc = curve.iter().any(|p| p.accuracy.is_some());
    let x_range = first..last.max(first + 1.0);
    let mut chart = ChartBuilder::on(&root)
        .margin((6.0 * dpr) as i32)
        .margin_right((12.0 * dpr) as i32)
        .x_label_area_size((36.0 * dpr) as i32)
        .y_label_area_size((44.0 * dpr) as i32)
        .right_y_label_area_size(if acc { (34.0 * dpr) as i32 } else { 0 })
        .build_cartesian_2d(x_range.clone(), 0.0..top)
        .map_err(err)?
        .set_secondary_coord(x_range, 0.0..100.0);
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
    if acc {
        chart
            .configure_secondary_axes()
            .y_labels(3)
            .label_style(font.clone())
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .draw()
            .map_err(err)?;
        let (dash, gap) = ((5.0 * dpr) as u32, (3.0 * dpr) as u32);
        let thin = (1.5 * dpr).max(1.0) as u32;
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
                .filter_map(|p| pick(p).map(|a| (p.step as f64, 100.0 * a)));
            chart
                .draw_secondary_series(DashedLineSeries::new(
                    points,
                    dash,
                    gap,
                    colour.stroke_width(thin),
                ))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 5, y)], colour.stroke_width(thin))
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
                HELD.stroke_width(width),
            ))
            .map_err(err)?
            .label(labels.heldout)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 14, y)], HELD.stroke_width(width))
            });
    }
    if acc || held {
        draw_legend(&mut chart, font, 0.8, SeriesLabelPosition::UpperRight)?;
    }
    root.present().map_err(err)?;
    Ok(())
}
