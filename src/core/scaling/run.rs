//! One run of a sweep: a transformer of one size, trained on the first `D`
//! characters of the text in the lab's training session (the same
//! [`Trainer`] as every model), then scored on the held-out end.

use super::corpus::Corpus;
use super::family::{compute, steps_for, RunSpec, BATCH};
use crate::core::error::StepError;
use crate::core::lm::fixed_run::{Fixed, FixedRun};
use crate::core::lm::transformer::learner::{Objective, TransformerLearner};
use crate::core::lm::transformer::{ShapeError, Transformer};

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
    run: FixedRun,
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
            run: FixedRun::new(learner, steps_for(spec.tokens)),
        })
    }

    /// What is being trained.
    pub fn spec(&self) -> RunSpec {
        self.spec
    }

    /// The held-out loss and accuracy now, with `ms` the time it took.
    pub fn result(&self, ms: f64) -> RunResult {
        let (_, held) = self.learner().measure();
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

impl Fixed for SweepRun {
    fn fixed(&self) -> &FixedRun {
        &self.run
    }

    fn fixed_mut(&mut self) -> &mut FixedRun {
        &mut self.run
    }
}
