//! The workspace: one session per mode and everything the user has chosen
//! around it (class, chart, speed, language, play state, undo stacks, the
//! status line). Read it freely; change it only through
//! [`Workspace::apply`](super::apply) with an [`Action`](super::action::Action).

use crate::core::analysis::ood::Shift;
use crate::core::data::{Dataset, Preset, Task};
use crate::core::error::SettingError;
use crate::core::model::ModelKind;
use crate::core::session::{NoUpdate, Session, Settings};
use crate::core::settings::Knob;

use super::chart::Chart;
use super::event::Event;
use super::lab::Lab;
use super::lang::Lang;
use super::lessons::course::Course;
use super::line::LineDrag;
use super::undo::UndoStack;
use super::walk::Walk;

/// A clock in milliseconds (the page's `performance.now()`; 0 natively).
pub type Clock = Box<dyn Fn() -> f64>;

/// The plane modes, in the order of [`Workspace::session_of`].
pub const TASKS: [Task; 2] = [Task::Classification, Task::Regression];

/// What the page shows: one of the plane's modes, or the language lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Points in the plane with classes.
    Classification,
    /// y over x.
    Regression,
    /// A next-character language model.
    Language,
}

impl Mode {
    /// Every mode, in the order of the page's switch.
    pub const ALL: [Mode; 3] = [Mode::Classification, Mode::Regression, Mode::Language];

    /// The mode's id (the radio button's value).
    pub fn id(self) -> &'static str {
        match self {
            Mode::Classification => "classification",
            Mode::Regression => "regression",
            Mode::Language => "language",
        }
    }

    /// The mode with id `id`.
    pub fn from_id(id: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The plane's mode for `task`.
    pub fn plane(task: Task) -> Mode {
        match task {
            Task::Classification => Mode::Classification,
            Task::Regression => Mode::Regression,
        }
    }
}

/// Everything the page shows, and the state behind it.
pub struct Workspace {
    pub(super) sessions: [Session; 2],
    /// What the page shows.
    pub(super) mode: Mode,
    /// The plane's task: the mode shown, or the one the lab returns to.
    pub(super) task: Task,
    pub(super) class: usize,
    pub(super) playing: bool,
    pub(super) speed: usize,
    pub(super) lang: Lang,
    pub(super) chart: Chart,
    pub(super) picks: (usize, usize),
    pub(super) presets: [Preset; 2],
    /// How the next generated data set is made.
    pub(super) generator: Generator,
    pub(super) drag: Option<Drag>,
    pub(super) undo: [UndoStack; 2],
    pub(super) status: Option<Event>,
    pub(super) invalid: Vec<(Knob, SettingError)>,
    /// The perceptron's walk since training last started over.
    pub(super) walk: Walk,
    /// The model's line being dragged.
    pub(super) line: Option<LineDrag>,
    pub(super) clock: Clock,
    pub(super) lab: Lab,
    /// The course: the lesson open, the lessons done.
    pub(super) course: Course,
    /// Updates `Train N steps` makes.
    pub(super) steps: u64,
    /// The step at which `Train N steps` stops Play, while it runs.
    pub(super) until: Option<u64>,
    /// The test points' shift: how and how far.
    pub(super) shift: Shift,
}

/// A point being dragged, and the points before the drag moved it (taken
/// by the first move, so a click that does not move records no edit).
#[derive(Clone, Debug)]
pub struct Drag {
    /// Which point.
    pub index: usize,
    /// The points before the drag, until the first move records them.
    pub before: Option<Dataset>,
}

/// How a data set is generated: the `Count`, `Noise` and `Data seed`
/// knobs' last accepted values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Generator {
    /// Points.
    pub count: usize,
    /// Noise (0–1).
    pub noise: f64,
    /// Seed.
    pub seed: u64,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            count: Knob::Count.default_value() as usize,
            noise: Knob::Noise.default_value(),
            seed: Knob::DataSeed.default_value() as u64,
        }
    }
}

impl Generator {
    /// The value of data-set knob `knob` (`None` for any other knob).
    pub fn get(&self, knob: Knob) -> Option<f64> {
        match knob {
            Knob::Count => Some(self.count as f64),
            Knob::Noise => Some(self.noise),
            Knob::DataSeed => Some(self.seed as f64),
            _ => None,
        }
    }

    /// Sets data-set knob `knob` to `v` (checked already); false for any
    /// other knob.
    pub fn set(&mut self, knob: Knob, v: f64) -> bool {
        match knob {
            Knob::Count => self.count = v as usize,
            Knob::Noise => self.noise = v,
            Knob::DataSeed => self.seed = v as u64,
            _ => return false,
        }
        true
    }
}

/// The session each mode starts with.
pub fn first_session(task: Task) -> Session {
    let (kind, preset) = match task {
        Task::Classification => (ModelKind::Perceptron, Preset::Separable),
        Task::Regression => (ModelKind::Linear, Preset::Line),
    };
    let g = Generator::default();
    Session::new(
        Settings::for_model(task, kind),
        preset.generate(g.count, g.noise, g.seed),
    )
    .expect("default settings are valid")
}

impl Workspace {
    /// A fresh workspace in `lang`, timing Play by `clock`.
    pub fn new(lang: Lang, clock: Clock) -> Self {
        Workspace {
            sessions: TASKS.map(first_session),
            mode: Mode::Classification,
            task: Task::Classification,
            class: 0,
            playing: false,
            speed: 5,
            lang,
            chart: Chart::Loss,
            picks: (0, 1),
            presets: [Preset::Separable, Preset::Line],
            generator: Generator::default(),
            drag: None,
            undo: Default::default(),
            status: None,
            invalid: Vec::new(),
            walk: Walk::default(),
            line: None,
            clock,
            lab: Lab::new(lang == Lang::Zh),
            course: Course::default(),
            steps: Knob::Steps.default_value() as u64,
            until: None,
            shift: Shift::default(),
        }
    }

    /// A fresh workspace with a clock that never runs out (native tests).
    pub fn untimed(lang: Lang) -> Self {
        Workspace::new(lang, Box::new(|| 0.0))
    }

    /// The session of the current mode.
    pub fn session(&self) -> &Session {
        &self.sessions[self.task as usize]
    }

    /// The session of mode `task`.
    pub fn session_of(&self, task: Task) -> &Session {
        &self.sessions[task as usize]
    }

    pub(super) fn session_mut(&mut self) -> &mut Session {
        &mut self.sessions[self.task as usize]
    }

    pub(super) fn undo_mut(&mut self) -> &mut UndoStack {
        &mut self.undo[self.task as usize]
    }

    /// The plane mode shown, or the last one shown before the lab.
    pub fn task(&self) -> Task {
        self.task
    }

    /// What the page shows.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// True while the language lab is shown.
    pub(super) fn lab_shown(&self) -> bool {
        self.mode == Mode::Language
    }

    /// Makes `task` the plane's; shown unless the lab is.
    pub(super) fn set_plane(&mut self, task: Task) {
        self.task = task;
        if !self.lab_shown() {
            self.mode = Mode::plane(task);
        }
    }

    /// The language lab.
    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The class new points get (0-based).
    pub fn class(&self) -> usize {
        self.class
    }

    /// True while Play trains.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Updates per frame while playing.
    pub fn speed(&self) -> usize {
        self.speed
    }

    /// Updates `Train N steps` makes.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The step `Train N steps` is running to, while it runs.
    pub fn training_to(&self) -> Option<u64> {
        self.until.filter(|_| self.playing)
    }

    /// How the test points are shifted away from the training ones.
    pub fn shift(&self) -> Shift {
        self.shift
    }

    /// The chart shown.
    pub fn chart(&self) -> Chart {
        self.chart
    }

    /// What the chart's two pickers show.
    pub fn picks(&self) -> (usize, usize) {
        self.picks
    }

    /// The data set chosen for the current mode.
    pub fn preset(&self) -> Preset {
        self.presets[self.task as usize]
    }

    /// The point being dragged.
    pub fn dragging(&self) -> Option<usize> {
        self.drag.as_ref().map(|d| d.index)
    }

    /// The value of `knob` as the form shows it: the setting, or the
    /// data-set knob's last accepted value.
    pub fn knob(&self, knob: Knob) -> f64 {
        let lm = self.lab.session.settings();
        match (self.generator.get(knob), knob) {
            (Some(v), _) => v,
            (_, Knob::ContextLength) => lm.context as f64,
            (_, Knob::EmbeddingSize) => lm.embed as f64,
            (_, Knob::HiddenUnits) => lm.hidden as f64,
            (_, Knob::Blocks) => lm.blocks as f64,
            (_, Knob::Heads) => lm.heads as f64,
            (_, Knob::Width) => lm.width as f64,
            (_, Knob::Temperature) => self.lab.temperature,
            (_, Knob::TopK) => self.lab.top_k as f64,
            (_, Knob::Steps) => self.steps as f64,
            (_, Knob::Shift) => self.shift.amount,
            (_, Knob::LearningRate) if self.lab_shown() => lm.learning_rate,
            (_, Knob::BatchSize) if self.lab_shown() => lm.batch_size as f64,
            (_, Knob::Seed) if self.lab_shown() => lm.seed as f64,
            _ => knob.get(self.session().settings()).unwrap_or(0.0),
        }
    }

    /// Why `knob`'s field holds a refused value, if it does.
    pub fn invalid(&self, knob: Knob) -> Option<&SettingError> {
        self.invalid
            .iter()
            .find(|(k, _)| *k == knob)
            .map(|(_, e)| e)
    }

    /// True when Undo has an edit to take back in this mode.
    pub fn can_undo(&self) -> bool {
        self.undo[self.task as usize].can_undo()
    }

    /// True when Redo has an edit in this mode.
    pub fn can_redo(&self) -> bool {
        self.undo[self.task as usize].can_redo()
    }

    /// True when the parameters were set by hand and no update came since.
    pub fn set_by_hand(&self) -> bool {
        let s = self.session();
        s.last_update().is_none() && s.no_update() == NoUpdate::Hand
    }

    /// The event the status line shows, if any.
    pub fn status(&self) -> Option<&Event> {
        self.status.as_ref()
    }

    pub(super) fn now(&self) -> f64 {
        (self.clock)()
    }
}
