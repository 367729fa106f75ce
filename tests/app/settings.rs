//! Workspace choices: mode, language, model and its options, every knob, parameters typed by hand, selections.

use crate::support::{add, knob, params, points, status_text, steps, ws, ws_in};
use neuronlab::app::chart::Chart;
use neuronlab::app::{Action, Changed, Event, Lang, Problem};
use neuronlab::core::activation::Activation;
use neuronlab::core::data::Task;
use neuronlab::core::error::{ParamError, SettingError};
use neuronlab::core::features::Feature;
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Settings;
use neuronlab::core::settings::Knob;

#[test]
fn each_mode_keeps_its_own_session() {
    let mut w = ws();
    add(&mut w, 1.0, 2.0, 1);
    steps(&mut w, 2);
    let class_points = points(&w);
    let out = w.apply(Action::SetTask(Task::Regression));
    assert_eq!(out.event, Event::TaskChanged);
    assert!(out.changed.data && out.changed.settings && !out.changed.lang);
    assert_eq!(w.task(), Task::Regression);
    assert_eq!(w.session().settings().model.kind, ModelKind::Linear);
    add(&mut w, 0.0, 5.0, 0);
    let reg_points = points(&w);
    assert_eq!(
        w.apply(Action::SetTask(Task::Regression)).event,
        Event::Selected
    );
    w.apply(Action::SetTask(Task::Classification));
    assert_eq!(points(&w), class_points);
    assert_eq!(w.session().step_count(), 2);
    assert_eq!(w.session_of(Task::Regression).data().points, reg_points);
}

#[test]
fn the_language_changes_every_text() {
    let mut w = ws();
    w.apply(Action::ClearPoints);
    assert_eq!(status_text(&w, Lang::En), "All points removed.");
    let out = w.apply(Action::SetLang(Lang::Zh));
    assert_eq!(out.event, Event::LangChanged);
    assert_eq!(out.changed, Changed::ALL);
    assert_eq!(w.lang(), Lang::Zh);
    assert!(
        w.status().is_some(),
        "the status line stays, to be worded again"
    );
    assert_eq!(status_text(&w, w.lang()), "已清除所有点。");
}

#[test]
fn a_model_brings_its_default_learning_rate() {
    let mut w = ws();
    knob(&mut w, Knob::LearningRate, "0.5");
    knob(&mut w, Knob::BatchSize, "3");
    assert_eq!(w.knob(Knob::LearningRate), 0.5);
    for kind in ModelKind::CLASSIFIERS {
        let out = w.apply(Action::SetModel(kind));
        assert_eq!(out.event, Event::ModelChanged(kind));
        assert!(out.changed.settings && out.changed.training);
        let d = Settings::for_model(Task::Classification, kind);
        assert_eq!(w.session().model().kind(), kind);
        assert_eq!(w.knob(Knob::LearningRate), d.learning_rate, "{kind:?}");
        assert_eq!(w.knob(Knob::BatchSize), d.batch_size as f64, "{kind:?}");
    }
    let out = w.apply(Action::SetModel(ModelKind::Polynomial));
    assert_eq!(
        out.event,
        Event::Refused(Problem::Setting(SettingError::ModelForTask {
            kind: ModelKind::Polynomial,
            task: Task::Classification,
        }))
    );
    assert_eq!(w.session().model().kind(), ModelKind::Network);
    let mut r = ws_in(Task::Regression);
    knob(&mut r, Knob::LearningRate, "0.3");
    r.apply(Action::SetModel(ModelKind::Network));
    assert_eq!(r.knob(Knob::LearningRate), 0.03);
}

/// A good value for each knob, one out of range, and the network it needs.
fn cases() -> Vec<(Knob, &'static str, f64, &'static str)> {
    vec![
        (Knob::LearningRate, "0.25", 0.25, "0"),
        (Knob::BatchSize, "4", 4.0, "2.5"),
        (Knob::Momentum, "0.9", 0.9, "1"),
        (Knob::L2, "0.01", 0.01, "-1"),
        (Knob::Holdout, "20", 20.0, "95"),
        (Knob::Seed, "42", 42.0, "-1"),
        (Knob::Classes, "3", 3.0, "6"),
        (Knob::Layers, "3", 3.0, "5"),
        (Knob::Units, "5", 5.0, "17"),
        (Knob::Degree, "4", 4.0, "10"),
        (Knob::Count, "70", 70.0, "0"),
        (Knob::Noise, "0.5", 0.5, "1.5"),
        (Knob::DataSeed, "9", 9.0, "4294967296"),
        (Knob::ContextLength, "4", 4.0, "65"),
        (Knob::EmbeddingSize, "8", 8.0, "1"),
        (Knob::HiddenUnits, "16", 16.0, "129"),
        (Knob::Temperature, "0.5", 0.5, "2.5"),
        (Knob::TopK, "5", 5.0, "401"),
        (Knob::Steps, "250", 250.0, "0"),
        (Knob::Shift, "1.5", 1.5, "7"),
        (Knob::Blocks, "3", 3.0, "5"),
        (Knob::Heads, "1", 1.0, "0"),
        (Knob::Width, "64", 64.0, "129"),
    ]
}

#[test]
fn every_knob_takes_a_good_value_and_refuses_bad_ones() {
    assert_eq!(cases().len(), Knob::ALL.len());
    for (k, good, value, out_of_range) in cases() {
        let mut w = ws();
        w.apply(Action::SetModel(ModelKind::Network));
        let start = w.knob(k);
        let settings = w.session().settings().clone();

        let out = knob(&mut w, k, " abc ");
        assert_eq!(
            out.event,
            Event::Refused(Problem::Setting(SettingError::NotANumber { knob: k }))
        );
        assert_eq!(w.invalid(k), Some(&SettingError::NotANumber { knob: k }));
        assert!(out.changed.settings && out.changed.status && !out.changed.data);
        assert!(status_text(&w, Lang::En).contains("The previous value is kept"));

        let out = knob(&mut w, k, out_of_range);
        let Event::Refused(Problem::Setting(SettingError::OutOfRange {
            knob: which,
            value: v,
        })) = out.event
        else {
            panic!("{k:?} {out_of_range}: {:?}", out.event);
        };
        assert_eq!((which, v), (k, out_of_range.parse().unwrap()));
        assert!(matches!(
            w.invalid(k),
            Some(SettingError::OutOfRange { .. })
        ));
        assert_eq!(w.knob(k), start, "{k:?}: a refused value is not applied");
        assert_eq!(w.session().settings(), &settings);
        for other in Knob::ALL.into_iter().filter(|&o| o != k) {
            assert_eq!(w.invalid(other), None, "{k:?} marked {other:?}");
        }

        let out = knob(&mut w, k, good);
        assert_eq!(out.event, Event::SettingChanged(k), "{k:?}");
        assert_eq!(w.knob(k), value, "{k:?}");
        assert_eq!(w.invalid(k), None, "{k:?}: a good value clears the mark");
        // Data-set and language-lab knobs leave the plane's settings alone.
        let elsewhere = k.is_data() || k.is_lm() || k.is_workspace();
        assert_eq!(elsewhere, w.session().settings() == &settings, "{k:?}");
    }
}

#[test]
fn knobs_reach_the_session() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Network));
    knob(&mut w, Knob::Layers, "1");
    knob(&mut w, Knob::Units, "3");
    let s = w.session().settings();
    assert_eq!(s.model.hidden, vec![3]);
    // 2 inputs → 3 hidden → 1 output.
    assert_eq!(params(&w).len(), 2 * 3 + 3 + 3 + 1);
    knob(&mut w, Knob::Holdout, "50");
    assert!(!w.session().heldout_indices().is_empty());
    assert_eq!(w.session().settings().holdout, 0.5);
    // Fewer classes than the data has is refused, and the field says so.
    knob(&mut w, Knob::Classes, "3");
    add(&mut w, 0.0, 0.0, 2);
    let out = knob(&mut w, Knob::Classes, "2");
    let want = SettingError::ClassesInData { have: 3 };
    assert_eq!(out.event, Event::Refused(Problem::Setting(want.clone())));
    assert_eq!(w.invalid(Knob::Classes), Some(&want));
    assert_eq!(w.knob(Knob::Classes), 3.0);
}

#[test]
fn model_options() {
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Network));
    let n = params(&w).len();
    let out = w.apply(Action::SetActivation(Activation::Relu));
    assert_eq!(out.event, Event::OptionChanged);
    assert!(out.changed.settings);
    assert_eq!(w.session().settings().model.activation, Activation::Relu);
    let out = w.apply(Action::SetActivation(Activation::Step));
    assert_eq!(
        out.event,
        Event::Refused(Problem::Setting(SettingError::StepHidden))
    );
    assert_eq!(w.session().settings().model.activation, Activation::Relu);

    assert_eq!(
        w.apply(Action::SetSoftmaxOutput(true)).event,
        Event::OptionChanged
    );
    assert!(w.session().settings().model.softmax_output);
    assert_eq!(
        params(&w).len(),
        n + 9,
        "a second output unit: 8 weights and a bias"
    );

    let extras = vec![Feature::X1Sq, Feature::X1X2];
    assert_eq!(
        w.apply(Action::SetFeatures(extras.clone())).event,
        Event::OptionChanged
    );
    assert_eq!(w.session().settings().model.extras, extras);
    let out = w.apply(Action::SetFeatures(vec![Feature::X1]));
    assert_eq!(
        out.event,
        Event::Refused(Problem::Setting(SettingError::Feature))
    );
    assert_eq!(w.session().settings().model.extras, extras);

    let mut r = ws_in(Task::Regression);
    r.apply(Action::SetModel(ModelKind::Network));
    assert_eq!(
        r.apply(Action::SetFeatures(vec![Feature::X2Sq])).event,
        Event::Refused(Problem::Setting(SettingError::Feature))
    );
    assert_eq!(
        r.apply(Action::SetFeatures(vec![Feature::SinX1])).event,
        Event::OptionChanged
    );
}

#[test]
fn parameters_typed_by_hand() {
    let mut w = ws();
    steps(&mut w, 2);
    let before = params(&w);
    let out = w.apply(Action::SetParam {
        index: 1,
        text: " -0.75 ".into(),
    });
    assert_eq!(out.event, Event::ParamSet(1));
    assert!(out.changed.training);
    let mut want = before.clone();
    want[1] = -0.75;
    assert_eq!(params(&w), want);
    assert_eq!(w.session().step_count(), 2, "the counters stay");
    // Step back still works after a hand edit.
    assert_eq!(w.apply(Action::StepBack).event, Event::SteppedBack(1));

    let edited = params(&w);
    for text in ["abc", "", "NaN", "inf"] {
        let out = w.apply(Action::SetParam {
            index: 0,
            text: text.into(),
        });
        assert_eq!(out.event, Event::Refused(Problem::ParamText), "{text:?}");
        assert!(out.changed.status);
    }
    let out = w.apply(Action::SetParam {
        index: 0,
        text: "1e7".into(),
    });
    assert_eq!(out.event, Event::Refused(Problem::Param(ParamError::Value)));
    assert!(status_text(&w, Lang::En).contains("the parameter is unchanged"));
    assert_eq!(params(&w), edited);
    let out = w.apply(Action::SetParam {
        index: 1e6 as usize,
        text: "1".into(),
    });
    assert!(out.event.is_refusal());
    assert_eq!(params(&w), edited);
}

#[test]
fn selections() {
    let mut w = ws();
    assert_eq!(w.apply(Action::SelectClass(1)).event, Event::Selected);
    assert_eq!(w.class(), 1);
    w.apply(Action::SelectClass(2));
    assert_eq!(w.class(), 1, "class 3 of 2 is ignored");
    knob(&mut w, Knob::Classes, "5");
    w.apply(Action::SelectClass(4));
    assert_eq!(w.class(), 4);
    knob(&mut w, Knob::Classes, "2");
    assert_eq!(w.class(), 1, "fewer classes pull the selection in");

    assert_eq!(w.apply(Action::SetPicks(2, 3)).event, Event::Selected);
    assert_eq!(w.picks(), (2, 3));
    w.apply(Action::SelectChart(Chart::Loss));
    assert_eq!(w.picks(), (2, 3), "the same chart keeps the pickers");
    w.apply(Action::SelectChart(Chart::Landscape));
    assert_eq!((w.chart(), w.picks()), (Chart::Landscape, (0, 1)));

    for (asked, got) in [(0, 1), (5, 5), (1000, 1000), (1_000_000, 1000)] {
        assert_eq!(w.apply(Action::SetSpeed(asked)).event, Event::Selected);
        assert_eq!(w.speed(), got);
    }

    let mut r = ws_in(Task::Regression);
    r.apply(Action::SelectClass(1));
    assert_eq!(r.class(), 0, "regression has no classes to pick");
}

#[test]
fn a_larger_holdout_still_saves_a_file_that_loads() {
    use neuronlab::core::session::Session;
    let mut w = ws();
    w.apply(Action::SetModel(ModelKind::Logistic));
    steps(&mut w, 3); // batch 10 on 40 points: the cursor is at 30
    assert_eq!(
        knob(&mut w, Knob::Holdout, "90").event,
        Event::SettingChanged(Knob::Holdout)
    );
    assert!(w.session().cursor() <= w.session().train_indices().len());
    assert!(Session::from_json(&w.session().to_json()).is_ok());
    let text = neuronlab::app::autosave::encode(&w);
    assert_eq!(ws().apply(Action::Restore(text)).event, Event::Restored);
}

#[test]
fn a_new_seed_splits_as_a_reload_does() {
    use neuronlab::core::session::Session;
    let mut w = ws();
    knob(&mut w, Knob::Holdout, "50");
    knob(&mut w, Knob::Seed, "40");
    let back = Session::from_json(&w.session().to_json()).expect("loads");
    assert_eq!(back.heldout_indices(), w.session().heldout_indices());
}

#[test]
fn a_data_knob_that_clears_its_mark_redraws_the_form() {
    let mut w = ws();
    knob(&mut w, Knob::Count, "abc");
    w.apply(Action::Step); // the status line moves on
    let out = knob(&mut w, Knob::Count, "50");
    assert_eq!(w.invalid(Knob::Count), None);
    assert!(
        out.changed.settings,
        "the form must drop the mark: {:?}",
        out.changed
    );
}

#[test]
fn regenerate_with_a_refused_count_says_so_and_changes_nothing() {
    // Typing −5 into Count marked the field; Regenerate then quietly used
    // the last good count and cleared the status line, the field still −5.
    let mut w = ws();
    let before = points(&w);
    let out = knob(&mut w, Knob::Count, "-5");
    assert!(out.event.is_refusal());
    let out = w.apply(Action::Regenerate);
    let Event::Refused(Problem::Pending(SettingError::OutOfRange {
        knob: Knob::Count, ..
    })) = out.event
    else {
        panic!("Regenerate with Count at −5: {:?}", out.event);
    };
    assert_eq!(points(&w), before, "nothing regenerated");
    for lang in Lang::ALL {
        let line = status_text(&w, lang);
        assert!(
            line.contains("10000") && !line.is_empty(),
            "{lang:?}: {line}"
        );
    }
    assert!(status_text(&w, Lang::En).starts_with("Count"));
    assert!(status_text(&w, Lang::Zh).starts_with("数量"));
    // Once the count is good again, Regenerate regenerates.
    knob(&mut w, Knob::Count, "25");
    assert_eq!(w.apply(Action::Regenerate).event, Event::PresetLoaded);
    assert_eq!(points(&w).len(), 25);
}

#[test]
fn a_knobs_group_says_where_its_value_is_kept() {
    use neuronlab::core::settings::KnobGroup as G;
    let s = Settings::for_model(Task::Classification, ModelKind::Network);
    let w = ws();
    for k in Knob::ALL {
        let in_settings = matches!(k.group(), G::Training | G::Model);
        assert_eq!(k.get(&s).is_some(), in_settings, "{k:?}");
        assert_eq!(k.is_data(), k.group() == G::Data, "{k:?}");
        // The form reads every knob from the workspace, wherever it is kept.
        assert!(w.knob(k).is_finite(), "{k:?}");
    }
}
