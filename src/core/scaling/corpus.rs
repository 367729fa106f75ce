//! The scaling lab's text as ids: its most frequent characters each an id,
//! the rarest folded into one "rare" id (a Chinese text has thousands of
//! characters, most seen once or twice), the last part held out.

use std::collections::BTreeMap;

use crate::core::analysis::scaling::order_by;
use crate::core::lm::tokens::{normalise_up_to, TextError};

/// Most characters a scaling text may have.
pub const MAX_CHARS: usize = 400_000;
/// Most ids, the rare one included.
pub const MAX_IDS: usize = 512;
/// Most characters held out for scoring.
pub const MAX_HELDOUT: usize = 8_000;
/// The character shown for the rare id.
pub const RARE: char = '□';

/// A text ready for the sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct Corpus {
    /// The characters by id; the last is [`RARE`] when some were folded.
    pub chars: Vec<char>,
    /// The whole text as ids.
    pub ids: Vec<u32>,
    /// Ids before this are for training; the rest are held out.
    pub train_end: usize,
    /// Characters folded into the rare id.
    pub folded: usize,
}

impl Corpus {
    /// `text` as ids: the [`MAX_IDS`]` − 1` most frequent characters (ties
    /// by code point) keep their own id, the rest share one; the last
    /// eighth (at most [`MAX_HELDOUT`]) is held out.
    pub fn new(text: &str) -> Result<Corpus, TextError> {
        let chars = normalise_up_to(text, MAX_CHARS)?;
        let first = chars.first().ok_or(TextError::Empty)?.0;
        let mut counts: BTreeMap<char, usize> = BTreeMap::new();
        for &(ch, _) in &chars {
            *counts.entry(ch).or_default() += 1;
        }
        if counts.len() < 2 {
            return Err(TextError::OneDistinct { ch: first });
        }
        let counted: Vec<(char, usize)> = counts.into_iter().collect();
        let keys: Vec<(f64, f64)> = counted
            .iter()
            .map(|&(c, n)| (-(n as f64), c as u32 as f64))
            .collect();
        let by_count: Vec<(char, usize)> =
            order_by(&keys).into_iter().map(|i| counted[i]).collect();
        let fold = by_count.len() > MAX_IDS;
        let kept = if fold { MAX_IDS - 1 } else { by_count.len() };
        let mut out: Vec<char> = by_count[..kept].iter().map(|&(c, _)| c).collect();
        let folded: usize = by_count[kept..].iter().map(|&(_, n)| n).sum();
        if fold {
            out.push(RARE);
        }
        let id_of: BTreeMap<char, u32> = out[..kept]
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, i as u32))
            .collect();
        let rare = kept as u32;
        let ids: Vec<u32> = chars
            .iter()
            .map(|(c, _)| id_of.get(c).copied().unwrap_or(rare))
            .collect();
        let held = (ids.len() / 8).min(MAX_HELDOUT);
        Ok(Corpus {
            chars: out,
            train_end: ids.len() - held,
            ids,
            folded,
        })
    }

    /// Characters `V` the models predict.
    pub fn vocab(&self) -> usize {
        self.chars.len()
    }

    /// Characters there are to train on.
    pub fn train_len(&self) -> usize {
        self.train_end
    }

    /// Characters held out.
    pub fn heldout_len(&self) -> usize {
        self.ids.len() - self.train_end
    }

    /// The share of the text's characters folded into the rare id.
    pub fn folded_share(&self) -> f64 {
        self.folded as f64 / self.ids.len().max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_by_frequency_and_the_end_is_held_out() {
        let c = Corpus::new(&"abacabad".repeat(100)).unwrap();
        assert_eq!(c.chars, vec!['a', 'b', 'c', 'd']);
        assert_eq!(c.ids[..4], [0, 1, 0, 2]);
        assert_eq!(c.heldout_len(), 100);
        assert_eq!(c.train_len() + c.heldout_len(), 800);
        assert_eq!(c.folded, 0);
    }

    #[test]
    fn rare_characters_share_one_id() {
        let text: String = (0..600u32)
            .flat_map(|i| {
                std::iter::repeat_n(
                    char::from_u32(0x4e00 + i).unwrap(),
                    1 + (i < 10) as usize * 5,
                )
            })
            .collect();
        let c = Corpus::new(&text).unwrap();
        assert_eq!(c.vocab(), MAX_IDS);
        assert_eq!(*c.chars.last().unwrap(), RARE);
        assert_eq!(c.folded, 600 - (MAX_IDS - 1));
        assert!(c.ids.iter().all(|&i| (i as usize) < MAX_IDS));
        // The ten frequent characters have the first ids.
        assert_eq!(c.chars[0], '一');
    }

    #[test]
    fn bad_texts_are_refused() {
        assert_eq!(Corpus::new(""), Err(TextError::Empty));
        assert_eq!(Corpus::new("aaaa"), Err(TextError::OneDistinct { ch: 'a' }));
        assert!(matches!(
            Corpus::new("a\u{7}b"),
            Err(TextError::Control { .. })
        ));
    }
}
