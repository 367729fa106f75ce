//! Losses and their derivatives with respect to the model's output score.
//!
//! Each pairs an output function with its natural loss so the derivative with
//! respect to the pre-activation `z` is the simple `ŷ − Y`.

/// Smallest probability fed to a logarithm: keeps `log(0)` finite.
pub const EPS: f64 = 1e-12;

/// Binary cross-entropy `L = −[Y log ŷ + (1 − Y) log(1 − ŷ)]` for `ŷ = σ(z)`,
/// computed from `z` directly so that large `|z|` never gives `log(0)`.
pub fn bce_from_logit(z: f64, target: f64) -> f64 {
    // log(1 + e^z) − Y z, written stably.
    let softplus = if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    };
    softplus - target * z
}

/// Binary cross-entropy of a probability `p` against `Y ∈ {0, 1}` (clamped away from 0 and 1).
pub fn bce(p: f64, target: f64) -> f64 {
    let p = p.clamp(EPS, 1.0 - EPS);
    -(target * p.ln() + (1.0 - target) * (1.0 - p).ln())
}

/// `∂L/∂z` of binary cross-entropy with a sigmoid output: `σ(z) − Y`.
pub fn bce_grad(p: f64, target: f64) -> f64 {
    p - target
}

/// Categorical cross-entropy `L = −log p_Y` (the notes' `L = −Σ Y_k log ŷ_k`
/// with a one-hot `Y`).
pub fn cross_entropy(probs: &[f64], class: usize) -> f64 {
    -probs[class].max(EPS).ln()
}

/// `∂L/∂z_k` of cross-entropy after softmax: `p_k − [k = Y]`, written into `out`.
pub fn cross_entropy_grad(probs: &[f64], class: usize, out: &mut [f64]) {
    for (k, (o, &p)) in out.iter_mut().zip(probs).enumerate() {
        *o = p - f64::from(u8::from(k == class));
    }
}

/// Squared error `L = ½(ŷ − Y)²` for one sample (the mean over samples is the MSE up to ½).
pub fn squared_error(pred: f64, target: f64) -> f64 {
    0.5 * (pred - target).powi(2)
}

/// `∂L/∂ŷ` of the squared error: `ŷ − Y`.
pub fn squared_error_grad(pred: f64, target: f64) -> f64 {
    pred - target
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::activation::{sigmoid, softmax};

    fn fd(f: impl Fn(f64) -> f64, x: f64) -> f64 {
        let h = 1e-6;
        (f(x + h) - f(x - h)) / (2.0 * h)
    }

    #[test]
    fn bce_gradient_matches_finite_difference() {
        for z in [-3.0, -0.2, 0.0, 0.9, 4.0] {
            for y in [0.0, 1.0] {
                let num = fd(|z| bce(sigmoid(z), y), z);
                let ana = bce_grad(sigmoid(z), y);
                assert!((num - ana).abs() < 1e-6 * (1.0 + ana.abs()), "z={z} y={y}");
                assert!((bce(sigmoid(z), y) - bce_from_logit(z, y)).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn bce_is_finite_at_the_edges() {
        assert!(bce(0.0, 1.0).is_finite() && bce(1.0, 0.0).is_finite());
        assert!(bce_from_logit(-1000.0, 1.0).is_finite());
        assert!((bce_from_logit(-1000.0, 1.0) - 1000.0).abs() < 1e-9);
        assert!(bce_from_logit(1000.0, 1.0).abs() < 1e-12);
    }

    #[test]
    fn cross_entropy_gradient_matches_finite_difference() {
        let z = [0.3, -1.2, 2.0];
        let mut p = [0.0; 3];
        softmax(&z, &mut p);
        let mut g = [0.0; 3];
        cross_entropy_grad(&p, 2, &mut g);
        for k in 0..3 {
            let num = fd(
                |v| {
                    let mut zz = z;
                    zz[k] = v;
                    let mut pp = [0.0; 3];
                    softmax(&zz, &mut pp);
                    cross_entropy(&pp, 2)
                },
                z[k],
            );
            assert!((num - g[k]).abs() < 1e-6, "k={k}: {num} vs {}", g[k]);
        }
    }

    #[test]
    fn squared_error_gradient_matches_finite_difference() {
        for (p, y) in [(1.0, 2.5), (-0.3, 0.4)] {
            let num = fd(|p| squared_error(p, y), p);
            assert!((num - squared_error_grad(p, y)).abs() < 1e-6);
        }
    }
}
