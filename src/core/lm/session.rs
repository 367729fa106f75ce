//! A language model being trained on a text, with the guarantees of every
//! other mode: Step (one batch of plain SGD, `w ← w − η·∂L/∂w`), an exact
//! Step back and Seek through a bounded [`History`], Reset, a loss curve,
//! and a diverging update undone and refused. Also what the page asks of a
//! trained model: next-character probabilities and generation.

use std::cell::Cell;

use super::context::Windows;
use super::model::LmModel;
pub use super::model::Sides;
pub use super::output::{Generated, LmUpdate};
pub use super::settings::{LmError, LmSettings};
use super::tokens::Vocab;
use crate::core::error::{LoadError, StepError};
use crate::core::history::{CurvePoint, History, LossCurve, Snapshot};
use crate::core::model::Table;
use crate::core::optimizer::all_within;
use crate::core::rng::SeededRng;
use crate::core::session::{DIVERGENCE_LIMIT, MAX_STEP};

/// A language model, its text and its training state.
#[derive(Clone, Debug)]
pub struct LmSession {
    settings: LmSettings,
    vocab: Vocab,
    tokens: Vec<u32>,
    windows: Windows,
    model: LmModel,
    step: u64,
    epoch: u64,
    cursor: usize,
    order: Vec<usize>,
    order_epoch: Option<u64>,
    history: History,
    curve: LossCurve,
    diverged: bool,
    last_update: Option<LmUpdate>,
    grad: Vec<f64>,
    /// The furthest step reached on this line of training (Seek's limit).
    latest: u64,
    /// Exact snapshots are taken every this many steps (1 for a small
    /// model; a big one replays up to `record_every − 1` steps instead of
    /// copying every parameter on every step).
    record_every: u64,
    /// The loss over every window at the current parameters, once measured.
    loss: Cell<Option<f64>>,
    /// True while Seek replays steps: nothing is recorded.
    replaying: bool,
    /// The batch losses since the last curve point: their sum, their
    /// count, and that point's step; `None` after a Seek (the sum would
    /// miss steps), when the next point is measured exactly instead.
    running: Option<(f64, u64, u64)>,
}

impl LmSession {
    /// A fresh session for `settings` (checked first).
    pub fn new(settings: LmSettings) -> Result<Self, LmError> {
        let (vocab, tokens) = settings.tokenize()?;
        let windows = settings.windows(&tokens, vocab.pad());
        let model = settings.model(vocab.len());
        let p = model.param_count();
        let mut session = LmSession {
            settings,
            vocab,
            tokens,
            windows,
            model,
            step: 0,
            epoch: 0,
            cursor: 0,
            order: Vec::new(),
            order_epoch: None,
            history: History::new(p),
            curve: LossCurve::new(),
            diverged: false,
            last_update: None,
            grad: vec![0.0; p],
            latest: 0,
            record_every: record_every(p),
            loss: Cell::new(None),
            replaying: false,
            running: None,
        };
        session.start_at(0, 0, 0);
        Ok(session)
    }

    // ----- reading -----

    /// The settings in force.
    pub fn settings(&self) -> &LmSettings {
        &self.settings
    }

    /// The text's characters.
    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// The text as token ids.
    pub fn tokens(&self) -> &[u32] {
        &self.tokens
    }

    /// The training examples, one per position of the text.
    pub fn windows(&self) -> &Windows {
        &self.windows
    }

    /// Context ids per example: `n` (left) or `2n` (both sides).
    pub fn width(&self) -> usize {
        self.settings.width()
    }

    /// The model.
    pub fn model(&self) -> &LmModel {
        &self.model
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

    /// The loss curve (loss over every window).
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
    pub fn last_update(&self) -> Option<&LmUpdate> {
        self.last_update.as_ref()
    }

    /// Mean cross-entropy `L = −log p_Y` (nats) over every window; the
    /// perplexity is `e^L`. Measured (a forward pass over every window,
    /// about a third of an epoch) once per state, then kept.
    pub fn loss(&self) -> f64 {
        if let Some(l) = self.loss.get() {
            return l;
        }
        let l = self.model.loss_all_in(&self.windows, &mut Table::default());
        self.loss.set(Some(l));
        l
    }

    /// Every parameter: the embeddings `E`, then the stack's (a copy).
    pub fn params(&self) -> Vec<f64> {
        self.model.params_vec()
    }

    /// Number of parameters.
    pub fn param_count(&self) -> usize {
        self.model.param_count()
    }

    /// The embedding table: `V + 1` rows of `d` (the last is the pad).
    pub fn embeddings(&self) -> &[f64] {
        self.model.embeddings()
    }

    /// `p = softmax(z)` for `context` (exactly `width()` ids, pads allowed;
    /// panics otherwise) into `out` (V values).
    pub fn probs(&self, context: &[u32], out: &mut [f64]) {
        self.model.probs(context, out);
    }

    /// The softmax when the last position of `context` has the embedding
    /// `e` (d values) instead of its token's: for the embedding plane's regions.
    pub fn probs_with_last(&self, context: &[u32], e: &[f64], out: &mut [f64]) {
        self.model.probs_with_last(context, e, out);
    }

    /// One generated character: the raw softmax for `context`, reshaped by
    /// `temperature` and `top_k`, sampled with `rng` ([`Generated::draw`]).
    pub fn next(
        &self,
        context: &[u32],
        temperature: f64,
        top_k: usize,
        rng: &mut SeededRng,
    ) -> Generated {
        let mut raw = vec![0.0; self.vocab.len()];
        self.model.probs(context, &mut raw);
        Generated::draw(raw, temperature, top_k, rng)
    }

    // ----- training -----

    /// One update on the next batch. A diverging update (a loss or a
    /// parameter that is not finite or passes the limit) is undone and
    /// reported as [`StepError::Diverged`].
    pub fn step(&mut self) -> Result<&LmUpdate, StepError> {
        if self.diverged {
            return Err(StepError::Diverged);
        }
        if self.step >= MAX_STEP || self.epoch >= MAX_STEP {
            return Err(StepError::Counter);
        }
        self.refresh_order();
        let n = self.windows.len();
        if self.cursor >= n {
            self.cursor = 0;
        }
        let end = (self.cursor + self.settings.batch_size).min(n);
        // Reuse the last update's buffers: no allocation per step.
        let mut u = self.last_update.take().unwrap_or_default();
        u.samples.clear();
        u.samples.extend_from_slice(&self.order[self.cursor..end]);
        let first = u.samples[0];
        u.context.clear();
        u.context.extend_from_slice(self.windows.row(first));
        u.target = self.windows.target(first);
        u.batch_loss = self
            .model
            .loss_grad(&self.windows, &u.samples, &mut self.grad);
        // The update and the divergence check in one pass over the parameters.
        let lr = self.settings.learning_rate;
        let within = self.model.sgd(lr, &self.grad, DIVERGENCE_LIMIT);
        if !(within && u.batch_loss.is_finite()) {
            // Back to the state before this update, exactly: the nearest
            // snapshot and a replay (divergence is rare; no copy per step).
            self.seek(self.step);
            // The replay made updates of its own; this step made none.
            self.last_update = None;
            self.diverged = true;
            return Err(StepError::Diverged);
        }
        self.cursor = end;
        self.step += 1;
        if self.cursor >= n {
            self.epoch += 1;
        }
        u.step = self.step;
        self.loss.set(None);
        self.running = match self.running {
            Some((sum, k, since)) if since + k + 1 == self.step => {
                Some((sum + u.batch_loss, k + 1, since))
            }
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
    /// False past the latest recorded step or before the earliest kept one.
    pub fn seek(&mut self, target: u64) -> bool {
        if target > self.latest_step() {
            return false;
        }
        let Some(snap) = self.history.at_or_before(target) else {
            return false;
        };
        self.model.set_params(&snap.params);
        self.step = snap.step;
        self.epoch = snap.epoch;
        self.cursor = snap.cursor.min(self.windows.len());
        self.diverged = false;
        self.last_update = None;
        self.loss.set(None);
        self.replaying = true;
        self.running = None;
        let mut ok = true;
        while ok && self.step < target {
            ok = self.step().is_ok();
        }
        self.replaying = false;
        ok
    }

    /// Re-initialises the parameters from the seed and clears the counters,
    /// the history and the curve.
    pub fn reset(&mut self) {
        self.model = self.settings.model(self.vocab.len());
        self.start_at(0, 0, 0);
    }

    /// Starts training afresh from the current parameters at these counters:
    /// a new history and curve, their first point recorded.
    fn start_at(&mut self, step: u64, epoch: u64, cursor: usize) {
        (self.step, self.epoch, self.cursor) = (step, epoch, cursor);
        self.order_epoch = None;
        self.diverged = false;
        self.last_update = None;
        self.loss.set(None);
        self.history = History::new(self.model.param_count());
        self.curve.clear();
        self.latest = step;
        self.history
            .record_from(step, epoch, cursor, &self.model.param_parts(), &[], 0);
        self.record_curve();
    }

    /// Records the state after a step: it is the new end of the line of
    /// training (later snapshots are dropped), kept as a snapshot every
    /// `record_every` steps; and, when due, a point of the curve.
    fn record(&mut self) {
        if self.replaying {
            return;
        }
        let step = self.step;
        self.latest = step;
        if step % self.record_every == 0 {
            let params = self.model.param_parts();
            self.history
                .record_from(step, self.epoch, self.cursor, &params, &[], 0);
        } else {
            self.history.forget_from(step);
        }
        self.record_curve();
    }

    /// Adds the loss at the current step to the curve when it is due: for a
    /// short text (a point every step) the loss over every window; for a
    /// longer one (a point about once an epoch) the mean loss of the
    /// batches since the last point, as training frameworks report an
    /// epoch's loss, which costs nothing (measuring every window costs
    /// about a third of an epoch's training). After a Seek, or at the
    /// start, the loss over every window.
    fn record_curve(&mut self) {
        let step = self.step;
        let gap = self.curve_gap();
        if self.curve.wants(step, gap) {
            let train = match (self.running, self.loss.get()) {
                (Some((sum, k, _)), _) if gap > 1 && k > 0 => sum / k as f64,
                (_, Some(l)) => l,
                // Through the model's own table: no allocation while training.
                _ => {
                    let l = self.model.loss_all(&self.windows);
                    self.loss.set(Some(l));
                    l
                }
            };
            self.running = Some((0.0, 0, step));
            self.curve.push(CurvePoint {
                step,
                train,
                heldout: None,
                accuracy: None,
                heldout_accuracy: None,
            });
        } else {
            self.curve.rewind(step);
        }
    }

    /// Steps between curve points (a power of two): every step for a short
    /// text, about once an epoch for a longer one (measuring the loss over
    /// every window costs about a third of an epoch's training).
    fn curve_gap(&self) -> u64 {
        let n = self.windows.len();
        if n <= 256 {
            return 1;
        }
        let per_epoch = n.div_ceil(self.settings.batch_size.max(1));
        (per_epoch as u64).next_power_of_two()
    }

    /// This epoch's order of examples: a seeded shuffle, new each epoch.
    fn refresh_order(&mut self) {
        if self.order_epoch == Some(self.epoch) {
            return;
        }
        self.order.clear();
        self.order.extend(0..self.windows.len());
        SeededRng::new(self.settings.seed, 1000 + self.epoch).shuffle(&mut self.order);
        self.order_epoch = Some(self.epoch);
    }

    // ----- settings, saving -----

    /// Replaces the settings. A new text, shape, sides or seed rebuilds the
    /// session (fresh start); a new learning rate or batch size keeps the
    /// parameters, counters and history. Refused settings change nothing.
    pub fn set_settings(&mut self, new: LmSettings) -> Result<(), LmError> {
        let old = &self.settings;
        let rebuild = new.text != old.text
            || (new.context, new.embed, new.hidden) != (old.context, old.embed, old.hidden)
            || new.sides != old.sides
            || new.seed != old.seed;
        if rebuild {
            *self = LmSession::new(new)?;
        } else {
            new.validate()?;
            self.settings = new;
            self.diverged = false;
        }
        Ok(())
    }

    /// Restores a state saved with [`LmSession::snapshot`] into this session
    /// (a fresh one of the same settings): every number is checked first,
    /// and the history restarts from it.
    pub fn resume(&mut self, snap: &Snapshot) -> Result<(), LoadError> {
        let expected = self.param_count();
        if snap.params.len() != expected {
            let found = snap.params.len();
            return Err(LoadError::ParamCount { expected, found });
        }
        if !all_within(&snap.params, DIVERGENCE_LIMIT) {
            return Err(LoadError::ParamValue);
        }
        if snap.step > MAX_STEP || snap.epoch > MAX_STEP {
            return Err(LoadError::Counter);
        }
        if snap.cursor > self.windows.len() {
            return Err(LoadError::Cursor);
        }
        self.model.set_params(&snap.params);
        self.start_at(snap.step, snap.epoch, snap.cursor);
        Ok(())
    }
}

/// Steps between exact snapshots for a model of `params` numbers: one copy
/// of about 2,000 numbers per step at most (the benchmark's 29,000-number
/// model spent a tenth of its epoch copying at one per 4 steps), and at
/// most 16 steps to replay.
fn record_every(params: usize) -> u64 {
    ((params / 2048) as u64).next_power_of_two().clamp(1, 16)
}
