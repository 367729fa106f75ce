//! The perceptron: `z = w·x + b`, `y = 1 if z > 0 else 0`, labels `Y ∈ {0, 1}`.
//!
//! Trained one sample at a time by the rule `w ← w + η(Y − y)x`,
//! `b ← b + η(Y − y)`: nothing changes when the sample is already right; a
//! missed `1` pulls the line towards it, a false `1` pushes it away. As a
//! gradient step this is descent on the perceptron criterion
//! `max(0, −(2Y−1)·z)`, which is how [`Head::Step`] computes it.

use super::dense::Dense;
use super::head::Head;
use super::kind::ModelKind;
use super::plane::dense_model;
use crate::core::activation::Activation;
use crate::core::features::{Encoder, Feature};

/// A single step-activation unit on `(x1, x2)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Perceptron {
    /// The point `(x1, x2)` as the row `(x1, x2)`.
    pub encoder: Encoder,
    /// The single layer.
    pub net: Dense,
}

impl Perceptron {
    /// A perceptron with small random weights from `seed` and `b = 0`.
    pub fn new(seed: u64) -> Self {
        let encoder = Encoder::new(vec![Feature::X1, Feature::X2]);
        let mut net = Dense::new(encoder.width(), &[], 1, Activation::Linear, Head::Step);
        net.init_random(seed, 0.5);
        Perceptron { encoder, net }
    }
}

dense_model!(Perceptron, ModelKind::Perceptron);
