//! Asking a model for an answer and checking it: the prompt (bare, with
//! `k` examples of the task, or with an instruction), the model's greedy
//! continuation up to the line end, and accuracy over seeded inputs kept
//! for measuring (never in a training text).
//!
//! Every prompt starts with a line end, as a line does in the training
//! texts; a prompt longer than the context is cut from the front.

use super::tasks::{example, input, test_input, Task, Wording, ARROW, END, MAX_LEN};
use super::vocab::{Unknown, Vocab};
use crate::core::lm::transformer::Transformer;
use crate::core::rng::SeededRng;

/// Most characters an answer is given, its line end included.
pub const MAX_ANSWER: usize = MAX_LEN + 1;
/// Most examples a prompt may show.
pub const MAX_SHOTS: usize = 8;

/// How a task is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// `k` examples of the task (`input>answer` lines), then the query
    /// `input>`: with 0, the bare query.
    Shots(usize),
    /// The instruction worded so, then the input: `wording input>`.
    Instruction(&'static Wording),
}

/// What a model wrote after a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The answer: the characters before the line end.
    pub answer: String,
    /// True when it ended the line within [`MAX_ANSWER`] characters.
    pub ended: bool,
    /// Characters of the prompt cut from its front to fit the context.
    pub cut: usize,
}

/// Right answers out of those asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Answers right.
    pub right: usize,
    /// Questions asked.
    pub asked: usize,
}

crate::json_struct!(Score { right, asked });

impl Score {
    /// The share right (0 when none was asked).
    pub fn rate(&self) -> f64 {
        self.right as f64 / self.asked.max(1) as f64
    }

    /// Both counts added.
    pub fn plus(self, o: Score) -> Score {
        Score {
            right: self.right + o.right,
            asked: self.asked + o.asked,
        }
    }
}

/// The prompt asking for `task` on `query` as `ask` says, the examples'
/// inputs drawn (training inputs, none the query) from `rng`.
pub fn prompt(task: Task, ask: Ask, query: &str, rng: &mut SeededRng) -> String {
    let mut p = String::from(END);
    match ask {
        Ask::Shots(k) => {
            for _ in 0..k {
                let i = input(rng);
                p += &format!("{i}{ARROW}{}{END}", task.apply(&i));
            }
            p += &format!("{query}{ARROW}");
        }
        Ask::Instruction(w) => p += &example(w, query).0,
    }
    p
}

/// The model's greedy continuation of `prompt` up to the line end (at most
/// [`MAX_ANSWER`] characters), or the characters the vocabulary lacks.
pub fn complete(model: &Transformer, vocab: &Vocab, prompt: &str) -> Result<Reply, Unknown> {
    let mut ids = vocab.encode(prompt)?;
    let t = model.shape().context;
    let cut = ids.len().saturating_sub(t);
    let mut probs = vec![0.0; vocab.len()];
    let end = vocab.id(END).expect("the line end has an id");
    let mut answer = Vec::new();
    for _ in 0..MAX_ANSWER {
        let window = &ids[ids.len().saturating_sub(t)..];
        model.probs_at(window, window.len() - 1, true, &mut probs);
        let next = (0..probs.len()).fold(0, |b, i| if probs[i] > probs[b] { i } else { b }) as u32;
        if next == end {
            return Ok(Reply {
                answer: vocab.decode(&answer),
                ended: true,
                cut,
            });
        }
        answer.push(next);
        ids.push(next);
    }
    Ok(Reply {
        answer: vocab.decode(&answer),
        ended: false,
        cut,
    })
}

/// The model's score on `n` queries of `task` asked as `ask`: query `i`
/// (an input kept for measuring) and its examples drawn from `seed` and
/// `i` alone, so every model and every way of asking meets the same ones.
pub fn accuracy(model: &Transformer, task: Task, ask: Ask, n: usize, seed: u64) -> Score {
    let vocab = Vocab::new();
    let mut s = Score::default();
    for i in 0..n {
        let mut rng = SeededRng::new(seed, 0xA5C0 + i as u64);
        let query = test_input(&mut rng);
        let p = prompt(task, ask, &query, &mut rng);
        let reply = complete(model, &vocab, &p).expect("the lab's prompts keep to its alphabet");
        s.asked += 1;
        s.right += usize::from(reply.ended && task.check(&query, &reply.answer));
    }
    s
}

/// One cell of a run's measurement: which of its models, which task, how asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Query {
    /// True for the base model of a pretrain–finetune run (before it was
    /// fine-tuned); false for the model trained.
    pub base: bool,
    /// The task.
    pub task: Task,
    /// How it is asked.
    pub ask: Ask,
}

impl Query {
    /// `task` asked as `ask` of the model trained.
    pub fn trained(task: Task, ask: Ask) -> Query {
        Query {
            base: false,
            task,
            ask,
        }
    }

    /// `task` asked as `ask` of the base model.
    pub fn base(task: Task, ask: Ask) -> Query {
        Query {
            base: true,
            task,
            ask,
        }
    }

    /// The score of `trained` (or of `base`, when the query asks it and
    /// there is one) on `n` queries drawn from `seed`.
    pub fn score(
        &self,
        trained: &Transformer,
        base: Option<&Transformer>,
        n: usize,
        seed: u64,
    ) -> Score {
        let model = if self.base {
            base.unwrap_or(trained)
        } else {
            trained
        };
        accuracy(model, self.task, self.ask, n, seed)
    }
}
