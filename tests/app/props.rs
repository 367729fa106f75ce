//! Random action sequences never panic, and every state reached saves to a file (and an autosave) that loads again.

use crate::support::ws;
use neuronlab::app::autosave::{encode, SavedWorkspace};
use neuronlab::app::{wording, Action, Event, Lang, Workspace};
use neuronlab::core::data::{Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Session;
use neuronlab::core::settings::Knob;
use neuronlab::core::state::SavedState;
use proptest::prelude::*;

/// Stands for the workspace's own state: its session's file for
/// `LoadJson`, its autosave for `Restore`.
const SELF: &str = "@self";

/// What the user may type into a number field.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "", "abc", "NaN", "inf", "-1", "0", "1", "2", "3", "5", "0.5", "0.99", "2.5", "100",
            "1e9", " 7 ", "0x10",
        ])
        .prop_map(String::from),
        (0u32..60).prop_map(|n| n.to_string()),
        (-2.0f64..2.0).prop_map(|v| v.to_string()),
        "[0-9a-z.e+-]{0,6}",
    ]
}

fn coord() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -7.0f64..7.0,
        1 => Just(f64::NAN),
        1 => Just(2e6),
    ]
}

/// Any action a user can take, with hostile values among the ordinary ones.
fn action() -> impl Strategy<Value = Action> {
    let models = vec![
        ModelKind::Perceptron,
        ModelKind::Logistic,
        ModelKind::Softmax,
        ModelKind::Network,
        ModelKind::Linear,
        ModelKind::Polynomial,
    ];
    let classes = 5;
    let row = (coord(), coord(), 1..=classes).prop_map(|(x, y, c)| format!("{x},{y},{c}"));
    let csv = prop::collection::vec(row, 0..8).prop_map(|rows| rows.join("\n"));
    prop_oneof![
        1 => csv.prop_map(|text| Action::ImportCsv { name: "r.csv".into(), text }),
        1 => Just(Action::LoadJson { name: SELF.into(), text: String::new() }),
        1 => Just(Action::Restore(SELF.into())),
        6 => (coord(), coord(), 0usize..6).prop_map(|(x, y, class)| Action::AddPoint { x, y, class }),
        3 => (0usize..50, coord(), coord()).prop_map(|(i, x, y)| Action::MovePoint { i, x, y }),
        3 => (0usize..50).prop_map(Action::RemovePoint),
        1 => (0usize..50).prop_map(Action::DragStart),
        2 => (coord(), coord()).prop_map(|(x, y)| Action::DragTo { x, y }),
        1 => Just(Action::DragEnd),
        6 => Just(Action::Step),
        3 => Just(Action::StepBack),
        2 => (0u64..40).prop_map(Action::Seek),
        4 => Just(Action::Undo),
        3 => Just(Action::Redo),
        5 => (prop::sample::select(Knob::ALL.to_vec()), text()).prop_map(|(knob, text)| Action::SetKnob { knob, text }),
        1 => prop::sample::select(models).prop_map(Action::SetModel),
        1 => any::<bool>().prop_map(Action::SetSoftmaxOutput),
        1 => prop::sample::select(Preset::ALL.to_vec()).prop_map(Action::ChoosePreset),
        1 => Just(Action::Regenerate),
        1 => Just(Action::ClearPoints),
        1 => prop::sample::select(vec![Task::Classification, Task::Regression]).prop_map(Action::SetTask),
        1 => Just(Action::TogglePlay),
        2 => Just(Action::Tick),
        1 => Just(Action::Reset),
        1 => (0usize..40, text()).prop_map(|(index, text)| Action::SetParam { index, text }),
        1 => (0usize..6).prop_map(Action::SelectClass),
    ]
}

/// What must hold after every action.
fn check(w: &Workspace, after: &Action) -> Result<(), TestCaseError> {
    for task in [Task::Classification, Task::Regression] {
        let s = w.session_of(task);
        let json = s.to_json();
        let back = Session::from_json(&json);
        prop_assert!(
            back.is_ok(),
            "after {:?}: {:?} does not load: {:?}",
            after,
            task,
            back.err()
        );
        let back = back.unwrap();
        prop_assert_eq!(
            SavedState::of(&back),
            SavedState::of(s),
            "{:?} changed in a round trip",
            task
        );
        prop_assert_eq!(
            back.heldout_indices(),
            s.heldout_indices(),
            "{:?}: another split",
            task
        );
        prop_assert!(s.model().params().iter().all(|v| v.is_finite()));
        prop_assert!(s.settings().classes >= s.data().class_count());
    }
    if let Some(event) = w.status() {
        for lang in Lang::ALL {
            let line = wording::status(lang, event);
            prop_assert!(
                !line.is_empty() && !line.contains('{'),
                "{:?}: {:?}",
                event,
                line
            );
            prop_assert!(
                line.chars().count() < 400,
                "{:?}: {} chars",
                event,
                line.chars().count()
            );
        }
    }
    Ok(())
}

fn run(actions: Vec<Action>) -> Result<(), TestCaseError> {
    let mut w = ws();
    for mut a in actions {
        match &mut a {
            Action::LoadJson { name, text } if name == SELF => *text = w.session().to_json(),
            Action::Restore(text) if text == SELF => *text = encode(&w),
            _ => {}
        }
        let out = w.apply(a.clone());
        if out.event.is_refusal() {
            prop_assert!(!out.changed.data, "{:?} refused but changed the data", a);
        }
        check(&w, &a)?;
    }
    let mut fresh = ws();
    let out = fresh.apply(Action::Restore(encode(&w)));
    prop_assert_eq!(out.event, Event::Restored);
    let read =
        |w: &Workspace| -> SavedWorkspace { neuronlab::core::json::from_str(&encode(w)).unwrap() };
    prop_assert_eq!(read(&fresh), read(&w));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_actions_keep_a_state_that_saves_and_loads(
        actions in prop::collection::vec(action(), 1..50)
    ) {
        run(actions)?;
    }
}
