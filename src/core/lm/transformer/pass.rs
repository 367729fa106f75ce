//! One pass of a transformer over a batch of sequences: the forward pass
//! with every activation kept, and the backward pass from the loss to
//! every parameter, layer by layer as llm.c's `gpt2_forward` and
//! `gpt2_backward` write them (pre-norm blocks, a 4× GELU MLP):
//!
//! ```text
//! x₀ = E[id] + P[t]
//! per block:  a = attention(LN₁(x)·W_qkvᵀ + b_qkv)·W_oᵀ + b_o,  x ← x + a
//!             m = GELU(LN₂(x)·W₁ᵀ + b₁)·W₂ᵀ + b₂,              x ← x + m
//! z = LN_f(x)·W_outᵀ + b_out,   L = mean over scored tokens of −log softmax(z)_Y
//! ```

use super::layout::{Block, Layout};
use crate::core::nn::attention::{self, Heads};
use crate::core::nn::real::{Lanes, Real};
use crate::core::nn::{act, embed, linear, norm, residual, xent, Tile, TILE};

/// One block's activations.
#[derive(Clone, Debug, Default)]
pub struct BlockActs<T> {
    /// `LN₁(x)` and its means and `1/σ`.
    pub ln1: Vec<Tile<T>>,
    ln1_mean: Vec<Tile<T>>,
    ln1_rstd: Vec<Tile<T>>,
    /// `q`, `k`, `v` of every token.
    pub qkv: Vec<Tile<T>>,
    /// Attention weights of every sequence and head.
    pub att: Vec<Tile<T>>,
    /// The heads' outputs side by side.
    atty: Vec<Tile<T>>,
    /// The attention's output projection.
    proj: Vec<Tile<T>>,
    /// The residual stream after the attention.
    mid: Vec<Tile<T>>,
    ln2: Vec<Tile<T>>,
    ln2_mean: Vec<Tile<T>>,
    ln2_rstd: Vec<Tile<T>>,
    /// The MLP's hidden layer before and after GELU.
    fc: Vec<Tile<T>>,
    gelu: Vec<Tile<T>>,
    /// The MLP's output.
    mlp: Vec<Tile<T>>,
    /// The residual stream after the block.
    pub out: Vec<Tile<T>>,
}

/// The buffers of a pass: every activation, the parameters in `T`, their
/// gradient's per-lane sums, and the backward pass's spare buffers.
#[derive(Clone, Debug, Default)]
pub struct Pass<T> {
    /// Sequences in the batch.
    pub batch: usize,
    /// Tokens per sequence.
    pub len: usize,
    /// Slots per sequence (`len` padded to whole tiles).
    pub slots: usize,
    params: Vec<T>,
    /// The embeddings `x₀`.
    pub x0: Vec<Tile<T>>,
    /// Every block's activations.
    pub blocks: Vec<BlockActs<T>>,
    lnf: Vec<Tile<T>>,
    lnf_mean: Vec<Tile<T>>,
    lnf_rstd: Vec<Tile<T>>,
    /// The output scores `z` of every token (`V` each).
    pub logits: Vec<Tile<T>>,
    grad: Vec<Lanes<T>>,
    dx: Vec<Tile<T>>,
    d_small: Vec<Tile<T>>,
    d_qkv: Vec<Tile<T>>,
    d_wide: Vec<Tile<T>>,
    d_wide2: Vec<Tile<T>>,
    d_att: Vec<Tile<T>>,
}

/// `v` resized to `n` zeros (allocating only when it grows).
fn zeroed<T: Real>(v: &mut Vec<Tile<T>>, n: usize) {
    v.clear();
    v.resize(n, [T::default(); TILE]);
}

/// `v` resized to `n` values (contents left for the pass to overwrite).
fn sized<T: Real>(v: &mut Vec<Tile<T>>, n: usize) {
    v.resize(n, [T::default(); TILE]);
}

impl<T: Real> Pass<T> {
    /// Fits the buffers to `batch` sequences of `len` tokens of `layout`.
    fn fit(&mut self, layout: &Layout, batch: usize, len: usize) {
        let c = layout.shape.width;
        let slots = crate::core::nn::padded(len);
        (self.batch, self.len, self.slots) = (batch, len, slots);
        let tiles = batch * slots / TILE;
        let heads = self.heads(layout);
        let att = batch * layout.shape.heads * heads.weights_per_head();
        sized(&mut self.x0, tiles * c);
        self.blocks
            .resize_with(layout.blocks.len(), BlockActs::default);
        for b in &mut self.blocks {
            for v in [
                &mut b.ln1,
                &mut b.atty,
                &mut b.proj,
                &mut b.mid,
                &mut b.ln2,
                &mut b.mlp,
                &mut b.out,
            ] {
                sized(v, tiles * c);
            }
            for v in [
                &mut b.ln1_mean,
                &mut b.ln1_rstd,
                &mut b.ln2_mean,
                &mut b.ln2_rstd,
            ] {
                sized(v, tiles);
            }
            sized(&mut b.qkv, tiles * 3 * c);
            sized(&mut b.fc, tiles * 4 * c);
            sized(&mut b.gelu, tiles * 4 * c);
            sized(&mut b.att, att);
        }
        sized(&mut self.lnf, tiles * c);
        sized(&mut self.lnf_mean, tiles);
        sized(&mut self.lnf_rstd, tiles);
        sized(&mut self.logits, tiles * layout.shape.vocab);
    }

    /// The attention layers' shape for this batch.
    pub fn heads(&self, layout: &Layout) -> Heads {
        Heads {
            heads: layout.shape.heads,
            width: layout.shape.width,
            len: self.len,
            slots: self.slots,
            causal: true,
        }
    }

    /// The forward pass of `batch` sequences of `len` tokens (`ids`: `batch`
    /// rows of `slots` ids, [`embed::PAD`] in padding) with `params`,
    /// `causal` or not: every activation and the scores.
    #[allow(clippy::too_many_arguments)]
    pub fn forward(
        &mut self,
        layout: &Layout,
        params: &[f64],
        ids: &[u32],
        batch: usize,
        len: usize,
        causal: bool,
    ) {
        self.fit(layout, batch, len);
        self.params.clear();
        self.params.extend(params.iter().map(|&p| T::of(p)));
        let p = &self.params[..];
        let c = layout.shape.width;
        let heads = Heads {
            causal,
            ..self.heads(layout)
        };
        embed::forward(
            &mut self.x0,
            ids,
            self.slots,
            &p[layout.wte.clone()],
            &p[layout.wpe.clone()],
            c,
        );
        // Blocks in order: each reads the previous one's output.
        for l in 0..layout.blocks.len() {
            let (before, rest) = self.blocks.split_at_mut(l);
            let x = if l == 0 {
                &self.x0[..]
            } else {
                &before[l - 1].out[..]
            };
            block_forward(&layout.blocks[l], p, x, &mut rest[0], &heads);
        }
        let last = self.blocks.last().map_or(&self.x0[..], |b| &b.out[..]);
        norm::forward(
            &mut self.lnf,
            &mut self.lnf_mean,
            &mut self.lnf_rstd,
            last,
            &p[layout.lnf_g.clone()],
            &p[layout.lnf_b.clone()],
        );
        linear::forward_tiles(
            &p[layout.head_w.clone()],
            &p[layout.head_b.clone()],
            &self.lnf,
            &mut self.logits,
        );
    }

    /// The summed loss over the scored tokens (`targets`: one per slot,
    /// [`xent::UNSCORED`] to skip) of the last forward pass, the number of
    /// them scored right, and, with `grad`, the gradient of the mean loss
    /// over the scored tokens with respect to every parameter into it (the
    /// backward pass; `ids` as given to the forward pass).
    pub fn loss(
        &mut self,
        layout: &Layout,
        ids: &[u32],
        targets: &[u32],
        causal: bool,
        grad: Option<&mut [f64]>,
    ) -> (f64, usize) {
        let v = layout.shape.vocab;
        let scored = targets.iter().filter(|&&t| t != xent::UNSCORED).count();
        let Some(grad) = grad else {
            let mut spare = vec![[T::default(); TILE]; v];
            return xent::forward_backward(&self.logits, targets, v, None, &mut spare);
        };
        let c = layout.shape.width;
        let tiles = self.batch * self.slots / TILE;
        // ∂L/∂z, then back through the output layer and the final norm.
        zeroed(&mut self.d_wide, tiles * v);
        let scale = T::of(1.0 / scored.max(1) as f64);
        let mut spare = Vec::new();
        let totals = xent::forward_backward(
            &self.logits,
            targets,
            v,
            Some((&mut self.d_wide, scale)),
            &mut spare,
        );
        let heads = Heads {
            causal,
            ..self.heads(layout)
        };
        self.grad.clear();
        self.grad.resize(layout.len, [T::default(); 4]);
        let p = &self.params[..];
        let g = &mut self.grad[..];
        zeroed(&mut self.d_small, tiles * c);
        {
            let (gw, gb) = two(g, &layout.head_w, &layout.head_b);
            linear::backward_tiles(
                gw,
                gb,
                Some(&mut self.d_small),
                &self.d_wide,
                &self.lnf,
                &p[layout.head_w.clone()],
            );
        }
        zeroed(&mut self.dx, tiles * c);
        let last = match self.blocks.last() {
            Some(b) => &b.out[..],
            None => &self.x0[..],
        };
        {
            let (gg, gb) = two(g, &layout.lnf_g, &layout.lnf_b);
            norm::backward(
                &mut self.dx,
                gg,
                gb,
                &self.d_small,
                last,
                &p[layout.lnf_g.clone()],
                &self.lnf_mean,
                &self.lnf_rstd,
            );
        }
        for l in (0..layout.blocks.len()).rev() {
            let x = if l == 0 {
                &self.x0[..]
            } else {
                &self.blocks[l - 1].out[..]
            };
            let bufs = Spare {
                small: &mut self.d_small,
                qkv: &mut self.d_qkv,
                wide: &mut self.d_wide,
                wide2: &mut self.d_wide2,
                att: &mut self.d_att,
            };
            block_backward(
                &layout.blocks[l],
                p,
                g,
                x,
                &self.blocks[l],
                &mut self.dx,
                bufs,
                &heads,
            );
        }
        {
            let (ge, gp) = two(g, &layout.wte, &layout.wpe);
            embed::backward(ge, gp, &self.dx, ids, self.slots, c);
        }
        T::sum_lanes(&self.grad, 1.0, grad);
        totals
    }
}

/// Two disjoint ranges of the gradient sums, the first before the second.
fn two<'g, T>(
    g: &'g mut [Lanes<T>],
    a: &std::ops::Range<usize>,
    b: &std::ops::Range<usize>,
) -> (&'g mut [Lanes<T>], &'g mut [Lanes<T>]) {
    debug_assert!(a.end <= b.start);
    let (first, second) = g.split_at_mut(b.start);
    (&mut first[a.clone()], &mut second[..b.len()])
}

/// The backward pass's spare buffers, reused block after block.
struct Spare<'a, T> {
    small: &'a mut Vec<Tile<T>>,
    qkv: &'a mut Vec<Tile<T>>,
    wide: &'a mut Vec<Tile<T>>,
    wide2: &'a mut Vec<Tile<T>>,
    att: &'a mut Vec<Tile<T>>,
}

/// One block's backward pass: `dx` holds `∂L/∂` the block's output on
/// entry and `∂L/∂` its input `x` on return; the parameters' gradient sums
/// are added into `g`.
#[allow(clippy::too_many_arguments)]
fn block_backward<T: Real>(
    b: &Block,
    p: &[T],
    g: &mut [Lanes<T>],
    x: &[Tile<T>],
    a: &BlockActs<T>,
    dx: &mut [Tile<T>],
    s: Spare<'_, T>,
    heads: &Heads,
) {
    let (n_small, n_wide) = (dx.len(), a.fc.len());
    // The MLP: out = mid + GELU(LN₂(mid)·W₁ᵀ + b₁)·W₂ᵀ + b₂; dx is ∂L/∂mlp too.
    zeroed(s.wide, n_wide);
    let (gw, gb) = two(g, &b.out_w, &b.out_b);
    linear::backward_tiles(gw, gb, Some(s.wide), dx, &a.gelu, &p[b.out_w.clone()]);
    zeroed(s.wide2, n_wide);
    act::gelu_backward(s.wide2, &a.fc, s.wide);
    zeroed(s.small, n_small);
    let (gw, gb) = two(g, &b.fc_w, &b.fc_b);
    linear::backward_tiles(gw, gb, Some(s.small), s.wide2, &a.ln2, &p[b.fc_w.clone()]);
    let (gg, gb) = two(g, &b.ln2_g, &b.ln2_b);
    norm::backward(
        dx,
        gg,
        gb,
        s.small,
        &a.mid,
        &p[b.ln2_g.clone()],
        &a.ln2_mean,
        &a.ln2_rstd,
    );
    // dx is now ∂L/∂mid: the attention's branch gets it as is.
    zeroed(s.small, n_small);
    let (gw, gb) = two(g, &b.proj_w, &b.proj_b);
    linear::backward_tiles(gw, gb, Some(s.small), dx, &a.atty, &p[b.proj_w.clone()]);
    zeroed(s.qkv, a.qkv.len());
    if s.att.len() < heads.weights_per_head() {
        zeroed(s.att, heads.weights_per_head());
    }
    attention::backward(s.qkv, s.att, s.small, &a.qkv, &a.att, heads);
    zeroed(s.small, n_small);
    let (gw, gb) = two(g, &b.qkv_w, &b.qkv_b);
    linear::backward_tiles(gw, gb, Some(s.small), s.qkv, &a.ln1, &p[b.qkv_w.clone()]);
    let (gg, gb) = two(g, &b.ln1_g, &b.ln1_b);
    norm::backward(
        dx,
        gg,
        gb,
        s.small,
        x,
        &p[b.ln1_g.clone()],
        &a.ln1_mean,
        &a.ln1_rstd,
    );
}

/// One block's forward pass from the residual stream `x`.
fn block_forward<T: Real>(b: &Block, p: &[T], x: &[Tile<T>], a: &mut BlockActs<T>, heads: &Heads) {
    norm::forward(
        &mut a.ln1,
        &mut a.ln1_mean,
        &mut a.ln1_rstd,
        x,
        &p[b.ln1_g.clone()],
        &p[b.ln1_b.clone()],
    );
    linear::forward_tiles(&p[b.qkv_w.clone()], &p[b.qkv_b.clone()], &a.ln1, &mut a.qkv);
    attention::forward(&mut a.atty, &mut a.att, &a.qkv, heads);
    linear::forward_tiles(
        &p[b.proj_w.clone()],
        &p[b.proj_b.clone()],
        &a.atty,
        &mut a.proj,
    );
    residual::forward(&mut a.mid, x, &a.proj);
    norm::forward(
        &mut a.ln2,
        &mut a.ln2_mean,
        &mut a.ln2_rstd,
        &a.mid,
        &p[b.ln2_g.clone()],
        &p[b.ln2_b.clone()],
    );
    linear::forward_tiles(&p[b.fc_w.clone()], &p[b.fc_b.clone()], &a.ln2, &mut a.fc);
    act::gelu_forward(&a.fc, &mut a.gelu);
    linear::forward_tiles(
        &p[b.out_w.clone()],
        &p[b.out_b.clone()],
        &a.gelu,
        &mut a.mlp,
    );
    residual::forward(&mut a.out, &a.mid, &a.mlp);
}
