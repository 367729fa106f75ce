//! The paradigms lab as the page keeps it across reloads: the choices and
//! every finished run (the models are kept apart, in IndexedDB, and put
//! back with [`super::paradigms::ParadigmsAction::Kept`]).

use super::paradigms::{index, Paradigms};
use super::paradigms_runs::Finished;
use crate::core::paradigms::ask::MAX_SHOTS;
use crate::core::paradigms::run::Length;
use crate::core::paradigms::tasks::Task;

/// The lab as the page keeps it: the choices and every finished run
/// (not the models, which are kept apart).
#[derive(Clone, Debug, PartialEq)]
pub struct SavedParadigms {
    /// Examples in the few-shot column.
    pub shots: usize,
    /// How long runs train.
    pub length: Length,
    /// The task fine-tuned on.
    pub task: Task,
    /// The finished runs.
    pub finished: Vec<Finished>,
    /// A model has answered since the results were last cleared.
    pub asked: bool,
}

crate::json_struct!(SavedParadigms {
    shots,
    length,
    task,
    finished,
    asked = false
});

impl Paradigms {
    /// The choices and finished runs as JSON.
    pub fn save(&self) -> String {
        crate::core::json::to_string(
            &SavedParadigms {
                shots: self.shots,
                length: self.length,
                task: self.task,
                finished: self.finished.iter().flatten().cloned().collect(),
                asked: self.asked,
            },
            false,
        )
    }

    /// Puts back what [`Paradigms::save`] wrote; false (and nothing
    /// changed) for a text that is not one. Runs whose scores do not fit
    /// their paradigm are dropped.
    pub fn load(&mut self, json: &str) -> bool {
        let Ok(saved) = crate::core::json::from_str::<SavedParadigms>(json) else {
            return false;
        };
        self.shots = saved.shots.min(MAX_SHOTS);
        self.length = saved.length;
        self.task = saved.task;
        self.asked = saved.asked;
        self.finished = [None, None, None];
        for f in saved.finished {
            if f.outcome().is_some() && f.ms.is_finite() {
                let i = index(f.plan.paradigm);
                self.finished[i] = Some(f);
            }
        }
        true
    }
}
