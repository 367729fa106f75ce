//! Where the learner is in the course: the lesson open (if any), the
//! lessons done (kept across reloads in a small saved form), the
//! playground's autosave encoding set aside while a lesson runs, and what
//! the open lesson has seen happen.

use crate::core::error::{check_header, JsonFault, LoadError};

/// Identifies the saved set of lessons done.
pub const DONE_FORMAT: &str = "neuronlab-lessons";
/// Its version.
pub const DONE_VERSION: u32 = 1;

/// What the open lesson has seen since it opened.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Seen {
    /// A parameter was set by hand.
    pub by_hand: bool,
    /// The perceptron made an epoch without a change.
    pub converged: bool,
    /// The modes shown (bit per [`Mode::ALL`](crate::app::Mode::ALL) index).
    pub modes: u8,
    /// After the last action the next character was above 90%.
    pub confident: bool,
    /// A character was generated while the model was that sure.
    pub generated: bool,
    /// The held-out loss of each polynomial degree (1–9) trained long
    /// enough, as last read (0: not tried on these points).
    pub fits: [f64; 9],
    /// The data version those fits were read on.
    pub fits_data: u64,
}

/// The course's state in the workspace.
#[derive(Debug, Default)]
pub struct Course {
    pub(in crate::app) open: Option<usize>,
    pub(in crate::app) done: u8,
    pub(in crate::app) stash: Option<String>,
    pub(in crate::app) seen: Seen,
}

impl Course {
    /// The lesson shown (0-based), or `None` in the playground.
    pub fn open(&self) -> Option<usize> {
        self.open
    }

    /// True when lesson `i`'s task was done (now or on an earlier visit).
    pub fn is_done(&self, i: usize) -> bool {
        i < 8 && self.done & (1 << i) != 0
    }

    /// The lessons done, one bit each.
    pub fn done(&self) -> u8 {
        self.done
    }

    /// The playground's autosave encoding, set aside while a lesson runs.
    pub fn stash(&self) -> Option<&str> {
        self.stash.as_deref()
    }

    /// What the open lesson has seen.
    pub fn seen(&self) -> Seen {
        self.seen
    }
}

/// The saved form of the lessons done: `neuronlab-lessons/1:1,3,7`
/// (format, version, then the lesson numbers, 1-based).
pub fn encode_done(done: u8) -> String {
    let list: Vec<String> = (0..8)
        .filter(|i| done & (1 << i) != 0)
        .map(|i| (i + 1).to_string())
        .collect();
    format!("{DONE_FORMAT}/{DONE_VERSION}:{}", list.join(","))
}

/// The lessons done in `text`, checked: another format or version is
/// refused as such, anything else misshapen (a lesson outside 1–8 too).
pub fn decode_done(text: &str) -> Result<u8, LoadError> {
    let shape = LoadError::Json {
        fault: JsonFault::Shape,
        line: 1,
        column: 1,
    };
    let (head, list) = text.trim().split_once(':').ok_or(shape.clone())?;
    let (format, version) = head.split_once('/').ok_or(shape.clone())?;
    let version = version.parse().map_err(|_| shape.clone())?;
    check_header(format, version, DONE_FORMAT, DONE_VERSION)?;
    list.split(',')
        .filter(|n| !n.is_empty())
        .try_fold(0u8, |set, n| match n.parse::<u8>() {
            Ok(n @ 1..=8) => Ok(set | 1 << (n - 1)),
            _ => Err(shape.clone()),
        })
}
