//! What an action did: a typed [`Event`] (for the status line, narration
//! and lessons) and what it [`Changed`] (for redrawing), together an
//! [`Outcome`].

use super::cell::CellError;
use crate::core::csv::CsvError;
use crate::core::error::{DataError, LoadError, ParamError, SettingError, StepError};
use crate::core::lm::settings::LmError;
use crate::core::model::ModelKind;
use crate::core::settings::Knob;

/// An edit (of the data or, by hand, of the parameters) that Undo can take back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// A point was added.
    Add,
    /// A point was removed.
    Remove,
    /// A point was moved (a whole drag is one edit).
    Move,
    /// Every point was removed.
    Clear,
    /// A point's class was changed.
    Relabel,
    /// A generated data set replaced the points.
    Preset,
    /// Points were imported from CSV.
    Csv,
    /// A saved file replaced the whole session.
    File,
    /// The parameters were changed by hand (typed, the line dragged, the
    /// landscape clicked).
    Params,
}

/// Where a saved state came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file the user chose (its name).
    File(String),
    /// The page's address (a shared link).
    Link,
    /// The browser's autosave.
    Autosave,
}

/// Why an action was refused; nothing changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A step could not be taken.
    Step(StepError),
    /// A setting was refused.
    Setting(SettingError),
    /// A field still holds this refused value, which the action needs.
    Pending(SettingError),
    /// A point edit was refused.
    Data(DataError),
    /// A CSV file was refused.
    Csv {
        /// The file's name.
        name: String,
        /// Why.
        error: CsvError,
    },
    /// A saved state (file, link or autosave) was refused.
    Load {
        /// Where it came from.
        source: Source,
        /// Why.
        error: LoadError,
    },
    /// A parameter edit was refused.
    Param(ParamError),
    /// The language lab refused a text or a setting.
    Lm(LmError),
    /// The text typed for a parameter is not a number.
    ParamText,
    /// A model that reads both sides was asked to write on.
    CannotWrite,
    /// A Points-table cell edit of point `point` was refused.
    Cell {
        /// Which point (0-based).
        point: usize,
        /// Why.
        why: CellError,
    },
}

/// What happened, as the status line, a screen reader or a lesson hears it.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A point was added at this index.
    PointAdded(usize),
    /// The point at this index was removed.
    PointRemoved(usize),
    /// The point at this index was moved.
    PointMoved(usize),
    /// The point at this index was given another class.
    PointRelabeled(usize),
    /// Every point was removed.
    PointsCleared,
    /// A generated data set was loaded.
    PresetLoaded,
    /// A file was loaded (JSON session or CSV points).
    Loaded {
        /// The file's name.
        name: String,
    },
    /// One update was made; this is its step number.
    Stepped(u64),
    /// Play trained this many updates in a frame; the step number reached.
    Trained {
        /// Updates made.
        steps: usize,
        /// The step reached.
        step: u64,
    },
    /// `Train N steps` made its `steps` updates; the step reached.
    TrainedSteps {
        /// Updates made.
        steps: u64,
        /// The step reached.
        step: u64,
    },
    /// The last update was undone; this is the step now.
    SteppedBack(u64),
    /// Nothing to step back to.
    NothingBack,
    /// The history slider reached this step.
    Seeked(u64),
    /// That step is no longer kept.
    CantReach,
    /// Play started.
    Playing,
    /// Play stopped.
    Paused,
    /// Parameters re-initialised.
    ResetDone,
    /// The perceptron made a whole epoch without a mistake.
    Converged,
    /// The perceptron made mistakes in every one of this many epochs: no
    /// line separates the points.
    NoLine(usize),
    /// The line was dragged or the landscape clicked: parameters moved.
    ParamsMoved,
    /// A data edit was undone.
    Undone(Edit),
    /// A data edit was redone.
    Redone(Edit),
    /// Undo had nothing to undo.
    NothingToUndo,
    /// Redo had nothing to redo.
    NothingToRedo,
    /// A setting changed.
    SettingChanged(Knob),
    /// Another model was chosen.
    ModelChanged(ModelKind),
    /// A model option (activation, output, features) changed.
    OptionChanged,
    /// A parameter was set by hand (its index).
    ParamSet(usize),
    /// The mode changed.
    TaskChanged,
    /// The lab's training text changed (the model starts again).
    TextChanged,
    /// The lab's model or its objective changed (it starts again).
    LabModelChanged,
    /// The prompt changed.
    PromptChanged,
    /// The second text the lab scores changed.
    SurpriseChanged,
    /// This many characters were generated.
    Generated(usize),
    /// The blank comparison was set up.
    BlankReady,
    /// Both blank models trained; the step they reached.
    BlankTrained(u64),
    /// Both models of the comparison started (true) or stopped training.
    CompareToggled(bool),
    /// The left-only model of the comparison wrote on after the prompt.
    CompareWrote,
    /// The scaling lab checked a prediction; its error relative to the
    /// measured loss (`(predicted − measured) / measured`).
    ScalingChecked(f64),
    /// The paradigms lab has measured this many of the three paradigms
    /// (at most 3), and a model has answered or not.
    ParadigmsMeasured {
        /// Paradigms measured.
        measured: u8,
        /// A model answered a prompt.
        asked: bool,
    },
    /// The language changed.
    LangChanged,
    /// A selection changed (class, chart, pickers, speed).
    Selected,
    /// The workspace was put back from its autosave.
    Restored,
    /// Everything was put back to how a first visit starts.
    StartedFresh,
    /// A shared link's state was opened.
    LinkOpened,
    /// The state was put into the page's address (false: it could not be).
    Linked(bool),
    /// The action was refused; nothing changed.
    Refused(Problem),
    /// A lesson (0-based) was opened.
    LessonOpened(usize),
    /// The course was left for the playground.
    LeftCourse,
}

/// What an event does to the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusRule {
    /// The event is worth a line: show it.
    Show,
    /// The event moves on from whatever the line said: clear it.
    Clear,
    /// The line stays as it is.
    Keep,
}

impl Event {
    /// True when the action was refused.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Event::Refused(_))
    }

    /// True for a warning (a refusal, or a link that failed).
    pub fn is_warning(&self) -> bool {
        matches!(self, Event::Refused(_) | Event::Linked(false))
    }

    /// What this event does to the status line.
    pub fn status_rule(&self) -> StatusRule {
        use Event as E;
        match self {
            E::SteppedBack(_)
            | E::NothingBack
            | E::CantReach
            | E::ResetDone
            | E::Converged
            | E::NoLine(_)
            | E::TrainedSteps { .. }
            | E::PointsCleared
            | E::Loaded { .. }
            | E::Undone(_)
            | E::Redone(_)
            | E::NothingToUndo
            | E::NothingToRedo
            | E::Restored
            | E::StartedFresh
            | E::LinkOpened
            | E::Linked(_)
            | E::Refused(_) => StatusRule::Show,
            E::Trained { .. }
            | E::Paused
            | E::Selected
            | E::LangChanged
            | E::ScalingChecked(_)
            | E::ParadigmsMeasured { .. } => StatusRule::Keep,
            E::PointAdded(_)
            | E::PointRemoved(_)
            | E::PointMoved(_)
            | E::PointRelabeled(_)
            | E::PresetLoaded
            | E::Stepped(_)
            | E::Seeked(_)
            | E::Playing
            | E::SettingChanged(_)
            | E::ModelChanged(_)
            | E::OptionChanged
            | E::ParamSet(_)
            | E::ParamsMoved
            | E::TaskChanged
            | E::TextChanged
            | E::LabModelChanged
            | E::PromptChanged
            | E::SurpriseChanged
            | E::Generated(_)
            | E::BlankReady
            | E::BlankTrained(_)
            | E::CompareToggled(_)
            | E::CompareWrote
            | E::LessonOpened(_)
            | E::LeftCourse => StatusRule::Clear,
        }
    }
}

/// Which parts of the page an action changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// The points.
    pub data: bool,
    /// Parameters, counters, history.
    pub training: bool,
    /// Settings, mode, model, selections: the form.
    pub settings: bool,
    /// The language (every text).
    pub lang: bool,
    /// The status line.
    pub status: bool,
}

impl Changed {
    /// Everything.
    pub const ALL: Changed = Changed {
        data: true,
        training: true,
        settings: true,
        lang: true,
        status: true,
    };

    /// The union of two.
    pub fn with(self, o: Changed) -> Changed {
        Changed {
            data: self.data || o.data,
            training: self.training || o.training,
            settings: self.settings || o.settings,
            lang: self.lang || o.lang,
            status: self.status || o.status,
        }
    }

    /// True when nothing changed.
    pub fn is_empty(self) -> bool {
        self == Changed::default()
    }
}

/// The result of one action.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// What happened.
    pub event: Event,
    /// What to redraw.
    pub changed: Changed,
}
