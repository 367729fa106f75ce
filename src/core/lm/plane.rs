//! The embedding plane: each token's embedding as a point in two dimensions.
//!
//! With an embedding size of 2 the model's own plane is shown as it is (so
//! the softmax regions can be drawn in the model's coordinates); with size 1
//! a token sits at `(x, 0)`; with more, the rows are centred and projected
//! onto their first two principal directions, found by power iteration
//! with deflation on the covariance matrix (deterministic start, at most
//! [`ITERATIONS`] rounds). [`Axes::lift`] maps a point of the plane back to
//! embedding space, for shading the softmax regions over it.
//!
//! Non-finite entries count as 0, and the work is done on rows scaled by a
//! power of two (exactly), so the outputs are finite for any input.

pub use super::eigen::ITERATIONS;
use super::eigen::{dot, quad, top_two, unit};

/// The plane's origin and two directions in embedding space.
#[derive(Clone, Debug, PartialEq)]
pub struct Axes {
    /// The origin of the plane: the mean row (zeros for width 1 or 2).
    pub mean: Vec<f64>,
    /// The two unit directions (the first has the most variance).
    pub dirs: [Vec<f64>; 2],
    /// Share of the rows' total variance along each direction (0 ..= 1; 0 if none).
    pub explained: [f64; 2],
    scale: f64,
}

impl Axes {
    /// Coordinates of one row (of the width the axes were made for) on the plane.
    pub fn project(&self, row: &[f64]) -> [f64; 2] {
        let s = self.scale;
        let centred: Vec<f64> = row
            .iter()
            .zip(&self.mean)
            .map(|(&x, &m)| clean(x) / s - m / s)
            .collect();
        [0, 1].map(|k| (dot(&centred, &self.dirs[k]) * s).clamp(-f64::MAX, f64::MAX))
    }

    /// The embedding-space row at plane coordinates `point` (the inverse of
    /// [`Axes::project`] for rows lying in the plane).
    pub fn lift(&self, point: [f64; 2]) -> Vec<f64> {
        let [a, b] = point.map(clean);
        let at = |j: usize| self.mean[j] + a * self.dirs[0][j] + b * self.dirs[1][j];
        (0..self.mean.len())
            .map(|j| at(j).clamp(-f64::MAX, f64::MAX))
            .collect()
    }
}

/// The coordinates of every row of `rows` (row-major, `width` per row; a
/// trailing partial row is ignored) on the plane of [`principal_axes`].
pub fn principal_plane(rows: &[f64], width: usize) -> Vec<[f64; 2]> {
    let axes = principal_axes(rows, width, None);
    rows.chunks_exact(width.max(1))
        .take(rows.len().checked_div(width).unwrap_or(0))
        .map(|r| axes.project(r))
        .collect()
}

/// The plane for `rows`. Width 2 gives the identity (the model's own plane),
/// width 1 the x axis. For wider rows, `previous` (the axes of the last frame,
/// if any) is the start of the iteration and fixes each direction's sign, so
/// the picture does not flip while training; without it the start is the
/// covariance column of largest norm and the largest component is positive.
pub fn principal_axes(rows: &[f64], width: usize, previous: Option<&Axes>) -> Axes {
    let count = rows.len().checked_div(width).unwrap_or(0);
    let data: Vec<f64> = rows[..count * width].iter().map(|&x| clean(x)).collect();
    let biggest = data.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let scale = if biggest > 0.0 {
        power_of_two_below(biggest)
    } else {
        1.0
    };
    let data: Vec<f64> = data.iter().map(|x| x / scale).collect(); // in (−2, 2)
    let mean: Vec<f64> = (0..width).map(|j| column_mean(&data, width, j)).collect();
    let mut cov = vec![0.0; width * width];
    for row in data.chunks_exact(width.max(1)) {
        for (a, b) in (0..width).flat_map(|a| (0..width).map(move |b| (a, b))) {
            cov[a * width + b] += (row[a] - mean[a]) * (row[b] - mean[b]) / count as f64;
        }
    }
    let total: f64 = (0..width).map(|j| cov[j * width + j]).sum();
    let share = |v: &[f64]| {
        if total > 0.0 {
            (quad(&cov, v) / total).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    if width <= 2 {
        let dirs = [unit(width, 0), unit(width, 1)];
        let explained = [share(&dirs[0]), share(&dirs[1])];
        return Axes {
            mean: vec![0.0; width],
            dirs,
            explained,
            scale: 1.0,
        };
    }
    let prev = |k: usize| previous.map(|p| p.dirs[k].as_slice());
    let dirs = top_two(&cov, width, [prev(0), prev(1)]);
    let explained = [share(&dirs[0]), share(&dirs[1])];
    Axes {
        mean: mean.iter().map(|m| m * scale).collect(),
        dirs,
        explained,
        scale,
    }
}

/// The mean of column `j`, kept inside the column's range (rounding must not
/// push it past the data, and so past `f64::MAX` once scaled back); 0 if empty.
fn column_mean(data: &[f64], width: usize, j: usize) -> f64 {
    let column = || data.iter().skip(j).step_by(width);
    let n = column().count();
    if n == 0 {
        return 0.0;
    }
    let (lo, hi) = column().fold((f64::MAX, -f64::MAX), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    column().map(|x| x / n as f64).sum::<f64>().clamp(lo, hi)
}

/// The largest power of two ≤ `x` (finite, > 0), read off its bits.
fn power_of_two_below(x: f64) -> f64 {
    let bits = x.to_bits();
    let exponent = bits & (0x7FF << 52);
    if exponent == 0 {
        f64::from_bits(1 << (63 - bits.leading_zeros())) // subnormal: its highest bit
    } else {
        f64::from_bits(exponent)
    }
}

/// Non-finite entries count as 0.
fn clean(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn width_two_is_the_models_own_plane_and_width_one_the_x_axis() {
        let rows = [1.5, -2.0, 0.25, 3.0, f64::NAN, 1.0, 9.0];
        assert_eq!(
            principal_plane(&rows, 2),
            vec![[1.5, -2.0], [0.25, 3.0], [0.0, 1.0]]
        );
        assert_eq!(
            principal_plane(&[2.0, -1.0], 1),
            vec![[2.0, 0.0], [-1.0, 0.0]]
        );
        assert_eq!(
            principal_axes(&rows, 2, None).lift([0.5, -4.0]),
            vec![0.5, -4.0]
        );
        assert!(principal_plane(&rows, 0).is_empty());
    }

    #[test]
    fn points_on_a_line_give_that_line() {
        let dir = [1.0 / 3.0, 2.0 / 3.0, -2.0 / 3.0];
        let offset = [5.0, -1.0, 2.0];
        let rows: Vec<f64> = (-5..=5)
            .flat_map(|t| (0..3).map(move |j| offset[j] + f64::from(t) * dir[j]))
            .collect();
        let axes = principal_axes(&rows, 3, None);
        for j in 0..3 {
            assert!(
                near(axes.dirs[0][j], dir[j]),
                "largest component positive: {:?}",
                axes.dirs
            );
            assert!(near(axes.mean[j], offset[j]));
        }
        assert!(
            near(dot(&axes.dirs[0], &axes.dirs[1]), 0.0)
                && near(dot(&axes.dirs[1], &axes.dirs[1]), 1.0)
        );
        assert!(near(axes.explained[0], 1.0) && near(axes.explained[1], 0.0));
        for (k, p) in principal_plane(&rows, 3).iter().enumerate() {
            assert!(near(p[0], k as f64 - 5.0) && near(p[1], 0.0), "{p:?}");
        }
    }

    #[test]
    fn a_plane_in_four_dimensions_is_recovered() {
        let (u, v) = ([0.5, 0.5, 0.5, 0.5], [0.5, -0.5, 0.5, -0.5]);
        // A symmetric grid: a and b uncorrelated, variances 5 and 2/3.
        let rows: Vec<f64> = [-3.0, -1.0, 1.0, 3.0]
            .into_iter()
            .flat_map(|a| [-1.0, 0.0, 1.0].into_iter().map(move |b| (a, b)))
            .flat_map(|(a, b)| (0..4).map(move |j| a * u[j] + b * v[j] + 1.0))
            .collect();
        let axes = principal_axes(&rows, 4, None);
        assert!(
            (dot(&axes.dirs[0], &u).abs() - 1.0).abs() < 1e-6,
            "{:?}",
            axes.dirs
        );
        assert!(
            (dot(&axes.dirs[1], &v).abs() - 1.0).abs() < 1e-6,
            "{:?}",
            axes.dirs
        );
        assert!(
            near(axes.explained[0], 5.0 / (5.0 + 2.0 / 3.0)),
            "{:?}",
            axes.explained
        );
        for row in rows.chunks_exact(4) {
            let back = axes.lift(axes.project(row));
            assert!(back.iter().zip(row).all(|(a, b)| (a - b).abs() < 1e-6));
        }
        // The last frame's axes, negated, keep their sign.
        let mut flipped = axes.clone();
        flipped
            .dirs
            .iter_mut()
            .for_each(|d| d.iter_mut().for_each(|x| *x = -*x));
        let next = principal_axes(&rows, 4, Some(&flipped));
        assert!(
            dot(&next.dirs[0], &flipped.dirs[0]) > 0.99
                && dot(&next.dirs[1], &flipped.dirs[1]) > 0.99
        );
    }

    #[test]
    fn scale_is_an_exact_power_of_two() {
        for x in [f64::MAX, 1.0, 1.5, 3.0, 1e-310, f64::MIN_POSITIVE, 5e-324] {
            let p = power_of_two_below(x);
            assert!(p <= x && x < 2.0 * p, "{x}: {p}");
            let mantissa = p.to_bits() & ((1 << 52) - 1);
            assert!(mantissa == 0 || mantissa.count_ones() == 1, "{x}: {p}");
        }
    }

    #[test]
    fn degenerate_rows_give_an_orthonormal_frame() {
        for rows in [vec![], vec![1.0, 2.0, 3.0], vec![4.0; 12], vec![0.0; 9]] {
            let axes = principal_axes(&rows, 3, None);
            assert!(near(dot(&axes.dirs[0], &axes.dirs[0]), 1.0), "{axes:?}");
            assert!(near(dot(&axes.dirs[1], &axes.dirs[1]), 1.0), "{axes:?}");
            assert!(near(dot(&axes.dirs[0], &axes.dirs[1]), 0.0), "{axes:?}");
            assert!(principal_plane(&rows, 3).iter().all(|p| p == &[0.0, 0.0]));
        }
    }

    fn entry() -> impl Strategy<Value = f64> {
        prop_oneof![
            -10.0..10.0,
            any::<f64>(),
            Just(0.0),
            Just(f64::MAX),
            Just(-f64::MAX),
            Just(f64::NAN)
        ]
    }

    proptest! {
        #[test]
        fn coordinates_are_finite(width in 0usize..6, rows in prop::collection::vec(entry(), 0..40)) {
            let points = principal_plane(&rows, width);
            prop_assert_eq!(points.len(), rows.len().checked_div(width).unwrap_or(0));
            prop_assert!(points.iter().flatten().all(|x| x.is_finite()), "{:?}", points);
            let axes = principal_axes(&rows, width, None);
            let numbers = axes.dirs.iter().flatten().chain(&axes.mean).chain(&axes.explained);
            prop_assert!(numbers.copied().all(f64::is_finite));
            prop_assert!(axes.lift([1e300, -1e300]).iter().all(|x| x.is_finite()));
        }
    }
}
