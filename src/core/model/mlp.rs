//! The neural network (multi-layer perceptron): features, up to four hidden
//! layers `a = f(W·a_prev + b)`, and an output layer — sigmoid (two classes),
//! softmax (K classes) or linear (regression). Trained by backpropagation.
//! Hidden layers bend the plane so that a straight cut in the last hidden
//! layer's space becomes a curved boundary in the input space.

use super::dense::{Dense, Precision};
use super::head::Head;
use super::kind::ModelKind;
use super::plane::dense_model;
use crate::core::activation::Activation;
use crate::core::data::Task;
use crate::core::features::{Encoder, Feature};

/// A multi-layer perceptron.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    /// The point as `x1, x2` (or `x`) and the extra features ticked.
    pub encoder: Encoder,
    /// The layers.
    pub net: Dense,
}

impl Mlp {
    /// A network for `task` with `classes` classes: hidden layers of
    /// `hidden` units with `activation`, inputs `x1, x2` (or `x`) plus
    /// `extras`, a softmax head for two classes when `softmax_output`;
    /// initialised from `seed` (He for ReLU, Xavier otherwise). The shape
    /// must be valid (`ModelSpec::validate`). It trains in [`Precision::F32`].
    pub fn new(
        task: Task,
        classes: usize,
        hidden: &[usize],
        activation: Activation,
        extras: &[Feature],
        softmax_output: bool,
        seed: u64,
    ) -> Self {
        let mut features = match task {
            Task::Classification => vec![Feature::X1, Feature::X2],
            Task::Regression => vec![Feature::X1],
        };
        // Extras in a fixed order, whatever order the user ticked them in.
        let offered: &[Feature] = match task {
            Task::Classification => &Feature::EXTRAS,
            Task::Regression => &Feature::EXTRAS_1D,
        };
        features.extend(offered.iter().filter(|f| extras.contains(f)));
        let (outputs, head) = match task {
            Task::Regression => (1, Head::Linear),
            Task::Classification if classes == 2 && !softmax_output => (1, Head::Sigmoid),
            Task::Classification => (classes, Head::Softmax),
        };
        let encoder = Encoder::new(features);
        let mut net = Dense::new(encoder.width(), hidden, outputs, activation, head);
        net.init_random(seed, 1.0);
        // Networks train in f32: twice the samples per SIMD instruction, and
        // their weights need nothing like f64's precision. (The one-layer
        // models stay in f64, so their updates match hand-worked numbers.)
        net.set_precision(Precision::F32);
        Mlp { encoder, net }
    }

    /// Number of hidden layers.
    pub fn hidden_layers(&self) -> usize {
        self.net.layers().len() - 1
    }
}

dense_model!(Mlp, ModelKind::Network);
