//! A transformer trained on a text for a number of steps (a
//! [`FixedRun`]): the piece each paradigm's run is made of. The text's
//! scored characters are the only targets; a held-out text after it gives
//! the loss curve its held-out line.

use super::texts::Text;
use super::vocab::Vocab;
use crate::core::lm::fixed_run::FixedRun;
use crate::core::lm::transformer::learner::{Objective, TransformerLearner};
use crate::core::lm::transformer::{Shape, ShapeError, Transformer};

/// A model's size and how it is trained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    /// Blocks `L`.
    pub blocks: usize,
    /// Heads per block.
    pub heads: usize,
    /// Width `C`.
    pub width: usize,
    /// Context `T`: characters per training sequence and per prompt.
    pub context: usize,
    /// Sequences per update.
    pub batch: usize,
    /// Adam's learning rate.
    pub learning_rate: f64,
}

crate::json_struct!(Size {
    blocks,
    heads,
    width,
    context,
    batch,
    learning_rate
});

/// The paradigms' default model: 2 blocks of 4 heads, width 64, context
/// 64, batches of 16 (the few-shot run reads a longer context).
pub const DEFAULT_SIZE: Size = Size {
    blocks: 2,
    heads: 4,
    width: 64,
    context: 64,
    batch: 16,
    learning_rate: 2e-3,
};

/// About how many points a stage's loss curve has (each one scores the
/// held-out text once: about a step's work).
pub const CURVE_POINTS: usize = 24;

/// Characters of held-out text each stage's loss curve is scored on.
pub const HELD_TEXT: usize = 2_000;

/// The seed of a run's held-out text, from the run's.
pub fn held_seed(seed: u64) -> u64 {
    seed ^ 0x4E1D
}

impl Size {
    /// The transformer's shape for `vocab` characters.
    pub fn shape(&self, vocab: usize) -> Shape {
        Shape {
            vocab,
            blocks: self.blocks,
            heads: self.heads,
            width: self.width,
            context: self.context,
        }
    }

    /// A fresh model of this size over the lab's vocabulary, from `seed`.
    pub fn model(&self, seed: u64) -> Result<Transformer, ShapeError> {
        Transformer::new(self.shape(Vocab::new().len()), seed)
    }
}

/// A model being trained on one text for a set number of steps.
pub type Stage = FixedRun;

/// A point of a run's loss curve, answer characters only.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunPoint {
    /// Updates done, counted over the whole run.
    pub step: u64,
    /// The training loss near that update (nats a character).
    pub train: f64,
    /// The loss on the stage's held-out text there.
    pub held: f64,
}

crate::json_struct!(RunPoint { step, train, held });

/// `stage`'s loss curve, its steps counted from `offset` (the updates of
/// the stages before it); points without a finite loss left out.
pub fn stage_curve(stage: &Stage, offset: u64) -> Vec<RunPoint> {
    stage
        .trainer()
        .curve()
        .iter()
        .filter_map(|p| {
            let held = p.heldout?;
            (p.train.is_finite() && held.is_finite()).then_some(RunPoint {
                step: p.step + offset,
                train: p.train,
                held,
            })
        })
        .collect()
}

/// At most `max` of `points`, evenly spread, the first and the last kept.
pub fn thin(points: Vec<RunPoint>, max: usize) -> Vec<RunPoint> {
    let n = points.len();
    if n <= max || max < 2 {
        return points;
    }
    (0..max).map(|i| points[i * (n - 1) / (max - 1)]).collect()
}

impl FixedRun {
    /// `model` to be trained `steps` updates on `train` (batches of
    /// `size.batch`, `size.learning_rate`), scored on `held` too; the
    /// order of its examples from `seed`.
    pub fn on_texts(
        model: Transformer,
        train: &Text,
        held: &Text,
        size: &Size,
        seed: u64,
        steps: u64,
    ) -> Stage {
        let vocab = Vocab::new();
        let mut ids = vocab
            .encode(&train.text)
            .expect("the lab's texts keep to its alphabet");
        ids.extend(
            vocab
                .encode(&held.text)
                .expect("the lab's texts keep to its alphabet"),
        );
        let mut scored = train.scored.clone();
        scored.extend_from_slice(&held.scored);
        let learner = TransformerLearner::new(
            model,
            Objective::Next,
            ids,
            train.len(),
            size.learning_rate,
            size.batch,
            seed,
        )
        .scoring_only(scored)
        .curve_every(steps / CURVE_POINTS as u64);
        FixedRun::new(learner, steps)
    }
}
