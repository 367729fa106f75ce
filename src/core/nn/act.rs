//! Activations lane by lane: the dense stack's hidden activations (the
//! forms of [`Activation::apply_fast`]) with their derivatives, and the
//! transformer's GELU, each a forward and a backward function.

use super::real::{Lanes, Real};
use crate::core::activation::Activation;

/// `f(z)` lane by lane for a hidden activation.
#[inline(always)]
pub fn activate<T: Real, const L: usize>(act: Activation, z: Lanes<T, L>) -> Lanes<T, L> {
    let (zero, one, half) = (T::default(), T::of(1.0), T::of(0.5));
    match act {
        Activation::Tanh => T::tanh(z),
        Activation::Sigmoid => T::tanh(z.map(|v| half * v)).map(|t| half + half * t),
        Activation::Relu => z.map(|v| if v > zero { v } else { zero }),
        Activation::Step => z.map(|v| if v > zero { one } else { zero }),
        Activation::Linear => z,
    }
}

/// `d·f'(z)` lane by lane, with `f'` written through the output `a = f(z)`.
#[inline(always)]
pub fn derive<T: Real, const L: usize>(
    act: Activation,
    d: Lanes<T, L>,
    a: Lanes<T, L>,
) -> Lanes<T, L> {
    let (zero, one) = (T::default(), T::of(1.0));
    let mut out = [zero; L];
    match act {
        Activation::Tanh => (0..L).for_each(|s| out[s] = d[s] * (one - a[s] * a[s])),
        Activation::Sigmoid => (0..L).for_each(|s| out[s] = d[s] * (a[s] * (one - a[s]))),
        Activation::Relu => (0..L).for_each(|s| {
            out[s] = if a[s] > zero { d[s] } else { zero };
        }),
        Activation::Step => {}
        Activation::Linear => out = d,
    }
    out
}

/// `√(2/π)`, GELU's inner scale.
const GELU_SCALE: f64 = 0.797_884_560_802_865_4;
/// GELU's cubic coefficient.
const GELU_CUBE: f64 = 0.044_715;

/// `GELU(x) = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` (the tanh form GPT-2
/// uses) of every lane of `x` into `out`.
pub fn gelu_forward<T: Real, const L: usize>(x: &[Lanes<T, L>], out: &mut [Lanes<T, L>]) {
    let (half, one, k, c) = (T::of(0.5), T::of(1.0), T::of(GELU_SCALE), T::of(GELU_CUBE));
    for (o, x) in out.iter_mut().zip(x) {
        let u = x.map(|v| k * (v + c * v * v * v));
        let t = T::tanh(u);
        for s in 0..L {
            o[s] = half * x[s] * (one + t[s]);
        }
    }
}

/// GELU's backward: `dx += dout·GELU′(x)`, with
/// `GELU′(x) = ½(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)`, `t` the tanh.
pub fn gelu_backward<T: Real, const L: usize>(
    dx: &mut [Lanes<T, L>],
    x: &[Lanes<T, L>],
    dout: &[Lanes<T, L>],
) {
    let (half, one, three, k, c) = (
        T::of(0.5),
        T::of(1.0),
        T::of(3.0),
        T::of(GELU_SCALE),
        T::of(GELU_CUBE),
    );
    for ((g, x), d) in dx.iter_mut().zip(x).zip(dout) {
        let u = x.map(|v| k * (v + c * v * v * v));
        let t = T::tanh(u);
        for s in 0..L {
            let du = k * (one + three * c * x[s] * x[s]);
            let grad = half * (one + t[s]) + half * x[s] * (one - t[s] * t[s]) * du;
            g[s] = g[s] + d[s] * grad;
        }
    }
}
