//! The Scaling plot: held-out loss against compute on log-log axes, a
//! curve per model size through its budgets, the compute-efficient
//! frontier (dashed), the fitted law (black) and, for Predict, then check,
//! the predicted run (a hollow ring) and what it measured (a cross).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::kit::{dotted_series, draw_key, err, line_mesh, white_view, KeyEntry, INK};
use crate::core::analysis::scaling::Law;

/// What the plot shows, every point as (compute, loss).
pub struct ScalingPlot<'a> {
    /// A curve per size: its label and its points, by compute.
    pub sizes: Vec<(String, Vec<(f64, f64)>)>,
    /// The frontier's points, by compute.
    pub frontier: Vec<(f64, f64)>,
    /// The law fitted to the frontier.
    pub law: Option<Law>,
    /// The predicted run: its compute and predicted loss, and its measured loss.
    pub prediction: Option<(f64, f64, Option<f64>)>,
    /// The axes' names and the key's labels: x, y, frontier, law.
    pub labels: [&'a str; 4],
}

/// `10^e` as the ticks say it: `1e9`, `3e10`.
fn power_label(e: f64) -> String {
    let v = 10f64.powf(e);
    let exp = v.log10().floor();
    let m = v / 10f64.powf(exp);
    if (m - 1.0).abs() < 0.05 {
        format!("1e{exp}")
    } else {
        format!("{m:.0}e{exp}")
    }
}

/// Draws `p` on `canvas` (already sized for `dpr`).
pub fn draw_scaling(canvas: &HtmlCanvasElement, p: &ScalingPlot, dpr: f64) -> Result<(), String> {
    let (root, px, width, font) = white_view(canvas, dpr)?;
    let all: Vec<(f64, f64)> = p
        .sizes
        .iter()
        .flat_map(|(_, pts)| pts.iter().copied())
        .chain(
            p.prediction
                .iter()
                .flat_map(|&(c, l, m)| [(c, l), (c, m.unwrap_or(l))]),
        )
        .filter(|&(c, l)| c > 0.0 && l > 0.0 && l.is_finite())
        .collect();
    let (mut x0, mut x1, mut y0, mut y1) = all.iter().fold(
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
        |(a, b, c, d), &(x, y)| {
            (
                a.min(x.log10()),
                b.max(x.log10()),
                c.min(y.log10()),
                d.max(y.log10()),
            )
        },
    );
    if all.is_empty() {
        (x0, x1, y0, y1) = (8.0, 12.0, 0.0, 0.7);
    }
    let (xpad, ypad) = (((x1 - x0) * 0.06).max(0.2), ((y1 - y0) * 0.1).max(0.01));
    // Room above the points for the key.
    let (x0, x1, y0, y1) = (x0 - xpad, x1 + xpad, y0 - ypad, y1 + ypad + 1.2 * (y1 - y0));
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(48.0))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    line_mesh(
        &mut chart,
        [p.labels[0], p.labels[1]],
        font,
        &|v| power_label(*v),
        &|v| format!("{:.2}", 10f64.powf(*v)),
    )?;
    let log = |&(c, l): &(f64, f64)| (c.log10(), l.log10());
    let mut key = Vec::new();
    for (k, (label, pts)) in p.sizes.iter().enumerate() {
        let pts: Vec<(f64, f64)> = pts.iter().map(log).collect();
        key.push(dotted_series(&mut chart, &pts, k, 3.5, dpr, label)?);
    }
    if p.frontier.len() >= 2 {
        let grey = RGBColor(120, 120, 120);
        chart
            .draw_series(DashedLineSeries::new(
                p.frontier.iter().map(log),
                px(5.0) as u32,
                px(4.0) as u32,
                grey.stroke_width(width(1.5)),
            ))
            .map_err(err)?;
        key.push(KeyEntry {
            label: p.labels[2],
            colour: grey,
            width: 1.5 * dpr,
            dash: Some((5.0 * dpr, 4.0 * dpr)),
        });
    }
    if let Some(law) = p.law {
        let n = 60;
        let line = (0..=n).map(|i| {
            let x = x0 + (x1 - x0) * i as f64 / n as f64;
            (x, law.at(10f64.powf(x)).log10())
        });
        chart
            .draw_series(LineSeries::new(
                line.filter(|&(_, y)| y.is_finite() && y > y0 && y < y1),
                INK.stroke_width(width(1.5)),
            ))
            .map_err(err)?;
        key.push(KeyEntry {
            label: p.labels[3],
            colour: INK,
            width: 1.5 * dpr,
            dash: None,
        });
    }
    if let Some((c, l, measured)) = p.prediction {
        let at = log(&(c, l));
        chart
            .draw_series([Circle::new(at, px(7.0), INK.stroke_width(width(2.0)))])
            .map_err(err)?;
        if let Some(m) = measured {
            let q = log(&(c, m));
            chart
                .draw_series([Cross::new(q, px(6.0), INK.stroke_width(width(2.0)))])
                .map_err(err)?;
        }
    }
    root.present().map_err(err)?;
    draw_key(canvas, &chart, &key, dpr, true, 0.85)
}
