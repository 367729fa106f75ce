//! Numbers as the page shows them. The formats live in the app layer
//! ([`crate::app::format`]), whose narration and descriptions word numbers
//! the same way; the drawing code names them here.

pub use crate::app::format::*;
