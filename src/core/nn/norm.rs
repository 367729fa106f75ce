//! Layer norm: each token's `C` values normalised to mean 0 and variance
//! 1, then scaled and shifted per value,
//! `y = γ·(x − μ)/√(σ² + ε) + β`. The mean and `1/√(σ² + ε)` of every token
//! are kept for the backward pass.

use super::real::{Lanes, Real};
use super::{accumulate, Tile, TILE};

/// `ε` under the square root.
pub const EPS: f64 = 1e-5;

/// `out ← LN(inp)` token by token (rows of `c` values); `mean`, `rstd`: one
/// tile per tile of tokens.
pub fn forward<T: Real>(
    out: &mut [Tile<T>],
    mean: &mut [Tile<T>],
    rstd: &mut [Tile<T>],
    inp: &[Tile<T>],
    gamma: &[T],
    beta: &[T],
) {
    let c = gamma.len();
    let inv_c = T::of(1.0 / c as f64);
    let eps = T::of(EPS);
    for (((o, x), m), r) in out
        .chunks_exact_mut(c)
        .zip(inp.chunks_exact(c))
        .zip(mean.iter_mut())
        .zip(rstd.iter_mut())
    {
        let mut mu = [T::default(); TILE];
        for v in x {
            (0..TILE).for_each(|s| mu[s] = mu[s] + v[s]);
        }
        mu = mu.map(|v| v * inv_c);
        let mut var = [T::default(); TILE];
        for v in x {
            (0..TILE).for_each(|s| {
                let d = v[s] - mu[s];
                var[s] = var[s] + d * d;
            });
        }
        let rs = var.map(|v| T::of(1.0) / T::sqrt(v * inv_c + eps));
        for ((o, v), (&g, &b)) in o.iter_mut().zip(x).zip(gamma.iter().zip(beta)) {
            (0..TILE).for_each(|s| o[s] = (v[s] - mu[s]) * rs[s] * g + b);
        }
        (*m, *r) = (mu, rs);
    }
}

/// Backward: `∂γ += Σ dout·x̂`, `∂β += Σ dout`, and
/// `dinp += rstd·(γ·dout − mean(γ·dout) − x̂·mean(γ·dout·x̂))`, `x̂` the normalised input.
#[allow(clippy::too_many_arguments)]
pub fn backward<T: Real>(
    dinp: &mut [Tile<T>],
    ggamma: &mut [Lanes<T>],
    gbeta: &mut [Lanes<T>],
    dout: &[Tile<T>],
    inp: &[Tile<T>],
    gamma: &[T],
    mean: &[Tile<T>],
    rstd: &[Tile<T>],
) {
    let c = gamma.len();
    let inv_c = T::of(1.0 / c as f64);
    for ((((di, d), x), m), r) in dinp
        .chunks_exact_mut(c)
        .zip(dout.chunks_exact(c))
        .zip(inp.chunks_exact(c))
        .zip(mean)
        .zip(rstd)
    {
        let norm = |v: &Tile<T>| -> Tile<T> { std::array::from_fn(|s| (v[s] - m[s]) * r[s]) };
        let (mut dmean, mut dnorm_mean) = ([T::default(); TILE], [T::default(); TILE]);
        for ((d, v), &g) in d.iter().zip(x).zip(gamma) {
            let n = norm(v);
            for s in 0..TILE {
                let dn = g * d[s];
                dmean[s] = dmean[s] + dn;
                dnorm_mean[s] = dnorm_mean[s] + dn * n[s];
            }
        }
        dmean = dmean.map(|v| v * inv_c);
        dnorm_mean = dnorm_mean.map(|v| v * inv_c);
        for (k, ((di, d), v)) in di.iter_mut().zip(d).zip(x).enumerate() {
            let n = norm(v);
            accumulate(&mut gbeta[k], d);
            let dn_n: Tile<T> = std::array::from_fn(|s| d[s] * n[s]);
            accumulate(&mut ggamma[k], &dn_n);
            for s in 0..TILE {
                let dn = gamma[k] * d[s];
                di[s] = di[s] + (dn - dmean[s] - n[s] * dnorm_mean[s]) * r[s];
            }
        }
    }
}
