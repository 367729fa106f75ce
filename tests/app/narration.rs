//! The app heard and described: each Step worded with its numbers, Play's
//! summaries throttled, a known model's description (crossings, slope,
//! side, wrong points, regions, the fitted equation) in both languages,
//! and the curve played as sound.

use crate::support::{add, knob, steps, ws, ws_in};
use neuronlab::app::describe::{boundary, describe, equation, line, region_classes, Line};
use neuronlab::app::narration::{step, Narrator, SUMMARY_EVERY_MS};
use neuronlab::app::sound::{pitches, resample, trace, HIGH_HZ, LOW_HZ, TONES};
use neuronlab::app::{Action, Event, Lang, Workspace};
use neuronlab::core::data::Task;
use neuronlab::core::history::CurvePoint;
use neuronlab::core::model::ModelKind;
use neuronlab::core::settings::Knob;

/// Sets every parameter of the current model, in parameter order.
fn set_params(w: &mut Workspace, values: &[f64]) {
    for (index, v) in values.iter().enumerate() {
        let e = w.apply(Action::SetParam {
            index,
            text: v.to_string(),
        });
        assert_eq!(e.event, Event::ParamSet(index), "{v}");
    }
}

/// A perceptron on four points, `w = (0.5, −0.25)`, `b = 1`: the line
/// crosses x1 at −2 and x2 at 4, slope 2; one point on the wrong side.
fn known_perceptron() -> Workspace {
    let mut w = ws();
    w.apply(Action::ClearPoints);
    add(&mut w, 3.0, 0.0, 1); // z = 2.5: right
    add(&mut w, -4.0, 0.0, 0); // z = −1: right
    add(&mut w, 0.0, 5.0, 0); // z = −0.25: right
    add(&mut w, -3.0, 1.0, 1); // z = −0.75: wrong, class 2
    set_params(&mut w, &[0.5, -0.25, 1.0]);
    w
}

#[test]
fn a_lines_description_states_its_crossings_slope_and_side() {
    let mut w = known_perceptron();
    let en = describe(&w).join(" ");
    for part in [
        "Perceptron at step 0.",
        "the line 0.500·x1 − 0.250·x2 + 1.000 = 0",
        "crosses the x1 axis at x1 = -2.000 and the x2 axis at x2 = 4.000",
        "its slope is 2.000",
        "Class 2 is predicted below the line",
        "Accuracy 75.0%: 3 of 4 training points are classified right.",
        "On the wrong side: (-3.000, 1.000) of class 2.",
    ] {
        assert!(en.contains(part), "{part:?} not in {en:?}");
    }
    w.apply(Action::SetLang(Lang::Zh));
    let zh = describe(&w).join("");
    for part in [
        "感知机，已训练 0 步。",
        "与 x1 轴交于 x1 = -2.000，与 x2 轴交于 x2 = 4.000，斜率为 2.000",
        "直线下方（w·x + b > 0 的一侧）预测为类别 2。",
        "准确率 75.0%：4 个训练点中有 3 个分对了。",
        "分错的点：(-3.000, 1.000)（类别 2）。",
    ] {
        assert!(zh.contains(part), "{part:?} not in {zh:?}");
    }
}

#[test]
fn lines_parallel_to_an_axis_and_no_line_at_all() {
    assert_eq!(line(2.0, 0.0, -1.0), Line::Vertical { a: 0.5 });
    assert_eq!(line(0.0, -4.0, 2.0), Line::Horizontal { c: 0.5 });
    assert_eq!(line(0.0, 0.0, 3.0), Line::None);
    assert_eq!(
        line(1.0, 2.0, -4.0),
        Line::Sloped {
            a: 4.0,
            c: 2.0,
            slope: -0.5
        }
    );
    let v = boundary(Lang::En, -2.0, 0.0, -1.0).join(" ");
    assert!(v.contains("vertical line x1 = -0.500"), "{v}");
    assert!(v.contains("predicted to the left of the line"), "{v}");
    let h = boundary(Lang::En, 0.0, 4.0, 2.0).join(" ");
    assert!(h.contains("horizontal line x2 = -0.500"), "{h}");
    assert!(h.contains("predicted above the line"), "{h}");
    assert_eq!(
        boundary(Lang::En, 0.0, 0.0, -1.0),
        ["Both weights are 0, so there is no line: every point is predicted class 1."]
    );
    assert_eq!(
        equation(&[(-1.0, "x1"), (0.0, "x2"), (-0.0001, "")]),
        "−1.000·x1 + 0.000·x2 + 0.000"
    );
}

#[test]
fn many_wrong_points_are_named_then_counted() {
    let mut w = ws();
    w.apply(Action::ClearPoints);
    for i in 0..6 {
        add(&mut w, 1.0 + i as f64 * 0.5, 0.0, 0); // all on class 2's side
    }
    add(&mut w, -1.0, 0.0, 1);
    set_params(&mut w, &[1.0, 0.0, 0.0]);
    let text = describe(&w).join(" ");
    assert!(
        text.contains(
            "On the wrong side: (1.000, 0.000) of class 1; (1.500, 0.000) of class 1; \
             (2.000, 0.000) of class 1; and 4 more."
        ),
        "{text}"
    );
    assert!(text.contains("Accuracy 0.0%: 0 of 7"), "{text}");
}

#[test]
fn a_networks_description_names_the_regions_each_class_holds() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Softmax));
    // z_1 = 0, z_2 = x1 − 1: class 2 right of x1 = 1, which is most of the right third only.
    set_params(&mut w, &[0.0, 0.0, 1.0, 0.0, 0.0, -1.0]);
    assert_eq!(region_classes(w.session()), [0, 0, 1, 0, 0, 1, 0, 0, 1]);
    let text = describe(&w).join(" ");
    assert!(
        text.contains(
            "Class 1 holds the top left, the top, the left, the centre, the bottom left, the bottom."
        ),
        "{text}"
    );
    assert!(
        text.contains("Class 2 holds the top right, the right, the bottom right."),
        "{text}"
    );
    w.apply(Action::SetLang(Lang::Zh));
    assert!(describe(&w)
        .join("")
        .contains("右上角、右侧、右下角属于类别 2。"));
    set_params(&mut w, &[0.0, 0.0, 0.0, 0.0, 0.0, 5.0]);
    assert!(describe(&w).join("").contains("整个区域都属于类别 2。"));
}

#[test]
fn regression_is_described_by_its_equation_and_loss() {
    let mut w = ws_in(Task::Regression);
    w.apply(Action::ClearPoints);
    add(&mut w, 0.0, 1.0, 0);
    add(&mut w, 1.0, 1.0, 0);
    set_params(&mut w, &[2.0, -0.5]);
    let text = describe(&w).join(" ");
    assert!(text.contains("Linear regression at step 0."), "{text}");
    assert!(
        text.contains("ŷ = 2.000·x − 0.500: its slope is 2.000, and at x = 0 it gives ŷ = -0.500."),
        "{text}"
    );
    // Errors 1.5 and −0.5: L = ½·mean(2.25, 0.25) = 0.625.
    assert!(
        text.contains("Loss (half the mean squared error): 0.6250."),
        "{text}"
    );
    w.apply(Action::SetModel(ModelKind::Polynomial));
    let text = describe(&w).join(" ");
    assert!(
        text.contains("At x = -6.000, -3.000, 0.000, 3.000, 6.000 the fitted curve gives ŷ ="),
        "{text}"
    );
}

#[test]
fn a_step_is_heard_with_its_point_class_prediction_and_new_parameters() {
    let mut w = ws();
    w.apply(Action::ClearPoints);
    add(&mut w, 1.0, 2.0, 1);
    add(&mut w, 1.0, 2.0, 1);
    add(&mut w, -1.0, -1.0, 0);
    set_params(&mut w, &[0.0, 0.0, 0.0]);
    let mut narrator = Narrator::default();
    // Step until the first sample is one of class 2 (z = 0 says class 1: wrong).
    let out = w.apply(Action::Step);
    let heard = narrator.hear(&w, &out.event, 0.0).expect("a step is heard");
    let first = w.session().last_update().unwrap().samples[0];
    let expected = if first == 2 {
        "Step 1: point (-1.000, -1.000), class 1, predicted class 1; right, so nothing changes."
    } else {
        "Step 1: point (1.000, 2.000), class 2, predicted class 1; w becomes (1.000, 2.000), b becomes 1.000."
    };
    assert_eq!(heard, expected);
    w.apply(Action::SetLang(Lang::Zh));
    let zh = step(&w);
    let expected = if first == 2 {
        "第 1 步：点 (-1.000, -1.000)，类别 1，预测为类别 1；答对了，参数不变。"
    } else {
        "第 1 步：点 (1.000, 2.000)，类别 2，预测为类别 1；w 变为 (1.000, 2.000)，b 变为 1.000。"
    };
    assert_eq!(zh, expected);
}

#[test]
fn other_models_are_heard_with_probabilities_targets_or_the_loss() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Logistic));
    knob(&mut w, Knob::BatchSize, "1");
    steps(&mut w, 1);
    let s = step(&w);
    assert!(s.starts_with("Step 1: point ("), "{s}");
    assert!(s.contains("predicted class ") && s.contains("%)"), "{s}");
    assert!(s.contains("; w becomes ("), "{s}");
    w.apply(Action::SetModel(ModelKind::Network));
    knob(&mut w, Knob::BatchSize, "1");
    steps(&mut w, 1);
    let s = step(&w);
    assert!(
        s.contains(": point (") && s.contains("predicted class "),
        "{s}"
    );
    assert!(
        s.contains("; loss now ") && s.contains(", accuracy "),
        "{s}"
    );
    let mut r = ws_in(Task::Regression);
    knob(&mut r, Knob::BatchSize, "4");
    steps(&mut r, 1);
    let s = step(&r);
    assert!(
        s.starts_with("Step 1: a batch of 4 points, mean loss "),
        "{s}"
    );
    assert!(s.contains("; w becomes "), "{s}");
    r.apply(Action::SetMode(neuronlab::app::Mode::Language));
    steps(&mut r, 1);
    let s = step(&r);
    assert!(
        s.starts_with("Step 1: after “") && s.contains("; loss now "),
        "{s}"
    );
}

#[test]
fn play_is_summarised_at_most_every_few_seconds_and_where_it_stopped() {
    let mut w = ws();
    let mut n = Narrator::default();
    let trained = Event::Trained { steps: 5, step: 5 };
    assert_eq!(n.hear(&w, &Event::Playing, 0.0), None);
    assert_eq!(n.hear(&w, &trained, 1000.0), None);
    steps(&mut w, 3);
    let heard = n
        .hear(&w, &trained, SUMMARY_EVERY_MS + 1.0)
        .expect("a summary");
    assert!(heard.starts_with("Training, step 3: loss now "), "{heard}");
    assert_eq!(n.hear(&w, &trained, SUMMARY_EVERY_MS + 2000.0), None);
    let idle = Event::Trained { steps: 0, step: 3 };
    assert_eq!(n.hear(&w, &idle, 10.0 * SUMMARY_EVERY_MS), None);
    let stop = n.hear(&w, &Event::Paused, 0.0).expect("where it stopped");
    assert!(stop.starts_with("Stopped at step 3: loss now "), "{stop}");
    assert_eq!(n.hear(&w, &Event::Paused, 0.0), None, "said once");
    assert_eq!(n.hear(&w, &Event::ResetDone, 0.0), None);
}

#[test]
fn pitches_follow_the_value_two_octaves_on_a_musical_scale() {
    let p = pitches(&[0.0, 0.5, 1.0], false);
    assert_eq!(p[0], LOW_HZ);
    assert!(
        (p[1] - 440.0).abs() < 1e-9,
        "midway is an octave up: {}",
        p[1]
    );
    assert!((p[2] - HIGH_HZ).abs() < 1e-9);
    assert_eq!(pitches(&[3.0, 3.0], false), [440.0, 440.0]);
    let l = pitches(&[1.0, 0.1, 0.01], true);
    assert!((l[1] - 440.0).abs() < 1e-9, "log scale: {l:?}");
    assert_eq!(pitches(&[1.0, f64::NAN, 2.0], false)[1], LOW_HZ);
}

#[test]
fn the_loss_curve_is_resampled_evenly_over_its_steps() {
    let pt = |step, train| CurvePoint {
        step,
        train,
        heldout: None,
        accuracy: None,
        heldout_accuracy: None,
    };
    let r = resample(&[pt(0, 1.0), pt(9, 0.1), pt(63, 0.1)]);
    assert_eq!(r.len(), TONES);
    assert_eq!((r[0], r[TONES - 1]), (1.0, 0.1));
    assert!((r[1] - 0.9).abs() < 1e-12, "{}", r[1]);
    assert!(resample(&[]).is_empty());
}

#[test]
fn listen_plays_the_loss_curve_or_the_fit_and_says_which() {
    let mut w = ws();
    let t = trace(&w);
    assert!(t.pitches.is_empty());
    assert_eq!(
        t.sentence,
        "There is no curve to play yet: press Step first."
    );
    steps(&mut w, 5);
    let t = trace(&w);
    assert_eq!(t.pitches.len(), TONES);
    assert!(
        t.sentence
            .starts_with("Playing the loss curve as sound, from step 0 to step 5"),
        "{}",
        t.sentence
    );
    let mut r = ws_in(Task::Regression);
    r.apply(Action::SetLang(Lang::Zh));
    let t = trace(&r);
    assert_eq!(t.pitches.len(), TONES);
    assert!(t
        .pitches
        .iter()
        .all(|&f| (LOW_HZ..=HIGH_HZ + 1e-9).contains(&f)));
    assert!(
        t.sentence
            .starts_with("正在用声音播放拟合曲线，从 x = -6.000 到 x = 6.000"),
        "{}",
        t.sentence
    );
}
