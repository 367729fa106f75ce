//! Every error kind and status event worded in English and Chinese: filled in, in the right language, short.

use crate::support::has_cjk;
use neuronlab::app::event::Source;
use neuronlab::app::wording::{self, knob_name};
use neuronlab::app::{Action, Edit, Event, Lang, Problem, Workspace};
use neuronlab::core::csv::{parse_csv, CsvError};
use neuronlab::core::data::Task;
use neuronlab::core::error::{
    DataError, JsonFault, LoadError, ParamError, SettingError, StepError, EXCERPT_CHARS,
};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Session;
use neuronlab::core::settings::Knob;

/// English words a Chinese text may keep: names, file kinds and key caps.
const NAMES: &[&str] = &[
    "JSON",
    "CSV",
    "NeuronLab",
    "ReLU",
    "tanh",
    "sigmoid",
    "Softmax",
    "L2",
    "PNG",
    "Shift", // a key on the keyboard, as printed on it
];

/// Checks `text`, worded in `lang`, for the rules every message keeps.
fn check(lang: Lang, text: &str, what: &str) {
    assert!(!text.trim().is_empty(), "{what} {lang:?}: empty");
    assert!(
        !text.contains(['{', '}']),
        "{what} {lang:?}: a gap in {text:?}"
    );
    match lang {
        Lang::En => assert!(!has_cjk(text), "{what}: CJK in English {text:?}"),
        Lang::Zh => {
            assert!(has_cjk(text), "{what}: no Chinese in {text:?}");
            for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
                assert!(
                    word.len() < 3 || NAMES.contains(&word),
                    "{what}: English word {word:?} in {text:?}"
                );
            }
        }
    }
}

fn setting_errors() -> Vec<SettingError> {
    let mut all = Vec::new();
    for knob in Knob::ALL {
        all.push(SettingError::OutOfRange { knob, value: -3.5 });
        all.push(SettingError::NotANumber { knob });
    }
    for kind in [ModelKind::Perceptron, ModelKind::Linear, ModelKind::Softmax] {
        for task in [Task::Classification, Task::Regression] {
            all.push(SettingError::ModelForTask { kind, task });
        }
    }
    all.extend([
        SettingError::StepHidden,
        SettingError::Feature,
        SettingError::ClassesInData { have: 3 },
    ]);
    all
}

fn data_errors() -> Vec<DataError> {
    vec![
        DataError::NotFinite,
        DataError::TooFar,
        DataError::BadClass(4),
        DataError::NoSuchPoint(12),
        DataError::TooMany,
        DataError::OtherMode,
    ]
}

fn csv_errors() -> Vec<CsvError> {
    let mut all = vec![
        CsvError::NotNumber {
            line: 3,
            cell: "1,5x".into(),
        },
        CsvError::Count {
            line: 2,
            want: 3,
            found: 2,
        },
        CsvError::Class { line: 7 },
        CsvError::Empty,
    ];
    all.extend(
        data_errors()
            .into_iter()
            .map(|error| CsvError::Point { line: 4, error }),
    );
    all
}

fn load_errors() -> Vec<LoadError> {
    let mut all: Vec<LoadError> = [JsonFault::Truncated, JsonFault::Syntax, JsonFault::Shape]
        .into_iter()
        .map(|fault| LoadError::Json {
            fault,
            line: 2,
            column: 14,
        })
        .collect();
    all.extend([
        LoadError::Format("ab-12".into()),
        LoadError::Version {
            found: 7,
            supported: 1,
        },
        LoadError::Link,
        LoadError::ParamCount {
            expected: 3,
            found: 5,
        },
        LoadError::ParamValue,
        LoadError::Counter,
        LoadError::Cursor,
    ]);
    all.extend(setting_errors().into_iter().map(LoadError::Settings));
    all.extend(data_errors().into_iter().map(LoadError::Point));
    all
}

fn step_errors() -> Vec<StepError> {
    vec![
        StepError::NoPoints,
        StepError::OneClass,
        StepError::TooManyClasses,
        StepError::Diverged,
        StepError::Counter,
    ]
}

fn problems() -> Vec<Problem> {
    let mut all: Vec<Problem> = step_errors().into_iter().map(Problem::Step).collect();
    all.extend(setting_errors().into_iter().map(Problem::Setting));
    all.extend(data_errors().into_iter().map(Problem::Data));
    all.extend(csv_errors().into_iter().map(|error| Problem::Csv {
        name: "1.CSV".into(),
        error,
    }));
    for source in [
        Source::File("2.JSON".into()),
        Source::Link,
        Source::Autosave,
    ] {
        all.extend(load_errors().into_iter().map(|error| Problem::Load {
            source: source.clone(),
            error,
        }));
    }
    all.extend([
        Problem::Param(ParamError::Value),
        Problem::Param(ParamError::Count {
            expected: 3,
            found: 4,
        }),
        Problem::ParamText,
    ]);
    all
}

#[test]
fn every_error_is_worded_in_both_languages() {
    for lang in Lang::ALL {
        for e in setting_errors() {
            check(lang, &wording::setting_error(lang, &e), &format!("{e:?}"));
        }
        for e in data_errors() {
            check(lang, &wording::data_error(lang, &e), &format!("{e:?}"));
        }
        for e in csv_errors() {
            check(lang, &wording::csv_error(lang, &e), &format!("{e:?}"));
        }
        for e in load_errors() {
            check(lang, &wording::load_error(lang, &e), &format!("{e:?}"));
        }
        for e in step_errors() {
            check(lang, wording::step_error(&e).text(lang), &format!("{e:?}"));
        }
        for p in problems() {
            let text = wording::problem(lang, &p);
            check(lang, &text, &format!("{p:?}"));
            assert_eq!(wording::status(lang, &Event::Refused(p)), text);
        }
    }
}

#[test]
fn distinct_errors_read_differently() {
    for lang in Lang::ALL {
        let texts: Vec<String> = step_errors()
            .iter()
            .map(|e| wording::step_error(e).text(lang).to_string())
            .chain(data_errors().iter().map(|e| wording::data_error(lang, e)))
            .collect();
        let unique: std::collections::HashSet<&String> = texts.iter().collect();
        assert_eq!(unique.len(), texts.len(), "{lang:?}: {texts:?}");
    }
}

/// A number as a message writes it.
fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[test]
fn a_setting_error_names_the_field_and_its_range() {
    let zh = |k: Knob| {
        wording::setting_error(
            Lang::Zh,
            &SettingError::OutOfRange {
                knob: k,
                value: 1e9,
            },
        )
    };
    assert!(
        zh(Knob::LearningRate).contains("学习率"),
        "{}",
        zh(Knob::LearningRate)
    );
    assert!(zh(Knob::BatchSize).contains("批大小"));
    let en = wording::setting_error(
        Lang::En,
        &SettingError::OutOfRange {
            knob: Knob::LearningRate,
            value: 0.0,
        },
    );
    assert!(
        en.contains("Learning rate") && en.contains("above 0") && en.contains("100"),
        "{en}"
    );
    for lang in Lang::ALL {
        for knob in Knob::ALL {
            let r = knob.range();
            let text = wording::setting_error(lang, &SettingError::OutOfRange { knob, value: 1e9 });
            let field = knob_name(knob).text(lang);
            assert!(text.contains(field), "{knob:?}: {text}");
            assert!(
                text.contains(&num(r.min)) && text.contains(&num(r.max)),
                "{knob:?}: {text}"
            );
            let nan = wording::setting_error(lang, &SettingError::NotANumber { knob });
            assert!(nan.contains(field), "{knob:?}: {nan}");
        }
    }
    let whole = wording::setting_error(
        Lang::En,
        &SettingError::OutOfRange {
            knob: Knob::BatchSize,
            value: 2.5,
        },
    );
    assert!(whole.contains("whole number from 1 to 100000"), "{whole}");
}

#[test]
fn a_long_bad_csv_cell_is_quoted_short() {
    let text = format!("1,2,1\n{},2,1\n", "y".repeat(200_000));
    let error = parse_csv(&text, Task::Classification).unwrap_err();
    assert!(
        matches!(error, CsvError::NotNumber { line: 2, .. }),
        "{error:?}"
    );
    let long = "y".repeat(EXCERPT_CHARS + 1);
    for lang in Lang::ALL {
        let worded = wording::csv_error(lang, &error);
        assert!(
            worded.chars().count() < 120,
            "{lang:?}: {} chars",
            worded.chars().count()
        );
        assert!(
            worded.contains("yyyy") && !worded.contains(&long),
            "{worded}"
        );
    }
    // Through the workspace, the status line too.
    let mut w = Workspace::untimed(Lang::Zh);
    let before = w.session().data().clone();
    w.apply(Action::ImportCsv {
        name: "big.csv".into(),
        text,
    });
    assert_eq!(w.session().data(), &before);
    let line = wording::status(Lang::Zh, w.status().expect("a status"));
    assert!(
        line.chars().count() < 200 && line.contains("第 2 行"),
        "{line}"
    );
}

#[test]
fn a_huge_format_field_gives_a_short_message() {
    let json =
        Session::with_model(Task::Regression, ModelKind::Linear, Default::default()).to_json();
    let huge = json.replacen(
        "\"format\": \"neuronlab\"",
        &format!("\"format\": \"{}\"", "f".repeat(50 << 20)),
        1,
    );
    assert!(huge.len() > 50 << 20);
    let error = Session::from_json(&huge).unwrap_err();
    let LoadError::Format(found) = &error else {
        panic!("a Format error, not {error:?}");
    };
    assert!(found.chars().count() <= EXCERPT_CHARS + 1);
    for lang in Lang::ALL {
        let worded = wording::load_error(lang, &error);
        assert!(worded.len() < 200, "{lang:?}: {} bytes", worded.len());
        let p = Problem::Load {
            source: Source::File("x.json".into()),
            error: error.clone(),
        };
        assert!(wording::problem(lang, &p).len() < 300);
    }
}

#[test]
fn every_status_event_says_something_in_both_languages() {
    use neuronlab::app::event::StatusRule;
    let events = [
        Event::SteppedBack(4),
        Event::NothingBack,
        Event::CantReach,
        Event::ResetDone,
        Event::Converged,
        Event::NoLine(20),
        Event::PointsCleared,
        Event::Loaded {
            name: "2.JSON".into(),
        },
        Event::NothingToUndo,
        Event::NothingToRedo,
        Event::Restored,
        Event::LinkOpened,
        Event::Linked(true),
        Event::Linked(false),
        Event::Refused(Problem::ParamText),
    ];
    let edits = [
        Edit::Add,
        Edit::Remove,
        Edit::Move,
        Edit::Clear,
        Edit::Preset,
        Edit::Csv,
        Edit::File,
        Edit::Params,
    ];
    let undone = edits
        .iter()
        .flat_map(|&e| [Event::Undone(e), Event::Redone(e)]);
    for event in events.into_iter().chain(undone) {
        assert_eq!(event.status_rule(), StatusRule::Show, "{event:?}");
        for lang in Lang::ALL {
            check(lang, &wording::status(lang, &event), &format!("{event:?}"));
        }
    }
    let back = wording::status(Lang::En, &Event::SteppedBack(4));
    assert!(back.contains('4'), "{back}");
    let quiet = [Event::Stepped(3), Event::PointAdded(0), Event::Selected];
    for event in quiet {
        assert_ne!(event.status_rule(), StatusRule::Show, "{event:?}");
        assert_eq!(wording::status(Lang::En, &event), "", "{event:?}");
    }
}
