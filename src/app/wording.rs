//! Typed events and errors worded in the page's language: the status line,
//! every refusal, and the names of settings, models and modes.

use crate::core::csv::CsvError;
use crate::core::data::{DataError, Task, MAX_COORD, MAX_POINTS};
use crate::core::error::{JsonFault, LoadError, ParamError, SettingError, StepError};
use crate::core::lm::settings::LmError;
use crate::core::lm::tokens::{display, TextError};
use crate::core::model::ModelKind;
use crate::core::session::DIVERGENCE_LIMIT;
use crate::core::settings::Knob;

use super::cell::CellError;
use super::event::{Edit, Event, Problem, Source};
use super::lang::Lang;
use super::messages::Msg;

/// The label of `knob`'s field.
pub fn knob_name(knob: Knob) -> Msg {
    match knob {
        Knob::LearningRate => Msg::Lr,
        Knob::BatchSize => Msg::Batch,
        Knob::Momentum => Msg::Momentum,
        Knob::L2 => Msg::L2,
        Knob::Holdout => Msg::Holdout,
        Knob::Seed => Msg::InitSeed,
        Knob::Classes => Msg::Classes,
        Knob::Layers => Msg::Layers,
        Knob::Units => Msg::Units,
        Knob::Degree => Msg::Degree,
        Knob::Count => Msg::Count,
        Knob::Noise => Msg::Noise,
        Knob::DataSeed => Msg::DataSeed,
        Knob::ContextLength => Msg::ContextLength,
        Knob::EmbeddingSize => Msg::EmbeddingSize,
        Knob::HiddenUnits => Msg::HiddenUnits,
        Knob::Temperature => Msg::Temperature,
        Knob::TopK => Msg::TopK,
        Knob::Steps => Msg::Steps,
        Knob::Shift => Msg::Shift,
        Knob::Blocks => Msg::Blocks,
        Knob::Heads => Msg::Heads,
        Knob::Width => Msg::Width,
    }
}

/// Why a training text was refused.
pub fn text_error(lang: Lang, e: &TextError) -> String {
    let quote = |c: &char| display(*c);
    match e {
        TextError::Empty => Msg::TextEmpty.text(lang).into(),
        TextError::OneDistinct { ch } => Msg::TextOneDistinct.fill(lang, &[("ch", &quote(ch))]),
        TextError::TooLong { chars, max } => Msg::TextTooLong.fill(
            lang,
            &[("chars", &chars.to_string()), ("max", &max.to_string())],
        ),
        TextError::Control { ch, at } => Msg::TextControl.fill(
            lang,
            &[
                ("code", &format!("U+{:04X}", *ch as u32)),
                ("at", &at.to_string()),
            ],
        ),
        TextError::Unknown { ch, at } => {
            Msg::TextUnknown.fill(lang, &[("ch", &quote(ch)), ("at", &at.to_string())])
        }
        TextError::Vocab { distinct, max } => Msg::TextVocab.fill(
            lang,
            &[
                ("distinct", &distinct.to_string()),
                ("max", &max.to_string()),
            ],
        ),
    }
}

/// The name of model `kind`.
pub fn model_name(kind: ModelKind) -> Msg {
    match kind {
        ModelKind::Perceptron => Msg::ModelPerceptron,
        ModelKind::Logistic => Msg::ModelLogistic,
        ModelKind::Softmax => Msg::ModelSoftmax,
        ModelKind::Network => Msg::ModelNetwork,
        ModelKind::Linear => Msg::ModelLinear,
        ModelKind::Polynomial => Msg::ModelPolynomial,
    }
}

/// The name of mode `task`.
pub fn task_name(task: Task) -> Msg {
    match task {
        Task::Classification => Msg::Classification,
        Task::Regression => Msg::Regression,
    }
}

/// What an undoable edit was, as a phrase.
pub fn edit_name(edit: Edit) -> Msg {
    match edit {
        Edit::Add => Msg::EditAdd,
        Edit::Remove => Msg::EditRemove,
        Edit::Move => Msg::EditMove,
        Edit::Clear => Msg::EditClear,
        Edit::Relabel => Msg::EditRelabel,
        Edit::Preset => Msg::EditPreset,
        Edit::Csv => Msg::EditCsv,
        Edit::File => Msg::EditFile,
        Edit::Params => Msg::EditParams,
    }
}

/// The name of class `k` of `classes`; with one output unit it says which
/// value of the target `Y` the class is (class 1 is `Y = 0`).
pub fn class_name(lang: Lang, k: usize, one_output: bool) -> String {
    let n = (k + 1).to_string();
    if one_output {
        Msg::ClassY.fill(lang, &[("n", &n), ("y", &k.to_string())])
    } else {
        Msg::ClassN.fill(lang, &[("n", &n)])
    }
}

/// A number as the page writes it in a message (no trailing `.0`).
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Why `knob`'s value was refused, naming the field and its range.
pub fn setting_error(lang: Lang, e: &SettingError) -> String {
    match e {
        SettingError::OutOfRange { knob, .. } => {
            let r = knob.range();
            let msg = if r.whole {
                Msg::ErrRangeWhole
            } else if r.open_min {
                Msg::ErrRangeAbove
            } else {
                Msg::ErrRangeReal
            };
            let field = knob_name(*knob).text(lang);
            msg.fill(
                lang,
                &[("field", field), ("min", &num(r.min)), ("max", &num(r.max))],
            )
        }
        SettingError::NotANumber { knob } => {
            Msg::ErrNotANumber.fill(lang, &[("field", knob_name(*knob).text(lang))])
        }
        SettingError::ModelForTask { kind, task } => Msg::ErrModelForTask.fill(
            lang,
            &[
                ("model", model_name(*kind).text(lang)),
                ("task", task_name(*task).text(lang)),
            ],
        ),
        SettingError::StepHidden => Msg::ErrStepHidden.text(lang).into(),
        SettingError::Feature => Msg::ErrFeature.text(lang).into(),
        SettingError::ClassesInData { have } => {
            Msg::ClassData.fill(lang, &[("n", &have.to_string())])
        }
        SettingError::ContextForModel { value, min, max } => Msg::ErrContextForModel.fill(
            lang,
            &[
                ("value", &value.to_string()),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        ),
        SettingError::WidthHeads { width, heads } => Msg::ErrWidthHeads.fill(
            lang,
            &[("width", &width.to_string()), ("heads", &heads.to_string())],
        ),
    }
}

/// Why a point edit was refused.
pub fn data_error(lang: Lang, e: &DataError) -> String {
    match e {
        DataError::NotFinite => Msg::ErrNotFinite.text(lang).into(),
        DataError::TooFar => Msg::ErrTooFar.fill(lang, &[("limit", &format!("{MAX_COORD:e}"))]),
        DataError::BadClass(c) => Msg::ErrBadClass.fill(lang, &[("n", &(c + 1).to_string())]),
        DataError::NoSuchPoint(i) => Msg::ErrNoSuchPoint.fill(lang, &[("n", &(i + 1).to_string())]),
        DataError::TooMany => Msg::ErrTooMany.fill(lang, &[("max", &MAX_POINTS.to_string())]),
        DataError::OtherMode => Msg::ErrOtherMode.text(lang).into(),
    }
}

/// Why a CSV file was refused.
pub fn csv_error(lang: Lang, e: &CsvError) -> String {
    match e {
        CsvError::NotNumber { line, cell } => {
            Msg::CsvNotNumber.fill(lang, &[("line", &line.to_string()), ("cell", cell)])
        }
        CsvError::Count { line, want, found } => Msg::CsvCount.fill(
            lang,
            &[
                ("line", &line.to_string()),
                ("want", &want.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        CsvError::Class { line } => Msg::CsvClass.fill(lang, &[("line", &line.to_string())]),
        CsvError::Point { line, error } => Msg::CsvPoint.fill(
            lang,
            &[
                ("line", &line.to_string()),
                ("reason", &data_error(lang, error)),
            ],
        ),
        CsvError::Empty => Msg::CsvEmpty.text(lang).into(),
    }
}

/// Why a saved state was refused.
pub fn load_error(lang: Lang, e: &LoadError) -> String {
    match e {
        LoadError::Json {
            fault,
            line,
            column,
        } => {
            let msg = match fault {
                JsonFault::Truncated => Msg::JsonTruncated,
                JsonFault::Syntax => Msg::JsonSyntax,
                JsonFault::Shape => Msg::JsonShape,
            };
            msg.fill(
                lang,
                &[("line", &line.to_string()), ("column", &column.to_string())],
            )
        }
        LoadError::Format(found) => Msg::LoadFormat.fill(lang, &[("found", found)]),
        LoadError::Version { found, supported } => Msg::LoadVersion.fill(
            lang,
            &[
                ("found", &found.to_string()),
                ("supported", &supported.to_string()),
            ],
        ),
        LoadError::Link => Msg::LoadLink.text(lang).into(),
        LoadError::Settings(e) => {
            Msg::LoadSettings.fill(lang, &[("reason", &setting_error(lang, e))])
        }
        LoadError::Point(e) => Msg::LoadPoint.fill(lang, &[("reason", &data_error(lang, e))]),
        LoadError::ParamCount { expected, found } => Msg::LoadParamCount.fill(
            lang,
            &[
                ("expected", &expected.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        LoadError::ParamValue => {
            Msg::LoadParamValue.fill(lang, &[("limit", &format!("{DIVERGENCE_LIMIT:e}"))])
        }
        LoadError::Counter => Msg::LoadCounter.text(lang).into(),
        LoadError::Text(e) => text_error(lang, e),
        LoadError::Cursor => Msg::LoadCursor.text(lang).into(),
    }
}

/// Why a step was not taken.
pub fn step_error(e: &StepError) -> Msg {
    match e {
        StepError::NoPoints => Msg::NoPoints,
        StepError::OneClass => Msg::OneClass,
        StepError::TooManyClasses => Msg::TooMany,
        StepError::Diverged => Msg::Diverged,
        StepError::Counter => Msg::StepCounter,
    }
}

/// A refusal, as the status line says it.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let kept = |reason: String| Msg::Invalid.fill(lang, &[("reason", &reason)]);
    match p {
        Problem::Step(e) => step_error(e).text(lang).into(),
        Problem::Setting(e) => kept(setting_error(lang, e)),
        Problem::Pending(e) => Msg::FixFirst.fill(lang, &[("reason", &setting_error(lang, e))]),
        Problem::Data(e) => Msg::BadPoint.fill(lang, &[("reason", &data_error(lang, e))]),
        Problem::Csv { name, error } => {
            Msg::LoadFailed.fill(lang, &[("name", name), ("reason", &csv_error(lang, error))])
        }
        Problem::Load { source, error } => {
            let reason = load_error(lang, error);
            match source {
                Source::File(name) => {
                    Msg::LoadFailed.fill(lang, &[("name", name), ("reason", &reason)])
                }
                Source::Link => Msg::UrlBad.fill(lang, &[("reason", &reason)]),
                Source::Autosave => Msg::AutosaveBad.fill(lang, &[("reason", &reason)]),
            }
        }
        Problem::Param(ParamError::Value) => Msg::ParamRefused.fill(
            lang,
            &[("reason", &load_error(lang, &LoadError::ParamValue))],
        ),
        Problem::Param(ParamError::Count { expected, found }) => {
            let e = LoadError::ParamCount {
                expected: *expected,
                found: *found,
            };
            Msg::ParamRefused.fill(lang, &[("reason", &load_error(lang, &e))])
        }
        Problem::ParamText => Msg::ParamBad.text(lang).into(),
        Problem::CannotWrite => Msg::CannotWrite.text(lang).into(),
        Problem::Cell { point, why } => {
            let reason = match why {
                CellError::NotANumber => Msg::CellNotNumber.text(lang).into(),
                CellError::NotAClass(k) => Msg::CellNotClass.fill(lang, &[("k", &k.to_string())]),
                CellError::Data(e) => data_error(lang, e),
            };
            let n = (point + 1).to_string();
            Msg::CellRefused.fill(lang, &[("n", &n), ("reason", &reason)])
        }
        Problem::Lm(LmError::Text(e)) => {
            Msg::TextRefused.fill(lang, &[("reason", &text_error(lang, e))])
        }
        Problem::Lm(LmError::Setting(e)) => kept(setting_error(lang, e)),
    }
}

/// `ms` milliseconds as minutes and seconds (or seconds alone), in `lang`.
pub fn duration(lang: Lang, ms: f64) -> String {
    let s = (ms / 1000.0).round().max(1.0) as u64;
    if s < 60 {
        return Msg::DurationSec.fill(lang, &[("s", &s.to_string())]);
    }
    let (m, s) = ((s / 60).to_string(), (s % 60).to_string());
    Msg::DurationMin.fill(lang, &[("m", &m), ("s", &s)])
}

/// The status line for `event`, in `lang` (empty for events that say nothing).
pub fn status(lang: Lang, event: &Event) -> String {
    let n = |v: u64| v.to_string();
    match event {
        Event::SteppedBack(s) => Msg::SteppedBack.fill(lang, &[("step", &n(*s))]),
        Event::NothingBack => Msg::NothingBack.text(lang).into(),
        Event::CantReach => Msg::CantReach.text(lang).into(),
        Event::ResetDone => Msg::ResetDone.text(lang).into(),
        Event::Converged => Msg::Converged.text(lang).into(),
        Event::NoLine(n) => Msg::NoLine.fill(lang, &[("n", &n.to_string())]),
        Event::TrainedSteps { steps, step } => {
            Msg::TrainedSteps.fill(lang, &[("steps", &n(*steps)), ("step", &n(*step))])
        }
        Event::PointsCleared => Msg::Cleared.text(lang).into(),
        Event::Loaded { name } => Msg::Loaded.fill(lang, &[("name", name)]),
        Event::Undone(e) => Msg::Undone.fill(lang, &[("what", edit_name(*e).text(lang))]),
        Event::Redone(e) => Msg::Redone.fill(lang, &[("what", edit_name(*e).text(lang))]),
        Event::NothingToUndo => Msg::NothingToUndo.text(lang).into(),
        Event::NothingToRedo => Msg::NothingToRedo.text(lang).into(),
        Event::Restored => Msg::Restored.text(lang).into(),
        Event::StartedFresh => Msg::StartedFresh.text(lang).into(),
        Event::LinkOpened => Msg::LinkOpened.text(lang).into(),
        Event::Linked(true) => Msg::Linked.text(lang).into(),
        Event::Linked(false) => Msg::LinkFailed.text(lang).into(),
        Event::Refused(p) => problem(lang, p),
        _ => String::new(),
    }
}
