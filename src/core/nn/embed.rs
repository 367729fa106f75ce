//! Token and learned position embeddings: `x_n = E[id_n] + P[t_n]`, token
//! `n` of a batch of sequences each padded to `slots` slots, `t_n = n mod
//! slots` its position. A slot holding [`PAD`] is padding: it gets zeros
//! and passes no gradient.

use super::real::{Lanes, Real};
use super::{Tile, TILE};

/// The id of a padding slot.
pub const PAD: u32 = u32::MAX;

/// `out ← E[id] + P[t]` for every token (`ids.len()` tokens, a multiple of
/// [`TILE`]); `e` and `p` are row-major, `c` values a row.
pub fn forward<T: Real>(
    out: &mut [Tile<T>],
    ids: &[u32],
    slots: usize,
    e: &[T],
    p: &[T],
    c: usize,
) {
    for (g, tile) in out.chunks_exact_mut(c).enumerate() {
        for s in 0..TILE {
            let n = g * TILE + s;
            let id = ids[n];
            if id == PAD {
                tile.iter_mut().for_each(|v| v[s] = T::default());
                continue;
            }
            let (er, pr) = (id as usize * c, (n % slots) * c);
            for (k, v) in tile.iter_mut().enumerate() {
                v[s] = e[er + k] + p[pr + k];
            }
        }
    }
}

/// `∂E[id] += dout`, `∂P[t] += dout` for every token but padding, into the
/// per-lane sums `ge`, `gp`.
pub fn backward<T: Real>(
    ge: &mut [Lanes<T>],
    gp: &mut [Lanes<T>],
    dout: &[Tile<T>],
    ids: &[u32],
    slots: usize,
    c: usize,
) {
    for (g, tile) in dout.chunks_exact(c).enumerate() {
        for s in 0..TILE {
            let n = g * TILE + s;
            let id = ids[n];
            if id == PAD {
                continue;
            }
            let (er, pr) = (id as usize * c, (n % slots) * c);
            let lane = s % super::real::LANES;
            for (k, d) in tile.iter().enumerate() {
                ge[er + k][lane] = ge[er + k][lane] + d[s];
                gp[pr + k][lane] = gp[pr + k][lane] + d[s];
            }
        }
    }
}
