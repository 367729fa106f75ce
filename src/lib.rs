//! NeuronLab: watch a neural network learn, one update at a time.
//!
//! Four layers, each importing only the ones below it:
//! - `web`: the `#[wasm_bindgen]` entry and the DOM: events in as actions,
//!   outcomes out as DOM and canvas updates;
//! - `render`: draws a session onto canvases (field buffer, plots, charts);
//! - [`app`]: the workspace, every user action through one door, undo,
//!   autosave's encoding and the messages in both languages (tested natively);
//! - [`core`]: pure Rust data, models, training and history (tested natively).

pub mod app;
pub mod core;
pub mod render;
#[cfg(target_arch = "wasm32")]
pub mod web;
