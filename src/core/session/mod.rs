//! A training session: data, model, settings, optimiser state, counters and
//! history. Every update can be undone exactly; a diverging update is refused
//! and leaves the last finite state in place.

use crate::core::data::{Dataset, Task};
use crate::core::error::{LoadError, SettingError, StepError};
use crate::core::history::{CurvePoint, History, LossCurve, Snapshot};
use crate::core::model::{Model, ModelKind, Table, MAX_WIDTH};
use crate::core::optimizer::all_within;
pub use crate::core::settings::{Settings, MAX_BATCH};

mod edits;
mod training;

/// A parameter whose magnitude passes this is taken as divergence: on the
/// app's `[-6, 6]` plane no model that is learning needs one so large.
pub const DIVERGENCE_LIMIT: f64 = 1e6;
/// Largest step (and epoch) count: past it a counter would lose exactness.
pub const MAX_STEP: u64 = 1 << 53;

/// What one update did, with everything needed to show it substituted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Update {
    /// The step number this update made (1 for the first).
    pub step: u64,
    /// Dataset indices of the samples in the batch.
    pub samples: Vec<usize>,
    /// Features `φ(x)` of the first sample.
    pub input: Vec<f64>,
    /// The model's output `y` for the first sample, before the update.
    pub output: Vec<f64>,
    /// The target `Y` of the first sample.
    pub target: f64,
    /// Mean loss over the batch, before the update.
    pub batch_loss: f64,
    /// The change of every parameter (`Δw`, `Δb`), in parameter order.
    pub delta: Vec<f64>,
}

/// Why a session has no last update to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NoUpdate {
    /// No step since the model was set up (or reset).
    #[default]
    Start,
    /// Step back undid it.
    Back,
    /// The data changed since.
    Data,
    /// The parameters were set by hand since.
    Hand,
    /// The session was loaded from a save.
    Loaded,
}

/// Loss and accuracy of the current parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Mean loss over the training samples.
    pub loss: f64,
    /// Fraction of training samples classified right (classification).
    pub accuracy: Option<f64>,
    /// Mean loss over the held-out samples, when any.
    pub heldout_loss: Option<f64>,
    /// Accuracy over the held-out samples, when any (classification).
    pub heldout_accuracy: Option<f64>,
}

/// A model being trained on a dataset.
#[derive(Debug)]
pub struct Session {
    settings: Settings,
    data: Dataset,
    model: Box<dyn Model>,
    /// Every point as the model's input row and target, in data order
    /// (encoded again when the data or the model changes).
    table: Table,
    velocity: Vec<f64>,
    step: u64,
    epoch: u64,
    cursor: usize,
    data_version: u64,
    train: Vec<usize>,
    /// Bit k set when a training sample has class k.
    train_classes: u32,
    heldout: Vec<usize>,
    order: Vec<usize>,
    order_key: Option<(u64, u64)>,
    history: History,
    curve: LossCurve,
    diverged: bool,
    last_update: Option<Update>,
    /// Why there is no last update (when there is none).
    no_update: NoUpdate,
    grad: Vec<f64>,
    before: Vec<f64>,
    before_velocity: Vec<f64>,
    bias: Vec<bool>,
}

impl Session {
    /// A session training `settings.model` on `data`.
    pub fn new(settings: Settings, data: Dataset) -> Result<Self, SettingError> {
        settings.validate()?;
        // K grows to fit the data's classes (a dataset never has more than 5).
        let classes = settings.classes.max(data.class_count());
        let settings = Settings {
            classes,
            ..settings
        };
        let model = settings
            .model
            .build(settings.task, settings.classes, settings.seed);
        let n = model.params().len();
        let mut s = Session {
            settings,
            data,
            model,
            table: Table::default(),
            velocity: vec![0.0; n],
            step: 0,
            epoch: 0,
            cursor: 0,
            data_version: 0,
            train: Vec::new(),
            train_classes: 0,
            heldout: Vec::new(),
            order: Vec::new(),
            order_key: None,
            history: History::new(n),
            curve: LossCurve::new(),
            diverged: false,
            last_update: None,
            no_update: NoUpdate::Start,
            grad: vec![0.0; n],
            before: vec![0.0; n],
            before_velocity: vec![0.0; n],
            bias: Vec::new(),
        };
        s.resplit();
        s.restart();
        Ok(s)
    }

    /// A session on `data` with the default settings of `kind`.
    pub fn with_model(task: Task, kind: ModelKind, data: Dataset) -> Self {
        Session::new(Settings::for_model(task, kind), data).expect("default settings are valid")
    }

    // ----- reading -----

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The samples.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The model.
    pub fn model(&self) -> &dyn Model {
        self.model.as_ref()
    }

    /// Updates made so far.
    pub fn step_count(&self) -> u64 {
        self.step
    }

    /// Epochs completed so far.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Position within the current epoch.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// A number that changes whenever the data changes.
    pub fn data_version(&self) -> u64 {
        self.data_version
    }

    /// Optimiser velocity.
    pub fn velocity(&self) -> &[f64] {
        &self.velocity
    }

    /// True after an update diverged (until Reset or a settings change).
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// The last update made, if the last action was a step.
    pub fn last_update(&self) -> Option<&Update> {
        self.last_update.as_ref()
    }

    /// Why [`Session::last_update`] is `None`, when it is.
    pub fn no_update(&self) -> NoUpdate {
        self.no_update
    }

    /// Forgets the last update, for `why`.
    pub(super) fn clear_update(&mut self, why: NoUpdate) {
        self.last_update = None;
        self.no_update = why;
    }

    /// The loss curve.
    pub fn curve(&self) -> &[CurvePoint] {
        self.curve.points()
    }

    /// The history of snapshots.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Indices of the training samples.
    pub fn train_indices(&self) -> &[usize] {
        &self.train
    }

    /// Indices of the held-out samples.
    pub fn heldout_indices(&self) -> &[usize] {
        &self.heldout
    }

    /// True when sample `i` is held out.
    pub fn is_heldout(&self, i: usize) -> bool {
        self.heldout.binary_search(&i).is_ok()
    }

    /// Loss and accuracy over the training and held-out samples.
    pub fn metrics(&self) -> Metrics {
        let (net, rows) = (self.model.net(), self.table.rows());
        let (loss, accuracy) = net.loss_accuracy(rows.pick(&self.train));
        let (heldout_loss, heldout_accuracy) = if self.heldout.is_empty() {
            (None, None)
        } else {
            let (l, a) = net.loss_accuracy(rows.pick(&self.heldout));
            (Some(l), a)
        };
        Metrics {
            loss,
            accuracy,
            heldout_loss,
            heldout_accuracy,
        }
    }

    /// Why a step cannot be taken now, if it cannot.
    pub fn readiness(&self) -> Result<(), StepError> {
        if self.diverged {
            return Err(StepError::Diverged);
        }
        if self.step >= MAX_STEP || self.epoch >= MAX_STEP {
            return Err(StepError::Counter);
        }
        if self.train.is_empty() {
            return Err(StepError::NoPoints);
        }
        if self.settings.task == Task::Classification {
            // Classes present among the training samples, kept by `resplit`.
            let present = self.train_classes;
            if self.model.kind().is_binary() && present & !0b11 != 0 {
                return Err(StepError::TooManyClasses);
            }
            if present.count_ones() < 2 {
                return Err(StepError::OneClass);
            }
        }
        Ok(())
    }

    /// The snapshot of the current state (used by save/load).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            step: self.step,
            epoch: self.epoch,
            cursor: self.cursor,
            params: self.model.params().to_vec(),
            velocity: self.velocity.clone(),
            data_version: self.data_version,
        }
    }

    /// Restores training state saved with [`Session::snapshot`] into a fresh
    /// session (parameters, velocity, counters). Lengths must match.
    pub fn resume(&mut self, snap: &Snapshot) -> Result<(), LoadError> {
        let n = self.model.params().len();
        for v in [&snap.params, &snap.velocity] {
            if v.len() != n {
                return Err(LoadError::ParamCount {
                    expected: n,
                    found: v.len(),
                });
            }
        }
        let within = |v: &[f64]| all_within(v, DIVERGENCE_LIMIT);
        if !within(&snap.params) || !within(&snap.velocity) {
            return Err(LoadError::ParamValue);
        }
        if snap.step > MAX_STEP || snap.epoch > MAX_STEP {
            return Err(LoadError::Counter);
        }
        if snap.cursor > self.train.len() {
            return Err(LoadError::Cursor);
        }
        let snap = Snapshot {
            data_version: self.data_version,
            ..snap.clone()
        };
        self.history.clear();
        self.curve.clear();
        self.restore(&snap);
        self.no_update = NoUpdate::Loaded;
        self.record();
        Ok(())
    }

    /// Class probabilities at `(x1, x2)` for the K classes (classification).
    pub fn class_probs(&self, x1: f64, x2: f64, out: &mut [f64; MAX_WIDTH]) {
        self.model
            .class_probs(x1, x2, self.settings.classes.max(2), out);
    }
}
