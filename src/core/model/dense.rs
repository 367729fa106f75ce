//! [`Dense`]: the engine every model shares. A stack of dense layers
//! `z = W·a + b` over input rows of any width, a hidden activation between
//! layers and an output head after the last, with its parameters in one flat
//! buffer: layer by layer, `W` row-major (one row per output unit) followed
//! by `b`.
//!
//! A perceptron is this stack with no hidden layer and a step head; logistic
//! regression the same with a sigmoid head; a network adds hidden layers.
//! Batches go through the SIMD training pass ([`kernel`]); single samples
//! through a plain `f64` forward pass with the same arithmetic.

use std::cell::RefCell;

use super::head::Head;
use super::kernel::{self, Outputs, Totals};
use super::rows::Rows;
use super::shape::{LayerShape, Shape};
use crate::core::activation::Activation;
use crate::core::rng::SeededRng;

/// A dense stack and its parameters.
#[derive(Debug, PartialEq)]
pub struct Dense {
    shape: Shape,
    params: Vec<f64>,
    precision: Precision,
}

/// The number type of the training pass. Parameters, optimiser state and
/// history are always `f64`; `F32` runs the forward and backward pass in
/// `f32` (four samples per SIMD instruction instead of two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// Single precision: the app's networks.
    F32,
    /// Double precision: the one-layer models, gradient checks and exact comparisons.
    F64,
}

impl Clone for Dense {
    // Out of line: every model's `clone_box` calls this one copy.
    #[inline(never)]
    fn clone(&self) -> Self {
        Dense {
            shape: self.shape.clone(),
            params: self.params.clone(),
            precision: self.precision,
        }
    }
}

thread_local! {
    /// Two layers' values for the single-sample pass (grown to fit).
    static ONE: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

impl Dense {
    /// A stack for rows of `inputs` values, hidden layer sizes `hidden`,
    /// `outputs` output units, with every parameter zero; trains in `f64`.
    /// Widths are 1 to [`MAX_LAYER_WIDTH`](super::shape::MAX_LAYER_WIDTH).
    pub fn new(
        inputs: usize,
        hidden: &[usize],
        outputs: usize,
        activation: Activation,
        head: Head,
    ) -> Self {
        let mut sizes = vec![inputs];
        sizes.extend_from_slice(hidden);
        sizes.push(outputs);
        Dense::of_shape(Shape::new(&sizes, activation, head))
    }

    /// A stack of `shape` with every parameter zero; trains in `f64`.
    pub fn of_shape(shape: Shape) -> Self {
        Dense {
            params: vec![0.0; shape.param_count()],
            shape,
            precision: Precision::F64,
        }
    }

    /// Draws every weight from `N(0, σ²)` with `σ = gain·√(1/fan_in)`; biases 0.
    /// `gain` is `√2` for ReLU (He), 1 otherwise (Xavier/LeCun).
    pub fn init_random(&mut self, seed: u64, scale: f64) {
        let mut rng = SeededRng::new(seed, 0x1A17);
        let gain = if self.activation() == Activation::Relu && self.layers().len() > 1 {
            std::f64::consts::SQRT_2
        } else {
            1.0
        };
        for layer in self.shape.layers() {
            let sigma = scale * gain / (layer.inputs as f64).sqrt();
            for w in &mut self.params[layer.w_offset..layer.b_offset] {
                *w = sigma * rng.normal();
            }
            self.params[layer.b_offset..layer.b_offset + layer.outputs].fill(0.0);
        }
    }

    /// The flat parameter buffer.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// The flat parameter buffer, writable.
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// The architecture.
    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The layer shapes, input side first.
    pub fn layers(&self) -> &[LayerShape] {
        self.shape.layers()
    }

    /// Units per layer, `[inputs, hidden…, outputs]`.
    pub fn sizes(&self) -> &[usize] {
        self.shape.sizes()
    }

    /// The hidden activation.
    pub fn activation(&self) -> Activation {
        self.shape.activation()
    }

    /// The output head.
    pub fn head(&self) -> Head {
        self.shape.head()
    }

    /// Width of an input row.
    pub fn inputs(&self) -> usize {
        self.shape.inputs()
    }

    /// Number of output units.
    pub fn outputs(&self) -> usize {
        self.shape.outputs()
    }

    /// True when parameter `i` is a bias (L2 decay skips biases).
    pub fn is_bias(&self, i: usize) -> bool {
        self.shape.is_bias(i)
    }

    /// The number type training runs in.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Sets the number type training runs in (parameters stay `f64`).
    pub fn set_precision(&mut self, precision: Precision) {
        self.precision = precision;
    }

    // ----- one sample -----

    /// Runs the first `layers` layers on the input row `x` in `f64` and
    /// copies the last one's values into `out` (pre-activations `z` when
    /// that is the output layer). Same arithmetic, in the same order, as the
    /// training pass in `f64`.
    fn forward_one(&self, x: &[f64], layers: usize, out: &mut [f64]) {
        assert_eq!(x.len(), self.inputs(), "input row's width");
        ONE.with(|buf| {
            let mut buf = buf.borrow_mut();
            let w = self.shape.widest();
            if buf.len() < 2 * w {
                buf.resize(2 * w, 0.0);
            }
            let (mut a, mut b) = buf.split_at_mut(w);
            a[..x.len()].copy_from_slice(x);
            let last = self.layers().len() - 1;
            for (l, layer) in self.layers()[..layers].iter().enumerate() {
                let w = &self.params[layer.w_offset..layer.b_offset];
                let bias = &self.params[layer.b_offset..layer.b_offset + layer.outputs];
                let a_in = &a[..layer.inputs];
                for ((out, row), &bias) in b.iter_mut().zip(w.chunks_exact(layer.inputs)).zip(bias)
                {
                    let z = row.iter().zip(a_in).fold(0.0, |z, (w, a)| z + w * a) + bias;
                    *out = if l == last {
                        z
                    } else {
                        self.activation().apply_fast(z)
                    };
                }
                std::mem::swap(&mut a, &mut b);
            }
            let n = self.sizes()[layers];
            out[..n].copy_from_slice(&a[..n]);
        });
    }

    /// Output scores `z` of the last layer for the input row `x`, into `z`
    /// (length `outputs()`).
    pub fn scores(&self, x: &[f64], z: &mut [f64]) {
        self.forward_one(x, self.layers().len(), z);
    }

    /// The output for the input row `x`: `y`, `σ(z)`, class probabilities
    /// or `ŷ`, into `out[..outputs()]`.
    pub fn predict(&self, x: &[f64], out: &mut [f64]) {
        let out = &mut out[..self.outputs()];
        self.scores(x, out);
        self.head().apply(out);
    }

    /// Activations of hidden layer `layer` (0-based) for the input row `x`,
    /// into `out` (as many as the layer has units).
    pub fn hidden_activations(&self, x: &[f64], layer: usize, out: &mut [f64]) {
        self.forward_one(x, layer + 1, out);
    }

    // ----- batches, through the training pass -----

    /// Mean loss over `batch` and its gradient, overwritten into `grad`
    /// (same length as the parameters), by backpropagation in
    /// [`Dense::precision`].
    pub fn loss_grad(&self, batch: Rows<'_>, grad: &mut [f64]) -> f64 {
        self.train_pass(batch, grad, &mut [])
    }

    /// [`Dense::loss_grad`], also writing the first sample's output (as
    /// [`Dense::predict`] gives it, from the same forward pass) into `first`
    /// (`outputs()` values; pass `&mut []` for none).
    pub fn train_pass(&self, batch: Rows<'_>, grad: &mut [f64], first: &mut [f64]) -> f64 {
        let n = batch.len().max(1) as f64;
        let out = Outputs {
            grad: Some((grad, 1.0 / n)),
            dx: None,
            first: &mut *first,
        };
        let total = self.run(batch, out);
        if !first.is_empty() {
            self.head().apply(&mut first[..self.outputs()]);
        }
        total.loss / n
    }

    /// [`Dense::loss_grad`], and the gradient of the mean loss with respect
    /// to every sample's input row, `∂L/∂x = W₁ᵀ·δ₁`, into `dx` (`batch.len()`
    /// rows of `inputs()`, in batch order): what inputs that are learned
    /// themselves (embeddings) train from.
    pub fn loss_grad_inputs(&self, batch: Rows<'_>, grad: &mut [f64], dx: &mut [f64]) -> f64 {
        let n = batch.len().max(1) as f64;
        let out = Outputs {
            grad: Some((grad, 1.0 / n)),
            dx: Some(dx),
            first: &mut [],
        };
        self.run(batch, out).loss / n
    }

    /// The summed loss over `batch`, by the same forward pass as training.
    pub fn loss_sum(&self, batch: Rows<'_>) -> f64 {
        self.loss_hits(batch).loss
    }

    /// The summed loss over `batch` and how many of its samples the model
    /// puts in their own class (classification heads), from one forward pass.
    pub fn loss_hits(&self, batch: Rows<'_>) -> Totals {
        self.run(batch, Outputs::default())
    }

    /// Mean loss over `batch` (0 when empty).
    pub fn loss(&self, batch: Rows<'_>) -> f64 {
        self.loss_sum(batch) / batch.len().max(1) as f64
    }

    /// Mean loss and, for a classification head, the fraction of samples
    /// classified right, over `batch`, from one forward pass (`(0, None)`
    /// when empty).
    pub fn loss_accuracy(&self, batch: Rows<'_>) -> (f64, Option<f64>) {
        if batch.is_empty() {
            return (0.0, None);
        }
        let totals = self.loss_hits(batch);
        let n = batch.len() as f64;
        let accuracy = (self.head() != Head::Linear).then(|| totals.hits as f64 / n);
        (totals.loss / n, accuracy)
    }

    fn run(&self, batch: Rows<'_>, out: Outputs<'_>) -> Totals {
        let (shape, params) = (&self.shape, &self.params[..]);
        match self.precision {
            Precision::F32 => kernel::run::<f32>(shape, params, batch, out),
            Precision::F64 => kernel::run::<f64>(shape, params, batch, out),
        }
    }
}
