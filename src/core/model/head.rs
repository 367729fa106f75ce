//! The output head: what the last layer's scores `z` become (`y`, `σ(z)`,
//! softmax probabilities, or `ŷ = z`) and the loss that goes with it, one
//! sample at a time in `f64`.

use crate::core::activation::{sigmoid, Activation};
use crate::core::loss;

/// The output function and the loss that goes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Head {
    /// Perceptron: `y = 1 if z > 0 else 0`; loss is the perceptron criterion
    /// `max(0, −(2Y−1)·z)`, whose gradient step is exactly `Δw = η(Y − y)x`.
    Step,
    /// `ŷ = σ(z)`, binary cross-entropy.
    Sigmoid,
    /// `p = softmax(z)` over K outputs, cross-entropy.
    Softmax,
    /// `ŷ = z`, squared error.
    Linear,
}

impl Head {
    /// Loss of one sample from its output scores `z` and target `Y`
    /// (class index, or value in regression).
    pub fn loss(self, z: &[f64], target: f64) -> f64 {
        match self {
            Head::Step => (-(2.0 * target - 1.0) * z[0]).max(0.0),
            Head::Sigmoid => loss::bce_from_logit(z[0], target),
            Head::Softmax => {
                // −log softmax(z)_Y = logsumexp(z) − z_Y, computed stably.
                let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
                lse - z[target as usize]
            }
            Head::Linear => loss::squared_error(z[0], target),
        }
    }

    /// [`Head::loss`] of one sample, and `∂L/∂z` written into `dz` (one
    /// softmax serves both).
    pub fn loss_dz(self, z: &[f64], target: f64, dz: &mut [f64]) -> f64 {
        match self {
            Head::Step => dz[0] = Activation::Step.apply(z[0]) - target,
            Head::Sigmoid => dz[0] = loss::bce_grad(sigmoid(z[0]), target),
            Head::Softmax => {
                // p = softmax(z); ∂L/∂z_k = p_k − [k = Y]; L = max + ln Σ − z_Y.
                let (max, sum) = softmax_parts(z, dz);
                let y = target as usize;
                dz[y] -= 1.0;
                return (max + sum.ln()) - z[y];
            }
            Head::Linear => dz[0] = loss::squared_error_grad(z[0], target),
        }
        self.loss(z, target)
    }

    /// The class the scores `z` pick: `z > 0` for one output, the first
    /// largest score for several (as `Model::predict_class` decides from
    /// the probabilities); `None` for regression.
    pub fn class(self, z: &[f64]) -> Option<usize> {
        match self {
            Head::Step | Head::Sigmoid => Some(usize::from(z[0] > 0.0)),
            Head::Softmax => {
                Some((0..z.len()).fold(0, |best, c| if z[c] > z[best] { c } else { best }))
            }
            Head::Linear => None,
        }
    }

    /// The model's output from scores: `y ∈ {0,1}`, `σ(z)`, softmax, or `z`.
    pub fn output(self, z: &[f64], out: &mut [f64]) {
        out[..z.len()].copy_from_slice(z);
        self.apply(&mut out[..z.len()]);
    }

    /// [`Head::output`] in place: the scores `v` become the output.
    pub fn apply(self, v: &mut [f64]) {
        match self {
            Head::Step => v[0] = Activation::Step.apply(v[0]),
            Head::Sigmoid => v[0] = sigmoid(v[0]),
            Head::Softmax => {
                // The arithmetic of `activation::softmax`, in place.
                let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let mut sum = 0.0;
                for o in v.iter_mut() {
                    *o = (*o - max).exp();
                    sum += *o;
                }
                v.iter_mut().for_each(|o| *o /= sum);
            }
            Head::Linear => {}
        }
    }
}

/// `p = softmax(z)` into `p` (as `activation::softmax` computes it), with
/// the max and the sum `Σ e^(z−max)` it used.
fn softmax_parts(z: &[f64], p: &mut [f64]) -> (f64, f64) {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for (o, &v) in p.iter_mut().zip(z) {
        *o = (v - max).exp();
        sum += *o;
    }
    p.iter_mut().for_each(|o| *o /= sum);
    (max, sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_dz_matches_loss_and_softmax() {
        let z = [0.3, -1.2, 2.0, 0.0];
        let mut dz = [0.0; 4];
        let l = Head::Softmax.loss_dz(&z, 2.0, &mut dz);
        assert!((l - Head::Softmax.loss(&z, 2.0)).abs() < 1e-15);
        let mut p = [0.0; 4];
        crate::core::activation::softmax(&z, &mut p);
        for (k, (d, p)) in dz.iter().zip(p).enumerate() {
            assert_eq!(*d, p - f64::from(u8::from(k == 2)));
        }
        let mut out = [0.0; 4];
        Head::Softmax.output(&z, &mut out);
        assert_eq!(out, p);
    }
}
