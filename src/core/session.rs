//! A training session: data, model, settings, optimiser state, counters and
//! history. Every update can be undone exactly; a diverging update is refused
//! and leaves the last finite state in place.

use super::data::{is_held_out, DataError, Dataset, Point, Preset, Task};
use super::error::{LoadError, ParamError, SettingError, StepError};
use super::history::{CurvePoint, History, LossCurve, Snapshot};
use super::model::{Model, ModelKind, Table, MAX_WIDTH};
use super::optimizer::{all_within, sgd_step};
use super::rng::SeededRng;
pub use super::settings::{Settings, MAX_BATCH};

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

    // ----- training -----

    /// One update on the next batch. A diverging update is undone and
    /// reported as [`StepError::Diverged`].
    pub fn step(&mut self) -> Result<&Update, StepError> {
        self.readiness()?;
        self.refresh_order();
        let n = self.train.len();
        if self.cursor >= n {
            self.cursor = 0;
        }
        let end = (self.cursor + self.settings.batch_size).min(n);
        // Reuse the last update's buffers: no allocation per step.
        let mut u = self.last_update.take().unwrap_or_default();
        u.samples.clear();
        u.samples
            .extend(self.order[self.cursor..end].iter().map(|&k| self.train[k]));

        // The first sample as the learner sees it, before the update.
        let first = u.samples[0];
        let net = self.model.net();
        u.input.clear();
        u.input.extend_from_slice(self.table.row(first));
        u.output.clear();
        u.output.resize(net.outputs(), 0.0);
        u.target = self.table.target(first);
        let batch = self.table.rows().pick(&u.samples);
        u.batch_loss = net.train_pass(batch, &mut self.grad, &mut u.output);
        self.before.copy_from_slice(self.model.params());
        self.before_velocity.copy_from_slice(&self.velocity);
        let Settings {
            learning_rate,
            momentum,
            l2,
            ..
        } = self.settings;
        let bias = &self.bias;
        sgd_step(
            self.model.net_mut().params_mut(),
            &self.grad,
            &mut self.velocity,
            learning_rate,
            momentum,
            l2,
            |i| bias[i],
        );
        // Parameters and velocity both stay within the limit a file must meet.
        let within = |v: &[f64]| all_within(v, DIVERGENCE_LIMIT);
        if !(u.batch_loss.is_finite() && within(self.model.params()) && within(&self.velocity)) {
            self.model
                .net_mut()
                .params_mut()
                .copy_from_slice(&self.before);
            self.velocity.copy_from_slice(&self.before_velocity);
            self.diverged = true;
            return Err(StepError::Diverged);
        }

        self.cursor = end;
        self.step += 1;
        if self.cursor >= n {
            self.epoch += 1;
        }
        // The update as applied, `w ← w + v`: exactly `η(Y − y)x` for the perceptron.
        u.delta.clear();
        u.delta.extend_from_slice(&self.velocity);
        u.step = self.step;
        self.record();
        Ok(self.last_update.insert(u))
    }

    /// Up to `n` updates; stops at the first refusal. Returns how many were made.
    pub fn run(&mut self, n: usize) -> Result<usize, (usize, StepError)> {
        for done in 0..n {
            if let Err(e) = self.step() {
                return Err((done, e));
            }
        }
        Ok(n)
    }

    /// Undoes the last update exactly. False when there is nothing to undo.
    pub fn step_back(&mut self) -> bool {
        self.step > 0 && self.seek(self.step - 1)
    }

    /// Puts the session in the state it had after step `target` (≤ the latest
    /// recorded step), restoring a snapshot and replaying from the nearest
    /// earlier one when needed. False when that step can no longer be reached.
    pub fn seek(&mut self, target: u64) -> bool {
        let latest = self.history.latest().unwrap_or(0).max(self.step);
        if target > latest {
            return false;
        }
        let Some(snap) = self.history.at_or_before(target).cloned() else {
            return false;
        };
        if snap.step != target && snap.data_version != self.data_version {
            return false;
        }
        self.restore(&snap);
        while self.step < target {
            if self.replay_step().is_err() {
                return false;
            }
        }
        true
    }

    fn replay_step(&mut self) -> Result<(), StepError> {
        // Replay without touching the recorded future.
        let history = std::mem::replace(&mut self.history, History::new(0));
        let curve = std::mem::take(&mut self.curve);
        let r = self.step().map(|_| ());
        self.history = history;
        self.curve = curve;
        r
    }

    fn restore(&mut self, snap: &Snapshot) {
        self.model
            .net_mut()
            .params_mut()
            .copy_from_slice(&snap.params);
        self.velocity.copy_from_slice(&snap.velocity);
        self.step = snap.step;
        self.epoch = snap.epoch;
        self.cursor = snap.cursor.min(self.train.len());
        self.diverged = false;
        self.last_update = None;
    }

    /// Re-initialises the parameters from the seed, clears counters and
    /// history; keeps the data.
    pub fn reset(&mut self) {
        let model = self.settings.model.build(
            self.settings.task,
            self.settings.classes,
            self.settings.seed,
        );
        self.model = model;
        self.restart();
    }

    fn restart(&mut self) {
        self.model.encode_points(&self.data.points, &mut self.table);
        let n = self.model.params().len();
        self.velocity = vec![0.0; n];
        self.grad = vec![0.0; n];
        self.before = vec![0.0; n];
        self.before_velocity = vec![0.0; n];
        self.bias = (0..n).map(|i| self.model.net().is_bias(i)).collect();
        self.step = 0;
        self.epoch = 0;
        self.cursor = 0;
        self.diverged = false;
        self.last_update = None;
        self.history = History::new(n);
        self.curve.clear();
        self.record();
    }

    fn record(&mut self) {
        self.history.record_from(
            self.step,
            self.epoch,
            self.cursor,
            self.model.params(),
            &self.velocity,
            self.data_version,
        );
        if self.curve.wants(self.step, self.curve_gap()) {
            let m = self.losses();
            self.curve.push(CurvePoint {
                step: self.step,
                train: m.0,
                heldout: m.1,
            });
        } else {
            self.curve.rewind(self.step);
        }
    }

    /// Steps between loss-curve points (a power of two). Up to 256 points
    /// the loss over all the data is measured after every step (it is cheap,
    /// and the perceptron's steps are worth seeing one by one); beyond that
    /// about once an epoch, which costs about a third of the training itself.
    fn curve_gap(&self) -> u64 {
        let n = self.data.len();
        if n <= 256 {
            return 1;
        }
        let per_epoch = n.div_ceil(self.settings.batch_size.max(1));
        (per_epoch as u64).max(1).next_power_of_two()
    }

    fn losses(&self) -> (f64, Option<f64>) {
        let (net, rows) = (self.model.net(), self.table.rows());
        let heldout = (!self.heldout.is_empty()).then(|| net.loss(rows.pick(&self.heldout)));
        (net.loss(rows.pick(&self.train)), heldout)
    }

    fn refresh_order(&mut self) {
        let key = (self.epoch, self.data_version);
        if self.order_key == Some(key) && self.order.len() == self.train.len() {
            return;
        }
        self.order = (0..self.train.len()).collect();
        SeededRng::new(self.settings.seed, 1000 + self.epoch).shuffle(&mut self.order);
        self.order_key = Some(key);
    }

    // ----- changing settings -----

    /// Replaces the settings. A change of model, shape, task, classes or seed
    /// rebuilds the model (fresh start); the rest keep the parameters and
    /// counters. Invalid settings are refused and nothing changes.
    pub fn set_settings(&mut self, new: Settings) -> Result<(), SettingError> {
        new.validate()?;
        // Every model keeps K ≥ the data's classes, so a saved file always loads.
        if new.task == Task::Classification && new.classes < self.data.class_count() {
            return Err(SettingError::ClassesInData {
                have: self.data.class_count(),
            });
        }
        let rebuild = new.task != self.settings.task
            || new.model != self.settings.model
            || new.classes != self.settings.classes
            || new.seed != self.settings.seed;
        // The held-out split depends on the fraction and the seed.
        let resplit = new.holdout != self.settings.holdout || new.seed != self.settings.seed;
        self.settings = new;
        self.diverged = false;
        if resplit {
            self.resplit();
        }
        if rebuild {
            self.reset();
        }
        Ok(())
    }

    /// Replaces a model's parameters (the user typed a value). Refuses a
    /// wrong count or a non-finite value; the change is recorded as the
    /// current step's state so Step back still works.
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), ParamError> {
        if params.iter().any(|v| v.abs() > DIVERGENCE_LIMIT) {
            return Err(ParamError::Value);
        }
        self.model.set_params(params)?;
        self.diverged = false;
        self.last_update = None;
        self.record();
        Ok(())
    }

    // ----- changing data -----

    /// Adds a sample; returns its index. The class must be below K.
    pub fn add_point(&mut self, p: Point) -> Result<usize, DataError> {
        if p.class > 0 && self.settings.task == Task::Regression {
            return Err(DataError::BadClass(p.class));
        }
        if self.settings.task == Task::Classification && p.class >= self.settings.classes {
            return Err(DataError::BadClass(p.class));
        }
        let i = self.data.add(p)?;
        self.data_changed();
        Ok(i)
    }

    /// Removes sample `i`.
    pub fn remove_point(&mut self, i: usize) -> Result<Point, DataError> {
        let p = self.data.remove(i)?;
        self.data_changed();
        Ok(p)
    }

    /// Moves sample `i` to `(x, y)`.
    pub fn move_point(&mut self, i: usize, x: f64, y: f64) -> Result<(), DataError> {
        self.data.move_to(i, x, y)?;
        self.data_changed();
        Ok(())
    }

    /// Removes every sample.
    pub fn clear_points(&mut self) {
        self.data.clear();
        self.data_changed();
    }

    /// Replaces the data (a preset or an import). Raises K to fit its classes
    /// (rebuilding the model when that changes it).
    pub fn set_data(&mut self, data: Dataset) {
        let need = data.class_count();
        self.data = data;
        if self.settings.task == Task::Classification && need > self.settings.classes {
            // The model is rebuilt for K classes before anything measures it.
            self.settings.classes = need;
            self.data_version += 1;
            self.resplit();
            self.reset();
        } else {
            self.data_changed();
        }
    }

    /// Replaces the data with a generated preset (see [`Preset::generate`]).
    pub fn load_preset(
        &mut self,
        preset: Preset,
        count: usize,
        noise: f64,
        seed: u64,
    ) -> Result<(), DataError> {
        if preset.task() != self.settings.task {
            return Err(DataError::OtherMode);
        }
        self.set_data(preset.generate(count, noise, seed));
        Ok(())
    }

    fn data_changed(&mut self) {
        self.data_version += 1;
        self.model.encode_points(&self.data.points, &mut self.table);
        self.resplit();
        self.last_update = None;
        // The curve's future no longer describes this data; record where we are.
        self.record();
    }

    fn resplit(&mut self) {
        let (frac, seed) = (self.settings.holdout, self.settings.seed);
        let (held, train): (Vec<usize>, Vec<usize>) =
            (0..self.data.len()).partition(|&i| is_held_out(&self.data.points[i], frac, seed));
        self.train_classes = train
            .iter()
            .fold(0, |bits, &i| bits | 1 << self.data.points[i].class);
        self.train = train;
        self.heldout = held;
        self.order_key = None;
        self.cursor = self.cursor.min(self.train.len());
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
        self.record();
        Ok(())
    }

    /// Class probabilities at `(x1, x2)` for the K classes (classification).
    pub fn class_probs(&self, x1: f64, x2: f64, out: &mut [f64; MAX_WIDTH]) {
        self.model
            .class_probs(x1, x2, self.settings.classes.max(2), out);
    }
}
