//! [`ModelSpec`]: the user's choice of model and its shape, the limits the
//! app puts on it, and building the model it describes.

use super::kind::ModelKind;
use super::linear::{LinearRegression, Polynomial};
use super::logistic::Logistic;
use super::mlp::Mlp;
use super::perceptron::Perceptron;
use super::plane::Model;
use super::softmax::SoftmaxRegression;
use crate::core::activation::Activation;
use crate::core::data::{Task, MAX_CLASSES};
use crate::core::features::{Encoder, Feature};

/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 4;
/// Most units a hidden layer may have.
pub const MAX_UNITS: usize = 16;
/// Widest layer (inputs, hidden units or classes) of any model a spec
/// builds: the models of the plane. (The engine itself takes far wider
/// ones, up to [`MAX_LAYER_WIDTH`](super::shape::MAX_LAYER_WIDTH).)
pub const MAX_WIDTH: usize = 16;
const _: () = assert!(MAX_UNITS <= MAX_WIDTH && MAX_CLASSES <= MAX_WIDTH);
const _: () = assert!(Encoder::MAX <= MAX_WIDTH);

/// The user's choice of model and its shape.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSpec {
    /// Which model.
    pub kind: ModelKind,
    /// Network: units per hidden layer (0–4 layers of 1–16 units).
    pub hidden: Vec<usize>,
    /// Network: hidden activation.
    pub activation: Activation,
    /// Network: extra input features beyond `x1, x2` (or `x`).
    pub extras: Vec<Feature>,
    /// Network classification with two classes: softmax (2 outputs) instead of sigmoid.
    pub softmax_output: bool,
    /// Polynomial: degree 1–9.
    pub degree: usize,
}

fn default_hidden() -> Vec<usize> {
    vec![8, 8]
}
fn default_activation() -> Activation {
    Activation::Tanh
}
fn default_degree() -> usize {
    3
}

impl ModelSpec {
    /// The default shape of model `kind`.
    pub fn new(kind: ModelKind) -> Self {
        ModelSpec {
            kind,
            hidden: default_hidden(),
            activation: default_activation(),
            extras: Vec::new(),
            softmax_output: false,
            degree: default_degree(),
        }
    }

    /// Builds the model for `task` with `classes` classes, initialised from
    /// `seed`. The spec must be valid (`Settings::validate` checks it).
    pub fn build(&self, task: Task, classes: usize, seed: u64) -> Box<dyn Model> {
        match self.kind {
            ModelKind::Perceptron => Box::new(Perceptron::new(seed)),
            ModelKind::Logistic => Box::new(Logistic::new(seed)),
            ModelKind::Softmax => Box::new(SoftmaxRegression::new(classes, seed)),
            ModelKind::Linear => Box::new(LinearRegression::new(seed)),
            ModelKind::Polynomial => Box::new(Polynomial::new(self.degree, seed)),
            ModelKind::Network => Box::new(Mlp::new(
                task,
                classes,
                &self.hidden,
                self.activation,
                &self.extras,
                self.softmax_output,
                seed,
            )),
        }
    }
}

crate::json_struct!(ModelSpec { kind, hidden = default_hidden(), activation = default_activation(), extras = Vec::new(), softmax_output = false, degree = default_degree() });
