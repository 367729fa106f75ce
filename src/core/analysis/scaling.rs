//! The scaling law, fitted: a held-out loss that falls as a power of what
//! was spent on training (compute `C`, parameters `N` or tokens `D`) down
//! to a floor, `L(x) = a·x^(−α) + L∞`. Fitted in relative error (a loss
//! near its floor is too noisy for a straight line in log space): for each
//! exponent `α` the law is linear in `a` and `L∞`, solved by weighted least
//! squares; the exponent is scanned and the best refined by a
//! golden-section search.

/// `L(x) = a·x^(−α) + L∞`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Law {
    /// The scale `a`.
    pub a: f64,
    /// The exponent `α` (positive: the loss falls).
    pub alpha: f64,
    /// The floor `L∞` the loss approaches.
    pub floor: f64,
}

impl Law {
    /// The loss the law gives at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.a * x.powf(-self.alpha) + self.floor
    }
}

/// A fitted law and how well it fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The law.
    pub law: Law,
    /// Root-mean-square of the relative errors `(L − L̂)/L` over the points.
    pub rms_relative: f64,
}

/// Points of the exponent's scan.
const ALPHA_GRID: usize = 400;
/// The exponents scanned: from `ALPHA_MIN` to `ALPHA_MAX`, evenly in log.
const ALPHA_MIN: f64 = 1e-3;
/// See [`ALPHA_MIN`].
const ALPHA_MAX: f64 = 3.0;
/// Golden-section steps refining the best of the scan.
const REFINE_STEPS: usize = 50;

/// For the exponent `alpha`, the scale and floor (`a > 0`, `L∞ ≥ 0`) that
/// fit `points` best in relative error — a weighted linear least squares,
/// since `L = a·X + L∞` with `X = x^(−α)` is linear in both — and that
/// error's sum of squares.
fn best_for(points: &[(f64, f64)], alpha: f64) -> Option<(Law, f64)> {
    let (mut sxx, mut sx, mut s1, mut sxl, mut sl) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, l) in points {
        let (big_x, w) = (x.powf(-alpha), 1.0 / (l * l));
        sxx += w * big_x * big_x;
        sx += w * big_x;
        s1 += w;
        sxl += w * big_x * l;
        sl += w * l;
    }
    let det = sxx * s1 - sx * sx;
    let (mut a, mut floor) = if det.abs() > 1e-300 {
        ((sxl * s1 - sx * sl) / det, (sxx * sl - sx * sxl) / det)
    } else {
        (0.0, -1.0)
    };
    if floor < 0.0 {
        // The best floor is below 0: the pure power law, its scale alone.
        floor = 0.0;
        a = sxl / sxx;
    }
    if !(a > 0.0 && a.is_finite()) {
        return None;
    }
    let law = Law { a, alpha, floor };
    let sse = points
        .iter()
        .map(|&(x, l)| ((l - law.at(x)) / l).powi(2))
        .sum();
    Some((law, sse))
}

/// The law through `points` (`(x, L)`, `x > 0`, `L > 0`; at least three
/// with different `x`), fitted in relative error: for each exponent the
/// best scale and floor are solved for, and the exponent is scanned and
/// refined. `None` when there are too few points or the loss does not
/// fall with `x`.
pub fn fit(points: &[(f64, f64)]) -> Option<Fit> {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|&(x, l)| x > 0.0 && l > 0.0 && x.is_finite() && l.is_finite())
        .collect();
    let first = pts.first()?.0;
    if pts.len() < 3 || pts.iter().all(|p| p.0 == first) {
        return None;
    }
    let cost = |alpha: f64| best_for(&pts, alpha).map_or(f64::INFINITY, |(_, sse)| sse);
    let at = |i: usize| ALPHA_MIN * (ALPHA_MAX / ALPHA_MIN).powf(i as f64 / ALPHA_GRID as f64);
    let best = (0..=ALPHA_GRID).min_by(|&i, &j| cost(at(i)).total_cmp(&cost(at(j))))?;
    let (mut lo, mut hi) = (at(best.saturating_sub(1)), at((best + 1).min(ALPHA_GRID)));
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut x1, mut x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
    let (mut f1, mut f2) = (cost(x1), cost(x2));
    for _ in 0..REFINE_STEPS {
        if f1 < f2 {
            hi = x2;
            (x2, f2) = (x1, f1);
            x1 = hi - g * (hi - lo);
            f1 = cost(x1);
        } else {
            lo = x1;
            (x1, f1) = (x2, f2);
            x2 = lo + g * (hi - lo);
            f2 = cost(x2);
        }
    }
    let alpha = [(at(best), cost(at(best))), (x1, f1), (x2, f2)]
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))?
        .0;
    // A loss that does not fall: the best exponent is the smallest scanned.
    if best == 0 && alpha <= ALPHA_MIN * 1.0001 {
        return None;
    }
    let (law, sse) = best_for(&pts, alpha)?;
    Some(Fit {
        law,
        rms_relative: (sse / pts.len() as f64).sqrt(),
    })
}

/// The indices of `keys` in increasing order of the pair (first, then
/// second): one sort for every ordering the scaling lab needs (each
/// `sort_by` of its own would add its own copy of the sort to the page).
pub fn order_by(keys: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&i, &j| {
        keys[i]
            .0
            .total_cmp(&keys[j].0)
            .then(keys[i].1.total_cmp(&keys[j].1))
            .then(i.cmp(&j))
    });
    order
}

/// The compute-efficient frontier of `points` (`(C, L)`): the indices of
/// the points no point with less or equal compute beats, in order of
/// compute. At each budget, the best loss any run of that budget or less
/// reached.
pub fn frontier(points: &[(f64, f64)]) -> Vec<usize> {
    let order = order_by(points);
    let mut best = f64::INFINITY;
    order
        .into_iter()
        .filter(|&i| {
            let keep = points[i].1 < best;
            best = best.min(points[i].1);
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::SeededRng;

    fn points(law: Law, xs: &[f64], noise: f64, seed: u64) -> Vec<(f64, f64)> {
        let mut rng = SeededRng::new(seed, 3);
        xs.iter()
            .map(|&x| (x, law.at(x) * (1.0 + noise * rng.normal())))
            .collect()
    }

    fn spread(from: f64, to: f64, n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| from * (to / from).powf(i as f64 / (n - 1) as f64))
            .collect()
    }

    #[test]
    fn a_known_law_is_recovered() {
        let truth = Law {
            a: 40.0,
            alpha: 0.3,
            floor: 1.2,
        };
        let f = fit(&points(truth, &spread(1e6, 1e10, 12), 0.0, 1)).unwrap();
        assert!((f.law.alpha - 0.3).abs() < 1e-4, "{f:?}");
        assert!((f.law.floor - 1.2).abs() < 1e-4, "{f:?}");
        assert!(f.rms_relative < 1e-8);
        // A pure power law: floor 0.
        let pure = Law {
            floor: 0.0,
            ..truth
        };
        let f = fit(&points(pure, &spread(1e3, 1e7, 8), 0.0, 1)).unwrap();
        assert!(
            f.law.floor < 1e-6 && (f.law.alpha - 0.3).abs() < 1e-6,
            "{f:?}"
        );
    }

    #[test]
    fn noisy_points_give_the_law_within_its_noise() {
        let truth = Law {
            a: 12.0,
            alpha: 0.25,
            floor: 1.5,
        };
        for seed in 0..20 {
            let f = fit(&points(truth, &spread(1e5, 1e11, 20), 0.01, seed)).unwrap();
            assert!((f.law.alpha - 0.25).abs() < 0.08, "seed {seed}: {f:?}");
            assert!((f.law.floor - 1.5).abs() < 0.15, "seed {seed}: {f:?}");
            assert!(f.rms_relative < 0.02, "seed {seed}: {f:?}");
            // It predicts a run ten times bigger within a few percent.
            let x = 1e12;
            assert!((f.law.at(x) - truth.at(x)).abs() / truth.at(x) < 0.05);
        }
    }

    #[test]
    fn too_few_or_rising_points_have_no_law() {
        assert_eq!(fit(&[(1.0, 2.0), (10.0, 1.0)]), None);
        assert_eq!(fit(&[(1.0, 1.0), (10.0, 2.0), (100.0, 3.0)]), None);
        assert_eq!(fit(&[(5.0, 1.0), (5.0, 2.0), (5.0, 3.0)]), None);
        assert!(fit(&[(1.0, 3.0), (10.0, 2.0), (100.0, 1.5), (f64::NAN, 1.0)]).is_some());
    }

    #[test]
    fn the_frontier_is_the_best_loss_at_each_budget() {
        let pts = [
            (1.0, 5.0),
            (2.0, 4.0),
            (2.0, 4.5),
            (4.0, 4.2),
            (8.0, 3.0),
            (3.0, 3.9),
        ];
        assert_eq!(frontier(&pts), vec![0, 1, 5, 4]);
    }
}
