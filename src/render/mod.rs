//! Drawing a session: the probability field as an RGBA buffer, axes, points,
//! lines and curves through plotters, and the loss chart.
//!
//! The pure parts (`field`, `view`, `format`, `palette`) compile and test
//! natively; the canvas parts exist only on wasm32.

pub mod activation_plot;
pub mod field;
pub mod format;
pub mod hidden;
pub mod kit;
pub mod landscape;
pub mod palette;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod plot;
