//! Play with a transformer trains in a worker: the workspace asks for a
//! run from its current step, adopts the worker's reports of that run
//! only, and asks again from wherever any other action leaves the lab.

use neuronlab::app::lab::Progress;
use neuronlab::app::{Action, Event, Mode, Workspace};
use neuronlab::core::lm::session::{LmKind, LmSession};

use crate::support::ws;

/// A workspace in the lab with a transformer, on a page with a worker, playing.
fn playing() -> Workspace {
    let mut w = ws();
    w.apply(Action::SetMode(Mode::Language));
    w.apply(Action::SetLabModel(LmKind::Transformer));
    w.apply(Action::UseWorker(true));
    assert_eq!(w.apply(Action::TogglePlay).event, Event::Playing);
    w
}

/// What a worker reports after training `steps` from the lab's state in `run`.
fn worker_report(w: &Workspace, run: u64, steps: usize) -> Progress {
    let s = &w.lab().session;
    let mut copy = LmSession::from_json(&s.to_json()).unwrap();
    let from = copy.step_count();
    copy.run(steps).unwrap();
    Progress {
        run,
        from,
        snapshot: copy.snapshot(),
        curve: copy.trainer().curve_since(from).to_vec(),
        last: copy.last_update().cloned(),
        diverged: false,
    }
}

#[test]
fn play_asks_for_a_run_and_adopts_its_reports() {
    let mut w = playing();
    assert_eq!(w.lab().run, None);
    let out = w.apply(Action::Tick);
    let run = w.lab().run.expect("a run asked for");
    assert_eq!((run.from, w.step_count()), (0, 0));
    assert!(out.changed.training, "the page hears of the new run");
    // The main thread did not train.
    assert_eq!(w.step_count(), 0);
    let report = worker_report(&w, run.id, 8);
    let want = report.snapshot.params.clone();
    let out = w.apply(Action::Adopt(Box::new(report)));
    assert_eq!(out.event, Event::Trained { steps: 8, step: 8 });
    assert_eq!(w.lab().session.params(), want);
    assert_eq!(w.lab().run.map(|r| (r.id, r.from)), Some((run.id, 8)));
    // The run goes on: a frame asks for nothing new.
    assert!(!w.apply(Action::Tick).changed.training);
    // Step back can go through the adopted steps.
    assert_eq!(w.apply(Action::StepBack).event, Event::SteppedBack(7));
}

#[test]
fn reports_of_an_old_run_or_state_are_set_aside() {
    let mut w = playing();
    w.apply(Action::Tick);
    let first = w.lab().run.unwrap();
    let stale = worker_report(&w, first.id, 4);
    // A step on the main thread ends the run; the next frame asks anew.
    w.apply(Action::Step);
    assert_eq!(w.lab().run, None);
    w.apply(Action::Tick);
    let second = w.lab().run.unwrap();
    assert_ne!(second.id, first.id);
    assert_eq!(second.from, 1);
    let before = w.lab().session.params();
    let out = w.apply(Action::Adopt(Box::new(stale)));
    assert_eq!(out.event, Event::Trained { steps: 0, step: 1 });
    assert_eq!(w.lab().session.params(), before);
    // A setting changed mid-run ends it too; so does Pause.
    w.apply(Action::SetKnob {
        knob: neuronlab::core::settings::Knob::LearningRate,
        text: "0.001".into(),
    });
    assert_eq!(w.lab().run, None);
    w.apply(Action::Tick);
    assert!(w.lab().run.is_some());
    w.apply(Action::TogglePlay);
    assert_eq!(w.lab().run, None);
}

#[test]
fn without_a_worker_play_trains_in_the_frame() {
    let mut w = ws();
    w.apply(Action::SetMode(Mode::Language));
    w.apply(Action::SetLabModel(LmKind::Transformer));
    w.apply(Action::TogglePlay);
    w.apply(Action::Tick);
    assert_eq!(w.lab().run, None);
    assert!(w.step_count() >= 1);
}
