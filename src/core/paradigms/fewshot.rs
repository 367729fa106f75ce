//! Prompting and few-shot: a model pretrained on runs of demonstrations
//! (no instructions), then asked for each task with 0 to [`MAX_SHOTS`]
//! examples in the prompt, and with each of the task's instructions
//! instead of examples — words it never read, so how much the wording
//! matters is measured too.

use super::ask::{Ask, Query, Score, MAX_SHOTS};
use super::stage::{held_seed, Size, Stage, DEFAULT_SIZE, HELD_TEXT};
use super::tasks::{Task, WORDINGS};
use super::texts::{demonstrations, Scoring};
use crate::core::lm::fixed_run::Fixed;
use crate::core::lm::transformer::ShapeError;

/// A few-shot run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FewShotSpec {
    /// The model and how it trains.
    pub size: Size,
    /// Updates.
    pub steps: u64,
    /// Characters of demonstrations.
    pub text: usize,
    /// Which characters pretraining predicts.
    pub scoring: Scoring,
    /// Seed of the model, the text and the order.
    pub seed: u64,
}

/// The default run: see `tests/paradigms.rs` for its measured time.
pub const FEW_SHOT: FewShotSpec = FewShotSpec {
    size: Size {
        context: 128,
        batch: 8,
        ..DEFAULT_SIZE
    },
    steps: 1_500,
    text: 120_000,
    scoring: Scoring::Answers,
    seed: 1,
};

/// What a few-shot model achieved.
#[derive(Clone, Debug, PartialEq)]
pub struct FewShotResult {
    /// Per task (in [`Task::ALL`] order), the score with `k` examples, `k` = 0..=8.
    pub shots: Vec<Vec<Score>>,
    /// Per wording (in [`WORDINGS`] order), the score asked with it and no example.
    pub wordings: Vec<Score>,
}

crate::json_struct!(FewShotResult { shots, wordings });

/// A few-shot model being pretrained.
pub struct FewShotRun {
    spec: FewShotSpec,
    stage: Stage,
}

impl FewShotRun {
    /// The run of `spec`, its model fresh.
    pub fn new(spec: FewShotSpec) -> Result<FewShotRun, ShapeError> {
        let model = spec.size.model(spec.seed)?;
        let train = demonstrations(spec.seed, spec.text, spec.scoring);
        let held = demonstrations(held_seed(spec.seed), HELD_TEXT, spec.scoring);
        let stage = Stage::on_texts(model, &train, &held, &spec.size, spec.seed, spec.steps);
        Ok(FewShotRun { spec, stage })
    }

    /// Its settings.
    pub fn spec(&self) -> &FewShotSpec {
        &self.spec
    }

    /// What [`measure`](Self::measure) asks, cell by cell: each task with
    /// 0 to [`MAX_SHOTS`] examples, then every wording.
    pub fn queries() -> Vec<Query> {
        let shots = Task::ALL
            .iter()
            .flat_map(|&t| (0..=MAX_SHOTS).map(move |k| Query::trained(t, Ask::Shots(k))));
        let wordings = WORDINGS
            .iter()
            .map(|w| Query::trained(w.task, Ask::Instruction(w)));
        shots.chain(wordings).collect()
    }

    /// The result from the scores of [`queries`](Self::queries), in order.
    pub fn assemble(scores: &[Score]) -> FewShotResult {
        let (shots, wordings) = scores.split_at(Task::ALL.len() * (MAX_SHOTS + 1));
        FewShotResult {
            shots: shots.chunks(MAX_SHOTS + 1).map(<[Score]>::to_vec).collect(),
            wordings: wordings.to_vec(),
        }
    }

    /// The model's scores now on `n` queries per cell, drawn from `seed`.
    pub fn measure(&self, n: usize, seed: u64) -> FewShotResult {
        let scores: Vec<Score> = Self::queries()
            .iter()
            .map(|q| q.score(&self.learner().model, None, n, seed))
            .collect();
        Self::assemble(&scores)
    }
}

impl Fixed for FewShotRun {
    fn fixed(&self) -> &Stage {
        &self.stage
    }

    fn fixed_mut(&mut self) -> &mut Stage {
        &mut self.stage
    }
}
