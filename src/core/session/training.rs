//! Training a session: one update on the next batch, Step back and the
//! history slider by exact replay, Reset, and what each step records.

use super::{NoUpdate, Session, Update, DIVERGENCE_LIMIT};
use crate::core::error::StepError;
use crate::core::history::{CurvePoint, History, Snapshot};
use crate::core::optimizer::{all_within, sgd_step};
use crate::core::rng::SeededRng;
use crate::core::settings::Settings;

/// `(loss, accuracy)` on the training samples, and on the held-out ones.
type LossAcc = ((f64, Option<f64>), Option<(f64, Option<f64>)>);

impl Session {
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

    pub(super) fn replay_step(&mut self) -> Result<(), StepError> {
        // Replay without touching the recorded future.
        let history = std::mem::replace(&mut self.history, History::new(0));
        let curve = std::mem::take(&mut self.curve);
        let r = self.step().map(|_| ());
        self.history = history;
        self.curve = curve;
        r
    }

    pub(super) fn restore(&mut self, snap: &Snapshot) {
        self.model
            .net_mut()
            .params_mut()
            .copy_from_slice(&snap.params);
        self.velocity.copy_from_slice(&snap.velocity);
        self.step = snap.step;
        self.epoch = snap.epoch;
        self.cursor = snap.cursor.min(self.train.len());
        self.diverged = false;
        self.clear_update(NoUpdate::Back);
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

    pub(super) fn restart(&mut self) {
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
        self.clear_update(NoUpdate::Start);
        self.history = History::new(n);
        self.curve.clear();
        self.record();
    }

    pub(super) fn record(&mut self) {
        self.history.record_from(
            self.step,
            self.epoch,
            self.cursor,
            &[self.model.params()],
            &self.velocity,
            self.data_version,
        );
        if self.curve.wants(self.step, self.curve_gap()) {
            let ((train, accuracy), held) = self.losses();
            self.curve.push(CurvePoint {
                step: self.step,
                train,
                heldout: held.map(|h| h.0),
                accuracy,
                heldout_accuracy: held.and_then(|h| h.1),
            });
        } else {
            self.curve.rewind(self.step);
        }
    }

    /// Steps between loss-curve points (a power of two). Up to 256 points
    /// the loss over all the data is measured after every step (it is cheap,
    /// and the perceptron's steps are worth seeing one by one); beyond that
    /// about once an epoch, which costs about a third of the training itself.
    pub(super) fn curve_gap(&self) -> u64 {
        let n = self.data.len();
        if n <= 256 {
            return 1;
        }
        let per_epoch = n.div_ceil(self.settings.batch_size.max(1));
        (per_epoch as u64).max(1).next_power_of_two()
    }

    /// `(loss, accuracy)` over the training samples, and over the held-out
    /// ones when a split is set; one forward pass each.
    pub(super) fn losses(&self) -> LossAcc {
        let (net, rows) = (self.model.net(), self.table.rows());
        let heldout =
            (!self.heldout.is_empty()).then(|| net.loss_accuracy(rows.pick(&self.heldout)));
        (net.loss_accuracy(rows.pick(&self.train)), heldout)
    }

    pub(super) fn refresh_order(&mut self) {
        let key = (self.epoch, self.data_version);
        if self.order_key == Some(key) && self.order.len() == self.train.len() {
            return;
        }
        self.order = (0..self.train.len()).collect();
        SeededRng::new(self.settings.seed, 1000 + self.epoch).shuffle(&mut self.order);
        self.order_key = Some(key);
    }
}
