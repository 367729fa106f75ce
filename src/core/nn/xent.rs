//! Softmax cross-entropy over chosen positions: for each scored token,
//! `p = softmax(z)` over its `V` scores and `L = −log p_Y`; its gradient
//! `∂L/∂z = p − onehot(Y)`. Every position is scored when training on the
//! next character; only the hidden ones when training on masked
//! characters.

use super::real::{softmax_lanes, Real};
use super::{Tile, TILE};

/// The target of a position that is not scored.
pub const UNSCORED: u32 = u32::MAX;

/// Summed loss over the scored tokens of `logits` (`V` values a token;
/// `targets`: one per token, [`UNSCORED`] to skip) and, with `dlogits`,
/// `scale·∂L/∂z` into it (zero for unscored tokens). Returns (summed loss,
/// scored tokens whose largest score is their target).
pub fn forward_backward<T: Real>(
    logits: &[Tile<T>],
    targets: &[u32],
    vocab: usize,
    mut dlogits: Option<(&mut [Tile<T>], T)>,
    spare: &mut [Tile<T>],
) -> (f64, usize) {
    let (mut loss, mut hits) = (0.0, 0);
    let scale = dlogits.as_ref().map_or(T::of(1.0), |d| d.1);
    for (g, z) in logits.chunks_exact(vocab).enumerate() {
        let mut y = [-1.0; TILE];
        let mut any = false;
        for (s, t) in y.iter_mut().enumerate() {
            let target = targets[g * TILE + s];
            if target != UNSCORED {
                *t = f64::from(target);
                any = true;
            }
        }
        let want = dlogits.is_some();
        let delta: &mut [Tile<T>] = match &mut dlogits {
            Some((d, _)) => &mut d[g * vocab..(g + 1) * vocab],
            None => &mut spare[..vocab],
        };
        if !any {
            if want {
                delta.fill([T::default(); TILE]);
            }
            continue;
        }
        let (l, h) = softmax_lanes(z, &y, want, delta);
        loss += l;
        hits += h;
        if want {
            for d in delta.iter_mut() {
                for v in d.iter_mut() {
                    *v = *v * scale;
                }
            }
        }
    }
    (loss, hits)
}
