//! The language lab's state in the workspace: the language model being
//! trained on a text, the prompt it continues, what it generated, the
//! temperature and top-k that reshape its softmax, and the fill-the-blank
//! comparison of a one-sided (GPT) and a two-sided (BERT) model. Its
//! actions, through the workspace's door, are in `actions.rs`.

use crate::app::attention::{AttentionPick, AttentionView};
use crate::core::history::{CurvePoint, Snapshot};
use crate::core::lm::compare::{blank_positions, blank_score, BlankScore, BLANKS};
use crate::core::lm::context::prompt_context;
use crate::core::lm::copy::{accuracy_at, second_copies};
use crate::core::lm::model::Sides;
use crate::core::lm::output::LmUpdate;
use crate::core::lm::sample::MAX_TOP_K;
use crate::core::lm::session::{Generated, LmSession};
use crate::core::lm::settings::LmKind;
use crate::core::lm::settings::LmSettings;
use crate::core::lm::surprise::{score, Surprise};
use crate::core::lm::texts::{all, default_for, unlike};
use crate::core::lm::transformer::learner::Objective;
use crate::core::rng::SeededRng;
use crate::core::settings::Knob;

mod actions;

/// Second-copy characters the copy text's score reads.
pub const COPY_SCORED: usize = 60;
/// Characters the `Generate 50` button adds.
pub const GENERATE_MANY: usize = 50;
/// Characters the left-only model of the comparison writes per press.
pub const COMPARE_WRITE: usize = 40;
/// Updates each model of the comparison makes at most per frame while
/// both train (Speed of them, within the frame's time budget).
pub const COMPARE_PER_FRAME: usize = 4;
/// Updates each model of the blank comparison trains for, per press.
pub const BLANK_STEPS: usize = 300;
/// The same for transformers, whose step costs a hundred times the window
/// model's: a press stays under about half a second on the main thread.
pub const BLANK_STEPS_TRANSFORMER: usize = 20;

/// The fill-the-blank comparison: the same text, a left-only model and a
/// two-sided one, and the character of the sentence that is blanked.
pub struct Blank {
    /// The sentence, as the user typed it.
    pub sentence: String,
    /// Which character (0-based, in characters) is blanked.
    pub at: usize,
    /// The one-sided (GPT-style) model.
    pub left: LmSession,
    /// The two-sided (BERT-style) model.
    pub both: LmSession,
    /// True while both train, a little every frame.
    pub playing: bool,
    /// What the left-only model last wrote after the prompt.
    pub written: Option<String>,
    /// True once the two-sided model was asked to write on (and could not).
    pub refused: bool,
}

/// Both models of the comparison scored on the same held-out characters,
/// hidden one at a time: `(left, both)`.
pub type BlankScores = (BlankScore, BlankScore);

/// The language lab.
pub struct Lab {
    /// The model being trained.
    pub session: LmSession,
    /// The id of the built-in text in use (`None`: the user's own).
    pub text_id: Option<&'static str>,
    /// The text the model continues.
    pub prompt: String,
    /// How many characters at the end of the prompt were generated.
    pub generated: usize,
    /// The softmax the last generated character came from, and it reshaped.
    pub last: Option<Generated>,
    /// Temperature `T` (0 = always the most likely).
    pub temperature: f64,
    /// Only the `k` most likely keep probability (0 = all).
    pub top_k: usize,
    /// Seed of generation; the RNG is re-seeded when it changes.
    pub seed: u64,
    pub(super) rng: SeededRng,
    /// The fill-the-blank comparison, once the user opened it.
    pub blank: Option<Blank>,
    /// True when the last step's sample, not the prompt, is the context shown.
    pub show_sample: bool,
    /// A second text, one the model did not train on, to score.
    pub surprise: String,
    /// True when the page can train in a worker (a model that needs more
    /// than a few milliseconds a step then trains off the main thread).
    pub worker: bool,
    /// The run Play asked a worker for, while it goes on.
    pub run: Option<Run>,
    /// The id the next run gets.
    pub(super) next_run: u64,
    /// Which heads the attention view shows, at which stage.
    pub attention: AttentionPick,
}

/// A stretch of training a worker does for Play: from the session's state
/// at step `from`, reported back and adopted piece by piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Which run (a report from an older one is set aside).
    pub id: u64,
    /// The step the worker's state continues: the session's, when the
    /// last report was adopted.
    pub from: u64,
}

/// What a worker reports of a run: the state it reached, the curve points
/// it recorded, its last update, and whether its next update diverged.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The run.
    pub run: u64,
    /// The step it started this report from.
    pub from: u64,
    /// Its state now.
    pub snapshot: Snapshot,
    /// Its curve points after `from`.
    pub curve: Vec<CurvePoint>,
    /// Its last update.
    pub last: Option<LmUpdate>,
    /// True when it stopped at an update that diverged.
    pub diverged: bool,
}

impl Lab {
    /// The lab at start: a built-in text of the page's language.
    pub fn new(zh: bool) -> Self {
        let text = default_for(zh);
        // Not `expect`: that would print the error's `Debug`, whose char
        // escaping brings 6 KB of Unicode tables into the wasm.
        let Ok(session) = LmSession::new(LmSettings::for_text(text.text)) else {
            unreachable!("built-in texts are valid")
        };
        let prompt: String = text.text.chars().take(2).collect();
        Lab {
            session,
            text_id: Some(text.id),
            prompt,
            generated: 0,
            last: None,
            temperature: Knob::Temperature.default_value(),
            top_k: Knob::TopK.default_value() as usize,
            seed: 1,
            rng: SeededRng::new(1, 7),
            blank: None,
            show_sample: false,
            surprise: unlike(zh).to_string(),
            worker: false,
            run: None,
            next_run: 1,
            attention: AttentionPick::default(),
        }
    }

    /// The second text scored by the model, character by character.
    pub fn surprise(&self) -> Surprise {
        score(&self.session, &self.surprise)
    }

    /// Takes the generated characters off the prompt: they were the old
    /// model's writing, and training changes the model.
    pub fn drop_generated(&mut self) {
        if self.generated > 0 {
            let keep = self.prompt.chars().count().saturating_sub(self.generated);
            self.prompt = self.prompt.chars().take(keep).collect();
            self.generated = 0;
            self.last = None;
        }
    }

    /// The model's context for the prompt and how many pads it needed;
    /// characters the text never had are skipped.
    pub fn prompt_context(&self) -> (Vec<u32>, usize) {
        let v = self.session.vocab();
        let ids: Vec<u32> = self.prompt.chars().filter_map(|c| v.id(c)).collect();
        self.context_of(&ids)
    }

    /// The context the model reads after `ids`: the window model's last n
    /// characters padded at the start (and how many pads that took); the
    /// transformer's last characters up to its context length, unpadded.
    pub fn context_of(&self, ids: &[u32]) -> (Vec<u32>, usize) {
        let s = &self.session;
        if s.settings().model == LmKind::Transformer {
            let t = s.sequence_model().context();
            return (ids[ids.len().saturating_sub(t)..].to_vec(), 0);
        }
        prompt_context(ids, s.width(), s.vocab().pad())
    }

    /// Appends one sampled character to the prompt.
    pub fn generate_one(&mut self) {
        let (ctx, _) = self.prompt_context();
        let g = self.session.next(
            &ctx,
            self.temperature,
            self.top_k.min(MAX_TOP_K),
            &mut self.rng,
        );
        self.prompt.push(self.session.vocab().char(g.token));
        self.generated += 1;
        self.last = Some(g);
    }

    /// The characters the attention view reads: the prompt's last ones
    /// (as many as the model reads; those the text never had left out),
    /// or the text's first ones when the prompt has none.
    pub fn attention_ids(&self) -> Vec<u32> {
        let v = self.session.vocab();
        let t = self.session.sequence_model().context();
        let prompt: Vec<u32> = self.prompt.chars().filter_map(|c| v.id(c)).collect();
        if prompt.is_empty() {
            return self.session.tokens().iter().take(t).copied().collect();
        }
        prompt[prompt.len().saturating_sub(t)..].to_vec()
    }

    /// What the attention view shows now (`None` for a model without attention).
    pub fn attention_view(&self) -> Option<AttentionView> {
        let ids = self.attention_ids();
        let m = self.session.sequence_model();
        AttentionView::of(m, self.session.vocab(), &ids, self.attention)
    }

    /// On a copy text (names written twice), the share of the second
    /// copies' characters in the text's last tenth (held out from the
    /// transformer's training) that the model gets right, and how many
    /// were scored (at most [`COPY_SCORED`]); `None` on other texts.
    pub fn copy_score(&self) -> Option<(f64, usize)> {
        if !self.text_id.is_some_and(|id| id.starts_with("copy-")) {
            return None;
        }
        let v = self.session.vocab();
        let sep = v.id(':').or_else(|| v.id('：'))?;
        let ids = self.session.tokens();
        let from = ids.len() - ids.len() / 10;
        let positions: Vec<usize> = second_copies(&ids[from..], sep, v.id('\n')?)
            .into_iter()
            .map(|p| p + from)
            .take(COPY_SCORED)
            .collect();
        let m = self.session.sequence_model();
        Some((accuracy_at(m, ids, &positions), positions.len()))
    }

    /// How many characters of the prompt the model reads when the prompt
    /// is longer than that (`Some(context)`): the rest is cut off.
    pub fn prompt_cut(&self) -> Option<usize> {
        let v = self.session.vocab();
        let known = self.prompt.chars().filter(|&c| v.id(c).is_some()).count();
        let reads = match self.session.settings().model {
            LmKind::Transformer => self.session.sequence_model().context(),
            LmKind::Window => self.session.settings().context,
        };
        (known > reads).then_some(reads)
    }

    /// The comparison's two models scored on the same held-out characters
    /// (the text's last tenth, which neither trains on), hidden one at a
    /// time; `None` without a comparison or held-out text.
    pub fn blank_scores(&self) -> Option<BlankScores> {
        let b = self.blank.as_ref()?;
        let ids = b.left.tokens();
        let held = match b.left.learner() {
            crate::core::lm::learner::LmLearner::Transformer(t) => t.heldout_tokens().len(),
            crate::core::lm::learner::LmLearner::Window(_) => 0,
        };
        let at = blank_positions(ids.len(), ids.len() - held, BLANKS);
        if held == 0 || at.is_empty() {
            return None;
        }
        Some((
            blank_score(b.left.sequence_model(), ids, &at),
            blank_score(b.both.sequence_model(), ids, &at),
        ))
    }

    /// True when, on the blank, the two-sided model gives the hidden
    /// character more probability than the left-only one and ranks it first.
    pub fn both_sides_win(&self) -> bool {
        let (Some(b), Some((l, r))) = (self.blank.as_ref(), self.blank_probs()) else {
            return false;
        };
        let Some(ch) = b.sentence.chars().nth(b.at) else {
            return false;
        };
        let Some(want) = b.both.vocab().id(ch) else {
            return false;
        };
        let w = want as usize;
        r[w] > l[w] && r.iter().all(|&p| p <= r[w])
    }

    /// True when Play trains in a worker: the page has one, and the model
    /// needs more than a few milliseconds a step (the transformer).
    pub fn off_thread(&self) -> bool {
        self.worker && self.session.settings().model == LmKind::Transformer
    }

    /// Re-seeds generation (the same seed gives the same text again).
    pub fn reseed(&mut self) {
        self.rng = SeededRng::new(self.seed, 7);
        self.generated = 0;
        self.last = None;
    }

    /// Both models' probabilities for the blank: `(left, both)`, V each.
    /// Characters the text never had are left out of either side.
    pub fn blank_probs(&self) -> Option<(Vec<f64>, Vec<f64>)> {
        let b = self.blank.as_ref()?;
        let v = b.left.vocab();
        let chars: Vec<char> = b.sentence.chars().collect();
        let known = |part: &[char]| -> Vec<u32> { part.iter().filter_map(|&c| v.id(c)).collect() };
        let at = b.at.min(chars.len());
        let left = known(&chars[..at]);
        let right = known(chars.get(at + 1..).unwrap_or_default());
        let mut l = vec![0.0; v.len()];
        let mut r = vec![0.0; v.len()];
        b.left.sequence_model().blank_probs(&left, &right, &mut l);
        b.both.sequence_model().blank_probs(&left, &right, &mut r);
        Some((l, r))
    }

    /// The built-in texts a language offers, as `(id, text)`.
    pub fn texts() -> impl Iterator<Item = (&'static str, &'static str)> {
        all().map(|t| (t.id, t.text))
    }

    /// A blank comparison on the lab's text, for `sentence` with character `at` blanked.
    pub fn blank_for(
        &self,
        sentence: String,
        at: usize,
    ) -> Result<Blank, crate::core::lm::settings::LmError> {
        // The window model reads one side or both; the transformer is a
        // causal decoder or a masked encoder.
        let base = self.session.settings().clone();
        let left = LmSession::new(LmSettings {
            sides: Sides::Left,
            objective: Objective::Next,
            ..base.clone()
        })?;
        let both = LmSession::new(LmSettings {
            sides: Sides::Both,
            objective: Objective::Masked,
            ..base
        })?;
        Ok(Blank {
            sentence,
            at,
            left,
            both,
            playing: false,
            written: None,
            refused: false,
        })
    }
}
