//! The language lab: a language model is a softmax classifier
//! over the next character, applied again and again.
//!
//! - [`tokens`]: text → character tokens and back ([`tokens::Vocab`]), the
//!   text limits and their typed errors, a visible form of each token;
//! - [`texts`]: the built-in training texts;
//! - [`context`]: training examples, one per position: the characters to the
//!   left (GPT-style) or on both sides (BERT-style, a blanked character),
//!   with the padding id V = vocabulary size where the text ends;
//! - [`sample`]: temperature and top-k over a softmax, seeded sampling, the
//!   most likely candidates;
//! - [`plane`]: the token embeddings as points in a plane;
//! - [`model`]: the model, embeddings `E` → (hidden tanh layer) → `z = W·x + b`
//!   → `p = softmax(z)`, on the shared engine;
//! - [`settings`]: what the user sets for it, checked by its knobs;
//! - [`session`]: training it step by step (Step back, Seek, Reset, the loss
//!   curve, divergence), its probabilities and generation;
//! - [`output`]: what a step and a generated character report;
//! - [`compare`]: a decoder and an encoder scored on the same held-out
//!   characters, hidden one at a time;
//! - [`surprise`]: a second text scored character by character (`−log p`),
//!   the characters outside the vocabulary flagged;
//! - [`saved`]: saving and loading a session as JSON.

pub mod compare;
pub mod context;
pub mod copy;
mod eigen;
pub mod fixed_run;
pub mod heads;
pub mod learner;
pub mod model;
pub mod output;
pub mod plane;
pub mod sample;
pub mod saved;
pub mod sequence;
pub mod session;
pub mod settings;
pub mod surprise;
pub mod texts;
pub mod tokens;
pub mod transformer;
pub mod window;
