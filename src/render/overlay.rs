//! The data plot's model layer as SVG markup: the decision boundary, the
//! line `w·x + b = 0` with `w` drawn as its normal, the regression curve
//! with its residuals, the last update's samples ringed, the perceptron's
//! misclassified points ringed in red, the handles that turn the line; and,
//! apart, the marks that move under the pointer (a dragged point, the
//! keyboard cursor).
//!
//! SVG, not a canvas: the browser rasterises a changed SVG off the main
//! thread, where a canvas as large as the plot is copied and committed on it
//! every frame (most of a frame on a slow laptop). The two parts are set
//! separately, so a drag redraws one mark. Pure: built and tested natively.
//! Coordinates are written in tenths of a CSS pixel, as integers.

use std::fmt::Write;

use super::palette::{mark_paint, Shape, INK_HEX as INK};
use super::view::{clip, line_in_domain, View};
use crate::app::line::{arrow, Line, ARROW_LEN};
use crate::core::analysis::ood::ShiftedPoint;
use crate::core::data::Task;
use crate::core::model::ModelKind;
use crate::core::session::Session;

/// What the plot shows besides the field.
#[derive(Clone, Copy)]
pub struct PlotInput<'a> {
    /// The session whose data and model are shown.
    pub session: &'a Session,
    /// Decision-boundary segments (data coordinates), from the field.
    pub boundary: &'a [[f64; 4]],
    /// Dataset indices to ring (the samples of the last update).
    pub highlight: &'a [usize],
    /// Device pixels per CSS pixel (for the canvas layers).
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
    /// with the moving marks instead, so a drag redraws one mark.
    pub lifted: Option<usize>,
    /// Where `w` is drawn from while its tip is turned (the pivot, which
    /// stays on the line), instead of the foot of the normal.
    pub pivot: Option<(f64, f64)>,
    /// The test points shifted away from the training ones, drawn hollow,
    /// a red cross on each the model is sure of and wrong about.
    pub shifted: &'a [ShiftedPoint],
}

impl<'a> PlotInput<'a> {
    /// `session` alone at `dpr`: no boundary, rings, line, cursor or
    /// lifted point, axes `x1` and `x2`.
    pub fn new(session: &'a Session, dpr: f64) -> Self {
        PlotInput {
            session,
            boundary: &[],
            highlight: &[],
            dpr,
            axes: ("x1", "x2"),
            line: None,
            misses: false,
            cursor: None,
            lifted: None,
            pivot: None,
            shifted: &[],
        }
    }
}

/// The model layer's markup: `lines` (what the model draws) and `marks`
/// (the lifted point and the cursor), each the inside of an SVG `<g>`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Overlay {
    /// Boundary, line and `w`, curve, residuals, rings, handles.
    pub lines: String,
    /// The dragged point and the keyboard cursor.
    pub marks: String,
}

/// Most samples of the last update ringed on the plot.
const MAX_RINGS: usize = 32;
/// Most misclassified points ringed in red (the perceptron's).
const MAX_MISSES: usize = 500;
/// Most shifted test points drawn.
const MAX_SHIFTED: usize = 1000;
/// The ring of a misclassified point and the residuals.
const RED: &str = "#c82d3c";
/// The regression curve.
const BLUE: &str = "#2972c4";
/// Round caps and joins (the boundary's many short segments, the curve).
const ROUND: &str = "stroke-linecap='round' stroke-linejoin='round'";
/// A point's radius (CSS pixels), as on the static layer.
pub const MARK_R: f64 = 4.5;

/// The samples of `session`'s last update, to ring on the model layer.
pub fn last_batch(session: &Session) -> Vec<usize> {
    session
        .last_update()
        .map(|u| u.samples.iter().take(MAX_RINGS).copied().collect())
        .unwrap_or_default()
}

/// The `viewBox` of a layer `w × h` CSS pixels (in tenths, as the markup).
pub fn view_box(w: f64, h: f64) -> String {
    let mut s = String::from("0 0 ");
    num(&mut s, w);
    s.push(' ');
    num(&mut s, h);
    s
}

/// The model layer of `input` on `view` (in CSS pixels).
pub fn overlay(input: &PlotInput, view: &View) -> Overlay {
    let s = input.session;
    let mut p = Pen {
        out: String::new(),
        view,
    };
    match s.settings().task {
        Task::Classification => {
            p.open(&format!("stroke='{INK}' stroke-opacity='.75' {ROUND}"), 2.0);
            for g in input.boundary {
                p.seg(g[0], g[1], g[2], g[3]);
            }
            p.close();
            let exact = s.model().linear_boundary();
            if let Some((w1, w2, b)) = exact.and(input.line).or(exact) {
                normal(&mut p, (w1, w2, b), input.pivot);
            }
            shifted(&mut p, input.shifted);
        }
        Task::Regression => fit(&mut p, s),
    }
    let pts = &s.data().points;
    if input.misses && s.model().kind() == ModelKind::Perceptron {
        let m = s.model();
        p.open(&format!("stroke='{RED}'"), 2.0);
        let wrong = pts.iter().filter(|q| m.predict_class(q.x, q.y) != q.class);
        for q in wrong.take(MAX_MISSES) {
            p.ring(q.x, q.y, MARK_R + 1.5);
        }
        p.close();
    }
    p.open(&format!("stroke='{INK}'"), 2.0);
    for q in input.highlight.iter().filter_map(|&i| pts.get(i)) {
        p.ring(q.x, q.y, MARK_R + 3.0);
    }
    p.close();
    let lines = std::mem::take(&mut p.out);

    if let Some(i) = input.lifted.filter(|&i| i < pts.len()) {
        let q = &pts[i];
        let regression = s.settings().task == Task::Regression;
        p.mark((q.x, q.y), q.class, s.is_heldout(i), regression);
    }
    if let Some((x, y)) = input.cursor {
        cursor(&mut p, x, y);
    }
    Overlay {
        lines,
        marks: p.out,
    }
}

/// Writes `v` CSS pixels in tenths, as an integer.
fn num(out: &mut String, v: f64) {
    let t = (v * 10.0).round().clamp(-1e7, 1e7) as i64;
    let _ = write!(out, "{t}");
}

/// Writes markup in CSS pixels of `view`.
struct Pen<'a> {
    out: String,
    view: &'a View,
}

impl Pen<'_> {
    /// Opens an unfilled `<path>` with `attrs`, `width` CSS pixels wide.
    fn open(&mut self, attrs: &str, width: f64) {
        self.open_filled("none", attrs, width);
    }

    /// Opens a `<path>` filled with `fill`, with `attrs`, `width` CSS
    /// pixels wide.
    fn open_filled(&mut self, fill: &str, attrs: &str, width: f64) {
        self.out.push_str("<path fill='");
        self.out.push_str(fill);
        self.out.push_str("' ");
        self.out.push_str(attrs);
        self.out.push_str(" stroke-width='");
        num(&mut self.out, width);
        self.out.push_str("' d='");
    }

    /// Ends the `<path>` opened last.
    fn close(&mut self) {
        self.out.push_str("'/>");
    }

    /// A move (`M`) or line (`L`) to data point `(x, y)`.
    fn to(&mut self, op: char, x: f64, y: f64) {
        let (px, py) = self.view.to_px(x, y);
        self.px(op, px, py);
    }

    /// A move (`M`) or line (`L`) to pixel `(px, py)`.
    fn px(&mut self, op: char, px: f64, py: f64) {
        self.out.push(op);
        num(&mut self.out, px);
        self.out.push(' ');
        num(&mut self.out, py);
    }

    /// The segment between two data points.
    fn seg(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.to('M', x0, y0);
        self.to('L', x1, y1);
    }

    /// A circle of `r` CSS pixels round data point `(x, y)`, as two arcs.
    fn ring(&mut self, x: f64, y: f64, r: f64) {
        let (px, py) = self.view.to_px(x, y);
        self.px('M', px + r, py);
        for dx in [-2.0 * r, 2.0 * r] {
            self.out.push('a');
            num(&mut self.out, r);
            self.out.push(' ');
            num(&mut self.out, r);
            self.out.push_str(" 0 1 0 ");
            num(&mut self.out, dx);
            self.out.push_str(" 0");
        }
    }

    /// A filled circle of `r` CSS pixels at data point `at`.
    fn dot(&mut self, at: (f64, f64), r: f64, fill: &str, stroke: &str, width: f64) {
        self.open_filled(fill, &format!("stroke='{stroke}'"), width);
        self.ring(at.0, at.1, r);
        self.close();
    }

    /// A sample's mark, as on the static layer ([`mark_paint`]; a held-out
    /// sample's coloured edge is wider).
    fn mark(&mut self, at: (f64, f64), class: usize, held: bool, regression: bool) {
        let (shape, fill, edge) = mark_paint(class, held, regression);
        let width = if held { 2.0 } else { 1.5 };
        let join = if shape == Shape::Circle {
            ""
        } else {
            " stroke-linejoin='round'"
        };
        self.open_filled(&fill, &format!("stroke='{edge}'{join}"), width);
        self.outline(at, shape);
        self.close();
    }

    /// The outline of `shape` round data point `at`, as a mark draws it.
    fn outline(&mut self, at: (f64, f64), shape: Shape) {
        if shape == Shape::Circle {
            return self.ring(at.0, at.1, MARK_R);
        }
        let (px, py) = self.view.to_px(at.0, at.1);
        for (k, &(dx, dy)) in shape.outline().iter().enumerate() {
            self.px(
                if k == 0 { 'M' } else { 'L' },
                px + dx * MARK_R,
                py + dy * MARK_R,
            );
        }
        self.out.push('Z');
    }
}

/// The shifted test points, dashed outlines in their class's colour and
/// shape (a held-out point is drawn hollow: these are not it), and a red
/// cross on each the model is at least 90% sure of and wrong about.
fn shifted(p: &mut Pen, points: &[ShiftedPoint]) {
    if points.is_empty() {
        return;
    }
    let d = p.view.domain;
    let shown = || {
        points.iter().take(MAX_SHIFTED).filter(move |q| {
            (d.x_min..=d.x_max).contains(&q.x) && (d.y_min..=d.y_max).contains(&q.y)
        })
    };
    for q in shown() {
        let (shape, _, edge) = mark_paint(q.class, true, false);
        p.open(&format!("stroke='{edge}' stroke-dasharray='20 15'"), 2.0);
        p.outline((q.x, q.y), shape);
        p.close();
    }
    p.open(&format!("stroke='{RED}' stroke-linecap='round'"), 2.5);
    for q in shown().filter(|q| q.confident_wrong()) {
        let (cx, cy) = p.view.to_px(q.x, q.y);
        let r = MARK_R + 2.5;
        for (dx, dy) in [(1.0, 1.0), (1.0, -1.0)] {
            p.px('M', cx - dx * r, cy - dy * r);
            p.px('L', cx + dx * r, cy + dy * r);
        }
    }
    p.close();
}

/// The line `w·x + b = 0` (dashed, 0.3 data units on, 0.2 off) and the
/// vector `w` from the point of the line nearest the origin (or from
/// `from`, a point of the line), with its round handle (the tip, which
/// turns the line: `app::line`) and its name.
fn normal(p: &mut Pen, (w1, w2, b): (f64, f64, f64), from: Option<(f64, f64)>) {
    let Some(seg) = line_in_domain(w1, w2, b, &p.view.domain) else {
        return;
    };
    let unit = 1.0 / p.view.data_per_px();
    let mut dash = String::new();
    num(&mut dash, 0.3 * unit);
    dash.push(' ');
    num(&mut dash, 0.2 * unit);
    p.open(&format!("stroke='#141414' stroke-dasharray='{dash}'"), 1.5);
    p.seg(seg[0], seg[1], seg[2], seg[3]);
    p.close();
    let n = w1.hypot(w2);
    let (ux, uy) = (w1 / n, w2 / n);
    let from = from.map(|(fx, fy)| ((fx, fy), (fx + ARROW_LEN * ux, fy + ARROW_LEN * uy)));
    let Some(((fx, fy), (tx, ty))) = from.or_else(|| arrow(w1, w2, b)) else {
        return;
    };
    let head = 0.35;
    p.open("stroke='#141414' stroke-linejoin='round'", 2.5);
    p.seg(fx, fy, tx, ty);
    p.to(
        'M',
        tx - head * (ux - 0.5 * uy),
        ty - head * (uy + 0.5 * ux),
    );
    p.to('L', tx, ty);
    p.to(
        'L',
        tx - head * (ux + 0.5 * uy),
        ty - head * (uy - 0.5 * ux),
    );
    p.close();
    p.dot((tx, ty), 4.0, "#141414", "#141414", 0.1);
    p.open("stroke='#141414'", 1.0);
    p.ring(tx, ty, 6.0);
    p.close();
    let (lx, ly) = p.view.to_px(tx + 0.25 * ux, ty + 0.25 * uy);
    p.out.push_str(
        "<text font-size='120' font-family='sans-serif' dominant-baseline='hanging' fill='",
    );
    p.out.push_str(INK);
    p.out.push_str("' x='");
    num(&mut p.out, lx);
    p.out.push_str("' y='");
    num(&mut p.out, ly);
    p.out.push_str("'>w</text>");
}

/// The fitted curve `ŷ(x)` across the plot, a residual segment per point
/// and, for linear regression, the handle that turns the line.
fn fit(p: &mut Pen, s: &Session) {
    let model = s.model();
    let predict = |x: f64| {
        let mut y = [0.0];
        model.predict(x, 0.0, &mut y);
        y[0]
    };
    let domain = p.view.domain;
    p.open(&format!("stroke='{RED}' stroke-opacity='.7'"), 1.2);
    for q in &s.data().points {
        if let Some(c) = clip([q.x, q.y, q.x, predict(q.x)], &domain) {
            p.seg(c[0], c[1], c[2], c[3]);
        }
    }
    p.close();
    let steps = 300;
    let x = |i: usize| domain.x_min + (domain.x_max - domain.x_min) * i as f64 / steps as f64;
    p.open(&format!("stroke='{BLUE}' {ROUND}"), 2.5);
    let mut last = None;
    let (mut x0, mut y0) = (x(0), predict(x(0)));
    for i in 1..=steps {
        let (x1, y1) = (x(i), predict(x(i)));
        if let Some(c) = clip([x0, y0, x1, y1], &domain) {
            // One polyline while the curve stays inside the plot.
            if last != Some((c[0], c[1])) {
                p.to('M', c[0], c[1]);
            }
            p.to('L', c[2], c[3]);
            last = Some((c[2], c[3]));
        }
        (x0, y0) = (x1, y1);
    }
    p.close();
    if let Some(h) = Line::of(s).and_then(|l| l.handle()) {
        p.dot(h, 5.0, "#ffffff", BLUE, 2.0);
    }
}

/// The keyboard cursor at data point `(x, y)`: an ink ring with four ticks
/// on a white halo, so that it shows over any colour.
fn cursor(p: &mut Pen, x: f64, y: f64) {
    let (cx, cy) = p.view.to_px(x, y);
    let (r, t) = (9.0, 15.0);
    for (colour, width) in [("#ffffff", 5.0), (INK, 2.0)] {
        p.open(&format!("stroke='{colour}'"), width);
        p.ring(x, y, r);
        for (dx, dy) in [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)] {
            p.px('M', cx + dx * r, cy + dy * r);
            p.px('L', cx + dx * t, cy + dy * t);
        }
        p.close();
    }
}
