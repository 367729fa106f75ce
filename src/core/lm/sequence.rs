//! What the language lab's views ask of a sequence model, whichever it is
//! (the window model or the transformer): the next character's
//! probabilities after a text, a blank's from its two sides, the token
//! embeddings, and attention when it has any. Generation is built on the
//! next character's probabilities.

use super::output::Generated;
use crate::core::lm::transformer::Attention;
use crate::core::rng::SeededRng;

/// A model of character sequences, as the views see it.
pub trait SequenceModel {
    /// Characters `V` it predicts.
    fn vocab(&self) -> usize;
    /// Characters of context it reads at most (on one side for the window model).
    fn context(&self) -> usize;
    /// `p(next | history)` into `out` (V values): the model reads what it
    /// can of the end of `history` (ids below V). An empty history gives
    /// the uniform distribution for a model that needs a character to start from.
    fn next_probs(&self, history: &[u32], out: &mut [f64]);
    /// `p(blank | left, right)` into `out`: a model trained on one side
    /// reads only `left`.
    fn blank_probs(&self, left: &[u32], right: &[u32], out: &mut [f64]);
    /// The token embeddings, row by row, and the row width.
    fn embeddings(&self) -> (&[f64], usize);
    /// True when it was trained to continue a text (a left-to-right model).
    fn writes_on(&self) -> bool;
    /// True when it reads both sides of a blank.
    fn reads_both_sides(&self) -> bool {
        !self.writes_on()
    }
    /// Its attention over `ids` (at most [`SequenceModel::context`] of them),
    /// when it has any.
    fn attention(&self, _ids: &[u32]) -> Option<Attention> {
        None
    }
    /// One generated character after `history`: the raw softmax reshaped by
    /// `temperature` and `top_k`, sampled with `rng` ([`Generated::draw`]).
    fn generate(
        &self,
        history: &[u32],
        temperature: f64,
        top_k: usize,
        rng: &mut SeededRng,
    ) -> Generated {
        let mut raw = vec![0.0; self.vocab()];
        self.next_probs(history, &mut raw);
        Generated::draw(raw, temperature, top_k, rng)
    }
}

/// The uniform distribution into `out`.
pub fn uniform(out: &mut [f64]) {
    let n = out.len().max(1) as f64;
    out.iter_mut().for_each(|p| *p = 1.0 / n);
}
