//! [`ModelKind`]: which model a session trains, and for which task.

use crate::core::data::Task;

/// Which model a session trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

crate::json_names!(ModelKind { Perceptron => "Perceptron", Logistic => "Logistic", Softmax => "Softmax", Network => "Network", Linear => "Linear", Polynomial => "Polynomial" });
