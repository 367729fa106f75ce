//! The engine every model shares: input features, a stack of dense layers
//! `z = W·a + b`, a hidden activation, and an output head.
//!
//! A perceptron is this stack with no hidden layer and a step head; logistic
//! regression the same with a sigmoid head; a network adds hidden layers.
//! Parameters live in one flat buffer: layer by layer, `W` row-major
//! (one row per output unit) followed by `b`.

use serde::{Deserialize, Serialize};

use super::super::activation::{sigmoid, softmax, Activation};
use super::super::features::Feature;
use super::super::loss;
use super::super::rng::SeededRng;
use super::kernel;
pub use crate::core::fastmath::{fast_tanh, fast_tanh_f32};

/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 4;
/// Most units a hidden layer may have.
pub const MAX_UNITS: usize = 16;
/// Widest any layer (inputs, hidden or outputs) can be.
pub const MAX_WIDTH: usize = 16;
pub(super) const MAX_LAYERS: usize = MAX_HIDDEN_LAYERS + 1;

/// The output function and the loss that goes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Head {
    /// Perceptron: `y = 1 if z > 0 else 0`; loss is the perceptron criterion
    /// `max(0, −(2Y−1)·z)`, whose gradient step is exactly `Δw = η(Y − y)x`.
    Step,
    /// `ŷ = σ(z)`, binary cross-entropy.
    Sigmoid,
    /// `p = softmax(z)` over K outputs, cross-entropy.
    Softmax,
    /// `ŷ = z`, squared error.
    Linear,
}

impl Head {
    /// Loss of one sample from its output scores `z` and target `Y`
    /// (class index, or value in regression).
    pub fn loss(self, z: &[f64], target: f64) -> f64 {
        match self {
            Head::Step => (-(2.0 * target - 1.0) * z[0]).max(0.0),
            Head::Sigmoid => loss::bce_from_logit(z[0], target),
            Head::Softmax => {
                // −log softmax(z)_Y = logsumexp(z) − z_Y, computed stably.
                let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
                lse - z[target as usize]
            }
            Head::Linear => loss::squared_error(z[0], target),
        }
    }

    /// `∂L/∂z` for one sample, written into `dz`.
    pub fn dz(self, z: &[f64], target: f64, dz: &mut [f64]) {
        match self {
            Head::Step => dz[0] = Activation::Step.apply(z[0]) - target,
            Head::Sigmoid => dz[0] = loss::bce_grad(sigmoid(z[0]), target),
            Head::Softmax => {
                let mut p = [0.0; MAX_WIDTH];
                softmax(z, &mut p[..z.len()]);
                loss::cross_entropy_grad(&p[..z.len()], target as usize, dz);
            }
            Head::Linear => dz[0] = loss::squared_error_grad(z[0], target),
        }
    }

    /// The class the scores `z` pick: `z > 0` for one output, the first
    /// largest score for several (as [`Model::predict_class`] decides from
    /// the probabilities); `None` for regression.
    ///
    /// [`Model::predict_class`]: super::Model::predict_class
    pub fn class(self, z: &[f64]) -> Option<usize> {
        match self {
            Head::Step | Head::Sigmoid => Some(usize::from(z[0] > 0.0)),
            Head::Softmax => {
                Some((0..z.len()).fold(0, |best, c| if z[c] > z[best] { c } else { best }))
            }
            Head::Linear => None,
        }
    }

    /// The model's output from scores: `y ∈ {0,1}`, `σ(z)`, softmax, or `z`.
    pub fn output(self, z: &[f64], out: &mut [f64]) {
        match self {
            Head::Step => out[0] = Activation::Step.apply(z[0]),
            Head::Sigmoid => out[0] = sigmoid(z[0]),
            Head::Softmax => softmax(z, out),
            Head::Linear => out[0] = z[0],
        }
    }
}

/// Shape of one dense layer, for display and summaries.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerShape {
    /// Units feeding the layer.
    pub inputs: usize,
    /// Units in the layer.
    pub outputs: usize,
    /// Offset of `W` (row-major, `outputs × inputs`) in the parameter buffer.
    pub w_offset: usize,
    /// Offset of `b` (`outputs`) in the parameter buffer.
    pub b_offset: usize,
}

/// Features → dense layers → head, with its parameters in one flat buffer.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    features: Vec<Feature>,
    sizes: Vec<usize>,
    hidden: Activation,
    head: Head,
    params: Vec<f64>,
    layers: Vec<LayerShape>,
    precision: Precision,
}

/// Per-sample forward values: `a[l]` the activations entering layer `l`
/// (`a[0] = φ(x)`), `z[l]` the pre-activations it produces.
struct Trace {
    a: [[f64; MAX_WIDTH]; MAX_LAYERS + 1],
    z: [[f64; MAX_WIDTH]; MAX_LAYERS],
}

impl Dense {
    /// A stack for `features`, hidden layer sizes `hidden`, `outputs` output
    /// units, with every parameter zero. Sizes must already be validated.
    pub fn new(
        features: Vec<Feature>,
        hidden: &[usize],
        outputs: usize,
        activation: Activation,
        head: Head,
    ) -> Self {
        let mut sizes = vec![features.len()];
        sizes.extend_from_slice(hidden);
        sizes.push(outputs);
        assert!(sizes.len() <= MAX_LAYERS + 1 && sizes.iter().all(|&s| s <= MAX_WIDTH));
        let mut layers = Vec::new();
        let mut off = 0;
        for w in sizes.windows(2) {
            let (inputs, outputs) = (w[0], w[1]);
            layers.push(LayerShape {
                inputs,
                outputs,
                w_offset: off,
                b_offset: off + inputs * outputs,
            });
            off += inputs * outputs + outputs;
        }
        Dense {
            features,
            sizes,
            hidden: activation,
            head,
            params: vec![0.0; off],
            layers,
            precision: Precision::F64,
        }
    }

    /// Draws every weight from `N(0, σ²)` with `σ = gain·√(1/fan_in)`; biases 0.
    /// `gain` is `√2` for ReLU (He), 1 otherwise (Xavier/LeCun).
    pub fn init_random(&mut self, seed: u64, scale: f64) {
        let mut rng = SeededRng::new(seed, 0x1A17);
        let gain = if self.hidden == Activation::Relu && self.layers.len() > 1 {
            std::f64::consts::SQRT_2
        } else {
            1.0
        };
        for layer in &self.layers {
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

    /// The layer shapes, input side first.
    pub fn layers(&self) -> &[LayerShape] {
        &self.layers
    }

    /// The input features.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    /// Units per layer, `[inputs, hidden…, outputs]`.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The hidden activation.
    pub fn activation(&self) -> Activation {
        self.hidden
    }

    /// The output head.
    pub fn head(&self) -> Head {
        self.head
    }

    /// Number of output units.
    pub fn outputs(&self) -> usize {
        *self.sizes.last().unwrap_or(&1)
    }

    /// True when parameter `i` is a bias (L2 decay skips biases).
    pub fn is_bias(&self, i: usize) -> bool {
        self.layers
            .iter()
            .any(|l| (l.b_offset..l.b_offset + l.outputs).contains(&i))
    }

    /// `φ(x1, x2)` into `out`.
    pub fn features_of(&self, x1: f64, x2: f64, out: &mut [f64]) {
        for (o, f) in out.iter_mut().zip(&self.features) {
            *o = f.eval(x1, x2);
        }
    }

    fn forward(&self, x1: f64, x2: f64, t: &mut Trace) {
        let d = self.features.len();
        self.features_of(x1, x2, &mut t.a[0][..d]);
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let (a_in, rest) = t.a.split_at_mut(l + 1);
            let a_in = &a_in[l][..layer.inputs];
            let w = &self.params[layer.w_offset..layer.b_offset];
            let b = &self.params[layer.b_offset..layer.b_offset + layer.outputs];
            for (j, row) in w.chunks_exact(layer.inputs).enumerate() {
                let z = b[j] + row.iter().zip(a_in).map(|(w, a)| w * a).sum::<f64>();
                t.z[l][j] = z;
                rest[0][j] = if l == last {
                    z
                } else {
                    self.hidden.apply_fast(z)
                };
            }
        }
    }

    /// Output scores `z` of the last layer for one point, into `z` (length `outputs()`).
    /// Same arithmetic, in the same order, as the training pass.
    pub fn scores(&self, x1: f64, x2: f64, z: &mut [f64]) {
        let mut a = [0.0; MAX_WIDTH];
        let mut b = [0.0; MAX_WIDTH];
        self.features_of(x1, x2, &mut a[..self.features.len()]);
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let w = &self.params[layer.w_offset..layer.b_offset];
            let bias = &self.params[layer.b_offset..layer.b_offset + layer.outputs];
            let a_in = &a[..layer.inputs];
            for (j, row) in w.chunks_exact(layer.inputs).enumerate() {
                let v = bias[j] + row.iter().zip(a_in).map(|(w, a)| w * a).sum::<f64>();
                b[j] = if l == last {
                    v
                } else {
                    self.hidden.apply_fast(v)
                };
            }
            std::mem::swap(&mut a, &mut b);
        }
        z.copy_from_slice(&a[..self.outputs()]);
    }

    /// Class probabilities at every point of the grid `xs × ys` (row by row,
    /// `ys` outer), `classes` values per point, into `out`. For drawing only:
    /// a whole row goes through each layer at once in `f32`, one contiguous
    /// array per unit (so the loops vectorise), with tanh and sigmoid from
    /// [`fast_tanh_f32`]; the result differs from [`Dense::predict`] by less
    /// than 1e-5, far below what a pixel can show.
    pub fn probs_on_grid(&self, xs: &[f64], ys: &[f64], classes: usize, out: &mut [f64]) {
        let n = xs.len();
        let k = self.outputs();
        let params: Vec<f32> = self.params.iter().map(|&p| p as f32).collect();
        let mut a = vec![0f32; MAX_WIDTH * n];
        let mut b = vec![0f32; MAX_WIDTH * n];
        let last = self.layers.len() - 1;
        let mut at = 0;
        for &y in ys {
            for (f, feature) in self.features.iter().enumerate() {
                for (v, &x) in a[f * n..(f + 1) * n].iter_mut().zip(xs) {
                    *v = feature.eval(x, y) as f32;
                }
            }
            for (l, layer) in self.layers.iter().enumerate() {
                for j in 0..layer.outputs {
                    let dst = &mut b[j * n..(j + 1) * n];
                    dst.fill(params[layer.b_offset + j]);
                    for i in 0..layer.inputs {
                        let w = params[layer.w_offset + j * layer.inputs + i];
                        for (d, s) in dst.iter_mut().zip(&a[i * n..(i + 1) * n]) {
                            *d += w * s;
                        }
                    }
                    if l != last {
                        activate_f32(self.hidden, dst);
                    }
                }
                std::mem::swap(&mut a, &mut b);
            }
            for i in 0..n {
                let dst = &mut out[at..at + classes];
                let z = |c: usize| a[c * n + i];
                match self.head {
                    Head::Softmax => {
                        let max = (0..k).map(z).fold(f32::NEG_INFINITY, f32::max);
                        let sum: f32 = (0..k).map(|c| (z(c) - max).exp()).sum();
                        for (c, d) in dst.iter_mut().enumerate() {
                            *d = if c < k {
                                ((z(c) - max).exp() / sum) as f64
                            } else {
                                0.0
                            };
                        }
                    }
                    head => {
                        let p = match head {
                            Head::Step => f32::from(u8::from(z(0) > 0.0)),
                            Head::Sigmoid => 0.5 + 0.5 * fast_tanh_f32(0.5 * z(0)),
                            _ => z(0),
                        } as f64;
                        dst[0] = 1.0 - p;
                        dst[1] = p;
                        dst[2..].fill(0.0);
                    }
                }
                at += classes;
            }
        }
    }

    /// The model's output for one point: `y`, `σ(z)`, class probabilities or `ŷ`.
    pub fn predict(&self, x1: f64, x2: f64, out: &mut [f64]) {
        let mut z = [0.0; MAX_WIDTH];
        let k = self.outputs();
        self.scores(x1, x2, &mut z[..k]);
        self.head.output(&z[..k], &mut out[..k]);
    }

    /// Activations of hidden layer `layer` (0-based) for one point, into `out`.
    pub fn hidden_activations(&self, x1: f64, x2: f64, layer: usize, out: &mut [f64]) {
        let mut t = Trace::new();
        self.forward(x1, x2, &mut t);
        let n = self.sizes[layer + 1];
        out[..n].copy_from_slice(&t.a[layer + 1][..n]);
    }

    /// Mean loss over `samples` (`x1`, `x2`, target) and its gradient,
    /// overwritten into `grad` (same length as the parameters), by
    /// backpropagation in [`Dense::precision`]. The output scores `z` of the
    /// first sample, from the same forward pass, go into `first` (as many as
    /// it holds; pass `&mut []` for none).
    pub fn loss_grad(
        &self,
        samples: impl ExactSizeIterator<Item = (f64, f64, f64)>,
        grad: &mut [f64],
        first: &mut [f64],
    ) -> f64 {
        let n = samples.len().max(1) as f64;
        let mean = Some((grad, 1.0 / n));
        let total = match self.precision {
            Precision::F32 => kernel::run::<f32>(self, samples, mean, first),
            Precision::F64 => kernel::run::<f64>(self, samples, mean, first),
        };
        total.loss / n
    }

    /// The summed loss over `samples` (`x1`, `x2`, target), by the same
    /// forward pass as training.
    pub fn loss_sum(&self, samples: impl Iterator<Item = (f64, f64, f64)>) -> f64 {
        self.loss_hits(samples).loss
    }

    /// The summed loss over `samples` and how many of them the model puts
    /// in their own class (classification), from one forward pass.
    pub fn loss_hits(&self, samples: impl Iterator<Item = (f64, f64, f64)>) -> kernel::Totals {
        match self.precision {
            Precision::F32 => kernel::run::<f32>(self, samples, None, &mut []),
            Precision::F64 => kernel::run::<f64>(self, samples, None, &mut []),
        }
    }

    /// The number type training runs in.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Sets the number type training runs in (parameters stay `f64`).
    pub fn set_precision(&mut self, precision: Precision) {
        self.precision = precision;
    }
}

/// The number type of the training pass. Parameters, optimiser state and
/// history are always `f64`; `F32` runs the forward and backward pass in
/// `f32` (four samples per SIMD instruction instead of two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// Single precision: the app's training.
    F32,
    /// Double precision: gradient checks and exact comparisons.
    F64,
}

impl Trace {
    fn new() -> Self {
        Trace {
            a: [[0.0; MAX_WIDTH]; MAX_LAYERS + 1],
            z: [[0.0; MAX_WIDTH]; MAX_LAYERS],
        }
    }
}

/// Applies `act` to every value of `v` (the drawing path's activations).
fn activate_f32(act: Activation, v: &mut [f32]) {
    match act {
        Activation::Tanh => v.iter_mut().for_each(|x| *x = fast_tanh_f32(*x)),
        // Same forms as `Activation::apply_fast`, in f32.
        Activation::Sigmoid => v
            .iter_mut()
            .for_each(|x| *x = 0.5 + 0.5 * fast_tanh_f32(0.5 * *x)),
        Activation::Relu => v.iter_mut().for_each(|x| *x = x.max(0.0)),
        Activation::Step => v
            .iter_mut()
            .for_each(|x| *x = f32::from(u8::from(*x > 0.0))),
        Activation::Linear => {}
    }
}
