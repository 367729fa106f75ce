//! The transformer as a [`Learner`]: its examples are the starting
//! positions of the training text (example `i` reads the `T` characters
//! from `i`), its update one batch of Adam, and its curve the loss over
//! the text read in consecutive sequences, training and held-out part.
//!
//! Two objectives: the next character at every position (a causal
//! decoder, as GPT is trained), or hidden characters (a masked encoder,
//! as BERT is): 15% of a sequence's characters, at least one, are replaced
//! by the mask token and predicted from both sides. Which ones is drawn
//! from the seed, the step and the example, so a replay hides the same.
//!
//! The next-character objective may score only chosen characters (say,
//! the answers of prompt–answer examples): the others are read but not
//! predicted, so the loss is a softmax cross-entropy over those positions.

use std::cell::Cell;

use super::{Attention, Batch, Scored, Transformer};
use crate::core::history::CurvePoint;
use crate::core::lm::output::LmUpdate;
use crate::core::lm::sequence::{uniform, SequenceModel};
use crate::core::nn::xent::UNSCORED;
use crate::core::optimizer::Adam;
use crate::core::rng::SeededRng;
use crate::core::train::{epoch_gap, Learner, Parts, DIVERGENCE_LIMIT};

/// The share of a sequence's characters the masked objective hides.
pub const MASK_SHARE: f64 = 0.15;

/// What the transformer learns to predict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Objective {
    /// The next character, reading only the left (GPT: a causal decoder).
    Next,
    /// Hidden characters, reading both sides (BERT: a masked encoder).
    Masked,
}

impl Objective {
    /// True when a token sees only itself and those before it.
    pub fn causal(self) -> bool {
        self == Objective::Next
    }
}

/// The transformer, its text and its training numbers.
#[derive(Clone, Debug)]
pub struct TransformerLearner {
    /// The model.
    pub model: Transformer,
    /// What it predicts.
    pub objective: Objective,
    /// The whole text as ids.
    tokens: Vec<u32>,
    /// Tokens before this one are trained on; the rest are held out.
    train_end: usize,
    /// Characters per training sequence: the context, or less for a short text.
    len: usize,
    /// Learning rate `η` of Adam.
    pub learning_rate: f64,
    /// Sequences per update.
    pub batch_size: usize,
    /// Seed of the order of examples and of the hidden characters.
    pub seed: u64,
    adam: Adam,
    m: Vec<f64>,
    v: Vec<f64>,
    grad: Vec<f64>,
    batch: Batch,
    within: bool,
    /// Which characters are targets (all when `None`): see [`Self::scoring_only`].
    scored: Option<Vec<bool>>,
    /// Loss over the training and the held-out text, once measured.
    measured: Cell<Option<(Scored, Option<Scored>)>>,
    /// Steps between loss-curve points, when set: see [`Self::curve_every`].
    curve_gap: Option<u64>,
}

impl TransformerLearner {
    /// `model` trained on `tokens[..train_end]`, scored on the rest too.
    /// The text must have at least two training tokens.
    pub fn new(
        model: Transformer,
        objective: Objective,
        tokens: Vec<u32>,
        train_end: usize,
        learning_rate: f64,
        batch_size: usize,
        seed: u64,
    ) -> Self {
        assert!(
            (2..=tokens.len()).contains(&train_end),
            "two training tokens"
        );
        let n = model.params().len();
        let reach = match objective {
            Objective::Next => train_end - 1,
            Objective::Masked => train_end,
        };
        TransformerLearner {
            len: model.shape().context.min(reach),
            model,
            objective,
            tokens,
            train_end,
            learning_rate,
            batch_size,
            seed,
            adam: Adam::default(),
            m: vec![0.0; n],
            v: vec![0.0; n],
            grad: vec![0.0; n],
            batch: Batch::default(),
            within: true,
            scored: None,
            measured: Cell::new(None),
            curve_gap: None,
        }
    }

    /// The learner with a loss-curve point every `gap` steps (rounded up
    /// to a power of two) instead of about once an epoch: a run of a set
    /// length over a long text draws its curve as it goes.
    pub fn curve_every(mut self, gap: u64) -> Self {
        self.curve_gap = Some(gap.max(1).next_power_of_two());
        self
    }

    /// The learner predicting (in training and when scored) only the
    /// characters `i` with `scored[i]`, one flag per token of the text;
    /// the rest are context. The next-character objective only.
    pub fn scoring_only(mut self, scored: Vec<bool>) -> Self {
        assert_eq!(scored.len(), self.tokens.len(), "a flag per token");
        assert!(self.objective.causal(), "the next-character objective");
        self.scored = Some(scored);
        self.measured.set(None);
        self
    }

    /// The target of the character at `i`: itself, or [`UNSCORED`] when
    /// it is not chosen.
    fn target(&self, i: usize) -> u32 {
        match &self.scored {
            Some(s) if !s[i] => UNSCORED,
            _ => self.tokens[i],
        }
    }

    /// Characters per training sequence.
    pub fn sequence_len(&self) -> usize {
        self.len
    }

    /// The training text's ids.
    pub fn train_tokens(&self) -> &[u32] {
        &self.tokens[..self.train_end]
    }

    /// The held-out text's ids (empty when none is held out).
    pub fn heldout_tokens(&self) -> &[u32] {
        &self.tokens[self.train_end..]
    }

    /// The batch of examples `idx` (starting positions), the `step`-th update's.
    pub fn batch_of(&self, idx: &[usize], step: u64) -> Batch {
        let mut b = Batch::default();
        self.fill(&mut b, idx, step);
        b
    }

    fn fill(&self, b: &mut Batch, idx: &[usize], step: u64) {
        let (len, text) = (self.len, &self.tokens[..self.train_end]);
        b.batch = idx.len();
        b.len = len;
        b.ids.clear();
        b.targets.clear();
        for &i in idx {
            match self.objective {
                Objective::Next => {
                    b.ids.extend_from_slice(&text[i..i + len]);
                    b.targets
                        .extend((i + 1..i + len + 1).map(|j| self.target(j)));
                }
                Objective::Masked => {
                    let mut rng = SeededRng::new(self.seed ^ ((i as u64) << 20), 5000 + step);
                    hide(&text[i..i + len], self.model.shape().mask_id(), &mut rng, b);
                }
            }
        }
    }

    /// Mean loss over `tokens` read in consecutive sequences of the
    /// training length (the last one shorter); masked characters are drawn
    /// from a fixed seed, so the same text always gets the same blanks.
    pub fn score(&self, tokens: &[u32]) -> Option<Scored> {
        self.score_chosen(tokens, None)
    }

    /// [`Self::score`] predicting only the characters `i` with `scored[i]`
    /// (every one when `None`).
    fn score_chosen(&self, tokens: &[u32], scored: Option<&[bool]>) -> Option<Scored> {
        let need = if self.objective.causal() { 2 } else { 1 };
        if tokens.len() < need {
            return None;
        }
        let span = if self.objective.causal() {
            tokens.len() - 1
        } else {
            tokens.len()
        };
        let mut total = Scored::default();
        let mut sum = 0.0;
        let mut start = 0;
        let mut model = self.model.clone();
        while start < span {
            let len = self.len.min(span - start);
            let mut b = Batch {
                batch: 1,
                len,
                ..Batch::default()
            };
            match self.objective {
                Objective::Next => {
                    b.ids.extend_from_slice(&tokens[start..start + len]);
                    b.targets
                        .extend((start + 1..start + len + 1).map(|j| match scored {
                            Some(s) if !s[j] => UNSCORED,
                            _ => tokens[j],
                        }));
                }
                Objective::Masked => {
                    let mut rng = SeededRng::new(0x5C0E, start as u64);
                    hide(
                        &tokens[start..start + len],
                        model.shape().mask_id(),
                        &mut rng,
                        &mut b,
                    );
                }
            }
            let s = model.loss_grad(&b, self.objective.causal(), None);
            sum += s.loss * s.tokens as f64;
            total.tokens += s.tokens;
            total.hits += s.hits;
            start += len;
        }
        total.loss = sum / total.tokens.max(1) as f64;
        Some(total)
    }

    /// The chosen characters of the training and of the held-out text.
    fn split_scores(&self) -> (Option<&[bool]>, Option<&[bool]>) {
        match &self.scored {
            Some(s) => (Some(&s[..self.train_end]), Some(&s[self.train_end..])),
            None => (None, None),
        }
    }

    /// Loss and hits over the training text and the held-out text.
    pub fn measure(&self) -> (Scored, Option<Scored>) {
        if let Some(m) = self.measured.get() {
            return m;
        }
        let (train, held) = self.split_scores();
        let train = self
            .score_chosen(self.train_tokens(), train)
            .unwrap_or_default();
        let held = self.score_chosen(self.heldout_tokens(), held);
        self.measured.set(Some((train, held)));
        (train, held)
    }
}

/// `seq` with [`MASK_SHARE`] of its characters (at least one) replaced by
/// `mask`, appended to `b` with the hidden characters as targets.
fn hide(seq: &[u32], mask: u32, rng: &mut SeededRng, b: &mut Batch) {
    let from = b.ids.len();
    for &t in seq {
        let hidden = rng.unit() < MASK_SHARE;
        b.ids.push(if hidden { mask } else { t });
        b.targets.push(if hidden { t } else { UNSCORED });
    }
    if b.targets[from..].iter().all(|&t| t == UNSCORED) {
        let k = from + rng.below(seq.len());
        b.targets[k] = b.ids[k];
        b.ids[k] = mask;
    }
}

impl Learner for TransformerLearner {
    type Update = LmUpdate;

    fn examples(&self) -> usize {
        match self.objective {
            Objective::Next => self.train_end - self.len,
            Objective::Masked => self.train_end - self.len + 1,
        }
    }

    fn batch_size(&self) -> usize {
        self.batch_size
    }

    fn seed(&self) -> u64 {
        self.seed
    }

    fn params(&self) -> Parts<'_> {
        [self.model.params(), &[]]
    }

    fn optimiser(&self) -> Parts<'_> {
        [&self.m, &self.v]
    }

    fn param_count(&self) -> usize {
        self.model.params().len()
    }

    fn optimiser_len(&self) -> usize {
        2 * self.m.len()
    }

    fn restore(&mut self, params: &[f64], optimiser: &[f64]) {
        self.model.params_mut().copy_from_slice(params);
        let (m, v) = optimiser.split_at(self.m.len());
        self.m.copy_from_slice(m);
        self.v.copy_from_slice(v);
        self.within = true;
    }

    fn update(&mut self, batch: &[usize], step: u64, u: &mut LmUpdate) -> f64 {
        let mut b = std::mem::take(&mut self.batch);
        self.fill(&mut b, batch, step);
        u.step = step + 1;
        u.samples.clear();
        u.samples.extend_from_slice(batch);
        u.context.clear();
        u.context.extend_from_slice(&b.ids[..b.len]);
        let first = &b.targets[..b.len];
        u.target = match self.objective {
            // The character itself, chosen as a target or not.
            Objective::Next => self.tokens[batch[0] + b.len],
            Objective::Masked => first.iter().copied().find(|&t| t != UNSCORED).unwrap_or(0),
        };
        let causal = self.objective.causal();
        let s = self.model.loss_grad(&b, causal, Some(&mut self.grad));
        self.batch = b;
        u.batch_loss = s.loss;
        self.within = self.adam.step(
            step + 1,
            self.learning_rate,
            self.model.params_mut(),
            &self.grad,
            (&mut self.m, &mut self.v),
            DIVERGENCE_LIMIT,
        );
        s.loss
    }

    fn within_limit(&self) -> bool {
        // Checked in the update's own pass over the parameters; the moments
        // need only be finite (a large second moment is no divergence).
        self.within && self.v.iter().all(|v| v.is_finite())
    }

    fn curve_point(&mut self, step: u64, running: Option<f64>) -> CurvePoint {
        let (train, held) = if running.is_some() {
            let held = self.split_scores().1;
            (
                Scored::default(),
                self.score_chosen(self.heldout_tokens(), held),
            )
        } else {
            self.measure()
        };
        let acc = |s: Scored| s.hits as f64 / s.tokens.max(1) as f64;
        CurvePoint {
            step,
            train: running.unwrap_or(train.loss),
            heldout: held.map(|h| h.loss),
            accuracy: running.is_none().then(|| acc(train)),
            heldout_accuracy: held.map(acc),
        }
    }

    fn changed(&mut self) {
        self.measured.set(None);
    }

    fn curve_gap(&self) -> u64 {
        self.curve_gap
            .unwrap_or_else(|| epoch_gap(self.examples(), self.batch_size))
    }

    /// A step reads `B·T` tokens: copying the state (three numbers a
    /// parameter, with Adam's) every other step costs far less than one.
    fn snapshot_every(&self) -> u64 {
        2
    }
}

crate::json_names!(Objective { Next => "next", Masked => "masked" });

impl SequenceModel for TransformerLearner {
    fn vocab(&self) -> usize {
        self.model.shape().vocab
    }

    fn context(&self) -> usize {
        self.model.shape().context
    }

    fn next_probs(&self, history: &[u32], out: &mut [f64]) {
        let t = self.context();
        match self.objective {
            Objective::Next if history.is_empty() => uniform(out),
            Objective::Next => {
                let ids = &history[history.len().saturating_sub(t)..];
                self.model.probs_at(ids, ids.len() - 1, true, out);
            }
            // The encoder fills a blank at the end: what it has learned of
            // a character with nothing after it.
            Objective::Masked => self.blank_probs(history, &[], out),
        }
    }

    fn blank_probs(&self, left: &[u32], right: &[u32], out: &mut [f64]) {
        if self.objective.causal() {
            return self.next_probs(left, out);
        }
        // The blank and as much of each side as fits, the left side first.
        let room = self.context() - 1;
        let l = left.len().min(room - right.len().min(room / 2));
        let r = right.len().min(room - l);
        let mut ids = left[left.len() - l..].to_vec();
        ids.push(self.model.shape().mask_id());
        ids.extend_from_slice(&right[..r]);
        self.model.probs_at(&ids, l, false, out);
    }

    fn embeddings(&self) -> (&[f64], usize) {
        (self.model.embeddings(), self.model.shape().width)
    }

    fn writes_on(&self) -> bool {
        self.objective.causal()
    }

    fn attention(&self, ids: &[u32]) -> Option<Attention> {
        let ids = &ids[ids.len().saturating_sub(self.context())..];
        (!ids.is_empty()).then(|| self.model.attention(ids, self.objective.causal()))
    }
}
