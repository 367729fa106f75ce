//! The Last update panel's words, natively: the rule with this update's
//! numbers put in, checked against the change the parameters really made.

use crate::support::{add, knob, params, steps, ws};
use neuronlab::app::format::{delta, delta_vector, fixed3, vector};
use neuronlab::app::update_text::update_lines;
use neuronlab::app::{Action, Lang, Msg, Workspace};
use neuronlab::core::model::ModelKind;
use neuronlab::core::settings::Knob;

/// `x = (2, 1)` of class 2 (`Y = 1`, point 1) and `(2, −1)` of class 1,
/// and `model` at `w = (−1, 0)`, `b = 0`, learning rate 0.5, one sample
/// per update.
fn one_point(model: ModelKind) -> Workspace {
    let mut w = ws();
    w.apply(Action::SetModel(model));
    w.apply(Action::ClearPoints);
    add(&mut w, 2.0, 1.0, 1);
    add(&mut w, 2.0, -1.0, 0);
    for (index, v) in [(0, "-1"), (1, "0"), (2, "0")] {
        w.apply(Action::SetParam {
            index,
            text: v.into(),
        });
    }
    knob(&mut w, Knob::LearningRate, "0.5");
    knob(&mut w, Knob::BatchSize, "1");
    w
}

fn text<'a>(lines: &'a [(&str, String)], class: &str) -> &'a str {
    &lines.iter().find(|l| l.0 == class).expect(class).1
}

#[test]
fn before_a_step_and_after_a_step_back_it_says_why_there_is_none() {
    let mut w = one_point(ModelKind::Perceptron);
    assert_eq!(
        update_lines(w.session(), Lang::Zh),
        [("u-none", Msg::UpdateHand.text(Lang::Zh).to_string())]
    );
    steps(&mut w, 1);
    w.apply(Action::StepBack);
    let lines = update_lines(w.session(), Lang::En);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].1.contains("step 0"), "{lines:?}");
}

/// Steps until an update reads point 1 (`(2, 1)`); the parameters just
/// before that update, and the change it made.
fn step_on_first(w: &mut Workspace) -> (Vec<f64>, Vec<f64>) {
    for _ in 0..20 {
        let before = params(w);
        steps(w, 1);
        let u = w.session().last_update().expect("an update");
        if u.samples == [0] {
            let d = params(w).iter().zip(&before).map(|(a, b)| a - b).collect();
            return (before, d);
        }
    }
    panic!("point 1 never read");
}

#[test]
fn the_perceptron_rule_with_its_numbers_is_the_change_it_made() {
    let mut w = one_point(ModelKind::Perceptron);
    // Point 2 is on its side: its updates change nothing.
    let (before, d) = step_on_first(&mut w);
    assert_eq!(before, [-1.0, 0.0, 0.0]);
    // z = −2 < 0: y = 0 against Y = 1, a missed 1 pulled in by η·x.
    assert_eq!(d, [1.0, 0.5, 0.5]);
    for lang in [Lang::En, Lang::Zh] {
        let lines = update_lines(w.session(), lang);
        assert_eq!(
            text(&lines, "u-sample"),
            Msg::UpdateSample.fill(lang, &[("i", "1"), ("x", &vector(&[2.0, 1.0]))])
        );
        assert!(text(&lines, "u-pred").starts_with("y = 0, Y = 1 ("));
        let x = vector(&[2.0, 1.0]);
        assert_eq!(
            text(&lines, "u-dw"),
            format!(
                "Δw = η(Y − y)·x = 0.500 × (1 − 0) × {x} = {}",
                delta_vector(&d[..2])
            )
        );
        assert_eq!(
            text(&lines, "u-db"),
            format!("Δb = η(Y − y) = 0.500 × (1 − 0) = {}", delta(d[2]))
        );
    }
    // Now on its side: the next update changes nothing, and says so.
    steps(&mut w, 1);
    let lines = update_lines(w.session(), Lang::En);
    assert_eq!(text(&lines, "u-note"), Msg::UpdateNoChange.text(Lang::En));
}

#[test]
fn logistic_regression_shows_the_sigmoid_and_the_gradient_step() {
    let mut w = one_point(ModelKind::Logistic);
    let (before, d) = step_on_first(&mut w);
    let z = before[0] * 2.0 + before[1] + before[2];
    let y_hat = 1.0 / (1.0 + (-z).exp());
    let lines = update_lines(w.session(), Lang::En);
    assert!(
        text(&lines, "u-pred").starts_with(&format!("ŷ = σ(z) = {}, Y = 1", fixed3(y_hat))),
        "{lines:?}"
    );
    // Δw = −η(ŷ − Y)·x: the numbers and the change agree.
    assert!((d[0] - 0.5 * (1.0 - y_hat) * 2.0).abs() < 1e-9, "{d:?}");
    assert!((d[2] - 0.5 * (1.0 - y_hat)).abs() < 1e-9, "{d:?}");
    assert_eq!(
        text(&lines, "u-dw"),
        format!(
            "Δw = −η(ŷ − Y)·x = −0.500 × ({} − 1.000) × {} = {}",
            fixed3(y_hat),
            vector(&[2.0, 1.0]),
            delta_vector(&d[..2])
        )
    );
    // With momentum the rule is not that simple: only the changes.
    knob(&mut w, Knob::Momentum, "0.9");
    steps(&mut w, 1);
    let lines = update_lines(w.session(), Lang::En);
    assert!(text(&lines, "u-dw").starts_with("Δw = ("), "{lines:?}");
    assert!(text(&lines, "u-loss").contains(&Msg::UpdateMeanLoss.text(Lang::En)[..4]));
}
