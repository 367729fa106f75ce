//! The dense stack's pass over one lane group: every layer's
//! `z = W·a + b` forward and backpropagation, every sample of the group at
//! once (one lane each), on the dense layer's kernels
//! ([`crate::core::nn::linear`]).

use super::shape::Shape;
use crate::core::nn::act::{activate, derive};
use crate::core::nn::linear;
use crate::core::nn::real::{Lanes, Real};

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
        let out = &mut above[..layer.outputs];
        if l == last {
            linear::forward(w, b, input, out, |z| z);
        } else {
            linear::forward(w, b, input, out, |z| activate(shape.activation(), z));
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
        linear::backward_params(gw, gb, input, delta_out);
        if l == 0 {
            break;
        }
        let w = &params[layer.w_offset..layer.b_offset];
        let below = &mut spare[..layer.inputs];
        linear::backward_input(w, layer.inputs, delta_out, |i, sum| {
            below[i] = derive(act, sum, input[i]);
        });
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
    linear::backward_input(w, layer.inputs, &delta[..layer.outputs], |i, sum| {
        for (row, v) in dx.chunks_exact_mut(layer.inputs).zip(sum) {
            row[i] = v.f64() * scale;
        }
    });
}
