//! The paradigms lab's state and its actions: the three runs (one per
//! paradigm: queued, training in a worker, being measured, done, stopped
//! or failed), what each measured (kept across reloads), the `Shots`
//! shown, which model is open and what it answered. The page's workers
//! train and measure the runs and report through [`ParadigmsAction`]s;
//! nothing here knows of them. Its one door is [`Paradigms::apply`].

use super::paradigms_runs::{cells, Finished, ModelId};
use crate::core::decimal::parse_f64;
use crate::core::lm::transformer::Transformer;
use crate::core::paradigms::ask::{complete, Reply, MAX_SHOTS};
use crate::core::paradigms::run::{Length, Paradigm, RunPlan};
use crate::core::paradigms::stage::RunPoint;
use crate::core::paradigms::tasks::Task;
use crate::core::paradigms::vocab::{Unknown, Vocab};

/// Where a paradigm's run is.
#[derive(Clone, Debug, PartialEq)]
pub enum RunState {
    /// Not asked for (or its result is the one kept).
    Idle,
    /// Waiting for a worker.
    Queued,
    /// Training: updates done of all.
    Training {
        /// Updates done.
        done: u64,
        /// Updates in all.
        steps: u64,
    },
    /// Trained; its cells being measured.
    Measuring {
        /// Cells measured.
        done: usize,
        /// Cells in all.
        cells: usize,
    },
    /// Stopped before it finished.
    Stopped,
    /// A worker reported this failure.
    Failed(String),
}

/// What the user did in the Paradigms region, or a worker reported.
#[derive(Clone, Debug)]
pub enum ParadigmsAction {
    /// Trains and measures `p`'s run (again).
    Run(Paradigm),
    /// Trains and measures all three.
    RunAll,
    /// Stops every run under way, keeping what finished.
    Stop,
    /// The `Shots` field as typed: examples in the few-shot column.
    SetShots(String),
    /// How long the next runs train.
    SetLength(Length),
    /// The task pretrain–finetune fine-tunes on next.
    SetTask(Task),
    /// A worker took `p`'s run.
    Started(Paradigm),
    /// `p`'s run trained `done` of `steps` updates; its loss curve so far.
    Trained {
        /// Which run.
        paradigm: Paradigm,
        /// Updates done.
        done: u64,
        /// Updates in all.
        steps: u64,
        /// The curve so far.
        curve: Vec<RunPoint>,
    },
    /// `p`'s run measured `done` of its cells.
    Measured {
        /// Which run.
        paradigm: Paradigm,
        /// Cells measured.
        done: usize,
    },
    /// A run finished.
    Finished(Finished),
    /// A finished run's models: the trained one and (pretrain–finetune) its base.
    Models {
        /// Which run.
        paradigm: Paradigm,
        /// The trained model.
        trained: Box<Transformer>,
        /// The base.
        base: Option<Box<Transformer>>,
    },
    /// A model kept by an earlier page, put back when `plan` is the plan
    /// of the finished run it belongs to and no model is in its place.
    Kept {
        /// Which model.
        model: ModelId,
        /// The plan of the run that trained it.
        plan: RunPlan,
        /// The model.
        params: Box<Transformer>,
    },
    /// `p`'s run failed.
    Failed {
        /// Which run.
        paradigm: Paradigm,
        /// The worker's message.
        message: String,
    },
    /// Opens a model (its table cell or the select).
    Open(ModelId),
    /// The prompt field as typed.
    SetPrompt(String),
    /// The open model answers the prompt.
    Answer,
    /// The open model writes one more character after the prompt.
    NextChar,
    /// Forgets every result.
    Clear,
}

/// Why the Paradigms region refused an action; the page words it.
#[derive(Clone, Debug, PartialEq)]
pub enum ParadigmsProblem {
    /// `Shots` is not a whole number from 0 to 8.
    Shots(String),
    /// The open model is not in memory (trained before the page loaded, or not yet).
    NoModel(ModelId),
    /// The prompt holds characters the vocabulary lacks.
    Unknown(Unknown),
}

/// The paradigms lab.
#[derive(Clone, Debug)]
pub struct Paradigms {
    /// Examples shown in the few-shot column.
    pub shots: usize,
    /// How long the next runs train.
    pub length: Length,
    /// The task the next pretrain–finetune run fine-tunes on.
    pub task: Task,
    /// Each paradigm's run now (in [`Paradigm::ALL`] order).
    pub states: [RunState; 3],
    /// Each paradigm's last finished run.
    pub finished: [Option<Finished>; 3],
    /// Models trained since the page loaded, or kept from before it:
    /// each paradigm's, and the base.
    models: [Option<Transformer>; 4],
    /// The model open.
    pub open: ModelId,
    /// The prompt.
    pub prompt: String,
    /// What the open model last wrote after the prompt.
    pub reply: Option<Reply>,
    /// Workers the page trains in.
    pub workers: usize,
    /// True once a model answered (Answer or Next character) since the
    /// results were last cleared: the course's lesson asks for it.
    pub asked: bool,
    /// Each busy run's loss curve so far.
    live: [Vec<RunPoint>; 3],
}

impl Default for Paradigms {
    fn default() -> Self {
        Paradigms {
            shots: 4,
            length: Length::Full,
            task: Task::Reverse,
            states: [RunState::Idle, RunState::Idle, RunState::Idle],
            finished: [None, None, None],
            models: [None, None, None, None],
            open: ModelId::Trained(Paradigm::Instruct),
            prompt: String::new(),
            reply: None,
            workers: 1,
            asked: false,
            live: [Vec::new(), Vec::new(), Vec::new()],
        }
    }
}

/// The place of `p` in [`Paradigm::ALL`].
pub fn index(p: Paradigm) -> usize {
    Paradigm::ALL.iter().position(|&q| q == p).unwrap_or(0)
}

fn model_slot(m: ModelId) -> usize {
    match m {
        ModelId::Base => 3,
        ModelId::Trained(p) => index(p),
    }
}

impl Paradigms {
    /// `p`'s run now.
    pub fn state(&self, p: Paradigm) -> &RunState {
        &self.states[index(p)]
    }

    /// `p`'s last finished run.
    pub fn result(&self, p: Paradigm) -> Option<&Finished> {
        self.finished[index(p)].as_ref()
    }

    /// True while a run is queued, training or being measured.
    pub fn running(&self) -> bool {
        self.states.iter().any(RunState::busy)
    }

    /// The runs waiting for a worker.
    pub fn queued(&self) -> Vec<Paradigm> {
        Paradigm::ALL
            .into_iter()
            .filter(|&p| *self.state(p) == RunState::Queued)
            .collect()
    }

    /// The plan of `p`'s next run, from the choices.
    pub fn plan(&self, p: Paradigm) -> RunPlan {
        RunPlan {
            length: self.length,
            task: self.task,
            ..RunPlan::new(p)
        }
    }

    /// `p`'s loss curve: the busy run's so far, else the finished one's.
    pub fn curve(&self, p: Paradigm) -> &[RunPoint] {
        if self.state(p).busy() {
            &self.live[index(p)]
        } else {
            self.result(p).map_or(&[], |f| &f.curve)
        }
    }

    /// Model `m`, if trained since the page loaded or kept from before it.
    pub fn model(&self, m: ModelId) -> Option<&Transformer> {
        self.models[model_slot(m)].as_ref()
    }

    /// Applies `a`; a refused action changes nothing.
    pub fn apply(&mut self, a: ParadigmsAction) -> Result<(), ParadigmsProblem> {
        use ParadigmsAction as A;
        let at = |p: Paradigm| index(p);
        match a {
            A::Run(p) => self.queue(p),
            A::RunAll => Paradigm::ALL.into_iter().for_each(|p| self.queue(p)),
            A::Stop => {
                for s in &mut self.states {
                    if s.busy() {
                        *s = RunState::Stopped;
                    }
                }
            }
            A::SetShots(text) => self.shots = parse_shots(&text)?,
            A::SetLength(l) => self.length = l,
            A::SetTask(t) => self.task = t,
            A::Started(p) => {
                if self.states[at(p)] == RunState::Queued {
                    let steps = self.plan(p).steps();
                    self.states[at(p)] = RunState::Training { done: 0, steps };
                    self.live[at(p)].clear();
                }
            }
            A::Trained {
                paradigm,
                done,
                steps,
                curve,
            } => {
                if self.states[at(paradigm)].busy() {
                    self.states[at(paradigm)] = RunState::Training { done, steps };
                    self.live[at(paradigm)] = curve;
                }
            }
            A::Measured { paradigm, done } => {
                if self.states[at(paradigm)].busy() {
                    let cells = cells(paradigm);
                    self.states[at(paradigm)] = RunState::Measuring { done, cells };
                }
            }
            A::Finished(f) => {
                let p = f.plan.paradigm;
                if self.states[at(p)].busy() && f.outcome().is_some() {
                    self.states[at(p)] = RunState::Idle;
                    self.finished[at(p)] = Some(f);
                }
            }
            A::Models {
                paradigm,
                trained,
                base,
            } => {
                self.models[at(paradigm)] = Some(*trained);
                if let Some(base) = base {
                    self.models[model_slot(ModelId::Base)] = Some(*base);
                }
            }
            A::Kept {
                model,
                plan,
                params,
            } => {
                let slot = &mut self.models[model_slot(model)];
                let run = self.finished[at(model.paradigm())].as_ref();
                if slot.is_none() && run.is_some_and(|f| f.plan == plan) {
                    *slot = Some(*params);
                }
            }
            A::Failed { paradigm, message } => {
                if self.states[at(paradigm)].busy() {
                    self.states[at(paradigm)] = RunState::Failed(message);
                }
            }
            A::Open(m) => {
                self.open = m;
                self.prompt = self.example_prompt(m);
                self.reply = None;
            }
            A::SetPrompt(p) => {
                self.prompt = p;
                self.reply = None;
            }
            A::Answer => {
                let reply = self.ask(&self.prompt)?;
                self.reply = Some(reply);
                self.asked = true;
            }
            A::NextChar => {
                let model = self
                    .model(self.open)
                    .ok_or(ParadigmsProblem::NoModel(self.open))?;
                let next = next_char(model, &self.prompt).map_err(ParadigmsProblem::Unknown)?;
                self.prompt.push(next);
                self.reply = None;
                self.asked = true;
            }
            A::Clear => {
                self.finished = [None, None, None];
                self.asked = false;
                for s in &mut self.states {
                    if !s.busy() {
                        *s = RunState::Idle;
                    }
                }
            }
        }
        Ok(())
    }

    fn queue(&mut self, p: Paradigm) {
        if !self.state(p).busy() {
            self.states[index(p)] = RunState::Queued;
        }
    }

    /// The open model's greedy answer to `prompt`.
    pub fn ask(&self, prompt: &str) -> Result<Reply, ParadigmsProblem> {
        let model = self
            .model(self.open)
            .ok_or(ParadigmsProblem::NoModel(self.open))?;
        complete(model, &Vocab::new(), &with_line_start(prompt)).map_err(ParadigmsProblem::Unknown)
    }

    /// A prompt the way model `m` was trained to be asked, on input `abcd`:
    /// the base and the prompted model with `Shots` examples, the
    /// fine-tuned one bare, the instruction-tuned one with its first wording.
    pub fn example_prompt(&self, m: ModelId) -> String {
        use crate::core::paradigms::ask::{prompt, Ask};
        use crate::core::paradigms::tasks::wordings;
        let mut rng = crate::core::rng::SeededRng::new(5, 0);
        let task = self.result(m.paradigm()).map_or(self.task, |f| f.plan.task);
        let ask = match m {
            ModelId::Trained(Paradigm::Instruct) => match wordings(Task::Reverse, false).next() {
                Some(w) => Ask::Instruction(w),
                None => Ask::Shots(0),
            },
            ModelId::Trained(Paradigm::Finetune) => Ask::Shots(0),
            _ => Ask::Shots(self.shots),
        };
        prompt(task, ask, "abcd", &mut rng)
            .trim_start_matches('\n')
            .to_string()
    }
}

/// `prompt` as the models read one: after a line end.
fn with_line_start(prompt: &str) -> String {
    if prompt.starts_with('\n') {
        prompt.to_string()
    } else {
        format!("\n{prompt}")
    }
}

/// The character `model` finds likeliest after `written`.
fn next_char(model: &Transformer, written: &str) -> Result<char, Unknown> {
    let vocab = Vocab::new();
    let ids = vocab.encode(&with_line_start(written))?;
    let t = model.shape().context;
    let window = &ids[ids.len().saturating_sub(t)..];
    let mut probs = vec![0.0; vocab.len()];
    model.probs_at(window, window.len() - 1, true, &mut probs);
    let best = (0..probs.len()).fold(0, |b, i| if probs[i] > probs[b] { i } else { b });
    Ok(vocab.chars()[best])
}

impl RunState {
    /// True while the run is queued, training or being measured.
    pub fn busy(&self) -> bool {
        matches!(
            self,
            RunState::Queued | RunState::Training { .. } | RunState::Measuring { .. }
        )
    }
}

/// `text` as a number of examples, 0 to [`MAX_SHOTS`].
fn parse_shots(text: &str) -> Result<usize, ParadigmsProblem> {
    let bad = || ParadigmsProblem::Shots(text.to_string());
    let v = parse_f64(text.trim()).ok_or_else(bad)?;
    if v.fract() != 0.0 || !(0.0..=MAX_SHOTS as f64).contains(&v) {
        return Err(bad());
    }
    Ok(v as usize)
}
