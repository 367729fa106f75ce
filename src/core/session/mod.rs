//! A training session of the plane: data, model, settings, optimiser
//! state, counters and history, trained by the one [`Trainer`] every
//! model shares. Every update can be undone exactly; a diverging update is
//! refused and leaves the last finite state in place.

use crate::core::data::{Dataset, Task};
use crate::core::error::{LoadError, SettingError, StepError};
use crate::core::history::{CurvePoint, History, Snapshot};
use crate::core::model::{Model, ModelKind, MAX_WIDTH};
pub use crate::core::settings::{Settings, MAX_BATCH};
use crate::core::train::Trainer;
pub use crate::core::train::{NoUpdate, DIVERGENCE_LIMIT, MAX_STEP};

mod edits;
mod plane;

use plane::Plane;
pub use plane::Update;

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
    trainer: Trainer<Plane>,
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
        Ok(Session {
            trainer: Trainer::new(Plane::new(settings, data, 0)),
        })
    }

    /// A session on `data` with the default settings of `kind`.
    pub fn with_model(task: Task, kind: ModelKind, data: Dataset) -> Self {
        Session::new(Settings::for_model(task, kind), data).expect("default settings are valid")
    }

    fn plane(&self) -> &Plane {
        self.trainer.learner()
    }

    // ----- reading -----

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.plane().settings
    }

    /// The samples.
    pub fn data(&self) -> &Dataset {
        &self.plane().data
    }

    /// The model.
    pub fn model(&self) -> &dyn Model {
        self.plane().model.as_ref()
    }

    /// Updates made so far.
    pub fn step_count(&self) -> u64 {
        self.trainer.step_count()
    }

    /// Epochs completed so far.
    pub fn epoch(&self) -> u64 {
        self.trainer.epoch()
    }

    /// Position within the current epoch.
    pub fn cursor(&self) -> usize {
        self.trainer.cursor()
    }

    /// A number that changes whenever the data changes.
    pub fn data_version(&self) -> u64 {
        self.plane().data_version
    }

    /// Optimiser velocity.
    pub fn velocity(&self) -> &[f64] {
        &self.plane().velocity
    }

    /// True after an update diverged (until Reset or a settings change).
    pub fn diverged(&self) -> bool {
        self.trainer.diverged()
    }

    /// The last update made, if the last action was a step.
    pub fn last_update(&self) -> Option<&Update> {
        self.trainer.last_update()
    }

    /// Why [`Session::last_update`] is `None`, when it is.
    pub fn no_update(&self) -> NoUpdate {
        self.trainer.no_update()
    }

    /// The loss curve.
    pub fn curve(&self) -> &[CurvePoint] {
        self.trainer.curve()
    }

    /// The history of snapshots.
    pub fn history(&self) -> &History {
        self.trainer.history()
    }

    /// Indices of the training samples.
    pub fn train_indices(&self) -> &[usize] {
        &self.plane().train
    }

    /// Indices of the held-out samples.
    pub fn heldout_indices(&self) -> &[usize] {
        &self.plane().heldout
    }

    /// True when sample `i` is held out.
    pub fn is_heldout(&self, i: usize) -> bool {
        self.plane().heldout.binary_search(&i).is_ok()
    }

    /// Loss and accuracy over the training and held-out samples.
    pub fn metrics(&self) -> Metrics {
        let ((loss, accuracy), held) = self.plane().losses();
        Metrics {
            loss,
            accuracy,
            heldout_loss: held.map(|h| h.0),
            heldout_accuracy: held.and_then(|h| h.1),
        }
    }

    /// Why a step cannot be taken now, if it cannot.
    pub fn readiness(&self) -> Result<(), StepError> {
        self.trainer.readiness()
    }

    /// The snapshot of the current state (used by save/load).
    pub fn snapshot(&self) -> Snapshot {
        self.trainer.snapshot()
    }

    /// Restores training state saved with [`Session::snapshot`] into a fresh
    /// session (parameters, velocity, counters). Lengths must match.
    pub fn resume(&mut self, snap: &Snapshot) -> Result<(), LoadError> {
        self.trainer.resume(snap)
    }

    /// Class probabilities at `(x1, x2)` for the K classes (classification).
    pub fn class_probs(&self, x1: f64, x2: f64, out: &mut [f64; MAX_WIDTH]) {
        let p = self.plane();
        p.model.class_probs(x1, x2, p.settings.classes.max(2), out);
    }

    // ----- training -----

    /// One update on the next batch. A diverging update is undone and
    /// reported as [`StepError::Diverged`].
    pub fn step(&mut self) -> Result<&Update, StepError> {
        self.trainer.step()
    }

    /// Up to `n` updates; stops at the first refusal. Returns how many were made.
    pub fn run(&mut self, n: usize) -> Result<usize, (usize, StepError)> {
        self.trainer.run(n)
    }

    /// Undoes the last update exactly. False when there is nothing to undo.
    pub fn step_back(&mut self) -> bool {
        self.trainer.step_back()
    }

    /// Puts the session in the state it had after step `target` (≤ the latest
    /// recorded step), restoring a snapshot and replaying from the nearest
    /// earlier one when needed. False when that step can no longer be reached.
    pub fn seek(&mut self, target: u64) -> bool {
        self.trainer.seek(target)
    }

    /// Re-initialises the parameters from the seed, clears counters and
    /// history; keeps the data.
    pub fn reset(&mut self) {
        self.trainer.rebuild(Plane::rebuild);
    }
}
