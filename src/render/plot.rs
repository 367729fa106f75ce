//! The data plot's static layer over the field, drawn with plotters: the
//! axes with ticks, the grid and the points (the model layer above it is
//! SVG: [`super::overlay`]).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::kit::{area, draw_marks, err, Chart, Root, Sample, INK};
use super::overlay::{PlotInput, MARK_R};
use super::view::{Rect, View};
use crate::core::analysis::grid::Domain;
use crate::core::data::Task;

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

/// A sample as the static layer draws it (see [`Sample`]); `None` for a
/// point lifted off it.
type Mark = Option<Sample>;

/// Past this many changed points the whole layer is drawn again.
const MAX_PATCHED: usize = 24;

/// What the static layer shows, so that a change to a few points (one
/// added, removed, moved, lifted for a drag or dropped) redraws only the
/// squares around them: with 2,000 points the whole layer costs a slow
/// laptop a frame of 150 ms, a square well under one.
#[derive(Default)]
pub struct StaticLayer {
    /// What the layer's frame was drawn for (mode, split, size); `None`
    /// when it must be drawn whole.
    key: Option<[u64; 5]>,
    /// The data version and lifted point the marks were taken at.
    data: Option<(u64, Option<usize>)>,
    marks: Vec<Mark>,
    view: Option<View>,
}

impl StaticLayer {
    /// Forgets what was drawn: the next draw is whole.
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    /// Brings `canvas` (already sized) up to `input`: whole when the frame
    /// or many points changed, else only around the points that did.
    /// Returns the plotting area in device pixels, and whether anything was
    /// drawn.
    pub fn draw(
        &mut self,
        canvas: &HtmlCanvasElement,
        input: &PlotInput,
        key: [u64; 5],
    ) -> Result<(View, bool), String> {
        let s = input.session;
        let data = Some((s.data_version(), input.lifted));
        if let (true, Some(v)) = (self.key == Some(key) && self.data == data, self.view) {
            return Ok((v, false));
        }
        self.data = data;
        let marks = marks_of(input);
        let changed = match (self.key == Some(key), self.view) {
            (true, Some(v)) => Some((changes(&self.marks, &marks), v)),
            _ => None,
        };
        let around = match changed {
            Some((c, v)) if c.is_empty() => {
                self.marks = marks;
                return Ok((v, false));
            }
            Some((c, _)) if c.len() <= MAX_PATCHED => c,
            _ => Vec::new(),
        };
        let view = draw_layer(canvas, input, &marks, &around)?;
        (self.key, self.marks, self.view) = (Some(key), marks, Some(view));
        Ok((view, true))
    }
}

/// The samples of `input` as the layer draws them.
fn marks_of(input: &PlotInput) -> Vec<Mark> {
    let s = input.session;
    let points = s.data().points.iter().enumerate();
    points
        .map(|(i, p)| (input.lifted != Some(i)).then_some(((p.x, p.y), p.class, s.is_heldout(i))))
        .collect()
}

/// Draws the whole static layer into `canvas` (already sized): axes with
/// ticks, the grid and the points. Returns the plotting area's mapping, in
/// device pixels.
pub fn draw_plot(canvas: &HtmlCanvasElement, input: &PlotInput) -> Result<View, String> {
    draw_layer(canvas, input, &marks_of(input), &[])
}

/// The marks that differ between `old` and `new`, as they were and as they
/// are: what lies between the longest common start and end.
fn changes(old: &[Mark], new: &[Mark]) -> Vec<Sample> {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = (old[start..].iter().rev())
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&old[start..old.len() - end], &new[start..new.len() - end]);
    a.iter().chain(b).flatten().copied().collect()
}

/// Draws the static layer with `marks` into `canvas`: the whole canvas
/// when `around` is empty; else only the squares around those samples'
/// marks (where they were or now are), cleared and drawn again: the same
/// marks in the same order as a whole draw (the rasteriser may smooth an
/// edge a few levels differently).
fn draw_layer(
    canvas: &HtmlCanvasElement,
    input: &PlotInput,
    marks: &[Mark],
    around: &[Sample],
) -> Result<View, String> {
    let ctx = super::canvas::context(canvas)?;
    let root = area(canvas)?;
    let dpr = input.dpr;
    let mut chart = chart_on(&root, dpr)?;
    // Half the side of a mark's square: its farthest corner, its widest
    // edge (a miter may reach a full width out) and a pixel of smoothing.
    let half = (1.3 * MARK_R * dpr + 2.0 * dpr + 2.0).ceil() as i32;
    let centres: Vec<(i32, i32)> = (around.iter()).map(|m| chart.backend_coord(&m.0)).collect();
    if centres.is_empty() {
        ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    } else {
        ctx.save();
        ctx.begin_path();
        for &(x, y) in &centres {
            let side = 2.0 * half as f64;
            ctx.rect((x - half) as f64, (y - half) as f64, side, side);
            ctx.clear_rect((x - half) as f64, (y - half) as f64, side, side);
        }
        ctx.clip();
    }
    let font = (FontFamily::SansSerif, 12.0 * dpr).into_font().color(&INK);
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
    // A mark is drawn again when its square meets a cleared one.
    let near = |m: &Sample| {
        let (x, y) = chart.backend_coord(&m.0);
        centres.is_empty()
            || (centres.iter())
                .any(|&(cx, cy)| (x - cx).abs() < 2 * half && (y - cy).abs() < 2 * half)
    };
    let regression = input.session.settings().task == Task::Regression;
    let r = (MARK_R * dpr) as i32;
    let widths = ((2.0 * dpr) as u32, (1.5 * dpr).max(1.0) as u32);
    let samples: Vec<Sample> = marks.iter().flatten().copied().filter(near).collect();
    draw_marks(canvas, &chart, &samples, r, regression, widths)?;
    if !centres.is_empty() {
        ctx.restore();
    }
    root.present().map_err(err)?;
    Ok(view)
}
