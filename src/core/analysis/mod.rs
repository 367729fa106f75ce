//! Analysis of a session for the teaching views: the loss landscape over two
//! parameters with the training path, and the data and the input plane as
//! the last hidden layer sees them; the scaling law fitted to a sweep's
//! losses. Pure computation; `render` draws it.

pub mod grid;
pub mod hidden;
pub mod landscape;
pub mod ood;
pub mod output_line;
pub mod path;
pub mod scale;
pub mod scaling;
pub mod unit_maps;
