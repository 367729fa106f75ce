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
pub mod pass;

use crate::core::nn::embed::PAD;
use crate::core::nn::padded;
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

    fn run<T: crate::core::nn::real::Real>(
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
            crate::core::nn::xent::UNSCORED,
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
        let tokens = batch
            .targets
            .iter()
            .filter(|&&t| t != crate::core::nn::xent::UNSCORED)
            .count();
        Scored {
            loss: loss / tokens.max(1) as f64,
            tokens,
            hits,
        }
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
