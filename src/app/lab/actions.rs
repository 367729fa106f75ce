//! The language lab's actions: the mode, the training text, its settings,
//! training steps, the prompt and generation, and the blank comparison.

use crate::core::lm::settings::{LmError, LmKind, LmSettings};
use crate::core::lm::texts::by_id;
use crate::core::lm::transformer::learner::Objective;
use crate::core::settings::Knob;

use crate::app::apply::{NOTHING, TRAINING};
use crate::app::event::{Changed, Event, Problem};
use crate::app::workspace::{Mode, Workspace};

type Done = (Event, Changed);

fn refused(e: LmError) -> Done {
    (Event::Refused(Problem::Lm(e)), NOTHING)
}

impl Workspace {
    pub(in crate::app) fn set_mode(&mut self, mode: Mode) -> Done {
        match mode {
            Mode::Classification => self.set_task(crate::core::data::Task::Classification),
            Mode::Regression => self.set_task(crate::core::data::Task::Regression),
            Mode::Language if self.lab_shown() => (Event::Selected, NOTHING),
            Mode::Language => {
                self.playing = false;
                self.mode = Mode::Language;
                self.drag = None;
                self.invalid.clear();
                let all = Changed {
                    lang: false,
                    ..Changed::ALL
                };
                (Event::TaskChanged, all)
            }
        }
    }

    /// Trains the lab's model on `text` from a fresh start.
    fn retrain_on(&mut self, text: String, id: Option<&'static str>) -> Done {
        let settings = LmSettings {
            text,
            ..self.lab.session.settings().clone()
        };
        match self.lab.session.set_settings(settings) {
            Ok(()) => {
                self.playing = false;
                self.lab.text_id = id;
                self.lab.blank = None;
                self.lab.prompt = self
                    .lab
                    .prompt
                    .chars()
                    .filter(|&c| self.lab.session.vocab().id(c).is_some())
                    .collect();
                self.lab.reseed();
                (Event::TextChanged, Changed::ALL)
            }
            Err(e) => refused(e),
        }
    }

    pub(in crate::app) fn choose_text(&mut self, id: &str) -> Done {
        match by_id(id) {
            Some(t) => self.retrain_on(t.text.to_string(), Some(t.id)),
            None => (Event::Selected, NOTHING),
        }
    }

    pub(in crate::app) fn set_text(&mut self, text: String) -> Done {
        if text == self.lab.session.settings().text {
            return (Event::Selected, NOTHING);
        }
        self.retrain_on(text, None)
    }

    pub(in crate::app) fn set_prompt(&mut self, prompt: String) -> Done {
        // A prompt is short; a long paste keeps its last part.
        let keep: String = prompt
            .chars()
            .rev()
            .take(2_000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        self.lab.prompt = keep;
        self.lab.show_sample = false;
        self.lab.generated = 0;
        self.lab.last = None;
        (Event::PromptChanged, TRAINING)
    }

    pub(in crate::app) fn set_surprise_text(&mut self, text: String) -> Done {
        self.lab.surprise = text.chars().take(2_000).collect();
        (Event::SurpriseChanged, TRAINING)
    }

    pub(in crate::app) fn generate(&mut self, n: usize) -> Done {
        self.playing = false;
        self.lab.show_sample = false;
        for _ in 0..n {
            self.lab.generate_one();
        }
        (Event::Generated(n), TRAINING)
    }

    /// A knob of the lab: the model's shape and training (a new shape starts
    /// again) or how generation reshapes the softmax.
    pub(in crate::app) fn set_lab_knob(&mut self, knob: Knob, text: &str) -> Done {
        let v = match self.parse_knob(knob, text) {
            Ok(v) => v,
            Err(refused) => return refused,
        };
        let lab = &mut self.lab;
        let mut s = lab.session.settings().clone();
        match knob {
            Knob::Temperature => lab.temperature = v,
            Knob::TopK => lab.top_k = v as usize,
            Knob::ContextLength => s.context = v as usize,
            Knob::EmbeddingSize => s.embed = v as usize,
            Knob::HiddenUnits => s.hidden = v as usize,
            Knob::Blocks => s.blocks = v as usize,
            Knob::Heads => s.heads = v as usize,
            Knob::Width => s.width = v as usize,
            Knob::LearningRate => s.learning_rate = v,
            Knob::BatchSize => s.batch_size = v as usize,
            Knob::Seed => {
                s.seed = v as u64;
                lab.seed = v as u64;
                lab.reseed();
            }
            _ => return (Event::Selected, NOTHING),
        }
        if s != *lab.session.settings() {
            if let Err(e) = lab.session.set_settings(s) {
                if let LmError::Setting(e) = &e {
                    self.invalid.push((knob, e.clone()));
                }
                return refused(e);
            }
            lab.blank = None;
        }
        (Event::SettingChanged(knob), TRAINING)
    }

    /// Another model for the lab, trained afresh on the same text.
    pub(in crate::app) fn set_lab_model(&mut self, kind: LmKind) -> Done {
        let s = self.lab.session.settings();
        if s.model == kind {
            return (Event::Selected, NOTHING);
        }
        let new = s.with_model(kind);
        self.retrain_with(new)
    }

    /// The transformer's objective, trained afresh.
    pub(in crate::app) fn set_objective(&mut self, objective: Objective) -> Done {
        let s = self.lab.session.settings();
        if s.objective == objective {
            return (Event::Selected, NOTHING);
        }
        let new = LmSettings {
            objective,
            ..s.clone()
        };
        self.retrain_with(new)
    }

    /// The lab's model rebuilt for `settings` (the text unchanged).
    fn retrain_with(&mut self, settings: LmSettings) -> Done {
        match self.lab.session.set_settings(settings) {
            Ok(()) => {
                self.playing = false;
                self.lab.blank = None;
                self.lab.reseed();
                self.invalid.retain(|(k, _)| !k.is_lm());
                (Event::LabModelChanged, Changed::ALL)
            }
            Err(e) => refused(e),
        }
    }

    pub(in crate::app) fn set_blank(&mut self, sentence: String, at: usize) -> Done {
        let at = at.min(sentence.chars().count().saturating_sub(1));
        match self.lab.blank_for(sentence, at) {
            Ok(b) => {
                self.lab.blank = Some(b);
                (Event::BlankReady, TRAINING)
            }
            Err(e) => refused(e),
        }
    }

    /// Starts or stops training both models of the comparison, a little
    /// every frame.
    pub(in crate::app) fn toggle_compare(&mut self) -> Done {
        match self.lab.blank.as_mut() {
            Some(b) => {
                b.playing = !b.playing;
                (Event::CompareToggled(b.playing), TRAINING)
            }
            None => (Event::Selected, NOTHING),
        }
    }

    /// One frame of the comparison's training: both models step together,
    /// pair after pair, until they made Speed updates each (at most
    /// [`COMPARE_PER_FRAME`](super::COMPARE_PER_FRAME)) or the
    /// frame's time budget is spent (so they stay at the same step).
    pub(in crate::app) fn compare_tick(&mut self) -> Done {
        let start = self.now();
        let pairs = self.speed.clamp(1, super::COMPARE_PER_FRAME);
        let clock = &self.clock;
        let Some(b) = self.lab.blank.as_mut().filter(|b| b.playing) else {
            return (Event::Selected, NOTHING);
        };
        for k in 0..pairs {
            if k > 0 && clock() - start > crate::app::training::TRAIN_BUDGET_MS {
                break;
            }
            if let Err(e) = b.left.step().and(b.both.step()) {
                b.playing = false;
                return (Event::Refused(Problem::Step(e)), TRAINING);
            }
        }
        (Event::BlankTrained(b.left.step_count()), TRAINING)
    }

    /// Asks a model of the comparison to write on after the prompt: the
    /// left-only one writes [`COMPARE_WRITE`](super::COMPARE_WRITE)
    /// characters; the two-sided one cannot (it was never trained to read
    /// only what comes before), and says so.
    pub(in crate::app) fn compare_write(&mut self, both: bool) -> Done {
        let lab = &mut self.lab;
        let Some(b) = lab.blank.as_mut() else {
            return (Event::Selected, NOTHING);
        };
        if both {
            b.refused = true;
            return (Event::Refused(Problem::CannotWrite), TRAINING);
        }
        let v = b.left.vocab();
        let mut ids: Vec<u32> = lab.prompt.chars().filter_map(|c| v.id(c)).collect();
        let mut out = String::new();
        for _ in 0..super::COMPARE_WRITE {
            let ctx = match b.left.settings().model {
                LmKind::Transformer => {
                    let t = b.left.sequence_model().context();
                    ids[ids.len().saturating_sub(t)..].to_vec()
                }
                LmKind::Window => {
                    crate::core::lm::context::prompt_context(&ids, b.left.width(), v.pad()).0
                }
            };
            let g = b.left.next(&ctx, lab.temperature, lab.top_k, &mut lab.rng);
            ids.push(g.token);
            out.push(v.char(g.token));
        }
        b.written = Some(out);
        (Event::CompareWrote, TRAINING)
    }

    pub(in crate::app) fn train_blank(&mut self) -> Done {
        let Some(b) = self.lab.blank.as_mut() else {
            return (Event::Selected, NOTHING);
        };
        let steps = match b.left.settings().model {
            LmKind::Window => super::BLANK_STEPS,
            LmKind::Transformer => super::BLANK_STEPS_TRANSFORMER,
        };
        let left = b.left.run(steps);
        let both = b.both.run(steps);
        match left.and(both) {
            Ok(_) => (Event::BlankTrained(b.left.step_count()), TRAINING),
            Err((_, e)) => (Event::Refused(Problem::Step(e)), TRAINING),
        }
    }
}
