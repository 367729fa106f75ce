//! Surprise: a second text, one the model did not train on, scored
//! character by character. Each character's surprise is `−log p` of it
//! given the characters before it (nats; a model that reads both sides of
//! a blank, given both sides); their mean is the text's loss and `e^mean`
//! its perplexity, to set beside the training text's. A character outside
//! the vocabulary has no class in the softmax, so no probability at all:
//! it is flagged, not scored, and left out of the others' context (as Fill
//! the blank leaves it out). Uses only the sequence model's probabilities,
//! so it scores the window model and the transformer alike.

use super::session::LmSession;
use super::tokens::Vocab;
use crate::core::loss::EPS;

/// Characters of the second text that are scored (the rest are cut).
pub const MAX_SURPRISE_CHARS: usize = 400;

/// One character of the second text and its surprise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    /// The character.
    pub ch: char,
    /// `−log p` (nats), or `None` for a character outside the vocabulary.
    pub nll: Option<f64>,
}

/// A second text scored by a model.
#[derive(Clone, Debug, PartialEq)]
pub struct Surprise {
    /// Each character, in order (at most [`MAX_SURPRISE_CHARS`]).
    pub chars: Vec<Scored>,
    /// True when the text was longer and its end was cut.
    pub cut: bool,
}

impl Surprise {
    /// The mean surprise over the characters in the vocabulary.
    pub fn mean(&self) -> Option<f64> {
        let known: Vec<f64> = self.chars.iter().filter_map(|c| c.nll).collect();
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    }

    /// `e^mean`: as unsure as a fair choice among this many characters.
    pub fn perplexity(&self) -> Option<f64> {
        self.mean().map(f64::exp)
    }

    /// The characters outside the vocabulary, each once, in order.
    pub fn unknown(&self) -> Vec<char> {
        let mut out = Vec::new();
        for c in self.chars.iter().filter(|c| c.nll.is_none()) {
            if !out.contains(&c.ch) {
                out.push(c.ch);
            }
        }
        out
    }
}

/// The characters of `text` that `vocab` does not have, each once, in order.
pub fn outside(vocab: &Vocab, text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in text.chars() {
        if vocab.id(c).is_none() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// `text` scored by `session`'s model: every character (up to
/// [`MAX_SURPRISE_CHARS`]) with its `−log p` given the ones before it (and,
/// for a two-sided model, after it).
pub fn score(session: &LmSession, text: &str) -> Surprise {
    let v = session.vocab();
    let model = session.sequence_model();
    let chars: Vec<char> = text.chars().collect();
    let cut = chars.len() > MAX_SURPRISE_CHARS;
    let chars = &chars[..chars.len().min(MAX_SURPRISE_CHARS)];
    let ids: Vec<Option<u32>> = chars.iter().map(|&c| v.id(c)).collect();
    let known = |part: &[Option<u32>]| -> Vec<u32> { part.iter().flatten().copied().collect() };
    let mut p = vec![0.0; v.len()];
    let scored = chars
        .iter()
        .zip(&ids)
        .enumerate()
        .map(|(i, (&ch, id))| {
            let nll = id.map(|id| {
                let left = known(&ids[..i]);
                if model.writes_on() {
                    model.next_probs(&left, &mut p);
                } else {
                    model.blank_probs(&left, &known(&ids[i + 1..]), &mut p);
                }
                -p[id as usize].max(EPS).ln()
            });
            Scored { ch, nll }
        })
        .collect();
    Surprise { chars: scored, cut }
}
