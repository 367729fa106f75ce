//! [`Model`]: the one interface every model of the plane exposes.
//!
//! Each model is an input [`Encoder`] (a point becomes its feature row
//! `φ(x)`) in front of a [`Dense`] stack. The engine takes rows and targets;
//! this trait adds what points need on top: encoding, targets, prediction at
//! `(x1, x2)`, and losses over points (which encode the points they are
//! given on every call; the session keeps its points encoded instead).

use super::dense::Dense;
use super::grid;
use super::kind::ModelKind;
use super::rows::Table;
use crate::core::data::{Point, Task};
use crate::core::features::{Encoder, Feature};

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

/// The one interface every model exposes.
pub trait Model: std::fmt::Debug {
    /// Which model this is.
    fn kind(&self) -> ModelKind;
    /// The input encoder: a point `(x1, x2)` → the row `φ(x)`.
    fn encoder(&self) -> &Encoder;
    /// The shared engine holding the parameters.
    fn net(&self) -> &Dense;
    /// The shared engine, writable.
    fn net_mut(&mut self) -> &mut Dense;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn Model>;

    /// Classification or regression (a linear head means regression).
    fn task(&self) -> Task {
        if self.net().head() == super::head::Head::Linear {
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

    /// The input features, in row order.
    fn features(&self) -> &[Feature] {
        self.encoder().features()
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

    /// The point's input row `φ(x)` into `row` (`net().inputs()` values).
    fn encode(&self, p: &Point, row: &mut [f64]) {
        let (x1, x2) = self.input(p);
        self.encoder().encode(x1, x2, row);
    }

    /// Every point of `points`, in order, as a row and a target into
    /// `table` (replacing what it held).
    fn encode_points(&self, points: &[Point], table: &mut Table) {
        table.reset(self.encoder().width());
        for p in points {
            table.push_with(self.target(p), |row| self.encode(p, row));
        }
    }

    /// The points `idx` of `data` as rows and targets.
    fn table(&self, data: &[Point], idx: &[usize]) -> Table {
        let mut t = Table::new(self.encoder().width());
        for &i in idx {
            t.push_with(self.target(&data[i]), |row| self.encode(&data[i], row));
        }
        t
    }

    /// The output for input `(x1, x2)`: `y ∈ {0,1}`, `P(class 2)`, class
    /// probabilities, or `ŷ`; `out` must hold `net().outputs()` values.
    fn predict(&self, x1: f64, x2: f64, out: &mut [f64]) {
        let mut row = [0.0; Encoder::MAX];
        let row = &mut row[..self.encoder().width()];
        self.encoder().encode(x1, x2, row);
        self.net().predict(row, out);
    }

    /// Probability of each of `k` classes at `(x1, x2)`, into `out[..k]`.
    fn class_probs(&self, x1: f64, x2: f64, k: usize, out: &mut [f64]) {
        let m = self.net().outputs();
        if m == 1 {
            let mut y = [0.0];
            self.predict(x1, x2, &mut y);
            out[0] = 1.0 - y[0];
            out[1] = y[0];
            out[2..k].fill(0.0);
        } else if k >= m {
            self.predict(x1, x2, &mut out[..m]);
            out[m..k].fill(0.0);
        } else {
            let mut y = vec![0.0; m];
            self.predict(x1, x2, &mut y);
            out[..k].copy_from_slice(&y[..k]);
        }
    }

    /// The predicted class at `(x1, x2)`: the first most probable.
    fn predict_class(&self, x1: f64, x2: f64) -> usize {
        let k = self.net().outputs().max(2);
        let (mut small, mut big) = ([0.0; 16], Vec::new());
        let p = if k <= small.len() {
            &mut small[..k]
        } else {
            big.resize(k, 0.0);
            &mut big[..]
        };
        self.class_probs(x1, x2, k, p);
        (0..k).fold(0, |best, c| if p[c] > p[best] { c } else { best })
    }

    /// Activations of hidden layer `layer` (0-based) at `(x1, x2)`, into `out`.
    fn hidden_activations(&self, x1: f64, x2: f64, layer: usize, out: &mut [f64]) {
        let mut row = [0.0; Encoder::MAX];
        let row = &mut row[..self.encoder().width()];
        self.encoder().encode(x1, x2, row);
        self.net().hidden_activations(row, layer, out);
    }

    /// Class probabilities at every point of the grid `xs × ys` (row by row,
    /// `ys` outer), `classes` values per point, into `out`; for drawing
    /// ([`grid::probs_on_grid`]: `f32`, within 1e-5 of [`Model::class_probs`]).
    fn probs_on_grid(&self, xs: &[f64], ys: &[f64], classes: usize, out: &mut [f64]) {
        grid::probs_on_grid(self.net(), self.encoder(), xs, ys, classes, out);
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
        let table = self.table(data, idx);
        self.net().train_pass(table.rows(), grad, first)
    }

    /// Mean loss over the samples `idx` of `data` (0 when empty).
    fn loss(&self, data: &[Point], idx: &[usize]) -> f64 {
        self.net().loss(self.table(data, idx).rows())
    }

    /// Mean loss and, for classification, the fraction of samples classified
    /// right, over the samples `idx` of `data`, from one forward pass
    /// (`(0, None)` when empty).
    fn loss_accuracy(&self, data: &[Point], idx: &[usize]) -> (f64, Option<f64>) {
        self.net().loss_accuracy(self.table(data, idx).rows())
    }

    /// `(w1, w2, b)` of the line `w·x + b = 0` for a two-class model with no
    /// hidden layer on the raw inputs `(x1, x2)`.
    fn linear_boundary(&self) -> Option<(f64, f64, f64)> {
        let net = self.net();
        let raw = self.features() == [Feature::X1, Feature::X2];
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

impl Clone for Box<dyn Model> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// Implements the required part of [`Model`] for a struct with the fields
/// `encoder: Encoder` and `net: Dense`.
macro_rules! dense_model {
    ($ty:ident, $kind:expr) => {
        impl $crate::core::model::plane::Model for $ty {
            fn kind(&self) -> $crate::core::model::kind::ModelKind {
                $kind
            }
            fn encoder(&self) -> &$crate::core::features::Encoder {
                &self.encoder
            }
            fn net(&self) -> &$crate::core::model::dense::Dense {
                &self.net
            }
            fn net_mut(&mut self) -> &mut $crate::core::model::dense::Dense {
                &mut self.net
            }
            fn clone_box(&self) -> Box<dyn $crate::core::model::plane::Model> {
                Box::new(self.clone())
            }
        }
    };
}
pub(crate) use dense_model;
