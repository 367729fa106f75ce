//! A tiny transformer over characters, built from the layers of
//! [`crate::core::nn`]: token and position embeddings, 1–4 pre-norm blocks
//! (multi-head self-attention, a 4× GELU MLP, each with a residual
//! connection), a final layer norm and a softmax over the next character
//! (a causal decoder, GPT) or over hidden characters (a masked encoder,
//! BERT).
//!
//! The parameters are `f64` (as saved, snapshotted and shown); a pass runs
//! in `f32` (four tokens per SIMD instruction) or, for the checks, `f64`.

pub mod layout;
pub mod learner;
pub mod pass;

use std::cell::RefCell;

use crate::core::nn::embed::PAD;
use crate::core::nn::real::Real;
use crate::core::nn::xent::UNSCORED;
use crate::core::nn::{at, padded, TILE};
use crate::core::rng::SeededRng;
pub use layout::{Layout, Shape, ShapeError};
use pass::Pass;

/// The standard deviation of the initial weights (GPT-2's).
pub const INIT_STD: f64 = 0.02;

/// A transformer and its parameters, with the buffers a training pass reuses.
#[derive(Clone, Debug)]
pub struct Transformer {
    layout: Layout,
    params: Vec<f64>,
    pass: Pass<f32>,
    /// The buffers of single-sequence passes (probabilities, attention).
    probe: RefCell<Pass<f32>>,
    ids: Vec<u32>,
    targets: Vec<u32>,
}

/// What a transformer reads and is scored on: `batch` sequences of `len`
/// tokens each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Sequences.
    pub batch: usize,
    /// Tokens per sequence.
    pub len: usize,
    /// Every sequence's ids, one after another (`batch·len`).
    pub ids: Vec<u32>,
    /// The target of every token, [`UNSCORED`](crate::core::nn::xent::UNSCORED) where none.
    pub targets: Vec<u32>,
}

impl Transformer {
    /// A transformer of `shape` (checked first) initialised from `seed` as
    /// GPT-2 is: every matrix and embedding from `N(0, 0.02²)`, the
    /// projections into the residual stream (`W_o`, `W₂`) scaled by
    /// `1/√(2L)`, biases 0, layer norms' `γ = 1`, `β = 0`.
    pub fn new(shape: Shape, seed: u64) -> Result<Self, ShapeError> {
        shape.check()?;
        let layout = Layout::new(shape);
        let mut params = vec![0.0; layout.len];
        let mut rng = SeededRng::new(seed, 0x7F0);
        let residual = INIT_STD / (2.0 * shape.blocks as f64).sqrt();
        let mut fill = |r: std::ops::Range<usize>, std: f64| {
            for w in &mut params[r] {
                *w = std * rng.normal();
            }
        };
        fill(layout.wte.clone(), INIT_STD);
        fill(layout.wpe.clone(), INIT_STD);
        for b in &layout.blocks {
            fill(b.qkv_w.clone(), INIT_STD);
            fill(b.proj_w.clone(), residual);
            fill(b.fc_w.clone(), INIT_STD);
            fill(b.out_w.clone(), residual);
        }
        fill(layout.head_w.clone(), INIT_STD);
        for g in layout.gains() {
            params[g].fill(1.0);
        }
        Ok(Transformer {
            layout,
            params,
            pass: Pass::default(),
            probe: RefCell::default(),
            ids: Vec::new(),
            targets: Vec::new(),
        })
    }

    /// The shape.
    pub fn shape(&self) -> &Shape {
        &self.layout.shape
    }

    /// Where every parameter sits.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The parameters.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// The parameters, writable.
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// The token embeddings `E`: `V + 1` rows of `C` (the last: the mask token).
    pub fn embeddings(&self) -> &[f64] {
        &self.params[self.layout.wte.clone()]
    }

    /// Mean loss over the scored tokens of `batch` and, with `grad`, its
    /// gradient into it; in `f32`. Also the tokens scored and those scored right.
    pub fn loss_grad(&mut self, batch: &Batch, causal: bool, grad: Option<&mut [f64]>) -> Scored {
        let mut pass = std::mem::take(&mut self.pass);
        let s = self.run(&mut pass, batch, causal, grad);
        self.pass = pass;
        s
    }

    /// [`Transformer::loss_grad`] in `f64`, for the checks.
    pub fn loss_grad_f64(
        &mut self,
        batch: &Batch,
        causal: bool,
        grad: Option<&mut [f64]>,
    ) -> Scored {
        self.run(&mut Pass::<f64>::default(), batch, causal, grad)
    }

    /// Runs the forward pass over one sequence `ids` (at most the context
    /// length) and hands the pass to `f`.
    fn probe<R>(&self, ids: &[u32], causal: bool, f: impl FnOnce(&Pass<f32>) -> R) -> R {
        assert!(
            !ids.is_empty() && ids.len() <= self.layout.shape.context,
            "a sequence of 1 to {} ids",
            self.layout.shape.context
        );
        let slots = padded(ids.len());
        let mut laid = Vec::with_capacity(slots);
        lay_out(ids, ids.len(), slots, PAD, &mut laid);
        let mut pass = self.probe.borrow_mut();
        pass.forward(&self.layout, &self.params, &laid, 1, ids.len(), causal);
        f(&pass)
    }

    /// `p = softmax(z)` at position `pos` of the sequence `ids` into `out`
    /// (V values), the model reading `ids` causally or not.
    pub fn probs_at(&self, ids: &[u32], pos: usize, causal: bool, out: &mut [f64]) {
        let v = self.layout.shape.vocab;
        self.probe(ids, causal, |pass| {
            let (tile, lane) = at(pos, 0, v);
            let z = &pass.logits[tile..tile + v];
            let max = z
                .iter()
                .fold(f64::NEG_INFINITY, |m, t| m.max(t[lane].f64()));
            let mut sum = 0.0;
            for (o, t) in out.iter_mut().zip(z) {
                *o = (t[lane].f64() - max).exp();
                sum += *o;
            }
            out.iter_mut().for_each(|o| *o /= sum);
        });
    }

    /// Every block's and head's attention over the sequence `ids`, with
    /// the stages before the softmax.
    pub fn attention(&self, ids: &[u32], causal: bool) -> Attention {
        let (shape, n) = (self.layout.shape, ids.len());
        let (c, hd) = (shape.width, shape.head_width());
        let scale = 1.0 / (hd as f64).sqrt();
        self.probe(ids, causal, |pass| {
            let mut scores = Vec::with_capacity(shape.blocks * shape.heads * n * n);
            let mut weights = Vec::with_capacity(scores.capacity());
            let nt = pass.slots / TILE;
            for b in &pass.blocks {
                for h in 0..shape.heads {
                    let p = &b.att[h * pass.slots * nt..];
                    for t in 0..n {
                        for u in 0..n {
                            let dot: f64 = (0..hd)
                                .map(|d| {
                                    let (qt, ql) = at(t, h * hd + d, 3 * c);
                                    let (kt, kl) = at(u, c + h * hd + d, 3 * c);
                                    b.qkv[qt][ql].f64() * b.qkv[kt][kl].f64()
                                })
                                .sum();
                            scores.push(dot);
                            weights.push(p[u * nt + t / TILE][t % TILE].f64());
                        }
                    }
                }
            }
            Attention {
                len: n,
                blocks: shape.blocks,
                heads: shape.heads,
                scale,
                causal,
                scores,
                weights,
            }
        })
    }

    fn run<T: Real>(
        &mut self,
        pass: &mut Pass<T>,
        batch: &Batch,
        causal: bool,
        grad: Option<&mut [f64]>,
    ) -> Scored {
        let slots = padded(batch.len);
        lay_out(&batch.ids, batch.len, slots, PAD, &mut self.ids);
        lay_out(
            &batch.targets,
            batch.len,
            slots,
            UNSCORED,
            &mut self.targets,
        );
        pass.forward(
            &self.layout,
            &self.params,
            &self.ids,
            batch.batch,
            batch.len,
            causal,
        );
        let (loss, hits) = pass.loss(&self.layout, &self.ids, &self.targets, causal, grad);
        let tokens = batch.targets.iter().filter(|&&t| t != UNSCORED).count();
        Scored {
            loss: loss / tokens.max(1) as f64,
            tokens,
            hits,
        }
    }
}

/// A sequence's attention in every block and head: for each, a `T × T`
/// grid (row: the token asking, column: the token looked at) of the scores
/// `q·k` and of the weights `softmax(mask(q·k/√d))`.
#[derive(Clone, Debug, PartialEq)]
pub struct Attention {
    /// Tokens `T`.
    pub len: usize,
    /// Blocks.
    pub blocks: usize,
    /// Heads per block.
    pub heads: usize,
    /// `1/√d`.
    pub scale: f64,
    /// True when a token sees only itself and the ones before it.
    pub causal: bool,
    /// `q·k`, block by block, head by head, row by row.
    pub scores: Vec<f64>,
    /// The softmax weights, laid out as `scores`; exactly 0 where masked.
    pub weights: Vec<f64>,
}

impl Attention {
    /// Where the grid of `block`, `head` starts.
    fn start(&self, block: usize, head: usize) -> usize {
        (block * self.heads + head) * self.len * self.len
    }

    /// Row `t` (the token asking) of the scores `q·k` of `block`, `head`.
    pub fn scores_row(&self, block: usize, head: usize, t: usize) -> &[f64] {
        &self.scores[self.start(block, head) + t * self.len..][..self.len]
    }

    /// Row `t` of the weights of `block`, `head` (sums to 1).
    pub fn weights_row(&self, block: usize, head: usize, t: usize) -> &[f64] {
        &self.weights[self.start(block, head) + t * self.len..][..self.len]
    }

    /// True when token `t` may not look at token `u`.
    pub fn masked(&self, t: usize, u: usize) -> bool {
        self.causal && u > t
    }
}

/// A batch's mean loss and how many tokens were scored, and scored right.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scored {
    /// Mean cross-entropy over the scored tokens (nats).
    pub loss: f64,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose most likely character was the target.
    pub hits: usize,
}

/// `rows` of `len` values laid out in rows of `slots`, the rest `fill`, into `out`.
fn lay_out(rows: &[u32], len: usize, slots: usize, fill: u32, out: &mut Vec<u32>) {
    out.clear();
    for row in rows.chunks_exact(len) {
        out.extend_from_slice(row);
        out.extend(std::iter::repeat_n(fill, slots - len));
    }
}
