//! The teaching views' app side: the probe under the cursor, the line held
//! and dragged, a click on the landscape, their undo, and the perceptron's
//! walk (converged, or no line separates the points).

use crate::support::{params, status_text, ws, ws_in};
use neuronlab::app::line::{arrow, Grip, Line, ARROW_LEN, FIT_HANDLE_X};
use neuronlab::app::walk::{Verdict, Walk, GIVE_UP_EPOCHS};
use neuronlab::app::{Action, Edit, Event, Lang, Workspace};
use neuronlab::core::activation::sigmoid;
use neuronlab::core::data::{Preset, Task};
use neuronlab::core::model::{Head, ModelKind};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn model(kind: ModelKind) -> Workspace {
    let mut w = ws();
    w.apply(Action::SetModel(kind));
    w
}

#[test]
fn the_probe_is_sigma_of_w_dot_x_plus_b() {
    let mut w = model(ModelKind::Logistic);
    for _ in 0..30 {
        w.apply(Action::Step);
    }
    let p = params(&w);
    let (x1, x2) = (1.5, -0.75);
    let probe = w.probe(x1, x2).unwrap();
    let z = p[0] * x1 + p[1] * x2 + p[2];
    assert_eq!(probe.head, Head::Sigmoid);
    assert!(close(probe.z[0], z));
    assert!(close(probe.probs[1], sigmoid(z)) && close(probe.probs[0], 1.0 - sigmoid(z)));
    assert_eq!(probe.yhat(), None);
}

#[test]
fn the_perceptron_probe_answers_zero_or_one() {
    let w = ws();
    let p = params(&w);
    for (x1, x2) in [(3.0, 3.0), (-3.0, -3.0), (0.5, -4.0)] {
        let probe = w.probe(x1, x2).unwrap();
        let z = p[0] * x1 + p[1] * x2 + p[2];
        assert!(close(probe.z[0], z));
        let y = f64::from(z > 0.0);
        assert_eq!(probe.probs, vec![1.0 - y, y]);
    }
}

#[test]
fn softmax_probabilities_at_a_point_add_up_to_one() {
    let mut w = model(ModelKind::Softmax);
    w.apply(Action::ChoosePreset(Preset::ThreeBlobs));
    for _ in 0..20 {
        w.apply(Action::Step);
    }
    let probe = w.probe(-2.0, 1.0).unwrap();
    assert_eq!(probe.z.len(), 3);
    assert_eq!(probe.probs.len(), 3);
    assert!(close(probe.probs.iter().sum::<f64>(), 1.0));
    // softmax: p_k ∝ e^(z_k).
    let e: Vec<f64> = probe.z.iter().map(|z| z.exp()).collect();
    let sum: f64 = e.iter().sum();
    for (k, (p, e)) in probe.probs.iter().zip(&e).enumerate() {
        assert!(close(*p, e / sum), "class {k}");
    }
}

#[test]
fn the_regression_probe_is_the_prediction_at_x() {
    let w = ws_in(Task::Regression);
    let p = params(&w);
    let probe = w.probe(2.0, 99.0).unwrap();
    assert!(close(probe.yhat().unwrap(), p[0] * 2.0 + p[1]));
    assert!(probe.probs.is_empty());
    let mut lab = ws();
    lab.apply(Action::SetMode(neuronlab::app::Mode::Language));
    assert!(lab.probe(0.0, 0.0).is_none());
}

#[test]
fn the_boundary_slides_by_minus_w_dot_the_drag_and_turns_about_the_arrows_foot() {
    let line = Line::Boundary {
        w: [1.0, 2.0],
        b: -1.0,
    };
    // Sliding by (0.5, −1): b changes by −w·Δ = −(0.5 − 2) = 1.5; w stays.
    assert_eq!(
        line.slid((0.2, 0.4), (0.7, -0.6)),
        Line::Boundary {
            w: [1.0, 2.0],
            b: 0.5
        }
    );
    // The handle is the tip of w drawn from the foot of the normal.
    let (foot, tip) = arrow(1.0, 2.0, -1.0).unwrap();
    assert!(close(foot.0, 0.2) && close(foot.1, 0.4));
    assert_eq!(line.pivot(), foot);
    assert!(close((tip.0 - foot.0).hypot(tip.1 - foot.1), ARROW_LEN));
    assert_eq!(line.handle(), Some(tip));
    // Turning to (0, 3): w keeps |w| = √5 and points from the foot to
    // (0, 3); b follows so that the line still passes through the foot.
    let Some(Line::Boundary { w, b }) = line.turned((0.0, 3.0)) else {
        panic!("no turn");
    };
    let (dx, dy) = (0.0 - foot.0, 3.0 - foot.1);
    assert!(close(w[0].hypot(w[1]), 5f64.sqrt()));
    assert!(
        close(w[0] * dy - w[1] * dx, 0.0) && w[1] > 0.0,
        "w along the drag: {w:?}"
    );
    assert!(
        close(w[0] * foot.0 + w[1] * foot.1 + b, 0.0),
        "the foot stays on the line"
    );
    // Grips: the handle first, then the line, else nothing.
    assert_eq!(line.grip(tip.0, tip.1, 0.1), Some(Grip::Turn));
    assert_eq!(line.grip(1.0, 0.0, 0.1), Some(Grip::Slide));
    assert_eq!(line.grip(3.0, 3.0, 0.1), None);
    assert!(close(line.distance(3.0, 3.0), 8.0 / 5f64.sqrt()));
    assert_eq!(
        line.turned(foot),
        None,
        "at the pivot there is no direction"
    );
    // Through the origin (b = 0) the foot is the origin and b stays 0.
    let level = Line::Boundary {
        w: [1.0, 0.0],
        b: 0.0,
    };
    assert_eq!(
        level.turned((0.0, 3.0)),
        Some(Line::Boundary {
            w: [0.0, 1.0],
            b: 0.0
        })
    );
}

#[test]
fn the_tip_of_w_turns_the_way_it_is_dragged_when_b_is_not_0() {
    // The case: w = (0, 1), b = 2. Dragging the tip to the right
    // gave w = (−0.99, 0.13) (turned about the origin, the tip between the
    // foot and the origin): w turned left.
    for b in [2.0, 0.5, 0.0, -2.0] {
        let mut w = ws();
        for (i, v) in [(0, 0.0), (1, 1.0), (2, b)] {
            w.apply(Action::SetParam {
                index: i,
                text: v.to_string(),
            });
        }
        let line = Line::of(w.session()).unwrap();
        let tip = line.handle().expect("the handle on the plot");
        assert_eq!(line.grip(tip.0, tip.1, 0.1), Some(Grip::Turn));
        w.apply(Action::LineStart {
            grip: Grip::Turn,
            x: tip.0,
            y: tip.1,
        });
        assert_eq!(w.line_drag().unwrap().arrow_from(), Some(line.pivot()));
        w.apply(Action::LineTo {
            x: tip.0 + 1.0,
            y: tip.1,
        });
        w.apply(Action::LineEnd);
        let p = params(&w);
        assert!(
            p[0] > 0.3 && p[1] > 0.0,
            "b = {b}: the tip went right, w = {p:?}"
        );
        assert!(close(p[0].hypot(p[1]), 1.0), "|w| kept: {p:?}");
        // The arrow's foot is still on the line.
        let (fx, fy) = line.pivot();
        assert!(close(p[0] * fx + p[1] * fy + p[2], 0.0), "b = {b}: {p:?}");
    }
}

#[test]
fn the_fit_slides_its_intercept_and_turns_about_zero_b() {
    let line = Line::Fit { w: 0.5, b: 1.0 };
    assert_eq!(
        line.slid((2.0, 2.0), (3.0, 4.0)),
        Line::Fit { w: 0.5, b: 2.5 }
    );
    assert_eq!(line.turned((2.0, 5.0)), Some(Line::Fit { w: 2.0, b: 1.0 }));
    assert_eq!(line.turned((0.1, 5.0)), None);
    assert_eq!(line.handle(), Some((FIT_HANDLE_X, 3.0)));
    assert_eq!(line.grip(FIT_HANDLE_X, 3.0, 0.1), Some(Grip::Turn));
    assert_eq!(line.grip(0.0, 1.05, 0.1), Some(Grip::Slide));
}

#[test]
fn dragging_the_line_is_one_undoable_edit() {
    let mut w = model(ModelKind::Logistic);
    let start = params(&w);
    assert_eq!(
        Line::of(w.session()),
        Some(Line::Boundary {
            w: [start[0], start[1]],
            b: start[2]
        })
    );
    let grab = Action::LineStart {
        grip: Grip::Slide,
        x: 0.0,
        y: 0.0,
    };
    assert_eq!(w.apply(grab).event, Event::Selected);
    assert!(w.line_drag().is_some());
    for (x, y) in [(0.5, 0.0), (1.0, 0.5), (1.0, 1.0)] {
        let out = w.apply(Action::LineTo { x, y });
        assert_eq!(out.event, Event::ParamsMoved);
        assert!(out.changed.training);
    }
    w.apply(Action::LineEnd);
    assert!(w.line_drag().is_none());
    let moved = params(&w);
    assert_eq!(&moved[..2], &start[..2], "sliding keeps w");
    assert!(close(moved[2], start[2] - (start[0] + start[1])));
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Params));
    assert_eq!(params(&w), start, "one undo takes the whole drag back");
    assert!(!w.can_undo());
    assert_eq!(w.apply(Action::Redo).event, Event::Redone(Edit::Params));
    assert_eq!(params(&w), moved);
    // A press that does not move records nothing.
    w.apply(Action::LineStart {
        grip: Grip::Turn,
        x: 1.0,
        y: 1.0,
    });
    w.apply(Action::LineEnd);
    w.apply(Action::Undo);
    assert_eq!(params(&w), start);
    assert!(!w.can_undo());
}

/// Found by the random-action test: a boundary held in classification,
/// then Regression, then a move wrote three parameters into two.
#[test]
fn a_drag_ends_when_the_model_under_it_changes() {
    for (first, then) in [
        (Task::Classification, Task::Regression),
        (Task::Regression, Task::Classification),
    ] {
        let mut w = ws_in(first);
        w.apply(Action::SetModel(if first == Task::Regression {
            ModelKind::Linear
        } else {
            ModelKind::Logistic
        }));
        w.apply(Action::LineStart {
            grip: Grip::Slide,
            x: 0.0,
            y: 0.0,
        });
        assert!(w.line_drag().is_some());
        w.apply(Action::SetTask(then));
        let before = params(&w);
        let out = w.apply(Action::LineTo { x: 1.0, y: 1.0 });
        assert_eq!(out.event, Event::Selected, "{first:?} then {then:?}");
        assert_eq!(params(&w), before, "{first:?} then {then:?}: nothing moved");
        assert!(
            w.line_drag().is_none(),
            "{first:?} then {then:?}: the drag ended"
        );
    }
}

#[test]
fn a_network_has_no_line_to_hold() {
    let mut w = model(ModelKind::Network);
    assert_eq!(Line::of(w.session()), None);
    let p = params(&w);
    w.apply(Action::LineStart {
        grip: Grip::Slide,
        x: 0.0,
        y: 0.0,
    });
    assert_eq!(
        w.apply(Action::LineTo { x: 1.0, y: 1.0 }).event,
        Event::Selected
    );
    assert_eq!(params(&w), p);
    let mut r = ws_in(Task::Regression);
    r.apply(Action::SetModel(ModelKind::Polynomial));
    assert_eq!(Line::of(r.session()), None);
}

#[test]
fn a_landscape_click_sets_two_parameters_and_undo_takes_it_back() {
    let mut w = model(ModelKind::Logistic);
    for _ in 0..5 {
        w.apply(Action::Step);
    }
    let before = params(&w);
    let out = w.apply(Action::SetParamsAt {
        picks: (0, 2),
        at: [2.5, -1.25],
    });
    assert_eq!(out.event, Event::ParamsMoved);
    assert!(w.set_by_hand());
    let p = params(&w);
    assert_eq!((p[0], p[1], p[2]), (2.5, before[1], -1.25));
    // Training goes on from there.
    w.apply(Action::Step);
    assert!(!w.set_by_hand(), "an update came since");
    assert_eq!(w.session().step_count(), 6);
    w.apply(Action::StepBack);
    assert_eq!(params(&w), p);
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Params));
    assert_eq!(params(&w), before);
    let same = w.apply(Action::SetParamsAt {
        picks: (1, 1),
        at: [0.0, 0.0],
    });
    assert_eq!(same.event, Event::Selected);
    assert_eq!(params(&w), before);
}

#[test]
fn a_typed_parameter_is_undoable_too() {
    let mut w = ws();
    let before = params(&w);
    w.apply(Action::SetParam {
        index: 0,
        text: "3".into(),
    });
    assert_eq!(params(&w)[0], 3.0);
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Params));
    assert_eq!(params(&w), before);
    assert!(status_text(&w, Lang::En).contains("changing the parameters"));
}

#[test]
fn the_walk_converges_after_a_quiet_epoch_and_gives_up_after_busy_ones() {
    let mut walk = Walk::default();
    for _ in 0..9 {
        assert_eq!(walk.saw(1, false, 10, false), Verdict::Going);
    }
    assert_eq!(walk.saw(1, false, 10, true), Verdict::Converged);
    assert_eq!(walk.saw(1, false, 10, false), Verdict::Going, "said once");
    // Ten quiet samples across an epoch's end (epochs are shuffled) are
    // not a whole epoch: only a quiet run that ends with its epoch counts
    // (samples 4–14 are quiet; the old walk said "converged" at 13).
    let mut walk = Walk::default();
    for k in 0..29 {
        let v = walk.saw(1, k == 3 || k == 15, 10, k % 10 == 9);
        assert_eq!(v, Verdict::Going, "sample {k}");
    }
    assert_eq!(
        walk.saw(1, false, 10, true),
        Verdict::Converged,
        "16–29 quiet"
    );

    let mut walk = Walk::default();
    let n = 10;
    let mut said = Vec::new();
    for k in 0..GIVE_UP_EPOCHS * n + 30 {
        // A mistake every ninth sample: no run of n quiet ones.
        let v = walk.saw(1, k % 9 == 0, n, k % n == n - 1);
        if v != Verdict::Going {
            said.push((k + 1, v));
        }
    }
    assert_eq!(said, vec![(GIVE_UP_EPOCHS * n, Verdict::NoLine)]);
}

fn play_until_said(w: &mut Workspace) -> Event {
    w.apply(Action::SetSpeed(1000));
    w.apply(Action::TogglePlay);
    for _ in 0..400 {
        match w.apply(Action::Tick).event {
            Event::Trained { .. } => {}
            e => return e,
        }
    }
    panic!("nothing said in 400 frames");
}

#[test]
fn the_perceptron_says_no_line_separates_xor() {
    let mut w = ws();
    w.apply(Action::ChoosePreset(Preset::Xor));
    assert_eq!(play_until_said(&mut w), Event::NoLine(GIVE_UP_EPOCHS));
    assert!(!w.playing());
    let n = w.session().train_indices().len() as u64;
    assert_eq!(w.session().step_count(), GIVE_UP_EPOCHS as u64 * n);
    assert_eq!(
        status_text(&w, Lang::En),
        "20 epochs, each with mistakes: no line seems to separate these points."
    );
    assert!(status_text(&w, Lang::Zh).contains("直线"));
    // On separable blobs it converges instead.
    let mut w = ws();
    assert_eq!(play_until_said(&mut w), Event::Converged);
    assert_eq!(w.session().metrics().accuracy, Some(1.0));
}

#[test]
fn undoing_a_landscape_click_after_a_step_keeps_the_step_count() {
    let mut w = model(ModelKind::Logistic);
    for _ in 0..10 {
        w.apply(Action::Step);
    }
    let before = params(&w);
    w.apply(Action::SetParamsAt {
        picks: (0, 1),
        at: [0.5, 0.5],
    });
    w.apply(Action::Step);
    assert_eq!(w.session().step_count(), 11);
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Params));
    assert_eq!(params(&w), before);
    assert_eq!(w.session().step_count(), 11, "Undo is not Step back");
}
