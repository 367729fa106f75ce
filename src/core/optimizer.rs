//! Stochastic gradient descent with momentum and L2 weight decay.

/// One SGD update of `params` from the batch gradient `grad`:
/// `v ← μ·v − η·(g + λ·w)`, then `w ← w + v`. Biases (`is_bias(i)`) get no
/// decay. With `μ = 0` and `λ = 0` this is plain `w ← w − η·g`, so for the
/// perceptron (whose `g = −(Y − y)·x`) it is exactly `w ← w + η(Y − y)·x`.
///
/// Returns the largest `|w|` after the update, or NaN if any `w` is NaN (the
/// session's divergence check, folded into the same pass).
pub fn sgd_step(
    params: &mut [f64],
    grad: &[f64],
    velocity: &mut [f64],
    lr: f64,
    momentum: f64,
    l2: f64,
    is_bias: impl Fn(usize) -> bool,
) -> f64 {
    let (mut largest, mut nan) = (0.0f64, false);
    for (i, ((w, &g), v)) in params
        .iter_mut()
        .zip(grad)
        .zip(velocity.iter_mut())
        .enumerate()
    {
        let decay = if l2 > 0.0 && !is_bias(i) {
            l2 * *w
        } else {
            0.0
        };
        *v = if momentum > 0.0 {
            momentum * *v - lr * (g + decay)
        } else {
            -(lr * (g + decay))
        };
        *w += *v;
        // Not `f64::max`: on wasm that is a call to libm's `fmax`.
        nan |= w.is_nan();
        if w.abs() > largest {
            largest = w.abs();
        }
    }
    if nan {
        f64::NAN
    } else {
        largest
    }
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
    fn reports_the_largest_weight_and_nan() {
        let mut w = [1.0, -3.0, 2.0];
        let mut v = [0.0; 3];
        let big = sgd_step(&mut w, &[0.0; 3], &mut v, 0.1, 0.0, 0.0, |_| false);
        assert_eq!(big, 3.0);
        let mut w = [f64::NAN, 1.0, 2.0];
        let nan = sgd_step(&mut w, &[0.0; 3], &mut v, 0.1, 0.0, 0.0, |_| false);
        assert!(nan.is_nan());
        let mut w = [1.0, 2.0];
        let inf = sgd_step(
            &mut w,
            &[f64::INFINITY, 0.0],
            &mut v[..2],
            0.1,
            0.0,
            0.0,
            |_| false,
        );
        assert_eq!(inf, f64::INFINITY);
    }

    #[test]
    fn l2_decays_weights_not_biases() {
        let mut w = [2.0, 2.0];
        let mut v = [0.0; 2];
        sgd_step(&mut w, &[0.0, 0.0], &mut v, 0.5, 0.0, 0.1, |i| i == 1);
        assert_eq!(w, [2.0 - 0.5 * 0.2, 2.0]);
    }
}
