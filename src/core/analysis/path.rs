//! The path two parameters `(p_i, p_j)` took during training, read from the
//! session's history, and the window of the plane that shows it.

use super::grid::Domain;
use crate::core::session::Session;

/// Most points kept of the training path.
pub const MAX_PATH: usize = 400;
/// The window reaches at least this far either side of the current values.
pub const MIN_HALF_WIDTH: f64 = 1.0;

/// `(p_i, p_j)` of every kept snapshot up to the current step, oldest first,
/// ending at `current`, thinned evenly to at most [`MAX_PATH`] points (the
/// first and last always kept). After Step back it ends at the restored
/// parameters, not at the recorded future.
pub fn training_path(session: &Session, i: usize, j: usize, current: [f64; 2]) -> Vec<[f64; 2]> {
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

/// The window that shows `path` and `current`: along each axis the path's
/// extent plus 15% either side, and at least `current ± MIN_HALF_WIDTH`.
pub fn window(path: &[[f64; 2]], current: [f64; 2]) -> Domain {
    let axis = |k: usize| {
        let now = current[k];
        let (lo, hi) = path
            .iter()
            .fold((now, now), |(lo, hi), p| (lo.min(p[k]), hi.max(p[k])));
        let pad = 0.15 * (hi - lo);
        (
            (lo - pad).min(now - MIN_HALF_WIDTH),
            (hi + pad).max(now + MIN_HALF_WIDTH),
        )
    };
    Domain::new(axis(0), axis(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::{Preset, Task};
    use crate::core::model::{ModelKind, ModelSpec};
    use crate::core::session::Settings;

    fn params(s: &Session, i: usize, j: usize) -> [f64; 2] {
        let now = s.model().params();
        [now[i], now[j]]
    }

    #[test]
    fn the_path_ends_at_the_current_point_and_fits_the_window() {
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.model = ModelSpec {
            hidden: vec![4],
            ..ModelSpec::new(ModelKind::Network)
        };
        let mut s = Session::new(st, Preset::Moons.generate(60, 0.2, 5)).unwrap();
        s.run(300).unwrap();
        let now = params(&s, 3, 7);
        let path = training_path(&s, 3, 7, now);
        assert_eq!(*path.last().unwrap(), now);
        assert!(path.len() > 100 && path.len() <= MAX_PATH);
        let d = window(&path, now);
        for p in path.iter().chain([&now]) {
            assert!(p[0] > d.x_min && p[0] < d.x_max, "{p:?} in {d:?}");
            assert!(p[1] > d.y_min && p[1] < d.y_max, "{p:?} in {d:?}");
        }
        assert!(d.x_min <= now[0] - 1.0 && d.x_max >= now[0] + 1.0);
        assert!(d.y_min <= now[1] - 1.0 && d.y_max >= now[1] + 1.0);
        // The path starts at the initial parameters.
        let first = s.history().snapshots().next().unwrap();
        assert_eq!(path[0], [first.params[3], first.params[7]]);
    }

    #[test]
    fn long_paths_are_thinned_and_step_back_shortens_them() {
        let data = Preset::Overlapping.generate(80, 0.3, 2);
        let mut s = Session::with_model(Task::Classification, ModelKind::Logistic, data);
        s.run(1500).unwrap();
        let path = training_path(&s, 0, 1, params(&s, 0, 1));
        assert_eq!(path.len(), MAX_PATH);
        assert_eq!(*path.last().unwrap(), params(&s, 0, 1));
        // After stepping back the path ends at the restored parameters, not
        // at the recorded future.
        for _ in 0..10 {
            assert!(s.step_back());
        }
        let path = training_path(&s, 0, 1, params(&s, 0, 1));
        assert_eq!(*path.last().unwrap(), params(&s, 0, 1));
    }

    #[test]
    fn an_untrained_window_is_centred_on_the_current_point() {
        let d = window(&[[0.5, -2.0]], [0.5, -2.0]);
        assert_eq!(
            (d.x_min, d.x_max, d.y_min, d.y_max),
            (-0.5, 1.5, -3.0, -1.0)
        );
    }
}
