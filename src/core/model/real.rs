//! The number types the training pass runs in ([`Real`]: `f32` or `f64`)
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
    fn softmax_xent<const L: usize>(
        scores: &[Lanes<Self, L>],
        targets: &[f64],
        want_grad: bool,
        delta: &mut [Lanes<Self, L>],
    ) -> Option<(f64, usize)> {
        Some(softmax_f32(scores, targets, want_grad, delta))
    }
}

/// [`Real::softmax_xent`] in `f32`, lanes four at a time: the largest score
/// per lane, `e^(z−max)` by [`exp_neg4`] (relative error < 3e-7) into
/// `delta` and its sum, then the loss per used lane in `f64` and, with
/// `want_grad`, `δ = e/Σ − onehot(Y)` (unused lanes get `1/Σ = 0`).
#[inline(always)]
fn softmax_f32<const L: usize>(
    scores: &[Lanes<f32, L>],
    targets: &[f64],
    want_grad: bool,
    delta: &mut [Lanes<f32, L>],
) -> (f64, usize) {
    let mut max = [f32::NEG_INFINITY; L];
    for z in scores {
        for (m, &v) in max.iter_mut().zip(z) {
            *m = if v > *m { v } else { *m };
        }
    }
    let mut sum = [0.0f32; L];
    for (z, d) in scores.iter().zip(delta.iter_mut()) {
        for q in (0..L).step_by(4) {
            let e = exp_neg4(quad(&z[q..]) - quad(&max[q..])).to_array();
            d[q..q + 4].copy_from_slice(&e);
            sum[q..q + 4].iter_mut().zip(e).for_each(|(t, e)| *t += e);
        }
    }
    let (mut loss, mut hits) = (0.0, 0);
    let mut inv = [0.0f32; L];
    for (s, &t) in targets.iter().enumerate() {
        let y = t as usize;
        let zy = scores[y][s];
        loss += f64::from(max[s]) + f64::from(sum[s]).ln() - f64::from(zy);
        // A hit: the first largest score is the class's (as `Head::class`).
        hits += usize::from(zy == max[s] && scores[..y].iter().all(|z| z[s] < zy));
        inv[s] = 1.0 / sum[s];
    }
    if want_grad {
        for d in delta.iter_mut() {
            for q in (0..L).step_by(4) {
                let p = (quad(&d[q..]) * quad(&inv[q..])).to_array();
                d[q..q + 4].copy_from_slice(&p);
            }
        }
        for (s, &t) in targets.iter().enumerate() {
            delta[t as usize][s] -= 1.0;
        }
    }
    (loss, hits)
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
}
