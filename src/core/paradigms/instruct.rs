//! Instruction tuning: a model trained on [`tuning_set`](super::tasks::tuning_set)
//! — every task but the held-out one, each in its trained wordings — then
//! asked with every wording: trained ones, held-out ones, and the
//! held-out task's.

use super::ask::{Ask, Query, Score};
use super::stage::{held_seed, Size, Stage, DEFAULT_SIZE, HELD_TEXT};
use super::tasks::{Task, HELD_OUT_TASK, WORDINGS};
use super::texts::instructions;
use crate::core::lm::fixed_run::Fixed;
use crate::core::lm::transformer::ShapeError;

/// An instruction-tuning run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InstructSpec {
    /// The model and how it trains.
    pub size: Size,
    /// Updates.
    pub steps: u64,
    /// Characters of instruction examples.
    pub text: usize,
    /// Seed of the model, the text and the order.
    pub seed: u64,
}

/// The default run: see `tests/paradigms.rs` for its measured time.
pub const INSTRUCT: InstructSpec = InstructSpec {
    size: DEFAULT_SIZE,
    steps: 1_600,
    text: 120_000,
    seed: 1,
};

/// What an instruction-tuned model achieved.
#[derive(Clone, Debug, PartialEq)]
pub struct InstructResult {
    /// Per wording (in [`WORDINGS`] order), the score asked with it.
    pub wordings: Vec<Score>,
}

crate::json_struct!(InstructResult { wordings });

/// Which wordings a cell of the comparison gathers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// Tasks trained on, in wordings trained on.
    Seen,
    /// Tasks trained on, in held-out wordings.
    HeldOutWording,
    /// The task never trained on ([`HELD_OUT_TASK`]), in any wording.
    HeldOutTask,
}

impl Split {
    /// Every split.
    pub const ALL: [Split; 3] = [Split::Seen, Split::HeldOutWording, Split::HeldOutTask];

    /// True when wording `i` of [`WORDINGS`] belongs to the split.
    pub fn holds(self, i: usize) -> bool {
        let w = &WORDINGS[i];
        match self {
            Split::Seen => w.task != HELD_OUT_TASK && !w.held_out,
            Split::HeldOutWording => w.task != HELD_OUT_TASK && w.held_out,
            Split::HeldOutTask => w.task == HELD_OUT_TASK,
        }
    }
}

/// The scores of the wordings in `split` (and in Chinese or English when
/// `zh` says which), added up; `scores` one per wording of [`WORDINGS`].
pub fn gather(scores: &[Score], split: Split, zh: Option<bool>) -> Score {
    scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| split.holds(i) && zh.is_none_or(|z| WORDINGS[i].zh == z))
        .fold(Score::default(), |a, (_, &s)| a.plus(s))
}

/// For each task, the lowest and the highest rate across its wordings
/// (`scores` one per wording of [`WORDINGS`]): the spread paraphrases make.
pub fn spread(scores: &[Score]) -> Vec<(Task, f64, f64)> {
    Task::ALL
        .iter()
        .map(|&t| {
            let rates = WORDINGS
                .iter()
                .zip(scores)
                .filter(|(w, _)| w.task == t)
                .map(|(_, s)| s.rate());
            let lo = rates.clone().fold(f64::INFINITY, f64::min);
            let hi = rates.fold(f64::NEG_INFINITY, f64::max);
            (t, lo, hi)
        })
        .collect()
}

/// An instruction-tuned model being trained.
pub struct InstructRun {
    spec: InstructSpec,
    stage: Stage,
}

impl InstructRun {
    /// The run of `spec`, its model fresh.
    pub fn new(spec: InstructSpec) -> Result<InstructRun, ShapeError> {
        let model = spec.size.model(spec.seed)?;
        let train = instructions(spec.seed, spec.text);
        let held = instructions(held_seed(spec.seed), HELD_TEXT);
        let stage = Stage::on_texts(model, &train, &held, &spec.size, spec.seed, spec.steps);
        Ok(InstructRun { spec, stage })
    }

    /// Its settings.
    pub fn spec(&self) -> &InstructSpec {
        &self.spec
    }

    /// What [`measure`](Self::measure) asks: every wording, in [`WORDINGS`] order.
    pub fn queries() -> Vec<Query> {
        WORDINGS
            .iter()
            .map(|w| Query::trained(w.task, Ask::Instruction(w)))
            .collect()
    }

    /// The result from the scores of [`queries`](Self::queries), in order.
    pub fn assemble(scores: &[Score]) -> InstructResult {
        InstructResult {
            wordings: scores.to_vec(),
        }
    }

    /// The model's score now with every wording, `n` queries each, drawn from `seed`.
    pub fn measure(&self, n: usize, seed: u64) -> InstructResult {
        let scores: Vec<Score> = Self::queries()
            .iter()
            .map(|q| q.score(&self.learner().model, None, n, seed))
            .collect();
        Self::assemble(&scores)
    }
}

impl Fixed for InstructRun {
    fn fixed(&self) -> &Stage {
        &self.stage
    }

    fn fixed_mut(&mut self) -> &mut Stage {
        &mut self.stage
    }
}
