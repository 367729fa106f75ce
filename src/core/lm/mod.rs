//! The language lab's data side: a language model is a softmax classifier
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
//! - [`plane`]: the token embeddings as points in a plane.
//!
//! The model and its training live elsewhere; nothing here learns.

pub mod context;
mod eigen;
pub mod plane;
pub mod sample;
pub mod texts;
pub mod tokens;
