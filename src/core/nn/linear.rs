//! The dense layer `z = W·a + b` over lane groups: forward, and the two
//! halves of its backward pass (the parameters' gradient, and `δ` for the
//! layer below). One set of SIMD loops for every model: the plane's dense
//! stack runs them on groups of samples, the transformer on groups of
//! tokens.
//!
//! Every unit's value is a group of `L` numbers (one per sample or token),
//! so each `z = W·a + b` is a run of lane-wise multiply-adds with the
//! weight broadcast. Four units (or four inputs) go through together so
//! that each value loaded serves four multiply-adds (register blocking).
//! Gradients are summed into [`LANES`]-wide accumulators (lane `s` into
//! `s mod 4`) and added up across lanes only at the end of a batch.
//!
//! `W` is row-major, one row of `inputs` weights per output unit.

use super::real::{Lanes, Real, LANES};
use super::Tile;

/// `z_j = Σ_i W_ji·a_i + b_j` for every unit `j` of `out` over the lanes of
/// `input`, each passed through `f` (the activation, or the identity).
#[inline(always)]
pub fn forward<T: Real, const L: usize>(
    w: &[T],
    b: &[T],
    input: &[Lanes<T, L>],
    out: &mut [Lanes<T, L>],
    f: impl Fn(Lanes<T, L>) -> Lanes<T, L>,
) {
    let n = input.len();
    // Four units at a time: each input's lanes are loaded once for four
    // multiply-adds, the rest one by one.
    let mut out4 = out.chunks_exact_mut(4);
    let mut rows4 = w.chunks_exact(4 * n);
    let mut b4 = b.chunks_exact(4);
    for ((out, rows), bias) in (&mut out4).zip(&mut rows4).zip(&mut b4) {
        let z = dot4(rows, n, input);
        for ((out, zk), &bias) in out.iter_mut().zip(z).zip(bias) {
            *out = f(zk.map(|v| v + bias));
        }
    }
    for ((out, row), &bias) in out4
        .into_remainder()
        .iter_mut()
        .zip(rows4.remainder().chunks_exact(n))
        .zip(b4.remainder())
    {
        let mut z = dot(row, input);
        for v in &mut z {
            *v = *v + bias;
        }
        *out = f(z);
    }
}

/// The layer's parameter gradient from its output `delta` (`∂L/∂z`):
/// `∂W_ji += δ_j·a_i` and `∂b_j += δ_j`, into the per-lane sums `gw`, `gb`.
#[inline(always)]
pub fn backward_params<T: Real, const L: usize>(
    gw: &mut [Lanes<T>],
    gb: &mut [Lanes<T>],
    input: &[Lanes<T, L>],
    delta: &[Lanes<T, L>],
) {
    let n = input.len();
    for (gbj, d) in gb.iter_mut().zip(delta) {
        for s in 0..L {
            gbj[s % LANES] = gbj[s % LANES] + d[s];
        }
    }
    // ∂W for four rows at a time: each a_i loaded once for four.
    let mut g4 = gw.chunks_exact_mut(4 * n);
    let mut d4 = delta.chunks_exact(4);
    for (rows, d) in (&mut g4).zip(&mut d4) {
        let (r0, rest) = rows.split_at_mut(n);
        let (r1, rest) = rest.split_at_mut(n);
        let (r2, r3) = rest.split_at_mut(n);
        let rows = r0
            .iter_mut()
            .zip(r1.iter_mut())
            .zip(r2.iter_mut().zip(r3.iter_mut()));
        for (((g0, g1), (g2, g3)), a) in rows.zip(input) {
            for s in 0..L {
                let g = s % LANES;
                g0[g] = g0[g] + d[0][s] * a[s];
                g1[g] = g1[g] + d[1][s] * a[s];
                g2[g] = g2[g] + d[2][s] * a[s];
                g3[g] = g3[g] + d[3][s] * a[s];
            }
        }
    }
    let rest = g4.into_remainder().chunks_exact_mut(n);
    for (grow, d) in rest.zip(d4.remainder()) {
        axpy(grow, *d, input);
    }
}

/// `Σ_j W_ji·δ_j` for every input `i` (`inputs` of them) of the layer, from
/// its output `delta`, handed to `take(i, sum)` (which applies `f′` and
/// stores it, or adds it to a gradient).
#[inline(always)]
pub fn backward_input<T: Real, const L: usize>(
    w: &[T],
    inputs: usize,
    delta: &[Lanes<T, L>],
    mut take: impl FnMut(usize, Lanes<T, L>),
) {
    // Four inputs at a time: each δ_j loaded once for four.
    let mut i0 = 0;
    while i0 + 4 <= inputs {
        let mut sum = [[T::default(); L]; 4];
        for (row, d) in w.chunks_exact(inputs).zip(delta) {
            let w4 = &row[i0..i0 + 4];
            for k in 0..4 {
                for s in 0..L {
                    sum[k][s] = sum[k][s] + w4[k] * d[s];
                }
            }
        }
        for (k, sum) in sum.into_iter().enumerate() {
            take(i0 + k, sum);
        }
        i0 += 4;
    }
    for i in i0..inputs {
        let mut sum = [T::default(); L];
        for (row, d) in w.chunks_exact(inputs).zip(delta) {
            for s in 0..L {
                sum[s] = sum[s] + row[i] * d[s];
            }
        }
        take(i, sum);
    }
}

/// `Σ_i w_i·a_i` lane by lane, summed in order. (Unrolling it by four was
/// measured 25% slower in V8.)
#[inline(always)]
fn dot<T: Real, const L: usize>(w: &[T], a: &[Lanes<T, L>]) -> Lanes<T, L> {
    let mut z = [T::default(); L];
    for (&w, a) in w.iter().zip(a) {
        for s in 0..L {
            z[s] = z[s] + w * a[s];
        }
    }
    z
}

/// [`dot`] for four rows of `W` at once (`rows` holds them one after the
/// other, `n` weights each): `a_i` is loaded once for the four.
#[inline(always)]
fn dot4<T: Real, const L: usize>(rows: &[T], n: usize, a: &[Lanes<T, L>]) -> [Lanes<T, L>; 4] {
    let mut z = [[T::default(); L]; 4];
    let (r0, rest) = rows.split_at(n);
    let (r1, rest) = rest.split_at(n);
    let (r2, r3) = rest.split_at(n);
    for ((((a, &w0), &w1), &w2), &w3) in a.iter().zip(r0).zip(r1).zip(r2).zip(r3) {
        for s in 0..L {
            z[0][s] = z[0][s] + w0 * a[s];
            z[1][s] = z[1][s] + w1 * a[s];
            z[2][s] = z[2][s] + w2 * a[s];
            z[3][s] = z[3][s] + w3 * a[s];
        }
    }
    z
}

/// `g_i ← g_i + d·a_i` lane by lane (lane `s` into gradient lane `s mod 4`).
#[inline(always)]
fn axpy<T: Real, const L: usize>(g: &mut [Lanes<T>], d: Lanes<T, L>, a: &[Lanes<T, L>]) {
    for (g, a) in g.iter_mut().zip(a) {
        for s in 0..L {
            g[s % LANES] = g[s % LANES] + d[s] * a[s];
        }
    }
}

/// [`forward`] for every tile of a sequence tensor: `out = inp·Wᵀ + b`,
/// token by token (`inp`: `w.len()/b.len()` values a token, `out`: `b.len()`).
pub fn forward_tiles<T: Real>(w: &[T], b: &[T], inp: &[Tile<T>], out: &mut [Tile<T>]) {
    let (n_out, n_in) = (b.len(), w.len() / b.len());
    for (i, o) in inp.chunks_exact(n_in).zip(out.chunks_exact_mut(n_out)) {
        forward(w, b, i, o, |z| z);
    }
}

/// The backward of [`forward_tiles`]: `∂W`, `∂b` into the per-lane sums
/// `gw`, `gb`, and, with `dinp`, `dinp += dout·W`.
pub fn backward_tiles<T: Real>(
    gw: &mut [Lanes<T>],
    gb: &mut [Lanes<T>],
    dinp: Option<&mut [Tile<T>]>,
    dout: &[Tile<T>],
    inp: &[Tile<T>],
    w: &[T],
) {
    let (n_out, n_in) = (gb.len(), w.len() / gb.len());
    for (i, d) in inp.chunks_exact(n_in).zip(dout.chunks_exact(n_out)) {
        backward_params(gw, gb, i, d);
    }
    if let Some(dinp) = dinp {
        for (di, d) in dinp.chunks_exact_mut(n_in).zip(dout.chunks_exact(n_out)) {
            backward_input(w, n_in, d, |k, sum| {
                for (v, s) in di[k].iter_mut().zip(sum) {
                    *v = *v + s;
                }
            });
        }
    }
}
