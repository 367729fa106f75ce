//! `docs/page-frames.png`: the real page's frame figures before (the
//! checked-in `benches/page_before.json`) and after (this run), per
//! scenario: the frame interval and our work per frame, p95 as a bar and
//! the median as a tick, on log scales, targets in red.

use std::path::Path;

use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde_json::Value;

use super::chart::{draw_key, err, ink, register_fonts, side_label, write_png, INK, TARGET, WASM};
use super::numbers::ms;
use super::page::{interval_limit, scenario, stat, WORK_MS};

const W: u32 = 1200;
const H: u32 = 520;
const BEFORE: RGBColor = RGBColor(150, 156, 166);

/// One scenario's bars: label, (p95, median) before and after, target.
struct Pair {
    label: String,
    before: Option<(f64, f64)>,
    after: (f64, f64),
    target: Option<f64>,
}

fn pairs(after: &Value, before: Option<&Value>, key: &str) -> Vec<Pair> {
    let figure = |s: &Value| (stat(s, key, "p95"), stat(s, key, "median"));
    after["scenarios"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let id = s["id"].as_str().unwrap_or("");
            Pair {
                label: id.replace('_', " "),
                before: before.and_then(|b| scenario(b, id)).map(figure),
                after: figure(s),
                target: match key {
                    "interval" => interval_limit(id),
                    _ => (id == "play").then_some(WORK_MS),
                },
            }
        })
        .collect()
}

/// Draws the chart into `path` (PNG): `after` is this run's `pageFrames`,
/// `before` the checked-in figures of an earlier build.
pub fn draw(path: &Path, after: &Value, before: Option<&Value>) -> Result<()> {
    register_fonts()?;
    let mut rgb = vec![255u8; (W * H * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, rest) = root.split_vertically(40);
        let title = format!(
            "The real page (index.html, dpr {}): before = {} ({}), after = this run; bar p95, tick median",
            after["dpr"].as_u64().unwrap_or(2),
            before.and_then(|b| b["commit"].as_str()).unwrap_or("none"),
            before.and_then(|b| b["date"].as_str()).unwrap_or("?"),
        );
        top.draw_text(&title, &ink(18), (14, 12)).map_err(err)?;
        let (left, right) = rest.split_horizontally(W / 2);
        panel(
            &left,
            "frame interval (ms)",
            &pairs(after, before, "interval"),
        )?;
        panel(
            &right,
            "our work per frame (ms)",
            &pairs(after, before, "work"),
        )?;
        root.present().map_err(err)?;
    }
    write_png(path, &rgb, (W, H))
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    desc: &str,
    pairs: &[Pair],
) -> Result<()> {
    let n = pairs.len().max(1);
    let values = pairs
        .iter()
        .flat_map(|p| {
            [
                Some(p.after.0),
                Some(p.after.1),
                p.before.map(|b| b.0),
                p.target,
            ]
        })
        .flatten()
        .filter(|v| v.is_finite() && *v > 0.0);
    let lo = values.clone().fold(f64::INFINITY, f64::min).min(1.0);
    let hi = values.fold(1.0f64, f64::max);
    let x = 10f64.powf((lo / 2.0).log10().floor())..10f64.powf((hi * 3.0).log10().ceil());
    let labels: Vec<String> = pairs.iter().map(|p| p.label.clone()).collect();
    let label_of = move |v: &f64| {
        let i = n as f64 - 1.0 - v;
        let near = (i - i.round()).abs() < 1e-6 && i >= -0.5;
        near.then(|| labels.get(i.round() as usize).cloned())
            .flatten()
            .unwrap_or_default()
    };
    let mut chart = ChartBuilder::on(area)
        .margin(14)
        .margin_right(24)
        .x_label_area_size(36)
        .y_label_area_size(110)
        .build_cartesian_2d(x.clone().log_scale(), -0.5f64..n as f64 - 0.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|v| ms(*v))
        .x_desc(desc)
        .label_style(ink(13))
        .axis_desc_style(ink(14))
        .bold_line_style(INK.mix(0.12))
        .light_line_style(INK.mix(0.04))
        .draw()
        .map_err(err)?;
    for (i, p) in pairs.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let rows = [
            (p.before, BEFORE, y + 0.04, y + 0.38),
            (Some(p.after), WASM, y - 0.38, y - 0.04),
        ];
        for (fig, colour, y0, y1) in rows {
            let Some((p95, median)) = fig.filter(|f| f.0.is_finite()) else {
                continue;
            };
            let shapes = [
                Rectangle::new([(x.start, y0), (p95, y1)], colour.filled()).into_dyn(),
                PathElement::new(
                    vec![(median, y0 - 0.03), (median, y1 + 0.03)],
                    INK.stroke_width(2),
                )
                .into_dyn(),
                Text::new(
                    ms(p95),
                    (p95.max(p.target.unwrap_or(0.0)) * 1.08, (y0 + y1) / 2.0),
                    side_label(),
                )
                .into_dyn(),
            ];
            chart.draw_series(shapes).map_err(err)?;
        }
        if let Some(t) = p.target {
            chart
                .draw_series([PathElement::new(
                    vec![(t, y - 0.46), (t, y + 0.46)],
                    TARGET.stroke_width(3),
                )])
                .map_err(err)?;
        }
    }
    let key = [(BEFORE, "before"), (WASM, "after"), (TARGET, "target")];
    draw_key(area, &key, (area.dim_in_pixel().0 as i32 - 120, 30))
}
