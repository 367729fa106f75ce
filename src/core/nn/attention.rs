//! Multi-head self-attention over a batch of sequences, from the `q`, `k`,
//! `v` a linear layer made (`qkv`: each token's `3C` values, `q` then `k`
//! then `v`, each `H` heads of `d = C/H`): for every head,
//! `A = softmax(mask(q·kᵀ/√d))` and `out = A·v`, the heads' outputs side by
//! side. The mask is causal (a token sees itself and the tokens before it:
//! a decoder, GPT) or none (every token sees every token: an encoder,
//! BERT); padding slots are never seen. Masked weights are exactly 0.
//!
//! The weights `A` of every sequence and head are kept for the backward
//! pass, key by key: for key `u`, one tile per tile of queries, so that the
//! softmax and every product run across [`TILE`] queries at once.

use super::real::Real;
use super::{lane_sum, Tile, TILE};

/// The shape of an attention layer's batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heads {
    /// Heads `H`.
    pub heads: usize,
    /// Values per token `C` (a multiple of `H`).
    pub width: usize,
    /// Tokens per sequence `T`.
    pub len: usize,
    /// Slots per sequence: `T` padded to whole tiles.
    pub slots: usize,
    /// True for the causal mask, false for none.
    pub causal: bool,
}

impl Heads {
    /// Values per head `d = C/H`.
    pub fn head_width(&self) -> usize {
        self.width / self.heads
    }

    /// Query tiles per sequence.
    fn tiles(&self) -> usize {
        self.slots / TILE
    }

    /// Tiles of weights per sequence and head (`slots` keys × query tiles).
    pub fn weights_per_head(&self) -> usize {
        self.slots * self.tiles()
    }

    /// Keys the queries of tile `gt` may see: `0..keys`.
    fn keys(&self, gt: usize) -> usize {
        if self.causal {
            self.len.min(gt * TILE + TILE)
        } else {
            self.len
        }
    }

    /// The first query tile that sees key `u`.
    fn first_query_tile(&self, u: usize) -> usize {
        if self.causal {
            u / TILE
        } else {
            0
        }
    }
}

/// Where value `c` of a `qkv` row sits for token `u` of the sequence whose
/// first tile is `base`: (tile index, lane).
#[inline(always)]
fn slot(base: usize, u: usize, stride: usize, c: usize) -> (usize, usize) {
    ((base + u / TILE) * stride + c, u % TILE)
}

/// Zeroes the lanes of `v` whose query (`t0 + lane`) may not see key `u`.
#[inline(always)]
fn mask_lanes<T: Real>(v: &mut Tile<T>, u: usize, t0: usize, causal: bool, fill: T) {
    if causal && u > t0 {
        for (l, x) in v.iter_mut().enumerate() {
            if u > t0 + l {
                *x = fill;
            }
        }
    }
}

/// `out ← attention(qkv)` and the weights into `att`
/// (`B·H·`[`Heads::weights_per_head`] tiles).
pub fn forward<T: Real>(out: &mut [Tile<T>], att: &mut [Tile<T>], qkv: &[Tile<T>], h: &Heads) {
    let (c, hd, nt) = (h.width, h.head_width(), h.tiles());
    let stride = 3 * c;
    let scale = T::of(1.0 / (hd as f64).sqrt());
    let batch = qkv.len() / (nt * stride);
    let neg = T::of(f64::NEG_INFINITY);
    for b in 0..batch {
        let base = b * nt;
        for head in 0..h.heads {
            let p = &mut att[(b * h.heads + head) * h.weights_per_head()..][..h.weights_per_head()];
            let (qo, ko, vo) = (head * hd, c + head * hd, 2 * c + head * hd);
            for gt in 0..nt {
                let (t0, keys) = (gt * TILE, h.keys(gt));
                let q = &qkv[(base + gt) * stride + qo..][..hd];
                let mut max = [neg; TILE];
                for u in 0..keys {
                    let mut s = [T::default(); TILE];
                    for (d, qd) in q.iter().enumerate() {
                        let (ti, lane) = slot(base, u, stride, ko + d);
                        let k = qkv[ti][lane];
                        (0..TILE).for_each(|l| s[l] = s[l] + qd[l] * k);
                    }
                    s = s.map(|v| v * scale);
                    mask_lanes(&mut s, u, t0, h.causal, neg);
                    (0..TILE).for_each(|l| max[l] = if s[l] > max[l] { s[l] } else { max[l] });
                    p[u * nt + gt] = s;
                }
                let mut sum = [T::default(); TILE];
                for u in 0..keys {
                    let w = &mut p[u * nt + gt];
                    let shifted: Tile<T> = std::array::from_fn(|l| w[l] - max[l]);
                    *w = T::exp_neg(shifted);
                    mask_lanes(w, u, t0, h.causal, T::default());
                    (0..TILE).for_each(|l| sum[l] = sum[l] + w[l]);
                }
                let inv = sum.map(|v| T::of(1.0) / v);
                for u in 0..keys {
                    let w = &mut p[u * nt + gt];
                    (0..TILE).for_each(|l| w[l] = w[l] * inv[l]);
                }
                for u in keys..h.slots {
                    p[u * nt + gt] = [T::default(); TILE];
                }
                for d in 0..hd {
                    let mut o = [T::default(); TILE];
                    for u in 0..keys {
                        let (ti, lane) = slot(base, u, stride, vo + d);
                        let v = qkv[ti][lane];
                        let w = &p[u * nt + gt];
                        (0..TILE).for_each(|l| o[l] = o[l] + w[l] * v);
                    }
                    out[(base + gt) * c + head * hd + d] = o;
                }
            }
        }
    }
}

/// Backward: from `dout`, `dqkv += ∂L/∂qkv` (`att`: the forward's weights;
/// `scratch`: [`Heads::weights_per_head`] tiles). With `dA = dout·vᵀ`, the
/// softmax's `dS = A ⊙ (dA − Σ_u A·dA)/√d`, then `dq = dS·k`, `dk = dSᵀ·q`,
/// `dv = Aᵀ·dout`.
pub fn backward<T: Real>(
    dqkv: &mut [Tile<T>],
    scratch: &mut [Tile<T>],
    dout: &[Tile<T>],
    qkv: &[Tile<T>],
    att: &[Tile<T>],
    h: &Heads,
) {
    let (c, hd, nt) = (h.width, h.head_width(), h.tiles());
    let stride = 3 * c;
    let scale = T::of(1.0 / (hd as f64).sqrt());
    let batch = qkv.len() / (nt * stride);
    let ds = &mut scratch[..h.weights_per_head()];
    for b in 0..batch {
        let base = b * nt;
        for head in 0..h.heads {
            let p = &att[(b * h.heads + head) * h.weights_per_head()..][..h.weights_per_head()];
            let (qo, ko, vo) = (head * hd, c + head * hd, 2 * c + head * hd);
            let o = (head * hd, c);
            for gt in 0..nt {
                let keys = h.keys(gt);
                let dy = &dout[(base + gt) * o.1 + o.0..][..hd];
                let mut rowdot = [T::default(); TILE];
                for u in 0..keys {
                    let mut da = [T::default(); TILE];
                    for (d, dyd) in dy.iter().enumerate() {
                        let (ti, lane) = slot(base, u, stride, vo + d);
                        let v = qkv[ti][lane];
                        (0..TILE).for_each(|l| da[l] = da[l] + dyd[l] * v);
                    }
                    let w = &p[u * nt + gt];
                    (0..TILE).for_each(|l| rowdot[l] = rowdot[l] + w[l] * da[l]);
                    ds[u * nt + gt] = da;
                }
                for u in 0..keys {
                    let (w, g) = (&p[u * nt + gt], &mut ds[u * nt + gt]);
                    (0..TILE).for_each(|l| g[l] = w[l] * (g[l] - rowdot[l]) * scale);
                }
                for d in 0..hd {
                    let mut acc = [T::default(); TILE];
                    for u in 0..keys {
                        let (ti, lane) = slot(base, u, stride, ko + d);
                        let k = qkv[ti][lane];
                        let g = &ds[u * nt + gt];
                        (0..TILE).for_each(|l| acc[l] = acc[l] + g[l] * k);
                    }
                    let dq = &mut dqkv[(base + gt) * stride + qo + d];
                    (0..TILE).for_each(|l| dq[l] = dq[l] + acc[l]);
                }
            }
            for u in 0..h.len {
                let from = h.first_query_tile(u);
                for d in 0..hd {
                    let (mut dk, mut dv) = ([T::default(); TILE], [T::default(); TILE]);
                    for gt in from..nt {
                        let (g, w) = (&ds[u * nt + gt], &p[u * nt + gt]);
                        let q = &qkv[(base + gt) * stride + qo + d];
                        let dy = &dout[(base + gt) * c + head * hd + d];
                        (0..TILE).for_each(|l| {
                            dk[l] = dk[l] + g[l] * q[l];
                            dv[l] = dv[l] + w[l] * dy[l];
                        });
                    }
                    let (ti, lane) = slot(base, u, stride, ko + d);
                    dqkv[ti][lane] = dqkv[ti][lane] + lane_sum(&dk);
                    let (ti, lane) = slot(base, u, stride, vo + d);
                    dqkv[ti][lane] = dqkv[ti][lane] + lane_sum(&dv);
                }
            }
        }
    }
}
