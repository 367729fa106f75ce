//! The transformer's reference scenario for TensorFlow.js: the default
//! transformer (2 blocks, 2 heads, width 32, context 32, batch 16, Adam
//! 3e-3) on the benchmark's Chinese text, its initial parameters, the
//! batches of its first two epochs and the loss of each step, written to
//! `target/reference/transformer.json`. The end-to-end stage's
//! `reference.test.mjs` trains the same model in TensorFlow.js from the
//! same weights on the same batches and checks that the two loss curves
//! agree (within 1e-3).

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use neuronlab::core::lm::session::{LmKind, LmSession, LmSettings};
use neuronlab::core::lm::transformer::learner::Objective;

/// Characters of the benchmark's text the scenario trains on.
const CHARS: usize = 600;
/// Epochs the scenario covers.
const EPOCHS: u64 = 2;

#[test]
fn writes_the_transformer_reference_scenario() {
    let bench = LmSettings::benchmark(CHARS);
    let settings = LmSettings {
        objective: Objective::Next,
        ..LmSettings::for_text(&bench.text).with_model(LmKind::Transformer)
    };
    let mut s = LmSession::new(settings.clone()).unwrap();
    let params = s.params();
    let mut steps = Vec::new();
    while s.epoch() < EPOCHS {
        let b = s.next_transformer_batch().unwrap();
        let loss = s.step().unwrap().batch_loss;
        assert!(loss.is_finite());
        steps.push(format!(
            "{{\"ids\":{:?},\"targets\":{:?},\"loss\":{loss}}}",
            b.ids, b.targets
        ));
        assert_eq!(b.len, 32);
    }
    assert!(steps.len() > 40, "{} steps", steps.len());
    let v = s.vocab().len();
    let json = format!(
        "{{\"vocab\":{v},\"blocks\":{},\"heads\":{},\"width\":{},\"context\":{},\"batch\":{},\
         \"len\":32,\"learningRate\":{},\"params\":{:?},\"steps\":[{}]}}",
        settings.blocks,
        settings.heads,
        settings.width,
        settings.context,
        settings.batch_size,
        settings.learning_rate,
        params,
        steps.join(",")
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/reference");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("transformer.json"), json).unwrap();
}
