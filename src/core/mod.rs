//! The engine: data, activations, losses, models, optimiser, session, history, save/load.
//! Pure Rust: never imports web crates.

pub mod activation;
pub mod analysis;
pub mod csv;
pub mod data;
pub mod decimal;
pub mod error;
pub mod fastmath;
pub mod features;
pub mod history;
pub mod json;
pub mod linalg;
pub mod lm;
pub mod loss;
pub mod model;
pub mod nn;
pub mod optimizer;
pub mod paradigms;
pub mod rng;
pub mod scaling;
pub mod session;
pub mod settings;
pub mod simd;
pub mod state;
pub mod train;
