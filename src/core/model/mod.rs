//! The models, and the engine they share.
//!
//! The engine: a [`Dense`] stack (`z = W·a + b` layer by layer, a hidden
//! activation, an output [`Head`]) over input rows of any width, trained by
//! a SIMD pass over [`Rows`] of inputs and targets. The models of the plane
//! put an input encoder (a point → its feature row `φ(x)`) in front of it
//! and expose one interface, [`Model`]; each file holds what is particular
//! to one model.
//!
//! Imports point down this list, never back up: `spec`; the models
//! (`perceptron`, `logistic`, `softmax`, `mlp`, `linear`); `plane`; `grid`;
//! `dense`; `kernel`; `stack`; `rows`, `shape`; `head`, `kind`. The dense layer's
//! SIMD loops and the number types are the layers' ([`crate::core::nn`]).

pub mod dense;
pub mod grid;
pub mod head;
pub mod kernel;
pub mod kind;
pub mod linear;
pub mod logistic;
pub mod mlp;
pub mod perceptron;
pub mod plane;
pub mod rows;
pub mod shape;
pub mod softmax;
pub mod spec;
pub mod stack;

pub use dense::{Dense, Precision};
pub use head::Head;
pub use kernel::Totals;
pub use kind::ModelKind;
pub use linear::{LinearRegression, Polynomial};
pub use logistic::Logistic;
pub use mlp::Mlp;
pub use perceptron::Perceptron;
pub use plane::{Model, ParamError};
pub use rows::{Rows, Table};
pub use shape::{LayerShape, Shape, MAX_LAYER_WIDTH};
pub use softmax::SoftmaxRegression;
pub use spec::{ModelSpec, MAX_HIDDEN_LAYERS, MAX_UNITS, MAX_WIDTH};
