//! The lesson in progress as autosave keeps it, apart from the playground:
//! which lesson, what it has seen, and its workspace. A reload with
//! `#lesson=N` in the address picks lesson N up where it was.

use crate::core::error::{check_header, JsonFault, LoadError};
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
    /// What it has seen, as numbers ([`seen_numbers`]).
    pub seen: Vec<f64>,
    /// Its workspace.
    pub workspace: SavedWorkspace,
}

crate::json_struct!(SavedLesson {
    format,
    version,
    lesson,
    seen,
    workspace
});

/// [`Seen`] as numbers: its flags (one bit each), the data sets given up
/// on, the modes trained, then the polynomial fits (held-out, training;
/// zeros unless they were read on the points saved with them).
fn seen_numbers(seen: &Seen, current: bool) -> Vec<f64> {
    let flags = [
        seen.by_hand,
        seen.converged,
        seen.pulled,
        seen.pushed,
        seen.sigmoid,
        seen.unsure,
        seen.generated,
        seen.both_won,
        seen.left_wrote,
        seen.both_refused,
        seen.predicted,
        seen.paradigms,
    ];
    let bits = flags.iter().rev().fold(0u32, |b, &f| b << 1 | u32::from(f));
    let fits = |f: [f64; DEGREES]| f.map(|x| if current { x } else { 0.0 });
    [bits as f64, seen.gave_up.into(), seen.trained.into()]
        .into_iter()
        .chain(fits(seen.fits))
        .chain(fits(seen.fits_train))
        .collect()
}

/// The [`Seen`] in `v` (its fits' data version left at 0: the caller
/// knows the points); `None` when `v` is not one.
fn seen_from(v: &[f64]) -> Option<Seen> {
    let whole = |x: f64, max: f64| (x.fract() == 0.0 && (0.0..=max).contains(&x)).then_some(x);
    if v.len() != 3 + 2 * DEGREES || v.iter().any(|x| !x.is_finite() || *x < 0.0) {
        return None;
    }
    let bits = whole(v[0], 4095.0)? as u32;
    let flag = |k: u32| bits & 1 << k != 0;
    let fits = |at: usize| {
        let mut f = [0.0; DEGREES];
        f.copy_from_slice(&v[at..at + DEGREES]);
        f
    };
    Some(Seen {
        by_hand: flag(0),
        converged: flag(1),
        pulled: flag(2),
        pushed: flag(3),
        sigmoid: flag(4),
        unsure: flag(5),
        generated: flag(6),
        both_won: flag(7),
        left_wrote: flag(8),
        both_refused: flag(9),
        predicted: flag(10),
        paradigms: flag(11),
        gave_up: whole(v[1], u16::MAX.into())? as u16,
        trained: whole(v[2], u8::MAX.into())? as u8,
        fits: fits(3),
        fits_train: fits(3 + DEGREES),
        fits_data: 0,
    })
}

/// The lesson in progress, as autosave keeps it (`None` in the playground).
pub fn encode_lesson(ws: &Workspace) -> Option<String> {
    let c = ws.course();
    let i = c.open()?;
    let seen = c.seen();
    let current = seen.fits_data == ws.session().data_version();
    let saved = SavedLesson {
        format: LESSON_FORMAT.into(),
        version: LESSON_VERSION.into(),
        lesson: i + 1,
        seen: seen_numbers(&seen, current),
        workspace: saved(ws),
    };
    Some(json::to_string(&saved, false))
}

/// The saved lesson in `text`, checked.
pub fn decode_lesson(text: &str) -> Result<SavedLesson, LoadError> {
    let saved: SavedLesson = json::from_str(text)?;
    check_header(&saved.format, saved.version, LESSON_FORMAT, LESSON_VERSION)?;
    Ok(saved)
}

impl SavedLesson {
    /// What the lesson had seen; a misshapen list is refused.
    pub fn seen(&self) -> Result<Seen, LoadError> {
        seen_from(&self.seen).ok_or(LoadError::Json {
            fault: JsonFault::Shape,
            line: 1,
            column: 1,
        })
    }
}
