//! Grids over a rectangle of the plane: the rectangle ([`Domain`]), evenly
//! spaced nodes along it, the extent of some values, and the zero contour of
//! values on an `n × n` node grid (marching squares).

use crate::core::data::DOMAIN;

/// A rectangle of the plane: x over `[x_min, x_max]`, y over `[y_min, y_max]`
/// (y up). The default is the data plane, `[−6, 6]²`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Domain {
    /// Left end of the x axis.
    pub x_min: f64,
    /// Right end of the x axis.
    pub x_max: f64,
    /// Bottom end of the y axis.
    pub y_min: f64,
    /// Top end of the y axis.
    pub y_max: f64,
}

impl Default for Domain {
    fn default() -> Self {
        Domain {
            x_min: -DOMAIN,
            x_max: DOMAIN,
            y_min: -DOMAIN,
            y_max: DOMAIN,
        }
    }
}

impl Domain {
    /// The rectangle `x ∈ [x.0, x.1]`, `y ∈ [y.0, y.1]`.
    pub fn new(x: (f64, f64), y: (f64, f64)) -> Domain {
        Domain {
            x_min: x.0,
            x_max: x.1,
            y_min: y.0,
            y_max: y.1,
        }
    }
}

/// Node `k` of `n ≥ 2` evenly spaced from `from` to `to`:
/// `from + (to − from)·k / (n − 1)`.
pub fn node(from: f64, to: f64, k: usize, n: usize) -> f64 {
    from + (to - from) * k as f64 / (n - 1) as f64
}

/// `(lowest, highest)` of the finite `values`; `(∞, −∞)` when there are none.
pub fn extent(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}

/// The zero contour of `values`, an `n × n` node grid over `domain` (row 0 at
/// the top, `y_max`; column 0 at the left, `x_min`), as segments
/// `[x0, y0, x1, y1]`; a saddle cell is resolved by the sign at its centre.
pub fn marching_squares(values: &[f64], n: usize, domain: &Domain) -> Vec<[f64; 4]> {
    let pos = |row: f64, col: f64| {
        (
            domain.x_min + (domain.x_max - domain.x_min) * col / (n - 1) as f64,
            domain.y_max - (domain.y_max - domain.y_min) * row / (n - 1) as f64,
        )
    };
    let mut out = Vec::new();
    for r in 0..n - 1 {
        for c in 0..n - 1 {
            // Corners clockwise from the top-left, as (row, col, value).
            let corners = [
                (r, c, values[r * n + c]),
                (r, c + 1, values[r * n + c + 1]),
                (r + 1, c + 1, values[(r + 1) * n + c + 1]),
                (r + 1, c, values[(r + 1) * n + c]),
            ];
            let mut hits = Vec::with_capacity(4);
            for e in 0..4 {
                let (r0, c0, v0) = corners[e];
                let (r1, c1, v1) = corners[(e + 1) % 4];
                if (v0 >= 0.0) != (v1 >= 0.0) {
                    let t = v0 / (v0 - v1);
                    hits.push(pos(
                        r0 as f64 + t * (r1 as f64 - r0 as f64),
                        c0 as f64 + t * (c1 as f64 - c0 as f64),
                    ));
                }
            }
            if hits.len() == 4 {
                // Saddle: pair the crossings by the sign at the cell's centre.
                let centre: f64 = corners.iter().map(|k| k.2).sum::<f64>() / 4.0;
                let top_left_positive = corners[0].2 >= 0.0;
                if (centre >= 0.0) == top_left_positive {
                    hits.swap(1, 3);
                }
            }
            for pair in hits.chunks_exact(2) {
                out.push([pair[0].0, pair[0].1, pair[1].0, pair[1].1]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_span_the_range_evenly() {
        assert_eq!(node(-6.0, 6.0, 0, 13), -6.0);
        assert_eq!(node(-6.0, 6.0, 6, 13), 0.0);
        assert_eq!(node(-6.0, 6.0, 12, 13), 6.0);
        assert_eq!(node(6.0, -6.0, 3, 13), 3.0);
    }

    #[test]
    fn extent_skips_non_finite_values() {
        assert_eq!(extent([2.0, f64::NAN, -1.0, f64::INFINITY]), (-1.0, 2.0));
        let (lo, hi) = extent([f64::NAN]);
        assert!(lo > hi);
    }

    #[test]
    fn the_zero_contour_of_a_plane_is_its_line() {
        // v = x − y − 0.5 is zero on the line y = x − 0.5.
        let (n, d) = (21, Domain::default());
        let values: Vec<f64> = (0..n * n)
            .map(|k| node(d.x_min, d.x_max, k % n, n) - node(d.y_max, d.y_min, k / n, n) - 0.5)
            .collect();
        let segs = marching_squares(&values, n, &d);
        assert!(segs.len() >= n - 1);
        for s in &segs {
            for (x, y) in [(s[0], s[1]), (s[2], s[3])] {
                assert!((y - (x - 0.5)).abs() < 1e-9, "({x}, {y})");
            }
        }
        assert!(marching_squares(&vec![1.0; n * n], n, &d).is_empty());
    }
}
