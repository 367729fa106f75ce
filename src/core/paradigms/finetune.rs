//! Pretrain–finetune: a base model pretrained on runs of demonstrations
//! of every task, then fine-tuned on one task's examples — one model per
//! task. Measured on every task, bare (`input>`) and with a few examples
//! in the prompt, before and after fine-tuning: what the fine-tuned task
//! gains and what the others lose.

use super::ask::{Ask, Query, Score};
use super::stage::{held_seed, stage_curve, RunPoint, Size, Stage, DEFAULT_SIZE, HELD_TEXT};
use super::tasks::Task;
use super::texts::{demonstrations, task_examples, Scoring};
use crate::core::error::StepError;
use crate::core::lm::transformer::learner::TransformerLearner;
use crate::core::lm::transformer::{ShapeError, Transformer};

/// Examples in the prompt when a model is measured with examples.
pub const SHOTS: usize = 4;

/// A pretrain–finetune run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FinetuneSpec {
    /// The model and how it trains (both stages).
    pub size: Size,
    /// The task fine-tuned on.
    pub task: Task,
    /// Pretraining updates.
    pub pretrain_steps: u64,
    /// Fine-tuning updates.
    pub finetune_steps: u64,
    /// Characters of demonstrations to pretrain on.
    pub pretrain_text: usize,
    /// Characters of the task's examples to fine-tune on.
    pub finetune_text: usize,
    /// Seed of the model, the texts and the order.
    pub seed: u64,
}

/// The default run: see `tests/paradigms.rs` for its measured time.
pub const FINETUNE: FinetuneSpec = FinetuneSpec {
    size: DEFAULT_SIZE,
    task: Task::Reverse,
    pretrain_steps: 1_200,
    finetune_steps: 400,
    pretrain_text: 120_000,
    finetune_text: 30_000,
    seed: 1,
};

/// One task's scores before and after fine-tuning.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TaskScores {
    /// The base model asked bare (`input>`).
    pub base_bare: Score,
    /// The base model shown [`SHOTS`] examples.
    pub base_shots: Score,
    /// The fine-tuned model asked bare.
    pub tuned_bare: Score,
    /// The fine-tuned model shown [`SHOTS`] examples.
    pub tuned_shots: Score,
}

crate::json_struct!(TaskScores {
    base_bare,
    base_shots,
    tuned_bare,
    tuned_shots
});

/// What a pretrain–finetune run achieved: per task, in [`Task::ALL`] order.
#[derive(Clone, Debug, PartialEq)]
pub struct FinetuneResult {
    /// The scores.
    pub tasks: Vec<TaskScores>,
}

crate::json_struct!(FinetuneResult { tasks });

/// A base model being pretrained, then fine-tuned.
pub struct FinetuneRun {
    spec: FinetuneSpec,
    stage: Stage,
    /// The pretrained model, once pretraining is done.
    base: Option<Transformer>,
    /// Pretraining's loss curve, once pretraining is done.
    pretrained: Vec<RunPoint>,
}

impl FinetuneRun {
    /// The run of `spec`, its model fresh and pretraining first.
    pub fn new(spec: FinetuneSpec) -> Result<FinetuneRun, ShapeError> {
        let model = spec.size.model(spec.seed)?;
        let train = demonstrations(spec.seed, spec.pretrain_text, Scoring::Answers);
        let held = demonstrations(held_seed(spec.seed), HELD_TEXT, Scoring::Answers);
        let stage = Stage::on_texts(
            model,
            &train,
            &held,
            &spec.size,
            spec.seed,
            spec.pretrain_steps,
        );
        Ok(FinetuneRun {
            spec,
            stage,
            base: None,
            pretrained: Vec::new(),
        })
    }

    /// Its settings.
    pub fn spec(&self) -> &FinetuneSpec {
        &self.spec
    }

    /// The stage now: pretraining, then fine-tuning.
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// True once pretraining is over.
    pub fn fine_tuning(&self) -> bool {
        self.base.is_some()
    }

    /// The model being trained and its text.
    pub fn learner(&self) -> &TransformerLearner {
        self.stage.learner()
    }

    /// The pretrained model, once pretraining is done.
    pub fn base(&self) -> Option<&Transformer> {
        self.base.as_ref()
    }

    /// Updates done, both stages.
    pub fn done(&self) -> u64 {
        let before = if self.fine_tuning() {
            self.spec.pretrain_steps
        } else {
            0
        };
        before + self.stage.done()
    }

    /// Updates in all, both stages.
    pub fn steps(&self) -> u64 {
        self.spec.pretrain_steps + self.spec.finetune_steps
    }

    /// True when both stages are done.
    pub fn finished(&self) -> bool {
        self.fine_tuning() && self.stage.finished()
    }

    /// Up to `n` more updates, going on from pretraining to fine-tuning
    /// (the fine-tuning stage starts from the pretrained model, with fresh
    /// optimiser moments).
    pub fn advance(&mut self, n: u64) -> Result<(), StepError> {
        let mut left = n;
        while left > 0 && !self.finished() {
            if self.stage.finished() {
                self.start_finetuning();
                continue;
            }
            let before = self.stage.done();
            self.stage.advance(left)?;
            left -= self.stage.done() - before;
        }
        if !self.fine_tuning() && self.stage.finished() {
            self.start_finetuning();
        }
        Ok(())
    }

    /// The loss curve over both stages: pretraining's held-out loss is on
    /// demonstrations, fine-tuning's (from update `pretrain_steps`) on the
    /// task's own examples.
    pub fn curve(&self) -> Vec<RunPoint> {
        if !self.fine_tuning() {
            return stage_curve(&self.stage, 0);
        }
        let mut points = self.pretrained.clone();
        points.extend(stage_curve(&self.stage, self.spec.pretrain_steps));
        points
    }

    fn start_finetuning(&mut self) {
        self.pretrained = stage_curve(&self.stage, 0);
        let s = &self.spec;
        let base = self.stage.learner().model.clone();
        let train = task_examples(s.seed, s.task, s.finetune_text);
        let held = task_examples(held_seed(s.seed), s.task, HELD_TEXT);
        self.stage = Stage::on_texts(
            base.clone(),
            &train,
            &held,
            &s.size,
            s.seed,
            s.finetune_steps,
        );
        self.base = Some(base);
    }

    /// What [`measure`](Self::measure) asks: per task, the base and the
    /// tuned model, bare and with [`SHOTS`] examples.
    pub fn queries() -> Vec<Query> {
        Task::ALL
            .iter()
            .flat_map(|&t| {
                [
                    Query::base(t, Ask::Shots(0)),
                    Query::base(t, Ask::Shots(SHOTS)),
                    Query::trained(t, Ask::Shots(0)),
                    Query::trained(t, Ask::Shots(SHOTS)),
                ]
            })
            .collect()
    }

    /// The result from the scores of [`queries`](Self::queries), in order.
    pub fn assemble(scores: &[Score]) -> FinetuneResult {
        let tasks = scores
            .chunks(4)
            .map(|c| TaskScores {
                base_bare: c[0],
                base_shots: c[1],
                tuned_bare: c[2],
                tuned_shots: c[3],
            })
            .collect();
        FinetuneResult { tasks }
    }

    /// Every task's scores now, `n` queries per cell drawn from `seed`
    /// (before fine-tuning starts, "tuned" is the model being pretrained).
    pub fn measure(&self, n: usize, seed: u64) -> FinetuneResult {
        let tuned = &self.learner().model;
        let scores: Vec<Score> = Self::queries()
            .iter()
            .map(|q| q.score(tuned, self.base(), n, seed))
            .collect();
        Self::assemble(&scores)
    }
}
