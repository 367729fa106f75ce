//! The layers of one lane group: `z = W·a + b` forward and backpropagation,
//! every sample of the group at once (one lane each).
//!
//! Every unit's value is a group of `L` numbers, so each `z = W·a + b` is a
//! run of lane-wise multiply-adds with the weight broadcast. Four units (or
//! four inputs) go through together so that each value loaded serves four
//! multiply-adds (register blocking). Gradients are summed into
//! [`LANES`]-wide accumulators (lane `s` into `s mod 4`).

use super::real::{Lanes, Real, LANES};
use super::shape::Shape;
use crate::core::activation::Activation;

/// `z_j = Σ_i W_ji·a_i + b_j` layer by layer, every lane at once, the hidden
/// activation applied; the last layer's `z` stays raw (the head's input).
/// `acts` holds every layer's values one after another
/// ([`Shape::start`]), the inputs already in place.
pub fn forward<T: Real, const L: usize>(shape: &Shape, params: &[T], acts: &mut [Lanes<T, L>]) {
    let layers = shape.layers();
    let last = layers.len() - 1;
    for (l, layer) in layers.iter().enumerate() {
        let (below, above) = acts.split_at_mut(shape.start(l + 1));
        // Slices of the layers' exact widths, so the loops need no bounds checks.
        let input = &below[shape.start(l)..][..layer.inputs];
        let w = &params[layer.w_offset..layer.b_offset];
        let b = &params[layer.b_offset..layer.b_offset + layer.outputs];
        // Four units at a time: each input's lanes are loaded once for four
        // multiply-adds (register blocking), the rest one by one.
        let act = |z: Lanes<T, L>| {
            if l == last {
                z
            } else {
                activate(shape.activation(), z)
            }
        };
        let outs = &mut above[..layer.outputs];
        let mut out4 = outs.chunks_exact_mut(4);
        let mut rows4 = w.chunks_exact(4 * layer.inputs);
        let mut b4 = b.chunks_exact(4);
        for ((out, rows), bias) in (&mut out4).zip(&mut rows4).zip(&mut b4) {
            let z = dot4(rows, layer.inputs, input);
            for ((out, zk), &bias) in out.iter_mut().zip(z).zip(bias) {
                *out = act(zk.map(|v| v + bias));
            }
        }
        for ((out, row), &bias) in out4
            .into_remainder()
            .iter_mut()
            .zip(rows4.remainder().chunks_exact(layer.inputs))
            .zip(b4.remainder())
        {
            let mut z = dot(row, input);
            for v in &mut z {
                *v = *v + bias;
            }
            *out = act(z);
        }
    }
}

/// Backpropagation from the head's `delta` (`∂L/∂z` of the last layer):
/// `∂W_ji += δ_j·a_i`, `∂b_j += δ_j` into the per-lane sums `grad`, and
/// `δ_i = f'(a_i)·Σ_j W_ji·δ_j` for the layer below (into `spare`, the two
/// swapping roles layer by layer; each at least [`Shape::widest`] long).
/// Returns the first layer's `δ` (for [`input_grad`]).
pub fn backward<'d, T: Real, const L: usize>(
    shape: &Shape,
    params: &[T],
    grad: &mut [Lanes<T>],
    acts: &[Lanes<T, L>],
    mut delta: &'d mut [Lanes<T, L>],
    mut spare: &'d mut [Lanes<T, L>],
) -> &'d [Lanes<T, L>] {
    let act = shape.activation();
    for (l, layer) in shape.layers().iter().enumerate().rev() {
        let input = &acts[shape.start(l)..][..layer.inputs];
        let (gw, gb) = grad[layer.w_offset..layer.b_offset + layer.outputs]
            .split_at_mut(layer.b_offset - layer.w_offset);
        let delta_out = &delta[..layer.outputs];
        for (gbj, d) in gb.iter_mut().zip(delta_out) {
            for s in 0..L {
                gbj[s % LANES] = gbj[s % LANES] + d[s];
            }
        }
        // ∂W for four rows at a time: each a_i loaded once for four.
        let mut g4 = gw.chunks_exact_mut(4 * layer.inputs);
        let mut d4 = delta_out.chunks_exact(4);
        for (rows, d) in (&mut g4).zip(&mut d4) {
            let (r0, rest) = rows.split_at_mut(layer.inputs);
            let (r1, rest) = rest.split_at_mut(layer.inputs);
            let (r2, r3) = rest.split_at_mut(layer.inputs);
            let rows = r0
                .iter_mut()
                .zip(r1.iter_mut())
                .zip(r2.iter_mut().zip(r3.iter_mut()));
            for (((g0, g1), (g2, g3)), a) in rows.zip(input) {
                for s in 0..L {
                    let g = s % LANES;
                    g0[g] = g0[g] + d[0][s] * a[s];
                    g1[g] = g1[g] + d[1][s] * a[s];
                    g2[g] = g2[g] + d[2][s] * a[s];
                    g3[g] = g3[g] + d[3][s] * a[s];
                }
            }
        }
        let rest = g4.into_remainder().chunks_exact_mut(layer.inputs);
        for (grow, d) in rest.zip(d4.remainder()) {
            axpy(grow, *d, input);
        }
        if l == 0 {
            break;
        }
        // δ_i for four inputs at a time: each δ_j loaded once for four.
        let w = &params[layer.w_offset..layer.b_offset];
        let below = &mut spare[..layer.inputs];
        let mut i0 = 0;
        while i0 + 4 <= layer.inputs {
            let mut sum = [[T::default(); L]; 4];
            for (row, d) in w.chunks_exact(layer.inputs).zip(delta_out) {
                let w4 = &row[i0..i0 + 4];
                for k in 0..4 {
                    for s in 0..L {
                        sum[k][s] = sum[k][s] + w4[k] * d[s];
                    }
                }
            }
            for k in 0..4 {
                below[i0 + k] = derive(act, sum[k], input[i0 + k]);
            }
            i0 += 4;
        }
        for i in i0..layer.inputs {
            let mut sum = [T::default(); L];
            for (row, d) in w.chunks_exact(layer.inputs).zip(delta_out) {
                for s in 0..L {
                    sum[s] = sum[s] + row[i] * d[s];
                }
            }
            below[i] = derive(act, sum, input[i]);
        }
        std::mem::swap(&mut delta, &mut spare); // the references
    }
    delta
}

/// `∂L/∂x_i = Σ_j W_ji·δ_j` for the inputs of the first layer, from its
/// `delta`, times `scale`, into `dx`: one row of the input width per used
/// lane (the inputs have no activation, so no `f'`).
pub fn input_grad<T: Real, const L: usize>(
    shape: &Shape,
    params: &[T],
    delta: &[Lanes<T, L>],
    scale: f64,
    dx: &mut [f64],
) {
    let layer = &shape.layers()[0];
    let w = &params[layer.w_offset..layer.b_offset];
    for i in 0..layer.inputs {
        let mut sum = [T::default(); L];
        for (row, d) in w.chunks_exact(layer.inputs).zip(&delta[..layer.outputs]) {
            for s in 0..L {
                sum[s] = sum[s] + row[i] * d[s];
            }
        }
        for (row, v) in dx.chunks_exact_mut(layer.inputs).zip(sum) {
            row[i] = v.f64() * scale;
        }
    }
}

/// `Σ_i w_i·a_i` lane by lane, summed in order. (Unrolling it by four was
/// measured 25% slower in V8.)
#[inline(always)]
fn dot<T: Real, const L: usize>(w: &[T], a: &[Lanes<T, L>]) -> Lanes<T, L> {
    let mut z = [T::default(); L];
    for (&w, a) in w.iter().zip(a) {
        for s in 0..L {
            z[s] = z[s] + w * a[s];
        }
    }
    z
}

/// [`dot`] for four rows of `W` at once (`rows` holds them one after the
/// other, `n` weights each): `a_i` is loaded once for the four.
#[inline(always)]
fn dot4<T: Real, const L: usize>(rows: &[T], n: usize, a: &[Lanes<T, L>]) -> [Lanes<T, L>; 4] {
    let mut z = [[T::default(); L]; 4];
    let (r0, rest) = rows.split_at(n);
    let (r1, rest) = rest.split_at(n);
    let (r2, r3) = rest.split_at(n);
    for ((((a, &w0), &w1), &w2), &w3) in a.iter().zip(r0).zip(r1).zip(r2).zip(r3) {
        for s in 0..L {
            z[0][s] = z[0][s] + w0 * a[s];
            z[1][s] = z[1][s] + w1 * a[s];
            z[2][s] = z[2][s] + w2 * a[s];
            z[3][s] = z[3][s] + w3 * a[s];
        }
    }
    z
}

/// `g_i ← g_i + d·a_i` lane by lane (lane `s` into gradient lane `s mod 4`).
#[inline(always)]
fn axpy<T: Real, const L: usize>(g: &mut [Lanes<T>], d: Lanes<T, L>, a: &[Lanes<T, L>]) {
    for (g, a) in g.iter_mut().zip(a) {
        for s in 0..L {
            g[s % LANES] = g[s % LANES] + d[s] * a[s];
        }
    }
}

/// `f(z)` lane by lane for a hidden activation (the forms of
/// [`Activation::apply_fast`]).
#[inline(always)]
fn activate<T: Real, const L: usize>(act: Activation, z: Lanes<T, L>) -> Lanes<T, L> {
    let (zero, one, half) = (T::default(), T::of(1.0), T::of(0.5));
    match act {
        Activation::Tanh => T::tanh(z),
        Activation::Sigmoid => T::tanh(z.map(|v| half * v)).map(|t| half + half * t),
        Activation::Relu => z.map(|v| if v > zero { v } else { zero }),
        Activation::Step => z.map(|v| if v > zero { one } else { zero }),
        Activation::Linear => z,
    }
}

/// `d·f'(z)` lane by lane, with `f'` written through the output `a = f(z)`.
#[inline(always)]
fn derive<T: Real, const L: usize>(act: Activation, d: Lanes<T, L>, a: Lanes<T, L>) -> Lanes<T, L> {
    let (zero, one) = (T::default(), T::of(1.0));
    let mut out = [zero; L];
    match act {
        Activation::Tanh => (0..L).for_each(|s| out[s] = d[s] * (one - a[s] * a[s])),
        Activation::Sigmoid => (0..L).for_each(|s| out[s] = d[s] * (a[s] * (one - a[s]))),
        Activation::Relu => (0..L).for_each(|s| {
            out[s] = if a[s] > zero { d[s] } else { zero };
        }),
        Activation::Step => {}
        Activation::Linear => out = d,
    }
    out
}
