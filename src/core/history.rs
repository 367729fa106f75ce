//! Training history: exact snapshots for Step back and the scrubber, and the
//! loss curve — both bounded in memory however long training runs.
//!
//! Snapshots: the last `recent_cap` steps are kept exactly (the cap is set so
//! they hold about [`SNAPSHOT_BUDGET`] numbers), older ones thin out into
//! sparse checkpoints every `stride` steps; when there are more than
//! [`MAX_CHECKPOINTS`] the stride doubles and every other one is dropped.
//! Any step between checkpoints can be rebuilt by replaying from the one
//! before it, since training is deterministic.

use std::collections::VecDeque;

/// Numbers (parameters + optimiser state) the exact snapshots may hold in all.
pub const SNAPSHOT_BUDGET: usize = 1_000_000;
/// Numbers the sparse checkpoints may hold in all.
pub const CHECKPOINT_BUDGET: usize = 2_000_000;
/// Most sparse checkpoints kept (fewer for a big model, by [`CHECKPOINT_BUDGET`]).
pub const MAX_CHECKPOINTS: usize = 256;
/// Fewest exact snapshots and checkpoints kept, however big the model.
const MIN_KEPT: usize = 8;
/// Most points the loss curve keeps.
pub const MAX_CURVE_POINTS: usize = 1000;

/// The full training state after some step: enough to resume exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Updates made so far.
    pub step: u64,
    /// Epochs completed so far.
    pub epoch: u64,
    /// Position in the current epoch's sample order.
    pub cursor: usize,
    /// Model parameters.
    pub params: Vec<f64>,
    /// Optimiser velocity (momentum).
    pub velocity: Vec<f64>,
    /// Which version of the data the step was taken on.
    pub data_version: u64,
}

/// Bounded store of snapshots.
#[derive(Clone, Debug)]
pub struct History {
    recent: VecDeque<Snapshot>,
    recent_cap: usize,
    checkpoints: Vec<Snapshot>,
    max_checkpoints: usize,
    stride: u64,
}

impl History {
    /// An empty history for states of `numbers` numbers each (parameters
    /// and optimiser state).
    pub fn new(numbers: usize) -> Self {
        // Both kinds are bounded in numbers, not only in count, so a big
        // language model keeps fewer snapshots (and replays further) instead
        // of holding hundreds of megabytes.
        let per = numbers + 4;
        let recent_cap = (SNAPSHOT_BUDGET / per).clamp(MIN_KEPT, 2000);
        let max_checkpoints = (CHECKPOINT_BUDGET / per).clamp(MIN_KEPT, MAX_CHECKPOINTS);
        History {
            recent: VecDeque::with_capacity(recent_cap),
            recent_cap,
            checkpoints: Vec::new(),
            max_checkpoints,
            stride: 16,
        }
    }

    /// How many consecutive steps are kept exactly.
    pub fn recent_cap(&self) -> usize {
        self.recent_cap
    }

    /// Snapshots currently held (recent + checkpoints).
    pub fn len(&self) -> usize {
        self.recent.len() + self.checkpoints.len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.recent.clear();
        self.checkpoints.clear();
        self.stride = 16;
    }

    /// Records the state after step `s.step`, first dropping every snapshot
    /// at or after that step (a new branch replaces the old future).
    pub fn record(&mut self, s: Snapshot) {
        self.truncate_from(s.step);
        if self.recent.len() >= self.recent_cap {
            if let Some(old) = self.recent.pop_front() {
                self.keep_as_checkpoint(old);
            }
        }
        self.recent.push_back(s);
    }

    /// Records a state copied from slices (`params` and the optimiser
    /// state `velocity` in parts, each laid end to end), reusing the
    /// buffers of the oldest snapshot when the store is full (no allocation
    /// in steady state).
    pub fn record_from(
        &mut self,
        step: u64,
        epoch: u64,
        cursor: usize,
        params: &[&[f64]],
        velocity: &[&[f64]],
        data_version: u64,
    ) {
        let count = params.iter().map(|p| p.len()).sum();
        self.truncate_from(step);
        let mut s = if self.recent.len() >= self.recent_cap {
            let old = self.recent.pop_front().expect("full");
            if old.step % self.stride == 0 {
                self.keep_as_checkpoint(old.clone());
            }
            old
        } else {
            Snapshot {
                step,
                epoch,
                cursor,
                params: Vec::with_capacity(count),
                velocity: Vec::with_capacity(velocity.iter().map(|v| v.len()).sum()),
                data_version,
            }
        };
        s.step = step;
        s.epoch = epoch;
        s.cursor = cursor;
        s.data_version = data_version;
        s.params.clear();
        for part in params {
            s.params.extend_from_slice(part);
        }
        s.velocity.clear();
        for part in velocity {
            s.velocity.extend_from_slice(part);
        }
        self.recent.push_back(s);
    }

    fn keep_as_checkpoint(&mut self, old: Snapshot) {
        if old.step % self.stride != 0 {
            return;
        }
        self.checkpoints.push(old);
        if self.checkpoints.len() > self.max_checkpoints {
            self.stride *= 2;
            let stride = self.stride;
            self.checkpoints.retain(|c| c.step % stride == 0);
        }
    }

    /// Drops every snapshot at or after `step`: a step not kept as a
    /// snapshot still replaces the old future.
    pub fn forget_from(&mut self, step: u64) {
        self.truncate_from(step);
    }

    fn truncate_from(&mut self, step: u64) {
        while self.recent.back().is_some_and(|s| s.step >= step) {
            self.recent.pop_back();
        }
        // Checkpoints are in step order: drop from the end (a scan of all
        // of them on every step cost more than the snapshot itself).
        while self.checkpoints.last().is_some_and(|c| c.step >= step) {
            self.checkpoints.pop();
        }
    }

    /// The snapshot of exactly step `step`, if kept.
    pub fn get(&self, step: u64) -> Option<&Snapshot> {
        let front = self.recent.front()?.step;
        if step >= front {
            let s = self.recent.get((step - front) as usize)?;
            return (s.step == step).then_some(s);
        }
        self.checkpoints
            .binary_search_by_key(&step, |c| c.step)
            .ok()
            .map(|i| &self.checkpoints[i])
    }

    /// The latest kept snapshot at or before `step`.
    pub fn at_or_before(&self, step: u64) -> Option<&Snapshot> {
        if let Some(s) = self.get(step) {
            return Some(s);
        }
        let in_recent = self.recent.iter().rev().find(|s| s.step <= step);
        in_recent.or_else(|| self.checkpoints.iter().rev().find(|c| c.step <= step))
    }

    /// Every kept snapshot, oldest first (sparse checkpoints, then the recent run).
    pub fn snapshots(&self) -> impl Iterator<Item = &Snapshot> {
        self.checkpoints.iter().chain(self.recent.iter())
    }

    /// The earliest step that can still be reached.
    pub fn earliest(&self) -> Option<u64> {
        self.checkpoints
            .first()
            .or(self.recent.front())
            .map(|s| s.step)
    }

    /// The latest recorded step.
    pub fn latest(&self) -> Option<u64> {
        self.recent.back().map(|s| s.step)
    }
}

/// One point of the loss curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    /// Step number.
    pub step: u64,
    /// Loss on the training samples.
    pub train: f64,
    /// Loss on the held-out samples, when a split is set.
    pub heldout: Option<f64>,
    /// Fraction of the training samples classified right (classification).
    pub accuracy: Option<f64>,
    /// The same on the held-out samples, when a split is set.
    pub heldout_accuracy: Option<f64>,
}

/// The loss over training, thinned as it grows so it never exceeds
/// [`MAX_CURVE_POINTS`] points.
#[derive(Clone, Debug, Default)]
pub struct LossCurve {
    points: Vec<CurvePoint>,
    stride: u64,
}

impl LossCurve {
    /// An empty curve.
    pub fn new() -> Self {
        LossCurve {
            points: Vec::new(),
            stride: 1,
        }
    }

    /// True when step `step` should be recorded, given a minimum gap
    /// between points (a power of two) set by the caller.
    pub fn wants(&self, step: u64, gap: u64) -> bool {
        step % self.stride.max(gap).max(1) == 0
    }

    /// Adds a point (dropping any at or after its step first).
    pub fn push(&mut self, p: CurvePoint) {
        self.rewind(p.step.saturating_sub(1));
        self.points.push(p);
        if self.points.len() > MAX_CURVE_POINTS {
            self.stride *= 2;
            let stride = self.stride;
            self.points.retain(|q| q.step % stride == 0);
        }
    }

    /// Drops every point after step `step`.
    pub fn rewind(&mut self, step: u64) {
        while self.points.last().is_some_and(|q| q.step > step) {
            self.points.pop();
        }
    }

    /// The points, oldest first.
    pub fn points(&self) -> &[CurvePoint] {
        &self.points
    }

    /// Forgets every point.
    pub fn clear(&mut self) {
        self.points.clear();
        self.stride = 1;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_big_model_keeps_its_history_within_the_budgets() {
        // About the language lab's largest shape: 130,000 parameters.
        let n = 130_000;
        let mut h = History::new(2 * n);
        let p = vec![0.5; n];
        for step in 0..2_000u64 {
            h.record_from(step, 0, 0, &[&p], &[&p], 0);
        }
        let numbers = h.len() * (2 * n + 4);
        let most = (SNAPSHOT_BUDGET + CHECKPOINT_BUDGET).max(2 * (MIN_KEPT + 1) * (2 * n + 4));
        assert!(numbers <= most, "{numbers} numbers kept, at most {most}");
        assert!(
            h.len() >= MIN_KEPT,
            "still {} snapshots to go back to",
            h.len()
        );
        assert_eq!(h.latest(), Some(1_999));
    }

    use super::*;

    fn snap(step: u64) -> Snapshot {
        Snapshot {
            step,
            epoch: 0,
            cursor: 0,
            params: vec![step as f64],
            velocity: vec![0.0],
            data_version: 0,
        }
    }

    #[test]
    fn stays_bounded_over_a_million_steps() {
        let mut h = History::new(2);
        for s in 0..1_000_000u64 {
            h.record_from(s, 0, 0, &[&[s as f64]], &[&[0.0]], 0);
        }
        assert!(h.len() <= h.recent_cap() + MAX_CHECKPOINTS + 1);
        assert_eq!(h.get(999_999).unwrap().params, vec![999_999.0]);
        let e = h.earliest().unwrap();
        assert_eq!(e, 0);
        let mid = h.at_or_before(500_000).unwrap();
        assert!(mid.step <= 500_000 && 500_000 - mid.step <= 1 << 13);
    }

    #[test]
    fn recording_an_earlier_step_drops_the_future() {
        let mut h = History::new(2);
        (0..10).for_each(|s| h.record(snap(s)));
        h.record(snap(5));
        assert_eq!(h.latest(), Some(5));
        assert!(h.get(6).is_none());
    }

    #[test]
    fn curve_thins_out() {
        let mut c = LossCurve::new();
        for s in 0..100_000u64 {
            if c.wants(s, 1) {
                c.push(CurvePoint {
                    step: s,
                    train: 1.0,
                    heldout: None,
                    accuracy: None,
                    heldout_accuracy: None,
                });
            }
        }
        assert!(c.points().len() <= MAX_CURVE_POINTS);
        assert!(c.points().windows(2).all(|w| w[0].step < w[1].step));
        c.rewind(50_000);
        assert!(c.points().last().unwrap().step <= 50_000);
    }
}
