//! The shading scale of a surface of losses: where a loss `L` falls between
//! the lowest (0) and the highest (1), linearly, or in `log L` when the
//! losses span many decades (a diverging model next to a good one).

use super::grid::extent;

/// Loss ranges spanning more than this many decades are shaded on a log scale.
pub const LOG_DECADES: f64 = 2.0;

/// A linear or logarithmic scale over some losses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Smallest finite loss.
    pub min: f64,
    /// Largest finite loss.
    pub max: f64,
    /// True when the scale is logarithmic (the range spans more than
    /// [`LOG_DECADES`] decades).
    pub log: bool,
    /// Lowest loss the scale resolves (losses below it shade as it): `min`
    /// on a linear scale.
    pub floor: f64,
}

impl Scale {
    /// The scale of the finite `values` (all zero when there are none). The
    /// log scale's floor is the smallest positive value, at least
    /// `max · 10⁻⁶`, so exact zeros do not make the span infinite.
    pub fn fit(values: &[f64]) -> Scale {
        let (min, max) = extent(values.iter().copied());
        if min > max {
            return Scale {
                min: 0.0,
                max: 0.0,
                log: false,
                floor: 0.0,
            };
        }
        let smallest_positive = values
            .iter()
            .copied()
            .filter(|&v| v.is_finite() && v > 0.0)
            .fold(f64::INFINITY, f64::min);
        let floor = smallest_positive.max(max * 1e-6);
        let log = max > 0.0 && floor.is_finite() && (max / floor).log10() > LOG_DECADES;
        Scale {
            min,
            max,
            log,
            floor: if log { floor } else { min },
        }
    }

    /// Where loss `v` falls: 0 for the lowest, 1 for the highest; on a log
    /// scale `(ln v − ln floor) / (ln max − ln floor)`. A non-finite loss
    /// counts as the highest.
    pub fn shade(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return 1.0;
        }
        let t = if self.log {
            (v.max(self.floor).ln() - self.floor.ln()) / (self.max.ln() - self.floor.ln())
        } else if self.max > self.min {
            (v - self.min) / (self.max - self.min)
        } else {
            0.0
        };
        t.clamp(0.0, 1.0)
    }

    /// The loss at shade `t` (the inverse of [`Scale::shade`]).
    pub fn level(&self, t: f64) -> f64 {
        if self.log {
            (self.floor.ln() + t * (self.max.ln() - self.floor.ln())).exp()
        } else {
            self.min + t * (self.max - self.min)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_ranges_use_a_log_scale() {
        let s = Scale::fit(&[0.01, 0.5, 30.0]);
        assert!(s.log && s.min == 0.01 && s.max == 30.0 && s.floor == 0.01);
        assert!(!Scale::fit(&[0.5, 1.0, 40.0]).log);
        // Exact zeros (the perceptron criterion) do not make the span infinite.
        let s = Scale::fit(&[0.0, 0.0, 2.0, 3.0]);
        assert!(!s.log && s.min == 0.0 && s.floor == 0.0);
        let s = Scale::fit(&[0.0, 1e-3, 3.0]);
        assert!(s.log && s.floor == 1e-3);
        assert_eq!(Scale::fit(&[]).min, 0.0);
    }

    #[test]
    fn shade_and_level_are_inverse() {
        for values in [&[0.2, 0.7, 1.5][..], &[1e-4, 0.3, 50.0]] {
            let s = Scale::fit(values);
            assert_eq!(s.shade(s.min), 0.0);
            assert_eq!(s.shade(s.max), 1.0);
            assert_eq!(s.shade(f64::NAN), 1.0);
            for t in [0.0, 0.3, 0.8, 1.0] {
                assert!((s.shade(s.level(t)) - t).abs() < 1e-9, "{values:?} {t}");
            }
        }
        let flat = Scale::fit(&[2.0, 2.0]);
        assert_eq!(flat.shade(2.0), 0.0);
    }
}
