//! Drawing a session: the probability field as an RGBA buffer, axes, points,
//! lines and curves through plotters, the loss chart, and the teaching views
//! (loss landscape, hidden space, activation plot) whose values
//! [`crate::core::analysis`] computes.
//!
//! Chart files share [`kit`] (ink, tick labels, fonts, axes, legend) and
//! never import each other. The pure parts (`field`, `view`, `format`,
//! `palette`, the RGBA painting and tick labels) compile and test natively;
//! the canvas parts exist only on wasm32.

pub mod activation_plot;
pub mod embedding_layout;
pub mod field;
pub mod format;
pub mod hidden;
pub mod kit;
pub mod landscape;
pub mod network;
pub mod overlay;
pub mod palette;
pub mod svg_patch;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod attention;
#[cfg(target_arch = "wasm32")]
pub mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod embedding;
#[cfg(target_arch = "wasm32")]
pub mod frame;
#[cfg(target_arch = "wasm32")]
pub mod paradigm_curves;
#[cfg(target_arch = "wasm32")]
pub mod plot;
#[cfg(target_arch = "wasm32")]
pub mod scaling;
