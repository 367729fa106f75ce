//! Stochastic gradient descent with momentum and L2 weight decay, and
//! Adam (the transformer's optimiser).

/// One SGD update of `params` from the batch gradient `grad`:
/// `v ← μ·v − η·(g + λ·w)`, then `w ← w + v`. Biases (`is_bias(i)`) get no
/// decay. With `μ = 0` and `λ = 0` this is plain `w ← w − η·g`, so for the
/// perceptron (whose `g = −(Y − y)·x`) it is exactly `w ← w + η(Y − y)·x`.
pub fn sgd_step(
    params: &mut [f64],
    grad: &[f64],
    velocity: &mut [f64],
    lr: f64,
    momentum: f64,
    l2: f64,
    is_bias: impl Fn(usize) -> bool,
) {
    let all = params.iter_mut().zip(grad).zip(velocity.iter_mut());
    if l2 > 0.0 || momentum > 0.0 {
        for (i, ((w, &g), v)) in all.enumerate() {
            let decay = if l2 > 0.0 && !is_bias(i) {
                l2 * *w
            } else {
                0.0
            };
            *v = momentum * *v - lr * (g + decay);
            *w += *v;
        }
    } else {
        // Plain SGD, the default: no branch in the loop, so it vectorises.
        for ((w, &g), v) in all {
            *v = -(lr * (g + 0.0));
            *w += *v;
        }
    }
}

/// Adam's constants: `β₁`, `β₂` and `ε` (TensorFlow.js's defaults for `ε`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adam {
    /// Decay of the mean of the gradient, `β₁`.
    pub beta1: f64,
    /// Decay of the mean of its square, `β₂`.
    pub beta2: f64,
    /// Added to `√v̂` so a step never divides by zero.
    pub eps: f64,
}

impl Default for Adam {
    fn default() -> Self {
        Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-7,
        }
    }
}

impl Adam {
    /// The `t`-th update (from 1) of `params` from `grad`, with the moments
    /// `m`, `v`: `m ← β₁m + (1 − β₁)g`, `v ← β₂v + (1 − β₂)g²`, then
    /// `w ← w − η·m̂/(√v̂ + ε)` with `m̂ = m/(1 − β₁ᵗ)`, `v̂ = v/(1 − β₂ᵗ)`.
    /// True when every new parameter is within `limit` (NaN fails).
    pub fn step(
        &self,
        t: u64,
        lr: f64,
        params: &mut [f64],
        grad: &[f64],
        (m, v): (&mut [f64], &mut [f64]),
        limit: f64,
    ) -> bool {
        let t = t.min(i32::MAX as u64) as i32;
        let (b1, b2) = (self.beta1, self.beta2);
        let (c1, c2) = (1.0 - b1.powi(t), 1.0 - b2.powi(t));
        let mut within = true;
        for (((w, &g), m), v) in params.iter_mut().zip(grad).zip(m).zip(v) {
            *m = b1 * *m + (1.0 - b1) * g;
            *v = b2 * *v + (1.0 - b2) * g * g;
            *w -= lr * (*m / c1) / ((*v / c2).sqrt() + self.eps);
            within &= w.abs() <= limit;
        }
        within
    }
}

/// True when every `|w|` is at most `limit` (so none is NaN or infinite).
///
/// Fast path first: `√(Σ w²)` (summed in two lanes, so it vectorises)
/// bounds every `|w|`; only when that bound passes `limit`, or is not
/// finite, are the weights looked at one by one. (A plain scan with a NaN
/// check was 8% of a training step in V8.)
pub fn all_within(params: &[f64], limit: f64) -> bool {
    let mut sq = [0.0f64; 2];
    let mut pairs = params.chunks_exact(2);
    for pair in &mut pairs {
        sq[0] += pair[0] * pair[0];
        sq[1] += pair[1] * pair[1];
    }
    let rest: f64 = pairs.remainder().iter().map(|w| w * w).sum();
    (sq[0] + sq[1] + rest).sqrt() <= limit || params.iter().all(|w| w.abs() <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_step_is_w_minus_lr_g() {
        let mut w = [1.0, -2.0];
        let mut v = [0.0; 2];
        sgd_step(&mut w, &[0.5, -1.0], &mut v, 0.1, 0.0, 0.0, |_| false);
        assert_eq!(w, [1.0 - 0.1 * 0.5, -2.0 + 0.1 * 1.0]);
    }

    #[test]
    fn momentum_accumulates() {
        let mut w = [0.0];
        let mut v = [0.0];
        sgd_step(&mut w, &[1.0], &mut v, 0.1, 0.9, 0.0, |_| false);
        sgd_step(&mut w, &[1.0], &mut v, 0.1, 0.9, 0.0, |_| false);
        assert!((v[0] - (-0.1 * 0.9 - 0.1)).abs() < 1e-15);
        assert!((w[0] - (-0.1 - 0.19)).abs() < 1e-15);
    }

    #[test]
    fn all_within_finds_big_nan_and_infinite_weights() {
        let mut w = vec![0.5; 105];
        assert!(all_within(&w, 1e6));
        w[7] = -1e6;
        assert!(all_within(&w, 1e6), "the limit itself is allowed");
        // Many large weights: the quick bound fails, the scan passes.
        let many = vec![9e5; 105];
        assert!(all_within(&many, 1e6));
        for bad in [1.5e6, -2e6, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            for at in [0, 50, 104] {
                let mut w = vec![0.5; 105];
                w[at] = bad;
                assert!(!all_within(&w, 1e6), "{bad} at {at}");
            }
        }
        // Odd length: the last weight alone.
        let mut odd = vec![0.1; 5];
        odd[4] = f64::NAN;
        assert!(!all_within(&odd, 1e6));
    }

    #[test]
    fn adam_first_step_moves_each_weight_by_about_the_learning_rate() {
        // At t = 1, m̂ = g and v̂ = g²: the step is η·g/(|g| + ε) ≈ η·sign(g).
        let adam = Adam::default();
        let (mut w, mut m, mut v) = ([1.0, 1.0, 1.0], [0.0; 3], [0.0; 3]);
        assert!(adam.step(1, 0.01, &mut w, &[2.0, -1e-3, 0.0], (&mut m, &mut v), 1e6));
        assert!((w[0] - 0.99).abs() < 1e-9 && (w[1] - 1.01).abs() < 1e-6);
        assert_eq!(w[2], 1.0);
        // By hand at t = 2 for the first weight.
        let w1 = w[0];
        assert!(adam.step(2, 0.01, &mut w, &[1.0, 0.0, 0.0], (&mut m, &mut v), 1e6));
        let m2: f64 = 0.9 * 0.2 + 0.1 * 1.0;
        let v2: f64 = 0.999 * 0.004 + 0.001 * 1.0;
        let want = w1 - 0.01 * (m2 / (1.0 - 0.81)) / ((v2 / (1.0 - 0.998001)).sqrt() + 1e-7);
        assert!((w[0] - want).abs() < 1e-12, "{} vs {want}", w[0]);
        let mut big = [1.0];
        assert!(!adam.step(1, 10.0, &mut big, &[-1.0], (&mut [0.0], &mut [0.0]), 5.0));
    }

    #[test]
    fn l2_decays_weights_not_biases() {
        let mut w = [2.0, 2.0];
        let mut v = [0.0; 2];
        sgd_step(&mut w, &[0.0, 0.0], &mut v, 0.5, 0.0, 0.1, |i| i == 1);
        assert_eq!(w, [2.0 - 0.5 * 0.2, 2.0]);
    }
}
