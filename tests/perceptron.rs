//! The perceptron rule on hand-worked numbers; convergence and non-convergence.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use neuronlab::core::data::{Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Session;

#[test]
fn one_step_follows_the_rule_by_hand() {
    // w = (0.5, −0.3), b = 0.1, η = 1.
    // Sample A = (−1, 2), Y = 1: z = −0.5 − 0.6 + 0.1 = −1.0 ⇒ y = 0,
    //   Δw = (Y − y)x = (−1, 2), Δb = 1 ⇒ w = (−0.5, 1.7), b = 1.1.
    // Sample B = (3, 1), Y = 0: z = 1.5 − 0.3 + 0.1 = 1.3 ⇒ y = 1,
    //   Δw = −(3, 1), Δb = −1 ⇒ w = (−2.5, −1.3), b = −0.9.
    let mut s = Session::with_model(Task::Classification, ModelKind::Perceptron, two_points());
    s.set_params(&[0.5, -0.3, 0.1]).unwrap();
    let u = s.step().unwrap().clone();
    assert_eq!(u.samples.len(), 1);
    let (expect_out, expect_delta, expect_params) = if u.samples[0] == 0 {
        (0.0, [-1.0, 2.0, 1.0], [-0.5, 1.7, 1.1])
    } else {
        (1.0, [-3.0, -1.0, -1.0], [-2.5, -1.3, -0.9])
    };
    assert_eq!(u.output, vec![expect_out]);
    assert_eq!(u.delta, expect_delta.to_vec());
    let p = s.model().params();
    for (a, b) in p.iter().zip(expect_params) {
        assert!((a - b).abs() < 1e-12, "{p:?}");
    }
}

#[test]
fn a_right_answer_changes_nothing() {
    let mut s = Session::with_model(Task::Classification, ModelKind::Perceptron, two_points());
    // w·A + b > 0 and w·B + b ≤ 0: both already right.
    s.set_params(&[-1.0, 1.0, 0.0]).unwrap();
    for _ in 0..4 {
        let u = s.step().unwrap();
        assert!(u.delta.iter().all(|&d| d == 0.0));
    }
}

#[test]
fn learning_rate_scales_the_update() {
    let mut s = Session::with_model(Task::Classification, ModelKind::Perceptron, two_points());
    let mut settings = s.settings().clone();
    settings.learning_rate = 0.25;
    s.set_settings(settings).unwrap();
    s.set_params(&[0.5, -0.3, 0.1]).unwrap();
    let u = s.step().unwrap().clone();
    let x = &u.input;
    let k = u.target - u.output[0];
    assert_eq!(u.delta, vec![0.25 * k * x[0], 0.25 * k * x[1], 0.25 * k]);
}

#[test]
fn converges_on_separable_data() {
    let mut s = session_on(Preset::Separable, 100, 0.2, ModelKind::Perceptron, |_| {});
    train(&mut s, 100 * 20);
    assert_eq!(accuracy(&s), 1.0);
    // Converged: a whole epoch more makes no change at all.
    for _ in 0..100 {
        assert!(s.step().unwrap().delta.iter().all(|&d| d == 0.0));
    }
}

#[test]
fn keeps_making_mistakes_on_xor() {
    let mut s = session_on(Preset::Xor, 100, 0.0, ModelKind::Perceptron, |_| {});
    train(&mut s, 100 * 50);
    assert!(
        accuracy(&s) < 0.8,
        "a line cannot separate XOR: {}",
        accuracy(&s)
    );
    let changed = (0..100)
        .filter(|_| s.step().unwrap().delta.iter().any(|&d| d != 0.0))
        .count();
    assert!(
        changed > 10,
        "still updating after 50 epochs: {changed} updates"
    );
}
