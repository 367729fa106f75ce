//! The neural network (multi-layer perceptron): features, up to four hidden
//! layers `a = f(W·a_prev + b)`, and an output layer — sigmoid (two classes),
//! softmax (K classes) or linear (regression). Trained by backpropagation.
//! Hidden layers bend the plane so that a straight cut in the last hidden
//! layer's space becomes a curved boundary in the input space.

use super::{dense_model, Dense, Head, ModelKind, ModelSpec, Precision};
use crate::core::data::Task;
use crate::core::features::Feature;

/// A multi-layer perceptron.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp(pub Dense);

impl Mlp {
    /// A network of shape `spec` for `task` with `classes` classes,
    /// initialised from `seed` (He for ReLU, Xavier otherwise). The spec must
    /// be valid ([`ModelSpec::validate`]). It trains in [`Precision::F32`].
    pub fn new(spec: &ModelSpec, task: Task, classes: usize, seed: u64) -> Self {
        let mut features = match task {
            Task::Classification => vec![Feature::X1, Feature::X2],
            Task::Regression => vec![Feature::X1],
        };
        // Extras in a fixed order, whatever order the user ticked them in.
        let offered: &[Feature] = match task {
            Task::Classification => &Feature::EXTRAS,
            Task::Regression => &Feature::EXTRAS_1D,
        };
        features.extend(offered.iter().filter(|f| spec.extras.contains(f)));
        let (outputs, head) = match task {
            Task::Regression => (1, Head::Linear),
            Task::Classification if classes == 2 && !spec.softmax_output => (1, Head::Sigmoid),
            Task::Classification => (classes, Head::Softmax),
        };
        let mut net = Dense::new(features, &spec.hidden, outputs, spec.activation, head);
        net.init_random(seed, 1.0);
        // Networks train in f32: twice the samples per SIMD instruction, and
        // their weights need nothing like f64's precision. (The one-layer
        // models stay in f64, so their updates match hand-worked numbers.)
        net.set_precision(Precision::F32);
        Mlp(net)
    }

    /// Number of hidden layers.
    pub fn hidden_layers(&self) -> usize {
        self.0.layers().len() - 1
    }
}

dense_model!(Mlp, ModelKind::Network);
