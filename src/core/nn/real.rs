//! The number types the layers run in ([`Real`]: `f32` or `f64`)
//! and its lane groups: one value per sample, [`LANES`] or [`WIDE`] samples
//! side by side, so that lane-wise loops compile to SIMD (`f32x4`, `f64x2`).

use std::ops::{Add, Div, Mul, Sub};

use crate::core::fastmath::{exp_neg4, fast_tanh, sigmoid_bce4, tanh4};
use crate::core::simd::F32x4;

/// Lanes of one SIMD instruction, and of the gradient sums.
pub const LANES: usize = 4;
/// The widest group of samples handled side by side: two SIMD vectors per
/// unit, so each weight broadcast serves eight samples.
pub const WIDE: usize = 8;

/// One value per lane (`L` lanes).
pub type Lanes<T, const L: usize = LANES> = [T; L];

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
    /// `e^z` of every lane, for `z ≤ 0` (`L` a multiple of 4): [`exp_neg4`]
    /// in `f32` (relative error below 3e-7), exact in `f64`.
    fn exp_neg<const L: usize>(z: Lanes<Self, L>) -> Lanes<Self, L>;
    /// `√v` of a non-negative value.
    fn sqrt(self) -> Self;
    /// `out_p = scale·Σ_s lanes_p[s]` for every parameter `p`.
    fn sum_lanes(lanes: &[Lanes<Self>], scale: f64, out: &mut [f64]);
    /// Binary cross-entropy from the logit `z` against targets `y`, and
    /// `σ(z)`, for every lane: exact in `f64`, [`sigmoid_bce4`] in `f32`.
    fn sigmoid_bce<const L: usize>(
        z: Lanes<Self, L>,
        y: Lanes<Self, L>,
    ) -> (Lanes<Self, L>, Lanes<Self, L>);
    /// The softmax head over one group, lane by lane: for each used lane
    /// `s < targets.len()`, `L = max + ln Σ e^(z−max) − z_Y` and, with
    /// `want_grad`, `∂L/∂z = p − onehot(Y)` into `delta` (zero in unused
    /// lanes); also the samples whose largest score is their class.
    /// Returns (summed loss, hits). `None`: this type has no such pass
    /// (the caller goes sample by sample in `f64`).
    fn softmax_xent<const L: usize>(
        _scores: &[Lanes<Self, L>],
        _targets: &[f64],
        _want_grad: bool,
        _delta: &mut [Lanes<Self, L>],
    ) -> Option<(f64, usize)> {
        None
    }
}

/// Four consecutive lanes as one SIMD value.
#[inline(always)]
fn quad(v: &[f32]) -> F32x4 {
    F32x4::new([v[0], v[1], v[2], v[3]])
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
    #[inline(always)]
    fn exp_neg<const L: usize>(z: Lanes<Self, L>) -> Lanes<Self, L> {
        let mut out = z;
        for (o, z) in out.chunks_exact_mut(4).zip(z.chunks_exact(4)) {
            o.copy_from_slice(&exp_neg4(quad(z)).to_array());
        }
        out
    }
    fn sqrt(self) -> Self {
        self.sqrt()
    }
    fn softmax_xent<const L: usize>(
        scores: &[Lanes<Self, L>],
        targets: &[f64],
        want_grad: bool,
        delta: &mut [Lanes<Self, L>],
    ) -> Option<(f64, usize)> {
        Some(softmax_lanes(scores, targets, want_grad, delta))
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
    fn exp_neg<const L: usize>(z: Lanes<Self, L>) -> Lanes<Self, L> {
        z.map(f64::exp)
    }
    fn sqrt(self) -> Self {
        self.sqrt()
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
}

/// Softmax and cross-entropy over one group, lane by lane: `scores` holds
/// one lane group per class; lane `s` is scored against class
/// `targets[s]` when `s < targets.len()` and that target is not negative
/// (other lanes are not scored and get a zero `δ`). The largest score per
/// lane, `e^(z−max)` by [`Real::exp_neg`] into `delta` and its sum, then
/// `L = max + ln Σ − z_Y` per scored lane (summed in `f64`) and, with
/// `want_grad`, `δ = e/Σ − onehot(Y)`. Returns (summed loss, lanes whose
/// first largest score is their class).
#[inline(always)]
pub fn softmax_lanes<T: Real, const L: usize>(
    scores: &[Lanes<T, L>],
    targets: &[f64],
    want_grad: bool,
    delta: &mut [Lanes<T, L>],
) -> (f64, usize) {
    let mut max = [T::of(f64::NEG_INFINITY); L];
    for z in scores {
        for (m, &v) in max.iter_mut().zip(z) {
            *m = if v > *m { v } else { *m };
        }
    }
    let mut sum = [T::default(); L];
    for (z, d) in scores.iter().zip(delta.iter_mut()) {
        let mut shifted = *z;
        for (v, &m) in shifted.iter_mut().zip(&max) {
            *v = *v - m;
        }
        *d = T::exp_neg(shifted);
        for (t, &e) in sum.iter_mut().zip(d.iter()) {
            *t = *t + e;
        }
    }
    let (mut loss, mut hits) = (0.0, 0);
    let mut inv = [T::default(); L];
    for (s, &t) in targets.iter().enumerate() {
        if t < 0.0 {
            continue;
        }
        let y = t as usize;
        let zy = scores[y][s];
        loss += max[s].f64() + sum[s].f64().ln() - zy.f64();
        // A hit: the first largest score is the class's (as `Head::class`).
        hits += usize::from(zy == max[s] && scores[..y].iter().all(|z| z[s] < zy));
        inv[s] = T::of(1.0) / sum[s];
    }
    if want_grad {
        for d in delta.iter_mut() {
            for (v, &i) in d.iter_mut().zip(&inv) {
                *v = *v * i;
            }
        }
        for (s, &t) in targets.iter().enumerate() {
            if t >= 0.0 {
                let d = &mut delta[t as usize][s];
                *d = *d - T::of(1.0);
            }
        }
    }
    (loss, hits)
}
