//! The training pass: forward, loss and backpropagation over a batch of
//! input rows, a group of samples at a time, one sample per SIMD lane.
//!
//! Samples go in groups of [`WIDE`] while more than [`LANES`] remain, then
//! of `LANES` (a batch of 10 goes as 8 + 4 lanes, not 16); each group's
//! rows are laid out lane by lane and sent through the layers
//! ([`stack`](super::stack)). The gradient is summed in four lanes and the
//! lanes are added only at the end of the batch.
//!
//! The pass is generic over its number type ([`Real`]): networks train in
//! `f32`, the one-layer models, gradient checks and exact tests use `f64`;
//! both give the same gradient within `f32` precision (checked by a test).
//! Its buffers are sized from the [`Shape`] and kept between calls (one set
//! per thread and number type, grown when a wider model comes), so a step
//! allocates nothing.

use std::cell::RefCell;

use super::head::Head;
use super::rows::Rows;
use super::shape::Shape;
use super::stack::{backward, forward, input_grad};
use crate::core::nn::real::{Lanes, Real, LANES, WIDE};

/// What a pass adds up over its samples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// The summed loss.
    pub loss: f64,
    /// Samples the model puts in their own class (passes without a
    /// gradient, classification heads; 0 otherwise).
    pub hits: usize,
}

/// A number type with its per-thread [`Scratch`].
pub trait Pass: Real {
    /// Runs `f` with this type's scratch buffers.
    fn with_scratch<R>(f: impl FnOnce(&mut Scratch<Self>) -> R) -> R;
}

thread_local! {
    static SCRATCH_F32: RefCell<Scratch<f32>> = RefCell::default();
    static SCRATCH_F64: RefCell<Scratch<f64>> = RefCell::default();
}

impl Pass for f32 {
    fn with_scratch<R>(f: impl FnOnce(&mut Scratch<Self>) -> R) -> R {
        SCRATCH_F32.with(|s| f(&mut s.borrow_mut()))
    }
}

impl Pass for f64 {
    fn with_scratch<R>(f: impl FnOnce(&mut Scratch<Self>) -> R) -> R {
        SCRATCH_F64.with(|s| f(&mut s.borrow_mut()))
    }
}

/// Buffers the pass reuses: the parameters in `T`, the per-lane gradient
/// sums, and one lane group's values for each group width.
#[derive(Default)]
pub struct Scratch<T> {
    params: Vec<T>,
    grad: Vec<Lanes<T>>,
    narrow: Group<T, LANES>,
    wide: Group<T, WIDE>,
}

/// One lane group's values, in one buffer: every layer's activations one
/// after another ([`Shape::start`]), then two layers' `δ` (the one being
/// propagated and the one below); and one sample's scores `z` and `∂L/∂z`.
struct Group<T, const L: usize> {
    lanes: Vec<Lanes<T, L>>,
    z: Vec<f64>,
}

impl<T, const L: usize> Default for Group<T, L> {
    fn default() -> Self {
        Group {
            lanes: Vec::new(),
            z: Vec::new(),
        }
    }
}

impl<T: Real, const L: usize> Group<T, L> {
    /// Grows the buffers to fit `shape` (never shrinks them).
    fn fit(&mut self, shape: &Shape) {
        let need = shape.units() + 2 * shape.widest();
        if self.lanes.len() < need || self.z.len() < 2 * shape.outputs() {
            self.grow(need, 2 * shape.outputs());
        }
    }

    /// New buffers of `lanes` lane groups and `z` values (out of line: it
    /// runs once per shape).
    #[cold]
    #[inline(never)]
    fn grow(&mut self, lanes: usize, z: usize) {
        self.lanes = vec![[T::default(); L]; lanes.max(self.lanes.len())];
        self.z = vec![0.0; z.max(self.z.len())];
    }

    /// The buffers cut to `shape`.
    fn split(&mut self, shape: &Shape) -> Parts<'_, T, L> {
        let (w, k) = (shape.widest(), shape.outputs());
        let (acts, deltas) = self.lanes.split_at_mut(shape.units());
        let (delta, below) = deltas.split_at_mut(w);
        let (z, dz) = self.z.split_at_mut(k);
        Parts {
            acts,
            delta,
            below: &mut below[..w],
            z,
            dz: &mut dz[..k],
        }
    }
}

/// A [`Group`]'s buffers for one shape.
struct Parts<'a, T, const L: usize> {
    acts: &'a mut [Lanes<T, L>],
    delta: &'a mut [Lanes<T, L>],
    below: &'a mut [Lanes<T, L>],
    z: &'a mut [f64],
    dz: &'a mut [f64],
}

/// What a pass writes besides its [`Totals`].
#[derive(Debug, Default)]
pub struct Outputs<'a> {
    /// The gradient summed over the samples and multiplied by the scale
    /// (`1/n` gives the mean), into the slice (as long as the parameters).
    pub grad: Option<(&'a mut [f64], f64)>,
    /// With `grad`: `∂L/∂x` of every sample's input row, times the same
    /// scale, in batch order (`batch.len()` rows of the input width).
    pub dx: Option<&'a mut [f64]>,
    /// The output scores `z` of the first sample (as many as it holds).
    pub first: &'a mut [f64],
}

/// The summed loss over `batch` for the stack `shape` with `params`, and
/// the [`Outputs`] asked for, computed in `T`. Without a gradient it also
/// counts the samples classified right.
pub fn run<T: Pass>(shape: &Shape, params: &[f64], batch: Rows<'_>, out: Outputs<'_>) -> Totals {
    assert_eq!(batch.width(), shape.inputs(), "input rows' width");
    assert_eq!(params.len(), shape.param_count(), "parameter count");
    let Outputs {
        grad,
        mut dx,
        first,
    } = out;
    if let Some(dx) = &dx {
        assert!(grad.is_some() && dx.len() == batch.len() * shape.inputs());
    }
    let scale = grad.as_ref().map_or(1.0, |g| g.1);
    T::with_scratch(|scratch| {
        let want_grad = grad.is_some();
        scratch.params.clear();
        scratch.params.extend(params.iter().map(|&p| T::of(p)));
        if want_grad {
            scratch.grad.clear();
            scratch.grad.resize(params.len(), [T::default(); LANES]);
        }
        scratch.narrow.fit(shape);
        if T::WIDE_GROUPS {
            scratch.wide.fit(shape);
        }
        let Scratch {
            params,
            grad: lanes_grad,
            narrow,
            wide,
        } = scratch;
        let width = if T::WIDE_GROUPS { WIDE } else { LANES };
        let mut total = Totals::default();
        let mut start = 0;
        while start < batch.len() {
            let m = (batch.len() - start).min(width);
            let grad = want_grad.then_some(&mut lanes_grad[..]);
            // Only the first group reports its first sample's scores.
            let outs = GroupOutputs {
                first: if start == 0 { &mut *first } else { &mut [][..] },
                dx: dx.as_deref_mut().map(|dx| (dx, scale)),
            };
            let group = (start, m);
            let t = if T::WIDE_GROUPS && m > LANES {
                group_pass(shape, params, grad, batch, group, wide, outs)
            } else {
                group_pass(shape, params, grad, batch, group, narrow, outs)
            };
            total.loss += t.loss;
            total.hits += t.hits;
            start += m;
        }
        if let Some((grad, scale)) = grad {
            T::sum_lanes(lanes_grad, scale, grad);
        }
        total
    })
}

/// One group's share of the [`Outputs`]: the first sample's scores (the
/// first group only) and all samples' `∂L/∂x` with its scale.
struct GroupOutputs<'a> {
    first: &'a mut [f64],
    dx: Option<(&'a mut [f64], f64)>,
}

/// Forward (and, with `grad`, backward) for the `m` samples of `batch`
/// from `start` (`group`), `m ≤ L`; returns their [`Totals`] and writes
/// their [`GroupOutputs`]. Lanes past `m` carry zeros and contribute nothing.
fn group_pass<T: Real, const L: usize>(
    shape: &Shape,
    params: &[T],
    grad: Option<&mut [Lanes<T>]>,
    batch: Rows<'_>,
    (start, m): (usize, usize),
    bufs: &mut Group<T, L>,
    outs: GroupOutputs<'_>,
) -> Totals {
    let n_in = shape.inputs();
    let Parts {
        acts,
        delta,
        below,
        z,
        dz,
    } = bufs.split(shape);
    let inputs = &mut acts[..n_in];
    if m < L {
        inputs.fill([T::default(); L]);
    }
    let mut targets = [0.0; L];
    for s in 0..m {
        let (row, y) = batch.sample(start + s);
        for (a, &x) in inputs.iter_mut().zip(row) {
            a[s] = T::of(x);
        }
        targets[s] = y;
    }
    forward(shape, params, acts);
    let out = shape.start(shape.layers().len());
    let scores = &acts[out..out + shape.outputs()];
    for (f, lanes) in outs.first.iter_mut().zip(scores) {
        *f = lanes[0].f64();
    }
    let targets = &targets[..m];
    let total = head(shape.head(), scores, targets, grad.is_some(), delta, z, dz);
    if let Some(grad) = grad {
        let first_delta = backward(shape, params, grad, acts, delta, below);
        if let Some((dx, scale)) = outs.dx {
            let rows = &mut dx[start * n_in..(start + m) * n_in];
            input_grad(shape, params, first_delta, scale, rows);
        }
    }
    total
}

/// The head over one group with `targets` (one per used lane): the
/// group's [`Totals`] and, with `want_grad`, `∂L/∂z` per lane into `delta`
/// (zero in unused lanes). Hits are counted only without `want_grad`
/// (training has no use for them). `z` and `dz` hold one sample's scores.
fn head<T: Real, const L: usize>(
    head: Head,
    scores: &[Lanes<T, L>],
    targets: &[f64],
    want_grad: bool,
    delta: &mut [Lanes<T, L>],
    z: &mut [f64],
    dz: &mut [f64],
) -> Totals {
    let mut total = Totals::default();
    if head == Head::Sigmoid {
        let mut y = [T::default(); L];
        for (v, &t) in y.iter_mut().zip(targets) {
            *v = T::of(t);
        }
        let (loss, p) = T::sigmoid_bce(scores[0], y);
        let mut sum = T::default();
        for s in 0..L {
            let used = s < targets.len();
            delta[0][s] = if used { p[s] - y[s] } else { T::default() };
            sum = sum + if used { loss[s] } else { T::default() };
        }
        total.loss = sum.f64();
        if !want_grad {
            total.hits = targets
                .iter()
                .zip(scores[0])
                .filter(|(&t, z)| f64::from(u8::from(z.f64() > 0.0)) == t)
                .count();
        }
        return total;
    }
    let k = z.len();
    if head == Head::Softmax {
        if let Some((loss, hits)) = T::softmax_xent(scores, targets, want_grad, &mut delta[..k]) {
            return Totals {
                loss,
                hits: if want_grad { 0 } else { hits },
            };
        }
    }
    // Lanes past the group keep a zero δ.
    delta[..k].fill([T::default(); L]);
    for (s, &target) in targets.iter().enumerate() {
        for (v, lanes) in z.iter_mut().zip(scores) {
            *v = lanes[s].f64();
        }
        if !want_grad {
            total.loss += head.loss(z, target);
            total.hits += usize::from(head.class(z) == Some(target as usize));
            continue;
        }
        total.loss += head.loss_dz(z, target, dz);
        for (d, v) in delta.iter_mut().zip(&*dz) {
            d[s] = T::of(*v);
        }
    }
    total
}
