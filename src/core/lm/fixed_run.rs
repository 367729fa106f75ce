//! A transformer trained for a set number of updates by the one
//! [`Trainer`], a slice at a time: what a scaling run and each stage of a
//! paradigms run are (a worker advances it between reports).

use crate::core::error::StepError;
use crate::core::lm::learner::LmLearner;
use crate::core::lm::transformer::learner::TransformerLearner;
use crate::core::train::Trainer;

/// A transformer's learner, trained up to `steps` updates.
pub struct FixedRun {
    trainer: Trainer<LmLearner>,
    steps: u64,
}

impl FixedRun {
    /// `learner` to be trained `steps` updates.
    pub fn new(learner: TransformerLearner, steps: u64) -> FixedRun {
        FixedRun {
            trainer: Trainer::new(LmLearner::Transformer(learner)),
            steps,
        }
    }

    /// The trainer (its curve, history and last update).
    pub fn trainer(&self) -> &Trainer<LmLearner> {
        &self.trainer
    }

    /// The model and its text.
    pub fn learner(&self) -> &TransformerLearner {
        match self.trainer.learner() {
            LmLearner::Transformer(l) => l,
            LmLearner::Window(_) => unreachable!("a fixed run trains a transformer"),
        }
    }

    /// Updates done.
    pub fn done(&self) -> u64 {
        self.trainer.step_count()
    }

    /// Updates in all.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// True when every update is done.
    pub fn finished(&self) -> bool {
        self.done() >= self.steps
    }

    /// Up to `n` more updates (fewer at the end); one that diverges stops
    /// the run with its error.
    pub fn advance(&mut self, n: u64) -> Result<(), StepError> {
        let todo = n.min(self.steps.saturating_sub(self.done()));
        for _ in 0..todo {
            self.trainer.step()?;
        }
        Ok(())
    }
}

/// A run made of a [`FixedRun`]: stepped and looked at through it.
pub trait Fixed {
    /// The run being trained.
    fn fixed(&self) -> &FixedRun;
    /// The same, to advance.
    fn fixed_mut(&mut self) -> &mut FixedRun;

    /// The model and its text.
    fn learner(&self) -> &TransformerLearner {
        self.fixed().learner()
    }

    /// Updates done.
    fn done(&self) -> u64 {
        self.fixed().done()
    }

    /// Updates in all.
    fn steps(&self) -> u64 {
        self.fixed().steps()
    }

    /// True when every update is done.
    fn finished(&self) -> bool {
        self.fixed().finished()
    }

    /// Up to `n` more updates.
    fn advance(&mut self, n: u64) -> Result<(), StepError> {
        self.fixed_mut().advance(n)
    }
}
