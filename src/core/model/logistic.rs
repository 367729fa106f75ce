//! Logistic regression: `z = w·x + b`, `ŷ = σ(z)` read as `P(class 2)`,
//! trained by gradient descent on binary cross-entropy, whose gradient is
//! `∂L/∂w = (ŷ − Y)x`, `∂L/∂b = ŷ − Y`.

use super::dense::Dense;
use super::head::Head;
use super::kind::ModelKind;
use super::plane::dense_model;
use crate::core::activation::Activation;
use crate::core::features::{Encoder, Feature};

/// One sigmoid unit on `(x1, x2)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Logistic {
    /// The point `(x1, x2)` as the row `(x1, x2)`.
    pub encoder: Encoder,
    /// The single layer.
    pub net: Dense,
}

impl Logistic {
    /// Small random weights from `seed`, `b = 0`.
    pub fn new(seed: u64) -> Self {
        let encoder = Encoder::new(vec![Feature::X1, Feature::X2]);
        let mut net = Dense::new(encoder.width(), &[], 1, Activation::Linear, Head::Sigmoid);
        net.init_random(seed, 0.5);
        Logistic { encoder, net }
    }
}

dense_model!(Logistic, ModelKind::Logistic);
