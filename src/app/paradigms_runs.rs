//! The paradigms lab's records: a finished run (its plan, its scores
//! cell by cell, its loss curve) and the result read from it, how many
//! cells each paradigm measures, and the names of the models the lab
//! can open — what the lab's state, its save, its words and the page
//! share.

use crate::core::paradigms::ask::Score;
use crate::core::paradigms::fewshot::{FewShotResult, FewShotRun};
use crate::core::paradigms::finetune::{FinetuneResult, FinetuneRun};
use crate::core::paradigms::instruct::{InstructResult, InstructRun};
use crate::core::paradigms::run::{queries, Paradigm, RunPlan};
use crate::core::paradigms::stage::RunPoint;

/// A finished run: what it was and its scores, cell by cell (in the
/// order of its run's `queries`).
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// What it trained.
    pub plan: RunPlan,
    /// Its scores.
    pub scores: Vec<Score>,
    /// Milliseconds it took in its worker, training and measuring.
    pub ms: f64,
    /// Its loss curve (empty in a save from before curves were kept).
    pub curve: Vec<RunPoint>,
}

crate::json_struct!(Finished {
    plan,
    scores,
    ms,
    curve = Vec::new()
});

/// A finished run's result, read from its scores.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Pretrain–finetune.
    Finetune(FinetuneResult),
    /// Few-shot.
    FewShot(FewShotResult),
    /// Instruction tuning.
    Instruct(InstructResult),
}

impl Finished {
    /// Its result, or `None` for scores that do not fit the paradigm.
    pub fn outcome(&self) -> Option<Outcome> {
        let cells = cells(self.plan.paradigm);
        (self.scores.len() == cells).then(|| match self.plan.paradigm {
            Paradigm::Finetune => Outcome::Finetune(FinetuneRun::assemble(&self.scores)),
            Paradigm::FewShot => Outcome::FewShot(FewShotRun::assemble(&self.scores)),
            Paradigm::Instruct => Outcome::Instruct(InstructRun::assemble(&self.scores)),
        })
    }
}

/// Cells a paradigm's measurement has.
pub fn cells(p: Paradigm) -> usize {
    queries(p).len()
}

/// What the lab writes beside the measured paradigms' ids once a model
/// has answered (the course's lesson 13 reads it).
pub const ASKED: &str = "asked";

/// A paradigm's id, as the course and the page name it.
pub fn paradigm_id(p: Paradigm) -> &'static str {
    ModelId::Trained(p).id()
}

/// One of the models the lab can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelId {
    /// The pretrain–finetune run's base, before fine-tuning.
    Base,
    /// The run of a paradigm's trained model.
    Trained(Paradigm),
}

impl ModelId {
    /// Every model, in the select's order.
    pub const ALL: [ModelId; 4] = [
        ModelId::Trained(Paradigm::Finetune),
        ModelId::Base,
        ModelId::Trained(Paradigm::FewShot),
        ModelId::Trained(Paradigm::Instruct),
    ];

    /// The run it comes from.
    pub fn paradigm(self) -> Paradigm {
        match self {
            ModelId::Base => Paradigm::Finetune,
            ModelId::Trained(p) => p,
        }
    }

    /// Its id (the select's value).
    pub fn id(self) -> &'static str {
        match self {
            ModelId::Base => "base",
            ModelId::Trained(Paradigm::Finetune) => "finetune",
            ModelId::Trained(Paradigm::FewShot) => "few-shot",
            ModelId::Trained(Paradigm::Instruct) => "instruct",
        }
    }

    /// The model with id `id`.
    pub fn from_id(id: &str) -> Option<ModelId> {
        ModelId::ALL.into_iter().find(|m| m.id() == id)
    }
}
