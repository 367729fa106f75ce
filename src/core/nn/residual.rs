//! The residual connection `out = a + b`; its backward adds `dout` to both
//! inputs' gradients.

use super::real::Real;
use super::Tile;

/// `out ← a + b`.
pub fn forward<T: Real>(out: &mut [Tile<T>], a: &[Tile<T>], b: &[Tile<T>]) {
    for ((o, a), b) in out.iter_mut().zip(a).zip(b) {
        for s in 0..o.len() {
            o[s] = a[s] + b[s];
        }
    }
}

/// `d ← d + dout` (each input of the sum gets the output's gradient).
pub fn backward<T: Real>(d: &mut [Tile<T>], dout: &[Tile<T>]) {
    for (d, g) in d.iter_mut().zip(dout) {
        for s in 0..d.len() {
            d[s] = d[s] + g[s];
        }
    }
}
