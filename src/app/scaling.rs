//! The scaling lab's state and its actions: which text, which sizes and
//! budgets, the runs of the sweep (queued, training in a worker, done or
//! failed), every result measured so far (kept across reloads:
//! [`super::scaling_save`]), and Predict, then check (the laws fitted to
//! the results: [`super::scaling_fits`]). The page's workers train the
//! runs and report through [`ScalingAction`]s; nothing here knows of them.
//! The lab is its own small app beside the workspace (loaded with its own
//! wasm when the Language model mode is first opened): its one door is
//! [`Scaling::apply`].

use std::collections::BTreeMap;

use crate::core::lm::tokens::TextError;
use crate::core::scaling::corpus::Corpus;
use crate::core::scaling::family::{
    default_budgets, plan, steps_for, RunSpec, Size, SweepError, BUDGETS, DEFAULT_SIZES,
    FLOPS_PER_MS, SIZES,
};
use crate::core::scaling::run::RunResult;

/// A built-in scaling text: its id, its file under `www/corpora/`, and
/// where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScalingText {
    /// The id (the select's value).
    pub id: &'static str,
    /// Its file in `www/corpora/`.
    pub file: &'static str,
}

/// The built-in texts, fetched when the lab is first opened.
pub const TEXTS: [ScalingText; 2] = [
    ScalingText {
        id: "genesis-en",
        file: "genesis-en.txt",
    },
    ScalingText {
        id: "tang-song-zh",
        file: "tang-song-zh.txt",
    },
];
/// The id that stands for the lab's own training text.
pub const LAB_TEXT: &str = "lab";

/// Where a run of the sweep is.
#[derive(Clone, Debug, PartialEq)]
pub enum SlotState {
    /// Waiting for a worker.
    Queued,
    /// Training: updates done (of [`steps_for`] its tokens).
    Running {
        /// Updates done.
        done: u64,
    },
    /// Finished; its result is in the results.
    Done,
    /// Stopped before it finished.
    Stopped,
    /// A worker reported this failure.
    Failed(String),
}

/// One run of the sweep (or the check run) and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    /// What it trains.
    pub spec: RunSpec,
    /// Where it is.
    pub state: SlotState,
    /// True for Predict, then check's run.
    pub check: bool,
}

/// A finished run and the text it was measured on.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// The text's id.
    pub text: String,
    /// What it measured.
    pub result: RunResult,
}

crate::json_struct!(Measured { text, result });

/// A prediction of a run's held-out loss from the law, and (once trained)
/// what the run measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// The run predicted.
    pub spec: RunSpec,
    /// The law's loss for it.
    pub predicted: f64,
    /// Its measured loss, once trained.
    pub measured: Option<f64>,
}

crate::json_struct!(Prediction {
    spec,
    predicted,
    measured
});

/// What a sweep text holds, as the region says it and the plan needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextInfo {
    /// Characters.
    pub chars: usize,
    /// Classes the models predict (the rare one included).
    pub vocab: usize,
    /// Characters to train on.
    pub train_len: usize,
    /// Share of the characters folded into the rare class.
    pub folded_share: f64,
}

impl TextInfo {
    /// What `text` holds, if it is a text the lab takes.
    pub fn of(text: &str) -> Option<TextInfo> {
        let c = Corpus::new(text).ok()?;
        Some(TextInfo {
            chars: c.ids.len(),
            vocab: c.vocab(),
            train_len: c.train_len(),
            folded_share: c.folded_share(),
        })
    }
}

/// What the user did in the Scaling region, or a worker reported.
#[derive(Clone, Debug, PartialEq)]
pub enum ScalingAction {
    /// The page fetched built-in text `id`.
    Loaded {
        /// Its id.
        id: String,
        /// The text.
        text: String,
    },
    /// The text to sweep (a built-in id or [`LAB_TEXT`]).
    ChooseText(String),
    /// Size `i` of [`SIZES`] in the sweep or not.
    SetSize(usize, bool),
    /// Budget `i` of [`BUDGETS`] in the sweep or not.
    SetBudget(usize, bool),
    /// Workers the page trains in (one per core, at most 8).
    Workers(usize),
    /// Starts the sweep.
    RunSweep,
    /// Stops it, keeping what finished.
    StopSweep,
    /// A worker took run `slot`.
    Started(usize),
    /// Run `slot` has done `done` updates.
    Progress {
        /// Which run.
        slot: usize,
        /// Updates done.
        done: u64,
    },
    /// Run `slot` finished with `result`.
    Finished {
        /// Which run.
        slot: usize,
        /// What it measured.
        result: RunResult,
    },
    /// Run `slot` failed.
    Failed {
        /// Which run.
        slot: usize,
        /// The worker's message.
        message: String,
    },
    /// The run Predict, then check predicts: size `size` of [`SIZES`] on budget `budget` of [`BUDGETS`].
    PickCheck {
        /// Which size.
        size: usize,
        /// Which budget.
        budget: usize,
    },
    /// Trains the predicted run.
    RunCheck,
    /// Forgets every result of the text shown.
    ClearResults,
}

/// Why the Scaling region refused an action.
#[derive(Clone, Debug, PartialEq)]
pub enum SweepProblem {
    /// The sweep's plan was refused.
    Plan(SweepError),
    /// The text was refused.
    Text(TextError),
    /// The text is still being fetched.
    NotLoaded,
    /// A sweep is running.
    Busy,
    /// Too few results for a law to predict from.
    NoLaw,
}

/// The scaling lab.
#[derive(Clone, Debug, PartialEq)]
pub struct Scaling {
    /// The text swept: a built-in id or [`LAB_TEXT`].
    pub text: String,
    /// The built-in texts fetched so far.
    pub loaded: BTreeMap<String, String>,
    /// What each fetched text holds (measured once, when it arrives).
    infos: BTreeMap<String, TextInfo>,
    /// Which of [`SIZES`] the sweep trains.
    pub sizes: [bool; SIZES.len()],
    /// Which of [`BUDGETS`].
    pub budgets: [bool; BUDGETS.len()],
    /// Seed of every run.
    pub seed: u64,
    /// Workers the page trains in.
    pub workers: usize,
    /// Operations a worker did per millisecond in the runs finished (the
    /// estimate of a sweep's time).
    pub flops_per_ms: f64,
    /// The runs of the sweep under way (or the last one).
    pub slots: Vec<Slot>,
    /// Every finished run.
    pub results: Vec<Measured>,
    /// The run Predict, then check picks: indices into [`SIZES`], [`BUDGETS`].
    pub check: (usize, usize),
    /// The last prediction.
    pub prediction: Option<Prediction>,
}

impl Default for Scaling {
    fn default() -> Self {
        let mut budgets = [false; BUDGETS.len()];
        for b in default_budgets(188_000) {
            budgets[BUDGETS.iter().position(|&x| x == b).unwrap_or(0)] = true;
        }
        Scaling {
            text: TEXTS[0].id.into(),
            loaded: BTreeMap::new(),
            infos: BTreeMap::new(),
            sizes: std::array::from_fn(|i| i < DEFAULT_SIZES),
            budgets,
            seed: 1,
            workers: 1,
            flops_per_ms: FLOPS_PER_MS,
            slots: Vec::new(),
            results: Vec::new(),
            check: (SIZES.len() - 1, BUDGETS.len() - 1),
            prediction: None,
        }
    }
}

impl Scaling {
    /// The text to sweep, when it is at hand (`lab`: the lab's training text).
    pub fn text_of<'a>(&'a self, lab: &'a str) -> Option<&'a str> {
        if self.text == LAB_TEXT {
            return Some(lab);
        }
        self.loaded.get(&self.text).map(String::as_str)
    }

    /// What the text swept holds (the lab's own text measured now, a
    /// built-in one as measured when it arrived).
    pub fn info(&self, lab_text: &str) -> Option<TextInfo> {
        if self.text == LAB_TEXT {
            return TextInfo::of(lab_text);
        }
        self.infos.get(&self.text).copied()
    }

    /// True while a run is queued or training.
    pub fn running(&self) -> bool {
        self.slots
            .iter()
            .any(|s| matches!(s.state, SlotState::Queued | SlotState::Running { .. }))
    }

    /// The next queued run.
    pub fn next_queued(&self) -> Option<usize> {
        self.slots.iter().position(|s| s.state == SlotState::Queued)
    }

    /// Updates done and in all, over the sweep's runs.
    pub fn progress(&self) -> (u64, u64) {
        self.slots.iter().fold((0, 0), |(d, t), s| {
            let steps = steps_for(s.spec.tokens);
            let done = match s.state {
                SlotState::Done => steps,
                SlotState::Running { done } => done,
                _ => 0,
            };
            (d + done, t + steps)
        })
    }

    /// The chosen sizes.
    pub fn chosen_sizes(&self) -> Vec<Size> {
        SIZES
            .iter()
            .zip(self.sizes)
            .filter(|(_, on)| *on)
            .map(|(s, _)| *s)
            .collect()
    }

    /// The chosen budgets.
    pub fn chosen_budgets(&self) -> Vec<usize> {
        BUDGETS
            .iter()
            .zip(self.budgets)
            .filter(|(_, on)| *on)
            .map(|(b, _)| *b)
            .collect()
    }
}

impl Scaling {
    /// Applies `a` (`lab_text`: the language lab's training text, for
    /// [`LAB_TEXT`]); a refused action changes nothing.
    pub fn apply(&mut self, a: ScalingAction, lab_text: &str) -> Result<(), SweepProblem> {
        use ScalingAction as S;
        match a {
            S::Loaded { id, text } => {
                if let Some(info) = TextInfo::of(&text) {
                    self.infos.insert(id.clone(), info);
                }
                self.loaded.insert(id, text);
            }
            S::ChooseText(id) => {
                if self.running() {
                    return Err(SweepProblem::Busy);
                }
                if id == LAB_TEXT || TEXTS.iter().any(|t| t.id == id) {
                    self.text = id;
                    self.prediction = None;
                    self.fit_budgets(lab_text);
                }
            }
            S::SetSize(i, on) => {
                if let Some(s) = self.sizes.get_mut(i) {
                    *s = on;
                }
            }
            S::SetBudget(i, on) => {
                if let Some(b) = self.budgets.get_mut(i) {
                    *b = on;
                }
            }
            S::Workers(n) => self.workers = n.clamp(1, 8),
            S::RunSweep => self.run_sweep(false, lab_text)?,
            S::RunCheck => self.run_sweep(true, lab_text)?,
            S::StopSweep => {
                for s in &mut self.slots {
                    if matches!(s.state, SlotState::Queued | SlotState::Running { .. }) {
                        s.state = SlotState::Stopped;
                    }
                }
            }
            S::Started(i) => {
                if let Some(s) = self
                    .slots
                    .get_mut(i)
                    .filter(|s| s.state == SlotState::Queued)
                {
                    s.state = SlotState::Running { done: 0 };
                }
            }
            S::Progress { slot, done } => {
                if let Some(SlotState::Running { done: d }) =
                    self.slots.get_mut(slot).map(|s| &mut s.state)
                {
                    *d = done;
                }
            }
            S::Finished { slot, result } => self.finished(slot, result, lab_text),
            S::Failed { slot, message } => {
                if let Some(s) = self.slots.get_mut(slot) {
                    s.state = SlotState::Failed(message);
                }
            }
            S::PickCheck { size, budget } => {
                if size < SIZES.len() && budget < BUDGETS.len() {
                    self.check = (size, budget);
                }
            }
            S::ClearResults => {
                if self.running() {
                    return Err(SweepProblem::Busy);
                }
                let text = self.text.clone();
                self.results.retain(|m| m.text != text);
                self.prediction = None;
            }
        }
        Ok(())
    }

    /// The budgets chosen: the defaults for the text swept (the largest
    /// three it holds), once it is at hand.
    fn fit_budgets(&mut self, lab_text: &str) {
        let Some(info) = self.info(lab_text) else {
            return;
        };
        let fit = default_budgets(info.train_len);
        for (on, b) in self.budgets.iter_mut().zip(BUDGETS) {
            *on = fit.contains(&b);
        }
    }

    /// Run `slot` finished: its result joins the results (replacing an
    /// older one of the same run), corrects the speed the estimates use,
    /// and checks the prediction it was trained for.
    fn finished(&mut self, slot: usize, result: RunResult, lab_text: &str) {
        let Some(s) = self.slots.get_mut(slot) else {
            return;
        };
        if s.spec != result.spec || !matches!(s.state, SlotState::Running { .. }) {
            return;
        }
        s.state = SlotState::Done;
        let check = s.check;
        if result.ms > 0.0 {
            let vocab = self.info(lab_text).map_or(64, |i| i.vocab);
            let flops = steps_for(result.tokens) as f64 * result.spec.size.step_flops(vocab);
            self.flops_per_ms = 0.5 * self.flops_per_ms + 0.5 * flops / result.ms;
        }
        if check {
            if let Some(p) = self.prediction.as_mut().filter(|p| p.spec == result.spec) {
                p.measured = Some(result.loss);
            }
        }
        let text = self.text.clone();
        self.results
            .retain(|m| !(m.text == text && m.result.spec == result.spec));
        self.results.push(Measured { text, result });
    }

    /// Queues the sweep's runs (or, for `check`, the predicted run) once
    /// the text and the plan pass their checks.
    fn run_sweep(&mut self, check: bool, lab_text: &str) -> Result<(), SweepProblem> {
        if self.running() {
            return Err(SweepProblem::Busy);
        }
        let text = self.text_of(lab_text).ok_or(SweepProblem::NotLoaded)?;
        let corpus = Corpus::new(text).map_err(SweepProblem::Text)?;
        let (sizes, budgets) = if check {
            (vec![SIZES[self.check.0]], vec![BUDGETS[self.check.1]])
        } else {
            (self.chosen_sizes(), self.chosen_budgets())
        };
        let shape = (corpus.vocab(), corpus.train_len(), corpus.heldout_len());
        let runs = plan(
            &sizes,
            &budgets,
            self.seed,
            shape,
            (self.workers, self.flops_per_ms),
        )
        .map_err(SweepProblem::Plan)?;
        if check {
            let predicted = self.predict().ok_or(SweepProblem::NoLaw)?;
            self.prediction = Some(Prediction {
                spec: runs[0],
                predicted,
                measured: None,
            });
        }
        self.slots = runs
            .into_iter()
            .map(|spec| Slot {
                spec,
                state: SlotState::Queued,
                check,
            })
            .collect();
        Ok(())
    }
}
