//! The window model as a [`Learner`]: its examples are the text's windows
//! (one per position), its update one batch of plain SGD,
//! `w ← w − η·∂L/∂w`, and its curve the loss over every window (or, for a
//! long text, the mean of the batches since the last point, which costs
//! nothing where measuring every window costs a third of an epoch).

use std::cell::Cell;

use super::context::{both_at, prompt_context, Windows};
use super::model::{LmModel, Sides};
use super::output::LmUpdate;
use super::sequence::SequenceModel;
use crate::core::history::CurvePoint;
use crate::core::model::Table;
use crate::core::train::{Learner, Parts, DIVERGENCE_LIMIT};

/// The window model, its windows and its training numbers.
#[derive(Clone, Debug)]
pub struct WindowLearner {
    /// The model.
    pub model: LmModel,
    /// The examples.
    pub windows: Windows,
    /// Learning rate `η`.
    pub learning_rate: f64,
    /// Examples per update.
    pub batch_size: usize,
    /// Seed of the order of examples.
    pub seed: u64,
    /// Which side(s) of a character the model reads.
    pub sides: Sides,
    /// Characters read on each side.
    pub context: usize,
    grad: Vec<f64>,
    /// True when the last update left every parameter within the limit.
    within: bool,
    /// The loss over every window at the current parameters, once measured.
    loss: Cell<Option<f64>>,
}

impl WindowLearner {
    /// `model` trained on `windows`, reading `context` characters on `sides`.
    pub fn new(
        model: LmModel,
        windows: Windows,
        (sides, context): (Sides, usize),
        learning_rate: f64,
        batch_size: usize,
        seed: u64,
    ) -> Self {
        WindowLearner {
            grad: vec![0.0; model.param_count()],
            model,
            windows,
            learning_rate,
            batch_size,
            seed,
            sides,
            context,
            within: true,
            loss: Cell::new(None),
        }
    }

    /// The padding id (one past the characters).
    fn pad(&self) -> u32 {
        self.model.vocab() as u32
    }

    /// Mean cross-entropy `−log p_Y` (nats) over every window, measured
    /// once per state (about a third of an epoch), then kept.
    pub fn loss(&self) -> f64 {
        if let Some(l) = self.loss.get() {
            return l;
        }
        let l = self.model.loss_all_in(&self.windows, &mut Table::default());
        self.loss.set(Some(l));
        l
    }
}

impl Learner for WindowLearner {
    type Update = LmUpdate;

    fn examples(&self) -> usize {
        self.windows.len()
    }

    fn batch_size(&self) -> usize {
        self.batch_size
    }

    fn seed(&self) -> u64 {
        self.seed
    }

    fn params(&self) -> Parts<'_> {
        self.model.param_parts()
    }

    fn optimiser(&self) -> Parts<'_> {
        [&[], &[]]
    }

    fn param_count(&self) -> usize {
        self.model.param_count()
    }

    fn optimiser_len(&self) -> usize {
        0
    }

    fn restore(&mut self, params: &[f64], _: &[f64]) {
        self.model.set_params(params);
        self.within = true;
    }

    fn update(&mut self, batch: &[usize], step: u64, u: &mut LmUpdate) -> f64 {
        u.samples.clear();
        u.samples.extend_from_slice(batch);
        let first = batch[0];
        u.context.clear();
        u.context.extend_from_slice(self.windows.row(first));
        u.target = self.windows.target(first);
        u.step = step + 1;
        u.batch_loss = self.model.loss_grad(&self.windows, batch, &mut self.grad);
        // The update and the divergence check in one pass over the parameters.
        self.within = self
            .model
            .sgd(self.learning_rate, &self.grad, DIVERGENCE_LIMIT);
        u.batch_loss
    }

    fn within_limit(&self) -> bool {
        self.within
    }

    fn curve_point(&mut self, step: u64, running: Option<f64>) -> CurvePoint {
        let train = match (running, self.loss.get()) {
            (Some(mean), _) => mean,
            (None, Some(l)) => l,
            // Through the model's own table: no allocation while training.
            (None, None) => {
                let l = self.model.loss_all(&self.windows);
                self.loss.set(Some(l));
                l
            }
        };
        CurvePoint {
            step,
            train,
            heldout: None,
            accuracy: None,
            heldout_accuracy: None,
        }
    }

    fn changed(&mut self) {
        self.loss.set(None);
    }
}

impl SequenceModel for WindowLearner {
    fn vocab(&self) -> usize {
        self.model.vocab()
    }

    fn context(&self) -> usize {
        self.context
    }

    fn next_probs(&self, history: &[u32], out: &mut [f64]) {
        let pad = self.pad();
        let ctx = match self.sides {
            Sides::Left => prompt_context(history, self.context, pad).0,
            // A two-sided model reads the end of the text after the blank.
            Sides::Both => both_at(history, history.len(), self.context, pad),
        };
        self.model.probs(&ctx, out);
    }

    fn blank_probs(&self, left: &[u32], right: &[u32], out: &mut [f64]) {
        let pad = self.pad();
        let ctx = match self.sides {
            Sides::Left => prompt_context(left, self.context, pad).0,
            Sides::Both => {
                let mut text = left.to_vec();
                text.push(pad);
                text.extend_from_slice(right);
                both_at(&text, left.len(), self.context, pad)
            }
        };
        self.model.probs(&ctx, out);
    }

    fn embeddings(&self) -> (&[f64], usize) {
        (self.model.embeddings(), self.model.embed())
    }

    fn writes_on(&self) -> bool {
        self.sides == Sides::Left
    }
}
