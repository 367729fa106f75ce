//! The models, all behind one interface: [`Model`].
//!
//! Every model is a [`Dense`] stack (features → layers → head) with its own
//! shape and head, so prediction, loss, gradient and parameters are shared
//! code; each file holds what is particular to one model.

pub mod dense;
pub mod kernel;
pub mod linear;
pub mod logistic;
pub mod mlp;
pub mod perceptron;
pub mod softmax;

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::data::{Point, Task};
use super::features::Feature;
pub use dense::{Dense, Head, LayerShape, Precision, MAX_HIDDEN_LAYERS, MAX_UNITS, MAX_WIDTH};
pub use linear::{LinearRegression, Polynomial};
pub use logistic::Logistic;
pub use mlp::Mlp;
pub use perceptron::Perceptron;
pub use softmax::SoftmaxRegression;

/// Why a parameter edit was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamError {
    /// Not the model's parameter count.
    Count {
        /// What the model needs.
        expected: usize,
        /// What was given.
        found: usize,
    },
    /// Not finite, or beyond the divergence limit.
    Value,
}

/// Which model a session trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModelKind {
    /// Step activation, the perceptron learning rule.
    Perceptron,
    /// Sigmoid + binary cross-entropy.
    Logistic,
    /// K outputs + softmax + cross-entropy.
    Softmax,
    /// A multi-layer perceptron (classification or regression).
    Network,
    /// `y = w·x + b`, squared error.
    Linear,
    /// `y = b + Σ w_k P_k(x/6)`, degree 1–9, squared error.
    Polynomial,
}

impl ModelKind {
    /// The models offered for classification.
    pub const CLASSIFIERS: [ModelKind; 4] = [
        ModelKind::Perceptron,
        ModelKind::Logistic,
        ModelKind::Softmax,
        ModelKind::Network,
    ];
    /// The models offered for regression.
    pub const REGRESSORS: [ModelKind; 3] =
        [ModelKind::Linear, ModelKind::Polynomial, ModelKind::Network];

    /// Stable identifier (UI and saved state).
    pub fn id(self) -> &'static str {
        match self {
            ModelKind::Perceptron => "perceptron",
            ModelKind::Logistic => "logistic",
            ModelKind::Softmax => "softmax",
            ModelKind::Network => "network",
            ModelKind::Linear => "linear",
            ModelKind::Polynomial => "polynomial",
        }
    }

    /// The kind with identifier `id`.
    pub fn from_id(id: &str) -> Option<ModelKind> {
        Self::CLASSIFIERS
            .into_iter()
            .chain(Self::REGRESSORS)
            .find(|k| k.id() == id)
    }

    /// True when the model can only tell two classes apart.
    pub fn is_binary(self) -> bool {
        matches!(self, ModelKind::Perceptron | ModelKind::Logistic)
    }

    /// True when the model can be trained for `task`.
    pub fn supports(self, task: Task) -> bool {
        match task {
            Task::Classification => Self::CLASSIFIERS.contains(&self),
            Task::Regression => Self::REGRESSORS.contains(&self),
        }
    }
}

/// The one interface every model exposes.
pub trait Model: std::fmt::Debug {
    /// Which model this is.
    fn kind(&self) -> ModelKind;
    /// The shared engine holding the parameters.
    fn net(&self) -> &Dense;
    /// The shared engine, writable.
    fn net_mut(&mut self) -> &mut Dense;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn Model>;

    /// Classification or regression (a linear head means regression).
    fn task(&self) -> Task {
        if self.net().head() == Head::Linear {
            Task::Regression
        } else {
            Task::Classification
        }
    }

    /// All parameters, layer by layer (`W` row-major, then `b`).
    fn params(&self) -> &[f64] {
        self.net().params()
    }

    /// Replaces all parameters; refuses a wrong length or a non-finite value.
    fn set_params(&mut self, params: &[f64]) -> Result<(), ParamError> {
        let n = self.params().len();
        if params.len() != n {
            return Err(ParamError::Count {
                expected: n,
                found: params.len(),
            });
        }
        if params.iter().any(|v| !v.is_finite()) {
            return Err(ParamError::Value);
        }
        self.net_mut().params_mut().copy_from_slice(params);
        Ok(())
    }

    /// The point as the model's input `(x1, x2)`; regression uses `x` only.
    fn input(&self, p: &Point) -> (f64, f64) {
        match self.task() {
            Task::Classification => (p.x, p.y),
            Task::Regression => (p.x, 0.0),
        }
    }

    /// The target `Y`: the class index, or `y` in regression.
    fn target(&self, p: &Point) -> f64 {
        match self.task() {
            Task::Classification => p.class as f64,
            Task::Regression => p.y,
        }
    }

    /// The output for input `(x1, x2)`: `y ∈ {0,1}`, `P(class 2)`, class
    /// probabilities, or `ŷ`; `out` must hold `net().outputs()` values.
    fn predict(&self, x1: f64, x2: f64, out: &mut [f64]) {
        self.net().predict(x1, x2, out)
    }

    /// Probability of each of `k` classes at `(x1, x2)`, into `out[..k]`.
    fn class_probs(&self, x1: f64, x2: f64, k: usize, out: &mut [f64]) {
        let mut y = [0.0; MAX_WIDTH];
        self.predict(x1, x2, &mut y);
        if self.net().outputs() == 1 {
            out[0] = 1.0 - y[0];
            out[1] = y[0];
            out[2..k].fill(0.0);
        } else {
            out[..k].copy_from_slice(&y[..k]);
        }
    }

    /// The predicted class at `(x1, x2)`.
    fn predict_class(&self, x1: f64, x2: f64) -> usize {
        let mut p = [0.0; MAX_WIDTH];
        let k = self.net().outputs().max(2);
        self.class_probs(x1, x2, k, &mut p);
        (0..k).fold(0, |best, c| if p[c] > p[best] { c } else { best })
    }

    /// Mean loss over the samples `idx` of `data`, and its gradient into `grad`.
    fn loss_grad(&self, data: &[Point], idx: &[usize], grad: &mut [f64]) -> f64 {
        self.train_pass(data, idx, grad, &mut [])
    }

    /// [`Model::loss_grad`], also writing the first sample's output (as
    /// [`Model::predict`] gives it, from the same forward pass) into `first`.
    fn train_pass(
        &self,
        data: &[Point],
        idx: &[usize],
        grad: &mut [f64],
        first: &mut [f64],
    ) -> f64 {
        let net = self.net();
        let mut z = [0.0; MAX_WIDTH];
        let k = if first.is_empty() { 0 } else { net.outputs() };
        let loss = net.loss_grad(examples(self.task(), data, idx), grad, &mut z[..k]);
        if k > 0 {
            net.head().output(&z[..k], first);
        }
        loss
    }

    /// Mean loss over the samples `idx` of `data` (0 when empty).
    fn loss(&self, data: &[Point], idx: &[usize]) -> f64 {
        if idx.is_empty() {
            return 0.0;
        }
        let samples = examples(self.task(), data, idx);
        self.net().loss_sum(samples) / idx.len() as f64
    }

    /// Mean loss and, for classification, the fraction of samples classified
    /// right, over the samples `idx` of `data`, from one forward pass
    /// (`(0, None)` when empty).
    fn loss_accuracy(&self, data: &[Point], idx: &[usize]) -> (f64, Option<f64>) {
        if idx.is_empty() {
            return (0.0, None);
        }
        let task = self.task();
        let totals = self.net().loss_hits(examples(task, data, idx));
        let n = idx.len() as f64;
        let accuracy = (task == Task::Classification).then(|| totals.hits as f64 / n);
        (totals.loss / n, accuracy)
    }

    /// `(w1, w2, b)` of the line `w·x + b = 0` for a two-class model with no
    /// hidden layer on the raw inputs `(x1, x2)`.
    fn linear_boundary(&self) -> Option<(f64, f64, f64)> {
        let net = self.net();
        let raw = net.features() == [Feature::X1, Feature::X2];
        (raw && net.layers().len() == 1 && net.outputs() == 1).then(|| {
            let p = net.params();
            (p[0], p[1], p[2])
        })
    }

    /// A name for every parameter: `w1, w2, …, b` for a single unit,
    /// `L1.w[i,j]` / `L1.b[i]` (layer, unit, input) otherwise.
    fn param_names(&self) -> Vec<String> {
        let net = self.net();
        let single = net.layers().len() == 1 && net.outputs() == 1;
        let mut names = Vec::with_capacity(net.params().len());
        for (l, layer) in net.layers().iter().enumerate() {
            for i in 0..layer.outputs {
                for j in 0..layer.inputs {
                    names.push(if single {
                        format!("w{}", j + 1)
                    } else {
                        format!("L{}.w[{},{}]", l + 1, i + 1, j + 1)
                    });
                }
            }
            for i in 0..layer.outputs {
                names.push(if single {
                    "b".to_string()
                } else {
                    format!("L{}.b[{}]", l + 1, i + 1)
                });
            }
        }
        names
    }
}

/// The samples `idx` of `data` as the engine takes them: input `(x1, x2)`
/// and target `Y` ([`Model::input`], [`Model::target`]), with the task
/// looked up once rather than per sample.
fn examples<'a>(
    task: Task,
    data: &'a [Point],
    idx: &'a [usize],
) -> impl ExactSizeIterator<Item = (f64, f64, f64)> + 'a {
    let regression = task == Task::Regression;
    idx.iter().map(move |&i| {
        let p = &data[i];
        if regression {
            (p.x, 0.0, p.y)
        } else {
            (p.x, p.y, p.class as f64)
        }
    })
}

impl Clone for Box<dyn Model> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// Implements the required part of [`Model`] for a newtype over [`Dense`].
macro_rules! dense_model {
    ($ty:ident, $kind:expr) => {
        impl $crate::core::model::Model for $ty {
            fn kind(&self) -> $crate::core::model::ModelKind {
                $kind
            }
            fn net(&self) -> &$crate::core::model::Dense {
                &self.0
            }
            fn net_mut(&mut self) -> &mut $crate::core::model::Dense {
                &mut self.0
            }
            fn clone_box(&self) -> Box<dyn $crate::core::model::Model> {
                Box::new(self.clone())
            }
        }
    };
}
pub(crate) use dense_model;

/// The user's choice of model and its shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    /// Which model.
    pub kind: ModelKind,
    /// Network: units per hidden layer (0–4 layers of 1–16 units).
    #[serde(default = "default_hidden")]
    pub hidden: Vec<usize>,
    /// Network: hidden activation.
    #[serde(default = "default_activation")]
    pub activation: Activation,
    /// Network: extra input features beyond `x1, x2` (or `x`).
    #[serde(default)]
    pub extras: Vec<Feature>,
    /// Network classification with two classes: softmax (2 outputs) instead of sigmoid.
    #[serde(default)]
    pub softmax_output: bool,
    /// Polynomial: degree 1–9.
    #[serde(default = "default_degree")]
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
    /// `seed`. The spec must be valid (`Settings::validate`).
    pub fn build(&self, task: Task, classes: usize, seed: u64) -> Box<dyn Model> {
        match self.kind {
            ModelKind::Perceptron => Box::new(Perceptron::new(seed)),
            ModelKind::Logistic => Box::new(Logistic::new(seed)),
            ModelKind::Softmax => Box::new(SoftmaxRegression::new(classes, seed)),
            ModelKind::Linear => Box::new(LinearRegression::new(seed)),
            ModelKind::Polynomial => Box::new(Polynomial::new(self.degree, seed)),
            ModelKind::Network => Box::new(Mlp::new(self, task, classes, seed)),
        }
    }
}
