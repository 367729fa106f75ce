//! The sizes and data budgets a sweep may train, what each run costs, and
//! the checks that refuse a sweep before it starts: one too slow for its
//! time budget, or with a budget the text is too short for.
//!
//! Parameters are counted as Kaplan et al. (2020) count them: without the
//! embedding tables (and without the output layer, which GPT-2 ties to
//! them), so that `N ≈ 12·L·C²`; compute is `C ≈ 6·N·D` for `D` tokens.

use crate::core::analysis::scaling::order_by;
use crate::core::lm::transformer::layout::{Layout, Shape};

/// A transformer's size: blocks, heads and width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Blocks `L`.
    pub blocks: usize,
    /// Heads per block.
    pub heads: usize,
    /// Width `C`.
    pub width: usize,
}

crate::json_struct!(Size {
    blocks,
    heads,
    width
});

/// The sizes a sweep chooses from, smallest first: about 3,300 to 790,000
/// parameters.
pub const SIZES: [Size; 6] = [
    Size {
        blocks: 1,
        heads: 2,
        width: 16,
    },
    Size {
        blocks: 2,
        heads: 2,
        width: 24,
    },
    Size {
        blocks: 2,
        heads: 4,
        width: 40,
    },
    Size {
        blocks: 3,
        heads: 4,
        width: 64,
    },
    Size {
        blocks: 4,
        heads: 4,
        width: 80,
    },
    Size {
        blocks: 4,
        heads: 4,
        width: 128,
    },
];
/// The sizes of the default sweep (the first five: 94× in parameters);
/// the largest is left for Predict, then check.
pub const DEFAULT_SIZES: usize = 5;

/// The data budgets (training tokens) a sweep chooses from.
pub const BUDGETS: [usize; 6] = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000];
/// Budgets in the default sweep: the largest this many that the text fits.
pub const DEFAULT_BUDGETS: usize = 3;

/// Characters every sequence reads (the context `T`).
pub const CONTEXT: usize = 32;
/// Sequences per update.
pub const BATCH: usize = 8;
/// Adam's learning rate for a width of 32 or less; wider models take
/// `η·√(32/C)` (a wide model at the small models' rate overshoots).
pub const LEARNING_RATE: f64 = 3e-3;

/// Longest a sweep may be expected to take, in milliseconds.
pub const MAX_SWEEP_MS: f64 = 15.0 * 60_000.0;
/// Most memory a run may be expected to need, in bytes.
pub const MAX_RUN_BYTES: f64 = 256e6;

/// Floating-point operations a worker does per millisecond, as counted by
/// [`Size::step_flops`] — measured in the page on a 2-core machine
/// (`cargo xtask bench`, row `sweep`); the page corrects it from the
/// runs it has finished.
pub const FLOPS_PER_MS: f64 = 2.0e6;

impl Size {
    /// The shape of this size for `vocab` characters.
    pub fn shape(&self, vocab: usize) -> Shape {
        Shape {
            vocab,
            blocks: self.blocks,
            heads: self.heads,
            width: self.width,
            context: CONTEXT,
        }
    }

    /// Parameters without the embeddings and the output layer (Kaplan's `N`).
    pub fn params(&self) -> usize {
        let l = Layout::new(self.shape(1));
        l.len - l.wte.len() - l.wpe.len() - l.head_w.len() - l.head_b.len()
    }

    /// Every parameter, for `vocab` characters.
    pub fn all_params(&self, vocab: usize) -> usize {
        Layout::new(self.shape(vocab)).len
    }

    /// Adam's learning rate for this width.
    pub fn learning_rate(&self) -> f64 {
        LEARNING_RATE * (32.0 / self.width as f64).sqrt().min(1.0)
    }

    /// Operations of one training step on `vocab` characters: `6·B·T` per
    /// weight that multiplies (the blocks' and the output layer's), and
    /// the attention's `q·k` and weighted sums, forward and backward.
    pub fn step_flops(&self, vocab: usize) -> f64 {
        let tokens = (BATCH * CONTEXT) as f64;
        let weights = (self.params() + vocab * self.width) as f64;
        let attention = (4 * self.blocks * CONTEXT * self.width) as f64;
        6.0 * tokens * weights + 3.0 * tokens * attention
    }

    /// Bytes a run of this size needs: the parameters with Adam's moments
    /// and a gradient, the history's bounded snapshots, and one step's
    /// activations.
    pub fn bytes(&self, vocab: usize) -> f64 {
        let p = self.all_params(vocab) as f64;
        let acts = (BATCH * CONTEXT * self.blocks * self.width * 20
            + BATCH * CONTEXT * (CONTEXT * self.heads + vocab)) as f64;
        8.0 * (4.0 * p) + 24e6 + 4.0 * 2.0 * acts
    }
}

/// Updates a run of `tokens` training tokens takes.
pub fn steps_for(tokens: usize) -> u64 {
    tokens.div_ceil(BATCH * CONTEXT) as u64
}

/// `C ≈ 6·N·D`.
pub fn compute(params: usize, tokens: usize) -> f64 {
    6.0 * params as f64 * tokens as f64
}

/// The default budgets for a text with `train_len` characters to train on:
/// the largest [`DEFAULT_BUDGETS`] of [`BUDGETS`] that fit (fewer when
/// fewer fit).
pub fn default_budgets(train_len: usize) -> Vec<usize> {
    let fit: Vec<usize> = BUDGETS
        .iter()
        .copied()
        .filter(|&b| b <= train_len)
        .collect();
    fit[fit.len().saturating_sub(DEFAULT_BUDGETS)..].to_vec()
}

/// One run of a sweep: a size trained on a budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunSpec {
    /// The model.
    pub size: Size,
    /// Training tokens `D`.
    pub tokens: usize,
    /// Seed of its initial parameters and of the order it reads.
    pub seed: u64,
}

crate::json_struct!(RunSpec { size, tokens, seed });

impl RunSpec {
    /// Expected milliseconds on one worker doing `flops_per_ms`.
    pub fn estimate_ms(&self, vocab: usize, flops_per_ms: f64) -> f64 {
        steps_for(self.tokens) as f64 * self.size.step_flops(vocab) / flops_per_ms
    }
}

/// Why a sweep was refused before it started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SweepError {
    /// No size or no budget chosen.
    Empty,
    /// A budget is longer than the text's training part.
    TextShort {
        /// Characters the largest budget needs (training plus held out).
        needs: usize,
        /// Characters the text has.
        has: usize,
    },
    /// Expected to take longer than [`MAX_SWEEP_MS`].
    TooSlow {
        /// The expected milliseconds.
        ms: f64,
        /// The limit.
        max_ms: f64,
    },
    /// A run would need more than [`MAX_RUN_BYTES`].
    TooBig {
        /// The bytes it would need.
        bytes: f64,
    },
}

/// The runs of a sweep over `sizes` × `budgets` (seed `seed`), largest
/// first, so the workers finish together; refused when a budget does not
/// fit a text of `train_len` training and `heldout_len` held-out
/// characters, or when `workers` doing `flops_per_ms` each would take
/// longer than [`MAX_SWEEP_MS`].
pub fn plan(
    sizes: &[Size],
    budgets: &[usize],
    seed: u64,
    (vocab, train_len, heldout_len): (usize, usize, usize),
    (workers, flops_per_ms): (usize, f64),
) -> Result<Vec<RunSpec>, SweepError> {
    if sizes.is_empty() || budgets.is_empty() {
        return Err(SweepError::Empty);
    }
    let largest = budgets.iter().copied().max().unwrap_or(0);
    if largest > train_len {
        return Err(SweepError::TextShort {
            needs: largest + heldout_len.max(largest / 8),
            has: train_len + heldout_len,
        });
    }
    if let Some(bytes) = sizes
        .iter()
        .map(|s| s.bytes(vocab))
        .find(|&b| b > MAX_RUN_BYTES)
    {
        return Err(SweepError::TooBig { bytes });
    }
    let all: Vec<RunSpec> = sizes
        .iter()
        .flat_map(|&size| {
            budgets
                .iter()
                .map(move |&tokens| RunSpec { size, tokens, seed })
        })
        .collect();
    let cost = |r: &RunSpec| r.estimate_ms(vocab, flops_per_ms);
    let keys: Vec<(f64, f64)> = all.iter().map(|r| (-cost(r), 0.0)).collect();
    let runs: Vec<RunSpec> = order_by(&keys).into_iter().map(|i| all[i]).collect();
    let ms = makespan(&runs.iter().map(cost).collect::<Vec<_>>(), workers);
    if ms > MAX_SWEEP_MS {
        return Err(SweepError::TooSlow {
            ms,
            max_ms: MAX_SWEEP_MS,
        });
    }
    Ok(runs)
}

/// How long `costs` take on `workers` workers, each run going to the first
/// worker free, in the order given.
pub fn makespan(costs: &[f64], workers: usize) -> f64 {
    let mut free = vec![0.0f64; workers.max(1)];
    for &c in costs {
        let first = free
            .iter_mut()
            .min_by(|a, b| a.total_cmp(b))
            .expect("a worker");
        *first += c;
    }
    free.into_iter().fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_spans_more_than_thirty_times() {
        let p: Vec<usize> = SIZES.iter().map(Size::params).collect();
        assert!(p.windows(2).all(|w| w[0] < w[1]), "{p:?}");
        assert!(p[0] > 2_000 && p[0] < 5_000, "{p:?}");
        assert!(p[DEFAULT_SIZES - 1] as f64 / p[0] as f64 > 30.0);
        // Kaplan's count: about 12·L·C² for a wide model.
        let big = SIZES[5];
        let approx = 12 * big.blocks * big.width * big.width;
        assert!((p[5] as f64 / approx as f64 - 1.0).abs() < 0.05);
    }

    #[test]
    fn default_budgets_fit_the_text() {
        assert_eq!(default_budgets(197_000), vec![40_000, 80_000, 160_000]);
        assert_eq!(default_budgets(34_000), vec![5_000, 10_000, 20_000]);
        assert_eq!(default_budgets(9_000), vec![5_000]);
        assert!(default_budgets(100).is_empty());
    }

    #[test]
    fn a_plan_is_every_pair_largest_first() {
        let runs = plan(
            &SIZES[..2],
            &[5_000, 10_000],
            7,
            (60, 20_000, 2_000),
            (2, FLOPS_PER_MS),
        )
        .unwrap();
        assert_eq!(runs.len(), 4);
        assert_eq!(runs[0].size, SIZES[1]);
        assert_eq!(runs[0].tokens, 10_000);
        assert!(runs.iter().all(|r| r.seed == 7));
    }

    #[test]
    fn bad_sweeps_are_refused_with_their_numbers() {
        let text = (60, 20_000, 2_000);
        assert_eq!(
            plan(&[], &[5_000], 1, text, (2, FLOPS_PER_MS)),
            Err(SweepError::Empty)
        );
        assert_eq!(
            plan(&SIZES[..1], &[40_000], 1, text, (2, FLOPS_PER_MS)),
            Err(SweepError::TextShort {
                needs: 45_000,
                has: 22_000
            })
        );
        let huge = (60, 1_000_000, 8_000);
        match plan(&SIZES, &BUDGETS, 1, huge, (1, FLOPS_PER_MS)) {
            Err(SweepError::TooSlow { ms, max_ms }) => assert!(ms > max_ms),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn makespan_shares_runs_between_workers() {
        assert_eq!(makespan(&[3.0, 2.0, 2.0, 1.0], 2), 4.0);
        assert_eq!(makespan(&[3.0, 2.0], 1), 5.0);
    }
}
