//! The attention view's content: for the text the lab looks at, every
//! head of the chosen block (or one head) as a grid — a row per character
//! asking, a column per character it looks at — at the chosen stage of
//! the notes' definition `softmax(mask(q·k/√d))`: the scores `q·k`, scaled
//! by `1/√d`, masked (−∞ where a decoder may not look ahead), and the
//! softmax weights; each head with a caption of what it mostly attends to,
//! measured from its weights. Pure data, worded in the page's language.

use crate::core::lm::heads::{describe, HeadPattern, Pattern};
use crate::core::lm::sequence::SequenceModel;
use crate::core::lm::tokens::{display, Vocab};
use crate::core::lm::transformer::Attention;

use super::format::{fixed, percent};
use super::lang::Lang;
use super::messages::Msg;

/// A stage of `softmax(mask(q·k/√d))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// `q·k`.
    Scores,
    /// `q·k/√d`.
    Scaled,
    /// `q·k/√d`, −∞ where the mask hides a character.
    Masked,
    /// `softmax` of the masked row: the weights, each row adding up to 1.
    Weights,
}

impl Stage {
    /// Every stage, in the order of the definition.
    pub const ALL: [Stage; 4] = [Stage::Scores, Stage::Scaled, Stage::Masked, Stage::Weights];

    /// The stage's id (the select's value).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Scores => "scores",
            Stage::Scaled => "scaled",
            Stage::Masked => "masked",
            Stage::Weights => "weights",
        }
    }

    /// The stage with id `id`.
    pub fn from_id(id: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Its name in the page.
    pub fn name(self) -> Msg {
        match self {
            Stage::Scores => Msg::StageScores,
            Stage::Scaled => Msg::StageScaled,
            Stage::Masked => Msg::StageMasked,
            Stage::Weights => Msg::StageWeights,
        }
    }
}

/// How the weights are drawn: as grids, as lines between the characters
/// of the text written twice, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// A grid per head.
    Grid,
    /// Lines from each character asking to those it looks at.
    Lines,
    /// Grids, and the lines under them.
    Both,
}

impl Show {
    /// Every way, in the select's order.
    pub const ALL: [Show; 3] = [Show::Grid, Show::Lines, Show::Both];

    /// Its id (the select's value).
    pub fn id(self) -> &'static str {
        match self {
            Show::Grid => "grid",
            Show::Lines => "lines",
            Show::Both => "both",
        }
    }

    /// The way with id `id`.
    pub fn from_id(id: &str) -> Option<Show> {
        Show::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Its name in the page.
    pub fn name(self) -> Msg {
        match self {
            Show::Grid => Msg::ShowGrid,
            Show::Lines => Msg::ShowLines,
            Show::Both => Msg::ShowBoth,
        }
    }

    /// True when the grids are drawn.
    pub fn grid(self) -> bool {
        self != Show::Lines
    }

    /// True when the lines are drawn.
    pub fn lines(self) -> bool {
        self != Show::Grid
    }
}

/// One line of the lines view: from the character asking (`from`, on the
/// row above) to the one it looks at (`to`, below), as strong as `weight`,
/// in the colour of head `head` (its place among the heads shown).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The head's place among those shown.
    pub head: usize,
    /// The character asking.
    pub from: usize,
    /// The character looked at.
    pub to: usize,
    /// The softmax weight, 0 to 1.
    pub weight: f64,
}

/// Weights below this are not drawn as lines (they would be invisible).
pub const LINK_FLOOR: f64 = 0.02;

/// Which heads the view shows, and at which stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttentionPick {
    /// The block (0-based).
    pub block: usize,
    /// One head (0-based), or every head of the block.
    pub head: Option<usize>,
    /// The stage.
    pub stage: Stage,
    /// Grids, lines or both.
    pub show: Show,
}

impl Default for AttentionPick {
    fn default() -> Self {
        AttentionPick {
            block: 0,
            head: None,
            stage: Stage::Weights,
            show: Show::Grid,
        }
    }
}

/// One head's grid at the chosen stage.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadGrid {
    /// The block (0-based).
    pub block: usize,
    /// The head (0-based).
    pub head: usize,
    /// Row by row, `len × len` values; `None` is −∞ (masked).
    pub values: Vec<Option<f64>>,
    /// The scores `q·k`, laid out as `values`.
    pub scores: Vec<f64>,
    /// The softmax weights, laid out as `values`.
    pub weights: Vec<f64>,
    /// What the head mostly attends to.
    pub pattern: HeadPattern,
}

/// What the attention view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AttentionView {
    /// The characters read (the grids' rows and columns).
    pub chars: Vec<char>,
    /// The stage shown.
    pub stage: Stage,
    /// True for a causal model (a decoder).
    pub causal: bool,
    /// `1/√d`.
    pub scale: f64,
    /// Values per head `d`.
    pub head_width: usize,
    /// The grids, one a head shown.
    pub heads: Vec<HeadGrid>,
}

impl AttentionView {
    /// The view of `model`'s attention over `ids` (at most its context),
    /// for `pick` (clamped to the model's blocks and heads); `None` for a
    /// model without attention or an empty text.
    pub fn of(
        model: &dyn SequenceModel,
        vocab: &Vocab,
        ids: &[u32],
        pick: AttentionPick,
    ) -> Option<Self> {
        let att = model.attention(ids)?;
        Some(Self::from_attention(&att, vocab, ids, pick))
    }

    /// The view of attention `att` computed over (the last `att.len` of)
    /// `ids`, for `pick` (clamped to its blocks and heads).
    pub fn from_attention(
        att: &Attention,
        vocab: &Vocab,
        ids: &[u32],
        pick: AttentionPick,
    ) -> Self {
        let ids = &ids[ids.len() - att.len..];
        let block = pick.block.min(att.blocks - 1);
        let heads: Vec<usize> = match pick.head {
            Some(h) => vec![h.min(att.heads - 1)],
            None => (0..att.heads).collect(),
        };
        let nl = vocab.id('\n');
        let grids = heads
            .into_iter()
            .map(|head| {
                let rows = |f: fn(&Attention, usize, usize, usize) -> &[f64]| -> Vec<f64> {
                    (0..att.len)
                        .flat_map(|t| f(att, block, head, t).to_vec())
                        .collect()
                };
                HeadGrid {
                    block,
                    head,
                    values: stage_values(att, block, head, pick.stage),
                    scores: rows(Attention::scores_row),
                    weights: rows(Attention::weights_row),
                    pattern: describe(att, ids, block, head, nl),
                }
            })
            .collect();
        AttentionView {
            chars: ids.iter().map(|&i| vocab.char(i)).collect(),
            stage: pick.stage,
            causal: att.causal,
            scale: att.scale,
            head_width: (1.0 / (att.scale * att.scale)).round() as usize,
            heads: grids,
        }
    }

    /// The numbers of cell `(t, u)` of grid `g`: the character asking and
    /// the one looked at, `q·k`, its scaled value and the weight.
    pub fn cell(&self, lang: Lang, g: usize, t: usize, u: usize) -> Option<String> {
        let grid = self.heads.get(g)?;
        let n = self.len();
        if t >= n || u >= n {
            return None;
        }
        let i = t * n + u;
        let masked = self.causal && u > t;
        let scaled = (!masked).then(|| grid.scores[i] * self.scale);
        Some(Msg::AttCell.fill(
            lang,
            &[
                ("q", &display(self.chars[t])),
                ("k", &display(self.chars[u])),
                ("score", &fixed(grid.scores[i], 2)),
                ("scaled", &cell_text(Stage::Scaled, scaled)),
                ("weight", &percent(grid.weights[i])),
            ],
        ))
    }

    /// What the stage shown means, in a sentence.
    pub fn explain(&self, lang: Lang) -> String {
        match (self.stage, self.causal) {
            (Stage::Scores, _) => Msg::AttExplainScores.text(lang).into(),
            (Stage::Scaled, _) => {
                Msg::AttExplainScaled.fill(lang, &[("d", &self.head_width.to_string())])
            }
            (Stage::Masked, true) => Msg::AttExplainMaskedCausal.text(lang).into(),
            (Stage::Masked, false) => Msg::AttExplainMaskedBoth.text(lang).into(),
            (Stage::Weights, _) => Msg::AttExplainWeights.text(lang).into(),
        }
    }

    /// The lines view: every weight of every head shown at or above
    /// [`LINK_FLOOR`], from the character asking to the one it looks at
    /// (always the softmax weights, whatever the stage).
    pub fn links(&self) -> Vec<Link> {
        let n = self.len();
        let mut out = Vec::new();
        for (head, g) in self.heads.iter().enumerate() {
            for from in 0..n {
                for to in 0..n {
                    let weight = g.weights[from * n + to];
                    if weight >= LINK_FLOOR {
                        out.push(Link {
                            head,
                            from,
                            to,
                            weight,
                        });
                    }
                }
            }
        }
        out
    }

    /// Characters per side of each grid.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// The `len × len` grid of `block`, `head` at `stage`.
fn stage_values(att: &Attention, block: usize, head: usize, stage: Stage) -> Vec<Option<f64>> {
    let n = att.len;
    let mut out = Vec::with_capacity(n * n);
    for t in 0..n {
        let scores = att.scores_row(block, head, t);
        let weights = att.weights_row(block, head, t);
        for u in 0..n {
            out.push(match stage {
                Stage::Scores => Some(scores[u]),
                Stage::Scaled => Some(scores[u] * att.scale),
                Stage::Masked if att.masked(t, u) => None,
                Stage::Masked => Some(scores[u] * att.scale),
                Stage::Weights => Some(weights[u]),
            });
        }
    }
    out
}

/// A cell's text at `stage`: a percentage for a weight (`37.5%`), two
/// decimals for a score, `−∞` where masked.
pub fn cell_text(stage: Stage, v: Option<f64>) -> String {
    match (stage, v) {
        (_, None) => "−∞".into(),
        (Stage::Weights, Some(w)) => percent(w),
        (_, Some(s)) => fixed(s, 2),
    }
}

/// The caption of a head's grid: its block and head (from 1) and what it
/// mostly attends to, with the share.
pub fn caption(lang: Lang, g: &HeadGrid) -> String {
    let what = match g.pattern.pattern {
        Pattern::Itself => Msg::HeadItself,
        Pattern::Previous => Msg::HeadPrevious,
        Pattern::Next => Msg::HeadNext,
        Pattern::SameEarlier => Msg::HeadSameEarlier,
        Pattern::AfterEarlier => Msg::HeadAfterEarlier,
        Pattern::LineStart => Msg::HeadLineStart,
        Pattern::Spread => Msg::HeadSpread,
    };
    Msg::HeadCaption.fill(
        lang,
        &[
            ("block", &(g.block + 1).to_string()),
            ("head", &(g.head + 1).to_string()),
            ("what", what.text(lang)),
            ("share", &percent(g.pattern.share)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_stage_writes_them() {
        assert_eq!(cell_text(Stage::Weights, Some(0.375)), "37.5%");
        assert_eq!(cell_text(Stage::Masked, None), "−∞");
        assert_eq!(cell_text(Stage::Scores, Some(-1.234)), "-1.23");
        for s in Stage::ALL {
            assert_eq!(Stage::from_id(s.id()), Some(s));
        }
    }
}
