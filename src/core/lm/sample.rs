//! Reshaping and sampling the next-character softmax.
//!
//! Generation draws the next character from the model's probabilities after
//! two knobs: the temperature `T` (`p_i^(1/T)`, renormalised: below 1 the
//! likely get likelier, above 1 the distribution flattens, 0 always takes the
//! most likely) and top-k (only the k most likely keep any chance).
//!
//! Inputs are probabilities as the model gives them; anything that is not a
//! positive number (zero, negative, NaN) counts as 0 and `+∞` as the largest
//! finite value, so the outputs are finite whatever comes in. Ties always go
//! to the lower id.

use crate::core::rng::SeededRng;

/// Highest temperature the page offers.
pub const MAX_TEMPERATURE: f64 = 2.0;
/// Highest top-k the page offers (0 means no limit).
pub const MAX_TOP_K: usize = 400;

/// A probability as a usable weight: ≥ 0 and finite.
fn weight(p: f64) -> f64 {
    if p > 0.0 {
        p.min(f64::MAX)
    } else {
        0.0
    }
}

/// The `k` ids of largest weight, largest first, ties by lower id: one
/// pass keeping the best `k` in order (a general sort was 7 KB of wasm).
fn ranked(probs: &[f64], k: usize) -> Vec<usize> {
    let mut best: Vec<usize> = Vec::with_capacity(k.min(probs.len()) + 1);
    for (i, &p) in probs.iter().enumerate() {
        let w = weight(p);
        if best.len() == k && best.last().is_none_or(|&j| weight(probs[j]) >= w) {
            continue;
        }
        // After every id of at least this weight: they have lower ids.
        let at = best.partition_point(|&j| weight(probs[j]) >= w);
        best.insert(at, i);
        best.truncate(k);
    }
    best
}

/// The most likely id (ties → lowest id; 0 for an empty slice).
pub fn argmax(probs: &[f64]) -> u32 {
    let mut best = 0;
    for (i, &p) in probs.iter().enumerate() {
        if weight(p) > weight(probs[best]) {
            best = i;
        }
    }
    best as u32
}

/// Writes into `out` (same length as `probs`) the distribution after the
/// temperature and top-k: for `T > 0`, `p_i^(1/T)` over the kept ids,
/// renormalised (computed in log space relative to the largest, so it
/// neither overflows nor underflows the leader); `T = 0` (or NaN, or
/// negative) puts all mass on [`argmax`]. `top_k = 0` keeps every id, else
/// only the `top_k` most likely. Zero stays zero at any temperature; if every
/// kept id has probability 0 the kept ids share the mass equally. The result
/// sums to 1 and is finite.
pub fn reshape(probs: &[f64], temperature: f64, top_k: usize, out: &mut [f64]) {
    assert_eq!(probs.len(), out.len(), "reshape: output length");
    out.fill(0.0);
    if probs.is_empty() {
        return;
    }
    if temperature.is_nan() || temperature <= 0.0 {
        out[argmax(probs) as usize] = 1.0;
        return;
    }
    let kept: Vec<usize> = if top_k == 0 || top_k >= probs.len() {
        (0..probs.len()).collect()
    } else {
        ranked(probs, top_k)
    };
    let lead = kept.iter().map(|&i| weight(probs[i])).fold(0.0, f64::max);
    if lead == 0.0 {
        let share = 1.0 / kept.len() as f64;
        kept.iter().for_each(|&i| out[i] = share);
        return;
    }
    let log_lead = lead.ln();
    let mut sum = 0.0;
    for &i in &kept {
        let w = weight(probs[i]);
        if w > 0.0 {
            // (ln w − ln lead) ≤ 0 and finite, so this lies in [0, 1] (1 for the leader).
            out[i] = ((w.ln() - log_lead) / temperature).exp();
            sum += out[i];
        }
    }
    out.iter_mut().for_each(|p| *p /= sum);
}

/// One id drawn from `probs` by the inverse CDF, using exactly one
/// [`SeededRng::unit`] draw (so the same seed gives the same text). Ids of
/// probability 0 are never drawn; weights need not sum to 1. If no weight is
/// positive, returns [`argmax`] (0).
pub fn sample(probs: &[f64], rng: &mut SeededRng) -> u32 {
    let u = rng.unit();
    let total: f64 = probs.iter().map(|&p| weight(p)).sum();
    if total <= 0.0 {
        return argmax(probs);
    }
    let target = u * total;
    let mut cum = 0.0;
    let mut last = 0;
    for (i, &p) in probs.iter().enumerate() {
        let w = weight(p);
        if w > 0.0 {
            cum += w;
            last = i;
            if target < cum {
                return i as u32;
            }
        }
    }
    last as u32 // only when rounding left the sum just short of `target`
}

/// The `k` most likely ids with their probabilities (as weights: ≥ 0 and
/// finite), most likely first, ties by lower id; fewer if `probs` is shorter.
pub fn top(probs: &[f64], k: usize) -> Vec<(u32, f64)> {
    ranked(probs, k)
        .into_iter()
        .map(|i| (i as u32, weight(probs[i])))
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reshaped(probs: &[f64], t: f64, k: usize) -> Vec<f64> {
        let mut out = vec![f64::NAN; probs.len()];
        reshape(probs, t, k, &mut out);
        out
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn temperature_one_and_no_limit_keep_the_distribution() {
        let p = [0.5, 0.25, 0.125, 0.125];
        assert!(close(&reshaped(&p, 1.0, 0), &p));
        assert!(close(&reshaped(&p, 1.0, 4), &p));
        // Unnormalised input is renormalised.
        assert!(close(
            &reshaped(&[2.0, 1.0, 1.0], 1.0, 0),
            &[0.5, 0.25, 0.25]
        ));
    }

    #[test]
    fn temperature_sharpens_and_flattens() {
        let p = [0.6, 0.3, 0.1];
        // T = 1/2 squares: 0.36, 0.09, 0.01 over 0.46.
        assert!(close(
            &reshaped(&p, 0.5, 0),
            &[0.36 / 0.46, 0.09 / 0.46, 0.01 / 0.46]
        ));
        let flat = reshaped(&p, MAX_TEMPERATURE, 0);
        assert!(flat[0] < 0.6 && flat[2] > 0.1);
        assert!(close(&reshaped(&p, f64::INFINITY, 0), &[1.0 / 3.0; 3]));
        // A tiny temperature is greedy without NaN.
        assert!(close(&reshaped(&p, 1e-300, 0), &[1.0, 0.0, 0.0]));
    }

    #[test]
    fn zero_temperature_is_greedy_with_ties_to_the_lowest_id() {
        assert_eq!(reshaped(&[0.2, 0.4, 0.4], 0.0, 0), vec![0.0, 1.0, 0.0]);
        assert_eq!(reshaped(&[0.2, 0.4, 0.4], -1.0, 2), vec![0.0, 1.0, 0.0]);
        assert_eq!(reshaped(&[0.0, 0.0], f64::NAN, 0), vec![1.0, 0.0]);
        assert_eq!(argmax(&[f64::NAN, 0.1, 0.3, 0.3]), 2);
        assert_eq!(argmax(&[]), 0);
    }

    #[test]
    fn top_k_keeps_the_most_likely_with_ties_by_id() {
        let p = [0.1, 0.3, 0.2, 0.3, 0.1];
        assert!(close(&reshaped(&p, 1.0, 2), &[0.0, 0.5, 0.0, 0.5, 0.0]));
        assert!(close(&reshaped(&p, 1.0, 1), &[0.0, 1.0, 0.0, 0.0, 0.0]));
        let four = reshaped(&p, 1.0, 4);
        assert!(
            four[0] > 0.0 && four[4] == 0.0,
            "tie at 0.1 goes to id 0: {four:?}"
        );
        assert_eq!(top(&p, 3), vec![(1, 0.3), (3, 0.3), (2, 0.2)]);
        assert_eq!(top(&p, 9).len(), 5);
        assert_eq!(top(&[f64::NAN, -1.0, 0.5], 2), vec![(2, 0.5), (0, 0.0)]);
    }

    #[test]
    fn zeros_stay_zero_and_all_zero_is_uniform() {
        assert!(close(&reshaped(&[0.0, 0.5, 0.5], 2.0, 0), &[0.0, 0.5, 0.5]));
        assert!(close(&reshaped(&[0.0, 0.0, 0.0, 0.0], 1.0, 0), &[0.25; 4]));
        assert!(close(&reshaped(&[0.0, 0.0, 0.0], 1.0, 2), &[0.5, 0.5, 0.0]));
        assert!(close(&reshaped(&[f64::INFINITY, 1.0], 1.0, 0), &[1.0, 0.0]));
        reshape(&[], 1.0, 3, &mut []);
    }

    #[test]
    fn samples_follow_the_distribution_and_the_seed() {
        let p = [0.1, 0.0, 0.2, 0.7];
        let draw = |seed| {
            let mut rng = SeededRng::new(seed, 0);
            (0..20_000)
                .map(|_| sample(&p, &mut rng))
                .collect::<Vec<u32>>()
        };
        let a = draw(7);
        assert_eq!(a, draw(7), "same seed, same samples");
        assert_ne!(a, draw(8));
        let mut counts = [0usize; 4];
        a.iter().for_each(|&i| counts[i as usize] += 1);
        assert_eq!(counts[1], 0, "probability 0 is never drawn");
        for (c, q) in counts.iter().zip(p) {
            assert!((*c as f64 / 20_000.0 - q).abs() < 0.015, "{counts:?}");
        }
        let mut rng = SeededRng::new(1, 0);
        assert_eq!(sample(&[0.0, 0.0], &mut rng), 0);
        assert_eq!(sample(&[0.0, 0.0, 1.0], &mut rng), 2);
    }

    fn probs_with_zeros() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(prop_oneof![Just(0.0), 0.0..1.0, 1e-300..1e-200], 1..60)
    }

    proptest! {
        #[test]
        fn ranked_is_the_head_of_a_full_sort(
            probs in prop::collection::vec(prop_oneof![Just(0.0), Just(0.25), 0.0..1.0f64, Just(f64::NAN)], 0..60),
            k in 0usize..70,
        ) {
            let mut all: Vec<usize> = (0..probs.len()).collect();
            all.sort_by(|&a, &b| weight(probs[b]).total_cmp(&weight(probs[a])).then(a.cmp(&b)));
            all.truncate(k);
            prop_assert_eq!(ranked(&probs, k), all);
        }

        #[test]
        fn reshape_sums_to_one_and_is_finite(
            p in probs_with_zeros(),
            t in prop_oneof![Just(0.0), 1e-6..MAX_TEMPERATURE],
            k in 0usize..70,
        ) {
            let out = reshaped(&p, t, k);
            prop_assert!(out.iter().all(|q| q.is_finite() && *q >= 0.0), "{out:?}");
            prop_assert!((out.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            let kept = out.iter().filter(|&&q| q > 0.0).count();
            prop_assert!(k == 0 || kept <= k);
        }

        #[test]
        fn zero_temperature_picks_the_argmax(p in probs_with_zeros(), k in 0usize..70) {
            let out = reshaped(&p, 0.0, k);
            let best = argmax(&p) as usize;
            prop_assert_eq!(out[best], 1.0);
            prop_assert!(p.iter().all(|&q| q <= p[best]));
            prop_assert!(p[..best].iter().all(|&q| q < p[best]));
        }

        #[test]
        fn top_k_keeps_exactly_k_positive(
            p in prop::collection::vec(1e-3..1.0f64, 1..60),
            t in 0.05..MAX_TEMPERATURE,
            k in 1usize..60,
        ) {
            let out = reshaped(&p, t, k);
            prop_assert_eq!(out.iter().filter(|&&q| q > 0.0).count(), k.min(p.len()));
            let bars = top(&p, k);
            prop_assert!(bars.windows(2).all(|w| w[0].1 >= w[1].1));
            prop_assert!(bars.iter().all(|&(i, _)| out[i as usize] > 0.0));
        }
    }
}
