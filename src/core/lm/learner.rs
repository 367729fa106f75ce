//! The language lab's model, whichever it is: the window model or the
//! transformer, each a [`Learner`] and a [`SequenceModel`]; this enum is
//! both by handing every call to the one it holds.

use super::output::LmUpdate;
use super::sequence::SequenceModel;
use super::transformer::learner::TransformerLearner;
use super::transformer::Attention;
use super::window::WindowLearner;
use crate::core::error::StepError;
use crate::core::history::CurvePoint;
use crate::core::train::{Learner, Parts};

/// The lab's model and what trains it.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum LmLearner {
    /// A fixed window of characters, embeddings and a softmax.
    Window(WindowLearner),
    /// A tiny transformer.
    Transformer(TransformerLearner),
}

/// `$body` with `$l` bound to whichever learner `$self` holds.
macro_rules! each {
    ($self:expr, $l:ident => $body:expr) => {
        match $self {
            LmLearner::Window($l) => $body,
            LmLearner::Transformer($l) => $body,
        }
    };
}

impl Learner for LmLearner {
    type Update = LmUpdate;

    fn examples(&self) -> usize {
        each!(self, l => l.examples())
    }
    fn batch_size(&self) -> usize {
        each!(self, l => l.batch_size())
    }
    fn seed(&self) -> u64 {
        each!(self, l => l.seed())
    }
    fn ready(&self) -> Result<(), StepError> {
        each!(self, l => l.ready())
    }
    fn params(&self) -> Parts<'_> {
        each!(self, l => l.params())
    }
    fn optimiser(&self) -> Parts<'_> {
        each!(self, l => l.optimiser())
    }
    fn param_count(&self) -> usize {
        each!(self, l => l.param_count())
    }
    fn optimiser_len(&self) -> usize {
        each!(self, l => l.optimiser_len())
    }
    fn restore(&mut self, params: &[f64], optimiser: &[f64]) {
        each!(self, l => l.restore(params, optimiser))
    }
    fn update(&mut self, batch: &[usize], step: u64, update: &mut LmUpdate) -> f64 {
        each!(self, l => l.update(batch, step, update))
    }
    fn within_limit(&self) -> bool {
        each!(self, l => l.within_limit())
    }
    fn curve_point(&mut self, step: u64, running: Option<f64>) -> CurvePoint {
        each!(self, l => l.curve_point(step, running))
    }
    fn curve_gap(&self) -> u64 {
        each!(self, l => l.curve_gap())
    }
    fn changed(&mut self) {
        each!(self, l => l.changed())
    }
    fn snapshot_every(&self) -> u64 {
        each!(self, l => l.snapshot_every())
    }
}

impl SequenceModel for LmLearner {
    fn vocab(&self) -> usize {
        each!(self, l => l.vocab())
    }
    fn context(&self) -> usize {
        each!(self, l => l.context())
    }
    fn next_probs(&self, history: &[u32], out: &mut [f64]) {
        each!(self, l => l.next_probs(history, out))
    }
    fn blank_probs(&self, left: &[u32], right: &[u32], out: &mut [f64]) {
        each!(self, l => l.blank_probs(left, right, out))
    }
    fn embeddings(&self) -> (&[f64], usize) {
        each!(self, l => l.embeddings())
    }
    fn writes_on(&self) -> bool {
        each!(self, l => l.writes_on())
    }
    fn reads_both_sides(&self) -> bool {
        each!(self, l => l.reads_both_sides())
    }
    fn attention(&self, ids: &[u32]) -> Option<Attention> {
        each!(self, l => l.attention(ids))
    }
}
