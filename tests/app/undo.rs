//! Undo and Redo of data edits: each kind of edit taken back exactly and redone, per mode, bounded.

use crate::support::{add, knob, points, saved, status_text, steps, ws, ws_in};
use neuronlab::app::undo::UNDO_LIMIT;
use neuronlab::app::{Action, Changed, Edit, Event, Lang, Workspace};
use neuronlab::core::data::{Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::settings::Knob;
use neuronlab::core::state::SavedState;

/// Applies `actions`, then checks that Undo brings back the points from
/// before them as one `edit`, and Redo the points after them.
fn undoes(w: &mut Workspace, edit: Edit, actions: &[Action]) {
    let before = points(w);
    for a in actions {
        assert!(!w.apply(a.clone()).event.is_refusal(), "{a:?} refused");
    }
    let after = points(w);
    assert_ne!(before, after, "{edit:?} changed nothing");
    assert!(w.can_undo() && !w.can_redo());
    let out = w.apply(Action::Undo);
    assert_eq!(out.event, Event::Undone(edit));
    assert!(out.changed.data && out.changed.status);
    assert_eq!(points(w), before, "{edit:?}: undo");
    assert!(w.can_redo());
    let out = w.apply(Action::Redo);
    assert_eq!(out.event, Event::Redone(edit));
    assert_eq!(points(w), after, "{edit:?}: redo");
    assert!(!w.can_redo());
}

#[test]
fn every_data_edit_undoes_and_redoes() {
    let mut w = ws();
    let add = Action::AddPoint {
        x: 1.0,
        y: -1.0,
        class: 1,
    };
    undoes(&mut w, Edit::Add, &[add]);
    undoes(&mut w, Edit::Remove, &[Action::RemovePoint(0)]);
    let mv = Action::MovePoint {
        i: 1,
        x: 3.0,
        y: 3.0,
    };
    undoes(&mut w, Edit::Move, &[mv]);
    let drag = [
        Action::DragStart(2),
        Action::DragTo { x: 0.0, y: 1.0 },
        Action::DragTo { x: 0.5, y: 1.5 },
        Action::DragTo { x: 1.0, y: 2.0 },
        Action::DragEnd,
    ];
    undoes(&mut w, Edit::Move, &drag);
    undoes(&mut w, Edit::Clear, &[Action::ClearPoints]);
    undoes(&mut w, Edit::Preset, &[Action::ChoosePreset(Preset::Moons)]);
    knob(&mut w, Knob::DataSeed, "3");
    undoes(&mut w, Edit::Preset, &[Action::Regenerate]);
    let csv = Action::ImportCsv {
        name: "a.csv".into(),
        text: "1,1,1\n2,2,2\n".into(),
    };
    undoes(&mut w, Edit::Csv, &[csv]);
    assert_eq!(status_text(&w, Lang::En), "Redid importing a CSV file.");
    assert_eq!(status_text(&w, Lang::Zh), "已重做：导入 CSV 文件。");

    let mut r = ws_in(Task::Regression);
    undoes(
        &mut r,
        Edit::Add,
        &[Action::AddPoint {
            x: 0.0,
            y: 4.0,
            class: 0,
        }],
    );
    undoes(&mut r, Edit::Preset, &[Action::ChoosePreset(Preset::Sine)]);
}

#[test]
fn edits_undo_one_at_a_time_in_order() {
    let mut w = ws();
    let mut states = vec![points(&w)];
    add(&mut w, 1.0, 1.0, 0);
    states.push(points(&w));
    w.apply(Action::RemovePoint(0));
    states.push(points(&w));
    w.apply(Action::ClearPoints);
    states.push(points(&w));
    for want in states.iter().rev().skip(1) {
        assert!(matches!(w.apply(Action::Undo).event, Event::Undone(_)));
        assert_eq!(&points(&w), want);
    }
    assert_eq!(w.apply(Action::Undo).event, Event::NothingToUndo);
    for want in states.iter().skip(1) {
        assert!(matches!(w.apply(Action::Redo).event, Event::Redone(_)));
        assert_eq!(&points(&w), want);
    }
    assert_eq!(w.apply(Action::Redo).event, Event::NothingToRedo);
}

#[test]
fn a_loaded_file_undoes_to_the_whole_previous_session() {
    // A classification file over a classification session.
    let mut o = ws();
    // Data set first: the other order panics (see `softmax_undo_into_more_classes`).
    o.apply(Action::ChoosePreset(Preset::ThreeBlobs));
    o.apply(Action::SetModel(ModelKind::Softmax));
    steps(&mut o, 3);
    let file = o.session().to_json();
    let loaded = saved(&o);

    let mut w = ws();
    steps(&mut w, 2);
    let before = saved(&w);
    w.apply(Action::LoadJson {
        name: "f.json".into(),
        text: file,
    });
    assert_eq!(saved(&w), loaded);
    let out = w.apply(Action::Undo);
    assert_eq!(out.event, Event::Undone(Edit::File));
    assert_eq!(out.changed, Changed::ALL);
    assert_eq!(
        saved(&w),
        before,
        "model, settings, parameters and counters come back"
    );
    assert_eq!(w.apply(Action::Redo).event, Event::Redone(Edit::File));
    assert_eq!(saved(&w), loaded);
    // Training goes on from the file's step.
    assert_eq!(w.apply(Action::Step).event, Event::Stepped(4));
}

#[test]
fn a_file_that_switched_modes_undoes_in_its_mode() {
    let mut o = ws_in(Task::Regression);
    o.apply(Action::SetModel(ModelKind::Polynomial));
    steps(&mut o, 2);
    let file = o.session().to_json();
    let loaded = saved(&o);

    let mut w = ws();
    let class_before = saved(&w);
    let reg_before = SavedState::of(w.session_of(Task::Regression));
    w.apply(Action::LoadJson {
        name: "r.json".into(),
        text: file,
    });
    assert_eq!(w.task(), Task::Regression);
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::File));
    assert_eq!(w.task(), Task::Regression);
    assert_eq!(saved(&w), reg_before);
    assert_eq!(
        SavedState::of(w.session_of(Task::Classification)),
        class_before
    );
    assert_eq!(w.apply(Action::Redo).event, Event::Redone(Edit::File));
    assert_eq!(saved(&w), loaded);
    // Classification's history knows nothing of it.
    w.apply(Action::SetTask(Task::Classification));
    assert_eq!(w.apply(Action::Undo).event, Event::NothingToUndo);
}

#[test]
fn undo_after_training_keeps_training_possible() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Logistic));
    let before = points(&w);
    add(&mut w, 0.0, 0.0, 1);
    steps(&mut w, 4);
    let trained = w.session().model().params().to_vec();
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Add));
    assert_eq!(points(&w), before);
    assert_eq!(
        w.session().model().params(),
        &trained[..],
        "Undo is of data, not training"
    );
    assert_eq!(w.session().step_count(), 4);
    assert_eq!(w.apply(Action::Step).event, Event::Stepped(5));
    assert_eq!(w.apply(Action::StepBack).event, Event::SteppedBack(4));
    assert_eq!(w.session().model().params(), &trained[..]);
    assert_eq!(w.apply(Action::Redo).event, Event::Redone(Edit::Add));
    assert_eq!(w.apply(Action::Step).event, Event::Stepped(5));
}

#[test]
fn undo_stops_play() {
    let mut w = ws();
    add(&mut w, 0.0, 0.0, 1);
    w.apply(Action::TogglePlay);
    w.apply(Action::Undo);
    assert!(!w.playing());
}

#[test]
fn undo_stacks_are_per_mode() {
    let mut w = ws();
    add(&mut w, 1.0, 1.0, 0);
    let class_points = points(&w);
    w.apply(Action::SetTask(Task::Regression));
    assert!(!w.can_undo());
    assert_eq!(w.apply(Action::Undo).event, Event::NothingToUndo);
    add(&mut w, 2.0, 2.0, 0);
    w.apply(Action::SetTask(Task::Classification));
    assert_eq!(points(&w), class_points);
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Add));
    assert_eq!(w.apply(Action::Undo).event, Event::NothingToUndo);
    w.apply(Action::SetTask(Task::Regression));
    assert!(w.can_undo());
    let n = points(&w).len();
    w.apply(Action::Undo);
    assert_eq!(points(&w).len(), n - 1);
}

#[test]
fn a_new_edit_clears_redo() {
    let mut w = ws();
    add(&mut w, 1.0, 1.0, 0);
    w.apply(Action::Undo);
    assert!(w.can_redo());
    add(&mut w, 2.0, 2.0, 1);
    assert!(!w.can_redo());
    assert_eq!(w.apply(Action::Redo).event, Event::NothingToRedo);
}

#[test]
fn refusals_settings_and_training_record_nothing() {
    let mut w = ws();
    let n = points(&w).len();
    w.apply(Action::AddPoint {
        x: f64::NAN,
        y: 0.0,
        class: 0,
    });
    w.apply(Action::RemovePoint(n));
    w.apply(Action::ImportCsv {
        name: "x".into(),
        text: "".into(),
    });
    w.apply(Action::LoadJson {
        name: "x".into(),
        text: "{".into(),
    });
    knob(&mut w, Knob::LearningRate, "0.5");
    w.apply(Action::Step);
    w.apply(Action::Reset);
    w.apply(Action::SetModel(ModelKind::Logistic));
    assert!(!w.can_undo());
    let out = w.apply(Action::Undo);
    assert_eq!(out.event, Event::NothingToUndo);
    assert!(!out.changed.data && out.changed.status);
    assert_eq!(status_text(&w, Lang::En), "Nothing to undo.");
    assert_eq!(w.apply(Action::Redo).event, Event::NothingToRedo);
    assert_eq!(status_text(&w, Lang::Zh), "没有可以重做的操作。");
}

#[test]
fn the_undo_history_is_bounded() {
    let mut w = ws();
    w.apply(Action::ClearPoints);
    w.apply(Action::Undo); // back to the preset; Redo holds the clear
    w.apply(Action::ClearPoints);
    let extra = 7;
    for k in 0..UNDO_LIMIT + extra {
        add(&mut w, k as f64 * 0.01, 0.0, 0);
    }
    let mut undone = 0;
    while w.apply(Action::Undo).event != Event::NothingToUndo {
        undone += 1;
    }
    assert_eq!(undone, UNDO_LIMIT);
    assert_eq!(points(&w).len(), extra, "the oldest edits were forgotten");
    let mut redone = 0;
    while w.apply(Action::Redo).event != Event::NothingToRedo {
        redone += 1;
    }
    assert_eq!(redone, UNDO_LIMIT);
    assert_eq!(points(&w).len(), UNDO_LIMIT + extra);
}

#[test]
fn restoring_an_autosave_forgets_the_undo_history() {
    let mut w = ws();
    add(&mut w, 1.0, 1.0, 0);
    let text = neuronlab::app::autosave::encode(&w);
    w.apply(Action::Undo);
    assert!(w.can_redo());
    w.apply(Action::Restore(text));
    assert!(!w.can_undo() && !w.can_redo());
}

#[test]
fn softmax_undo_into_more_classes() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Softmax));
    knob(&mut w, Knob::Classes, "3");
    add(&mut w, 0.0, 0.0, 2);
    w.apply(Action::RemovePoint(points(&w).len() - 1));
    assert_eq!(
        knob(&mut w, Knob::Classes, "2").event,
        Event::SettingChanged(Knob::Classes)
    );
    // Undo brings back the class-3 point: K must grow to 3 again.
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Remove));
    assert_eq!(w.session().settings().classes, 3);
}
