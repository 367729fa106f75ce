//! Workspace training actions: Step, Step back, Seek, Play and its frames, Reset, convergence and divergence.

use crate::support::{knob, params, points, status_text, steps, ws, ws_in};
use neuronlab::app::{Action, Event, Lang, Problem, Workspace};
use neuronlab::core::data::Task;
use neuronlab::core::error::StepError;
use neuronlab::core::model::ModelKind;
use neuronlab::core::settings::Knob;

/// A classification workspace with logistic regression (it never "converges").
fn logistic() -> Workspace {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Logistic));
    w
}

#[test]
fn step_and_step_back() {
    let mut w = logistic();
    let start = params(&w);
    let out = w.apply(Action::Step);
    assert_eq!(out.event, Event::Stepped(1));
    assert!(out.changed.training && !out.changed.data);
    assert_eq!(w.session().step_count(), 1);
    assert_ne!(params(&w), start);
    let after_one = params(&w);
    steps(&mut w, 2);
    assert_eq!(w.apply(Action::StepBack).event, Event::SteppedBack(2));
    assert_eq!(w.apply(Action::StepBack).event, Event::SteppedBack(1));
    assert_eq!(params(&w), after_one);
    assert_eq!(status_text(&w, Lang::En), "Went back to step 1.");
    assert_eq!(w.apply(Action::StepBack).event, Event::SteppedBack(0));
    assert_eq!(params(&w), start);
    assert_eq!(w.apply(Action::StepBack).event, Event::NothingBack);
    assert_eq!(w.session().step_count(), 0);
    // A Clear-rule event wipes the line.
    w.apply(Action::Step);
    assert!(w.status().is_none());
}

#[test]
fn seek_moves_through_the_history() {
    let mut w = logistic();
    let mut at = vec![params(&w)];
    for _ in 0..6 {
        w.apply(Action::Step);
        at.push(params(&w));
    }
    let out = w.apply(Action::Seek(2));
    assert_eq!(out.event, Event::Seeked(2));
    assert!(out.changed.training);
    assert_eq!((w.session().step_count(), params(&w)), (2, at[2].clone()));
    assert_eq!(w.apply(Action::Seek(6)).event, Event::Seeked(6));
    assert_eq!(params(&w), at[6]);
    assert_eq!(w.apply(Action::Seek(0)).event, Event::Seeked(0));
    assert_eq!(params(&w), at[0]);
}

#[test]
fn play_pause_and_tick() {
    let mut w = logistic();
    w.apply(Action::SetSpeed(7));
    // Paused: a frame does nothing.
    let out = w.apply(Action::Tick);
    assert_eq!(out.event, Event::Trained { steps: 0, step: 0 });
    assert!(out.changed.is_empty());
    let out = w.apply(Action::TogglePlay);
    assert_eq!(out.event, Event::Playing);
    assert!(w.playing());
    let out = w.apply(Action::Tick);
    assert_eq!(out.event, Event::Trained { steps: 7, step: 7 });
    assert!(out.changed.training);
    assert_eq!(
        w.apply(Action::Tick).event,
        Event::Trained { steps: 7, step: 14 }
    );
    assert_eq!(w.apply(Action::TogglePlay).event, Event::Paused);
    assert!(!w.playing());
    assert_eq!(
        w.apply(Action::Tick).event,
        Event::Trained { steps: 0, step: 14 }
    );
    assert_eq!(w.session().step_count(), 14);
    // Step back and Seek stop Play.
    for a in [Action::StepBack, Action::Seek(3), Action::Reset] {
        w.apply(Action::TogglePlay);
        assert!(w.playing());
        w.apply(a.clone());
        assert!(!w.playing(), "{a:?} stops Play");
    }
}

#[test]
fn play_needs_something_to_learn() {
    let mut w = logistic();
    w.apply(Action::ClearPoints);
    let out = w.apply(Action::TogglePlay);
    assert_eq!(
        out.event,
        Event::Refused(Problem::Step(StepError::NoPoints))
    );
    assert!(!w.playing());
    assert_eq!(
        w.apply(Action::Step).event,
        Event::Refused(Problem::Step(StepError::NoPoints))
    );
    w.apply(Action::AddPoint {
        x: 1.0,
        y: 1.0,
        class: 0,
    });
    assert_eq!(
        w.apply(Action::TogglePlay).event,
        Event::Refused(Problem::Step(StepError::OneClass))
    );
    assert!(status_text(&w, Lang::Zh).contains("同一类别"));
}

#[test]
fn the_perceptron_converges_on_separable_data() {
    let mut w = ws();
    assert_eq!(w.session().model().kind(), ModelKind::Perceptron);
    w.apply(Action::SetSpeed(50));
    w.apply(Action::TogglePlay);
    let mut last = None;
    for _ in 0..200 {
        let e = w.apply(Action::Tick).event;
        if e == Event::Converged {
            last = Some(e);
            break;
        }
        assert!(matches!(e, Event::Trained { .. }), "{e:?}");
    }
    assert_eq!(
        last,
        Some(Event::Converged),
        "no convergence in 10,000 steps"
    );
    assert!(!w.playing());
    assert_eq!(
        status_text(&w, Lang::En),
        "An epoch without mistakes: converged."
    );
    let m = w.session().metrics();
    assert_eq!(m.accuracy, Some(1.0));
    // One more epoch by hand changes nothing.
    let p = params(&w);
    for _ in 0..points(&w).len() {
        w.apply(Action::Step);
    }
    assert_eq!(params(&w), p);
}

#[test]
fn a_diverging_learning_rate_is_refused_and_stops_play() {
    let mut w = ws_in(Task::Regression);
    assert_eq!(
        knob(&mut w, Knob::LearningRate, "100").event,
        Event::SettingChanged(Knob::LearningRate)
    );
    w.apply(Action::SetSpeed(20));
    w.apply(Action::TogglePlay);
    let mut refused = None;
    for _ in 0..50 {
        let out = w.apply(Action::Tick);
        if out.event.is_refusal() {
            assert!(out.changed.status && out.changed.settings);
            refused = Some(out.event);
            break;
        }
    }
    assert_eq!(
        refused,
        Some(Event::Refused(Problem::Step(StepError::Diverged)))
    );
    assert!(!w.playing() && w.session().diverged());
    assert!(params(&w).iter().all(|v| v.is_finite() && v.abs() <= 1e6));
    assert!(status_text(&w, Lang::En).contains("diverged"));
    let step = w.session().step_count();
    assert_eq!(
        w.apply(Action::Step).event,
        Event::Refused(Problem::Step(StepError::Diverged))
    );
    assert_eq!(
        w.apply(Action::TogglePlay).event,
        Event::Refused(Problem::Step(StepError::Diverged))
    );
    assert_eq!(w.session().step_count(), step);
    // A smaller rate lifts it, and so does Reset.
    knob(&mut w, Knob::LearningRate, "0.01");
    assert!(!w.session().diverged());
    assert_eq!(w.apply(Action::Step).event, Event::Stepped(step + 1));
}

#[test]
fn reset_keeps_the_points() {
    let mut w = logistic();
    let start = params(&w);
    let data = points(&w);
    steps(&mut w, 5);
    w.apply(Action::TogglePlay);
    let out = w.apply(Action::Reset);
    assert_eq!(out.event, Event::ResetDone);
    assert!(out.changed.training && !out.changed.data);
    assert!(!w.playing());
    assert_eq!(
        (params(&w), points(&w), w.session().step_count()),
        (start, data, 0)
    );
    assert_eq!(w.apply(Action::StepBack).event, Event::NothingBack);
    assert_eq!(
        status_text(&w, Lang::En),
        "Nothing to undo: this is the start."
    );
    // Reset after divergence makes training possible again.
    let mut r = ws_in(Task::Regression);
    knob(&mut r, Knob::LearningRate, "100");
    let e = (0..20)
        .map(|_| r.apply(Action::Step).event)
        .find(Event::is_refusal);
    assert_eq!(e, Some(Event::Refused(Problem::Step(StepError::Diverged))));
    r.apply(Action::Reset);
    assert!(!r.session().diverged() && r.session().readiness().is_ok());
    assert_eq!(r.session().step_count(), 0);
}

#[test]
fn seek_past_the_latest_step_is_refused() {
    let mut w = logistic();
    steps(&mut w, 6);
    let p = params(&w);
    assert_eq!(w.apply(Action::Seek(100)).event, Event::CantReach);
    assert_eq!((w.session().step_count(), params(&w)), (6, p));
}

#[test]
fn a_state_near_divergence_still_saves_a_file_that_loads() {
    use neuronlab::core::session::Session;
    let mut w = ws();
    w.apply(Action::Step);
    knob(&mut w, Knob::L2, "7");
    // L2 = 7 with η = 1 blows up: the step whose velocity would pass the
    // limit is refused as diverged, and the last good state is kept.
    let mut refused = false;
    for _ in 0..12 {
        refused |= w.apply(Action::Step).event.is_refusal();
    }
    assert!(refused, "training diverged");
    let s = w.session();
    assert!(
        params(&w).iter().all(|v| v.abs() <= 1e6),
        "the parameters are within the limit"
    );
    assert!(
        Session::from_json(&s.to_json()).is_ok(),
        "velocity {:?}",
        s.velocity()
    );
}

#[test]
fn a_full_batch_perceptron_converges_after_one_quiet_epoch() {
    let mut w = ws();
    knob(&mut w, Knob::BatchSize, "40");
    let mut quiet = 0;
    for _ in 0..200 {
        let e = w.apply(Action::Step).event;
        if e == Event::Converged {
            break;
        }
        let u = w.session().last_update().expect("a step");
        quiet = if u.delta.iter().all(|&d| d == 0.0) {
            quiet + 1
        } else {
            0
        };
        assert!(
            quiet < 1,
            "a whole epoch without a change, and no Converged"
        );
    }
}

/// Ticks until Play stops; the frames it took and the last event.
fn run_out(w: &mut Workspace) -> (usize, Event) {
    let mut frames = 0;
    loop {
        let e = w.apply(Action::Tick).event;
        frames += 1;
        if !w.playing() {
            return (frames, e);
        }
        assert!(frames < 100_000, "Play never stopped");
    }
}

#[test]
fn train_n_steps_makes_exactly_n_at_the_chosen_speed_in_every_mode() {
    for mode in neuronlab::app::Mode::ALL {
        let mut w = logistic();
        w.apply(Action::SetMode(mode));
        knob(&mut w, Knob::Steps, "37");
        w.apply(Action::SetSpeed(5));
        steps(&mut w, 3);
        assert_eq!(w.apply(Action::TrainSteps).event, Event::Playing);
        assert_eq!(w.training_to(), Some(40), "{mode:?}");
        let (frames, last) = run_out(&mut w);
        assert_eq!(w.step_count(), 40, "{mode:?}: exactly 37 more");
        assert_eq!(frames, 8, "{mode:?}: 37 at 5 a frame");
        assert_eq!(
            last,
            Event::TrainedSteps {
                steps: 37,
                step: 40
            }
        );
        assert_eq!(w.training_to(), None);
        assert_eq!(
            status_text(&w, Lang::En),
            "Trained 37 steps: now at step 40."
        );
        assert!(status_text(&w, Lang::Zh).contains("37"));
        // Play afterwards runs on, with no stop.
        w.apply(Action::TogglePlay);
        for _ in 0..20 {
            w.apply(Action::Tick);
        }
        assert!(w.playing() && w.step_count() == 140, "{mode:?}");
    }
}

#[test]
fn train_n_steps_stops_on_pause_and_refuses_without_points() {
    let mut w = logistic();
    knob(&mut w, Knob::Steps, "100");
    w.apply(Action::SetSpeed(10));
    w.apply(Action::TrainSteps);
    w.apply(Action::Tick);
    assert_eq!(w.apply(Action::TogglePlay).event, Event::Paused);
    assert_eq!(w.step_count(), 10);
    assert_eq!(w.training_to(), None, "Pause forgets the target");
    // Pressed again while running: N more from where it is.
    w.apply(Action::TrainSteps);
    w.apply(Action::Tick);
    w.apply(Action::TrainSteps);
    assert_eq!(w.training_to(), Some(120));
    run_out(&mut w);
    assert_eq!(w.step_count(), 120);
    // No points: refused like Play, nothing starts.
    w.apply(Action::ClearPoints);
    let out = w.apply(Action::TrainSteps);
    assert_eq!(
        out.event,
        Event::Refused(Problem::Step(StepError::NoPoints))
    );
    assert!(!w.playing() && w.training_to().is_none());
    // The number of steps is a knob of the workspace, in every mode.
    for bad in ["0", "100001", "2.5", "many"] {
        assert!(knob(&mut w, Knob::Steps, bad).event.is_refusal(), "{bad}");
    }
    assert_eq!(w.steps(), 100);
}

#[test]
fn train_n_steps_trains_a_worker_model_on_the_page_exactly() {
    use neuronlab::core::lm::settings::LmKind;
    let mut w = ws();
    w.apply(Action::SetMode(neuronlab::app::Mode::Language));
    w.apply(Action::UseWorker(true));
    w.apply(Action::SetLabModel(LmKind::Transformer));
    assert!(w.lab().off_thread(), "Play would train it in a worker");
    knob(&mut w, Knob::Steps, "7");
    w.apply(Action::SetSpeed(2));
    w.apply(Action::TrainSteps);
    assert!(w.lab().run.is_none(), "no worker run asked for");
    let (frames, last) = run_out(&mut w);
    assert_eq!(w.step_count(), 7);
    assert_eq!(frames, 4);
    assert_eq!(last, Event::TrainedSteps { steps: 7, step: 7 });
}
