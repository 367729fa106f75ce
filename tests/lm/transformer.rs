//! The lab's transformer in a session: Step back and Seek exact, a saved
//! state that resumes bit for bit, and the masks as a learner meets them
//! (a later character never changes an earlier causal prediction; the
//! masked encoder's blank depends on the characters after it; attention
//! rows are distributions, exactly 0 above the causal diagonal).

use super::bits;
use neuronlab::core::lm::session::{LmKind, LmSession, LmSettings};
use neuronlab::core::lm::transformer::learner::Objective;

/// A small transformer session on a short text.
fn small(objective: Objective) -> LmSession {
    let text = "the cat sat on the mat. the rat sat on the hat.\n".repeat(3);
    let s = LmSettings {
        context: 12,
        width: 16,
        objective,
        batch_size: 4,
        ..LmSettings::for_text(&text).with_model(LmKind::Transformer)
    };
    LmSession::new(s).unwrap()
}

#[test]
fn step_back_and_seek_are_exact() {
    for objective in [Objective::Next, Objective::Masked] {
        let mut s = small(objective);
        let mut states = vec![bits(&s.params())];
        for _ in 0..7 {
            s.step().unwrap();
            states.push(bits(&s.params()));
        }
        for k in (0..7).rev() {
            assert!(s.step_back());
            assert_eq!(bits(&s.params()), states[k], "{objective:?} back to {k}");
        }
        assert!(s.seek(5));
        assert_eq!(bits(&s.params()), states[5], "{objective:?} seek 5");
        assert!(s.seek(7));
        assert_eq!(bits(&s.params()), states[7]);
        // Training on from a step taken back makes the same updates again.
        assert!(s.seek(3));
        s.run(4).unwrap();
        assert_eq!(bits(&s.params()), states[7]);
    }
}

#[test]
fn a_saved_transformer_resumes_bit_for_bit() {
    let mut s = small(Objective::Next);
    s.run(5).unwrap();
    let mut loaded = LmSession::from_json(&s.to_json()).unwrap();
    assert_eq!(bits(&loaded.params()), bits(&s.params()));
    assert_eq!(loaded.step_count(), 5);
    // Adam's moments were saved too: the next steps agree exactly.
    s.run(3).unwrap();
    loaded.run(3).unwrap();
    assert_eq!(bits(&loaded.params()), bits(&s.params()));
}

#[test]
fn a_later_character_never_changes_an_earlier_causal_prediction() {
    let mut s = small(Objective::Next);
    s.run(10).unwrap();
    let m = s.sequence_model();
    let ids: Vec<u32> = s.tokens()[..10].to_vec();
    let v = s.vocab().len();
    for cut in 1..10 {
        let mut changed = ids.clone();
        for id in &mut changed[cut..] {
            *id = (*id + 1) % v as u32;
        }
        let (mut a, mut b) = (vec![0.0; v], vec![0.0; v]);
        m.next_probs(&ids[..cut], &mut a);
        m.next_probs(&changed[..cut], &mut b);
        assert_eq!(bits(&a), bits(&b));
        // The whole sequence read at once: position cut − 1 as before.
        let att = m.attention(&ids).unwrap();
        let att2 = m.attention(&changed).unwrap();
        for t in 0..cut {
            assert_eq!(att.weights_row(0, 0, t), att2.weights_row(0, 0, t));
        }
    }
}

#[test]
fn the_masked_encoder_reads_the_right_side() {
    let mut s = small(Objective::Masked);
    s.run(10).unwrap();
    let m = s.sequence_model();
    assert!(m.reads_both_sides() && !m.writes_on());
    let ids = &s.tokens()[..8];
    let v = s.vocab().len();
    let (mut a, mut b) = (vec![0.0; v], vec![0.0; v]);
    m.blank_probs(&ids[..3], &ids[4..], &mut a);
    let mut right = ids[4..].to_vec();
    right[0] = (right[0] + 1) % v as u32;
    m.blank_probs(&ids[..3], &right, &mut b);
    assert_ne!(bits(&a), bits(&b), "the blank depends on what follows it");
    assert!((a.iter().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn attention_rows_sum_to_one_and_the_causal_triangle_is_zero() {
    for objective in [Objective::Next, Objective::Masked] {
        let mut s = small(objective);
        s.run(3).unwrap();
        let ids = &s.tokens()[..12];
        let att = s.sequence_model().attention(ids).unwrap();
        assert_eq!((att.blocks, att.heads, att.len), (2, 2, 12));
        for b in 0..att.blocks {
            for h in 0..att.heads {
                for t in 0..att.len {
                    let row = att.weights_row(b, h, t);
                    assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-5);
                    for (u, &w) in row.iter().enumerate() {
                        assert_eq!(w == 0.0, att.masked(t, u), "{objective:?} {t}→{u}: {w}");
                    }
                    // The weights are the softmax of the scaled, masked scores.
                    let scores = att.scores_row(b, h, t);
                    let live: Vec<f64> = (0..att.len)
                        .filter(|&u| !att.masked(t, u))
                        .map(|u| scores[u] * att.scale)
                        .collect();
                    let max = live.iter().fold(f64::MIN, |m, &x| m.max(x));
                    let sum: f64 = live.iter().map(|x| (x - max).exp()).sum();
                    let u0 = 0;
                    let want = (scores[u0] * att.scale - max).exp() / sum;
                    assert!((row[u0] - want).abs() < 1e-5, "{} vs {want}", row[u0]);
                }
            }
        }
    }
}

#[test]
fn a_run_done_elsewhere_is_adopted_exactly() {
    // A copy trains on (as a worker would); the original takes its state
    // over and can step back through the run exactly.
    let mut page = small(Objective::Next);
    page.run(3).unwrap();
    let mut worker = LmSession::from_json(&page.to_json()).unwrap();
    let mut states = vec![bits(&page.params())];
    for _ in 0..9 {
        worker.step().unwrap();
        states.push(bits(&worker.params()));
    }
    let from = page.step_count();
    let curve = worker.trainer().curve_since(from).to_vec();
    let last = worker.last_update().cloned();
    assert!(page.adopt(&worker.snapshot(), &curve, last, false));
    assert_eq!(
        (page.step_count(), bits(&page.params())),
        (12, states[9].clone())
    );
    assert_eq!(page.last_update().map(|u| u.step), Some(12));
    for k in (0..9).rev() {
        assert!(page.step_back());
        assert_eq!(bits(&page.params()), states[k], "back to {}", 3 + k);
    }
    // A state that does not continue this one (behind it) is refused.
    let before = bits(&page.params());
    assert!(!page.adopt(&small(Objective::Next).snapshot(), &[], None, false));
    assert_eq!(bits(&page.params()), before);
}
