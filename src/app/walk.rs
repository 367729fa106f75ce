//! The perceptron's walk: samples seen and samples seen in a row without a
//! mistake, to say when it has converged (a whole epoch without one) and
//! when it has given up (many epochs, each with a mistake: no line
//! separates the points).

/// Epochs in a row, each with a mistake, after which the page says that no
/// line separates the points.
pub const GIVE_UP_EPOCHS: usize = 20;

/// What the walk has seen since training last started over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// Samples seen in a row without a change.
    quiet: usize,
    /// Samples seen in all.
    seen: usize,
}

/// What one update meant for the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to say yet.
    Going,
    /// The update completed an epoch without a mistake.
    Converged,
    /// [`GIVE_UP_EPOCHS`] epochs are done and every one had a mistake.
    NoLine,
}

impl Walk {
    /// Counts an update over `used` samples that `changed` the parameters
    /// (or not), with `n` training samples in an epoch.
    pub fn saw(&mut self, used: usize, changed: bool, n: usize) -> Verdict {
        let (quiet, seen) = (self.quiet, self.seen);
        self.quiet = if changed { 0 } else { quiet + used };
        self.seen = seen + used;
        let limit = GIVE_UP_EPOCHS * n;
        if quiet < n && self.quiet >= n {
            Verdict::Converged
        } else if seen < limit && self.seen >= limit && self.quiet < n {
            // No run of n quiet samples in 20·n: every epoch had a mistake.
            Verdict::NoLine
        } else {
            Verdict::Going
        }
    }
}
