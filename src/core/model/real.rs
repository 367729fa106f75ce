//! The number types the training pass runs in ([`Real`]: `f32` or `f64`)
//! and its lane groups: one value per sample, [`LANES`] or [`WIDE`] samples
//! side by side, so that lane-wise loops compile to SIMD (`f32x4`, `f64x2`).

use std::ops::{Add, Div, Mul, Sub};

use crate::core::fastmath::{fast_tanh, sigmoid_bce4, tanh4};
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
