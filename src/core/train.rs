//! One training session for every model: the plane's models, the window
//! language model and the transformer each implement [`Learner`] (what
//! one update does, and what the loss is), and a [`Trainer`] does the rest
//! the same way for all of them — the counters and the epoch's shuffled
//! order, the bounded [`History`] with an exact Step back and Seek by
//! replay, the loss curve, and a diverging update undone and refused.
//!
//! Training is deterministic (the order of examples comes from the seed
//! and the epoch, and every update from the state before it), so any step
//! between two snapshots is rebuilt exactly by replaying from the earlier.

use crate::core::error::{LoadError, StepError};
use crate::core::history::{CurvePoint, History, LossCurve, Snapshot};
use crate::core::optimizer::all_within;
use crate::core::rng::SeededRng;

/// A parameter whose magnitude passes this is taken as divergence: on the
/// app's `[-6, 6]` plane no model that is learning needs one so large.
pub const DIVERGENCE_LIMIT: f64 = 1e6;
/// Largest step (and epoch) count: past it a counter would lose exactness.
pub const MAX_STEP: u64 = 1 << 53;

/// Numbers in up to two parts laid end to end (an empty slice for none):
/// a model's parameters, or an optimiser's state.
pub type Parts<'a> = [&'a [f64]; 2];

/// A model with its examples, as a [`Trainer`] trains it.
pub trait Learner {
    /// What one update reports (its buffers are reused step after step).
    type Update: Default;

    /// Examples an epoch goes through, in a shuffled order.
    fn examples(&self) -> usize;
    /// Examples per update.
    fn batch_size(&self) -> usize;
    /// Seed of the order of examples.
    fn seed(&self) -> u64;
    /// A number that changes whenever the examples change: a snapshot
    /// taken on other examples cannot be replayed from.
    fn version(&self) -> u64 {
        0
    }
    /// Why no update can be made now, if none can.
    fn ready(&self) -> Result<(), StepError> {
        Ok(())
    }
    /// The parameters, in parts laid end to end.
    fn params(&self) -> Parts<'_>;
    /// The optimiser's state (momentum, Adam's moments), in parts.
    fn optimiser(&self) -> Parts<'_>;
    /// Number of parameters.
    fn param_count(&self) -> usize;
    /// Numbers of optimiser state.
    fn optimiser_len(&self) -> usize;
    /// Replaces the parameters and the optimiser state (lengths checked by the caller).
    fn restore(&mut self, params: &[f64], optimiser: &[f64]);
    /// One update on the examples `batch` (indices below [`Learner::examples`]),
    /// the `step`-th (counted from 0), described into `update`. Returns the
    /// batch's mean loss before the update; the trainer undoes an update
    /// whose loss or parameters are not finite or pass [`DIVERGENCE_LIMIT`].
    fn update(&mut self, batch: &[usize], step: u64, update: &mut Self::Update) -> f64;
    /// True when the parameters and optimiser state are finite and within
    /// [`DIVERGENCE_LIMIT`].
    fn within_limit(&self) -> bool {
        let ok = |parts: Parts<'_>| parts.iter().all(|p| all_within(p, DIVERGENCE_LIMIT));
        ok(self.params()) && ok(self.optimiser())
    }
    /// A point of the loss curve at the current parameters. `running` is
    /// the mean batch loss since the last point, when the points are more
    /// than a step apart: a learner whose full measure is costly may use it.
    fn curve_point(&mut self, step: u64, running: Option<f64>) -> CurvePoint;
    /// Steps between curve points (a power of two): every step for up to
    /// 256 examples, about once an epoch beyond.
    fn curve_gap(&self) -> u64 {
        epoch_gap(self.examples(), self.batch_size())
    }
    /// The parameters changed (the learner forgets what it measured at
    /// the old ones).
    fn changed(&mut self) {}
    /// Steps between exact snapshots ([`snapshot_every`] of the parameter
    /// count by default: the rest are rebuilt by replay).
    fn snapshot_every(&self) -> u64 {
        snapshot_every(self.param_count())
    }
}

/// Why there is no last update to show.
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

/// A learner being trained: counters, order, history, curve, divergence.
#[derive(Clone, Debug)]
pub struct Trainer<L: Learner> {
    learner: L,
    step: u64,
    epoch: u64,
    cursor: usize,
    order: Vec<usize>,
    order_key: Option<(u64, u64)>,
    history: History,
    curve: LossCurve,
    diverged: bool,
    last_update: Option<L::Update>,
    no_update: NoUpdate,
    /// The furthest step reached on this line of training (Seek's limit).
    latest: u64,
    /// Exact snapshots every this many steps (a big model replays up to
    /// `record_every − 1` steps instead of copying every parameter on
    /// every step).
    record_every: u64,
    /// True while Seek replays steps: nothing is recorded.
    replaying: bool,
    /// The batch losses since the last curve point: their sum, their
    /// count, and that point's step; `None` after a Seek.
    running: Option<(f64, u64, u64)>,
    batch: Vec<usize>,
}

impl<L: Learner> Trainer<L> {
    /// Starts training `learner` from its current parameters at step 0.
    pub fn new(learner: L) -> Self {
        let n = learner.param_count() + learner.optimiser_len();
        let mut t = Trainer {
            record_every: learner.snapshot_every(),
            history: History::new(n),
            learner,
            step: 0,
            epoch: 0,
            cursor: 0,
            order: Vec::new(),
            order_key: None,
            curve: LossCurve::new(),
            diverged: false,
            last_update: None,
            no_update: NoUpdate::Start,
            latest: 0,
            replaying: false,
            running: None,
            batch: Vec::new(),
        };
        t.start_at(0, 0, 0);
        t
    }

    // ----- reading -----

    /// The learner.
    pub fn learner(&self) -> &L {
        &self.learner
    }

    /// Updates made so far.
    pub fn step_count(&self) -> u64 {
        self.step
    }

    /// Epochs completed so far.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Position within the current epoch's order of examples.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The history of snapshots.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The loss curve.
    pub fn curve(&self) -> &[CurvePoint] {
        self.curve.points()
    }

    /// True after an update diverged (until Reset, Seek or a settings change).
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// The furthest step Seek can reach: the last one trained on this line
    /// of training (a step made after seeking back starts a new line).
    pub fn latest_step(&self) -> u64 {
        self.latest.max(self.step)
    }

    /// The last update made, if the last action was a step.
    pub fn last_update(&self) -> Option<&L::Update> {
        self.last_update.as_ref()
    }

    /// Why [`Trainer::last_update`] is `None`, when it is.
    pub fn no_update(&self) -> NoUpdate {
        self.no_update
    }

    /// Why a step cannot be taken now, if it cannot.
    pub fn readiness(&self) -> Result<(), StepError> {
        if self.diverged {
            return Err(StepError::Diverged);
        }
        if self.step >= MAX_STEP || self.epoch >= MAX_STEP {
            return Err(StepError::Counter);
        }
        self.learner.ready()
    }

    /// The current state: parameters, optimiser state and counters.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            step: self.step,
            epoch: self.epoch,
            cursor: self.cursor,
            params: self.learner.params().concat(),
            velocity: self.learner.optimiser().concat(),
            data_version: self.learner.version(),
        }
    }

    // ----- training -----

    /// The examples the next update will read (for a reference that
    /// trains the same model on the same batches).
    pub fn next_batch(&mut self) -> Vec<usize> {
        self.refresh_order();
        let n = self.learner.examples();
        let start = if self.cursor >= n { 0 } else { self.cursor };
        let end = (start + self.learner.batch_size().max(1)).min(n);
        self.order[start..end].to_vec()
    }

    /// One update on the next batch. A diverging update (a loss or a
    /// parameter that is not finite or passes the limit) is undone and
    /// reported as [`StepError::Diverged`].
    pub fn step(&mut self) -> Result<&L::Update, StepError> {
        self.readiness()?;
        self.refresh_order();
        let n = self.learner.examples();
        if self.cursor >= n {
            self.cursor = 0;
        }
        let end = (self.cursor + self.learner.batch_size().max(1)).min(n);
        self.batch.clear();
        self.batch.extend_from_slice(&self.order[self.cursor..end]);
        // Reuse the last update's buffers: no allocation per step.
        let mut u = self.last_update.take().unwrap_or_default();
        let loss = self.learner.update(&self.batch, self.step, &mut u);
        if !(loss.is_finite() && self.learner.within_limit()) {
            // Back to the state before this update, exactly: the nearest
            // snapshot and a replay (no copy per step).
            let why = self.no_update;
            self.seek(self.step);
            self.no_update = why;
            self.diverged = true;
            return Err(StepError::Diverged);
        }
        self.learner.changed();
        self.cursor = end;
        self.step += 1;
        if self.cursor >= n {
            self.epoch += 1;
        }
        self.running = match self.running {
            Some((sum, k, since)) if since + k + 1 == self.step => Some((sum + loss, k + 1, since)),
            _ => None,
        };
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

    /// Puts the session in the state it had after step `target`, restoring
    /// a snapshot and replaying from the nearest earlier one when needed.
    /// False past the latest step, before the earliest kept one, or when
    /// the replay would need examples that have changed since.
    pub fn seek(&mut self, target: u64) -> bool {
        if target > self.latest_step() {
            return false;
        }
        let Some(snap) = self.history.at_or_before(target) else {
            return false;
        };
        if snap.step != target && snap.data_version != self.learner.version() {
            return false;
        }
        let snap = snap.clone();
        self.restore(&snap);
        self.replaying = true;
        let mut ok = true;
        while ok && self.step < target {
            ok = self.step().is_ok();
        }
        self.replaying = false;
        self.last_update = None;
        self.no_update = NoUpdate::Back;
        ok
    }

    /// The learner's state and the counters of `snap`.
    fn restore(&mut self, snap: &Snapshot) {
        self.learner.restore(&snap.params, &snap.velocity);
        self.learner.changed();
        self.step = snap.step;
        self.epoch = snap.epoch;
        self.cursor = snap.cursor.min(self.learner.examples());
        self.diverged = false;
        self.running = None;
    }

    /// Starts training afresh from the learner's current parameters (a new
    /// model, or one set up again): counters 0, a new history and curve.
    pub fn restart(&mut self) {
        self.start_at(0, 0, 0);
    }

    /// Starts afresh from the current parameters at these counters: a new
    /// history and curve, their first point recorded.
    fn start_at(&mut self, step: u64, epoch: u64, cursor: usize) {
        (self.step, self.epoch, self.cursor) = (step, epoch, cursor);
        self.order_key = None;
        self.diverged = false;
        self.last_update = None;
        self.no_update = NoUpdate::Start;
        self.learner.changed();
        let n = self.learner.param_count() + self.learner.optimiser_len();
        self.record_every = self.learner.snapshot_every();
        self.history = History::new(n);
        self.curve.clear();
        self.latest = step;
        self.running = None;
        self.snapshot_now();
        self.record_curve();
    }

    /// Gives the learner to `f` to change (settings that keep the
    /// parameters and counters, such as the learning rate or the held-out
    /// split); the trainer clears a divergence, since the next step may now
    /// go well, and takes the examples' order afresh.
    pub fn adjust(&mut self, f: impl FnOnce(&mut L)) {
        f(&mut self.learner);
        self.diverged = false;
        self.order_key = None;
        self.cursor = self.cursor.min(self.learner.examples());
    }

    /// Gives the learner to `f` to change in a way that changes the
    /// parameters or the examples (a point moved, a weight typed in). When
    /// `f` succeeds, the state after it is recorded as the current step's,
    /// so Step back still works, and the last update is forgotten for
    /// `why`; when it fails, it must have changed nothing.
    pub fn edit<R, E>(
        &mut self,
        why: NoUpdate,
        f: impl FnOnce(&mut L) -> Result<R, E>,
    ) -> Result<R, E> {
        let out = f(&mut self.learner)?;
        self.learner.changed();
        self.diverged = false;
        self.order_key = None;
        self.cursor = self.cursor.min(self.learner.examples());
        self.last_update = None;
        self.no_update = why;
        self.running = None;
        self.record();
        Ok(out)
    }

    /// Gives the learner to `f` to set up anew (a new model, or new
    /// parameters from the seed), then starts afresh: counters 0, a new
    /// history and curve.
    pub fn rebuild(&mut self, f: impl FnOnce(&mut L)) {
        f(&mut self.learner);
        self.restart();
    }

    /// Replaces the learner (a new model) and starts afresh.
    pub fn replace(&mut self, learner: L) {
        self.learner = learner;
        self.restart();
    }

    /// Restores a state saved with [`Trainer::snapshot`]: every number is
    /// checked first (a refused state changes nothing), and the history
    /// restarts from it.
    pub fn resume(&mut self, snap: &Snapshot) -> Result<(), LoadError> {
        let expected = self.learner.param_count();
        if snap.params.len() != expected {
            let found = snap.params.len();
            return Err(LoadError::ParamCount { expected, found });
        }
        let opt_len = self.learner.optimiser_len();
        if snap.velocity.len() != opt_len {
            let found = snap.velocity.len();
            return Err(LoadError::ParamCount {
                expected: opt_len,
                found,
            });
        }
        let within = |v: &[f64]| all_within(v, DIVERGENCE_LIMIT);
        if !within(&snap.params) || !within(&snap.velocity) {
            return Err(LoadError::ParamValue);
        }
        if snap.step > MAX_STEP || snap.epoch > MAX_STEP {
            return Err(LoadError::Counter);
        }
        if snap.cursor > self.learner.examples() {
            return Err(LoadError::Cursor);
        }
        self.learner.restore(&snap.params, &snap.velocity);
        self.start_at(snap.step, snap.epoch, snap.cursor);
        self.no_update = NoUpdate::Loaded;
        Ok(())
    }

    /// The curve points recorded after step `from` (for a run's report).
    pub fn curve_since(&self, from: u64) -> &[CurvePoint] {
        let points = self.curve.points();
        let at = points.partition_point(|p| p.step <= from);
        &points[at..]
    }

    /// Takes over training that another copy of this trainer did from this
    /// one's current state (a worker's run): its state `snap` after the
    /// run, the curve points it recorded, its last update, and whether its
    /// next update diverged. Training is deterministic, so this is the
    /// state this trainer would have reached itself; it is recorded as a
    /// snapshot, so Step back and Seek reach every step of the run by
    /// replay. False, changing nothing, when `snap` does not fit (another
    /// model, or a state behind this one).
    pub fn adopt(
        &mut self,
        snap: &Snapshot,
        curve: &[CurvePoint],
        last: Option<L::Update>,
        diverged: bool,
    ) -> bool {
        let fits = snap.params.len() == self.learner.param_count()
            && snap.velocity.len() == self.learner.optimiser_len()
            && snap.step >= self.step
            && snap.cursor <= self.learner.examples();
        if !fits {
            return false;
        }
        // The run is a new line of training from here: the old future goes.
        self.history.forget_from(self.step + 1);
        self.curve.rewind(self.step);
        self.restore(snap);
        self.diverged = diverged;
        self.latest = self.step;
        self.snapshot_now();
        for p in curve.iter().filter(|p| p.step <= self.step) {
            self.curve.push(*p);
        }
        self.running = None;
        self.last_update = last;
        self.no_update = NoUpdate::Start;
        true
    }

    /// Records the state after a step or an edit: it is the new end of the
    /// line of training (later snapshots are dropped), kept as a snapshot
    /// every `record_every` steps; and, when due, a point of the curve.
    fn record(&mut self) {
        if self.replaying {
            return;
        }
        self.latest = self.step;
        if self.step % self.record_every == 0 {
            self.snapshot_now();
        } else {
            self.history.forget_from(self.step);
        }
        self.record_curve();
    }

    fn snapshot_now(&mut self) {
        self.history.record_from(
            self.step,
            self.epoch,
            self.cursor,
            &self.learner.params(),
            &self.learner.optimiser(),
            self.learner.version(),
        );
    }

    /// Adds the loss at the current step to the curve when it is due.
    fn record_curve(&mut self) {
        let step = self.step;
        let gap = self.learner.curve_gap();
        if self.curve.wants(step, gap) {
            let running = match self.running {
                Some((sum, k, _)) if gap > 1 && k > 0 => Some(sum / k as f64),
                _ => None,
            };
            let point = self.learner.curve_point(step, running);
            self.running = Some((0.0, 0, step));
            self.curve.push(point);
        } else {
            self.curve.rewind(step);
        }
    }

    /// This epoch's order of examples: a seeded shuffle, new each epoch
    /// (and whenever the examples change).
    fn refresh_order(&mut self) {
        let key = (self.epoch, self.learner.version());
        let n = self.learner.examples();
        if self.order_key == Some(key) && self.order.len() == n {
            return;
        }
        self.order.clear();
        self.order.extend(0..n);
        SeededRng::new(self.learner.seed(), 1000 + self.epoch).shuffle(&mut self.order);
        self.order_key = Some(key);
    }
}

/// Steps between curve points for `examples` in batches of `batch` (a
/// power of two): every step for up to 256 examples, about once an epoch
/// beyond.
pub fn epoch_gap(examples: usize, batch: usize) -> u64 {
    if examples <= 256 {
        return 1;
    }
    (examples.div_ceil(batch.max(1)) as u64)
        .max(1)
        .next_power_of_two()
}

/// Steps between exact snapshots for a model of `params` numbers whose
/// step reads a batch of a few examples: one copy of about 2,000 numbers
/// per step at most (the benchmark's 29,000-number window model spent a
/// tenth of its epoch copying at one per 4 steps), and at most 16 steps
/// to replay.
pub fn snapshot_every(params: usize) -> u64 {
    ((params / 2048) as u64).next_power_of_two().clamp(1, 16)
}
