//! Save and load a language-model session as JSON: its settings (the text
//! included), every parameter and the counters. Loading checks everything
//! a typed setting meets (the text's limits, each knob's range, the
//! parameter count and values, the counters) and builds a new session, so
//! a bad file never touches the one in use. The history is not saved: a
//! loaded session starts its history at the saved state.

use super::session::{LmError, LmSession, LmSettings};
use crate::core::error::{check_header, LoadError};
use crate::core::history::Snapshot;
use crate::core::json;

/// Identifies a NeuronLab language-model file.
pub const FORMAT: &str = "neuronlab-lm";
/// The current file version.
pub const VERSION: u32 = 1;

/// The saved form of a language-model session.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedLm {
    /// Always [`FORMAT`].
    pub format: String,
    /// File version ([`VERSION`]); read wide so that any number is reported.
    pub version: u64,
    /// The settings, the training text included.
    pub settings: LmSettings,
    /// Every parameter: for the window model the embeddings `E` row by
    /// row, then the stack's (layer by layer, `W` row-major then `b`); for
    /// the transformer as its layout lists them.
    pub params: Vec<f64>,
    /// The optimiser's state: the transformer's Adam moments `m` then `v`
    /// (empty = zeros; the window model's plain SGD keeps none).
    pub velocity: Vec<f64>,
    /// Updates made.
    pub step: u64,
    /// Epochs completed.
    pub epoch: u64,
    /// Position in the current epoch's order of examples.
    pub cursor: usize,
}

impl SavedLm {
    /// The saved form of `session`.
    pub fn of(session: &LmSession) -> Self {
        let snap = session.snapshot();
        SavedLm {
            format: FORMAT.into(),
            version: VERSION.into(),
            settings: session.settings().clone(),
            params: snap.params,
            velocity: snap.velocity,
            step: snap.step,
            epoch: snap.epoch,
            cursor: snap.cursor,
        }
    }

    /// Builds the session this state describes, or says what is wrong with it.
    pub fn into_session(self) -> Result<LmSession, LoadError> {
        check_header(&self.format, self.version, FORMAT, VERSION)?;
        let mut session = LmSession::new(self.settings).map_err(|e| match e {
            LmError::Text(e) => LoadError::Text(e),
            LmError::Setting(e) => LoadError::Settings(e),
        })?;
        let velocity = if self.velocity.is_empty() {
            vec![0.0; session.optimiser_len()]
        } else {
            self.velocity
        };
        session.resume(&Snapshot {
            step: self.step,
            epoch: self.epoch,
            cursor: self.cursor,
            params: self.params,
            velocity,
            data_version: 0,
        })?;
        Ok(session)
    }
}

impl LmSession {
    /// The whole session as pretty JSON.
    pub fn to_json(&self) -> String {
        json::to_string(&SavedLm::of(self), true)
    }

    /// A session from JSON; a typed reason when the text is not a valid state.
    pub fn from_json(text: &str) -> Result<LmSession, LoadError> {
        let state: SavedLm = json::from_str(text)?;
        state.into_session()
    }
}

crate::json_struct!(SavedLm {
    format,
    version,
    settings,
    params,
    velocity = Vec::new(),
    step,
    epoch,
    cursor
});
