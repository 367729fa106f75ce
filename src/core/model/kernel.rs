//! The training pass of [`Dense`]: forward, loss and backpropagation over a
//! batch, a group of samples at a time, one sample per SIMD lane.
//!
//! Every unit's value is a group of `L` numbers (one per sample: [`WIDE`]
//! while more than [`LANES`] samples remain, then `LANES`), so each
//! `z = W·a + b` is a run of lane-wise multiply-adds with the weight
//! broadcast: the loops compile to SIMD (`f32x4`, or `f64x2`) with no
//! remainder to handle. Four units (or four inputs) go through together so
//! that each value loaded serves four multiply-adds. The gradient is summed
//! in four lanes and the lanes are added only at the end of the batch.
//!
//! The pass is generic over its number type ([`Real`]): networks train in
//! `f32`, the one-layer models, gradient checks and exact tests use `f64`;
//! both give the same gradient within `f32` precision (checked by a test).

use std::ops::{Add, Div, Mul, Sub};

use super::dense::{Dense, Head, MAX_LAYERS, MAX_WIDTH};
use crate::core::activation::Activation;
use crate::core::fastmath::{fast_tanh, sigmoid_bce4, tanh4};
use crate::core::simd::F32x4;

/// Lanes of one SIMD instruction, and of the gradient sums.
pub const LANES: usize = 4;
/// The widest group of samples handled side by side: two SIMD vectors per
/// unit, so each weight broadcast serves eight samples.
pub const WIDE: usize = 8;

/// One value per lane (`L` lanes).
type Lanes<T, const L: usize = LANES> = [T; L];

/// A number type the training pass can run in: `f32` or `f64`.
pub trait Real:
    Copy
    + Default
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
{
    /// Whether groups of [`WIDE`] samples are used (f32 only: f64, for the
    /// one-layer models and the checks, stays at [`LANES`], which keeps
    /// the shipped wasm smaller).
    const WIDE_GROUPS: bool;
    /// `v` rounded to this type.
    fn of(v: f64) -> Self;
    /// The value as `f64`.
    fn f64(self) -> f64;
    /// [`fast_tanh`] of every lane ([`tanh4`] in `f32`).
    fn tanh<const L: usize>(z: Lanes<Self, L>) -> Lanes<Self, L>;
    /// `out_p = scale·Σ_s lanes_p[s]` for every parameter `p`.
    fn sum_lanes(lanes: &[Lanes<Self>], scale: f64, out: &mut [f64]);
    /// Binary cross-entropy from the logit `z` against targets `y`, and
    /// `σ(z)`, for every lane: exact in `f64`, [`sigmoid_bce4`] in `f32`.
    fn sigmoid_bce<const L: usize>(
        z: Lanes<Self, L>,
        y: Lanes<Self, L>,
    ) -> (Lanes<Self, L>, Lanes<Self, L>);
    /// Runs `f` with this type's scratch buffers (kept between calls, so a
    /// step allocates nothing).
    fn with_scratch<R>(f: impl FnOnce(&mut Scratch<Self>) -> R) -> R;
}

/// Buffers the pass reuses: the parameters in this type, the per-lane
/// gradient sums, and the activations and `δ`s of one group (for each
/// group width).
#[derive(Default)]
pub struct Scratch<T> {
    params: Vec<T>,
    grad: Vec<Lanes<T>>,
    acts: Box<Acts<T>>,
    deltas: Box<[Deltas<T>; 2]>,
    wide_acts: Box<Acts<T, WIDE>>,
    wide_deltas: Box<[Deltas<T, WIDE>; 2]>,
}

/// One value per unit of a layer, one lane group per unit (`∂L/∂z`, or
/// the output scores).
type Deltas<T, const L: usize = LANES> = [Lanes<T, L>; MAX_WIDTH];

/// Four consecutive lanes as one SIMD value.
#[inline(always)]
fn quad(v: &[f32]) -> F32x4 {
    F32x4::new([v[0], v[1], v[2], v[3]])
}

thread_local! {
    static SCRATCH_F32: std::cell::RefCell<Scratch<f32>> = std::cell::RefCell::default();
    static SCRATCH_F64: std::cell::RefCell<Scratch<f64>> = std::cell::RefCell::default();
}

impl Real for f32 {
    const WIDE_GROUPS: bool = true;
    fn of(v: f64) -> Self {
        v as f32
    }
    fn f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn tanh<const L: usize>(z: Lanes<Self, L>) -> Lanes<Self, L> {
        let mut out = z;
        for (o, z) in out.chunks_exact_mut(4).zip(z.chunks_exact(4)) {
            o.copy_from_slice(&tanh4(quad(z)).to_array());
        }
        out
    }
    fn sum_lanes(lanes: &[Lanes<Self>], scale: f64, out: &mut [f64]) {
        // Four parameters at a time: one transposing sum instead of four
        // horizontal ones.
        let mut l4 = lanes.chunks_exact(4);
        let mut o4 = out.chunks_exact_mut(4);
        for (l, o) in (&mut l4).zip(&mut o4) {
            let v = |k: usize| F32x4::new(l[k]);
            let sums = F32x4::sums(v(0), v(1), v(2), v(3)).to_array();
            for (o, s) in o.iter_mut().zip(sums) {
                *o = f64::from(s) * scale;
            }
        }
        for (o, l) in o4.into_remainder().iter_mut().zip(l4.remainder()) {
            *o = f64::from((l[0] + l[2]) + (l[1] + l[3])) * scale;
        }
    }
    #[inline(always)]
    fn sigmoid_bce<const L: usize>(
        z: Lanes<Self, L>,
        y: Lanes<Self, L>,
    ) -> (Lanes<Self, L>, Lanes<Self, L>) {
        let (mut loss, mut p) = (z, z);
        let quads = z.chunks_exact(4).zip(y.chunks_exact(4));
        let outs = loss.chunks_exact_mut(4).zip(p.chunks_exact_mut(4));
        for ((z, y), (l, p)) in quads.zip(outs) {
            let (l4, p4) = sigmoid_bce4(quad(z), quad(y));
            l.copy_from_slice(&l4.to_array());
            p.copy_from_slice(&p4.to_array());
        }
        (loss, p)
    }
    fn with_scratch<R>(f: impl FnOnce(&mut Scratch<Self>) -> R) -> R {
        SCRATCH_F32.with(|s| f(&mut s.borrow_mut()))
    }
}

impl Real for f64 {
    const WIDE_GROUPS: bool = false;
    fn of(v: f64) -> Self {
        v
    }
    fn f64(self) -> f64 {
        self
    }
    fn tanh<const L: usize>(z: Lanes<Self, L>) -> Lanes<Self, L> {
        z.map(fast_tanh)
    }
    fn sum_lanes(lanes: &[Lanes<Self>], scale: f64, out: &mut [f64]) {
        for (o, l) in out.iter_mut().zip(lanes) {
            *o = l.iter().sum::<f64>() * scale;
        }
    }
    fn sigmoid_bce<const L: usize>(
        z: Lanes<Self, L>,
        y: Lanes<Self, L>,
    ) -> (Lanes<Self, L>, Lanes<Self, L>) {
        // The formula of `sigmoid_bce4`, exact: one `exp` for both.
        let (mut loss, mut p) = (z, z);
        for s in 0..L {
            let e = (-z[s].abs()).exp();
            let positive = if z[s] > 0.0 { z[s] } else { 0.0 };
            loss[s] = (positive - y[s] * z[s]) + e.ln_1p();
            p[s] = if z[s] >= 0.0 { 1.0 } else { e } / (1.0 + e);
        }
        (loss, p)
    }
    fn with_scratch<R>(f: impl FnOnce(&mut Scratch<Self>) -> R) -> R {
        SCRATCH_F64.with(|s| f(&mut s.borrow_mut()))
    }
}

/// What a pass adds up over its samples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// The summed loss.
    pub loss: f64,
    /// Samples the model puts in their own class (passes without a
    /// gradient, classification heads; 0 otherwise).
    pub hits: usize,
}

/// The summed loss over `samples` (`x1`, `x2`, target) and, when `grad` is
/// given, the gradient summed over the samples and multiplied by `scale`
/// written into it (`scale = 1/n` gives the mean), computed in `T`. The
/// output scores `z` of the first sample go into `first` (as many as it
/// holds). Without `grad`, it also counts the samples classified right.
pub fn run<T: Real>(
    net: &Dense,
    mut samples: impl Iterator<Item = (f64, f64, f64)>,
    grad: Option<(&mut [f64], f64)>,
    first: &mut [f64],
) -> Totals {
    T::with_scratch(|scratch| {
        let want_grad = grad.is_some();
        scratch.params.clear();
        scratch
            .params
            .extend(net.params().iter().map(|&p| T::of(p)));
        if want_grad {
            scratch.grad.clear();
            scratch
                .grad
                .resize(net.params().len(), [T::default(); LANES]);
        }
        // Groups of eight samples while there are more than four left, then
        // of four (a batch of 10 goes as 8 + 4 lanes, not 16).
        let mut group = [(0.0, 0.0, 0.0); WIDE];
        let width = if T::WIDE_GROUPS { WIDE } else { LANES };
        let mut total = Totals::default();
        let mut at_start = true;
        loop {
            let mut m = 0;
            for s in samples.by_ref().take(width) {
                group[m] = s;
                m += 1;
            }
            if m == 0 {
                break;
            }
            let params = &scratch.params;
            let grad = want_grad.then_some(&mut scratch.grad[..]);
            // Only the first group reports its first sample's scores.
            let first = if at_start { &mut *first } else { &mut [][..] };
            at_start = false;
            let group_totals = if T::WIDE_GROUPS && m > LANES {
                let (acts, deltas) = (&mut *scratch.wide_acts, &mut *scratch.wide_deltas);
                lanes_pass(net, params, grad, &group[..m], acts, deltas, first)
            } else {
                let (acts, deltas) = (&mut *scratch.acts, &mut *scratch.deltas);
                lanes_pass(net, params, grad, &group[..m], acts, deltas, first)
            };
            total.loss += group_totals.loss;
            total.hits += group_totals.hits;
            if m < width {
                break;
            }
        }
        if let Some((grad, scale)) = grad {
            T::sum_lanes(&scratch.grad, scale, grad);
        }
        total
    })
}

/// Forward (and, with `grad`, backward) for up to `L` samples; returns
/// their [`Totals`], and the first sample's output scores in `first` (as
/// many as it holds). Lanes past `group.len()` carry zeros and
/// contribute nothing.
fn lanes_pass<T: Real, const L: usize>(
    net: &Dense,
    params: &[T],
    grad: Option<&mut [Lanes<T>]>,
    group: &[(f64, f64, f64)],
    acts: &mut Acts<T, L>,
    deltas: &mut [Deltas<T, L>; 2],
    first: &mut [f64],
) -> Totals {
    let x1: Lanes<f64, L> = std::array::from_fn(|s| group.get(s).map_or(0.0, |g| g.0));
    let x2: Lanes<f64, L> = std::array::from_fn(|s| group.get(s).map_or(0.0, |g| g.1));
    for (f, feature) in net.features().iter().enumerate() {
        acts[0][f] = feature.eval_lanes(x1, x2).map(T::of);
    }
    forward(net, params, acts);
    let [delta, below] = deltas;
    let scores = &acts[net.layers().len()];
    for (f, lanes) in first.iter_mut().zip(scores) {
        *f = lanes[0].f64();
    }
    let total = head(net, scores, group, grad.is_some(), delta);
    if let Some(grad) = grad {
        backward(net, params, grad, acts, delta, below);
    }
    total
}

/// Activations per layer (`acts[0]` the features), one lane group per unit.
type Acts<T, const L: usize = LANES> = [[Lanes<T, L>; MAX_WIDTH]; MAX_LAYERS + 1];

/// `z_j = Σ_i W_ji·a_i + b_j` layer by layer, every lane at once, the hidden
/// activation applied; the last layer's `z` stays raw (the head's input).
fn forward<T: Real, const L: usize>(net: &Dense, params: &[T], acts: &mut Acts<T, L>) {
    let layers = net.layers();
    let last = layers.len() - 1;
    for (l, layer) in layers.iter().enumerate() {
        let (below, above) = acts.split_at_mut(l + 1);
        let input = &below[l][..layer.inputs];
        let w = &params[layer.w_offset..layer.b_offset];
        let b = &params[layer.b_offset..layer.b_offset + layer.outputs];
        // Four units at a time: each input's lanes are loaded once for four
        // multiply-adds (register blocking), the rest one by one.
        let act = |z: Lanes<T, L>| {
            if l == last {
                z
            } else {
                activate(net.activation(), z)
            }
        };
        let outs = &mut above[0][..layer.outputs];
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

/// The head: the group's [`Totals`] and, with `want_grad`, `∂L/∂z` per lane
/// into `delta` (zero in unused lanes). Hits are counted only without
/// `want_grad` (training has no use for them).
fn head<T: Real, const L: usize>(
    net: &Dense,
    scores: &Deltas<T, L>,
    group: &[(f64, f64, f64)],
    want_grad: bool,
    delta: &mut Deltas<T, L>,
) -> Totals {
    let head = net.head();
    let k = net.outputs();
    let mut total = Totals::default();
    if head == Head::Sigmoid {
        let mut y = [T::default(); L];
        for (v, g) in y.iter_mut().zip(group) {
            *v = T::of(g.2);
        }
        let (loss, p) = T::sigmoid_bce(scores[0], y);
        let mut sum = T::default();
        for s in 0..L {
            let used = s < group.len();
            delta[0][s] = if used { p[s] - y[s] } else { T::default() };
            sum = sum + if used { loss[s] } else { T::default() };
        }
        total.loss = sum.f64();
        if !want_grad {
            total.hits = group
                .iter()
                .zip(scores[0])
                .filter(|(g, z)| f64::from(u8::from(z.f64() > 0.0)) == g.2)
                .count();
        }
        return total;
    }
    // Lanes past the group keep a zero δ.
    delta[..k].fill([T::default(); L]);
    for (s, sample) in group.iter().enumerate() {
        let mut z = [0.0; MAX_WIDTH];
        for (c, v) in z[..k].iter_mut().enumerate() {
            *v = scores[c][s].f64();
        }
        if !want_grad {
            total.loss += head.loss(&z[..k], sample.2);
            total.hits += usize::from(head.class(&z[..k]) == Some(sample.2 as usize));
            continue;
        }
        let mut dz = [0.0; MAX_WIDTH];
        head.dz(&z[..k], sample.2, &mut dz[..k]);
        total.loss += head.loss(&z[..k], sample.2);
        for (c, v) in dz[..k].iter().enumerate() {
            delta[c][s] = T::of(*v);
        }
    }
    total
}

/// Backpropagation from the head's `delta`: `∂W_ji += δ_j·a_i`,
/// `∂b_j += δ_j` into the per-lane sums, and `δ_i = f'(a_i)·Σ_j W_ji·δ_j`
/// for the layer below.
fn backward<'d, T: Real, const L: usize>(
    net: &Dense,
    params: &[T],
    grad: &mut [Lanes<T>],
    acts: &Acts<T, L>,
    mut delta: &'d mut Deltas<T, L>,
    mut below_delta: &'d mut Deltas<T, L>,
) {
    for (l, layer) in net.layers().iter().enumerate().rev() {
        let input = &acts[l][..layer.inputs];
        let (gw, gb) = grad[layer.w_offset..layer.b_offset + layer.outputs]
            .split_at_mut(layer.b_offset - layer.w_offset);
        for (gbj, d) in gb.iter_mut().zip(&delta[..layer.outputs]) {
            for s in 0..L {
                gbj[s % LANES] = gbj[s % LANES] + d[s];
            }
        }
        // ∂W for four rows at a time: each a_i loaded once for four.
        let mut g4 = gw.chunks_exact_mut(4 * layer.inputs);
        let mut d4 = delta[..layer.outputs].chunks_exact(4);
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
        let below = &mut below_delta[..layer.inputs];
        let mut i0 = 0;
        while i0 + 4 <= layer.inputs {
            let mut sum = [[T::default(); L]; 4];
            for (row, d) in w.chunks_exact(layer.inputs).zip(&delta[..layer.outputs]) {
                let w4 = &row[i0..i0 + 4];
                for k in 0..4 {
                    for s in 0..L {
                        sum[k][s] = sum[k][s] + w4[k] * d[s];
                    }
                }
            }
            for k in 0..4 {
                below[i0 + k] = derive(net.activation(), sum[k], input[i0 + k]);
            }
            i0 += 4;
        }
        for i in i0..layer.inputs {
            let mut sum = [T::default(); L];
            for (row, d) in w.chunks_exact(layer.inputs).zip(&delta[..layer.outputs]) {
                for s in 0..L {
                    sum[s] = sum[s] + row[i] * d[s];
                }
            }
            below[i] = derive(net.activation(), sum, input[i]);
        }
        std::mem::swap(&mut delta, &mut below_delta); // the references
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
