//! The perceptron's walk: samples seen in a row without a mistake, to say
//! when it has converged (a whole epoch, from its first sample to its
//! last, without one) and when it has given up (many epochs, each with a
//! mistake: no line separates the points).

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
    /// True once an epoch went by without a change.
    settled: bool,
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
    /// (or not), with `n` training samples in an epoch; `epoch_end` when
    /// the update was the epoch's last. An epoch visits every sample once,
    /// so a quiet run of `n` that ends where an epoch ends covers that
    /// whole epoch; a run across two shuffled epochs may see a sample
    /// twice and miss another, and does not count.
    pub fn saw(&mut self, used: usize, changed: bool, n: usize, epoch_end: bool) -> Verdict {
        let seen = self.seen;
        self.quiet = if changed { 0 } else { self.quiet + used };
        self.seen = seen + used;
        let limit = GIVE_UP_EPOCHS * n;
        if !self.settled && epoch_end && self.quiet >= n {
            self.settled = true;
            Verdict::Converged
        } else if !self.settled && seen < limit && self.seen >= limit {
            Verdict::NoLine
        } else {
            Verdict::Going
        }
    }
}
