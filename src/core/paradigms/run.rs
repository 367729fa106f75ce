//! One run of any paradigm, as the lab's workers train and measure it:
//! what it is ([`RunPlan`]: which paradigm, how long, which task to
//! fine-tune on, its seed), stepped a slice at a time, then measured a
//! cell at a time ([`Query`]), so that a worker can report between
//! slices.

use super::ask::{Query, Score};
use super::fewshot::{FewShotRun, FewShotSpec, FEW_SHOT};
use super::finetune::{FinetuneRun, FinetuneSpec, FINETUNE};
use super::instruct::{InstructRun, InstructSpec, INSTRUCT};
use super::stage::{stage_curve, thin, RunPoint, Size};
use super::tasks::Task;
use super::texts::{demonstrations, instructions, task_examples, Scoring};
use crate::core::error::StepError;
use crate::core::lm::fixed_run::Fixed;
use crate::core::lm::transformer::{ShapeError, Transformer};

/// The three ways of making a model do a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paradigm {
    /// Pretrain on demonstrations, then fine-tune on one task.
    Finetune,
    /// Pretrain on demonstrations, then ask with examples in the prompt.
    FewShot,
    /// Train on many tasks with their instructions.
    Instruct,
}

impl Paradigm {
    /// Every paradigm, in the order of the notes' table.
    pub const ALL: [Paradigm; 3] = [Paradigm::Finetune, Paradigm::FewShot, Paradigm::Instruct];
}

crate::json_names!(Paradigm { Finetune => "finetune", FewShot => "few-shot", Instruct => "instruct" });
crate::json_names!(Task { Reverse => "reverse", Sort => "sort", Copy => "copy", Upper => "upper", First => "first", Count => "count" });

/// How long a run trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    /// The default run (about two minutes a paradigm in a page).
    Full,
    /// An eighth of its updates and of its text: a quick look, for a slow
    /// machine or a class in a hurry; the models learn far less.
    Short,
}

crate::json_names!(Length { Full => "full", Short => "short" });

impl Length {
    /// Updates and characters `n` become.
    pub fn of(self, n: u64) -> u64 {
        match self {
            Length::Full => n,
            Length::Short => (n / 8).max(1),
        }
    }
}

/// The cells a run of `p` measures, in the order its result reads them.
pub fn queries(p: Paradigm) -> Vec<Query> {
    match p {
        Paradigm::Finetune => FinetuneRun::queries(),
        Paradigm::FewShot => FewShotRun::queries(),
        Paradigm::Instruct => InstructRun::queries(),
    }
}

/// What a run trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunPlan {
    /// The paradigm.
    pub paradigm: Paradigm,
    /// How long.
    pub length: Length,
    /// The task fine-tuned on (pretrain–finetune only).
    pub task: Task,
    /// Seed of the model, the texts and the order.
    pub seed: u64,
}

crate::json_struct!(RunPlan {
    paradigm,
    length,
    task,
    seed
});

/// Queries per cell when the page measures a model.
pub const PAGE_QUERIES: usize = 50;
/// The seed every model's measuring inputs are drawn from: all meet the same.
pub const MEASURE_SEED: u64 = 7;

impl RunPlan {
    /// The default run of `paradigm`.
    pub fn new(paradigm: Paradigm) -> RunPlan {
        RunPlan {
            paradigm,
            length: Length::Full,
            task: FINETUNE.task,
            seed: 1,
        }
    }

    /// Updates the run trains in all.
    pub fn steps(&self) -> u64 {
        match self.paradigm {
            Paradigm::Finetune => {
                let s = self.finetune();
                s.pretrain_steps + s.finetune_steps
            }
            Paradigm::FewShot => self.few_shot().steps,
            Paradigm::Instruct => self.instruct().steps,
        }
    }

    /// The model's size and how it trains.
    pub fn size(&self) -> Size {
        match self.paradigm {
            Paradigm::Finetune => self.finetune().size,
            Paradigm::FewShot => self.few_shot().size,
            Paradigm::Instruct => self.instruct().size,
        }
    }

    /// The first `chars` characters (whole lines) of the text the run
    /// trains its model on (its fine-tuning text when `!base`, else its
    /// pretraining text): what the language lab can step through.
    pub fn text(&self, base: bool, chars: usize) -> String {
        let text = match self.paradigm {
            Paradigm::Finetune if !base => task_examples(self.seed, self.task, chars).text,
            Paradigm::Finetune | Paradigm::FewShot => {
                demonstrations(self.seed, chars, Scoring::Every).text
            }
            Paradigm::Instruct => instructions(self.seed, chars).text,
        };
        let head: String = text.chars().take(chars).collect();
        match head.rfind('\n') {
            Some(end) if head.len() < text.len() => head[..=end].to_string(),
            _ => head,
        }
    }

    /// The pretrain–finetune run's settings.
    pub fn finetune(&self) -> FinetuneSpec {
        let l = self.length;
        FinetuneSpec {
            task: self.task,
            seed: self.seed,
            pretrain_steps: l.of(FINETUNE.pretrain_steps),
            finetune_steps: l.of(FINETUNE.finetune_steps),
            pretrain_text: l.of(FINETUNE.pretrain_text as u64) as usize,
            finetune_text: l.of(FINETUNE.finetune_text as u64) as usize,
            ..FINETUNE
        }
    }

    /// The few-shot run's settings.
    pub fn few_shot(&self) -> FewShotSpec {
        let l = self.length;
        FewShotSpec {
            seed: self.seed,
            steps: l.of(FEW_SHOT.steps),
            text: l.of(FEW_SHOT.text as u64) as usize,
            ..FEW_SHOT
        }
    }

    /// The instruction-tuning run's settings.
    pub fn instruct(&self) -> InstructSpec {
        let l = self.length;
        InstructSpec {
            seed: self.seed,
            steps: l.of(INSTRUCT.steps),
            text: l.of(INSTRUCT.text as u64) as usize,
            ..INSTRUCT
        }
    }
}

/// A run of any paradigm being trained.
pub enum ParadigmRun {
    /// Pretrain–finetune.
    Finetune(Box<FinetuneRun>),
    /// Few-shot.
    FewShot(Box<FewShotRun>),
    /// Instruction tuning.
    Instruct(Box<InstructRun>),
}

impl ParadigmRun {
    /// The run `plan` says, its model fresh.
    pub fn new(plan: &RunPlan) -> Result<ParadigmRun, ShapeError> {
        Ok(match plan.paradigm {
            Paradigm::Finetune => {
                ParadigmRun::Finetune(Box::new(FinetuneRun::new(plan.finetune())?))
            }
            Paradigm::FewShot => ParadigmRun::FewShot(Box::new(FewShotRun::new(plan.few_shot())?)),
            Paradigm::Instruct => {
                ParadigmRun::Instruct(Box::new(InstructRun::new(plan.instruct())?))
            }
        })
    }

    /// Updates done.
    pub fn done(&self) -> u64 {
        match self {
            ParadigmRun::Finetune(r) => r.done(),
            ParadigmRun::FewShot(r) => r.done(),
            ParadigmRun::Instruct(r) => r.done(),
        }
    }

    /// Updates in all.
    pub fn steps(&self) -> u64 {
        match self {
            ParadigmRun::Finetune(r) => r.steps(),
            ParadigmRun::FewShot(r) => r.steps(),
            ParadigmRun::Instruct(r) => r.steps(),
        }
    }

    /// True when training is over.
    pub fn finished(&self) -> bool {
        self.done() >= self.steps()
    }

    /// Up to `n` more updates.
    pub fn advance(&mut self, n: u64) -> Result<(), StepError> {
        match self {
            ParadigmRun::Finetune(r) => r.advance(n),
            ParadigmRun::FewShot(r) => r.advance(n),
            ParadigmRun::Instruct(r) => r.advance(n),
        }
    }

    /// The model being trained.
    pub fn model(&self) -> &Transformer {
        match self {
            ParadigmRun::Finetune(r) => &r.learner().model,
            ParadigmRun::FewShot(r) => &r.learner().model,
            ParadigmRun::Instruct(r) => &r.learner().model,
        }
    }

    /// The pretrained model a pretrain–finetune run started fine-tuning from.
    pub fn base(&self) -> Option<&Transformer> {
        match self {
            ParadigmRun::Finetune(r) => r.base(),
            _ => None,
        }
    }

    /// Its loss curve so far, at most `max` points: update, training
    /// loss and held-out loss on answer characters.
    pub fn curve(&self, max: usize) -> Vec<RunPoint> {
        let points = match self {
            ParadigmRun::Finetune(r) => r.curve(),
            ParadigmRun::FewShot(r) => stage_curve(r.fixed(), 0),
            ParadigmRun::Instruct(r) => stage_curve(r.fixed(), 0),
        };
        thin(points, max)
    }

    /// The cells its measurement asks, in the order its result reads them.
    pub fn queries(&self) -> Vec<Query> {
        queries(match self {
            ParadigmRun::Finetune(_) => Paradigm::Finetune,
            ParadigmRun::FewShot(_) => Paradigm::FewShot,
            ParadigmRun::Instruct(_) => Paradigm::Instruct,
        })
    }

    /// The score of cell `q` now: [`PAGE_QUERIES`] inputs from [`MEASURE_SEED`].
    pub fn score(&self, q: &Query) -> Score {
        q.score(self.model(), self.base(), PAGE_QUERIES, MEASURE_SEED)
    }
}
