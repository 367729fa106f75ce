//! Fast, accurate elementary functions for the hot loops: `tanh` for the
//! hidden units, `e^x` and `ln(1 + x)` for the sigmoid head in `f32`.
//! Each is branch-free (so loops over it vectorise) and its maximum error is
//! stated and checked by a test against the standard library. The `f32`
//! ones work on four lanes at a time ([`F32x4`]).

use std::ops::{Add, Div, Mul};

use super::simd::F32x4;

/// `v` in every lane.
#[inline(always)]
fn c(v: f32) -> F32x4 {
    F32x4::splat(v)
}

/// A number or group of lanes the rational `tanh` runs on: `f64`, `f32`
/// and [`F32x4`] share one definition of it.
pub trait Lane: Copy + Add<Output = Self> + Mul<Output = Self> + Div<Output = Self> {
    /// `v` in this type (rounded to `f32` for the single-precision ones).
    fn c(v: f64) -> Self;
    /// `v` limited to `[−m, m]` (`clamp` is two comparisons: no libm call
    /// on wasm, unlike `min`/`max`).
    fn within(self, m: f64) -> Self;
}

impl Lane for f64 {
    #[inline(always)]
    fn c(v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn within(self, m: f64) -> Self {
        self.clamp(-m, m)
    }
}

impl Lane for f32 {
    #[inline(always)]
    fn c(v: f64) -> Self {
        v as f32
    }
    #[inline(always)]
    fn within(self, m: f64) -> Self {
        self.clamp(-m as f32, m as f32)
    }
}

impl Lane for F32x4 {
    #[inline(always)]
    fn c(v: f64) -> Self {
        F32x4::splat(v as f32)
    }
    #[inline(always)]
    fn within(self, m: f64) -> Self {
        self.max(<Self as Lane>::c(-m)).min(<Self as Lane>::c(m))
    }
}

/// `tanh x` by a rational minimax approximation (the one Eigen uses for
/// floats): `x·P(x²)/Q(x²)` on `|x| ≤ 7.9`, ±1 beyond. Max absolute error
/// about 2e-7 in `f64` and 1e-6 in `f32` (checked by a test); several
/// times faster than `f64::tanh`.
#[inline(always)]
pub fn tanh_rational<V: Lane>(x: V) -> V {
    const CLAMP: f64 = 7.905_311_107_635_498;
    const P: [f64; 7] = [
        4.893_524_558_917_86e-3,
        6.372_619_288_754_36e-4,
        1.485_722_357_179_79e-5,
        5.122_297_090_371_14e-8,
        -8.604_671_522_137_35e-11,
        2.000_187_904_824_77e-13,
        -2.760_768_477_423_55e-16,
    ];
    const Q: [f64; 4] = [
        4.893_525_185_543_85e-3,
        2.268_434_632_439e-3,
        1.185_347_056_866_54e-4,
        1.198_258_394_667_02e-6,
    ];
    let x = x.within(CLAMP);
    let x2 = x * x;
    let horner = |k: &[f64]| {
        let (&top, rest) = k.split_last().expect("coefficients");
        rest.iter()
            .rev()
            .fold(V::c(top), |acc, &c| acc * x2 + V::c(c))
    };
    x * horner(&P) / horner(&Q)
}

/// [`tanh_rational`] in `f64`.
#[inline(always)]
pub fn fast_tanh(x: f64) -> f64 {
    tanh_rational(x)
}

/// [`tanh_rational`] in `f32` (branch-free, so loops over it vectorise).
#[inline(always)]
pub fn fast_tanh_f32(x: f32) -> f32 {
    tanh_rational(x)
}

/// [`tanh_rational`] on four `f32` lanes.
#[inline(always)]
pub fn tanh4(x: F32x4) -> F32x4 {
    tanh_rational(x)
}

/// `e^x` for `x ≤ 0` on four `f32` lanes (Cephes' `expf`: `x = n·ln 2 + r`,
/// a degree-6 polynomial for `e^r`, `2^n` from the exponent bits). Relative
/// error below 3e-7 down to `x = −87`; below that it returns about `e^−87`.
#[allow(clippy::excessive_precision)]
#[inline(always)]
pub fn exp_neg4(x: F32x4) -> F32x4 {
    let x = x.max(c(-87.0)).min(c(0.0));
    let n = (x * c(std::f32::consts::LOG2_E) + c(0.5)).floor();
    let r = x - n * c(0.693_359_375) + n * c(2.121_944_4e-4);
    let p = c(1.987_569_2e-4) * r + c(1.398_199_9e-3);
    let p = p * r + c(8.333_452e-3);
    let p = p * r + c(4.166_579_6e-2);
    let p = p * r + c(1.666_666_5e-1);
    let p = p * r + c(5.000_000_1e-1);
    (p * r * r + r + c(1.0)) * n.exp2_int()
}

/// `ln(1 + t)` for `t ∈ [0, 1]` on four `f32` lanes: with `u = t/(2 + t)`,
/// `ln(1 + t) = 2·atanh u = 2u(1 + u²/3 + u⁴/5 + …)`, seven terms since
/// `u ≤ 1/3`. Relative error below 3e-7, also for tiny `t`.
#[inline(always)]
pub fn ln_1p_unit4(t: F32x4) -> F32x4 {
    let u = t / (c(2.0) + t);
    let u2 = u * u;
    let s = c(1.0 / 11.0) + u2 * c(1.0 / 13.0);
    let s = c(1.0 / 9.0) + u2 * s;
    let s = c(1.0 / 7.0) + u2 * s;
    let s = c(1.0 / 5.0) + u2 * s;
    let s = c(1.0 / 3.0) + u2 * s;
    let s = c(1.0) + u2 * s;
    c(2.0) * u * s
}

/// Binary cross-entropy from the logit and `σ(z)` on four lanes: with
/// `e = e^(−|z|)`, `L = max(z, 0) − Y·z + ln(1 + e)` and `σ(z) = 1/(1 + e)`
/// for `z ≥ 0`, `e/(1 + e)` below. Finite for every `z`; returns `(L, σ)`.
#[inline(always)]
pub fn sigmoid_bce4(z: F32x4, y: F32x4) -> (F32x4, F32x4) {
    let e = exp_neg4(c(0.0) - z.abs());
    let loss = (z.max(c(0.0)) - y * z) + ln_1p_unit4(e);
    let p = z.select_non_negative(c(1.0), e) / (c(1.0) + e);
    (loss, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exp_neg_f32(x: f32) -> f32 {
        exp_neg4(F32x4::splat(x)).to_array()[0]
    }

    fn ln_1p_unit_f32(t: f32) -> f32 {
        ln_1p_unit4(F32x4::splat(t)).to_array()[0]
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

    #[test]
    fn exp_neg_f32_is_accurate() {
        let mut worst = 0.0f64;
        for i in 0..=870_000 {
            let x = -(i as f64) * 1e-4;
            let x32 = x as f32;
            let exact = (x32 as f64).exp();
            worst = worst.max((exp_neg_f32(x32) as f64 - exact).abs() / exact);
        }
        assert!(worst < 3e-7, "max relative error {worst:e}");
        assert_eq!(exp_neg_f32(0.0), 1.0);
        assert!(exp_neg_f32(-1e30) > 0.0 && exp_neg_f32(-1e30) < 1e-37);
    }

    #[test]
    fn ln_1p_unit_f32_is_accurate() {
        let mut worst = 0.0f64;
        for i in 1..=1_000_000 {
            let t = i as f64 * 1e-6;
            let t32 = t as f32;
            let exact = (t32 as f64).ln_1p();
            worst = worst.max((ln_1p_unit_f32(t32) as f64 - exact).abs() / exact);
        }
        for t in [1e-30f32, 1e-12, 1e-7] {
            let exact = (t as f64).ln_1p();
            worst = worst.max((ln_1p_unit_f32(t) as f64 - exact).abs() / exact);
        }
        assert!(worst < 3e-7, "max relative error {worst:e}");
        assert_eq!(ln_1p_unit_f32(0.0), 0.0);
    }
}
