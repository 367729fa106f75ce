//! Softmax regression: K scores `z_k = w_k·x + b_k`, turned into K
//! probabilities by `p_k = e^(z_k) / Σ_j e^(z_j)`, trained on cross-entropy
//! `L = −log p_Y`, whose gradient is `∂L/∂z_k = p_k − [k = Y]`.

use super::dense::Dense;
use super::head::Head;
use super::kind::ModelKind;
use super::plane::dense_model;
use crate::core::activation::Activation;
use crate::core::features::{Encoder, Feature};

/// K linear units on `(x1, x2)` and a softmax.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftmaxRegression {
    /// The point `(x1, x2)` as the row `(x1, x2)`.
    pub encoder: Encoder,
    /// The single layer.
    pub net: Dense,
}

impl SoftmaxRegression {
    /// `classes` outputs with small random weights from `seed`.
    pub fn new(classes: usize, seed: u64) -> Self {
        let encoder = Encoder::new(vec![Feature::X1, Feature::X2]);
        let mut net = Dense::new(
            encoder.width(),
            &[],
            classes,
            Activation::Linear,
            Head::Softmax,
        );
        net.init_random(seed, 0.5);
        SoftmaxRegression { encoder, net }
    }
}

dense_model!(SoftmaxRegression, ModelKind::Softmax);
