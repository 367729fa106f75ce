//! Random action sequences never panic, and every state reached saves to a file (and an autosave) that loads again.

use crate::support::ws;
use neuronlab::app::attention::{AttentionPick, Show, Stage};
use neuronlab::app::autosave::{encode, SavedWorkspace};
use neuronlab::app::chart::Chart;
use neuronlab::app::lab::Progress;
use neuronlab::app::lessons::course::encode_done;
use neuronlab::app::lessons::saved::encode_lesson;
use neuronlab::app::line::Grip;
use neuronlab::app::{wording, Action, Event, Lang, Mode, PointField, Workspace};
use neuronlab::core::activation::Activation;
use neuronlab::core::analysis::ood::ShiftKind;
use neuronlab::core::data::{Preset, Task};
use neuronlab::core::features::Feature;
use neuronlab::core::history::Snapshot;
use neuronlab::core::lm::settings::LmKind;
use neuronlab::core::lm::texts::TEXTS;
use neuronlab::core::lm::transformer::learner::Objective;
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Session;
use neuronlab::core::settings::Knob;
use neuronlab::core::state::SavedState;
use proptest::prelude::*;
use proptest::strategy::Union;

/// Stands for the workspace's own state: its session's file for
/// `LoadJson` and `OpenLink`, its autosave for `Restore`, its lesson in
/// progress for `ResumeLesson`.
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

/// What the user may type into a text field of the language lab.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "hello world",
            "床前明月光",
            "e\u{301}🙂",
            "\n\n"
        ])
        .prop_map(String::from),
        "[a-z 一二三。]{0,40}",
    ]
}

fn coord() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -7.0f64..7.0,
        1 => Just(f64::NAN),
        1 => Just(2e6),
    ]
}

/// The action strategy, built from one arm per [`Action`] variant: its
/// pattern, its weight among the others and how it is drawn. The arms'
/// patterns also make a `match` with no wildcard, so a new variant does
/// not compile until it has an arm here; and every drawn action is
/// checked to match its own arm's pattern.
macro_rules! every_action {
    ($($pattern:pat => $weight:expr, $draw:expr;)*) => {
        /// Compiles only while the arms cover every variant.
        #[allow(dead_code)]
        fn covered(a: &Action) {
            match a {
                $($pattern => {})*
            }
        }

        /// Any action a user can take, with hostile values among the ordinary ones.
        fn action() -> impl Strategy<Value = Action> {
            Union::new_weighted(vec![$((
                $weight,
                ($draw)
                    .prop_map(|a: Action| {
                        assert!(matches!(a, $pattern), "{a:?} drawn for {}", stringify!($pattern));
                        a
                    })
                    .boxed(),
            )),*])
        }
    };
}

every_action! {
    Action::AddPoint { .. } => 6,
        (coord(), coord(), 0usize..6).prop_map(|(x, y, class)| Action::AddPoint { x, y, class });
    Action::RemovePoint(_) => 3, (0usize..50).prop_map(Action::RemovePoint);
    Action::MovePoint { .. } => 3,
        (0usize..50, coord(), coord()).prop_map(|(i, x, y)| Action::MovePoint { i, x, y });
    Action::DragStart(_) => 1, (0usize..50).prop_map(Action::DragStart);
    Action::DragTo { .. } => 2, (coord(), coord()).prop_map(|(x, y)| Action::DragTo { x, y });
    Action::DragEnd => 1, Just(Action::DragEnd);
    Action::ClearPoints => 1, Just(Action::ClearPoints);
    Action::ChoosePreset(_) => 1,
        prop::sample::select(Preset::ALL.to_vec()).prop_map(Action::ChoosePreset);
    Action::Regenerate => 1, Just(Action::Regenerate);
    Action::ImportCsv { .. } => 1, {
        let row = (coord(), coord(), 1..=5).prop_map(|(x, y, c)| format!("{x},{y},{c}"));
        prop::collection::vec(row, 0..8)
            .prop_map(|rows| Action::ImportCsv { name: "r.csv".into(), text: rows.join("\n") })
    };
    Action::LoadJson { .. } => 1, Just(Action::LoadJson { name: SELF.into(), text: String::new() });
    Action::Restore(_) => 1, Just(Action::Restore(SELF.into()));
    Action::StartFresh => 1, Just(Action::StartFresh);
    Action::OpenLink(_) => 1,
        prop_oneof![Just(SELF.to_string()), words()].prop_map(Action::OpenLink);
    Action::Linked(_) => 1, any::<bool>().prop_map(Action::Linked);
    Action::Undo => 4, Just(Action::Undo);
    Action::Redo => 3, Just(Action::Redo);
    Action::Step => 6, Just(Action::Step);
    Action::StepBack => 3, Just(Action::StepBack);
    Action::Seek(_) => 2, (0u64..40).prop_map(Action::Seek);
    Action::TogglePlay => 1, Just(Action::TogglePlay);
    Action::Tick => 2, Just(Action::Tick);
    Action::TrainSteps => 1, Just(Action::TrainSteps);
    Action::Reset => 1, Just(Action::Reset);
    Action::SetSpeed(_) => 1, (0usize..2000).prop_map(Action::SetSpeed);
    Action::SetTask(_) => 1,
        prop::sample::select(vec![Task::Classification, Task::Regression]).prop_map(Action::SetTask);
    Action::SetMode(_) => 1, prop::sample::select(Mode::ALL.to_vec()).prop_map(Action::SetMode);
    Action::ChooseText(_) => 1, prop_oneof![
        prop::sample::select(TEXTS.iter().map(|t| t.id.to_string()).collect::<Vec<_>>()),
        Just("no-such-text".to_string()),
    ]
    .prop_map(Action::ChooseText);
    Action::SetText(_) => 1, words().prop_map(Action::SetText);
    Action::SetPrompt(_) => 1, words().prop_map(Action::SetPrompt);
    Action::Generate => 1, Just(Action::Generate);
    Action::GenerateMany => 1, Just(Action::GenerateMany);
    Action::SetBlank { .. } => 1,
        (words(), 0usize..50).prop_map(|(sentence, at)| Action::SetBlank { sentence, at });
    Action::TrainBlank => 1, Just(Action::TrainBlank);
    Action::ToggleCompare => 1, Just(Action::ToggleCompare);
    Action::CompareTick => 1, Just(Action::CompareTick);
    Action::CompareWrite(_) => 1, any::<bool>().prop_map(Action::CompareWrite);
    Action::SetLabModel(_) => 1,
        prop::sample::select(vec![LmKind::Window, LmKind::Transformer]).prop_map(Action::SetLabModel);
    Action::SetObjective(_) => 1,
        prop::sample::select(vec![Objective::Next, Objective::Masked]).prop_map(Action::SetObjective);
    Action::PickAttention(_) => 1,
        (0usize..5, prop::option::of(0usize..5), prop::sample::select(Stage::ALL.to_vec()),
            prop::sample::select(Show::ALL.to_vec()))
            .prop_map(|(block, head, stage, show)| Action::PickAttention(AttentionPick { block, head, stage, show }));
    Action::UseWorker(_) => 1, any::<bool>().prop_map(Action::UseWorker);
    // A worker's report: mostly of no run the workspace asked for, or of a
    // state that does not fit; each must be set aside.
    Action::Adopt(_) => 1, (0u64..4, 0u64..40, prop::collection::vec(-2.0f64..2.0, 0..5))
        .prop_map(|(run, from, params)| Action::Adopt(Box::new(Progress {
            run,
            from,
            snapshot: Snapshot {
                step: from + 8,
                epoch: 0,
                cursor: 0,
                params,
                velocity: Vec::new(),
                data_version: 0,
            },
            curve: Vec::new(),
            last: None,
            diverged: false,
        })));
    Action::SetLang(_) => 1, prop::sample::select(Lang::ALL.to_vec()).prop_map(Action::SetLang);
    Action::SetModel(_) => 1, prop::sample::select(vec![
        ModelKind::Perceptron,
        ModelKind::Logistic,
        ModelKind::Softmax,
        ModelKind::Network,
        ModelKind::Linear,
        ModelKind::Polynomial,
    ])
    .prop_map(Action::SetModel);
    Action::SetKnob { .. } => 5, (prop::sample::select(Knob::ALL.to_vec()), text())
        .prop_map(|(knob, text)| Action::SetKnob { knob, text });
    Action::SetActivation(_) => 1, prop::sample::select(vec![
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
    ])
    .prop_map(Action::SetActivation);
    Action::SetSoftmaxOutput(_) => 1, any::<bool>().prop_map(Action::SetSoftmaxOutput);
    Action::SetFeatures(_) => 1, prop::sample::subsequence(
        [Feature::EXTRAS.to_vec(), vec![Feature::Legendre(3)]].concat(),
        0..=3,
    )
    .prop_map(Action::SetFeatures);
    Action::SetParam { .. } => 1,
        (0usize..40, text()).prop_map(|(index, text)| Action::SetParam { index, text });
    Action::SelectClass(_) => 1, (0usize..6).prop_map(Action::SelectClass);
    Action::SelectChart(_) => 1, prop::sample::select(Chart::ALL.to_vec()).prop_map(Action::SelectChart);
    Action::SetPicks(..) => 1, (0usize..40, 0usize..40).prop_map(|(a, b)| Action::SetPicks(a, b));
    Action::SetShiftKind(_) => 1, prop::sample::select(ShiftKind::ALL.to_vec()).prop_map(Action::SetShiftKind);
    Action::SetSurpriseText(_) => 1, words().prop_map(Action::SetSurpriseText);
    Action::OpenLesson(_) => 1, (0usize..14).prop_map(Action::OpenLesson);
    Action::BackToPlayground => 1, Just(Action::BackToPlayground);
    Action::RestoreLessons(_) => 1,
        prop_oneof![any::<u64>().prop_map(encode_done), words()].prop_map(Action::RestoreLessons);
    // What the scaling lab reports: sensible losses, and zero, negative
    // and non-finite ones.
    Action::ScalingChecked { .. } => 1, (
        prop_oneof![2.0..4.0f64, Just(0.0), Just(-1.0), Just(f64::NAN), Just(f64::INFINITY)],
        prop_oneof![2.0..4.0f64, Just(0.0), Just(-1.0), Just(f64::NAN)],
    ).prop_map(|(predicted, measured)| Action::ScalingChecked { predicted, measured });
    // What the paradigms lab reports: 0 to 3 measured, and nonsense
    // counts; a model asked or not.
    Action::ParadigmsMeasured { .. } => 1, (any::<u8>(), any::<bool>())
        .prop_map(|(measured, asked)| Action::ParadigmsMeasured { measured, asked });
    // A lesson picked up from its saved form: the one in progress, or a
    // damaged one.
    Action::ResumeLesson { .. } => 1, (0usize..10, prop_oneof![Just(SELF.to_string()), words()])
        .prop_map(|(lesson, saved)| Action::ResumeLesson { lesson, saved });
    Action::LineStart { .. } => 1, (prop::sample::select(vec![Grip::Slide, Grip::Turn]), coord(), coord())
        .prop_map(|(grip, x, y)| Action::LineStart { grip, x, y });
    Action::LineTo { .. } => 2, (coord(), coord()).prop_map(|(x, y)| Action::LineTo { x, y });
    Action::LineEnd => 1, Just(Action::LineEnd);
    Action::SetParamsAt { .. } => 1, ((0usize..40, 0usize..40), coord(), coord())
        .prop_map(|(picks, a, b)| Action::SetParamsAt { picks, at: [a, b] });
    Action::EditPoint { .. } => 1, (
        0usize..50,
        prop::sample::select(vec![PointField::X, PointField::Y, PointField::Class]),
        text(),
    )
        .prop_map(|(i, field, text)| Action::EditPoint { i, field, text });
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
            Action::OpenLink(json) if json == SELF => *json = w.session().to_json(),
            Action::Restore(text) if text == SELF => *text = encode(&w),
            Action::ResumeLesson { lesson, saved } if saved == SELF => {
                *lesson = w.course().open().unwrap_or(*lesson);
                *saved = encode_lesson(&w).unwrap_or_default();
            }
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
