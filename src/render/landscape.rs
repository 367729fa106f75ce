//! The loss landscape: the mean training loss `L(p_i, p_j)` over a window of
//! two chosen parameters, every other parameter held at its current value,
//! with the path those two parameters took during training drawn on it.
//!
//! Gradient descent walks downhill on this surface; the picture shows the
//! valley it is heading for, and why a large learning rate overshoots it.
//! It is a slice through a surface of many dimensions, so the path can leave
//! the slice's valley when the other parameters move too.
//!
//! Cost: [`Landscape::compute`] makes `n²` loss evaluations, each a forward
//! pass over every training sample, so `n² · N` forward passes in all
//! (`n = 32`, `N = 200`: about 205,000, some 30 ms natively for a 2-8-8-1
//! network). Compute it when the view is shown and the parameters have
//! changed, not on every frame. With thousands of points use
//! [`Landscape::compute_within`], which bounds the forward passes by
//! evaluating the grid on an evenly spread subset of the training samples.

use super::field::{grid_cell, marching_squares};
use super::view::Domain;
use crate::core::session::Session;

/// Grid nodes per side used by the app.
pub const DEFAULT_N: usize = 32;
/// Most grid nodes per side accepted (larger requests are clamped).
pub const MAX_N: usize = 128;
/// Most points kept of the training path.
pub const MAX_PATH: usize = 400;
/// The window reaches at least this far either side of the current values.
pub const MIN_HALF_WIDTH: f64 = 1.0;
/// The parameter pair shown first: the first two parameters (`w1`, `w2` of a single unit).
pub const DEFAULT_PAIR: (usize, usize) = (0, 1);
/// Forward passes the app allows one landscape (about 250 training samples
/// at `n = 32`): a few tens of milliseconds.
pub const DEFAULT_BUDGET: usize = 250_000;
/// Loss ranges spanning more than this many decades are shaded on a log scale.
pub const LOG_DECADES: f64 = 2.0;

/// The training loss over a window of two parameters, and the path taken.
#[derive(Clone, Debug, PartialEq)]
pub struct Landscape {
    /// Indices `(i, j)` of the two parameters: `p_i` along x, `p_j` along y.
    pub params: (usize, usize),
    /// Their names, as in [`crate::core::model::Model::param_names`].
    pub names: (String, String),
    /// Grid nodes per side.
    pub n: usize,
    /// The window: `p_i` over `[x_min, x_max]`, `p_j` over `[y_min, y_max]`.
    pub domain: Domain,
    /// `n·n` mean training losses, row by row; row 0 at the top (`p_j = y_max`),
    /// column 0 at the left (`p_i = x_min`), as [`marching_squares`] expects.
    pub values: Vec<f64>,
    /// `(p_i, p_j)` after each kept step, oldest first, at most [`MAX_PATH`]
    /// points; the last is the current point.
    pub path: Vec<[f64; 2]>,
    /// The current values `(p_i, p_j)`.
    pub current: [f64; 2],
    /// The loss at the current parameters over all training samples (the
    /// session's training loss).
    pub current_loss: f64,
    /// Training samples the grid's losses were averaged over: all of them,
    /// or fewer when [`Landscape::compute_within`] had to bound the cost.
    pub samples: usize,
    /// Smallest finite loss on the grid.
    pub min: f64,
    /// Largest finite loss on the grid.
    pub max: f64,
    /// True when the shading is logarithmic (the range spans more than
    /// [`LOG_DECADES`] decades).
    pub log_scale: bool,
    /// Lowest loss the log scale resolves (losses below it shade as it).
    pub floor: f64,
}

impl Landscape {
    /// Evaluates the mean training loss on an `n × n` grid over parameters
    /// `p_i` (x) and `p_j` (y) of `session`'s model, all others at their
    /// current values. The window holds the kept training path and the
    /// current point with a margin, and at least ±[`MIN_HALF_WIDTH`] around
    /// the current values. Out-of-range indices are clamped to the last
    /// parameter; `j == i` moves `j` to the next parameter. `n` is clamped to
    /// `2..=MAX_N`. Cost: `n²` loss evaluations (see the module notes).
    pub fn compute(session: &Session, i: usize, j: usize, n: usize) -> Landscape {
        Self::compute_within(session, i, j, n, usize::MAX)
    }

    /// As [`Landscape::compute`], but making at most about `max_passes`
    /// forward passes for the grid: when `n² · N` would exceed it, each node's
    /// loss is the mean over an evenly spread subset of
    /// `max(1, max_passes / n²)` training samples (recorded in
    /// [`Landscape::samples`]); the path, window and `current_loss` are
    /// exact. [`DEFAULT_BUDGET`] suits the app.
    pub fn compute_within(
        session: &Session,
        i: usize,
        j: usize,
        n: usize,
        max_passes: usize,
    ) -> Landscape {
        let model = session.model();
        let now = model.params();
        let count = now.len().max(1);
        let i = i.min(count - 1);
        let j = match j.min(count - 1) {
            j if j == i => (i + 1) % count,
            j => j,
        };
        let n = n.clamp(2, MAX_N);
        let current = [now[i], now[j]];

        let path = training_path(session, i, j, current);
        let (x_min, x_max) = window(path.iter().map(|p| p[0]), current[0]);
        let (y_min, y_max) = window(path.iter().map(|p| p[1]), current[1]);
        let domain = Domain {
            x_min,
            x_max,
            y_min,
            y_max,
        };

        let mut probe = model.clone_box();
        let pts = &session.data().points;
        let train = session.train_indices();
        let keep = (max_passes / (n * n)).max(1);
        let subset: Vec<usize>;
        let grid_samples = if train.len() > keep {
            subset = (0..keep).map(|k| train[k * train.len() / keep]).collect();
            &subset[..]
        } else {
            train
        };
        let mut values = Vec::with_capacity(n * n);
        for row in 0..n {
            let b = lerp(y_max, y_min, row, n);
            for col in 0..n {
                let a = lerp(x_min, x_max, col, n);
                let p = probe.net_mut().params_mut();
                p[i] = a;
                p[j] = b;
                values.push(probe.loss(pts, grid_samples));
            }
        }
        let p = probe.net_mut().params_mut();
        p[i] = current[0];
        p[j] = current[1];
        let current_loss = probe.loss(pts, train);

        let names = model.param_names();
        let name = |k: usize| {
            names
                .get(k)
                .cloned()
                .unwrap_or_else(|| format!("p{}", k + 1))
        };
        let (min, max, log_scale, floor) = scale(&values);
        Landscape {
            params: (i, j),
            names: (name(i), name(j)),
            n,
            domain,
            values,
            path,
            current,
            current_loss,
            samples: grid_samples.len(),
            min,
            max,
            log_scale,
            floor,
        }
    }

    /// The parameter values `(p_i, p_j)` at grid node `(row, col)`.
    pub fn node(&self, row: usize, col: usize) -> (f64, f64) {
        let d = &self.domain;
        (
            lerp(d.x_min, d.x_max, col, self.n),
            lerp(d.y_max, d.y_min, row, self.n),
        )
    }

    /// The loss at grid node `(row, col)`.
    pub fn value(&self, row: usize, col: usize) -> f64 {
        self.values[row * self.n + col]
    }

    /// Where loss `v` falls on the colour scale: 0 for the lowest loss on the
    /// grid (lightest), 1 for the highest (darkest); logarithmic when
    /// [`Landscape::log_scale`]. A non-finite loss counts as the highest.
    pub fn shade(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return 1.0;
        }
        let t = if self.log_scale {
            (v.max(self.floor).ln() - self.floor.ln()) / (self.max.ln() - self.floor.ln())
        } else if self.max > self.min {
            (v - self.min) / (self.max - self.min)
        } else {
            0.0
        };
        t.clamp(0.0, 1.0)
    }

    /// The loss at shade `t` (the inverse of [`Landscape::shade`]).
    pub fn level(&self, t: f64) -> f64 {
        if self.log_scale {
            (self.floor.ln() + t * (self.max.ln() - self.floor.ln())).exp()
        } else {
            self.min + t * (self.max - self.min)
        }
    }

    /// `count` contour lines at evenly spaced shades strictly between the
    /// lowest and the highest loss: each is `(loss level, shade,
    /// segments [x0, y0, x1, y1])`, traced by marching squares on the shades
    /// (so on a log scale they are evenly spaced in `log L`).
    pub fn contours(&self, count: usize) -> Vec<(f64, f64, Vec<[f64; 4]>)> {
        let shades: Vec<f64> = self.values.iter().map(|&v| self.shade(v)).collect();
        (1..=count)
            .map(|k| {
                let t = k as f64 / (count + 1) as f64;
                let shifted: Vec<f64> = shades.iter().map(|s| s - t).collect();
                (
                    self.level(t),
                    t,
                    marching_squares(&shifted, self.n, &self.domain),
                )
            })
            .filter(|c| !c.2.is_empty())
            .collect()
    }

    /// Paints the shaded landscape into `out` as `width × height` opaque RGBA
    /// pixels covering the window, the shade interpolated bilinearly between
    /// nodes (light = low loss, dark = high).
    pub fn paint(&self, width: usize, height: usize, out: &mut Vec<u8>) {
        out.clear();
        out.resize(width * height * 4, 255);
        if width == 0 || height == 0 {
            return;
        }
        let n = self.n;
        let shades: Vec<f64> = self.values.iter().map(|&v| self.shade(v)).collect();
        let cell = |p: usize, size: usize| grid_cell(p, size, n);
        let cols: Vec<(usize, f64)> = (0..width).map(|px| cell(px, width)).collect();
        for (py, line) in out.chunks_exact_mut(width * 4).enumerate() {
            let (r, fy) = cell(py, height);
            for (px, &(c, fx)) in line.chunks_exact_mut(4).zip(&cols) {
                let at = |rr: usize, cc: usize| shades[rr * n + cc];
                let top = at(r, c) + (at(r, c + 1) - at(r, c)) * fx;
                let bottom = at(r + 1, c) + (at(r + 1, c + 1) - at(r + 1, c)) * fx;
                let rgb = ramp(top + (bottom - top) * fy);
                px[..3].copy_from_slice(&rgb);
            }
        }
    }
}

/// The colour of shade `t ∈ [0, 1]`: near-white for low loss through blue to
/// dark navy for high loss.
pub fn ramp(t: f64) -> [u8; 3] {
    const STOPS: [[f64; 3]; 4] = [
        [250.0, 251.0, 253.0],
        [170.0, 205.0, 230.0],
        [70.0, 130.0, 190.0],
        [20.0, 50.0, 105.0],
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let g = t * (STOPS.len() - 1) as f64;
    let k = (g as usize).min(STOPS.len() - 2);
    let f = g - k as f64;
    [0, 1, 2].map(|c| (STOPS[k][c] + (STOPS[k + 1][c] - STOPS[k][c]) * f + 0.5) as u8)
}

/// Node `k` of `n` evenly spaced from `from` to `to`.
fn lerp(from: f64, to: f64, k: usize, n: usize) -> f64 {
    // Weighted so that both ends are exact.
    let t = k as f64 / (n - 1) as f64;
    from * (1.0 - t) + to * t
}

/// `(p_i, p_j)` of every kept snapshot up to the current step, oldest first,
/// ending at `current`, thinned evenly to at most [`MAX_PATH`] points
/// (the first and last always kept).
fn training_path(session: &Session, i: usize, j: usize, current: [f64; 2]) -> Vec<[f64; 2]> {
    let now = session.step_count();
    let count = session.model().params().len();
    let mut all: Vec<[f64; 2]> = session
        .history()
        .snapshots()
        .filter(|s| s.step <= now && s.params.len() == count)
        .map(|s| [s.params[i], s.params[j]])
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .collect();
    if all.last() != Some(&current) {
        all.push(current);
    }
    if all.len() <= MAX_PATH {
        return all;
    }
    let last = all.len() - 1;
    (0..MAX_PATH)
        .map(|k| all[(k * last + (MAX_PATH - 1) / 2) / (MAX_PATH - 1)])
        .collect()
}

/// The range along one axis: the path's extent plus 15% either side, and at
/// least `current ± MIN_HALF_WIDTH`.
fn window(values: impl Iterator<Item = f64>, current: f64) -> (f64, f64) {
    let (lo, hi) = values.fold((current, current), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = 0.15 * (hi - lo);
    (
        (lo - pad).min(current - MIN_HALF_WIDTH),
        (hi + pad).max(current + MIN_HALF_WIDTH),
    )
}

/// `(min, max, log_scale, floor)` of the finite values.
fn scale(values: &[f64]) -> (f64, f64, bool, f64) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (min, max) = finite
        .clone()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if min > max {
        return (0.0, 0.0, false, 0.0);
    }
    let smallest_positive = finite.filter(|&v| v > 0.0).fold(f64::INFINITY, f64::min);
    let floor = smallest_positive.max(max * 1e-6);
    let log_scale = max > 0.0 && floor.is_finite() && (max / floor).log10() > LOG_DECADES;
    (min, max, log_scale, if log_scale { floor } else { min })
}

/// Labels of the landscape view, in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct LandscapeLabels<'a> {
    /// The colour scale's name ("loss").
    pub loss: &'a str,
    /// Appended to it when the scale is logarithmic ("log scale").
    pub log_scale: &'a str,
    /// The training path's legend entry.
    pub path: &'a str,
    /// The current point's legend entry.
    pub current: &'a str,
}

#[cfg(target_arch = "wasm32")]
pub use self::drawing::draw_landscape;

#[cfg(target_arch = "wasm32")]
mod drawing {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    use web_sys::HtmlCanvasElement;

    use super::{ramp, Landscape, LandscapeLabels};
    use crate::render::canvas::put_rgba_at;
    use crate::render::format::fixed;
    use crate::render::kit::{draw_domain_axes, white_view, INK};

    const PATH: RGBColor = RGBColor(230, 126, 34);
    const NOW: RGBColor = RGBColor(200, 45, 60);

    fn err<E: std::fmt::Debug>(e: E) -> String {
        format!("drawing the loss landscape failed: {e:?}")
    }

    fn number(v: f64) -> String {
        match v.abs() {
            a if a != 0.0 && !(1e-3..1e4).contains(&a) => format!("{v:.1e}"),
            a if a >= 100.0 => fixed(v, 0),
            a if a >= 1.0 => fixed(v, 2),
            _ => fixed(v, 3),
        }
    }

    /// Draws `land` into `canvas` (already sized with
    /// [`crate::render::canvas::fit`] for `dpr`): the loss shaded from light
    /// (low) to dark (high) with a colour bar, contour lines, the training
    /// path, the current point, and axes named after the two parameters.
    pub fn draw_landscape(
        canvas: &HtmlCanvasElement,
        land: &Landscape,
        dpr: f64,
        labels: &LandscapeLabels,
    ) -> Result<(), String> {
        let (root, px, width, font) = white_view(canvas, dpr)?;
        let d = land.domain;
        let mut chart = ChartBuilder::on(&root)
            .margin(px(6.0))
            .margin_top(px(24.0))
            .margin_right(px(12.0))
            .x_label_area_size(px(34.0))
            .y_label_area_size(px(48.0))
            .build_cartesian_2d(d.x_min..d.x_max, d.y_min..d.y_max)
            .map_err(err)?;

        // The shading, put straight into the plotting area's pixels.
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let (w, h) = ((xr.end - xr.start).max(0), (yr.end - yr.start).max(0));
        if w > 0 && h > 0 {
            let mut rgba = Vec::new();
            land.paint(w as usize, h as usize, &mut rgba);
            let (x, y) = (xr.start as f64, yr.start as f64);
            put_rgba_at(canvas, &rgba, w as u32, h as u32, x, y)?;
        }

        let names = (land.names.0.as_str(), land.names.1.as_str());
        draw_domain_axes(&mut chart, &d, names, WHITE.mix(0.25), &font, width(1.0))?;

        // Contours: dark on the light part of the map, light on the dark part.
        for (_, t, segs) in land.contours(6) {
            let style = if t < 0.55 {
                INK.mix(0.35).stroke_width(width(1.0))
            } else {
                WHITE.mix(0.55).stroke_width(width(1.0))
            };
            chart
                .draw_series(
                    segs.iter()
                        .map(|s| PathElement::new(vec![(s[0], s[1]), (s[2], s[3])], style)),
                )
                .map_err(err)?;
        }

        // The path: a white halo under an orange line, a ring at the start.
        let path: Vec<(f64, f64)> = land.path.iter().map(|p| (p[0], p[1])).collect();
        if path.len() > 1 {
            chart
                .draw_series([
                    PathElement::new(path.clone(), WHITE.mix(0.8).stroke_width(width(4.0))),
                    PathElement::new(path.clone(), PATH.stroke_width(width(2.0))),
                ])
                .map_err(err)?;
            chart
                .draw_series([Circle::new(path[0], px(3.5), PATH.stroke_width(width(2.0)))])
                .map_err(err)?;
        }
        let now = (land.current[0], land.current[1]);
        chart
            .draw_series([
                Circle::new(now, px(5.5), WHITE.filled()),
                Circle::new(now, px(4.0), NOW.filled()),
            ])
            .map_err(err)?;

        // Top strip: legend on the left, colour bar on the right.
        let top = px(12.0);
        let left = px(8.0);
        root.draw(&PathElement::new(
            vec![(left, top), (left + px(18.0), top)],
            PATH.stroke_width(width(2.0)),
        ))
        .map_err(err)?;
        let text = font.pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            labels.path,
            (left + px(22.0), top),
            text.clone(),
        ))
        .map_err(err)?;
        let path_w = root
            .estimate_text_size(labels.path, &text)
            .map_or(0, |(w, _)| w as i32);
        let after_path = left + px(30.0) + path_w;
        root.draw(&Circle::new((after_path, top), px(4.0), NOW.filled()))
            .map_err(err)?;
        root.draw(&Text::new(
            labels.current,
            (after_path + px(8.0), top),
            text.clone(),
        ))
        .map_err(err)?;

        let (cw, _) = root.dim_in_pixel();
        let bar_w = px(70.0);
        let right = cw as i32 - px(12.0);
        let max_text = number(land.max);
        let max_w = root
            .estimate_text_size(&max_text, &text)
            .map_or(0, |(w, _)| w as i32);
        let bar_right = right - max_w - px(4.0);
        let bar_left = bar_right - bar_w;
        let slices = 35;
        for k in 0..slices {
            let x0 = bar_left + bar_w * k / slices;
            let x1 = bar_left + bar_w * (k + 1) / slices;
            let [r, g, b] = ramp((k as f64 + 0.5) / slices as f64);
            root.draw(&Rectangle::new(
                [(x0, top - px(5.0)), (x1, top + px(5.0))],
                RGBColor(r, g, b).filled(),
            ))
            .map_err(err)?;
        }
        root.draw(&Rectangle::new(
            [(bar_left, top - px(5.0)), (bar_left + bar_w, top + px(5.0))],
            INK.mix(0.4).stroke_width(width(1.0)),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            max_text,
            (bar_right + px(4.0), top),
            text.clone(),
        ))
        .map_err(err)?;
        let low = if land.log_scale { land.floor } else { land.min };
        let name = if land.log_scale {
            format!("{} ({}) {}", labels.loss, labels.log_scale, number(low))
        } else {
            format!("{} {}", labels.loss, number(low))
        };
        root.draw(&Text::new(
            name,
            (bar_left - px(4.0), top),
            font.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        root.present().map_err(err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::{Preset, Task};
    use crate::core::model::{ModelKind, ModelSpec};
    use crate::core::session::Settings;

    fn logistic() -> Session {
        let data = Preset::Overlapping.generate(80, 0.3, 2);
        Session::with_model(Task::Classification, ModelKind::Logistic, data)
    }

    fn network(hidden: Vec<usize>, points: usize) -> Session {
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.model = ModelSpec {
            hidden,
            ..ModelSpec::new(ModelKind::Network)
        };
        Session::new(st, Preset::Moons.generate(points, 0.2, 5)).unwrap()
    }

    #[test]
    fn current_point_loss_is_the_session_loss() {
        let mut s = logistic();
        s.run(40).unwrap();
        let l = Landscape::compute(&s, 0, 1, 17);
        assert_eq!(l.current_loss, s.metrics().loss);
        assert_eq!(l.current, [s.model().params()[0], s.model().params()[1]]);
        assert_eq!(l.names, ("w1".to_string(), "w2".to_string()));
        assert_eq!(l.values.len(), 17 * 17);
    }

    #[test]
    fn nodes_hold_the_loss_at_their_parameters() {
        let mut s = logistic();
        s.run(25).unwrap();
        let l = Landscape::compute(&s, 0, 2, 9);
        let mut m = s.model().clone_box();
        for (row, col) in [(0, 0), (0, 8), (8, 0), (4, 7), (8, 8)] {
            let (a, b) = l.node(row, col);
            let mut p = s.model().params().to_vec();
            p[0] = a;
            p[2] = b;
            m.set_params(&p).unwrap();
            let exact = m.loss(&s.data().points, s.train_indices());
            assert_eq!(l.value(row, col), exact, "node {row},{col}");
        }
        // Row 0 is the top of the window, column 0 its left edge.
        assert_eq!(l.node(0, 0), (l.domain.x_min, l.domain.y_max));
        assert_eq!(l.node(8, 8), (l.domain.x_max, l.domain.y_min));
    }

    #[test]
    fn the_value_near_the_current_point_is_close_to_the_loss() {
        // With an odd n and no training the window is centred on the current
        // point, which is then the middle node.
        let s = logistic();
        let l = Landscape::compute(&s, 0, 1, 21);
        assert_eq!(l.path.len(), 1);
        let (a, b) = l.node(10, 10);
        assert!((a - l.current[0]).abs() < 1e-12 && (b - l.current[1]).abs() < 1e-12);
        assert!((l.value(10, 10) - s.metrics().loss).abs() < 1e-12);
    }

    #[test]
    fn the_path_ends_at_the_current_point_and_fits_the_window() {
        let mut s = network(vec![4], 60);
        s.run(300).unwrap();
        let l = Landscape::compute(&s, 3, 7, 12);
        let now = s.model().params();
        assert_eq!(*l.path.last().unwrap(), [now[3], now[7]]);
        assert!(l.path.len() > 100 && l.path.len() <= MAX_PATH);
        let d = l.domain;
        for p in l.path.iter().chain([&l.current]) {
            assert!(p[0] > d.x_min && p[0] < d.x_max, "{p:?} in {d:?}");
            assert!(p[1] > d.y_min && p[1] < d.y_max, "{p:?} in {d:?}");
        }
        assert!(d.x_min <= l.current[0] - 1.0 && d.x_max >= l.current[0] + 1.0);
        assert!(d.y_min <= l.current[1] - 1.0 && d.y_max >= l.current[1] + 1.0);
        // The path starts at the initial parameters.
        let first = s.history().snapshots().next().unwrap();
        assert_eq!(l.path[0], [first.params[3], first.params[7]]);
    }

    #[test]
    fn long_paths_are_thinned_and_step_back_shortens_them() {
        let mut s = logistic();
        s.run(1500).unwrap();
        let l = Landscape::compute(&s, 0, 1, 4);
        assert_eq!(l.path.len(), MAX_PATH);
        let now = s.model().params();
        assert_eq!(*l.path.last().unwrap(), [now[0], now[1]]);
        // After stepping back the path ends at the restored parameters, not
        // at the recorded future.
        for _ in 0..10 {
            assert!(s.step_back());
        }
        let l = Landscape::compute(&s, 0, 1, 4);
        let now = s.model().params();
        assert_eq!(*l.path.last().unwrap(), [now[0], now[1]]);
    }

    #[test]
    fn a_budget_bounds_the_samples_per_node() {
        let data = Preset::Overlapping.generate(2000, 0.3, 4);
        let mut s = Session::with_model(Task::Classification, ModelKind::Logistic, data);
        s.run(30).unwrap();
        let exact = Landscape::compute(&s, 0, 1, 8);
        assert_eq!(exact.samples, 2000);
        let cheap = Landscape::compute_within(&s, 0, 1, 8, 64 * 100);
        assert_eq!(cheap.samples, 100);
        assert_eq!(
            (cheap.domain, cheap.current_loss),
            (exact.domain, exact.current_loss)
        );
        // An evenly spread tenth of the samples gives nearly the same surface.
        let worst = exact
            .values
            .iter()
            .zip(&cheap.values)
            .map(|(a, b)| (a - b).abs() / a.max(1e-9))
            .fold(0.0f64, f64::max);
        assert!(worst < 0.25, "relative difference {worst}");
        // Within budget it is exact.
        let l = Landscape::compute_within(&s, 0, 1, 8, 64 * 2000);
        assert_eq!(l.values, exact.values);
    }

    #[test]
    fn indices_are_kept_in_range_and_distinct() {
        let s = logistic();
        let l = Landscape::compute(&s, 1, 1, 5);
        assert_eq!(l.params, (1, 2));
        assert_eq!(l.names.1, "b");
        let l = Landscape::compute(&s, 99, 99, 1);
        assert_eq!(l.params, (2, 0));
        assert_eq!(l.n, 2);
        let l = Landscape::compute(&s, 0, 1, 10_000);
        assert_eq!(l.n, MAX_N.min(10_000));
    }

    #[test]
    fn shading_and_contours() {
        let mut s = logistic();
        s.run(60).unwrap();
        let l = Landscape::compute(&s, 0, 1, 24);
        assert!(l.min <= l.current_loss && l.current_loss <= l.max);
        assert_eq!(l.shade(l.min), 0.0);
        assert_eq!(l.shade(l.max), 1.0);
        assert_eq!(l.shade(f64::NAN), 1.0);
        for t in [0.0, 0.3, 0.8, 1.0] {
            assert!((l.shade(l.level(t)) - t).abs() < 1e-9);
        }
        let c = l.contours(5);
        assert!(!c.is_empty() && c.len() <= 5);
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0), "levels rise");
        for (_, _, segs) in &c {
            for g in segs {
                assert!(g[0] >= l.domain.x_min - 1e-9 && g[2] <= l.domain.x_max + 1e-9);
            }
        }
        let mut buf = Vec::new();
        l.paint(50, 40, &mut buf);
        assert_eq!(buf.len(), 50 * 40 * 4);
        assert!(buf.chunks(4).all(|p| p[3] == 255));
        // Lighter where the loss is lower.
        let lum = |p: &[u8]| p[0] as u32 + p[1] as u32 + p[2] as u32;
        assert!(lum(&ramp(0.0)) > lum(&ramp(0.5)) && lum(&ramp(0.5)) > lum(&ramp(1.0)));
    }

    #[test]
    fn wide_ranges_use_a_log_scale() {
        let (min, max, log, floor) = scale(&[0.01, 0.5, 30.0]);
        assert!(log && min == 0.01 && max == 30.0 && floor == 0.01);
        let (_, _, log, _) = scale(&[0.5, 1.0, 40.0]);
        assert!(!log);
        // Exact zeros (the perceptron criterion) do not make the span infinite.
        let (min, _, log, floor) = scale(&[0.0, 0.0, 2.0, 3.0]);
        assert!(!log && min == 0.0 && floor == 0.0);
        let (_, _, log, floor) = scale(&[0.0, 1e-3, 3.0]);
        assert!(log && floor == 1e-3);
        assert_eq!(scale(&[]).0, 0.0);
    }

    #[test]
    fn works_for_every_model_kind() {
        for (task, kind, preset) in [
            (
                Task::Classification,
                ModelKind::Perceptron,
                Preset::Separable,
            ),
            (Task::Classification, ModelKind::Softmax, Preset::ThreeBlobs),
            (Task::Regression, ModelKind::Linear, Preset::Line),
            (Task::Regression, ModelKind::Polynomial, Preset::Sine),
        ] {
            let st = Settings::for_model(task, kind);
            let mut s = Session::new(st, preset.generate(50, 0.2, 1)).unwrap();
            s.run(20).unwrap();
            let (i, j) = DEFAULT_PAIR;
            let l = Landscape::compute(&s, i, j, DEFAULT_N);
            assert_eq!(l.values.len(), DEFAULT_N * DEFAULT_N);
            assert!(l.values.iter().all(|v| v.is_finite()), "{kind:?}");
            assert_eq!(l.current_loss, s.metrics().loss, "{kind:?}");
        }
    }

    /// Cost check, run by hand:
    /// `cargo test --release --lib landscape::tests::cost -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn cost() {
        let mut s = network(vec![8, 8], 200);
        s.run(100).unwrap();
        let runs = 20;
        let t = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(Landscape::compute(&s, 0, 1, DEFAULT_N));
        }
        let ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
        println!("landscape 2-8-8-1, 200 points, n = {DEFAULT_N}: {ms:.2} ms");
        let mut big = network(vec![8, 8], 10_000);
        big.run(20).unwrap();
        let t = std::time::Instant::now();
        let l = Landscape::compute_within(&big, 0, 1, DEFAULT_N, DEFAULT_BUDGET);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "landscape 2-8-8-1, 10,000 points, budget {DEFAULT_BUDGET} ({} samples): {ms:.2} ms",
            l.samples
        );
        let t = std::time::Instant::now();
        let v = crate::render::hidden::HiddenView::compute(&big, (0, 1)).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "hidden view, 10,000 points: {ms:.2} ms ({} points)",
            v.points.len()
        );
    }
}
