//! A language model being trained on a text, with the guarantees of every
//! other mode (the [`Trainer`]'s): Step (one batch), an exact Step back
//! and Seek through a bounded history, Reset, a loss curve, and a
//! diverging update undone and refused. Also what the page asks of a
//! trained model: next-character probabilities and generation.

use super::context::Windows;
use super::learner::LmLearner;
use super::model::LmModel;
pub use super::model::Sides;
pub use super::output::{Generated, LmUpdate};
use super::sequence::SequenceModel;
pub use super::settings::{LmError, LmKind, LmSettings};
use super::tokens::Vocab;
use crate::core::error::{LoadError, StepError};
use crate::core::history::{CurvePoint, History, Snapshot};
use crate::core::rng::SeededRng;
use crate::core::train::{Learner, Trainer};
pub use crate::core::train::{DIVERGENCE_LIMIT, MAX_STEP};

/// A language model, its text and its training state.
#[derive(Clone, Debug)]
pub struct LmSession {
    settings: LmSettings,
    vocab: Vocab,
    tokens: Vec<u32>,
    trainer: Trainer<LmLearner>,
}

impl LmSession {
    /// A fresh session for `settings` (checked first).
    pub fn new(settings: LmSettings) -> Result<Self, LmError> {
        let (vocab, tokens) = settings.tokenize()?;
        let trainer = Trainer::new(settings.learner(&vocab, &tokens));
        Ok(LmSession {
            settings,
            vocab,
            tokens,
            trainer,
        })
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

    /// The window model's training examples, one per position of the text.
    pub fn windows(&self) -> Option<&Windows> {
        match self.trainer.learner() {
            LmLearner::Window(w) => Some(&w.windows),
            LmLearner::Transformer(_) => None,
        }
    }

    /// Context ids per example: `n` (left) or `2n` (both sides).
    pub fn width(&self) -> usize {
        self.settings.width()
    }

    /// The window model, when that is the model.
    pub fn window_model(&self) -> Option<&LmModel> {
        match self.trainer.learner() {
            LmLearner::Window(w) => Some(&w.model),
            LmLearner::Transformer(_) => None,
        }
    }

    /// The model and what trains it.
    pub fn learner(&self) -> &LmLearner {
        self.trainer.learner()
    }

    /// The model as the views see it.
    pub fn sequence_model(&self) -> &dyn SequenceModel {
        self.trainer.learner()
    }

    /// The training state: counters, history, curve.
    pub fn trainer(&self) -> &Trainer<LmLearner> {
        &self.trainer
    }

    /// Updates made so far.
    pub fn step_count(&self) -> u64 {
        self.trainer.step_count()
    }

    /// Epochs completed so far.
    pub fn epoch(&self) -> u64 {
        self.trainer.epoch()
    }

    /// Position within the current epoch's order of examples.
    pub fn cursor(&self) -> usize {
        self.trainer.cursor()
    }

    /// The history of snapshots.
    pub fn history(&self) -> &History {
        self.trainer.history()
    }

    /// The loss curve (loss over every window).
    pub fn curve(&self) -> &[CurvePoint] {
        self.trainer.curve()
    }

    /// True after an update diverged (until Reset, Seek or a settings change).
    pub fn diverged(&self) -> bool {
        self.trainer.diverged()
    }

    /// The furthest step Seek can reach.
    pub fn latest_step(&self) -> u64 {
        self.trainer.latest_step()
    }

    /// The last update made, if the last action was a step.
    pub fn last_update(&self) -> Option<&LmUpdate> {
        self.trainer.last_update()
    }

    /// Mean cross-entropy `L = −log p_Y` (nats) over the training text
    /// (every window, or the text read in sequences); the perplexity is
    /// `e^L`. Measured once per state, then kept.
    pub fn loss(&self) -> f64 {
        match self.trainer.learner() {
            LmLearner::Window(w) => w.loss(),
            LmLearner::Transformer(t) => t.measure().0.loss,
        }
    }

    /// Every parameter, in the saved order (a copy).
    pub fn params(&self) -> Vec<f64> {
        self.trainer.snapshot().params
    }

    /// Number of parameters.
    pub fn param_count(&self) -> usize {
        self.trainer.learner().param_count()
    }

    /// Numbers of optimiser state (Adam's two moments; none for plain SGD).
    pub fn optimiser_len(&self) -> usize {
        self.trainer.learner().optimiser_len()
    }

    /// The embedding table: `V + 1` rows (the last is the pad, or the
    /// transformer's mask token).
    pub fn embeddings(&self) -> &[f64] {
        self.sequence_model().embeddings().0
    }

    /// The window model's `p = softmax(z)` for `context` (exactly
    /// `width()` ids, pads allowed) into `out` (V values); the transformer's
    /// next-character probabilities after `context` (pads skipped).
    pub fn probs(&self, context: &[u32], out: &mut [f64]) {
        match self.trainer.learner() {
            LmLearner::Window(w) => w.model.probs(context, out),
            LmLearner::Transformer(t) => {
                let pad = self.vocab.pad();
                let ids: Vec<u32> = context.iter().copied().filter(|&i| i != pad).collect();
                t.next_probs(&ids, out);
            }
        }
    }

    /// The window model's softmax when the last position of `context` has
    /// the embedding `e` (d values) instead of its token's: for the
    /// embedding plane's regions. False for a transformer.
    pub fn probs_with_last(&self, context: &[u32], e: &[f64], out: &mut [f64]) -> bool {
        match self.trainer.learner() {
            LmLearner::Window(w) => {
                w.model.probs_with_last(context, e, out);
                true
            }
            LmLearner::Transformer(_) => false,
        }
    }

    /// One generated character after `context`: the raw softmax reshaped
    /// by `temperature` and `top_k`, sampled with `rng` ([`Generated::draw`]).
    pub fn next(
        &self,
        context: &[u32],
        temperature: f64,
        top_k: usize,
        rng: &mut SeededRng,
    ) -> Generated {
        let mut raw = vec![0.0; self.vocab.len()];
        self.probs(context, &mut raw);
        Generated::draw(raw, temperature, top_k, rng)
    }

    // ----- training -----

    /// One update on the next batch. A diverging update is undone and
    /// reported as [`StepError::Diverged`].
    pub fn step(&mut self) -> Result<&LmUpdate, StepError> {
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

    /// Puts the session in the state it had after step `target`.
    pub fn seek(&mut self, target: u64) -> bool {
        self.trainer.seek(target)
    }

    /// Re-initialises the parameters from the seed and clears the counters,
    /// the history and the curve.
    pub fn reset(&mut self) {
        let fresh = self.settings.learner(&self.vocab, &self.tokens);
        self.trainer.replace(fresh);
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
            || new.seed != old.seed
            || new.model != old.model
            || (new.blocks, new.heads, new.width) != (old.blocks, old.heads, old.width)
            || new.objective != old.objective;
        if rebuild {
            *self = LmSession::new(new)?;
        } else {
            new.validate()?;
            let (lr, batch) = (new.learning_rate, new.batch_size);
            self.settings = new;
            self.trainer.adjust(|l| match l {
                LmLearner::Window(w) => (w.learning_rate, w.batch_size) = (lr, batch),
                LmLearner::Transformer(t) => (t.learning_rate, t.batch_size) = (lr, batch),
            });
        }
        Ok(())
    }

    /// The transformer's next batch (the window model's: `None`), as its
    /// next update will read it.
    pub fn next_transformer_batch(&mut self) -> Option<crate::core::lm::transformer::Batch> {
        let idx = self.trainer.next_batch();
        let step = self.trainer.step_count();
        match self.trainer.learner() {
            LmLearner::Transformer(t) => Some(t.batch_of(&idx, step)),
            LmLearner::Window(_) => None,
        }
    }

    /// Takes over a run that a copy of this session made from its current
    /// state ([`Trainer::adopt`]). False, changing nothing, when it does not fit.
    pub fn adopt(
        &mut self,
        snap: &Snapshot,
        curve: &[CurvePoint],
        last: Option<LmUpdate>,
        diverged: bool,
    ) -> bool {
        self.trainer.adopt(snap, curve, last, diverged)
    }

    /// The current training state (parameters and counters).
    pub fn snapshot(&self) -> Snapshot {
        self.trainer.snapshot()
    }

    /// Restores a state saved with [`LmSession::snapshot`] into this session
    /// (a fresh one of the same settings): every number is checked first,
    /// and the history restarts from it.
    pub fn resume(&mut self, snap: &Snapshot) -> Result<(), LoadError> {
        self.trainer.resume(snap)
    }
}
