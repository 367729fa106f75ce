//! What a head mostly attends to, measured from its weights on a text:
//! for each pattern, the weight every character asking puts on the
//! characters that pattern names, averaged over the characters asking;
//! the head is described by the pattern with the most.

use super::transformer::Attention;

/// A place a character can look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Itself.
    Itself,
    /// The character just before it.
    Previous,
    /// The character just after it (an encoder only).
    Next,
    /// An earlier occurrence of the same character.
    SameEarlier,
    /// The character that followed an earlier occurrence of it: what came
    /// next last time (an induction head, which copies).
    AfterEarlier,
    /// The first character of its line.
    LineStart,
    /// No pattern takes most of the weight.
    Spread,
}

impl Pattern {
    /// The patterns measured, in the order ties are broken.
    pub const MEASURED: [Pattern; 6] = [
        Pattern::Previous,
        Pattern::Itself,
        Pattern::Next,
        Pattern::AfterEarlier,
        Pattern::SameEarlier,
        Pattern::LineStart,
    ];

    /// True when from `t` this pattern names `u` in `ids` (`nl`: the line break's id).
    fn names(self, ids: &[u32], t: usize, u: usize, nl: Option<u32>) -> bool {
        match self {
            Pattern::Itself => u == t,
            Pattern::Previous => u + 1 == t,
            Pattern::Next => u == t + 1,
            Pattern::SameEarlier => u < t && ids[u] == ids[t],
            Pattern::AfterEarlier => u >= 1 && u <= t && ids[u - 1] == ids[t] && u - 1 < t,
            Pattern::LineStart => {
                let start = ids[..=t]
                    .iter()
                    .rposition(|&c| Some(c) == nl)
                    .map_or(0, |i| i + 1);
                u == start.min(t)
            }
            Pattern::Spread => false,
        }
    }
}

/// A head's description: the pattern with the most weight, and that weight
/// (the mean share of attention it gets).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadPattern {
    /// What the head mostly looks at.
    pub pattern: Pattern,
    /// Its mean share of the head's attention, 0 to 1.
    pub share: f64,
}

/// Below this mean share no pattern describes a head: it is spread.
pub const SPREAD_BELOW: f64 = 0.3;

/// What head `head` of block `block` mostly attends to in `att`, the
/// attention over `ids` (`nl`: the id of the line break, if the text has one).
pub fn describe(
    att: &Attention,
    ids: &[u32],
    block: usize,
    head: usize,
    nl: Option<u32>,
) -> HeadPattern {
    let n = att.len;
    let mut best = HeadPattern {
        pattern: Pattern::Spread,
        share: 0.0,
    };
    for pattern in Pattern::MEASURED {
        // The mean over the characters asking that have a place of this kind.
        let (mut sum, mut count) = (0.0, 0);
        for t in 0..n {
            let row = att.weights_row(block, head, t);
            let named: Vec<usize> = (0..n).filter(|&u| pattern.names(ids, t, u, nl)).collect();
            if named.is_empty() || named.iter().all(|&u| att.masked(t, u)) {
                continue;
            }
            sum += named.iter().map(|&u| row[u]).sum::<f64>();
            count += 1;
        }
        // A pattern that applies to few characters says little.
        if count * 4 < n {
            continue;
        }
        let share = sum / count as f64;
        if share > best.share {
            best = HeadPattern { pattern, share };
        }
    }
    if best.share < SPREAD_BELOW {
        best.pattern = Pattern::Spread;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attention of one block and head over `n` tokens whose row `t`
    /// puts all its weight on `look(t)`.
    fn fixed(n: usize, causal: bool, look: impl Fn(usize) -> usize) -> Attention {
        let mut weights = vec![0.0; n * n];
        for t in 0..n {
            weights[t * n + look(t)] = 1.0;
        }
        Attention {
            len: n,
            blocks: 1,
            heads: 1,
            scale: 1.0,
            causal,
            scores: vec![0.0; n * n],
            weights,
        }
    }

    #[test]
    fn heads_are_named_by_where_their_weight_goes() {
        // "ab:ab\ncd:cd\n" as ids.
        let ids = [0, 1, 9, 0, 1, 8, 2, 3, 9, 2, 3, 8];
        let nl = Some(8);
        let prev = fixed(12, true, |t| t.saturating_sub(1));
        assert_eq!(describe(&prev, &ids, 0, 0, nl).pattern, Pattern::Previous);
        let own = fixed(12, true, |t| t);
        let d = describe(&own, &ids, 0, 0, nl);
        assert_eq!((d.pattern, d.share), (Pattern::Itself, 1.0));
        let next = fixed(12, false, |t| (t + 1).min(11));
        assert_eq!(describe(&next, &ids, 0, 0, nl).pattern, Pattern::Next);
        // Induction: after an earlier copy of itself if there is one.
        let copy = fixed(12, true, |t| {
            (1..=t)
                .find(|&u| u - 1 < t && ids[u - 1] == ids[t])
                .unwrap_or(t)
        });
        assert_eq!(
            describe(&copy, &ids, 0, 0, nl).pattern,
            Pattern::AfterEarlier
        );
        let start = fixed(12, true, |t| if t < 6 { 0 } else { 6 });
        assert_eq!(describe(&start, &ids, 0, 0, nl).pattern, Pattern::LineStart);
        // Even weights over every earlier token: spread.
        let n = 12;
        let mut flat = fixed(n, true, |t| t);
        for t in 0..n {
            for u in 0..=t {
                flat.weights[t * n + u] = 1.0 / (t + 1) as f64;
            }
        }
        assert_eq!(describe(&flat, &ids, 0, 0, nl).pattern, Pattern::Spread);
    }
}
