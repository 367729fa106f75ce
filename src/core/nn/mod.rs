//! Layers, each a forward and a backward function over flat buffers of
//! lane groups (as llm.c writes them: no tape, the backward pass written
//! out by hand and checked against finite differences), on one set of SIMD
//! kernels.
//!
//! A sequence layer's tensor of `N` tokens × `C` features is a slice of
//! [`Tile`]s: [`TILE`] tokens side by side per group, so that every
//! per-token loop runs across the tokens in SIMD lanes; value `c` of token
//! `n` is lane `n mod TILE` of tile `(n / TILE)·C + c`. A batch is `B`
//! sequences of `T` tokens, each padded to a whole number of tiles
//! ([`padded`]); padding slots hold zeros and are never attended to nor
//! scored, so they add nothing to any gradient.
//!
//! Parameter gradients are summed into four-lane accumulators
//! ([`Lanes<T>`](real::Lanes): lane `s` into `s mod 4`), added up across
//! lanes once per batch.
//!
//! - [`real`]: the number types (`f32` trains, `f64` checks) and their lane groups;
//! - [`linear`]: the dense layer `z = W·a + b`, the one matrix kernel;
//! - [`act`]: activations (the dense stack's, GELU);
//! - [`embed`]: token and learned position embeddings;
//! - [`norm`]: layer norm;
//! - [`residual`]: the residual add;
//! - [`attention`]: multi-head self-attention with a causal mask or none;
//! - [`xent`]: softmax cross-entropy over chosen positions.

pub mod act;
pub mod attention;
pub mod embed;
pub mod linear;
pub mod norm;
pub mod real;
pub mod residual;
pub mod xent;

use real::{Lanes, Real, LANES};

/// Tokens side by side in one lane group of a sequence tensor.
pub const TILE: usize = 8;

/// One value of [`TILE`] tokens.
pub type Tile<T> = Lanes<T, TILE>;

/// Slots per sequence of `t` tokens: `t` rounded up to whole tiles.
pub fn padded(t: usize) -> usize {
    t.div_ceil(TILE) * TILE
}

/// `acc ← acc + v`, lane `s` of `v` into lane `s mod 4` of `acc`.
#[inline(always)]
pub fn accumulate<T: Real>(acc: &mut Lanes<T>, v: &Tile<T>) {
    for (s, &x) in v.iter().enumerate() {
        acc[s % LANES] = acc[s % LANES] + x;
    }
}

/// The lanes of `v` added up.
#[inline(always)]
pub fn lane_sum<T: Real>(v: &Tile<T>) -> T {
    let mut acc = [T::default(); LANES];
    accumulate(&mut acc, v);
    (acc[0] + acc[2]) + (acc[1] + acc[3])
}

/// A tensor's tile for token `n`, value `c`, of a tensor `width` values wide:
/// its index in the slice, and the lane.
#[inline(always)]
pub fn at(n: usize, c: usize, width: usize) -> (usize, usize) {
    ((n / TILE) * width + c, n % TILE)
}
