//! The data plot's static layer over the field, drawn with plotters: the
//! axes with ticks, the grid and the points (the model layer above it is
//! SVG: [`super::overlay`]).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::kit::{area, draw_marks, Chart, Root, INK};
use super::overlay::{PlotInput, MARK_R};
use super::view::{Rect, View};
use crate::core::analysis::grid::Domain;
use crate::core::data::Task;

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

fn chart_on<'a>(root: &'a Root, dpr: f64) -> Result<Chart<'a>, String> {
    let domain = Domain::default();
    ChartBuilder::on(root)
        .margin_top((8.0 * dpr) as i32)
        .margin_right((10.0 * dpr) as i32)
        .x_label_area_size((34.0 * dpr) as i32)
        .y_label_area_size((38.0 * dpr) as i32)
        .build_cartesian_2d(domain.x_min..domain.x_max, domain.y_min..domain.y_max)
        .map_err(err)
}

/// Draws the static layer into `canvas` (already sized): axes with ticks,
/// the grid and the points. Returns the plotting area's mapping, in device
/// pixels. It changes only with the data, so the app redraws it only then.
pub fn draw_plot(canvas: &HtmlCanvasElement, input: &PlotInput) -> Result<View, String> {
    super::canvas::clear(canvas)?;
    let root = area(canvas)?;
    let dpr = input.dpr;
    let font = (FontFamily::SansSerif, 12.0 * dpr).into_font().color(&INK);
    let mut chart = chart_on(&root, dpr)?;
    chart
        .configure_mesh()
        .x_labels(7)
        .y_labels(7)
        .x_desc(input.axes.0)
        .y_desc(input.axes.1)
        .label_style(font.clone())
        .axis_desc_style(font)
        .bold_line_style(INK.mix(0.10))
        .light_line_style(TRANSPARENT)
        .axis_style(ShapeStyle::from(INK.mix(0.6)).stroke_width(dpr.max(1.0) as u32))
        .x_label_formatter(&|v| format!("{v}"))
        .y_label_formatter(&|v| format!("{v}"))
        .draw()
        .map_err(err)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let view = View {
        area: Rect {
            left: xr.start as f64,
            top: yr.start as f64,
            width: (xr.end - xr.start) as f64,
            height: (yr.end - yr.start) as f64,
        },
        domain: Domain::default(),
    };
    draw_points(canvas, &chart, input, dpr)?;
    root.present().map_err(err)?;
    Ok(view)
}

fn draw_points(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    input: &PlotInput,
    dpr: f64,
) -> Result<(), String> {
    let s = input.session;
    let regression = s.settings().task == Task::Regression;
    let r = (MARK_R * dpr) as i32;
    let widths = ((2.0 * dpr) as u32, (1.5 * dpr).max(1.0) as u32);
    let pts = &s.data().points;
    let samples = pts
        .iter()
        .enumerate()
        .filter(|&(i, _)| input.lifted != Some(i))
        .map(|(i, p)| ((p.x, p.y), p.class, s.is_heldout(i)));
    draw_marks(canvas, chart, samples, r, regression, widths)?;
    Ok(())
}
