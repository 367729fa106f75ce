//! Stochastic gradient descent with momentum and L2 weight decay.

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
    fn l2_decays_weights_not_biases() {
        let mut w = [2.0, 2.0];
        let mut v = [0.0; 2];
        sgd_step(&mut w, &[0.0, 0.0], &mut v, 0.5, 0.0, 0.1, |i| i == 1);
        assert_eq!(w, [2.0 - 0.5 * 0.2, 2.0]);
    }
}
