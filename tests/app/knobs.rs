//! The settings' one declaration (`Knob`): defaults in range, set and get
//! round trips, the language lab's knobs, and refusals that name the knob.

use neuronlab::core::data::Task;
use neuronlab::core::model::ModelKind;
use neuronlab::core::settings::{Knob, SettingError, Settings};

#[test]
fn defaults_are_in_range() {
    for k in Knob::ALL {
        assert!(k.range().contains(k.default_value()), "{k:?}");
        assert_eq!(Knob::from_id(k.id()), Some(k));
    }
}

#[test]
fn set_then_get_round_trips() {
    let mut s = Settings::for_model(Task::Classification, ModelKind::Network);
    for k in Knob::ALL
        .into_iter()
        .filter(|k| !k.is_data() && !k.is_lm() && !k.is_workspace())
    {
        let v = k.range().max;
        k.set(&mut s, v);
        assert_eq!(k.get(&s), Some(v), "{k:?}");
    }
    assert!(s.validate().is_ok());
}

#[test]
fn language_model_knobs() {
    let s = Settings::for_model(Task::Classification, ModelKind::Network);
    let lm: Vec<Knob> = Knob::ALL.into_iter().filter(|k| k.is_lm()).collect();
    assert_eq!(lm.len(), 8);
    for k in lm {
        assert!(!k.is_data() && k.get(&s).is_none(), "{k:?}");
        let mut t = s.clone();
        k.set(&mut t, k.range().max);
        assert_eq!(t, s, "{k:?} leaves Settings alone");
    }
    let defaults = [3.0, 2.0, 0.0, 1.0, 10.0, 2.0, 2.0, 32.0];
    let ids = [
        "context",
        "embed",
        "hidden",
        "temperature",
        "top-k",
        "blocks",
        "heads",
        "width",
    ];
    let knobs = [
        Knob::ContextLength,
        Knob::EmbeddingSize,
        Knob::HiddenUnits,
        Knob::Temperature,
        Knob::TopK,
        Knob::Blocks,
        Knob::Heads,
        Knob::Width,
    ];
    for ((k, v), id) in knobs.into_iter().zip(defaults).zip(ids) {
        assert_eq!((k.default_value(), k.id()), (v, id));
    }
    // The knob takes any model's context; the window model's own limit
    // (8) is the lab settings' to check.
    assert!(Knob::ContextLength.parse("65").is_err() && Knob::ContextLength.parse("64").is_ok());
    assert!(Knob::Blocks.parse("5").is_err() && Knob::Heads.parse("0").is_err());
    assert!(Knob::Width.parse("7").is_err() && Knob::Width.parse("128").is_ok());
    assert!(Knob::EmbeddingSize.parse("1").is_err() && Knob::HiddenUnits.parse("0").is_ok());
    assert!(Knob::Temperature.parse("2.5").is_err() && Knob::Temperature.parse("0").is_ok());
    assert!(Knob::TopK.parse("401").is_err() && Knob::TopK.parse("1.5").is_err());
}

#[test]
fn out_of_range_names_the_knob() {
    let mut s = Settings::for_model(Task::Classification, ModelKind::Logistic);
    s.momentum = 0.995;
    assert_eq!(
        s.validate(),
        Err(SettingError::OutOfRange {
            knob: Knob::Momentum,
            value: 0.995
        })
    );
    assert_eq!(
        Knob::BatchSize.parse("2.5"),
        Err(SettingError::OutOfRange {
            knob: Knob::BatchSize,
            value: 2.5
        })
    );
    assert_eq!(
        Knob::Count.parse("lots"),
        Err(SettingError::NotANumber { knob: Knob::Count })
    );
    assert!(Knob::LearningRate.parse("0").is_err());
    assert!(Knob::LearningRate.parse("inf").is_err());
}
