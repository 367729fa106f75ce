//! GPT against BERT on the same held-out blanks: a masked encoder, which
//! reads both sides, fills held-out blanks better than a causal decoder
//! of the same shape trained as long on the same text, which reads only
//! the left; the blank scores are the models' own probabilities.

use neuronlab::core::lm::compare::{blank_positions, blank_score, BLANKS};
use neuronlab::core::lm::session::{LmKind, LmSession, LmSettings};
use neuronlab::core::lm::texts::by_id;
use neuronlab::core::lm::transformer::learner::Objective;

fn pair(text: &str, context: usize, width: usize, blocks: usize) -> [LmSession; 2] {
    [Objective::Next, Objective::Masked].map(|objective| {
        let s = LmSettings {
            context,
            width,
            blocks,
            objective,
            ..LmSettings::for_text(text).with_model(LmKind::Transformer)
        };
        LmSession::new(s).unwrap()
    })
}

fn scores(m: &[LmSession; 2]) -> [(f64, f64); 2] {
    let ids = m[0].tokens();
    let from = ids.len() - ids.len() / 10;
    let at = blank_positions(ids.len(), from, BLANKS);
    [0, 1].map(|k| {
        let s = blank_score(m[k].sequence_model(), ids, &at);
        assert_eq!(s.count, at.len());
        (s.loss, s.accuracy)
    })
}

#[test]
fn both_learn_and_only_the_encoder_reads_what_follows_a_blank() {
    let mut m = pair(by_id("en-repeat").unwrap().text, 16, 16, 1);
    let before = scores(&m);
    for s in &mut m {
        s.run(600).unwrap();
    }
    let [gpt, bert] = scores(&m);
    eprintln!("held-out blanks before {before:?}, after: gpt {gpt:?} bert {bert:?}");
    assert!(gpt.0 < before[0].0 && bert.0 < before[1].0, "both learned");
    assert!(
        gpt.1 > 0.9,
        "the decoder reads the left of a repeated text: {gpt:?}"
    );
    // The first character of a line, blanked with nothing before it: the
    // decoder can only guess uniformly; the encoder reads "ello world".
    let v = m[0].vocab().clone();
    let right: Vec<u32> = "ello world".chars().map(|c| v.id(c).unwrap()).collect();
    let h = v.id('h').unwrap() as usize;
    let [mut l, mut r] = [vec![0.0; v.len()], vec![0.0; v.len()]];
    m[0].sequence_model().blank_probs(&[], &right, &mut l);
    m[1].sequence_model().blank_probs(&[], &right, &mut r);
    assert!(
        l.iter().all(|&p| (p - l[0]).abs() < 1e-12),
        "uniform: {l:?}"
    );
    assert!(
        r[h] > l[h] && r.iter().all(|&p| p <= r[h]),
        "the encoder: {r:?}"
    );
}

#[test]
#[ignore = "a measurement: cargo test --release --test lm compare::measure -- --ignored --nocapture"]
fn measure() {
    for (id, ctx, w, b) in [
        ("en-repeat", 16, 16, 1),
        ("en-repeat", 32, 32, 2),
        ("tang-poems", 32, 32, 2),
        ("twinkle", 32, 32, 2),
        ("zh-repeat", 16, 16, 1),
    ] {
        let mut m = pair(by_id(id).unwrap().text, ctx, w, b);
        let t0 = std::time::Instant::now();
        for round in 1..=6 {
            for s in &mut m {
                s.run(100).unwrap();
            }
            let [g, e] = scores(&m);
            eprintln!("{id} ctx{ctx} w{w} b{b} step {}: gpt loss {:.3} acc {:.3} | bert loss {:.3} acc {:.3}  ({:.1}s)", round * 100, g.0, g.1, e.0, e.1, t0.elapsed().as_secs_f64());
        }
    }
}
