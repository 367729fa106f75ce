//! What the user sets for a language model: the training text, which
//! model (a window of characters or a transformer) and its shape (context,
//! embedding size and hidden units, or blocks, heads, width and objective),
//! and the training numbers (learning rate, batch size, seed), each checked
//! by its [`Knob`].

use super::context::Windows;
use super::learner::LmLearner;
use super::model::{LmModel, Sides, MAX_CONTEXT as MAX_WINDOW};
use super::texts::TEXTS;
use super::tokens::{tokenize, TextError, Vocab};
use super::transformer::layout::{self as tf, Shape};
use super::transformer::learner::{Objective, TransformerLearner};
use super::transformer::Transformer;
use super::window::WindowLearner;
use crate::core::settings::{Knob, SettingError};

/// Which language model the lab trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LmKind {
    /// A fixed window of characters, embeddings and a softmax.
    Window,
    /// A tiny transformer.
    Transformer,
}

/// Everything that defines a language-model session.
#[derive(Clone, Debug, PartialEq)]
pub struct LmSettings {
    /// The training text.
    pub text: String,
    /// Characters of context on each side read: `n` (1–8).
    pub context: usize,
    /// Embedding size `d` (2–32).
    pub embed: usize,
    /// Hidden tanh units (0 = none, up to 128).
    pub hidden: usize,
    /// Learning rate `η` of plain SGD, `w ← w − η·∂L/∂w`.
    pub learning_rate: f64,
    /// Examples per update.
    pub batch_size: usize,
    /// Seed of the initial parameters and the order of examples.
    pub seed: u64,
    /// Left (GPT-style) or both sides (BERT-style).
    pub sides: Sides,
    /// Which model.
    pub model: LmKind,
    /// Transformer: blocks (1–4).
    pub blocks: usize,
    /// Transformer: heads per attention layer (1–4).
    pub heads: usize,
    /// Transformer: width of each token's vector (8–128, a multiple of the heads).
    pub width: usize,
    /// Transformer: the next character (a decoder) or hidden ones (an encoder).
    pub objective: Objective,
}

/// Why language-model settings were refused.
#[derive(Clone, Debug, PartialEq)]
pub enum LmError {
    /// The training text is refused.
    Text(TextError),
    /// A number is out of its knob's range.
    Setting(SettingError),
}

/// The default learning rate: plain SGD on the softmax of a context of 3
/// and embeddings of 2 learns the built-in texts fastest near here without
/// ever diverging (see the tests).
pub const DEFAULT_LEARNING_RATE: f64 = 1.0;
/// The default batch size.
pub const DEFAULT_BATCH: usize = 16;
/// The transformer's default learning rate (Adam's η): on the copy text
/// the default shape forms its induction heads within about 1,200 steps.
pub const TRANSFORMER_LEARNING_RATE: f64 = 3e-3;
/// The transformer's default context length.
pub const TRANSFORMER_CONTEXT: usize = 32;
/// Texts of at least this many characters keep their last tenth out of
/// the transformer's training, to score it on text it never saw.
pub const HOLDOUT_FROM: usize = 200;

impl LmSettings {
    /// The defaults for `text`: a context of 3 characters on the left,
    /// embeddings of 2 (so the embedding plane is the model's own), no
    /// hidden layer, η = [`DEFAULT_LEARNING_RATE`], batches of 16, seed 1.
    pub fn for_text(text: &str) -> Self {
        LmSettings {
            text: text.to_string(),
            context: Knob::ContextLength.default_value() as usize,
            embed: Knob::EmbeddingSize.default_value() as usize,
            hidden: Knob::HiddenUnits.default_value() as usize,
            learning_rate: DEFAULT_LEARNING_RATE,
            batch_size: DEFAULT_BATCH,
            seed: 1,
            sides: Sides::Left,
            model: LmKind::Window,
            blocks: Knob::Blocks.default_value() as usize,
            heads: Knob::Heads.default_value() as usize,
            width: Knob::Width.default_value() as usize,
            objective: Objective::Next,
        }
    }

    /// These settings with `model` and its defaults for the context length
    /// and the learning rate (the shape of the other model is kept).
    pub fn with_model(&self, model: LmKind) -> Self {
        let (context, learning_rate) = match model {
            LmKind::Window => (
                Knob::ContextLength.default_value() as usize,
                DEFAULT_LEARNING_RATE,
            ),
            LmKind::Transformer => (TRANSFORMER_CONTEXT, TRANSFORMER_LEARNING_RATE),
        };
        LmSettings {
            model,
            context,
            learning_rate,
            ..self.clone()
        }
    }

    /// The benchmark's model, one definition for the native and the browser
    /// bench: the built-in Chinese texts cycled to `chars` characters, a
    /// context of 3, embeddings of 16, 64 tanh units, batches of 16, η = 0.3.
    pub fn benchmark(chars: usize) -> Self {
        let zh: String = TEXTS.iter().filter(|t| t.zh).map(|t| t.text).collect();
        let mut s = LmSettings::for_text(&zh.chars().cycle().take(chars).collect::<String>());
        (s.context, s.embed, s.hidden, s.batch_size) = (3, 16, 64, 16);
        s.learning_rate = 0.3;
        s
    }

    /// Checks the text and every number; the error names the first fault.
    pub fn validate(&self) -> Result<(), LmError> {
        self.tokenize().map(|_| ())
    }

    /// The checked settings' vocabulary and tokens.
    pub fn tokenize(&self) -> Result<(Vocab, Vec<u32>), LmError> {
        let numbers = [
            (Knob::LearningRate, self.learning_rate),
            (Knob::BatchSize, self.batch_size as f64),
            (Knob::Seed, self.seed as f64),
            (Knob::ContextLength, self.context as f64),
            (Knob::EmbeddingSize, self.embed as f64),
            (Knob::HiddenUnits, self.hidden as f64),
        ];
        for (knob, v) in numbers {
            knob.check(v).map_err(LmError::Setting)?;
        }
        if self.model == LmKind::Transformer {
            let shape = [
                (Knob::Blocks, self.blocks as f64),
                (Knob::Heads, self.heads as f64),
                (Knob::Width, self.width as f64),
            ];
            for (knob, v) in shape {
                knob.check(v).map_err(LmError::Setting)?;
            }
            if self.width % self.heads != 0 {
                let (width, heads) = (self.width, self.heads);
                return Err(LmError::Setting(SettingError::WidthHeads { width, heads }));
            }
        }
        let (min, max) = match self.model {
            LmKind::Window => (1, MAX_WINDOW),
            LmKind::Transformer => (tf::MIN_CONTEXT, tf::MAX_KNOB_CONTEXT),
        };
        if !(min..=max).contains(&self.context) {
            let value = self.context;
            return Err(LmError::Setting(SettingError::ContextForModel {
                value,
                min,
                max,
            }));
        }
        tokenize(&self.text).map_err(LmError::Text)
    }

    /// The transformer's shape for `vocab` characters.
    pub fn shape(&self, vocab: usize) -> Shape {
        Shape {
            vocab,
            blocks: self.blocks,
            heads: self.heads,
            width: self.width,
            context: self.context,
        }
    }

    /// The model these settings describe for `tokens` of `vocab`,
    /// initialised from the seed, with what trains it.
    pub fn learner(&self, vocab: &Vocab, tokens: &[u32]) -> LmLearner {
        match self.model {
            LmKind::Window => LmLearner::Window(WindowLearner::new(
                self.model(vocab.len()),
                self.windows(tokens, vocab.pad()),
                (self.sides, self.context),
                self.learning_rate,
                self.batch_size,
                self.seed,
            )),
            LmKind::Transformer => {
                let Ok(model) = Transformer::new(self.shape(vocab.len()), self.seed) else {
                    unreachable!("the shape was checked with the settings")
                };
                let n = tokens.len();
                let held = if n >= HOLDOUT_FROM { n / 10 } else { 0 };
                LmLearner::Transformer(TransformerLearner::new(
                    model,
                    self.objective,
                    tokens.to_vec(),
                    n - held,
                    self.learning_rate,
                    self.batch_size,
                    self.seed,
                ))
            }
        }
    }

    /// Context ids per example: `n` or `2n`.
    pub fn width(&self) -> usize {
        self.sides.width(self.context)
    }

    /// The model these settings describe over `vocab` characters,
    /// initialised from the seed.
    pub fn model(&self, vocab: usize) -> LmModel {
        LmModel::new(vocab, self.width(), self.embed, self.hidden, self.seed)
    }

    /// The training examples of `tokens` for these sides and context
    /// (`pad` the padding id).
    pub fn windows(&self, tokens: &[u32], pad: u32) -> Windows {
        match self.sides {
            Sides::Left => Windows::left(tokens, self.context, pad),
            Sides::Both => Windows::both_sides(tokens, self.context, pad),
        }
    }
}

crate::json_struct!(LmSettings {
    text,
    context,
    embed,
    hidden,
    learning_rate,
    batch_size,
    seed,
    sides,
    model = LmKind::Window,
    blocks = Knob::Blocks.default_value() as usize,
    heads = Knob::Heads.default_value() as usize,
    width = Knob::Width.default_value() as usize,
    objective = Objective::Next,
});

crate::json_names!(LmKind { Window => "window", Transformer => "transformer" });

#[cfg(test)]
mod tests {
    use super::super::texts::TEXTS;
    use super::*;

    #[test]
    fn defaults_are_valid_for_every_builtin_text() {
        for t in TEXTS {
            let s = LmSettings::for_text(t.text);
            assert_eq!(s.validate(), Ok(()), "{}", t.id);
            assert_eq!((s.context, s.embed, s.hidden, s.width()), (3, 2, 0, 3));
        }
    }

    #[test]
    fn numbers_are_checked_before_the_text() {
        let s = LmSettings {
            embed: 0,
            ..LmSettings::for_text("")
        };
        let e = SettingError::OutOfRange {
            knob: Knob::EmbeddingSize,
            value: 0.0,
        };
        assert_eq!(s.validate(), Err(LmError::Setting(e)));
        let both = LmSettings {
            sides: Sides::Both,
            ..LmSettings::for_text("ab")
        };
        assert_eq!(both.width(), 6);
        assert_eq!(
            LmSettings::for_text("").validate(),
            Err(LmError::Text(TextError::Empty))
        );
    }
}
