//! Workspace loading: JSON files, shared links and the autosave, good and bad; nothing changes on a refusal.

use crate::support::{add, params, saved, status_text, steps, ws, ws_in};
use neuronlab::app::autosave::{encode, WORKSPACE_FORMAT};
use neuronlab::app::chart::Chart;
use neuronlab::app::event::Source;
use neuronlab::app::{Action, Changed, Event, Lang, Problem};
use neuronlab::core::data::{Preset, Task};
use neuronlab::core::error::{JsonFault, LoadError};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Session;
use neuronlab::core::state::SavedState;

/// A regression session saved from another workspace, after some training.
fn other_regression_json() -> (String, Session) {
    let mut o = ws_in(Task::Regression);
    o.apply(Action::SetModel(ModelKind::Polynomial));
    add(&mut o, 1.0, 1.0, 0);
    steps(&mut o, 4);
    let json = o.session().to_json();
    (json.clone(), Session::from_json(&json).unwrap())
}

#[test]
fn load_json_switches_to_the_files_mode() {
    let (json, want) = other_regression_json();
    let mut w = ws();
    let class_before = saved(&w);
    let out = w.apply(Action::LoadJson {
        name: "poly.json".into(),
        text: json,
    });
    assert_eq!(
        out.event,
        Event::Loaded {
            name: "poly.json".into()
        }
    );
    assert_eq!(out.changed, Changed::ALL);
    assert_eq!(w.task(), Task::Regression);
    assert_eq!(w.session().settings().model.kind, ModelKind::Polynomial);
    assert_eq!(saved(&w), SavedState::of(&want));
    assert_eq!(w.session().step_count(), 4);
    assert_eq!(
        SavedState::of(w.session_of(Task::Classification)),
        class_before
    );
}

#[test]
fn bad_json_is_refused_and_nothing_changes() {
    let mut w = ws();
    steps(&mut w, 2);
    let before = saved(&w);
    let (good, _) = other_regression_json();
    let cases = [
        ("{ \"format\": ", JsonFault::Truncated),
        ("not json", JsonFault::Syntax),
        ("{\"format\": \"neuronlab\"}", JsonFault::Shape),
    ];
    for (text, fault) in cases {
        let out = w.apply(Action::LoadJson {
            name: "x.json".into(),
            text: text.into(),
        });
        let Event::Refused(Problem::Load { source, error }) = out.event else {
            panic!("refused, not {:?}", out.event);
        };
        assert_eq!(source, Source::File("x.json".into()));
        assert!(
            matches!(error, LoadError::Json { fault: f, .. } if f == fault),
            "{error:?}"
        );
        assert!(!out.changed.data);
    }
    let old = good.replace("\"version\": 1", "\"version\": 0");
    let out = w.apply(Action::LoadJson {
        name: "old.json".into(),
        text: old,
    });
    assert!(matches!(
        out.event,
        Event::Refused(Problem::Load {
            error: LoadError::Version {
                found: 0,
                supported: 1
            },
            ..
        })
    ));
    assert_eq!((w.task(), saved(&w)), (Task::Classification, before));
    assert!(!w.can_undo());
    assert!(status_text(&w, Lang::En).contains("Nothing was changed"));
}

#[test]
fn links_open_or_are_refused() {
    let (json, want) = other_regression_json();
    let mut w = ws();
    let out = w.apply(Action::OpenLink(json));
    assert_eq!(out.event, Event::LinkOpened);
    assert_eq!(
        (w.task(), saved(&w)),
        (Task::Regression, SavedState::of(&want))
    );
    let before = saved(&w);
    let out = w.apply(Action::OpenLink("{]".into()));
    assert!(matches!(
        out.event,
        Event::Refused(Problem::Load {
            source: Source::Link,
            ..
        })
    ));
    assert_eq!(saved(&w), before);

    w.apply(Action::TogglePlay);
    let ok = w.apply(Action::Linked(true));
    assert_eq!(ok.event, Event::Linked(true));
    assert!(w.playing(), "a link that worked does not stop Play");
    assert!(status_text(&w, Lang::En).contains("address bar"));
    let failed = w.apply(Action::Linked(false));
    assert_eq!(failed.event, Event::Linked(false));
    assert!(failed.event.is_warning() && failed.changed.status && !failed.changed.data);
}

#[test]
fn restore_round_trips_both_modes() {
    let mut o = ws();
    add(&mut o, 0.5, 0.5, 1);
    o.apply(Action::SetModel(ModelKind::Logistic));
    steps(&mut o, 3);
    o.apply(Action::SelectClass(1));
    o.apply(Action::SetSpeed(17));
    o.apply(Action::SelectChart(Chart::Landscape));
    o.apply(Action::SetTask(Task::Regression));
    add(&mut o, 2.0, -1.0, 0);
    steps(&mut o, 5);
    let text = encode(&o);
    assert!(text.contains(WORKSPACE_FORMAT));

    let mut w = ws();
    add(&mut w, 1.0, 1.0, 0);
    assert!(w.can_undo());
    let out = w.apply(Action::Restore(text.clone()));
    assert_eq!(out.event, Event::Restored);
    assert_eq!(out.changed, Changed::ALL);
    assert_eq!(w.task(), Task::Regression);
    for t in [Task::Classification, Task::Regression] {
        let (a, b) = (w.session_of(t), o.session_of(t));
        assert_eq!(a.data(), b.data(), "{t:?}");
        assert_eq!(a.model().params(), b.model().params(), "{t:?}");
        assert_eq!(a.step_count(), b.step_count(), "{t:?}");
        assert_eq!(a.settings(), b.settings(), "{t:?}");
    }
    assert_eq!((w.speed(), w.chart()), (17, Chart::Landscape));
    assert_eq!(
        encode(&w),
        text,
        "restoring then saving gives the same text"
    );
    w.apply(Action::SetTask(Task::Classification));
    assert_eq!(w.class(), 1);
    assert!(
        !w.can_undo(),
        "a restored workspace starts a fresh undo history"
    );
}

#[test]
fn corrupt_or_old_autosave_is_refused() {
    let mut w = ws();
    add(&mut w, 1.0, 1.0, 0);
    steps(&mut w, 2);
    let before = (saved(&w), w.task(), params(&w), w.can_undo());
    let good = encode(&ws());
    let cases = [
        "".to_string(),
        "garbage".to_string(),
        good[..good.len() / 2].to_string(),
        good.replace("\"version\":1", "\"version\":0"),
        good.replace(WORKSPACE_FORMAT, "somebody-else"),
        good.replace("\"Regression\"", "\"Classification\""),
    ];
    for text in cases {
        let out = w.apply(Action::Restore(text.clone()));
        let Event::Refused(Problem::Load { source, error }) = &out.event else {
            panic!("{text:.60}: refused, not {:?}", out.event);
        };
        assert_eq!(*source, Source::Autosave);
        if text.contains("\"version\":0") {
            assert_eq!(
                *error,
                LoadError::Version {
                    found: 0,
                    supported: 1
                }
            );
        }
        assert!(!out.changed.data);
        assert_eq!((saved(&w), w.task(), params(&w), w.can_undo()), before);
    }
}

#[test]
fn restore_keeps_the_class_chosen_in_classification() {
    let mut o = ws();
    o.apply(Action::ChoosePreset(Preset::ThreeBlobs));
    o.apply(Action::SelectClass(2));
    o.apply(Action::SetTask(Task::Regression));
    let mut w = ws();
    assert_eq!(w.apply(Action::Restore(encode(&o))).event, Event::Restored);
    w.apply(Action::SetTask(Task::Classification));
    assert_eq!(w.class(), 2);
}

#[test]
fn restore_brings_back_the_language_lab() {
    use neuronlab::app::Mode;
    let mut w = ws();
    w.apply(Action::SetMode(Mode::Language));
    let text = "天气很好，我们去公园。天气不好，我们在家。".repeat(3);
    w.apply(Action::SetText(text.clone()));
    for _ in 0..7 {
        w.apply(Action::Step);
    }
    w.apply(Action::SetPrompt("天气".into()));
    w.apply(Action::SetKnob {
        knob: neuronlab::core::settings::Knob::Temperature,
        text: "0.5".into(),
    });
    let saved = encode(&w);

    let mut fresh = ws();
    assert_eq!(
        fresh.apply(Action::Restore(saved.clone())).event,
        Event::Restored
    );
    assert_eq!(
        fresh.mode(),
        Mode::Language,
        "the lab is the mode shown again"
    );
    let (a, b) = (fresh.lab(), w.lab());
    assert_eq!(a.session.settings().text, text);
    assert_eq!(a.session.step_count(), 7);
    assert_eq!(
        a.session.params(),
        b.session.params(),
        "the model is back exactly"
    );
    assert_eq!((a.prompt.as_str(), a.temperature), ("天气", 0.5));
    assert_eq!(encode(&fresh), saved, "and saves back to the same text");
}
