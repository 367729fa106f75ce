//! What a language-model session gives out: the description of one update
//! ([`LmUpdate`]) and one generated character ([`Generated`]).

use super::sample::{reshape, sample};
use crate::core::rng::SeededRng;

/// What one update did, for the page to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LmUpdate {
    /// The step number this update made (1 for the first).
    pub step: u64,
    /// The examples of the batch (indices into the session's windows).
    pub samples: Vec<usize>,
    /// The first example's context ids.
    pub context: Vec<u32>,
    /// The character the first example predicts.
    pub target: u32,
    /// Mean loss over the batch before the update.
    pub batch_loss: f64,
}

/// One generated character and the distributions it was drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    /// The character drawn.
    pub token: u32,
    /// The model's softmax.
    pub raw: Vec<f64>,
    /// The softmax after temperature and top-k: what was sampled.
    pub reshaped: Vec<f64>,
}

impl Generated {
    /// The softmax `raw` reshaped by `temperature` and `top_k`
    /// ([`reshape`]) and one character drawn from it with `rng` (one draw).
    pub fn draw(raw: Vec<f64>, temperature: f64, top_k: usize, rng: &mut SeededRng) -> Self {
        let mut reshaped = vec![0.0; raw.len()];
        reshape(&raw, temperature, top_k, &mut reshaped);
        let token = sample(&reshaped, rng);
        Generated {
            token,
            raw,
            reshaped,
        }
    }
}
