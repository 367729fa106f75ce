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
    largest_magnitude(params)
}

/// The largest `|w|`, or NaN if any `w` is NaN; two running maxima side by
/// side so the loop vectorises (and no `f64::max`, which on wasm is a call
/// to libm's `fmax`).
fn largest_magnitude(params: &[f64]) -> f64 {
    let mut top = [0.0f64; 2];
    let mut pairs = params.chunks_exact(2);
    for pair in &mut pairs {
        for k in 0..2 {
            let a = pair[k].abs();
            top[k] = if a > top[k] || a.is_nan() { a } else { top[k] };
        }
    }
    for &w in pairs.remainder() {
        let a = w.abs();
        top[0] = if a > top[0] || a.is_nan() { a } else { top[0] };
    }
    if top[0].is_nan() || top[1].is_nan() {
        f64::NAN
    } else if top[0] > top[1] {
        top[0]
    } else {
        top[1]
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
