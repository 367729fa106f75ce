//! Workspace data edits: points added, removed, moved and dragged, cleared, data sets and CSV files.

use crate::support::{add, knob, points, saved, status_text, ws, ws_in};
use neuronlab::app::{Action, Event, Lang, Problem};
use neuronlab::core::csv::CsvError;
use neuronlab::core::data::{DataError, Point, Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::settings::Knob;

#[test]
fn add_point_uses_the_actions_class_and_ignores_it_in_regression() {
    let mut w = ws();
    let n = points(&w).len();
    let out = w.apply(Action::AddPoint {
        x: 1.5,
        y: -2.0,
        class: 1,
    });
    assert_eq!(out.event, Event::PointAdded(n));
    assert!(out.changed.data && out.changed.training && !out.changed.lang);
    assert_eq!(points(&w)[n], Point::new(1.5, -2.0, 1));
    assert_eq!(points(&w).len(), n + 1);
    assert!(w.can_undo());

    let mut r = ws_in(Task::Regression);
    let m = points(&r).len();
    assert_eq!(add(&mut r, 0.5, 3.0, 3), m);
    assert_eq!(points(&r)[m], Point::new(0.5, 3.0, 0));
}

#[test]
fn a_refused_point_changes_nothing() {
    let mut w = ws();
    let before = points(&w);
    let bad = [
        (f64::NAN, 0.0, 0, DataError::NotFinite),
        (2e6, 0.0, 0, DataError::TooFar),
        (0.0, 0.0, 2, DataError::BadClass(2)),
    ];
    for (x, y, class, error) in bad {
        let out = w.apply(Action::AddPoint { x, y, class });
        assert_eq!(out.event, Event::Refused(Problem::Data(error)));
        assert!(!out.changed.data && out.changed.status);
        assert_eq!(points(&w), before);
    }
    assert!(!w.can_undo());
    assert!(status_text(&w, Lang::En).contains("cannot be added"));
}

#[test]
fn remove_and_move_points() {
    let mut w = ws();
    let before = points(&w);
    let out = w.apply(Action::RemovePoint(3));
    assert_eq!(out.event, Event::PointRemoved(3));
    assert!(out.changed.data);
    let mut want = before.clone();
    want.remove(3);
    assert_eq!(points(&w), want);

    let class = points(&w)[0].class;
    let out = w.apply(Action::MovePoint {
        i: 0,
        x: -4.0,
        y: 4.5,
    });
    assert_eq!(out.event, Event::PointMoved(0));
    assert_eq!(points(&w)[0], Point::new(-4.0, 4.5, class));

    let n = points(&w).len();
    let gone = w.apply(Action::RemovePoint(n));
    assert_eq!(
        gone.event,
        Event::Refused(Problem::Data(DataError::NoSuchPoint(n)))
    );
    let far = w.apply(Action::MovePoint {
        i: 0,
        x: f64::INFINITY,
        y: 0.0,
    });
    assert_eq!(
        far.event,
        Event::Refused(Problem::Data(DataError::NotFinite))
    );
    assert_eq!(points(&w)[0], Point::new(-4.0, 4.5, class));
}

#[test]
fn a_drag_is_one_edit_and_a_click_is_none() {
    let mut w = ws();
    let before = points(&w);
    assert_eq!(w.apply(Action::DragStart(2)).event, Event::Selected);
    assert_eq!(w.dragging(), Some(2));
    w.apply(Action::DragEnd);
    assert_eq!(w.dragging(), None);
    assert!(!w.can_undo(), "a click without a move records no edit");

    w.apply(Action::DragStart(2));
    for k in 1..=5 {
        let out = w.apply(Action::DragTo {
            x: k as f64,
            y: -(k as f64),
        });
        assert_eq!(out.event, Event::PointMoved(2));
        assert!(out.changed.data);
    }
    w.apply(Action::DragEnd);
    assert_eq!((points(&w)[2].x, points(&w)[2].y), (5.0, -5.0));
    assert_eq!(
        w.apply(Action::Undo).event,
        Event::Undone(neuronlab::app::Edit::Move)
    );
    assert_eq!(points(&w), before);
    assert_eq!(w.apply(Action::Undo).event, Event::NothingToUndo);

    // A move with no drag, or a drag of no point, does nothing.
    assert_eq!(
        w.apply(Action::DragTo { x: 1.0, y: 1.0 }).event,
        Event::Selected
    );
    assert_eq!(points(&w), before);
    let n = before.len();
    let out = w.apply(Action::DragStart(n));
    assert_eq!(
        out.event,
        Event::Refused(Problem::Data(DataError::NoSuchPoint(n)))
    );
    assert_eq!(w.dragging(), None);
}

#[test]
fn clear_points_empties_the_data_and_stops_play() {
    let mut w = ws();
    w.apply(Action::TogglePlay);
    assert!(w.playing());
    let out = w.apply(Action::ClearPoints);
    assert_eq!(out.event, Event::PointsCleared);
    assert!(out.changed.data && out.changed.status);
    assert!(points(&w).is_empty() && !w.playing());
    assert_eq!(status_text(&w, Lang::En), "All points removed.");
}

#[test]
fn presets_use_the_count_noise_and_seed_knobs() {
    let mut w = ws();
    for (k, text) in [
        (Knob::Count, "60"),
        (Knob::Noise, "0"),
        (Knob::DataSeed, "5"),
    ] {
        assert_eq!(knob(&mut w, k, text).event, Event::SettingChanged(k));
    }
    assert_eq!(
        (
            w.knob(Knob::Count),
            w.knob(Knob::Noise),
            w.knob(Knob::DataSeed)
        ),
        (60.0, 0.0, 5.0)
    );
    let out = w.apply(Action::ChoosePreset(Preset::Xor));
    assert_eq!(out.event, Event::PresetLoaded);
    assert!(out.changed.data);
    assert_eq!(w.preset(), Preset::Xor);
    assert_eq!(w.session().data(), &Preset::Xor.generate(60, 0.0, 5));

    knob(&mut w, Knob::DataSeed, "6");
    assert_eq!(w.apply(Action::Regenerate).event, Event::PresetLoaded);
    assert_eq!(w.session().data(), &Preset::Xor.generate(60, 0.0, 6));

    let before = points(&w);
    let out = w.apply(Action::ChoosePreset(Preset::Sine));
    assert_eq!(
        out.event,
        Event::Refused(Problem::Data(DataError::OtherMode))
    );
    assert_eq!((points(&w), w.preset()), (before, Preset::Xor));

    // Three classes: K grows to fit, and the perceptron says it cannot.
    w.apply(Action::ChoosePreset(Preset::ThreeBlobs));
    assert_eq!(w.session().settings().classes, 3);
    let out = w.apply(Action::Step);
    assert_eq!(
        out.event,
        Event::Refused(Problem::Step(
            neuronlab::core::error::StepError::TooManyClasses
        ))
    );

    let mut r = ws_in(Task::Regression);
    assert_eq!(
        r.apply(Action::ChoosePreset(Preset::Cubic)).event,
        Event::PresetLoaded
    );
    assert_eq!(r.session().data(), &Preset::Cubic.generate(40, 0.2, 1));
}

#[test]
fn csv_import_good_and_bad() {
    let mut w = ws();
    let out = w.apply(Action::ImportCsv {
        name: "mine.csv".into(),
        text: "x1,x2,class\n1,2,1\n-1,-2,2\n".into(),
    });
    assert_eq!(
        out.event,
        Event::Loaded {
            name: "mine.csv".into()
        }
    );
    assert!(out.changed.data);
    assert_eq!(
        points(&w),
        vec![Point::new(1.0, 2.0, 0), Point::new(-1.0, -2.0, 1)]
    );
    assert_eq!(status_text(&w, Lang::En), "Loaded mine.csv.");

    let before = saved(&w);
    let out = w.apply(Action::ImportCsv {
        name: "bad.csv".into(),
        text: "1,2,1\n1,oops,2\n".into(),
    });
    let want = Problem::Csv {
        name: "bad.csv".into(),
        error: CsvError::NotNumber {
            line: 2,
            cell: "oops".into(),
        },
    };
    assert_eq!(out.event, Event::Refused(want));
    assert!(!out.changed.data);
    assert_eq!(saved(&w), before);
    assert!(status_text(&w, Lang::En).contains("line 2"));
    assert!(status_text(&w, Lang::Zh).contains("第 2 行"));

    // Regression reads x,y rows.
    let mut r = ws_in(Task::Regression);
    r.apply(Action::ImportCsv {
        name: "r.csv".into(),
        text: "0 1\n2 3\n".into(),
    });
    assert_eq!(
        points(&r),
        vec![Point::new(0.0, 1.0, 0), Point::new(2.0, 3.0, 0)]
    );
}

#[test]
fn softmax_takes_a_data_set_with_more_classes() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Softmax));
    assert_eq!(
        w.apply(Action::ChoosePreset(Preset::ThreeBlobs)).event,
        Event::PresetLoaded
    );
    assert_eq!(w.session().settings().classes, 3);
    assert!(matches!(w.apply(Action::Step).event, Event::Stepped(1)));
}

#[test]
fn softmax_imports_a_csv_with_more_classes() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Network));
    w.apply(Action::SetSoftmaxOutput(true));
    let out = w.apply(Action::ImportCsv {
        name: "three.csv".into(),
        text: "1,1,1\n2,2,2\n3,3,3\n".into(),
    });
    assert_eq!(
        out.event,
        Event::Loaded {
            name: "three.csv".into()
        }
    );
    assert_eq!(w.session().settings().classes, 3);
}
