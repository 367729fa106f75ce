//! Where the learner is in the course: the lesson open (if any), the
//! lessons done (kept across reloads in a small saved form), the
//! playground's autosave encoding set aside while a lesson runs, what the
//! open lesson has seen happen, and the lesson in progress in its own
//! saved form (so a reload in the middle of a lesson keeps it).

use crate::core::error::{check_header, JsonFault, LoadError};

/// Identifies the saved set of lessons done.
pub const DONE_FORMAT: &str = "neuronlab-lessons";
/// Its version.
pub const DONE_VERSION: u32 = 1;
/// Most lessons the course can hold (the set of lessons done is a `u64`).
pub const MAX_LESSONS: usize = 64;

/// Degrees lesson 6 compares (1–9).
pub const DEGREES: usize = 9;

/// What the open lesson has seen since it opened.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Seen {
    /// A parameter was set by hand.
    pub by_hand: bool,
    /// The perceptron made an epoch without a change.
    pub converged: bool,
    /// A missed 1 pulled the perceptron's line in (`Y − y = 1`).
    pub pulled: bool,
    /// A false 1 pushed it away (`Y − y = −1`).
    pub pushed: bool,
    /// The data sets on which the perceptron gave up (bit per
    /// [`Preset::ALL`](crate::core::data::Preset::ALL) index).
    pub gave_up: u16,
    /// Logistic regression was trained below the lesson's loss mark.
    pub sigmoid: bool,
    /// Softmax was seen below its accuracy mark on three classes.
    pub unsure: bool,
    /// The plane modes whose model was trained to its mark (bit per
    /// [`Mode::ALL`](crate::app::Mode::ALL) index).
    pub trained: u8,
    /// A character was generated that the model gave more than 90%.
    pub generated: bool,
    /// On the comparison's blank, the two-sided transformer (BERT) gave
    /// the hidden character more than the left-only one (GPT), first.
    pub both_won: bool,
    /// The left-only transformer of the comparison wrote on.
    pub left_wrote: bool,
    /// The two-sided one was asked to write on, and refused.
    pub both_refused: bool,
    /// The scaling lab checked a prediction within [`PREDICT_MARK`](super::PREDICT_MARK).
    pub predicted: bool,
    /// The paradigms lab measured all three paradigms.
    pub paradigms: bool,
    /// The held-out loss of each polynomial degree (1–9) trained long
    /// enough, as last read (0: not tried on these points).
    pub fits: [f64; DEGREES],
    /// The training loss of each, read at the same time.
    pub fits_train: [f64; DEGREES],
    /// The data version those fits were read on.
    pub fits_data: u64,
}

/// The course's state in the workspace.
#[derive(Debug, Default)]
pub struct Course {
    pub(in crate::app) open: Option<usize>,
    pub(in crate::app) done: u64,
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
        i < MAX_LESSONS && self.done & (1 << i) != 0
    }

    /// The lessons done, one bit each.
    pub fn done(&self) -> u64 {
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
pub fn encode_done(done: u64) -> String {
    let list: Vec<String> = (0..MAX_LESSONS)
        .filter(|i| done & (1 << i) != 0)
        .map(|i| (i + 1).to_string())
        .collect();
    format!("{DONE_FORMAT}/{DONE_VERSION}:{}", list.join(","))
}

/// The lessons done in `text`, checked: another format or version is
/// refused as such, anything else misshapen (a lesson outside the course's
/// `count` too).
pub fn decode_done(text: &str, count: usize) -> Result<u64, LoadError> {
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
        .try_fold(0u64, |set, n| match n.parse::<usize>() {
            Ok(n) if (1..=count.min(MAX_LESSONS)).contains(&n) => Ok(set | 1 << (n - 1)),
            _ => Err(shape.clone()),
        })
}
