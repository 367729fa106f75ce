//! Each paradigm's training text, written from a seed, with the
//! characters a model is scored on marked:
//! - demonstrations (the pretrained model's text): runs of `input>answer`
//!   lines of one task, no instruction, a blank line between runs;
//! - one task's examples (fine-tuning): `input>answer` lines;
//! - instructions (instruction tuning): [`tuning_set`]'s
//!   `instruction input>answer` lines.
//!
//! Inputs are training inputs only ([`input`]): those kept for measuring
//! never appear.

use super::tasks::{input, tuning_set, Task, ARROW, END};
use crate::core::rng::SeededRng;

/// Fewest lines in a run of demonstrations.
pub const MIN_RUN: usize = 2;
/// Most lines in a run of demonstrations: a run of 9 or more teaches
/// answering after 8 examples.
pub const MAX_RUN: usize = 12;

/// A training text and, per character, whether a model predicts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The characters.
    pub text: String,
    /// One flag per character: true when it is a target.
    pub scored: Vec<bool>,
}

/// Which characters a text scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scoring {
    /// Every character, as a language model is pretrained.
    Every,
    /// Only the answers and their line ends.
    Answers,
}

impl Text {
    /// Characters.
    pub fn len(&self) -> usize {
        self.scored.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.scored.is_empty()
    }

    /// Characters scored.
    pub fn scored_count(&self) -> usize {
        self.scored.iter().filter(|&&s| s).count()
    }

    /// Adds `context` (scored only with [`Scoring::Every`]) then `answer`
    /// (always scored).
    fn push(&mut self, context: &str, answer: &str, scoring: Scoring) {
        for c in context.chars() {
            self.text.push(c);
            self.scored.push(scoring == Scoring::Every);
        }
        for c in answer.chars() {
            self.text.push(c);
            self.scored.push(true);
        }
    }

    /// Adds one example of `task` on `input`: `input>` then the answer.
    fn push_example(&mut self, task: Task, input: &str, scoring: Scoring) {
        let answer = format!("{}{END}", task.apply(input));
        self.push(&format!("{input}{ARROW}"), &answer, scoring);
    }
}

/// At least `chars` characters of demonstration runs from `seed`: each run
/// [`MIN_RUN`]–[`MAX_RUN`] examples of one task (all six tasks), then a
/// blank line.
pub fn demonstrations(seed: u64, chars: usize, scoring: Scoring) -> Text {
    let mut rng = SeededRng::new(seed, 0xDE30);
    let mut t = Text::default();
    while t.len() < chars {
        let task = Task::ALL[rng.below(Task::ALL.len())];
        for _ in 0..MIN_RUN + rng.below(MAX_RUN - MIN_RUN + 1) {
            t.push_example(task, &input(&mut rng), scoring);
        }
        t.push(&END.to_string(), "", scoring);
    }
    t
}

/// At least `chars` characters of `task`'s examples from `seed`, answers scored.
pub fn task_examples(seed: u64, task: Task, chars: usize) -> Text {
    let mut rng = SeededRng::new(seed, 0xF1E0 + task as u64);
    let mut t = Text::default();
    while t.len() < chars {
        t.push_example(task, &input(&mut rng), Scoring::Answers);
    }
    t
}

/// At least `chars` characters of [`tuning_set`] from `seed` (every task
/// but the held-out one, trained wordings only), answers scored.
pub fn instructions(seed: u64, chars: usize) -> Text {
    // An example has at least 6 characters (`排序 ab>ab` and a line end).
    let set = tuning_set(seed, chars / 6 + 1);
    let mut t = Text::default();
    for ex in &set {
        if t.len() >= chars {
            break;
        }
        let (prompt, answer) = ex.split_at(ex.find(ARROW).map_or(0, |i| i + 1));
        t.push(prompt, answer, Scoring::Answers);
    }
    t
}
