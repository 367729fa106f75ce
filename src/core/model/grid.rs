//! The drawing pass: class probabilities for many samples at once, for the
//! probability field. Samples are held column by column (one contiguous
//! array per input or unit), a whole column goes through each layer at once
//! in `f32` (so the loops vectorise), with tanh and sigmoid from
//! [`fast_tanh_f32`]; the result differs from [`Dense::predict`] by less
//! than 1e-5, far below what a pixel can show.

use super::dense::Dense;
use super::head::Head;
use super::shape::LayerShape;
use crate::core::activation::Activation;
use crate::core::fastmath::fast_tanh_f32;
use crate::core::features::Encoder;

/// Class probabilities at every point of the grid `xs × ys` (row by row,
/// `ys` outer) of the plane, each point encoded by `encoder`, `classes`
/// values per point, into `out`.
pub fn probs_on_grid(
    net: &Dense,
    encoder: &Encoder,
    xs: &[f64],
    ys: &[f64],
    classes: usize,
    out: &mut [f64],
) {
    let n = xs.len();
    if n == 0 {
        return;
    }
    let mut pass = ColumnPass::new(net, n);
    for (&y, out) in ys.iter().zip(out.chunks_exact_mut(n * classes)) {
        encoder.encode_columns(xs, y, &mut pass.a[..net.inputs() * n]);
        pass.probs(net, classes, out);
    }
}

/// Class probabilities of `n` samples given column by column (`cols` holds
/// input `i` of every sample at `cols[i·n..(i+1)·n]`), `classes` values per
/// sample, into `out`.
pub fn probs_of_columns(net: &Dense, cols: &[f32], n: usize, classes: usize, out: &mut [f64]) {
    if n == 0 {
        return;
    }
    let mut pass = ColumnPass::new(net, n);
    pass.a[..cols.len()].copy_from_slice(cols);
    pass.probs(net, classes, out);
}

/// The parameters in `f32` and two layers' columns of `n` samples.
struct ColumnPass {
    params: Vec<f32>,
    a: Vec<f32>,
    b: Vec<f32>,
    n: usize,
}

impl ColumnPass {
    fn new(net: &Dense, n: usize) -> Self {
        let w = net.shape().widest() * n;
        ColumnPass {
            params: net.params().iter().map(|&p| p as f32).collect(),
            a: vec![0.0; w],
            b: vec![0.0; w],
            n,
        }
    }

    /// The stack on the inputs in `a`, then the head's probabilities into `out`.
    fn probs(&mut self, net: &Dense, classes: usize, out: &mut [f64]) {
        let last = net.layers().len() - 1;
        for (l, layer) in net.layers().iter().enumerate() {
            let act = (l != last).then(|| net.activation());
            column_layer(&self.params, layer, self.n, &self.a, &mut self.b, act);
            std::mem::swap(&mut self.a, &mut self.b);
        }
        head_probs(net.head(), net.outputs(), &self.a, self.n, classes, out);
    }
}

/// `z_j = W_j·a + b_j` for one layer over columns of `n` samples, from
/// `src` into `dst`, then `act` when given.
fn column_layer(
    params: &[f32],
    layer: &LayerShape,
    n: usize,
    src: &[f32],
    dst: &mut [f32],
    act: Option<Activation>,
) {
    for (j, dst) in dst.chunks_exact_mut(n).take(layer.outputs).enumerate() {
        dst.fill(params[layer.b_offset + j]);
        let row = &params[layer.w_offset + j * layer.inputs..][..layer.inputs];
        for (&w, src) in row.iter().zip(src.chunks_exact(n)) {
            for (d, s) in dst.iter_mut().zip(src) {
                *d += w * s;
            }
        }
        if let Some(act) = act {
            activate_f32(act, dst);
        }
    }
}

/// The head's class probabilities from the scores `a` (column by column,
/// `k` columns of `n`), `classes` per sample, into `out`.
fn head_probs(head: Head, k: usize, a: &[f32], n: usize, classes: usize, out: &mut [f64]) {
    let rows = out[..n * classes].chunks_exact_mut(classes);
    if head == Head::Softmax {
        for (i, dst) in rows.enumerate() {
            let z = |c: usize| a[c * n + i];
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
        return;
    }
    for (dst, &z) in rows.zip(&a[..n]) {
        let p = match head {
            Head::Step => f32::from(u8::from(z > 0.0)),
            Head::Sigmoid => 0.5 + 0.5 * fast_tanh_f32(0.5 * z),
            _ => z,
        } as f64;
        dst[0] = 1.0 - p;
        dst[1] = p;
        dst[2..].fill(0.0);
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
