//! The hidden-space view: where a network's last hidden layer puts every
//! sample, and how that layer bends the input plane.
//!
//! Each hidden unit computes `h = f(w·a + b)` of the layer below. Two chosen
//! units of the last hidden layer give every sample a position `(h1, h2)`;
//! the straight grid lines of the input plane come out curved. The output
//! unit only draws a straight line in this space, so when training works the
//! classes end up on either side of one line: the hidden layers have bent the
//! plane until a line can separate them.

use super::grid::{extent, node, Domain};
use super::output_line::output_line;
use crate::core::activation::Activation;
use crate::core::data::{Task, DOMAIN};
use crate::core::model::MAX_WIDTH;
use crate::core::session::Session;

/// Grid lines each way across the input plane used by the app (a line every
/// unit from −6 to 6).
pub const GRID_LINES: usize = 13;
/// Points along each grid line used by the app.
pub const GRID_SAMPLES: usize = 60;

/// One sample as the last hidden layer sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HiddenPoint {
    /// `(h1, h2)`: the activations of the two chosen units.
    pub h: [f64; 2],
    /// The sample's class (0 in regression).
    pub class: usize,
    /// True when the sample is held out.
    pub heldout: bool,
}

/// The samples and the input grid mapped through the last hidden layer.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenView {
    /// Index (0-based) of the last hidden layer.
    pub layer: usize,
    /// Units in that layer.
    pub width: usize,
    /// The two units shown (0-based): `h1` along x, `h2` along y. A layer of
    /// one unit is shown along x only (`h2 = 0`).
    pub units: (usize, usize),
    /// The hidden activation `f`.
    pub activation: Activation,
    /// Classification or regression (regression inputs are `(x, 0)`).
    pub task: Task,
    /// Every sample, in dataset order.
    pub points: Vec<HiddenPoint>,
    /// The input coordinate of each grid line, `−6` to `6`.
    pub grid: Vec<f64>,
    /// Images of the lines `x1 = grid[k]` (x2 running over `[−6, 6]`); empty
    /// in regression, where the input has no `x2`.
    pub lines_x1: Vec<Vec<[f64; 2]>>,
    /// Images of the lines `x2 = grid[k]` (x1 running over `[−6, 6]`); in
    /// regression the single image of the input axis.
    pub lines_x2: Vec<Vec<[f64; 2]>>,
    /// `(w1, w2, b)` of the output's decision line `w1·h1 + w2·h2 + b = 0` in
    /// this space, when the layer has exactly two units and the output is one
    /// sigmoid unit (or a two-class softmax, where it is the line where both
    /// scores tie); class 2 lies on the side where `w·h + b > 0`.
    pub boundary: Option<[f64; 3]>,
    /// The range shown: `h1` over `[x_min, x_max]`, `h2` over `[y_min, y_max]`.
    pub range: Domain,
}

impl HiddenView {
    /// The view of units `units` (0-based, clamped to the layer) of the last
    /// hidden layer, with the app's grid ([`GRID_LINES`] × [`GRID_SAMPLES`]);
    /// `None` when the model has no hidden layer.
    pub fn compute(session: &Session, units: (usize, usize)) -> Option<HiddenView> {
        Self::compute_with(session, units, GRID_LINES, GRID_SAMPLES)
    }

    /// As [`HiddenView::compute`] with `lines` grid lines each way (at least
    /// 2) of `samples` points each (at least 2). Cost: one forward pass per
    /// sample and `2 · lines · samples` for the grid.
    pub fn compute_with(
        session: &Session,
        units: (usize, usize),
        lines: usize,
        samples: usize,
    ) -> Option<HiddenView> {
        let model = session.model();
        let net = model.net();
        let layers = net.layers();
        if layers.len() < 2 {
            return None;
        }
        let layer = layers.len() - 2;
        let width = layers[layer].outputs;
        let units = (units.0.min(width - 1), units.1.min(width - 1));
        let units = if width == 1 { (0, 0) } else { units };
        let task = model.task();
        let classify = task == Task::Classification;
        let map = |x1: f64, x2: f64| {
            let mut out = [0.0; MAX_WIDTH];
            model.hidden_activations(x1, x2, layer, &mut out);
            [out[units.0], if width == 1 { 0.0 } else { out[units.1] }]
        };

        let points: Vec<HiddenPoint> = session
            .data()
            .points
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let (x1, x2) = model.input(p);
                HiddenPoint {
                    h: map(x1, x2),
                    class: if classify { p.class } else { 0 },
                    heldout: session.is_heldout(k),
                }
            })
            .collect();

        let (lines, samples) = (lines.max(2), samples.max(2));
        let grid: Vec<f64> = (0..lines)
            .map(|k| node(-DOMAIN, DOMAIN, k, lines))
            .collect();
        let trace = |fixed_x1: Option<f64>, fixed_x2: Option<f64>| -> Vec<[f64; 2]> {
            (0..samples)
                .map(|k| {
                    let t = node(-DOMAIN, DOMAIN, k, samples);
                    map(fixed_x1.unwrap_or(t), fixed_x2.unwrap_or(t))
                })
                .collect()
        };
        let (lines_x1, lines_x2) = match task {
            Task::Classification => (
                grid.iter().map(|&g| trace(Some(g), None)).collect(),
                grid.iter().map(|&g| trace(None, Some(g))).collect(),
            ),
            Task::Regression => (Vec::new(), vec![trace(None, Some(0.0))]),
        };

        let boundary = output_line(net, units);
        let range = fit_range(net.activation(), &points, &lines_x1, &lines_x2, width);
        Some(HiddenView {
            layer,
            width,
            units,
            activation: net.activation(),
            task,
            points,
            grid,
            lines_x1,
            lines_x2,
            boundary,
            range,
        })
    }
}

/// The range to show: the activation's bounds for tanh and sigmoid, else the
/// points (or, with none, the grid) with a margin.
fn fit_range(
    act: Activation,
    points: &[HiddenPoint],
    lines_x1: &[Vec<[f64; 2]>],
    lines_x2: &[Vec<[f64; 2]>],
    width: usize,
) -> Domain {
    let bounds = match act {
        Activation::Tanh => Some((-1.0, 1.0)),
        Activation::Sigmoid | Activation::Step => Some((0.0, 1.0)),
        Activation::Relu | Activation::Linear => None,
    };
    let fit = |axis: usize| -> (f64, f64) {
        if let Some((lo, hi)) = bounds {
            let pad = 0.08 * (hi - lo);
            return (lo - pad, hi + pad);
        }
        let (lo, hi) = if points.is_empty() {
            extent(lines_x1.iter().chain(lines_x2).flatten().map(|q| q[axis]))
        } else {
            extent(points.iter().map(|p| p.h[axis]))
        };
        if lo > hi {
            return (-1.0, 1.0);
        }
        let pad = (0.1 * (hi - lo)).max(0.25);
        (lo - pad, hi + pad)
    };
    Domain::new(fit(0), if width == 1 { (-1.0, 1.0) } else { fit(1) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::Preset;
    use crate::core::model::{ModelKind, ModelSpec};
    use crate::core::session::Settings;

    fn network(task: Task, hidden: Vec<usize>, act: Activation, preset: Preset) -> Session {
        let mut st = Settings::for_model(task, ModelKind::Network);
        st.model = ModelSpec {
            hidden,
            activation: act,
            ..ModelSpec::new(ModelKind::Network)
        };
        Session::new(st, preset.generate(40, 0.2, 7)).unwrap()
    }

    /// The activations of hidden layer `layer` at input `(x1, x2)`.
    fn activations(s: &Session, x1: f64, x2: f64, layer: usize) -> [f64; MAX_WIDTH] {
        let mut a = [0.0; MAX_WIDTH];
        s.model().hidden_activations(x1, x2, layer, &mut a);
        a
    }

    #[test]
    fn models_without_hidden_layers_have_no_hidden_space() {
        let data = Preset::Xor.generate(30, 0.1, 1);
        for kind in [
            ModelKind::Perceptron,
            ModelKind::Logistic,
            ModelKind::Softmax,
        ] {
            let s = Session::with_model(Task::Classification, kind, data.clone());
            assert!(HiddenView::compute(&s, (0, 1)).is_none(), "{kind:?}");
        }
        let s = network(Task::Classification, vec![], Activation::Tanh, Preset::Xor);
        assert!(HiddenView::compute(&s, (0, 1)).is_none());
        let s = Session::with_model(
            Task::Regression,
            ModelKind::Polynomial,
            Preset::Sine.generate(20, 0.1, 1),
        );
        assert!(HiddenView::compute(&s, (0, 1)).is_none());
    }

    #[test]
    fn points_are_the_last_hidden_layers_activations() {
        let mut s = network(Task::Classification, vec![2], Activation::Tanh, Preset::Xor);
        s.run(30).unwrap();
        let v = HiddenView::compute(&s, (0, 1)).unwrap();
        assert_eq!((v.layer, v.width, v.units), (0, 2, (0, 1)));
        assert_eq!(v.points.len(), s.data().len());
        for (p, q) in s.data().points.iter().zip(&v.points) {
            let a = activations(&s, p.x, p.y, 0);
            assert_eq!(q.h, [a[0], a[1]]);
            assert_eq!(q.class, p.class);
            assert!(q.h.iter().all(|h| (-1.0..=1.0).contains(h)));
        }
        // Swapping the units swaps the coordinates.
        let w = HiddenView::compute(&s, (1, 0)).unwrap();
        for (p, q) in v.points.iter().zip(&w.points) {
            assert_eq!(p.h, [q.h[1], q.h[0]]);
        }
    }

    #[test]
    fn deeper_networks_use_the_last_hidden_layer() {
        let s = network(
            Task::Classification,
            vec![5, 4, 3],
            Activation::Relu,
            Preset::Moons,
        );
        let v = HiddenView::compute(&s, (2, 9)).unwrap();
        assert_eq!((v.layer, v.width, v.units), (2, 3, (2, 2)));
        assert!(v.boundary.is_none(), "three units: no single line");
        let p = s.data().points[3];
        let a = activations(&s, p.x, p.y, 2);
        assert_eq!(v.points[3].h, [a[2], a[2]]);
        // ReLU is unbounded: the range fits the points with a margin.
        for q in &v.points {
            assert!(q.h[0] > v.range.x_min && q.h[0] < v.range.x_max);
            assert!(q.h[1] > v.range.y_min && q.h[1] < v.range.y_max);
        }
    }

    #[test]
    fn the_grid_has_the_requested_lines_and_samples() {
        let s = network(
            Task::Classification,
            vec![3, 2],
            Activation::Sigmoid,
            Preset::Circles,
        );
        let v = HiddenView::compute(&s, (0, 1)).unwrap();
        assert_eq!(v.lines_x1.len(), GRID_LINES);
        assert_eq!(v.lines_x2.len(), GRID_LINES);
        assert!(v
            .lines_x1
            .iter()
            .chain(&v.lines_x2)
            .all(|l| l.len() == GRID_SAMPLES));
        assert_eq!(v.grid.first(), Some(&-6.0));
        assert_eq!(v.grid.last(), Some(&6.0));
        let v = HiddenView::compute_with(&s, (0, 1), 5, 7).unwrap();
        assert_eq!((v.lines_x1.len(), v.lines_x2.len()), (5, 5));
        assert!(v.lines_x1.iter().all(|l| l.len() == 7));
        // Line x1 = grid[1], sample k sits at x2 = −6 + 2k.
        let a = activations(&s, -3.0, -2.0, 1);
        assert_eq!(v.lines_x1[1][2], [a[0], a[1]]);
        let a = activations(&s, -2.0, -3.0, 1);
        assert_eq!(v.lines_x2[1][2], [a[0], a[1]]);
        // Sigmoid units lie in [0, 1]; the view shows that square with a margin.
        assert!(v.range.x_min < 0.0 && v.range.x_max > 1.0 && v.range.x_max < 1.2);
    }

    #[test]
    fn the_boundary_is_the_output_line() {
        let mut s = network(
            Task::Classification,
            vec![6, 2],
            Activation::Tanh,
            Preset::Xor,
        );
        s.run(50).unwrap();
        for units in [(0, 1), (1, 0), (1, 1)] {
            let v = HiddenView::compute(&s, units).unwrap();
            assert_eq!(v.boundary, output_line(s.model().net(), units));
        }
        assert!(HiddenView::compute(&s, (0, 1)).unwrap().boundary.is_some());
    }

    #[test]
    fn regression_and_single_unit_layers() {
        let s = network(Task::Regression, vec![4], Activation::Linear, Preset::Sine);
        let v = HiddenView::compute(&s, (0, 3)).unwrap();
        assert!(v.lines_x1.is_empty());
        assert_eq!(v.lines_x2.len(), 1);
        assert_eq!(v.lines_x2[0].len(), GRID_SAMPLES);
        assert!(v.boundary.is_none());
        assert!(v.points.iter().all(|p| p.class == 0));
        let a = activations(&s, s.data().points[0].x, 0.0, 0);
        assert_eq!(v.points[0].h, [a[0], a[3]]);

        let s = network(Task::Classification, vec![1], Activation::Tanh, Preset::Xor);
        let v = HiddenView::compute(&s, (4, 5)).unwrap();
        assert_eq!(v.units, (0, 0));
        assert!(v.points.iter().all(|p| p.h[1] == 0.0));
    }

    #[test]
    fn held_out_points_are_marked() {
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.holdout = 0.5;
        let s = Session::new(st, Preset::Moons.generate(40, 0.2, 2)).unwrap();
        let v = HiddenView::compute(&s, (0, 1)).unwrap();
        let held = v.points.iter().filter(|p| p.heldout).count();
        assert_eq!(held, s.heldout_indices().len());
        assert!(held > 0);
    }
}
