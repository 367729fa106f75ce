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

/// Most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 4;
/// Most units a hidden layer may have.
pub const MAX_UNITS: usize = 16;
/// Widest any layer (inputs, hidden or outputs) can be.
pub const MAX_WIDTH: usize = 16;
const MAX_LAYERS: usize = MAX_HIDDEN_LAYERS + 1;

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

    /// [`Head::loss`] and [`Head::dz`] together, sharing the exponential
    /// (one `exp` and one `ln_1p` per sample for the sigmoid head).
    pub fn loss_dz(self, z: &[f64], target: f64, dz: &mut [f64]) -> f64 {
        match self {
            Head::Sigmoid => {
                // e = e^(−|z|); σ(z) and log(1 + e^z) both follow from it.
                let v = z[0];
                let e = (-v.abs()).exp();
                let p = if v >= 0.0 {
                    1.0 / (1.0 + e)
                } else {
                    e / (1.0 + e)
                };
                dz[0] = loss::bce_grad(p, target);
                v.max(0.0) + e.ln_1p() - target * v
            }
            _ => {
                self.dz(z, target, dz);
                self.loss(z, target)
            }
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
    /// overwritten into `grad` (same length as the parameters), by backpropagation.
    ///
    /// Samples go through in blocks of up to [`BLOCK`]: each unit's values
    /// for the whole block sit side by side, so every inner loop runs over
    /// the block (and vectorises) instead of over a handful of weights.
    pub fn loss_grad(
        &self,
        samples: impl ExactSizeIterator<Item = (f64, f64, f64)>,
        grad: &mut [f64],
    ) -> f64 {
        grad.fill(0.0);
        let n = samples.len().max(1) as f64;
        let total = self.in_blocks(samples, Some(grad));
        grad.iter_mut().for_each(|g| *g /= n);
        total / n
    }

    /// The summed loss over `samples` (`x1`, `x2`, target), by the same
    /// blocked forward pass as training.
    pub fn loss_sum(&self, samples: impl Iterator<Item = (f64, f64, f64)>) -> f64 {
        self.in_blocks(samples, None)
    }

    /// Runs `samples` through [`Dense::block_loss_grad`] in blocks of
    /// [`BLOCK`], with the scratch kept between calls.
    fn in_blocks(
        &self,
        mut samples: impl Iterator<Item = (f64, f64, f64)>,
        mut grad: Option<&mut [f64]>,
    ) -> f64 {
        SCRATCH.with(|cell| {
            let mut buf = cell.borrow_mut();
            let need = (2 * (MAX_LAYERS + 1) + 2) * STRIDE;
            if buf.len() < need {
                buf.resize(need, 0.0);
            }
            let mut block = [(0.0, 0.0, 0.0); BLOCK];
            let mut total = 0.0;
            loop {
                let mut m = 0;
                for s in samples.by_ref().take(BLOCK) {
                    block[m] = s;
                    m += 1;
                }
                if m == 0 {
                    break;
                }
                total += self.block_loss_grad(&block[..m], &mut buf, grad.as_deref_mut());
                if m < BLOCK {
                    break;
                }
            }
            total
        })
    }

    /// Adds the gradient of the summed loss over `block` into `grad` (when
    /// given: without it, only the forward pass and the loss); returns the
    /// summed loss. `buf` holds activations, pre-activations and
    /// errors, one row of [`BLOCK`] values per unit.
    fn block_loss_grad(
        &self,
        block: &[(f64, f64, f64)],
        buf: &mut [f64],
        grad: Option<&mut [f64]>,
    ) -> f64 {
        let m = block.len();
        let at = |l: usize, j: usize| l * STRIDE + j * BLOCK;
        let (acts, rest) = buf.split_at_mut((MAX_LAYERS + 1) * STRIDE);
        let (zs, deltas) = rest.split_at_mut((MAX_LAYERS + 1) * STRIDE);
        for (f, feature) in self.features.iter().enumerate() {
            for (v, s) in acts[at(0, f)..at(0, f) + m].iter_mut().zip(block) {
                *v = feature.eval(s.0, s.1);
            }
        }
        // Forward: z_j = b_j + Σ_i W_ji·a_i, summed in the same order as
        // `scores`, for every sample of the block at once.
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let (below, above) = acts.split_at_mut(at(l + 1, 0));
            for j in 0..layer.outputs {
                let z = &mut zs[at(l + 1, j)..at(l + 1, j) + m];
                z.fill(0.0);
                let row = layer.w_offset + j * layer.inputs;
                for (i, &w) in self.params[row..row + layer.inputs].iter().enumerate() {
                    for (zv, av) in z.iter_mut().zip(&below[at(l, i)..at(l, i) + m]) {
                        *zv += w * av;
                    }
                }
                let bias = self.params[layer.b_offset + j];
                z.iter_mut().for_each(|zv| *zv += bias);
                let out = &mut above[j * BLOCK..j * BLOCK + m];
                if l == last {
                    out.copy_from_slice(z);
                } else {
                    activate_f64(self.hidden, z, out);
                }
            }
        }
        // The head: loss and ∂L/∂z for each sample.
        let k = self.outputs();
        let (mut dc, mut dp) = deltas.split_at_mut(STRIDE);
        let mut total = 0.0;
        for (b, sample) in block.iter().enumerate() {
            let mut zb = [0.0; MAX_WIDTH];
            for (c, v) in zb[..k].iter_mut().enumerate() {
                *v = zs[at(last + 1, c) + b];
            }
            if grad.is_none() {
                total += self.head.loss(&zb[..k], sample.2);
                continue;
            }
            let mut db = [0.0; MAX_WIDTH];
            total += self.head.loss_dz(&zb[..k], sample.2, &mut db[..k]);
            for (c, v) in db[..k].iter().enumerate() {
                dc[c * BLOCK + b] = *v;
            }
        }
        let Some(grad) = grad else {
            return total;
        };
        // Backward: ∂W_ji += Σ_b δ_j·a_i, and δ for the layer below.
        for l in (0..=last).rev() {
            let layer = &self.layers[l];
            if l > 0 {
                for i in 0..layer.inputs {
                    dp[i * BLOCK..i * BLOCK + m].fill(0.0);
                }
            }
            for j in 0..layer.outputs {
                let d = &dc[j * BLOCK..j * BLOCK + m];
                let row = layer.w_offset + j * layer.inputs;
                for i in 0..layer.inputs {
                    let a = &acts[at(l, i)..at(l, i) + m];
                    grad[row + i] += d.iter().zip(a).map(|(x, y)| x * y).sum::<f64>();
                    if l > 0 {
                        let w = self.params[row + i];
                        for (bv, dv) in dp[i * BLOCK..i * BLOCK + m].iter_mut().zip(d) {
                            *bv += w * dv;
                        }
                    }
                }
                grad[layer.b_offset + j] += d.iter().sum::<f64>();
            }
            if l > 0 {
                for i in 0..layer.inputs {
                    let z = &zs[at(l, i)..at(l, i) + m];
                    let a = &acts[at(l, i)..at(l, i) + m];
                    derive_f64(self.hidden, z, a, &mut dp[i * BLOCK..i * BLOCK + m]);
                }
                std::mem::swap(&mut dc, &mut dp);
            }
        }
        total
    }
}

/// Samples per block of the training pass.
pub const BLOCK: usize = 16;
/// Values per layer in the training scratch: one row of [`BLOCK`] per unit.
const STRIDE: usize = MAX_WIDTH * BLOCK;

thread_local! {
    /// The training pass's scratch, kept between calls (no allocation per step).
    static SCRATCH: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `out = f(z)` for a row of the block (the match hoisted out of the loop).
fn activate_f64(act: Activation, z: &[f64], out: &mut [f64]) {
    match act {
        Activation::Tanh => out.iter_mut().zip(z).for_each(|(o, v)| *o = fast_tanh(*v)),
        other => out
            .iter_mut()
            .zip(z)
            .for_each(|(o, v)| *o = other.apply_fast(*v)),
    }
}

/// `d ← d·f'(z)` for a row of the block, `a = f(z)`.
fn derive_f64(act: Activation, z: &[f64], a: &[f64], d: &mut [f64]) {
    match act {
        Activation::Tanh => d.iter_mut().zip(a).for_each(|(d, a)| *d *= 1.0 - a * a),
        other => d
            .iter_mut()
            .zip(z.iter().zip(a))
            .for_each(|(d, (z, a))| *d *= other.derivative(*z, *a)),
    }
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

/// [`fast_tanh`] in `f32`, branch-free so that loops over it vectorise
/// (the coefficients are written as in the reference, beyond f32 precision).
#[allow(clippy::excessive_precision)]
pub fn fast_tanh_f32(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = (((((-2.760_768_5e-16 * x2 + 2.000_187_9e-13) * x2 - 8.604_671_5e-11) * x2
        + 5.122_297e-8)
        * x2
        + 1.485_722_4e-5)
        * x2
        + 6.372_619_3e-4)
        * x2
        + 4.893_524_6e-3;
    let q = ((1.198_258_4e-6 * x2 + 1.185_347e-4) * x2 + 2.268_434_6e-3) * x2 + 4.893_525e-3;
    x * p / q
}

/// `tanh x` by a rational minimax approximation (the one Eigen uses for
/// floats): `x·P(x²)/Q(x²)` on `|x| ≤ 7.9`, ±1 beyond. Max absolute error
/// about 2e-7 (checked by a test); several times faster than `f64::tanh`.
pub fn fast_tanh(x: f64) -> f64 {
    const CLAMP: f64 = 7.905_311_107_635_498;
    const A: [f64; 7] = [
        4.893_524_558_917_86e-3,
        6.372_619_288_754_36e-4,
        1.485_722_357_179_79e-5,
        5.122_297_090_371_14e-8,
        -8.604_671_522_137_35e-11,
        2.000_187_904_824_77e-13,
        -2.760_768_477_423_55e-16,
    ];
    const B: [f64; 4] = [
        4.893_525_185_543_85e-3,
        2.268_434_632_439e-3,
        1.185_347_056_866_54e-4,
        1.198_258_394_667_02e-6,
    ];
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = A.iter().rev().fold(0.0, |acc, &c| acc * x2 + c);
    let q = B.iter().rev().fold(0.0, |acc, &c| acc * x2 + c);
    x * p / q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fused_loss_and_gradient_match_the_separate_ones() {
        let cases: [(Head, &[f64], f64); 6] = [
            (Head::Sigmoid, &[2.5], 1.0),
            (Head::Sigmoid, &[-40.0], 1.0),
            (Head::Sigmoid, &[0.3], 0.0),
            (Head::Softmax, &[0.1, -2.0, 1.5], 2.0),
            (Head::Step, &[0.7], 0.0),
            (Head::Linear, &[1.25], -0.5),
        ];
        for (head, z, target) in cases {
            let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
            let fused = head.loss_dz(z, target, &mut a[..z.len()]);
            head.dz(z, target, &mut b[..z.len()]);
            assert!(
                (fused - head.loss(z, target)).abs() < 1e-12,
                "{head:?} {z:?}"
            );
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-15, "{head:?} {z:?}");
            }
        }
    }

    #[test]
    fn fast_tanh_is_accurate() {
        let mut worst = 0.0f64;
        for i in -200_000..=200_000 {
            let x = i as f64 * 1e-4;
            worst = worst.max((fast_tanh(x) - x.tanh()).abs());
        }
        assert!(worst < 3e-7, "max error {worst:e}");
        let worst32 = (-200_000..=200_000)
            .map(|i| i as f64 * 1e-4)
            .map(|x| (fast_tanh_f32(x as f32) as f64 - x.tanh()).abs())
            .fold(0.0f64, f64::max);
        assert!(worst32 < 1e-6, "f32 max error {worst32:e}");
        assert_eq!(fast_tanh(50.0), 1.0f64.min(fast_tanh(50.0)));
        assert!(fast_tanh(1e300).abs() <= 1.0 + 1e-7);
    }
}
