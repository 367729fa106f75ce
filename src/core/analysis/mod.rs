//! Analysis of a session for the teaching views: the loss landscape over two
//! parameters with the training path. Pure computation; `render` draws it.

pub mod grid;
pub mod landscape;
pub mod path;
pub mod scale;
