//! `F32x4`: four `f32` lanes with the few operations the hot loops need.
//!
//! On wasm32 built with `+simd128` (as the app is) each operation is one
//! WebAssembly SIMD instruction; elsewhere (native tests and benches) it is
//! a plain loop over an array, which gives bit-identical results: every
//! operation is IEEE single precision, lane by lane.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use std::arch::wasm32::*;

    /// Four `f32` lanes.
    #[derive(Clone, Copy, Debug)]
    pub struct F32x4(pub(super) v128);

    impl F32x4 {
        /// The lanes `a`.
        #[inline(always)]
        pub fn new(a: [f32; 4]) -> Self {
            // SAFETY: `[f32; 4]` and `v128` are both 16 plain bytes, and
            // every bit pattern is valid for each. (`f32x4(a[0], …)` was
            // compiled to four lane inserts.)
            F32x4(unsafe { std::mem::transmute::<[f32; 4], v128>(a) })
        }
        /// `v` in every lane.
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            F32x4(f32x4_splat(v))
        }
        /// The lanes as an array.
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            // SAFETY: as in `new`, the same 16 bytes either way.
            unsafe { std::mem::transmute::<v128, [f32; 4]>(self.0) }
        }
        /// Lane-wise `if o < self { o } else { self }` (`pmin`).
        #[inline(always)]
        pub fn min(self, o: Self) -> Self {
            F32x4(f32x4_pmin(self.0, o.0))
        }
        /// Lane-wise `if self < o { o } else { self }` (`pmax`).
        #[inline(always)]
        pub fn max(self, o: Self) -> Self {
            F32x4(f32x4_pmax(self.0, o.0))
        }
        /// Lane-wise `⌊v⌋`.
        #[inline(always)]
        pub fn floor(self) -> Self {
            F32x4(f32x4_floor(self.0))
        }
        /// Lane-wise `|v|`.
        #[inline(always)]
        pub fn abs(self) -> Self {
            F32x4(f32x4_abs(self.0))
        }
        /// Lane-wise `if self ≥ 0 { a } else { b }`.
        #[inline(always)]
        pub fn select_non_negative(self, a: Self, b: Self) -> Self {
            let mask = f32x4_ge(self.0, f32x4_splat(0.0));
            F32x4(v128_bitselect(a.0, b.0, mask))
        }
        /// `[Σa, Σb, Σc, Σd]`, each summed as `(x₀ + x₂) + (x₁ + x₃)`:
        /// four horizontal sums by six shuffles and four adds.
        #[inline(always)]
        pub fn sums(a: Self, b: Self, c: Self, d: Self) -> Self {
            let ab = f32x4_add(
                i32x4_shuffle::<0, 4, 1, 5>(a.0, b.0),
                i32x4_shuffle::<2, 6, 3, 7>(a.0, b.0),
            );
            let cd = f32x4_add(
                i32x4_shuffle::<0, 4, 1, 5>(c.0, d.0),
                i32x4_shuffle::<2, 6, 3, 7>(c.0, d.0),
            );
            F32x4(f32x4_add(
                i32x4_shuffle::<0, 1, 4, 5>(ab, cd),
                i32x4_shuffle::<2, 3, 6, 7>(ab, cd),
            ))
        }
        /// `2^n` for integral lanes `n` in `[−126, 127]`, from the exponent bits.
        #[inline(always)]
        pub fn exp2_int(self) -> Self {
            let n = i32x4_trunc_sat_f32x4(self.0);
            F32x4(i32x4_shl(i32x4_add(n, i32x4_splat(127)), 23))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// Four `f32` lanes.
    #[derive(Clone, Copy, Debug)]
    pub struct F32x4(pub(super) [f32; 4]);

    impl F32x4 {
        /// The lanes `a`.
        #[inline(always)]
        pub fn new(a: [f32; 4]) -> Self {
            F32x4(a)
        }
        /// `v` in every lane.
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            F32x4([v; 4])
        }
        /// The lanes as an array.
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
        #[inline(always)]
        fn zip(self, o: Self, f: impl Fn(f32, f32) -> f32) -> Self {
            F32x4(std::array::from_fn(|i| f(self.0[i], o.0[i])))
        }
        /// Lane-wise `if o < self { o } else { self }` (wasm's `pmin`).
        #[inline(always)]
        pub fn min(self, o: Self) -> Self {
            self.zip(o, |a, b| if b < a { b } else { a })
        }
        /// Lane-wise `if self < o { o } else { self }` (wasm's `pmax`).
        #[inline(always)]
        pub fn max(self, o: Self) -> Self {
            self.zip(o, |a, b| if a < b { b } else { a })
        }
        /// Lane-wise `⌊v⌋`.
        #[inline(always)]
        pub fn floor(self) -> Self {
            F32x4(self.0.map(f32::floor))
        }
        /// Lane-wise `|v|`.
        #[inline(always)]
        pub fn abs(self) -> Self {
            F32x4(self.0.map(f32::abs))
        }
        /// Lane-wise `if self ≥ 0 { a } else { b }`.
        #[inline(always)]
        pub fn select_non_negative(self, a: Self, b: Self) -> Self {
            F32x4(std::array::from_fn(|i| {
                if self.0[i] >= 0.0 {
                    a.0[i]
                } else {
                    b.0[i]
                }
            }))
        }
        /// `[Σa, Σb, Σc, Σd]`, each summed as `(x₀ + x₂) + (x₁ + x₃)`.
        #[inline(always)]
        pub fn sums(a: Self, b: Self, c: Self, d: Self) -> Self {
            let sum = |v: Self| (v.0[0] + v.0[2]) + (v.0[1] + v.0[3]);
            F32x4([sum(a), sum(b), sum(c), sum(d)])
        }
        /// `2^n` for integral lanes `n` in `[−126, 127]`, from the exponent bits.
        #[inline(always)]
        pub fn exp2_int(self) -> Self {
            F32x4(
                self.0
                    .map(|n| f32::from_bits(((n as i32 + 127) as u32) << 23)),
            )
        }
    }
}

pub use imp::F32x4;

/// `impl Add/Sub/Mul/Div for F32x4`, lane by lane: one SIMD instruction
/// each on wasm, the scalar operator on each lane elsewhere.
macro_rules! lane_ops {
    ($($op:ident $method:ident $simd:ident $scalar:tt),*) => {$(
        impl std::ops::$op for F32x4 {
            type Output = Self;
            #[inline(always)]
            fn $method(self, o: Self) -> Self {
                #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
                let out = F32x4(std::arch::wasm32::$simd(self.0, o.0));
                #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
                let out = F32x4(std::array::from_fn(|i| self.0[i] $scalar o.0[i]));
                out
            }
        }
    )*};
}

lane_ops!(Add add f32x4_add +, Sub sub f32x4_sub -, Mul mul f32x4_mul *, Div div f32x4_div /);
