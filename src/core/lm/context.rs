//! Training examples from tokens: a context of nearby characters and the
//! character to predict.
//!
//! Padding convention: the id V = [`Vocab::pad`](super::tokens::Vocab::pad)
//! (one past the last character) stands for "before the start / after the
//! end", so a model reads V + 1 input symbols but predicts V classes. It is
//! passed here as `pad`.
//!
//! - One-sided (GPT-style, [`Windows::left`]): the `n` tokens before position
//!   `i`, oldest first, predict token `i`.
//! - Two-sided (BERT-style, a blanked character, [`Windows::both_sides`]):
//!   the `n` tokens before and the `n` after position `i`, in text order
//!   (`t[i-n] … t[i-1] t[i+1] … t[i+n]`), predict token `i`.
//!
//! Either way there is one example per position, padded where the text ends.

/// Every example of a token sequence, flat: row `i` is the context of
/// position `i` and `targets()[i]` the token there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Windows {
    width: usize,
    contexts: Vec<u32>,
    targets: Vec<u32>,
}

impl Windows {
    /// One-sided windows: `n` tokens of left context per position (row width `n`).
    pub fn left(tokens: &[u32], n: usize, pad: u32) -> Self {
        let mut contexts = Vec::with_capacity(tokens.len() * n);
        for i in 0..tokens.len() {
            push_left(&mut contexts, tokens, i, n, pad);
        }
        Windows {
            width: n,
            contexts,
            targets: tokens.to_vec(),
        }
    }

    /// Two-sided windows: `n` tokens on each side per position (row width `2n`).
    pub fn both_sides(tokens: &[u32], n: usize, pad: u32) -> Self {
        let mut contexts = Vec::with_capacity(tokens.len() * 2 * n);
        for i in 0..tokens.len() {
            push_both(&mut contexts, tokens, i, n, pad);
        }
        Windows {
            width: 2 * n,
            contexts,
            targets: tokens.to_vec(),
        }
    }

    /// Tokens per context row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// How many examples (one per position of the text).
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// True when there are no examples.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The context of example `i` (panics past the end).
    pub fn row(&self, i: usize) -> &[u32] {
        assert!(i < self.len(), "example {i} of {}", self.len());
        &self.contexts[i * self.width..(i + 1) * self.width]
    }

    /// The token example `i` predicts (panics past the end).
    pub fn target(&self, i: usize) -> u32 {
        self.targets[i]
    }

    /// All contexts, row-major (`len() · width()` ids).
    pub fn contexts(&self) -> &[u32] {
        &self.contexts
    }

    /// All targets, one per row.
    pub fn targets(&self) -> &[u32] {
        &self.targets
    }
}

/// The one-sided context of position `i` (`0 ..= tokens.len()`): the `n`
/// tokens before it, oldest first, padded at the start.
pub fn left_at(tokens: &[u32], i: usize, n: usize, pad: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(n);
    push_left(&mut out, tokens, i, n, pad);
    out
}

/// The two-sided context of position `i`: `n` tokens before it and `n`
/// after, in text order, padded at both ends; the token at `i` is left out.
pub fn both_at(tokens: &[u32], i: usize, n: usize, pad: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(2 * n);
    push_both(&mut out, tokens, i, n, pad);
    out
}

/// The context for generating after a prompt: its last `n` tokens, padded
/// at the start, and how many pads that took (for the page to say "padded").
pub fn prompt_context(tokens: &[u32], n: usize, pad: u32) -> (Vec<u32>, usize) {
    (
        left_at(tokens, tokens.len(), n, pad),
        n.saturating_sub(tokens.len()),
    )
}

fn push_left(out: &mut Vec<u32>, tokens: &[u32], i: usize, n: usize, pad: u32) {
    let i = i.min(tokens.len());
    let pads = n.saturating_sub(i);
    out.extend(std::iter::repeat_n(pad, pads));
    out.extend_from_slice(&tokens[i + pads - n..i]);
}

fn push_both(out: &mut Vec<u32>, tokens: &[u32], i: usize, n: usize, pad: u32) {
    push_left(out, tokens, i, n, pad);
    let start = (i + 1).min(tokens.len());
    let end = (i + 1 + n).min(tokens.len());
    out.extend_from_slice(&tokens[start..end]);
    out.extend(std::iter::repeat_n(pad, n - (end - start)));
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: u32 = 9;

    #[test]
    fn left_windows_of_a_small_example() {
        let w = Windows::left(&[0, 1, 2, 3], 2, P);
        assert_eq!((w.len(), w.width()), (4, 2));
        assert_eq!(w.contexts(), &[P, P, P, 0, 0, 1, 1, 2]);
        assert_eq!(w.targets(), &[0, 1, 2, 3]);
        assert_eq!(w.row(2), &[0, 1]);
        assert_eq!(w.target(3), 3);
    }

    #[test]
    fn two_sided_windows_of_a_small_example() {
        let w = Windows::both_sides(&[0, 1, 2, 3], 2, P);
        assert_eq!((w.len(), w.width()), (4, 4));
        assert_eq!(w.row(0), &[P, P, 1, 2]);
        assert_eq!(w.row(1), &[P, 0, 2, 3]);
        assert_eq!(w.row(2), &[0, 1, 3, P]);
        assert_eq!(w.row(3), &[1, 2, P, P]);
        assert_eq!(w.targets(), &[0, 1, 2, 3]);
    }

    #[test]
    fn contexts_longer_than_the_text_are_all_padding_around_it() {
        let w = Windows::left(&[5, 6], 4, P);
        assert_eq!(w.row(1), &[P, P, P, 5]);
        let w = Windows::both_sides(&[5, 6], 3, P);
        assert_eq!(w.row(0), &[P, P, P, 6, P, P]);
        assert_eq!(w.row(1), &[P, P, 5, P, P, P]);
    }

    #[test]
    fn counts_and_padding_add_up() {
        let tokens: Vec<u32> = (0..50).map(|i| i % 7).collect();
        for n in 0..6 {
            let l = Windows::left(&tokens, n, P);
            let b = Windows::both_sides(&tokens, n, P);
            assert_eq!((l.len(), l.contexts().len()), (50, 50 * n));
            assert_eq!((b.len(), b.contexts().len()), (50, 100 * n));
            // Pads: n + (n−1) + … + 1 at the start, the same again at the end.
            let tri = n * (n + 1) / 2;
            let pads = |w: &Windows| w.contexts().iter().filter(|&&t| t == P).count();
            assert_eq!(pads(&l), tri);
            assert_eq!(pads(&b), 2 * tri);
            for i in 0..50 {
                assert_eq!(l.row(i), left_at(&tokens, i, n, P).as_slice());
                assert_eq!(b.row(i), both_at(&tokens, i, n, P).as_slice());
                assert_eq!(&b.row(i)[..n], l.row(i), "the left half is the GPT context");
            }
        }
    }

    #[test]
    fn empty_text_and_zero_context() {
        assert!(Windows::left(&[], 3, P).is_empty());
        let w = Windows::left(&[1, 2], 0, P);
        assert_eq!((w.len(), w.width(), w.row(1)), (2, 0, &[][..]));
    }

    #[test]
    fn prompt_context_pads_short_prompts() {
        assert_eq!(prompt_context(&[1, 2], 4, P), (vec![P, P, 1, 2], 2));
        assert_eq!(prompt_context(&[1, 2, 3, 4, 5], 3, P), (vec![3, 4, 5], 0));
        assert_eq!(prompt_context(&[], 2, P), (vec![P, P], 2));
        // The prompt's context is the left window just past its end.
        let tokens = [4, 4, 1, 0];
        let w = Windows::left(&[4, 4, 1, 0, 7], 3, P);
        assert_eq!(prompt_context(&tokens, 3, P).0.as_slice(), w.row(4));
    }
}
