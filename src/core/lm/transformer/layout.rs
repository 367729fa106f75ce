//! Where each parameter of a transformer sits in its flat buffer, and the
//! shape it has: token embeddings `E` (`(V + 1) × C`, row V the mask
//! token), position embeddings `P` (`T × C`), then block by block layer
//! norm 1 (`γ`, `β`), the attention's `W_qkv` (`3C × C`) and `b_qkv`, its
//! output projection `W_o` (`C × C`) and `b_o`, layer norm 2, the MLP's
//! `W_1` (`4C × C`), `b_1`, `W_2` (`C × 4C`), `b_2`; then the final layer
//! norm and the output layer `W_out` (`V × C`), `b_out`. Matrices are
//! row-major, a row per output unit.

use std::ops::Range;

/// Largest number of blocks.
pub const MAX_BLOCKS: usize = 4;
/// Largest number of heads.
pub const MAX_HEADS: usize = 4;
/// Smallest width `C`.
pub const MIN_WIDTH: usize = 8;
/// Largest width `C`.
pub const MAX_WIDTH: usize = 128;
/// Longest context `T` (the paradigms lab's few-shot prompts need 128).
pub const MAX_CONTEXT: usize = 128;
/// Longest context the language lab's knob offers (its input and saved
/// sessions keep to it); a model built in code may take up to [`MAX_CONTEXT`].
pub const MAX_KNOB_CONTEXT: usize = 64;
/// Shortest context `T`.
pub const MIN_CONTEXT: usize = 2;

/// The architecture of a transformer (no parameters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Characters `V` (output classes).
    pub vocab: usize,
    /// Blocks `L` (1–4).
    pub blocks: usize,
    /// Heads `H` per attention layer (1–4).
    pub heads: usize,
    /// Width `C` of every token's vector (8–128, a multiple of `H`).
    pub width: usize,
    /// Context length `T`: tokens per sequence (2–128).
    pub context: usize,
}

/// Which part of the shape is out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// Blocks outside 1–4.
    Blocks,
    /// Heads outside 1–4.
    Heads,
    /// Width outside 8–128.
    Width,
    /// Width not a multiple of the heads.
    WidthHeads,
    /// Context outside 2–128.
    Context,
    /// No characters.
    Vocab,
}

/// One block's parameters, as ranges of the flat buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Layer norm 1's `γ`.
    pub ln1_g: Range<usize>,
    /// Layer norm 1's `β`.
    pub ln1_b: Range<usize>,
    /// `W_qkv`, `3C × C`.
    pub qkv_w: Range<usize>,
    /// `b_qkv`, `3C`.
    pub qkv_b: Range<usize>,
    /// `W_o`, `C × C`.
    pub proj_w: Range<usize>,
    /// `b_o`, `C`.
    pub proj_b: Range<usize>,
    /// Layer norm 2's `γ`.
    pub ln2_g: Range<usize>,
    /// Layer norm 2's `β`.
    pub ln2_b: Range<usize>,
    /// `W_1`, `4C × C`.
    pub fc_w: Range<usize>,
    /// `b_1`, `4C`.
    pub fc_b: Range<usize>,
    /// `W_2`, `C × 4C`.
    pub out_w: Range<usize>,
    /// `b_2`, `C`.
    pub out_b: Range<usize>,
}

/// Every parameter's place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The shape laid out.
    pub shape: Shape,
    /// Token embeddings `E`.
    pub wte: Range<usize>,
    /// Position embeddings `P`.
    pub wpe: Range<usize>,
    /// The blocks.
    pub blocks: Vec<Block>,
    /// Final layer norm's `γ`.
    pub lnf_g: Range<usize>,
    /// Final layer norm's `β`.
    pub lnf_b: Range<usize>,
    /// `W_out`, `V × C`.
    pub head_w: Range<usize>,
    /// `b_out`, `V`.
    pub head_b: Range<usize>,
    /// Number of parameters.
    pub len: usize,
}

impl Shape {
    /// Checks every number; the error names the first out of range.
    pub fn check(&self) -> Result<(), ShapeError> {
        if self.vocab == 0 {
            return Err(ShapeError::Vocab);
        }
        if !(1..=MAX_BLOCKS).contains(&self.blocks) {
            return Err(ShapeError::Blocks);
        }
        if !(1..=MAX_HEADS).contains(&self.heads) {
            return Err(ShapeError::Heads);
        }
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&self.width) {
            return Err(ShapeError::Width);
        }
        if self.width % self.heads != 0 {
            return Err(ShapeError::WidthHeads);
        }
        if !(MIN_CONTEXT..=MAX_CONTEXT).contains(&self.context) {
            return Err(ShapeError::Context);
        }
        Ok(())
    }

    /// Values per head `C/H`.
    pub fn head_width(&self) -> usize {
        self.width / self.heads
    }

    /// The id of the mask token (`V`): the row after the characters'.
    pub fn mask_id(&self) -> u32 {
        self.vocab as u32
    }
}

impl Layout {
    /// The layout of `shape` (checked by the caller).
    pub fn new(shape: Shape) -> Self {
        let c = shape.width;
        let mut at = 0;
        let mut take = |n: usize| {
            at += n;
            at - n..at
        };
        let wte = take((shape.vocab + 1) * c);
        let wpe = take(shape.context * c);
        let blocks = (0..shape.blocks)
            .map(|_| Block {
                ln1_g: take(c),
                ln1_b: take(c),
                qkv_w: take(3 * c * c),
                qkv_b: take(3 * c),
                proj_w: take(c * c),
                proj_b: take(c),
                ln2_g: take(c),
                ln2_b: take(c),
                fc_w: take(4 * c * c),
                fc_b: take(4 * c),
                out_w: take(4 * c * c),
                out_b: take(c),
            })
            .collect();
        let lnf_g = take(c);
        let lnf_b = take(c);
        let head_w = take(shape.vocab * c);
        let head_b = take(shape.vocab);
        let len = at;
        Layout {
            shape,
            wte,
            wpe,
            blocks,
            lnf_g,
            lnf_b,
            head_w,
            head_b,
            len,
        }
    }

    /// The ranges of the layer norms' `γ` (initialised to 1).
    pub fn gains(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.blocks
            .iter()
            .flat_map(|b| [b.ln1_g.clone(), b.ln2_g.clone()])
            .chain([self.lnf_g.clone()])
    }

    /// True when parameter `i` belongs to a matrix or an embedding table
    /// (not to a bias or a layer norm).
    pub fn is_matrix(&self, i: usize) -> bool {
        let mut mats = [self.wte.clone(), self.wpe.clone(), self.head_w.clone()]
            .into_iter()
            .chain(self.blocks.iter().flat_map(|b| {
                [
                    b.qkv_w.clone(),
                    b.proj_w.clone(),
                    b.fc_w.clone(),
                    b.out_w.clone(),
                ]
            }));
        mats.any(|r| r.contains(&i))
    }
}
