//! The app layer, between the engine and the page: the workspace (each
//! mode's session and everything chosen around it), every user action
//! applied through one door ([`Workspace::apply`]) with a typed event out,
//! undo and redo of data and parameter edits, autosave's encoding, and every message in
//! English and Chinese. Pure Rust: no web crates, tested natively.

pub mod action;
pub mod apply;
pub mod attention;
pub mod autosave;
pub mod cell;
pub mod chart;
pub mod choices;
pub mod describe;
pub mod edits;
pub mod event;
pub mod format;
pub mod lab;
pub mod lang;
pub mod lessons;
pub mod line;
pub mod line_drag;
pub mod messages;
pub mod metrics;
pub mod narration;
pub mod paradigms;
pub mod paradigms_messages;
pub mod paradigms_runs;
pub mod paradigms_save;
pub mod paradigms_text;
pub mod probe;
pub mod scaling;
pub mod scaling_fits;
pub mod scaling_save;
pub mod scaling_text;
pub mod sound;
pub mod training;
pub mod undo;
pub mod update_text;
pub mod walk;
pub mod wording;
pub mod workspace;

pub use action::Action;
pub use cell::{CellError, PointField};
pub use event::{Changed, Edit, Event, Outcome, Problem};
pub use lang::Lang;
pub use messages::Msg;
pub use workspace::{Mode, Workspace};
