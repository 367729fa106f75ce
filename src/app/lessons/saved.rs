//! The lesson in progress as autosave keeps it, apart from the playground:
//! which lesson, what it has seen, and its workspace. A reload with
//! `#lesson=N` in the address picks lesson N up where it was.

use crate::core::error::{check_header, LoadError};
use crate::core::json;

use super::super::autosave::{saved, SavedWorkspace};
use super::super::workspace::Workspace;
use super::course::{Seen, DEGREES};

/// Identifies a saved lesson in progress.
pub const LESSON_FORMAT: &str = "neuronlab-lesson";
/// Its version.
pub const LESSON_VERSION: u32 = 1;

/// A lesson in progress, saved.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedLesson {
    /// Always [`LESSON_FORMAT`].
    pub format: String,
    /// [`LESSON_VERSION`]; read wide so that any number is reported.
    pub version: u64,
    /// The lesson (1-based, as the address names it).
    pub lesson: usize,
    /// What it has seen.
    pub seen: SavedSeen,
    /// Its workspace.
    pub workspace: SavedWorkspace,
}

/// [`Seen`] as saved; the polynomial fits only when they were read on the
/// points saved with them.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedSeen {
    /// [`Seen::by_hand`].
    pub by_hand: bool,
    /// [`Seen::converged`].
    pub converged: bool,
    /// [`Seen::pulled`].
    pub pulled: bool,
    /// [`Seen::pushed`].
    pub pushed: bool,
    /// [`Seen::gave_up`].
    pub gave_up: u64,
    /// [`Seen::sigmoid`].
    pub sigmoid: bool,
    /// [`Seen::unsure`].
    pub unsure: bool,
    /// [`Seen::trained`].
    pub trained: u64,
    /// [`Seen::generated`].
    pub generated: bool,
    /// [`Seen::fits`], or empty.
    pub fits: Vec<f64>,
    /// [`Seen::fits_train`], or empty.
    pub fits_train: Vec<f64>,
}

crate::json_struct!(SavedSeen {
    by_hand,
    converged,
    pulled,
    pushed,
    gave_up,
    sigmoid,
    unsure,
    trained,
    generated,
    fits,
    fits_train
});
crate::json_struct!(SavedLesson {
    format,
    version,
    lesson,
    seen,
    workspace
});

/// The lesson in progress, as autosave keeps it (`None` in the playground).
pub fn encode_lesson(ws: &Workspace) -> Option<String> {
    let c = ws.course();
    let i = c.open()?;
    let seen = c.seen();
    let current = seen.fits_data == ws.session().data_version();
    let fits = |f: [f64; DEGREES]| if current { f.to_vec() } else { Vec::new() };
    let saved = SavedLesson {
        format: LESSON_FORMAT.into(),
        version: LESSON_VERSION.into(),
        lesson: i + 1,
        seen: SavedSeen {
            by_hand: seen.by_hand,
            converged: seen.converged,
            pulled: seen.pulled,
            pushed: seen.pushed,
            gave_up: seen.gave_up.into(),
            sigmoid: seen.sigmoid,
            unsure: seen.unsure,
            trained: seen.trained.into(),
            generated: seen.generated,
            fits: fits(seen.fits),
            fits_train: fits(seen.fits_train),
        },
        workspace: saved(ws),
    };
    Some(json::to_string(&saved, false))
}

/// The saved lesson in `text`, checked, with its seen state for a session
/// whose points have data version `version` (the fits belong to them).
pub fn decode_lesson(text: &str) -> Result<SavedLesson, LoadError> {
    let saved: SavedLesson = json::from_str(text)?;
    check_header(&saved.format, saved.version, LESSON_FORMAT, LESSON_VERSION)?;
    Ok(saved)
}

impl SavedSeen {
    /// The seen state, its fits read on points of data version `version`.
    pub fn seen(&self, version: u64) -> Seen {
        let fits = |v: &[f64]| {
            let mut f = [0.0; DEGREES];
            if v.len() == DEGREES && v.iter().all(|x| x.is_finite() && *x >= 0.0) {
                f.copy_from_slice(v);
            }
            f
        };
        Seen {
            by_hand: self.by_hand,
            converged: self.converged,
            pulled: self.pulled,
            pushed: self.pushed,
            gave_up: self.gave_up as u16,
            sigmoid: self.sigmoid,
            unsure: self.unsure,
            trained: self.trained as u8,
            generated: self.generated,
            fits: fits(&self.fits),
            fits_train: fits(&self.fits_train),
            fits_data: version,
        }
    }
}
