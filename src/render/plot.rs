//! The data plot's two plotters layers over the field: the static layer
//! (axes with ticks, the grid, the points) and the model layer (the decision
//! boundary, the line `w·x + b = 0` with `w` as its normal, the regression
//! curve with residuals, the last update's samples ringed, the perceptron's
//! misclassified points ringed in red, the handles that turn the line).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::kit::{area, draw_marks, Chart, Root, INK};
use super::view::{clip, line_in_domain, Rect, View};
use crate::app::line::{arrow, Line};
use crate::core::analysis::grid::Domain;
use crate::core::data::Task;
use crate::core::model::ModelKind;
use crate::core::session::Session;

/// What to draw on the overlay.
pub struct PlotInput<'a> {
    /// The session whose data and model are shown.
    pub session: &'a Session,
    /// Decision-boundary segments (data coordinates), from the field.
    pub boundary: &'a [[f64; 4]],
    /// Dataset indices to ring (the samples of the last update).
    pub highlight: &'a [usize],
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Names of the x and y axes.
    pub axes: (&'a str, &'a str),
    /// The line `(w1, w2, b)` to draw instead of the model's (a transition
    /// from the old line to the new one).
    pub line: Option<(f64, f64, f64)>,
    /// Ring the perceptron's misclassified points (not while playing).
    pub misses: bool,
    /// The keyboard cursor, in data coordinates, when shown.
    pub cursor: Option<(f64, f64)>,
    /// A point lifted off the static layer (the one being dragged): drawn
    /// on the model layer instead, so a drag redraws one mark, not them all.
    pub lifted: Option<usize>,
}

/// Most samples of the last update ringed on the plot.
const MAX_RINGS: usize = 32;
/// Most misclassified points ringed in red (the perceptron's).
const MAX_MISSES: usize = 500;
/// The ring of a misclassified point.
const RED: RGBColor = RGBColor(200, 45, 60);

/// The samples of `session`'s last update, to ring on the model layer.
pub fn last_batch(session: &Session) -> Vec<usize> {
    session
        .last_update()
        .map(|u| u.samples.iter().take(MAX_RINGS).copied().collect())
        .unwrap_or_default()
}

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

/// Draws the model layer into `canvas` (the same size as the plot, under
/// it): the decision boundary and, for linear two-class models, the line
/// `w·x + b = 0` with `w`; in regression the fitted curve and residuals;
/// and rings around the samples of the last update. Redrawn every frame
/// while training.
pub fn draw_model(canvas: &HtmlCanvasElement, input: &PlotInput) -> Result<(), String> {
    super::canvas::clear(canvas)?;
    let root = area(canvas)?;
    let dpr = input.dpr;
    let domain = Domain::default();
    let font = (FontFamily::SansSerif, 12.0 * dpr).into_font().color(&INK);
    let mut chart = chart_on(&root, dpr)?;
    let line = |w: f64| (w * dpr).max(1.0) as u32;
    let s = input.session;
    match s.settings().task {
        Task::Classification => {
            // Every segment in one canvas path, stroked once: a stroke per
            // segment (hundreds) cost the browser most of a frame to raster.
            let ctx = super::canvas::context(canvas)?;
            ctx.begin_path();
            for g in input.boundary {
                let (a, b) = (
                    chart.backend_coord(&(g[0], g[1])),
                    chart.backend_coord(&(g[2], g[3])),
                );
                ctx.move_to(a.0 as f64, a.1 as f64);
                ctx.line_to(b.0 as f64, b.1 as f64);
            }
            ctx.set_stroke_style_str(&super::kit::ink(0.75));
            ctx.set_line_width(line(2.0) as f64);
            ctx.set_line_cap("round");
            ctx.stroke();
            let exact = s.model().linear_boundary();
            if let Some((w1, w2, b)) = exact.and(input.line).or(exact) {
                draw_normal(&mut chart, w1, w2, b, &domain, dpr, &font)?;
            }
        }
        Task::Regression => draw_fit(&mut chart, s, &domain, dpr)?,
    }
    let pts = &s.data().points;
    let r = (4.5 * dpr) as i32;
    // The perceptron's walk: every point it gets wrong now is ringed in red,
    // and (as for every model) the samples of the last update in ink; one
    // series of rings for both keeps the wasm small.
    let mut rings = Vec::new();
    if input.misses && s.model().kind() == ModelKind::Perceptron {
        let m = s.model();
        let miss = RED.stroke_width((2.0 * dpr) as u32);
        let wrong = pts.iter().filter(|p| m.predict_class(p.x, p.y) != p.class);
        rings.extend(
            wrong
                .take(MAX_MISSES)
                .map(|p| Circle::new((p.x, p.y), r + (1.5 * dpr) as i32, miss)),
        );
    }
    let ring = INK.stroke_width((2.0 * dpr) as u32);
    let batch = input.highlight.iter().filter_map(|&i| pts.get(i));
    rings.extend(batch.map(|p| Circle::new((p.x, p.y), r + (3.0 * dpr) as i32, ring)));
    chart.draw_series(rings).map_err(err)?;
    if let Some(i) = input.lifted.filter(|&i| i < pts.len()) {
        let p = &pts[i];
        let mark = ((p.x, p.y), p.class, s.is_heldout(i));
        let widths = ((2.0 * dpr) as u32, (1.5 * dpr).max(1.0) as u32);
        let regression = s.settings().task == Task::Regression;
        draw_marks(canvas, &chart, std::iter::once(mark), r, regression, widths)?;
    }
    if let Some(at) = input.cursor {
        draw_cursor(canvas, &chart, at, dpr)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

/// The keyboard cursor at `at`: an ink ring with four ticks, on a white halo
/// so that it shows over any colour; one canvas path stroked twice.
fn draw_cursor(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    at: (f64, f64),
    dpr: f64,
) -> Result<(), String> {
    let ctx = super::canvas::context(canvas)?;
    let (x, y) = chart.backend_coord(&at);
    let (x, y, r, t) = (x as f64, y as f64, 9.0 * dpr, 15.0 * dpr);
    ctx.begin_path();
    ctx.move_to(x + r, y);
    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
    for (dx, dy) in [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)] {
        ctx.move_to(x + dx * r, y + dy * r);
        ctx.line_to(x + dx * t, y + dy * t);
    }
    for (colour, width) in [("#ffffff", 5.0), ("#282c34", 2.0)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width * dpr);
        ctx.stroke();
    }
    Ok(())
}

/// The line `w·x + b = 0` (dashed) and the vector `w` drawn from the point of
/// the line nearest the origin: `w` is normal to the line and points to class 2.
fn draw_normal(
    chart: &mut Chart,
    w1: f64,
    w2: f64,
    b: f64,
    domain: &Domain,
    dpr: f64,
    font: &TextStyle,
) -> Result<(), String> {
    let Some(seg) = line_in_domain(w1, w2, b, domain) else {
        return Ok(());
    };
    let style = RGBColor(20, 20, 20).stroke_width((1.5 * dpr).max(1.0) as u32);
    // Dashes along the segment, 0.3 data units on, 0.2 off.
    let (dx, dy) = (seg[2] - seg[0], seg[3] - seg[1]);
    let len = (dx * dx + dy * dy).sqrt();
    let mut t = 0.0;
    let mut dashes = Vec::new();
    while t < len {
        let t1 = (t + 0.3).min(len);
        dashes.push(vec![
            (seg[0] + dx * t / len, seg[1] + dy * t / len),
            (seg[0] + dx * t1 / len, seg[1] + dy * t1 / len),
        ]);
        t += 0.5;
    }
    chart
        .draw_series(dashes.into_iter().map(|d| PathElement::new(d, style)))
        .map_err(err)?;

    // The arrow's tip is the handle that turns the line (app::line).
    let Some(((fx, fy), (tx, ty))) = arrow(w1, w2, b) else {
        return Ok(());
    };
    let n = w1.hypot(w2);
    let (ux, uy) = (w1 / n, w2 / n);
    let head = 0.35;
    let (hx1, hy1) = (tx - head * (ux - 0.5 * uy), ty - head * (uy + 0.5 * ux));
    let (hx2, hy2) = (tx - head * (ux + 0.5 * uy), ty - head * (uy - 0.5 * ux));
    let arrow_style = RGBColor(20, 20, 20);
    let shaft = arrow_style.stroke_width((2.5 * dpr) as u32);
    chart
        .draw_series([
            PathElement::new(vec![(fx, fy), (tx, ty)], shaft),
            PathElement::new(vec![(hx1, hy1), (tx, ty), (hx2, hy2)], shaft),
        ])
        .map_err(err)?;
    chart
        .draw_series([
            Circle::new((tx, ty), (4.0 * dpr) as i32, arrow_style.filled()),
            Circle::new((tx, ty), (6.0 * dpr) as i32, arrow_style.stroke_width(1)),
        ])
        .map_err(err)?;
    chart
        .draw_series([Text::new(
            "w",
            (tx + 0.25 * ux, ty + 0.25 * uy),
            font.clone(),
        )])
        .map_err(err)?;
    Ok(())
}

/// The fitted curve `ŷ(x)` across the plot and a residual segment per point.
fn draw_fit(chart: &mut Chart, s: &Session, domain: &Domain, dpr: f64) -> Result<(), String> {
    let model = s.model();
    let predict = |x: f64| {
        let mut y = [0.0];
        model.predict(x, 0.0, &mut y);
        y[0]
    };
    let pts = &s.data().points;
    let residual = RGBColor(200, 45, 60)
        .mix(0.7)
        .stroke_width((1.2 * dpr).max(1.0) as u32);
    chart
        .draw_series(pts.iter().filter_map(|p| {
            clip([p.x, p.y, p.x, predict(p.x)], domain)
                .map(|c| PathElement::new(vec![(c[0], c[1]), (c[2], c[3])], residual))
        }))
        .map_err(err)?;
    let steps = 300;
    let xs: Vec<f64> = (0..=steps)
        .map(|i| domain.x_min + (domain.x_max - domain.x_min) * i as f64 / steps as f64)
        .collect();
    let ys: Vec<f64> = xs.iter().map(|&x| predict(x)).collect();
    let blue = RGBColor(41, 114, 196);
    let curve = blue.stroke_width((2.5 * dpr) as u32);
    chart
        .draw_series((0..steps).filter_map(|i| {
            clip([xs[i], ys[i], xs[i + 1], ys[i + 1]], domain)
                .map(|c| PathElement::new(vec![(c[0], c[1]), (c[2], c[3])], curve))
        }))
        .map_err(err)?;
    // Linear regression's handle that turns the line (app::line).
    if let Some(h) = Line::of(s).and_then(|l| l.handle()) {
        chart
            .draw_series([
                Circle::new(h, (5.0 * dpr) as i32, WHITE.filled()),
                Circle::new(h, (5.0 * dpr) as i32, blue.stroke_width((2.0 * dpr) as u32)),
            ])
            .map_err(err)?;
    }
    Ok(())
}

fn draw_points(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    input: &PlotInput,
    dpr: f64,
) -> Result<(), String> {
    let s = input.session;
    let regression = s.settings().task == Task::Regression;
    let r = (4.5 * dpr) as i32;
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
