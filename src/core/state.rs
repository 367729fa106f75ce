//! Save and load a whole session as JSON: data, model, settings, parameters,
//! optimiser state and counters. Loading checks everything and builds a new
//! session, so a bad file never touches the one in use.

use super::data::{Dataset, Point};
use super::error::{check_header, LoadError};
use super::history::Snapshot;
use super::json;
use super::session::Session;
use super::settings::{SettingError, Settings};

/// Identifies a NeuronLab file.
pub const FORMAT: &str = "neuronlab";
/// The current file version.
pub const VERSION: u32 = 1;

/// The saved form of a session.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedState {
    /// Always [`FORMAT`].
    pub format: String,
    /// File version ([`VERSION`]); read wide so that any number is reported.
    pub version: u64,
    /// The settings.
    pub settings: Settings,
    /// The samples.
    pub points: Vec<Point>,
    /// Model parameters (layer by layer, `W` row-major then `b`).
    pub params: Vec<f64>,
    /// Optimiser velocity (empty = zeros).
    pub velocity: Vec<f64>,
    /// Updates made.
    pub step: u64,
    /// Epochs completed.
    pub epoch: u64,
    /// Position in the current epoch.
    pub cursor: usize,
}

impl SavedState {
    /// The saved form of `session`.
    pub fn of(session: &Session) -> Self {
        let snap = session.snapshot();
        SavedState {
            format: FORMAT.into(),
            version: VERSION.into(),
            settings: session.settings().clone(),
            points: session.data().points.clone(),
            params: snap.params,
            velocity: snap.velocity,
            step: snap.step,
            epoch: snap.epoch,
            cursor: snap.cursor,
        }
    }

    /// Builds the session this state describes, or says what is wrong with it.
    pub fn into_session(self) -> Result<Session, LoadError> {
        check_header(&self.format, self.version, FORMAT, VERSION)?;
        let data = Dataset::from_points(self.points).map_err(LoadError::Point)?;
        if data.class_count() > self.settings.classes {
            return Err(LoadError::Settings(SettingError::ClassesInData {
                have: data.class_count(),
            }));
        }
        let mut session = Session::new(self.settings, data).map_err(LoadError::Settings)?;
        let velocity = if self.velocity.is_empty() {
            vec![0.0; self.params.len()]
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

impl Session {
    /// The whole session as pretty JSON.
    pub fn to_json(&self) -> String {
        json::to_string(&SavedState::of(self), true)
    }

    /// A session from JSON; a typed reason when the text is not a valid state.
    pub fn from_json(text: &str) -> Result<Session, LoadError> {
        let state: SavedState = json::from_str(text)?;
        state.into_session()
    }
}

crate::json_struct!(SavedState { format, version, settings, points, params, velocity = Vec::new(), step = 0, epoch = 0, cursor = 0 });
