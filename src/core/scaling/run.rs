//! One run of a sweep: a transformer of one size, trained on the first `D`
//! characters of the text in the lab's training session (the same
//! [`Trainer`] as every model), then scored on the held-out end.

use super::corpus::Corpus;
use super::family::{compute, steps_for, RunSpec, BATCH};
use crate::core::error::StepError;
use crate::core::lm::learner::LmLearner;
use crate::core::lm::transformer::learner::{Objective, TransformerLearner};
use crate::core::lm::transformer::{ShapeError, Transformer};
use crate::core::train::Trainer;

/// What a finished run measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunResult {
    /// What was trained.
    pub spec: RunSpec,
    /// Parameters `N` (Kaplan's count, see [`Size::params`]).
    pub params: usize,
    /// Training tokens `D`.
    pub tokens: usize,
    /// `C = 6·N·D`.
    pub compute: f64,
    /// Mean cross-entropy on the held-out text, in nats per character.
    pub loss: f64,
    /// Share of the held-out characters predicted right (the most likely).
    pub accuracy: f64,
    /// Milliseconds it took.
    pub ms: f64,
}

crate::json_struct!(RunResult {
    spec,
    params,
    tokens,
    compute,
    loss,
    accuracy,
    ms
});

/// A run being trained.
pub struct SweepRun {
    spec: RunSpec,
    trainer: Trainer<LmLearner>,
    steps: u64,
}

impl SweepRun {
    /// `spec` on `corpus`: a next-character transformer reading the first
    /// `spec.tokens` training characters and scored on the held-out ones.
    pub fn new(corpus: &Corpus, spec: RunSpec) -> Result<SweepRun, ShapeError> {
        let model = Transformer::new(spec.size.shape(corpus.vocab()), spec.seed)?;
        let d = spec.tokens.clamp(2, corpus.train_len());
        let mut ids = corpus.ids[..d].to_vec();
        ids.extend_from_slice(&corpus.ids[corpus.train_end..]);
        let learner = TransformerLearner::new(
            model,
            Objective::Next,
            ids,
            d,
            spec.size.learning_rate(),
            BATCH,
            spec.seed,
        );
        Ok(SweepRun {
            spec,
            trainer: Trainer::new(LmLearner::Transformer(learner)),
            steps: steps_for(spec.tokens),
        })
    }

    /// What is being trained.
    pub fn spec(&self) -> RunSpec {
        self.spec
    }

    /// Updates done.
    pub fn done(&self) -> u64 {
        self.trainer.step_count()
    }

    /// Updates the run takes in all.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// True when every update is done.
    pub fn finished(&self) -> bool {
        self.done() >= self.steps
    }

    /// Up to `n` more updates (fewer at the end); an update that diverges
    /// stops the run with its error.
    pub fn advance(&mut self, n: u64) -> Result<(), StepError> {
        let todo = n.min(self.steps.saturating_sub(self.done()));
        for _ in 0..todo {
            self.trainer.step()?;
        }
        Ok(())
    }

    /// The held-out loss and accuracy now, with `ms` the time it took.
    pub fn result(&self, ms: f64) -> RunResult {
        let LmLearner::Transformer(learner) = self.trainer.learner() else {
            unreachable!("a sweep trains transformers")
        };
        let (_, held) = learner.measure();
        let held = held.unwrap_or_default();
        let params = self.spec.size.params();
        RunResult {
            spec: self.spec,
            params,
            tokens: self.spec.tokens,
            compute: compute(params, self.spec.tokens),
            loss: held.loss,
            accuracy: held.hits as f64 / held.tokens.max(1) as f64,
            ms,
        }
    }
}

/// Why a run could not finish.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    /// The size is not a transformer's (a hand-edited save).
    Shape(ShapeError),
    /// An update diverged.
    Step(StepError),
}

/// Trains `spec` on `corpus` to the end (natively, for tests and the bench).
pub fn train(corpus: &Corpus, spec: RunSpec) -> Result<RunResult, RunError> {
    let mut run = SweepRun::new(corpus, spec).map_err(RunError::Shape)?;
    run.advance(u64::MAX).map_err(RunError::Step)?;
    Ok(run.result(0.0))
}
