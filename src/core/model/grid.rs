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
    let fill =
        |row: usize, a: &mut [f32]| encoder.encode_columns(xs, ys[row], &mut a[..net.inputs() * n]);
    columns(net, n, ys.len(), fill, classes, out);
}

/// Class probabilities of `n` samples given column by column (`cols` holds
/// input `i` of every sample at `cols[i·n..(i+1)·n]`), `classes` values per
/// sample, into `out`.
pub fn probs_of_columns(net: &Dense, cols: &[f32], n: usize, classes: usize, out: &mut [f64]) {
    let fill = |_: usize, a: &mut [f32]| a[..cols.len()].copy_from_slice(cols);
    columns(net, n, 1, fill, classes, out);
}

/// For each of `rows` sets of `n` samples, which `fill(row, a)` writes
/// into `a` column by column: the stack in `f32`, then the head's
/// probabilities, `classes` per sample, into the next `n·classes` values of
/// `out`.
fn columns(
    net: &Dense,
    n: usize,
    rows: usize,
    mut fill: impl FnMut(usize, &mut [f32]),
    classes: usize,
    out: &mut [f64],
) {
    if n == 0 {
        return;
    }
    let params: Vec<f32> = net.params().iter().map(|&p| p as f32).collect();
    let mut a = vec![0f32; net.shape().widest() * n];
    let mut b = vec![0f32; net.shape().widest() * n];
    let last = net.layers().len() - 1;
    let k = net.outputs();
    for (row, out) in out.chunks_exact_mut(n * classes).take(rows).enumerate() {
        fill(row, &mut a);
        for (l, layer) in net.layers().iter().enumerate() {
            let act = (l != last).then(|| net.activation());
            column_layer(&params, layer, n, &a, &mut b, act);
            std::mem::swap(&mut a, &mut b);
        }
        for (i, dst) in out.chunks_exact_mut(classes).enumerate() {
            let z = |c: usize| a[c * n + i];
            match net.head() {
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
        }
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

/// Every unit's value at every point of the grid `xs × ys` (row by row, `ys`
/// outer), in `f32`: the inputs `φ(x)`, each hidden unit's `f(z)`, then the
/// outputs as [`Dense::predict`] gives them. Unit `u` (counted over all
/// layers, inputs first) fills `out[u·N..(u+1)·N]` with `N = xs.len()·ys.len()`;
/// `out` holds `shape().units()·N` values.
pub fn units_on_grid(net: &Dense, encoder: &Encoder, xs: &[f64], ys: &[f64], out: &mut [f32]) {
    let (n, cells) = (xs.len(), xs.len() * ys.len());
    let params: Vec<f32> = net.params().iter().map(|&p| p as f32).collect();
    let mut a = vec![0f32; net.shape().widest() * n];
    let mut b = a.clone();
    let last = net.layers().len() - 1;
    let mut z = vec![0f64; net.outputs()];
    for (row, &y) in ys.iter().enumerate() {
        encoder.encode_columns(xs, y, &mut a[..net.inputs() * n]);
        let put = |l: usize, width: usize, a: &[f32], out: &mut [f32]| {
            for (u, col) in a.chunks_exact(n).take(width).enumerate() {
                let at = (net.shape().start(l) + u) * cells + row * n;
                out[at..at + n].copy_from_slice(col);
            }
        };
        put(0, net.inputs(), &a, out);
        for (l, layer) in net.layers().iter().enumerate() {
            let act = (l != last).then(|| net.activation());
            column_layer(&params, layer, n, &a, &mut b, act);
            std::mem::swap(&mut a, &mut b);
            if l == last {
                // The head mixes a sample's scores (softmax), so per sample.
                for i in 0..n {
                    z.iter_mut()
                        .enumerate()
                        .for_each(|(c, v)| *v = a[c * n + i] as f64);
                    net.head().apply(&mut z);
                    z.iter()
                        .enumerate()
                        .for_each(|(c, &v)| a[c * n + i] = v as f32);
                }
            }
            put(l + 1, layer.outputs, &a, out);
        }
    }
}
