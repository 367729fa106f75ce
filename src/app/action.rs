//! Every user action, as a value: the one door into the workspace is
//! `Workspace::apply(Action)`.

use crate::core::activation::Activation;
use crate::core::analysis::ood::ShiftKind;
use crate::core::data::{Preset, Task};
use crate::core::features::Feature;
use crate::core::lm::settings::LmKind;
use crate::core::lm::transformer::learner::Objective;
use crate::core::model::ModelKind;
use crate::core::settings::Knob;

use super::attention::AttentionPick;
use super::cell::PointField;
use super::chart::Chart;
use super::lab::Progress;
use super::lang::Lang;
use super::line::Grip;
use super::workspace::Mode;

/// What the user did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Adds a point at data coordinates `(x, y)` of class `class` (0-based;
    /// ignored in regression).
    AddPoint {
        /// `x1` (or `x`).
        x: f64,
        /// `x2` (or `y`).
        y: f64,
        /// The class.
        class: usize,
    },
    /// Removes point `i`.
    RemovePoint(usize),
    /// Moves point `i` to `(x, y)` as one edit.
    MovePoint {
        /// Which point.
        i: usize,
        /// New `x`.
        x: f64,
        /// New `y`.
        y: f64,
    },
    /// Starts dragging point `i` (the whole drag is one edit).
    DragStart(usize),
    /// Moves the dragged point to `(x, y)`.
    DragTo {
        /// New `x`.
        x: f64,
        /// New `y`.
        y: f64,
    },
    /// Ends the drag.
    DragEnd,
    /// Removes every point.
    ClearPoints,
    /// Chooses the data set (and generates it).
    ChoosePreset(Preset),
    /// Generates the chosen data set again with the current count, noise and seed.
    Regenerate,
    /// Points from a CSV file.
    ImportCsv {
        /// The file's name.
        name: String,
        /// Its text.
        text: String,
    },
    /// A whole session from a saved JSON file.
    LoadJson {
        /// The file's name.
        name: String,
        /// Its text.
        text: String,
    },
    /// The workspace from its autosave.
    Restore(String),
    /// Everything back to how a first visit starts (the language kept).
    StartFresh,
    /// A session from a shared link's JSON.
    OpenLink(String),
    /// The page put (true) or failed to put the state into its address.
    Linked(bool),
    /// Undoes the last data or parameter edit.
    Undo,
    /// Redoes the last undone edit.
    Redo,
    /// One update.
    Step,
    /// Undoes the last update exactly.
    StepBack,
    /// Goes to step `n` of the history.
    Seek(u64),
    /// Starts or stops Play.
    TogglePlay,
    /// One frame of Play: up to `speed` updates within the time budget.
    Tick,
    /// Plays until exactly the `Steps` knob's number of updates more.
    TrainSteps,
    /// Re-initialises the parameters, keeping the points.
    Reset,
    /// Updates per frame while playing.
    SetSpeed(usize),
    /// Classification or regression.
    SetTask(Task),
    /// Classification, regression or the language lab.
    SetMode(Mode),
    /// A built-in training text (its id).
    ChooseText(String),
    /// The user's own training text.
    SetText(String),
    /// The text the model continues.
    SetPrompt(String),
    /// Appends one sampled character to the prompt.
    Generate,
    /// Appends fifty.
    GenerateMany,
    /// Opens the blank comparison: `sentence` with character `at` blanked.
    SetBlank {
        /// The sentence.
        sentence: String,
        /// Which character (0-based) is blanked.
        at: usize,
    },
    /// Trains both models of the blank comparison a while.
    TrainBlank,
    /// Starts or stops training both models of the comparison, a little
    /// every frame (GPT against BERT, side by side).
    ToggleCompare,
    /// One frame of the comparison's training, while it is on.
    CompareTick,
    /// Asks a model of the comparison to write on after the prompt: the
    /// left-only one (false) writes; the two-sided one (true) cannot.
    CompareWrite(bool),
    /// The language lab's model: a window of characters or a transformer
    /// (with its default context length and learning rate).
    SetLabModel(LmKind),
    /// What the lab's transformer learns: the next character (a decoder)
    /// or hidden ones (an encoder).
    SetObjective(Objective),
    /// Which heads the attention view shows, at which stage.
    PickAttention(AttentionPick),
    /// The page can (true) or cannot train in a worker.
    UseWorker(bool),
    /// A worker's report of the run Play asked for.
    Adopt(Box<Progress>),
    /// The page's language.
    SetLang(Lang),
    /// Another model, with its default learning rate and batch size.
    SetModel(ModelKind),
    /// A number typed into `knob`'s field.
    SetKnob {
        /// Which setting.
        knob: Knob,
        /// What was typed.
        text: String,
    },
    /// The hidden activation.
    SetActivation(Activation),
    /// Softmax (true) or sigmoid output for a two-class network.
    SetSoftmaxOutput(bool),
    /// The extra input features.
    SetFeatures(Vec<Feature>),
    /// A parameter typed by hand.
    SetParam {
        /// Its index.
        index: usize,
        /// What was typed.
        text: String,
    },
    /// The class new points get.
    SelectClass(usize),
    /// The chart shown.
    SelectChart(Chart),
    /// What the chart's two pickers show.
    SetPicks(usize, usize),
    /// How the test points are shifted (how far is the `Shift` knob).
    SetShiftKind(ShiftKind),
    /// The second text the lab's model scores, character by character.
    SetSurpriseText(String),
    /// Opens lesson `n` (0-based) of the course.
    OpenLesson(usize),
    /// Picks lesson `lesson` (0-based) up from its saved form, where it
    /// was before a reload (another lesson's form changes nothing).
    ResumeLesson {
        /// Which lesson the address asks for.
        lesson: usize,
        /// Its saved form.
        saved: String,
    },
    /// Leaves the course for the playground as it was.
    BackToPlayground,
    /// The lessons done, in their saved form.
    RestoreLessons(String),
    /// The scaling lab (its own wasm) checked a prediction of its law: the
    /// loss predicted and the loss its run measured.
    ScalingChecked {
        /// The law's loss.
        predicted: f64,
        /// The run's held-out loss.
        measured: f64,
    },
    /// The paradigms lab (the lab's wasm) saved: how many of the three
    /// paradigms it has measured, and whether a model has answered.
    ParadigmsMeasured {
        /// Paradigms measured.
        measured: u8,
        /// A model answered a prompt.
        asked: bool,
    },
    /// Takes hold of the model's line at data point `(x, y)` (the whole
    /// drag is one edit of the parameters).
    LineStart {
        /// The line itself or its handle.
        grip: Grip,
        /// `x1` (or `x`).
        x: f64,
        /// `x2` (or `y`).
        y: f64,
    },
    /// Drags the held line to `(x, y)`.
    LineTo {
        /// `x1` (or `x`).
        x: f64,
        /// `x2` (or `y`).
        y: f64,
    },
    /// Lets go of the line.
    LineEnd,
    /// Sets parameters `picks` to `at` (a click on the loss landscape).
    SetParamsAt {
        /// The parameters across and up.
        picks: (usize, usize),
        /// Their new values.
        at: [f64; 2],
    },
    /// A Points-table cell typed by hand: point `i`'s `field` set to `text`
    /// (a coordinate, or a class counted from 1), as one undoable edit.
    EditPoint {
        /// Which point.
        i: usize,
        /// Which cell of its row.
        field: PointField,
        /// What was typed.
        text: String,
    },
}
