//! The loss landscape: the mean training loss `L(p_i, p_j)` over a window of
//! two chosen parameters, every other parameter held at its current value,
//! with the path those two parameters took during training.
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

use super::grid::{marching_squares, Domain};
use super::path::{training_path, window};
use super::scale::Scale;
use crate::core::session::Session;

/// Grid nodes per side used by the app.
pub const DEFAULT_N: usize = 32;
/// Most grid nodes per side accepted (larger requests are clamped).
pub const MAX_N: usize = 128;
/// The parameter pair shown first: the first two parameters (`w1`, `w2` of a single unit).
pub const DEFAULT_PAIR: (usize, usize) = (0, 1);
/// Forward passes the app allows one landscape (about 250 training samples
/// at `n = 32`): a few tens of milliseconds.
pub const DEFAULT_BUDGET: usize = 250_000;

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
    /// `(p_i, p_j)` after each kept step, oldest first, at most
    /// [`super::path::MAX_PATH`] points; the last is the current point.
    pub path: Vec<[f64; 2]>,
    /// The current values `(p_i, p_j)`.
    pub current: [f64; 2],
    /// The loss at the current parameters over all training samples (the
    /// session's training loss).
    pub current_loss: f64,
    /// Training samples the grid's losses were averaged over: all of them,
    /// or fewer when [`Landscape::compute_within`] had to bound the cost.
    pub samples: usize,
    /// The shading scale of the grid's finite losses (linear or log).
    pub scale: Scale,
}

impl Landscape {
    /// Evaluates the mean training loss on an `n × n` grid over parameters
    /// `p_i` (x) and `p_j` (y) of `session`'s model, all others at their
    /// current values. The window holds the kept training path and the
    /// current point with a margin (see [`window`]). Out-of-range indices
    /// are clamped to the last parameter; `j == i` moves `j` to the next
    /// parameter. `n` is clamped to `2..=MAX_N`. Cost: `n²` loss evaluations
    /// (see the module notes).
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
        let domain = window(&path, current);

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
            let b = lerp(domain.y_max, domain.y_min, row, n);
            for col in 0..n {
                let a = lerp(domain.x_min, domain.x_max, col, n);
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
        let scale = Scale::fit(&values);
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
            scale,
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

    /// The shade ([`Scale::shade`]) of every grid node, row by row.
    pub fn shades(&self) -> Vec<f64> {
        self.values.iter().map(|&v| self.scale.shade(v)).collect()
    }

    /// `count` contour lines at evenly spaced shades strictly between the
    /// lowest and the highest loss: each is `(loss level, shade,
    /// segments [x0, y0, x1, y1])`, traced by marching squares on the shades
    /// (so on a log scale they are evenly spaced in `log L`).
    pub fn contours(&self, count: usize) -> Vec<(f64, f64, Vec<[f64; 4]>)> {
        let shades = self.shades();
        (1..=count)
            .map(|k| {
                let t = k as f64 / (count + 1) as f64;
                let shifted: Vec<f64> = shades.iter().map(|s| s - t).collect();
                (
                    self.scale.level(t),
                    t,
                    marching_squares(&shifted, self.n, &self.domain),
                )
            })
            .filter(|c| !c.2.is_empty())
            .collect()
    }
}

/// Node `k` of `n` evenly spaced from `from` to `to`, weighted as
/// `from·(1 − t) + to·t` with `t = k / (n − 1)` so that both ends are exact.
fn lerp(from: f64, to: f64, k: usize, n: usize) -> f64 {
    let t = k as f64 / (n - 1) as f64;
    from * (1.0 - t) + to * t
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
    fn the_window_holds_the_path() {
        let mut s = network(vec![4], 60);
        s.run(300).unwrap();
        let l = Landscape::compute(&s, 3, 7, 12);
        let now = s.model().params();
        assert_eq!(*l.path.last().unwrap(), [now[3], now[7]]);
        assert_eq!(l.current, [now[3], now[7]]);
        assert_eq!(l.domain, window(&l.path, l.current));
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
        let scale = l.scale;
        assert!(scale.min <= l.current_loss && l.current_loss <= scale.max);
        assert_eq!(scale, Scale::fit(&l.values));
        assert_eq!(l.shades().len(), l.values.len());
        let c = l.contours(5);
        assert!(!c.is_empty() && c.len() <= 5);
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0), "levels rise");
        for (_, _, segs) in &c {
            for g in segs {
                assert!(g[0] >= l.domain.x_min - 1e-9 && g[2] <= l.domain.x_max + 1e-9);
            }
        }
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
}
