//! NeuronLab: watch a neural network learn, one update at a time.
//!
//! Three layers, each importing only the ones below it:
//! - [`core`]: pure Rust data, models, training and history (tested natively);
//! - `render`: draws a session onto canvases (field buffer, plots, charts);
//! - `web`: the `#[wasm_bindgen]` facade and DOM wiring.

pub mod core;
pub mod render;
#[cfg(target_arch = "wasm32")]
pub mod web;
