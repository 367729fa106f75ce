//! The copy text, where only looking far back can tell the next character:
//! every line is a made-up name written twice, `name:name`, the names of
//! random letters (or characters) and lengths. The first copy cannot be
//! predicted; the second can, but only by finding the first, which sits
//! further back than a window of a few characters reaches. A transformer
//! learns to do that (an induction head: attend to the character after
//! the earlier copy of the current one); a window model cannot.

use super::sequence::SequenceModel;
use crate::core::rng::SeededRng;

/// Letters the English names are made of.
const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
/// Characters the Chinese names are made of.
const HANZI: &str = "山水日月风云花鸟江河星雪石竹松林春秋夏冬金木火土天地人心";
/// Lines of the built-in copy texts (about 18,000 characters in English):
/// with many fewer, a small transformer memorises the lines instead.
pub const COPY_LINES: usize = 1100;

/// `lines` lines `name:name` (`name：name` in Chinese), names of 5 to 10
/// letters (4 to 8 characters in Chinese) drawn from `seed`: a second
/// copy's characters sit 6 to 11 places after their twins, beyond what a
/// window model reads by default (3) and mostly beyond its longest (8).
pub fn copy_text(lines: usize, zh: bool, seed: u64) -> String {
    let mut rng = SeededRng::new(seed, 0xC0B1);
    let alphabet: Vec<char> = if zh { HANZI } else { LETTERS }.chars().collect();
    let (short, span, sep) = if zh { (4, 5, '：') } else { (5, 6, ':') };
    let mut out = String::new();
    for _ in 0..lines {
        let n = short + rng.below(span);
        let name: String = (0..n)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        out.push_str(&name);
        out.push(sep);
        out.push_str(&name);
        out.push('\n');
    }
    out
}

/// The positions in `ids` of every second copy's characters (after the
/// separator `sep`, up to the end of its line `nl`), for the lines after
/// the first newline (the text before it may be the end of a line cut off).
pub fn second_copies(ids: &[u32], sep: u32, nl: u32) -> Vec<usize> {
    let mut out = Vec::new();
    let mut line_start = None;
    for (i, &id) in ids.iter().enumerate() {
        if id != nl {
            continue;
        }
        if let Some(start) = line_start {
            let line = &ids[start..i];
            if let Some(s) = line.iter().position(|&c| c == sep) {
                out.extend(start + s + 1..i);
            }
        }
        line_start = Some(i + 1);
    }
    out
}

/// The share of `positions` in `ids` where `model`'s most likely next
/// character after what comes before is the one there.
pub fn accuracy_at(model: &dyn SequenceModel, ids: &[u32], positions: &[usize]) -> f64 {
    let mut p = vec![0.0; model.vocab()];
    let hits = positions
        .iter()
        .filter(|&&i| {
            model.next_probs(&ids[..i], &mut p);
            let best = (0..p.len()).fold(0, |b, k| if p[k] > p[b] { k } else { b });
            best as u32 == ids[i]
        })
        .count();
    hits as f64 / positions.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_writes_its_name_twice() {
        for zh in [false, true] {
            let t = copy_text(50, zh, 3);
            assert_eq!(t.lines().count(), 50);
            for line in t.lines() {
                let (a, b) = line.split_once([':', '：']).unwrap();
                assert_eq!(a, b);
                let n = a.chars().count();
                assert!((4..=10).contains(&n), "{line}");
            }
            assert_eq!(copy_text(50, zh, 3), t, "seeded");
            assert_ne!(copy_text(50, zh, 4), t);
        }
        assert!(copy_text(COPY_LINES, false, 1).chars().count() < 20_000);
    }

    #[test]
    fn second_copies_are_the_characters_after_the_separator() {
        // "b:b\nab:ab\nc:c\n" with a=0 b=1 :=2 \n=3 c=4; the first line may be cut.
        let ids = [1, 2, 1, 3, 0, 1, 2, 0, 1, 3, 4, 2, 4, 3, 0];
        assert_eq!(second_copies(&ids, 2, 3), vec![7, 8, 12]);
    }
}
