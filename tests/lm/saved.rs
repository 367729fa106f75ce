//! Saving and loading a session: an exact round trip, corrupt files refused.

use super::{bits, session};
use neuronlab::core::error::{JsonFault, LoadError};
use neuronlab::core::lm::session::{LmSession, Sides};
use neuronlab::core::lm::tokens::TextError;
use neuronlab::core::session::MAX_STEP;
use neuronlab::core::settings::{Knob, SettingError};

/// Save and load: the same session, bit for bit, that trains on the same way.
#[test]
fn json_round_trips_exactly() {
    let mut s = session("mary-lamb", |s| {
        s.hidden = 5;
        s.sides = Sides::Both;
        s.batch_size = 9;
    });
    s.run(37).unwrap();
    let json = s.to_json();
    let mut t = LmSession::from_json(&json).unwrap();
    assert_eq!(t.settings(), s.settings());
    assert_eq!(bits(&t.params()), bits(&s.params()));
    let counters = |s: &LmSession| (s.step_count(), s.epoch(), s.cursor());
    assert_eq!(counters(&t), counters(&s));
    assert_eq!(t.to_json(), json);
    s.run(30).unwrap();
    t.run(30).unwrap();
    assert_eq!(
        bits(&t.params()),
        bits(&s.params()),
        "trains on identically"
    );
}

/// Corrupt files are refused with typed errors.
#[test]
fn corrupt_files_are_refused() {
    let s = session("en-repeat", |_| {});
    let good: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        LmSession::from_json(&v.to_string()).err()
    };
    let json_fault = |text: &str| match LmSession::from_json(text) {
        Err(LoadError::Json { fault, .. }) => fault,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(json_fault(""), JsonFault::Truncated);
    assert_eq!(json_fault(&s.to_json()[..100]), JsonFault::Truncated);
    assert_eq!(json_fault("nope"), JsonFault::Syntax);
    assert_eq!(json_fault("{\"format\": 3}"), JsonFault::Shape);
    let past_end = s.windows().expect("the window model").len() + 1;
    let cursor_past = move |v: &mut serde_json::Value| v["cursor"] = past_end.into();
    let cases: Vec<(&Edit, LoadError)> = vec![
        (
            &|v| v["format"] = "neuronlab".into(),
            LoadError::Format("neuronlab".into()),
        ),
        (
            &|v| v["version"] = 2.into(),
            LoadError::Version {
                found: 2,
                supported: 1,
            },
        ),
        (
            &|v| v["settings"]["text"] = "".into(),
            LoadError::Text(TextError::Empty),
        ),
        (
            &|v| v["settings"]["text"] = "ab\u{7}".into(),
            LoadError::Text(TextError::Control { ch: '\u{7}', at: 3 }),
        ),
        (
            &|v| v["settings"]["context"] = 9.into(),
            LoadError::Settings(SettingError::ContextForModel {
                value: 9,
                min: 1,
                max: 8,
            }),
        ),
        (
            &|v| v["settings"]["learning_rate"] = 0.0.into(),
            out_of_range(Knob::LearningRate, 0.0),
        ),
        (
            &|v| v["params"].as_array_mut().unwrap().truncate(3),
            LoadError::ParamCount {
                expected: s.params().len(),
                found: 3,
            },
        ),
        (&|v| v["params"][0] = 1e300.into(), LoadError::ParamValue),
        (&|v| v["step"] = (MAX_STEP + 1).into(), LoadError::Counter),
        (&cursor_past, LoadError::Cursor),
    ];
    for (f, want) in cases {
        assert_eq!(edit(f), Some(want));
    }
    let shape = edit(&|v| v["params"][1] = serde_json::Value::Null);
    assert!(matches!(
        shape,
        Some(LoadError::Json {
            fault: JsonFault::Shape,
            ..
        })
    ));
    let sides = edit(&|v| v["settings"]["sides"] = "up".into());
    assert!(matches!(
        sides,
        Some(LoadError::Json {
            fault: JsonFault::Shape,
            ..
        })
    ));
    assert!(edit(&|_| {}).is_none(), "the untouched file loads");
}

/// A change to a saved file's JSON.
type Edit = dyn Fn(&mut serde_json::Value);

fn out_of_range(knob: Knob, value: f64) -> LoadError {
    LoadError::Settings(SettingError::OutOfRange { knob, value })
}
