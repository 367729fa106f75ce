//! The language model: its softmax, its gradient (embeddings included),
//! what it learns, generation, and the session's guarantees (Step back,
//! Seek, a bounded history, divergence, settings, save/load).
#![cfg(not(target_arch = "wasm32"))]

#[path = "lm/alloc.rs"]
mod alloc;
#[path = "lm/compare.rs"]
mod compare;
#[path = "lm/saved.rs"]
mod saved;
#[path = "lm/session.rs"]
mod session;
#[path = "lm/surprise.rs"]
mod surprise;
#[path = "lm/transformer.rs"]
mod transformer;

use neuronlab::core::lm::context::Windows;
use neuronlab::core::lm::model::{LmModel, CHUNK};
use neuronlab::core::lm::sample::argmax;
use neuronlab::core::lm::session::{LmSession, LmSettings, Sides};
use neuronlab::core::lm::texts::by_id;
use neuronlab::core::lm::tokens::tokenize;
use neuronlab::core::model::Precision;
use neuronlab::core::rng::SeededRng;
use proptest::prelude::*;

fn text(id: &str) -> &'static str {
    by_id(id).unwrap().text
}

fn session(id: &str, f: impl FnOnce(&mut LmSettings)) -> LmSession {
    let mut s = LmSettings::for_text(text(id));
    f(&mut s);
    LmSession::new(s).unwrap()
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn model_on(text: &str, n: usize, sides: Sides, d: usize, h: usize) -> (LmModel, Windows) {
    let (vocab, tokens) = tokenize(text).unwrap();
    let windows = match sides {
        Sides::Left => Windows::left(&tokens, n, vocab.pad()),
        Sides::Both => Windows::both_sides(&tokens, n, vocab.pad()),
    };
    (LmModel::new(vocab.len(), sides.width(n), d, h, 3), windows)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// For any finite parameters within the limit a step may reach, the
    /// softmax is finite and sums to 1 (and so for a replaced last embedding).
    #[test]
    fn probabilities_sum_to_one_and_stay_finite(
        h in prop_oneof![Just(0usize), Just(5)],
        both in any::<bool>(),
        scale in prop_oneof![Just(1.0), Just(30.0), Just(1e6)],
        seed in 0u64..1000,
        ctx in prop::collection::vec(0u32..7, 4),
    ) {
        let sides = if both { Sides::Both } else { Sides::Left };
        let (mut m, _) = model_on("abcde\n", 2, sides, 3, h);
        let mut rng = SeededRng::new(seed, 9);
        let p: Vec<f64> = (0..m.param_count()).map(|_| scale * rng.uniform(-1.0, 1.0)).collect();
        m.set_params(&p);
        let mut out = vec![f64::NAN; 6];
        let ctx = &ctx[..m.width()];
        m.probs(ctx, &mut out);
        prop_assert!(out.iter().all(|q| q.is_finite() && *q >= 0.0), "{:?}", out);
        prop_assert!((out.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        m.probs_with_last(ctx, &[scale, -scale, 0.5], &mut out);
        prop_assert!(out.iter().all(|q| q.is_finite()) && (out.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}

/// Central differences of the loss against the backpropagated gradient of
/// every parameter, the embedding table (pad row included) too.
#[test]
fn gradient_matches_finite_differences() {
    let text = "abcabdacbddcab\n";
    for (sides, h) in [
        (Sides::Left, 0),
        (Sides::Left, 4),
        (Sides::Both, 0),
        (Sides::Both, 4),
    ] {
        let (mut m, windows) = model_on(text, 2, sides, 3, h);
        m.set_precision(Precision::F64);
        // Every window, one twice (8 + 4 + 1 lanes); both ends carry pads.
        let idx: Vec<usize> = (0..windows.len()).chain([3, 0]).collect();
        let p0 = m.params_vec();
        let mut grad = vec![0.0; p0.len()];
        m.loss_grad(&windows, &idx, &mut grad);
        let pad_row = m.vocab() * m.embed();
        assert!(
            grad[pad_row..pad_row + 3].iter().any(|&g| g != 0.0),
            "the pad learns"
        );
        let eps = 1e-6;
        for i in 0..p0.len() {
            let mut p = p0.clone();
            p[i] = p0[i] + eps;
            m.set_params(&p);
            let up = m.loss(&windows, &idx);
            p[i] = p0[i] - eps;
            m.set_params(&p);
            let down = m.loss(&windows, &idx);
            let num = (up - down) / (2.0 * eps);
            let err = (num - grad[i]).abs() / num.abs().max(grad[i].abs()).max(1e-3);
            assert!(
                err < 1e-4,
                "{sides:?} h={h} param {i}: {num:e} vs {:e}",
                grad[i]
            );
        }
        m.set_params(&p0);
        // The f32 pass agrees to f32 precision.
        m.set_precision(Precision::F32);
        let mut g32 = vec![0.0; grad.len()];
        m.loss_grad(&windows, &idx, &mut g32);
        let scale = grad.iter().fold(0.0f64, |a, g| a.max(g.abs()));
        let worst = g32
            .iter()
            .zip(&grad)
            .fold(0.0f64, |a, (x, y)| a.max((x - y).abs()));
        assert!(
            worst <= 1e-5 * scale,
            "{sides:?} h={h}: f32 off by {worst:e}"
        );
    }
}

/// A batch larger than [`CHUNK`] is summed chunk by chunk: still the
/// gradient of the batch's mean loss.
#[test]
fn large_batches_are_summed_in_chunks() {
    let long: String = text("tang-poems")
        .chars()
        .cycle()
        .take(2 * CHUNK + 77)
        .collect();
    let (mut m, windows) = model_on(&long, 3, Sides::Left, 4, 6);
    m.set_precision(Precision::F64);
    let idx: Vec<usize> = (0..windows.len()).collect();
    let p0 = m.params_vec();
    let mut grad = vec![0.0; p0.len()];
    let loss = m.loss_grad(&windows, &idx, &mut grad);
    assert!((loss - m.loss(&windows, &idx)).abs() < 1e-12);
    let eps = 1e-6;
    for i in (0..p0.len()).step_by(97).chain([m.embedding_len() - 1]) {
        let mut p = p0.clone();
        p[i] += eps;
        m.set_params(&p);
        let up = m.loss(&windows, &idx);
        p[i] = p0[i] - eps;
        m.set_params(&p);
        let num = (up - m.loss(&windows, &idx)) / (2.0 * eps);
        let err = (num - grad[i]).abs() / num.abs().max(grad[i].abs()).max(1e-3);
        assert!(err < 1e-4, "param {i}: {num:e} vs {:e}", grad[i]);
    }
}

/// Trained on a text that repeats one phrase, every next character of the
/// phrase (past the padded start) gets more than 90%, in 300 steps.
#[test]
fn a_repeated_phrase_is_learned_above_90_percent() {
    for id in ["zh-repeat", "en-repeat"] {
        let mut s = session(id, |_| {});
        let before = s.loss();
        s.run(300).unwrap();
        assert!(s.loss() < before / 10.0, "{id}: {before} → {}", s.loss());
        let mut p = vec![0.0; s.vocab().len()];
        let w = s.windows().expect("the window model").clone();
        for i in s.width()..w.len() {
            s.probs(w.row(i), &mut p);
            let y = w.target(i) as usize;
            assert!(p[y] > 0.9, "{id}: position {i}, p = {}", p[y]);
        }
        assert!(s.loss().exp() < 1.2, "{id}: perplexity {}", s.loss().exp());
    }
}

/// The loss is the mean of `−log p_Y` over every window; the curve records it.
#[test]
fn loss_is_the_mean_cross_entropy() {
    let mut s = session("twinkle", |s| s.hidden = 8);
    s.run(40).unwrap();
    let mut p = vec![0.0; s.vocab().len()];
    let w = s.windows().expect("the window model");
    let mean = (0..w.len())
        .map(|i| {
            s.probs(w.row(i), &mut p);
            -p[w.target(i) as usize].ln()
        })
        .sum::<f64>()
        / w.len() as f64;
    assert!((s.loss() - mean).abs() < 1e-4, "{} vs {mean}", s.loss());
    let last = s.curve().last().unwrap();
    assert_eq!((last.step, last.train), (40, s.loss()));
    assert_eq!(s.curve().len(), 41, "a short text: a point every step");
}

/// On a longer text the curve has a point about once an epoch: the mean
/// loss of the batches since the last point (free), or after a Seek the
/// loss over every window; the first point is the loss over every window.
#[test]
fn a_long_text_curve_is_the_mean_batch_loss_between_its_points() {
    let mut s = LmSession::new(LmSettings::benchmark(600)).unwrap();
    let gap = s.curve()[0].step;
    assert_eq!(gap, 0);
    let first = s.curve()[0].train;
    assert!((first - s.loss()).abs() < 1e-12, "step 0: every window");
    let mut losses = Vec::new();
    while s.curve().len() < 3 {
        losses.push(s.step().unwrap().batch_loss);
    }
    let points: Vec<_> = s.curve().iter().map(|p| (p.step, p.train)).collect();
    let (a, b) = (points[1].0 as usize, points[2].0 as usize);
    assert!(a > 16 && b == 2 * a, "about once an epoch: {points:?}");
    let mean = |r: std::ops::Range<usize>| losses[r.clone()].iter().sum::<f64>() / r.len() as f64;
    assert!((points[1].1 - mean(0..a)).abs() < 1e-12);
    assert!((points[2].1 - mean(a..b)).abs() < 1e-12);
    assert!(
        (points[2].1 - s.loss()).abs() > 1e-9,
        "not the loss over every window"
    );
    // After a Seek the next point is measured over every window.
    assert!(s.seek(b as u64 - 3));
    s.run(3).unwrap();
    let last = *s.curve().last().unwrap();
    assert_eq!(last.step, b as u64);
    assert!((last.train - s.loss()).abs() < 1e-12);
}

/// Temperature 0 always takes the most likely character, whatever top-k.
#[test]
fn temperature_zero_picks_the_most_likely() {
    let mut s = session("tang-poems", |_| {});
    s.run(50).unwrap();
    let mut rng = SeededRng::new(5, 0);
    let w = s.windows().expect("the window model").clone();
    for i in (0..w.len()).step_by(7) {
        for k in [0, 1, 3, 400] {
            let g = s.next(w.row(i), 0.0, k, &mut rng);
            assert_eq!(g.token, argmax(&g.raw), "window {i}, k = {k}");
            let best = g.raw.iter().copied().fold(0.0, f64::max);
            assert_eq!(g.raw[g.token as usize], best);
            assert_eq!(g.reshaped[g.token as usize], 1.0);
        }
    }
}

/// The same seed generates the same 50 characters (each fed back as context).
#[test]
fn same_seed_same_text() {
    let mut s = session("tang-poems", |_| {});
    s.run(100).unwrap();
    let generate = |seed: u64| {
        let mut rng = SeededRng::new(seed, 7);
        let mut ctx = vec![s.vocab().pad(); s.width()];
        let mut out = Vec::new();
        for _ in 0..50 {
            let g = s.next(&ctx, 1.0, 10, &mut rng);
            assert!(g.reshaped.iter().filter(|&&q| q > 0.0).count() <= 10);
            ctx.remove(0);
            ctx.push(g.token);
            out.push(g.token);
        }
        s.vocab().decode(&out)
    };
    let a = generate(1);
    assert_eq!(a, generate(1));
    assert_ne!(a, generate(2));
    assert_eq!(a.chars().count(), 50);
}

/// On a text where the blanked character is set by its right side only,
/// the two-sided model gives it more probability than the left-only one.
#[test]
fn both_sides_fill_the_blank_better() {
    let text = "我喜欢红的花。我喜欢黄的鸟。\n".repeat(10);
    let train = |sides| {
        let mut s = LmSession::new(LmSettings {
            sides,
            ..LmSettings::for_text(&text)
        })
        .unwrap();
        s.run(300).unwrap();
        s
    };
    let (left, both) = (train(Sides::Left), train(Sides::Both));
    let v = left.vocab();
    let ids = v.encode("我喜欢红的花。").unwrap();
    let red = v.id('红').unwrap() as usize;
    let mut p = vec![0.0; v.len()];
    left.probs(&ids[..3], &mut p);
    let p_left = p[red];
    let mut ctx = ids[..3].to_vec();
    ctx.extend_from_slice(&ids[4..7]);
    both.probs(&ctx, &mut p);
    let p_both = p[red];
    assert!(p_left < 0.7 && p_both > 0.9, "left {p_left}, both {p_both}");
}

/// What a step reports, and the shapes of what the page reads.
#[test]
fn updates_and_shapes() {
    let mut s = session("en-park", |s| {
        s.context = 4;
        s.embed = 3;
        s.sides = Sides::Both;
    });
    let v = s.vocab().len();
    assert_eq!((s.width(), s.embeddings().len()), (8, (v + 1) * 3));
    assert_eq!(
        s.tokens().len(),
        s.windows().expect("the window model").len()
    );
    let mut before = vec![0.0; v];
    let row = s.windows().expect("the window model").row(0).to_vec();
    s.probs(&row, &mut before);
    let u = s.step().unwrap().clone();
    assert_eq!((u.step, u.samples.len(), u.context.len()), (1, 16, 8));
    assert_eq!(
        u.context,
        s.windows().expect("the window model").row(u.samples[0])
    );
    assert_eq!(
        u.target,
        s.windows().expect("the window model").target(u.samples[0])
    );
    assert!(u.batch_loss.is_finite() && u.batch_loss > 0.0);
    // The plane's regions: the last position's own embedding changes nothing.
    let last = row[7] as usize;
    let e = s.embeddings()[last * 3..last * 3 + 3].to_vec();
    let (mut a, mut b) = (vec![0.0; v], vec![0.0; v]);
    s.probs(&row, &mut a);
    s.probs_with_last(&row, &e, &mut b);
    assert_eq!(a, b);
    s.probs_with_last(&row, &[5.0, -5.0, 5.0], &mut b);
    assert_ne!(a, b);
    // One epoch is ⌈N / 16⌉ steps.
    let per_epoch = s.windows().expect("the window model").len().div_ceil(16);
    s.run(per_epoch - 1).unwrap();
    assert_eq!(
        (s.epoch(), s.cursor()),
        (1, s.windows().expect("the window model").len())
    );
}
