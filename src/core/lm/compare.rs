//! A decoder against an encoder on the same blanks: characters of the
//! held-out text hidden one at a time, each model asked for the hidden
//! one as it can read it (a causal decoder only what comes before, a
//! masked encoder both sides), scored by cross-entropy and by how often
//! its most likely character is the one hidden.

use super::sequence::SequenceModel;

/// Held-out characters the comparison hides, at most.
pub const BLANKS: usize = 48;

/// How a model did on the blanks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BlankScore {
    /// Mean `−log p` of the hidden character (nats).
    pub loss: f64,
    /// Share of blanks whose most likely character is the hidden one.
    pub accuracy: f64,
    /// Blanks scored.
    pub count: usize,
}

/// Up to `max` positions of `ids[from..]`, spread evenly, each with at
/// least one character before it (so a decoder has something to read).
pub fn blank_positions(len: usize, from: usize, max: usize) -> Vec<usize> {
    let first = from.max(1);
    if first >= len || max == 0 {
        return Vec::new();
    }
    let span = len - first;
    let n = span.min(max);
    (0..n).map(|k| first + k * span / n).collect()
}

/// `model`'s score on `ids` with each of `positions` hidden in turn: it
/// reads up to its context on each side it reads.
pub fn blank_score(model: &dyn SequenceModel, ids: &[u32], positions: &[usize]) -> BlankScore {
    let t = model.context();
    let mut p = vec![0.0; model.vocab()];
    let (mut nll, mut hits) = (0.0, 0);
    for &i in positions {
        let left = &ids[i.saturating_sub(t)..i];
        let right = &ids[(i + 1).min(ids.len())..(i + 1 + t).min(ids.len())];
        model.blank_probs(left, right, &mut p);
        let want = ids[i] as usize;
        nll -= p[want].max(1e-12).ln();
        let best = (0..p.len()).fold(0, |b, k| if p[k] > p[b] { k } else { b });
        hits += usize::from(best == want);
    }
    let n = positions.len();
    BlankScore {
        loss: if n == 0 { 0.0 } else { nll / n as f64 },
        accuracy: hits as f64 / n.max(1) as f64,
        count: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_spread_over_the_part_asked_and_never_at_the_start() {
        assert_eq!(blank_positions(10, 0, 3), vec![1, 4, 7]);
        assert_eq!(blank_positions(10, 8, 5), vec![8, 9]);
        assert!(blank_positions(10, 10, 5).is_empty());
        assert!(blank_positions(10, 2, 0).is_empty());
        let p = blank_positions(1000, 900, BLANKS);
        assert_eq!(p.len(), BLANKS);
        assert!(p.windows(2).all(|w| w[0] < w[1]) && p[0] == 900 && p[BLANKS - 1] < 1000);
    }
}
