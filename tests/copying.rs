//! Why attention: on the copy text (made-up names written twice a line)
//! the second copies can be predicted only by finding the first, further
//! back than a window reaches. The default transformer learns to (90% of
//! the held-out second copies right within 1,500 steps); the window model,
//! at its default context and at its longest, stays near chance.

#![cfg(not(target_arch = "wasm32"))]

use neuronlab::core::lm::copy::{accuracy_at, copy_text, second_copies, COPY_LINES};
use neuronlab::core::lm::heads::{describe, Pattern};
use neuronlab::core::lm::session::{LmKind, LmSession, LmSettings};

#[test]
fn a_transformer_finds_the_first_copy_and_a_window_cannot() {
    let text = copy_text(COPY_LINES, false, 1);
    let mut t =
        LmSession::new(LmSettings::for_text(&text).with_model(LmKind::Transformer)).unwrap();
    let ids = t.tokens().to_vec();
    let v = t.vocab().clone();
    // The held-out tenth of the text (the transformer never trains on it).
    let held = ids.len() - ids.len() / 10;
    let positions: Vec<usize> =
        second_copies(&ids[held..], v.id(':').unwrap(), v.id('\n').unwrap())
            .into_iter()
            .map(|p| p + held)
            .take(300)
            .collect();
    assert!(positions.len() >= 250);
    let mut best = 0.0f64;
    for _ in 0..15 {
        t.run(100).unwrap();
        best = best.max(accuracy_at(t.sequence_model(), &ids, &positions));
        if best >= 0.9 {
            break;
        }
    }
    assert!(
        best >= 0.9,
        "the transformer reached {best:.3} by step {}",
        t.step_count()
    );
    // Its attention shows how: a head of the second block looks at the
    // character after the earlier copy of the current one (induction).
    let window = &ids[held + 40..held + 72];
    let att = t.sequence_model().attention(window).unwrap();
    let nl = v.id('\n');
    let found: Vec<(usize, usize, Pattern, f64)> = (0..att.blocks)
        .flat_map(|b| (0..att.heads).map(move |h| (b, h)))
        .map(|(b, h)| {
            let d = describe(&att, window, b, h, nl);
            (b, h, d.pattern, d.share)
        })
        .collect();
    eprintln!("heads: {found:?}");
    assert!(
        found
            .iter()
            .any(|&(b, _, p, _)| b == 1 && p == Pattern::AfterEarlier),
        "no induction head in block 2: {found:?}"
    );
    for context in [3, 8] {
        let mut w = LmSession::new(LmSettings {
            context,
            embed: 16,
            hidden: 64,
            learning_rate: 0.3,
            ..LmSettings::for_text(&text)
        })
        .unwrap();
        w.run(1500).unwrap();
        let acc = accuracy_at(w.sequence_model(), &ids, &positions);
        assert!(
            acc < 0.2,
            "a window of {context} got {acc:.3} of the second copies"
        );
    }
}
