//! The next-character model: embeddings, an optional hidden layer and a
//! softmax over the vocabulary.
//!
//! A context of `w` token ids (`w = n` looking left, `2n` on both sides)
//! becomes one input row: each id `t` picks row `t` of the embedding table
//! `E` (`(V + 1) × d`, row V the padding symbol), and the `w` rows are laid
//! side by side, `x = (E_{t₁}, …, E_{t_w})` of width `w·d`. A [`Dense`]
//! stack does the rest:
//!
//! - no hidden layer: `z = W·x + b`;
//! - `h` hidden units: `a = tanh(W₁·x + b₁)`, `z = W₂·a + b₂`;
//!
//! then `p = softmax(z)` over the V characters and `L = −log p_Y`.
//!
//! The parameters, as saved and snapshotted, are `E` first (row by row),
//! then the stack's (layer by layer, `W` row-major then `b`); the model
//! keeps the two parts apart, `E` here and the stack's in the [`Dense`],
//! so an update writes each once and copies nothing. The gradient of `E`
//! comes from the stack's `∂L/∂x`: each position's slice of it is added to
//! the row of that position's token.

use crate::core::activation::Activation;
use crate::core::model::{Dense, Head, Precision, Table};
use crate::core::rng::SeededRng;

use super::context::Windows;

/// Longest context on one side.
pub const MAX_CONTEXT: usize = 8;
/// Largest embedding size.
pub const MAX_EMBED: usize = 32;
/// Most hidden units.
pub const MAX_HIDDEN: usize = 128;
/// Widest input row: `2·MAX_CONTEXT` embeddings of `MAX_EMBED`.
pub const MAX_INPUTS: usize = 2 * MAX_CONTEXT * MAX_EMBED;
/// Rows sent through the engine at a time: a larger batch is summed in
/// chunks of this many, so its buffers stay small.
pub const CHUNK: usize = 512;

/// Which characters a prediction reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sides {
    /// The `n` characters before the one predicted (GPT-style).
    Left,
    /// The `n` before and the `n` after it: a blanked character (BERT-style).
    Both,
}

impl Sides {
    /// Context row width for `n` characters a side: `n` or `2n`.
    pub fn width(self, n: usize) -> usize {
        match self {
            Sides::Left => n,
            Sides::Both => 2 * n,
        }
    }
}

/// The model and its parameters, with the buffers a training step reuses.
#[derive(Clone, Debug)]
pub struct LmModel {
    vocab: usize,
    width: usize,
    embed: usize,
    /// The embeddings `E`, `(V + 1) × d`.
    embeddings: Vec<f64>,
    /// The stack, with the rest of the parameters.
    dense: Dense,
    table: Table,
    dx: Vec<f64>,
    spare: Vec<f64>,
}

impl LmModel {
    /// A model over `vocab` characters (V ≥ 1), contexts of `width` ids,
    /// embeddings of `embed` and `hidden` tanh units (0 = none), initialised
    /// from `seed`: `E ~ N(0, 1)`, the stack's weights `N(0, 1/fan_in)`,
    /// biases 0. Trains in `f32`.
    pub fn new(vocab: usize, width: usize, embed: usize, hidden: usize, seed: u64) -> Self {
        let layers: &[usize] = if hidden == 0 { &[] } else { &[hidden] };
        let mut dense = Dense::new(
            width * embed,
            layers,
            vocab,
            Activation::Tanh,
            Head::Softmax,
        );
        dense.init_random(seed, 1.0);
        dense.set_precision(Precision::F32);
        let mut rng = SeededRng::new(seed, 0xE3B);
        let embeddings: Vec<f64> = (0..(vocab + 1) * embed).map(|_| rng.normal()).collect();
        LmModel {
            vocab,
            width,
            embed,
            embeddings,
            dense,
            table: Table::new(width * embed),
            dx: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Number of characters V (output classes).
    pub fn vocab(&self) -> usize {
        self.vocab
    }

    /// Ids per context row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Embedding size d.
    pub fn embed(&self) -> usize {
        self.embed
    }

    /// The stack after the embeddings.
    pub fn dense(&self) -> &Dense {
        &self.dense
    }

    /// Length of `E` in the parameters: `(V + 1)·d`.
    pub fn embedding_len(&self) -> usize {
        (self.vocab + 1) * self.embed
    }

    /// Number of parameters: `E`'s and the stack's.
    pub fn param_count(&self) -> usize {
        self.embeddings.len() + self.dense.params().len()
    }

    /// The parameters in their saved order, in two parts: `E`, then the stack's.
    pub fn param_parts(&self) -> [&[f64]; 2] {
        [&self.embeddings, self.dense.params()]
    }

    /// Every parameter, `E` then the stack's, in one new buffer.
    pub fn params_vec(&self) -> Vec<f64> {
        self.param_parts().concat()
    }

    /// The embedding table `E`, `(V + 1)` rows of `d`.
    pub fn embeddings(&self) -> &[f64] {
        &self.embeddings
    }

    /// Replaces every parameter (`p` as long as [`LmModel::param_count`],
    /// `E` first).
    pub fn set_params(&mut self, p: &[f64]) {
        let (e, rest) = p.split_at(self.embeddings.len());
        self.embeddings.copy_from_slice(e);
        self.dense.params_mut().copy_from_slice(rest);
    }

    /// One step of plain SGD, `w ← w − η·g`, with `grad` in the saved order;
    /// true when every new parameter is finite and within `limit` (NaN
    /// fails `<=` too). One pass over each part, nothing copied.
    pub fn sgd(&mut self, lr: f64, grad: &[f64], limit: f64) -> bool {
        let (ge, gd) = grad.split_at(self.embeddings.len());
        let mut within = true;
        for (p, g) in [
            (&mut self.embeddings[..], ge),
            (self.dense.params_mut(), gd),
        ] {
            for (w, g) in p.iter_mut().zip(g) {
                *w -= lr * g;
                within &= w.abs() <= limit;
            }
        }
        within
    }

    /// The number type training runs in (`F64` for gradient checks).
    pub fn set_precision(&mut self, precision: Precision) {
        self.dense.set_precision(precision);
    }

    /// The input row `x` of `context` (`width()` ids; an id past V counts
    /// as the pad) into `x` (`width()·d` values).
    pub fn input_row(&self, context: &[u32], x: &mut [f64]) {
        assert_eq!(context.len(), self.width, "context length");
        let (e, d) = (self.embeddings(), self.embed);
        for (slot, &t) in x.chunks_exact_mut(d).zip(context) {
            let t = (t as usize).min(self.vocab);
            slot.copy_from_slice(&e[t * d..(t + 1) * d]);
        }
    }

    /// `p = softmax(z)` for `context` into `out` (V values), in `f64`.
    pub fn probs(&self, context: &[u32], out: &mut [f64]) {
        let mut x = [0.0; MAX_INPUTS];
        let x = &mut x[..self.width * self.embed];
        self.input_row(context, x);
        self.dense.predict(x, out);
    }

    /// [`LmModel::probs`] with the last position's embedding replaced by `e`.
    pub fn probs_with_last(&self, context: &[u32], e: &[f64], out: &mut [f64]) {
        let mut x = [0.0; MAX_INPUTS];
        let x = &mut x[..self.width * self.embed];
        self.input_row(context, x);
        if self.width > 0 {
            x[(self.width - 1) * self.embed..].copy_from_slice(e);
        }
        self.dense.predict(x, out);
    }

    /// Mean loss over the examples `idx` of `windows`, and its gradient with
    /// respect to every parameter into `grad`, by one backward pass of the
    /// stack (its `∂L/∂x` scattered into the rows of `E`). Allocates nothing
    /// once the buffers have grown to the batch.
    pub fn loss_grad(&mut self, windows: &Windows, idx: &[usize], grad: &mut [f64]) -> f64 {
        assert_eq!(grad.len(), self.param_count(), "gradient length");
        let n = idx.len();
        if n <= CHUNK {
            return self.chunk_grad(windows, idx, grad);
        }
        // Large batches: each chunk's mean, weighted by its share of the batch.
        grad.fill(0.0);
        let mut spare = std::mem::take(&mut self.spare);
        spare.resize(grad.len(), 0.0);
        let mut loss = 0.0;
        for chunk in idx.chunks(CHUNK) {
            let share = chunk.len() as f64 / n as f64;
            loss += share * self.chunk_grad(windows, chunk, &mut spare);
            grad.iter_mut()
                .zip(&spare)
                .for_each(|(g, s)| *g += share * s);
        }
        self.spare = spare;
        loss
    }

    /// One chunk's mean loss and gradient into `grad` (overwritten).
    fn chunk_grad(&mut self, windows: &Windows, idx: &[usize], grad: &mut [f64]) -> f64 {
        fill(&mut self.table, &self.embeddings, self.embed, windows, idx);
        let (w, d) = (self.width, self.embed);
        self.dx.resize(idx.len() * w * d, 0.0);
        let (ge, gd) = grad.split_at_mut(self.embedding_len());
        let loss = self
            .dense
            .loss_grad_inputs(self.table.rows(), gd, &mut self.dx);
        ge.fill(0.0);
        for (&i, dx) in idx.iter().zip(self.dx.chunks_exact(w * d)) {
            for (&t, part) in windows.row(i).iter().zip(dx.chunks_exact(d)) {
                let t = (t as usize).min(self.vocab);
                let row = &mut ge[t * d..(t + 1) * d];
                row.iter_mut().zip(part).for_each(|(g, p)| *g += p);
            }
        }
        loss
    }

    /// Mean loss over the examples `idx` of `windows` (0 when there are
    /// none), by the training pass's forward, [`CHUNK`] rows at a time.
    pub fn loss(&mut self, windows: &Windows, idx: &[usize]) -> f64 {
        let mut sum = 0.0;
        for chunk in idx.chunks(CHUNK) {
            fill(
                &mut self.table,
                &self.embeddings,
                self.embed,
                windows,
                chunk,
            );
            sum += self.dense.loss_sum(self.table.rows());
        }
        sum / idx.len().max(1) as f64
    }

    /// Mean loss over every example of `windows` (0 when there are none),
    /// [`CHUNK`] rows at a time through the model's own table.
    pub fn loss_all(&mut self, windows: &Windows) -> f64 {
        let mut table = std::mem::take(&mut self.table);
        let loss = self.loss_all_in(windows, &mut table);
        self.table = table;
        loss
    }

    /// [`LmModel::loss_all`] through `table` (refilled; any width).
    pub fn loss_all_in(&self, windows: &Windows, table: &mut Table) -> f64 {
        let mut idx = [0usize; CHUNK];
        let (mut sum, mut start) = (0.0, 0);
        while start < windows.len() {
            let m = (windows.len() - start).min(CHUNK);
            idx[..m].iter_mut().zip(start..).for_each(|(k, i)| *k = i);
            fill(table, self.embeddings(), self.embed, windows, &idx[..m]);
            sum += self.dense.loss_sum(table.rows());
            start += m;
        }
        sum / windows.len().max(1) as f64
    }
}

/// `table` ← the examples `idx` of `windows` as input rows over the
/// embeddings `e` (rows of `d`; an id past the table counts as the pad, its last row).
fn fill(table: &mut Table, e: &[f64], d: usize, windows: &Windows, idx: &[usize]) {
    table.reset(windows.width() * d);
    let last = e.len() / d - 1;
    for &i in idx {
        table.push_with(f64::from(windows.target(i)), |row| {
            for (slot, &t) in row.chunks_exact_mut(d).zip(windows.row(i)) {
                let t = (t as usize).min(last);
                slot.copy_from_slice(&e[t * d..(t + 1) * d]);
            }
        });
    }
}

crate::json_names!(Sides { Left => "left", Both => "both" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_the_embeddings_then_the_stack() {
        let m = LmModel::new(5, 3, 2, 4, 1);
        assert_eq!(m.embedding_len(), 6 * 2);
        let dense = (3 * 2) * 4 + 4 + 4 * 5 + 5;
        assert_eq!(m.param_count(), 12 + dense);
        let all = m.params_vec();
        assert_eq!(&all[..12], m.embeddings());
        assert_eq!(&all[12..], m.dense().params());
        assert_eq!(m.dense().sizes(), &[6, 4, 5]);
        assert_eq!(LmModel::new(5, 3, 2, 0, 1).dense().sizes(), &[6, 5]);
        assert_eq!((Sides::Left.width(3), Sides::Both.width(3)), (3, 6));
    }

    #[test]
    fn input_rows_lay_the_embeddings_side_by_side() {
        let mut m = LmModel::new(3, 2, 2, 0, 1);
        let p: Vec<f64> = (0..m.param_count()).map(|i| i as f64).collect();
        m.set_params(&p);
        assert_eq!(m.dense().params()[0], 8.0, "the stack follows E");
        assert_eq!(m.params_vec(), p);
        // SGD moves both parts; a parameter past the limit is reported.
        let g = vec![1.0; p.len()];
        assert!(m.sgd(0.5, &g, 1e9));
        assert_eq!(m.params_vec()[0], -0.5);
        assert_eq!(*m.params_vec().last().unwrap(), p.len() as f64 - 1.5);
        assert!(!m.sgd(0.5, &g, 3.0));
        m.set_params(&p);
        let mut x = [0.0; 4];
        m.input_row(&[2, 0], &mut x);
        assert_eq!(x, [4.0, 5.0, 0.0, 1.0]);
        // The pad is row V; an id past it counts as the pad.
        m.input_row(&[3, 9], &mut x);
        assert_eq!(x, [6.0, 7.0, 6.0, 7.0]);
        let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
        m.probs(&[1, 2], &mut a);
        m.probs_with_last(&[1, 0], &[4.0, 5.0], &mut b);
        assert_eq!(a, b);
    }
}
