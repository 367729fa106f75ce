//! Logistic regression: `z = w·x + b`, `ŷ = σ(z)` read as `P(class 2)`,
//! trained by gradient descent on binary cross-entropy, whose gradient is
//! `∂L/∂w = (ŷ − Y)x`, `∂L/∂b = ŷ − Y`.

use super::{dense_model, Dense, Head, ModelKind};
use crate::core::activation::Activation;
use crate::core::features::Feature;

/// One sigmoid unit on `(x1, x2)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Logistic(pub Dense);

impl Logistic {
    /// Small random weights from `seed`, `b = 0`.
    pub fn new(seed: u64) -> Self {
        let mut net = Dense::new(
            vec![Feature::X1, Feature::X2],
            &[],
            1,
            Activation::Linear,
            Head::Sigmoid,
        );
        net.init_random(seed, 0.5);
        Logistic(net)
    }
}

dense_model!(Logistic, ModelKind::Logistic);
