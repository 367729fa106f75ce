//! Finite-difference checks of every layer's backward pass, in `f64`: for
//! a random loss `L = Σ r·out`, the gradient each backward function writes
//! for its inputs and parameters against central differences of `L`; and
//! the attention's masks (a later token never changes an earlier causal
//! output; padding is never seen; masked weights are exactly 0).

#![cfg(not(target_arch = "wasm32"))]

use neuronlab::core::nn::attention::{self, Heads};
use neuronlab::core::nn::embed::{self, PAD};
use neuronlab::core::nn::real::{Lanes, Real};
use neuronlab::core::nn::xent::{self, UNSCORED};
use neuronlab::core::nn::{act, linear, norm, padded, residual, Tile, TILE};
use neuronlab::core::rng::SeededRng;

/// `n` values from `N(0, σ²)`.
fn normal(rng: &mut SeededRng, n: usize, sigma: f64) -> Vec<f64> {
    (0..n).map(|_| sigma * rng.normal()).collect()
}

/// A flat buffer as tiles (tile `i`, lane `s` = `v[i·TILE + s]`).
fn tiles(v: &[f64]) -> Vec<Tile<f64>> {
    v.chunks_exact(TILE)
        .map(|c| std::array::from_fn(|s| c[s]))
        .collect()
}

/// Tiles back to a flat buffer.
fn flat(t: &[Tile<f64>]) -> Vec<f64> {
    t.iter().flatten().copied().collect()
}

/// Per-lane gradient sums added up.
fn summed(g: &[Lanes<f64>]) -> Vec<f64> {
    let mut out = vec![0.0; g.len()];
    f64::sum_lanes(g, 1.0, &mut out);
    out
}

/// `Σ r·out`.
fn dot(r: &[f64], out: &[Tile<f64>]) -> f64 {
    r.iter().zip(flat(out)).map(|(a, b)| a * b).sum()
}

/// Central differences of `loss` at `x` against `grad`, for every entry
/// (or every `stride`-th, for big inputs), within a relative error of 1e-5.
fn check(name: &str, x: &[f64], grad: &[f64], stride: usize, loss: impl Fn(&[f64]) -> f64) {
    check_within(name, x, grad, stride, 1e-5, loss);
}

/// [`check`] within a relative error of `tol`.
fn check_within(
    name: &str,
    x: &[f64],
    grad: &[f64],
    stride: usize,
    tol: f64,
    loss: impl Fn(&[f64]) -> f64,
) {
    assert_eq!(x.len(), grad.len(), "{name}: gradient length");
    let h = 1e-5;
    let mut worst = 0.0f64;
    for i in (0..x.len()).step_by(stride) {
        let mut p = x.to_vec();
        p[i] = x[i] + h;
        let up = loss(&p);
        p[i] = x[i] - h;
        let down = loss(&p);
        let num = (up - down) / (2.0 * h);
        let err = (num - grad[i]).abs() / num.abs().max(grad[i].abs()).max(1e-2);
        worst = worst.max(err);
        assert!(
            err < tol,
            "{name} [{i}]: numeric {num:e}, analytic {:e}",
            grad[i]
        );
    }
    assert!(worst.is_finite());
}

#[test]
fn linear_layer_over_tiles() {
    let mut rng = SeededRng::new(1, 1);
    let (n_in, n_out, tiles_n) = (7, 6, 2);
    let w = normal(&mut rng, n_in * n_out, 0.5);
    let b = normal(&mut rng, n_out, 0.5);
    let x = normal(&mut rng, tiles_n * n_in * TILE, 1.0);
    let r = normal(&mut rng, tiles_n * n_out * TILE, 1.0);
    let run = |w: &[f64], b: &[f64], x: &[f64]| {
        let mut out = vec![[0.0; TILE]; tiles_n * n_out];
        linear::forward_tiles(w, b, &tiles(x), &mut out);
        dot(&r, &out)
    };
    let (mut gw, mut gb) = (vec![[0.0; 4]; w.len()], vec![[0.0; 4]; n_out]);
    let mut dx = vec![[0.0; TILE]; tiles_n * n_in];
    linear::backward_tiles(&mut gw, &mut gb, Some(&mut dx), &tiles(&r), &tiles(&x), &w);
    check("linear W", &w, &summed(&gw), 1, |w| run(w, &b, &x));
    check("linear b", &b, &summed(&gb), 1, |b| run(&w, b, &x));
    check("linear x", &x, &flat(&dx), 1, |x| run(&w, &b, x));
}

#[test]
fn layer_norm() {
    let mut rng = SeededRng::new(2, 1);
    let (c, n) = (6, 2);
    let gamma = normal(&mut rng, c, 1.0);
    let beta = normal(&mut rng, c, 1.0);
    let x = normal(&mut rng, n * c * TILE, 2.0);
    let r = normal(&mut rng, x.len(), 1.0);
    let run = |g: &[f64], b: &[f64], x: &[f64]| {
        let mut out = vec![[0.0; TILE]; n * c];
        let (mut m, mut s) = (vec![[0.0; TILE]; n], vec![[0.0; TILE]; n]);
        norm::forward(&mut out, &mut m, &mut s, &tiles(x), g, b);
        (dot(&r, &out), m, s)
    };
    let (_, m, s) = run(&gamma, &beta, &x);
    let (mut gg, mut gb) = (vec![[0.0; 4]; c], vec![[0.0; 4]; c]);
    let mut dx = vec![[0.0; TILE]; n * c];
    norm::backward(
        &mut dx,
        &mut gg,
        &mut gb,
        &tiles(&r),
        &tiles(&x),
        &gamma,
        &m,
        &s,
    );
    check("norm γ", &gamma, &summed(&gg), 1, |g| run(g, &beta, &x).0);
    check("norm β", &beta, &summed(&gb), 1, |b| run(&gamma, b, &x).0);
    check("norm x", &x, &flat(&dx), 1, |x| run(&gamma, &beta, x).0);
}

#[test]
fn gelu_and_residual() {
    let mut rng = SeededRng::new(3, 1);
    let x = normal(&mut rng, 3 * TILE, 2.0);
    let r = normal(&mut rng, x.len(), 1.0);
    let run = |x: &[f64]| {
        let mut out = vec![[0.0; TILE]; 3];
        act::gelu_forward(&tiles(x), &mut out);
        dot(&r, &out)
    };
    let mut dx = vec![[0.0; TILE]; 3];
    act::gelu_backward(&mut dx, &tiles(&x), &tiles(&r));
    // In f64 the tanh inside is the rational form the dense stack uses
    // (absolute error 2e-7), whose slope departs from 1 − tanh² by ~1e-5.
    check_within("gelu", &x, &flat(&dx), 1, 1e-4, run);
    // GELU(0) = 0, GELU(x) → x far right, → 0 far left.
    let mut out: Vec<Tile<f64>> = vec![[0.0; TILE]; 1];
    act::gelu_forward(&[[0.0, 10.0, -10.0, 1.0, 0.0, 0.0, 0.0, 0.0]], &mut out);
    assert_eq!(out[0][0], 0.0);
    assert!(
        (out[0][1] - 10.0).abs() < 1e-5 && out[0][2].abs() < 1e-5,
        "{:?}",
        out[0]
    );
    assert!((out[0][3] - 0.841_192).abs() < 1e-5, "{}", out[0][3]);

    let y = normal(&mut rng, x.len(), 1.0);
    let run2 = |a: &[f64], b: &[f64]| {
        let mut out = vec![[0.0; TILE]; 3];
        residual::forward(&mut out, &tiles(a), &tiles(b));
        dot(&r, &out)
    };
    let mut da = vec![[0.0; TILE]; 3];
    residual::backward(&mut da, &tiles(&r));
    check("residual a", &x, &flat(&da), 1, |a| run2(a, &y));
    check("residual b", &y, &flat(&da), 1, |b| run2(&x, b));
}

#[test]
fn embeddings_with_padding() {
    let mut rng = SeededRng::new(4, 1);
    let (c, v, t) = (5, 4, 5);
    let slots = padded(t);
    // Two sequences of 5 tokens in 8 slots each; the rest padding.
    let mut ids = vec![PAD; 2 * slots];
    for (n, id) in ids.iter_mut().enumerate() {
        if n % slots < t {
            *id = ((n * 7) % v) as u32;
        }
    }
    let e = normal(&mut rng, v * c, 1.0);
    let p = normal(&mut rng, slots * c, 1.0);
    let r = normal(&mut rng, 2 * c * TILE, 1.0);
    let run = |e: &[f64], p: &[f64]| {
        let mut out = vec![[0.0; TILE]; 2 * c];
        embed::forward(&mut out, &ids, slots, e, p, c);
        out
    };
    let out = run(&e, &p);
    // Padding slots are zero; a token is its row of E plus its position's row of P.
    assert!(out.iter().all(|tile| tile[5..].iter().all(|&x| x == 0.0)));
    assert_eq!(out[c + 2][1], e[ids[TILE + 1] as usize * c + 2] + p[c + 2]);
    let (mut ge, mut gp) = (vec![[0.0; 4]; e.len()], vec![[0.0; 4]; p.len()]);
    embed::backward(&mut ge, &mut gp, &tiles(&r), &ids, slots, c);
    check("embed E", &e, &summed(&ge), 1, |e| dot(&r, &run(e, &p)));
    check("embed P", &p, &summed(&gp), 1, |p| dot(&r, &run(&e, p)));
    // The padding positions' rows of P get nothing.
    assert!(summed(&gp)[t * c..].iter().all(|&g| g == 0.0));
}

/// An attention batch: two sequences of `len` tokens, `heads` heads of a
/// `width`-wide model, the given mask.
fn heads(len: usize, width: usize, heads: usize, causal: bool) -> Heads {
    Heads {
        heads,
        width,
        len,
        slots: padded(len),
        causal,
    }
}

/// `qkv` for `h` (two sequences), zero in padding slots.
fn qkv_for(h: &Heads, rng: &mut SeededRng) -> Vec<f64> {
    let mut x = normal(rng, 2 * h.slots * 3 * h.width, 1.0);
    let tiles_per_seq = h.slots / TILE;
    for (i, v) in x.iter_mut().enumerate() {
        let (tile, lane) = (i / TILE, i % TILE);
        let n = (tile / (3 * h.width)) * TILE + lane;
        if n % (tiles_per_seq * TILE) >= h.len {
            *v = 0.0;
        }
    }
    x
}

fn attend(h: &Heads, qkv: &[f64]) -> (Vec<Tile<f64>>, Vec<Tile<f64>>) {
    let n_tiles = 2 * h.slots / TILE;
    let mut out = vec![[0.0; TILE]; n_tiles * h.width];
    let mut att = vec![[0.0; TILE]; 2 * h.heads * h.weights_per_head()];
    attention::forward(&mut out, &mut att, &tiles(qkv), h);
    (out, att)
}

#[test]
fn attention_gradient_causal_and_not() {
    for (len, width, n_heads, causal) in [
        (5, 4, 2, true),
        (11, 6, 3, true),
        (5, 4, 2, false),
        (9, 4, 1, false),
    ] {
        let h = heads(len, width, n_heads, causal);
        let mut rng = SeededRng::new(5, len as u64);
        let x = qkv_for(&h, &mut rng);
        // The loss reads only real tokens' outputs (padding's are never used).
        let mut r = normal(&mut rng, 2 * h.slots * width, 1.0);
        for (i, v) in r.iter_mut().enumerate() {
            let n = (i / TILE / width) * TILE + i % TILE;
            if n % h.slots >= len {
                *v = 0.0;
            }
        }
        let (_, att) = attend(&h, &x);
        let mut dx = vec![[0.0; TILE]; x.len() / TILE];
        let mut scratch = vec![[0.0; TILE]; h.weights_per_head()];
        attention::backward(&mut dx, &mut scratch, &tiles(&r), &tiles(&x), &att, &h);
        let name = format!("attention T={len} C={width} H={n_heads} causal={causal}");
        check(&name, &x, &flat(&dx), 1, |x| dot(&r, &attend(&h, x).0));
    }
}

#[test]
fn attention_weights_are_a_distribution_and_the_mask_is_exact() {
    for causal in [true, false] {
        let h = heads(11, 6, 3, causal);
        let x = qkv_for(&h, &mut SeededRng::new(6, 1));
        let (_, att) = attend(&h, &x);
        let nt = h.slots / TILE;
        for bh in 0..2 * h.heads {
            let p = &att[bh * h.weights_per_head()..][..h.weights_per_head()];
            for t in 0..h.len {
                let w = |u: usize| p[u * nt + t / TILE][t % TILE];
                let sum: f64 = (0..h.slots).map(w).sum();
                assert!((sum - 1.0).abs() < 1e-12, "row {t} sums to {sum}");
                for u in 0..h.slots {
                    let hidden = u >= h.len || (causal && u > t);
                    assert_eq!(w(u) == 0.0, hidden, "weight {t}→{u} causal={causal}");
                }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Changing a later token's q, k or v never changes an earlier
    /// token's causal output.
    #[test]
    fn a_later_token_never_changes_an_earlier_causal_output(
        len in 2usize..20, t in 0usize..19, seed in 0u64..1000, bump in -3.0f64..3.0,
    ) {
        let t = t % (len - 1);
        let h = heads(len, 4, 2, true);
        let x = qkv_for(&h, &mut SeededRng::new(seed, 2));
        let (before, _) = attend(&h, &x);
        let mut y = x.clone();
        // Every value of every later token of the first sequence.
        for (i, v) in y.iter_mut().enumerate() {
            let n = (i / TILE / (3 * h.width)) * TILE + i % TILE;
            if n > t && n < len {
                *v += bump;
            }
        }
        let (after, _) = attend(&h, &y);
        for u in 0..=t {
            for c in 0..h.width {
                let (tile, lane) = neuronlab::core::nn::at(u, c, h.width);
                proptest::prop_assert_eq!(before[tile][lane], after[tile][lane]);
            }
        }
    }
}

#[test]
fn cross_entropy_over_chosen_positions() {
    let mut rng = SeededRng::new(7, 1);
    let v = 5;
    let z = normal(&mut rng, 2 * v * TILE, 2.0);
    let targets: Vec<u32> = (0..2 * TILE as u32)
        .map(|n| if n % 3 == 0 { UNSCORED } else { n % v as u32 })
        .collect();
    let run = |z: &[f64]| {
        let mut spare = vec![[0.0; TILE]; v];
        xent::forward_backward(&tiles(z), &targets, v, None, &mut spare).0
    };
    let mut dz = vec![[0.0; TILE]; 2 * v];
    let mut spare = vec![[0.0; TILE]; v];
    let (loss, _) =
        xent::forward_backward(&tiles(&z), &targets, v, Some((&mut dz, 1.0)), &mut spare);
    assert!((loss - run(&z)).abs() < 1e-12);
    check("xent z", &z, &flat(&dz), 1, run);
    // By hand for one scored token: −log softmax(z)_Y.
    let (n, y) = (1, targets[1] as usize);
    let zs: Vec<f64> = (0..v).map(|k| z[k * TILE + n]).collect();
    let lse = zs.iter().map(|x| x.exp()).sum::<f64>().ln();
    let one = {
        let mut only = vec![UNSCORED; 2 * TILE];
        only[n] = targets[n];
        let mut spare = vec![[0.0; TILE]; v];
        xent::forward_backward(&tiles(&z), &only, v, None, &mut spare).0
    };
    assert!((one - (lse - zs[y])).abs() < 1e-12);
    // Unscored tokens get no gradient.
    assert!(dz.iter().take(v).all(|d| d[0] == 0.0));
}
