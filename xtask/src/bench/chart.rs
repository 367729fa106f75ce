//! `docs/bench.png`: the browser figures as bars on a log scale, the
//! memory test, and the loss curves of both engines.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::browser::Browser;
use super::figures::target_of;
use super::machine::Machine;
use super::numbers::{ms, thousands};
use crate::install;

const W: u32 = 1200;
const H: u32 = 860;
pub(super) const WASM: RGBColor = RGBColor(41, 114, 196);
const JS: RGBColor = RGBColor(230, 126, 34);
pub(super) const TARGET: RGBColor = RGBColor(200, 30, 45);
pub(super) const INK: RGBColor = RGBColor(40, 44, 52);
/// Where Debian's fonts-dejavu-core puts its fonts.
const FONT_DIRS: [&str; 2] = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
];

pub(super) fn err(e: impl std::fmt::Debug) -> anyhow::Error {
    anyhow!("drawing failed: {e:?}")
}

fn find_font(file: &str) -> Option<PathBuf> {
    FONT_DIRS
        .iter()
        .map(|d| Path::new(d).join(file))
        .find(|p| p.is_file())
}

/// Registers DejaVu Sans as plotters' "sans-serif", installing Debian's
/// `fonts-dejavu-core` with apt-get (as root) when it is missing.
pub(super) fn register_fonts() -> Result<()> {
    if find_font("DejaVuSans.ttf").is_none() && install::can_apt_get() {
        println!("Installing fonts-dejavu-core for the chart's text.");
        if install::apt_get(&["install", "-y", "fonts-dejavu-core"]).is_err() {
            install::apt_get(&["update"])?;
            install::apt_get(&["install", "-y", "fonts-dejavu-core"])?;
        }
    }
    for (file, style) in [
        ("DejaVuSans.ttf", FontStyle::Normal),
        ("DejaVuSans-Bold.ttf", FontStyle::Bold),
    ] {
        let path = find_font(file).with_context(|| {
            format!(
                "no {file}: install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core)"
            )
        })?;
        let bytes: &'static [u8] = Box::leak(std::fs::read(&path)?.into_boxed_slice());
        plotters::style::register_font("sans-serif", style, bytes)
            .map_err(|_| anyhow!("{} is not a usable font", path.display()))?;
    }
    Ok(())
}

/// One bar group: label, wasm (min, median), JS median, target (ms).
struct Bar {
    label: String,
    min: f64,
    median: f64,
    js: Option<f64>,
    target: Option<f64>,
}

fn bars(b: &Browser) -> Vec<Bar> {
    let rows = b.json["bench"]["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .filter_map(|r| {
            let id = r["id"].as_str()?;
            Some(Bar {
                label: r["label"].as_str()?.to_string(),
                min: r["wasm"]["min"].as_f64()?,
                median: r["wasm"]["median"].as_f64()?,
                js: r["js"]["median"].as_f64(),
                target: target_of(id).and_then(|t| t.limit_ms()),
            })
        })
        .collect()
}

/// Draws the chart into `path` (PNG).
pub fn draw(path: &Path, b: &Browser, machine: &Machine) -> Result<()> {
    register_fonts()?;
    let mut rgb = vec![255u8; (W * H * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, bottom) = root.split_vertically(560);
        draw_bars(&top, b, machine)?;
        let (left, right) = bottom.split_horizontally(W / 2);
        draw_memory(&left, b)?;
        draw_losses(&right, b)?;
        root.present().map_err(err)?;
    }
    write_png(path, &rgb, (W, H))
}

/// Text of `size` px in the chart's ink.
pub(super) fn ink(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// The text beside a bar or a legend swatch: 13 px, anchored at its left middle.
pub(super) fn side_label() -> TextStyle<'static> {
    ink(13).pos(Pos::new(HPos::Left, VPos::Center))
}

fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    b: &Browser,
    machine: &Machine,
) -> Result<()> {
    let bars = bars(b);
    let n = bars.len().max(1);
    let values = bars
        .iter()
        .flat_map(|r| [Some(r.min), Some(r.median), r.js, r.target])
        .flatten()
        .filter(|v| *v > 0.0);
    let lo = values.clone().fold(f64::INFINITY, f64::min);
    let hi = values.fold(0.0f64, f64::max);
    let x_lo = 10f64.powf((lo.max(1e-4) / 2.0).log10().floor());
    let x_hi = 10f64.powf((hi * 4.0).log10().ceil());
    let caption = format!(
        "NeuronLab in Chromium {} — median of {} samples (tick: min), log scale",
        machine.chromium.as_deref().unwrap_or("?"),
        b.runs
    );
    let labels: Vec<String> = bars.iter().map(|r| r.label.clone()).collect();
    let label_of = move |v: &f64| {
        let i = n as f64 - 1.0 - v;
        if (i - i.round()).abs() < 1e-6 && i >= -0.5 {
            labels.get(i.round() as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ink(20))
        .margin(14)
        .margin_right(30)
        .x_label_area_size(36)
        .y_label_area_size(300)
        .build_cartesian_2d((x_lo..x_hi).log_scale(), -0.5f64..n as f64 - 0.5)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|v| ms(*v))
        .x_desc("time per call (ms)")
        .label_style(ink(14))
        .axis_desc_style(ink(14))
        .bold_line_style(INK.mix(0.12))
        .light_line_style(INK.mix(0.04))
        .draw()
        .map_err(err)?;
    let text = |s: String, x: f64, y: f64| Text::new(s, (x, y), side_label());
    for (i, r) in bars.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let (w0, w1) = if r.js.is_some() {
            (y + 0.03, y + 0.38)
        } else {
            (y - 0.2, y + 0.2)
        };
        chart
            .draw_series([Rectangle::new([(x_lo, w0), (r.median, w1)], WASM.filled())])
            .map_err(err)?;
        chart
            .draw_series([PathElement::new(
                vec![(r.min, w0 - 0.04), (r.min, w1 + 0.04)],
                INK.stroke_width(2),
            )])
            .map_err(err)?;
        chart
            .draw_series([text(ms(r.median), r.median * 1.08, (w0 + w1) / 2.0)])
            .map_err(err)?;
        if let Some(js) = r.js {
            chart
                .draw_series([Rectangle::new(
                    [(x_lo, y - 0.38), (js, y - 0.03)],
                    JS.filled(),
                )])
                .map_err(err)?;
            chart
                .draw_series([text(
                    format!("{} (wasm {:.1}× faster)", ms(js), js / r.median),
                    js * 1.08,
                    y - 0.2,
                )])
                .map_err(err)?;
        }
        if let Some(t) = r.target {
            chart
                .draw_series([PathElement::new(
                    vec![(t, y - 0.46), (t, y + 0.46)],
                    TARGET.stroke_width(3),
                )])
                .map_err(err)?;
        }
    }
    // Legend, lower right: the bars there are short, the labels of the
    // top rows run long.
    let legend = [
        (WASM, "NeuronLab (Rust → wasm)"),
        (JS, "JS reference (object per neuron)"),
        (TARGET, "target"),
    ];
    draw_key(area, &legend, (W as i32 - 300, 410))
}

/// A key of colour swatches and names, one per 20 px line, from `(x, y)`
/// (the first line's middle) down.
pub(super) fn draw_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(RGBColor, &str)],
    (x, y): (i32, i32),
) -> Result<()> {
    for (k, (colour, name)) in entries.iter().enumerate() {
        let y = y + 20 * k as i32;
        area.draw(&Rectangle::new(
            [(x, y - 6), (x + 14, y + 6)],
            colour.filled(),
        ))
        .map_err(err)?;
        area.draw(&Text::new(*name, (x + 20, y), side_label()))
            .map_err(err)?;
    }
    Ok(())
}

/// The two small charts' frame: a 16 px caption over `x` × `y`.
fn small_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: String,
    x: Range<f64>,
    y: Range<f64>,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    ChartBuilder::on(area)
        .caption(caption, ink(16))
        .margin(14)
        .x_label_area_size(34)
        .y_label_area_size(60)
        .build_cartesian_2d(x, y)
        .map_err(err)
}

/// The two small charts' mesh: 5 ticks up the side, 12 px text and a faint
/// major grid only; the x ticks, axis names and formats are each chart's.
fn small_mesh<'m, 'a, 'b, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB>,
) -> &'m mut MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB> {
    mesh.y_labels(5)
        .label_style(ink(12))
        .axis_desc_style(ink(12))
        .bold_line_style(INK.mix(0.12))
        .light_line_style(TRANSPARENT)
}

fn draw_memory<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, b: &Browser) -> Result<()> {
    let m = &b.json["bench"]["memory"];
    let pts: Vec<(f64, f64)> = m["samples"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()? / 1_048_576.0)))
                .collect()
        })
        .unwrap_or_default();
    let steps = pts.last().map_or(1.0, |p| p.0.max(1.0));
    let top = pts.iter().map(|p| p.1).fold(1.0f64, f64::max) * 1.3;
    let caption = format!(
        "wasm memory during {} training steps",
        thousands(steps as u64)
    );
    let mut chart = small_chart(area, caption, 0.0..steps, 0.0..top)?;
    small_mesh(&mut chart.configure_mesh())
        .x_labels(5)
        .x_desc(format!(
            "steps after a {}-step warm-up",
            thousands(m["warmupSteps"].as_u64().unwrap_or(0))
        ))
        .y_desc("MiB")
        .x_label_formatter(&|v| format!("{:.0}k", v / 1000.0))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(pts.iter().copied(), WASM.stroke_width(2)))
        .map_err(err)?;
    chart
        .draw_series(pts.iter().map(|&p| Circle::new(p, 3, WASM.filled())))
        .map_err(err)?;
    Ok(())
}

fn draw_losses<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, b: &Browser) -> Result<()> {
    let c = &b.json["bench"]["check"];
    let curve: Vec<(f64, f64, f64)> = c["curve"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?, p[2].as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    let last = curve.last().map_or(1.0, |p| p.0.max(1.0));
    let top = curve.iter().map(|p| p.1.max(p.2)).fold(0.1f64, f64::max) * 1.15;
    let caption = format!(
        "loss per epoch, same weights and batches (max |Δ| {:.1e})",
        c["maxLossDiff"].as_f64().unwrap_or(f64::NAN)
    );
    let mut chart = small_chart(area, caption, 0.0..last, 0.0..top)?;
    small_mesh(&mut chart.configure_mesh())
        .x_labels(6)
        .x_desc("step")
        .y_desc("mean loss")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.2}"))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            curve.iter().map(|p| (p.0, p.1)),
            WASM.stroke_width(3),
        ))
        .map_err(err)?
        .label("wasm")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], WASM.stroke_width(3)));
    chart
        .draw_series(
            curve
                .iter()
                .map(|p| Circle::new((p.0, p.2), 5, JS.stroke_width(2))),
        )
        .map_err(err)?
        .label("JS reference")
        .legend(|(x, y)| Circle::new((x + 8, y), 5, JS.stroke_width(2)));
    chart
        .configure_series_labels()
        .label_font(ink(12))
        .background_style(WHITE.mix(0.9))
        .border_style(INK.mix(0.3))
        .position(SeriesLabelPosition::LowerLeft)
        .draw()
        .map_err(err)?;
    Ok(())
}

/// Writes `rgb` (`size` pixels, 8-bit RGB) as a PNG at `path`.
pub(super) fn write_png(path: &Path, rgb: &[u8], (w, h): (u32, u32)) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().context("writing the PNG header")?;
    writer.write_image_data(rgb).context("writing the PNG")?;
    writer.finish().context("finishing the PNG")?;
    Ok(())
}
