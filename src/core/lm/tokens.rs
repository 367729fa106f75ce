//! Text → character tokens: one token per Unicode scalar value.
//!
//! A language model here reads characters, not words: every distinct
//! `char` of the training text gets an id, in order of first appearance.
//! What the user sees as one character may be several tokens: a combining
//! mark (`e` + U+0301) is a token of its own, and an emoji built from several
//! scalars (ZWJ sequences such as 👩‍💻, flags made of two regional
//! indicators, a skin-tone modifier) becomes several tokens. Before
//! counting, `\r\n` and `\r` become `\n`, a tab becomes a space and a
//! leading byte-order mark (U+FEFF) is dropped; any other control character
//! is refused.

use std::collections::BTreeMap;

/// Most characters a text may have (after normalising line ends).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most distinct characters a text may have (the model's output classes).
pub const MAX_VOCAB: usize = 400;

/// Why a text was refused. Positions are 1-based and count Unicode scalar
/// values of the text as given (before `\r\n` became `\n`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Nothing to learn from.
    Empty,
    /// Only one distinct character (nothing to predict).
    OneDistinct {
        /// That character.
        ch: char,
    },
    /// More than `max` characters.
    TooLong {
        /// How many characters the text has.
        chars: usize,
        /// The limit, [`MAX_TEXT_CHARS`].
        max: usize,
    },
    /// More than `max` distinct characters.
    Vocab {
        /// How many distinct characters the text has.
        distinct: usize,
        /// The limit, [`MAX_VOCAB`].
        max: usize,
    },
    /// A control character other than a line end or a tab.
    Control {
        /// The character.
        ch: char,
        /// Its 1-based position.
        at: usize,
    },
    /// A character the vocabulary does not have (only from [`Vocab::encode`]).
    Unknown {
        /// The character.
        ch: char,
        /// Its 1-based position.
        at: usize,
    },
}

/// The distinct characters of a text, in order of first appearance; a
/// character's id is its index. Id `len()` is the padding symbol ([`Vocab::pad`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocab {
    chars: Vec<char>,
    ids: BTreeMap<char, u32>,
}

impl Vocab {
    /// How many distinct characters (the number of output classes V).
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when there are no characters.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The id of `ch`, if the vocabulary has it.
    pub fn id(&self, ch: char) -> Option<u32> {
        self.ids.get(&ch).copied()
    }

    /// The character with id `id`; U+FFFD for an id out of range (the pad included).
    pub fn char(&self, id: u32) -> char {
        self.chars.get(id as usize).copied().unwrap_or('\u{FFFD}')
    }

    /// All characters, indexed by id.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The padding id V (one past the last character): "before the start /
    /// after the end". Models read V + 1 input symbols but predict V classes.
    pub fn pad(&self) -> u32 {
        self.chars.len() as u32
    }

    /// The text of `ids` (pads and unknown ids as U+FFFD).
    pub fn decode(&self, ids: &[u32]) -> String {
        ids.iter().map(|&id| self.char(id)).collect()
    }

    /// A prompt as ids, normalised like a training text. Refuses control
    /// characters, characters not in the vocabulary and over-long prompts;
    /// an empty prompt gives no ids.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>, TextError> {
        let chars = normalise(text)?;
        chars
            .iter()
            .map(|&(ch, at)| self.id(ch).ok_or(TextError::Unknown { ch, at }))
            .collect()
    }

    /// The vocabulary of `chars`, each its index as id (repeats kept once).
    pub fn from_chars(chars: &[char]) -> Vocab {
        let mut v = Vocab::default();
        for &c in chars {
            v.push(c);
        }
        v
    }

    fn push(&mut self, ch: char) -> u32 {
        if let Some(id) = self.id(ch) {
            return id;
        }
        let id = self.chars.len() as u32;
        self.chars.push(ch);
        self.ids.insert(ch, id);
        id
    }
}

/// The vocabulary of `text` and the text as ids (see the module doc for what
/// one token is and how the text is normalised).
pub fn tokenize(text: &str) -> Result<(Vocab, Vec<u32>), TextError> {
    let chars = normalise(text)?;
    if chars.is_empty() {
        return Err(TextError::Empty);
    }
    let mut vocab = Vocab::default();
    let tokens: Vec<u32> = chars.iter().map(|&(ch, _)| vocab.push(ch)).collect();
    if vocab.len() > MAX_VOCAB {
        return Err(TextError::Vocab {
            distinct: vocab.len(),
            max: MAX_VOCAB,
        });
    }
    if vocab.len() == 1 {
        return Err(TextError::OneDistinct { ch: vocab.chars[0] });
    }
    Ok((vocab, tokens))
}

/// The normalised characters with their 1-based positions in `text`; the
/// first control character anywhere wins over a length fault.
fn normalise(text: &str) -> Result<Vec<(char, usize)>, TextError> {
    normalise_up_to(text, MAX_TEXT_CHARS)
}

/// [`normalise`] with at most `max` characters allowed (a longer text is
/// refused as [`TextError::TooLong`]).
pub(crate) fn normalise_up_to(text: &str, max: usize) -> Result<Vec<(char, usize)>, TextError> {
    let mut out = Vec::new();
    let mut count = 0usize;
    let mut iter = text.chars().enumerate().peekable();
    while let Some((i, ch)) = iter.next() {
        let at = i + 1;
        let ch = match ch {
            '\u{FEFF}' if i == 0 => continue,
            '\r' => {
                if matches!(iter.peek(), Some((_, '\n'))) {
                    iter.next();
                }
                '\n'
            }
            '\t' => ' ',
            '\n' => '\n',
            c if c.is_control() => return Err(TextError::Control { ch: c, at }),
            c => c,
        };
        count += 1;
        if count <= max {
            out.push((ch, at));
        }
    }
    if count > max {
        return Err(TextError::TooLong { chars: count, max });
    }
    Ok(out)
}

/// A visible form of one token for the page: `\n` → "↵", space → "␣", a
/// combining mark on a dotted circle ("◌́"), other invisible characters
/// (controls, other spaces, zero-width and format characters, variation
/// selectors) as `U+XXXX`; anything else as itself.
pub fn display(ch: char) -> String {
    match ch {
        '\n' => "↵".to_string(),
        ' ' => "␣".to_string(),
        c if is_mark(c) => format!("◌{c}"),
        c if c.is_control() || c.is_whitespace() || is_format(c) => {
            format!("U+{:04X}", c as u32)
        }
        c => c.to_string(),
    }
}

/// Common combining-mark blocks (a heuristic: std has no Unicode categories).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099..=0x309A
        | 0xFE20..=0xFE2F)
}

/// Invisible format and default-ignorable characters.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5
        | 0x180B..=0x180F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F
        | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_first_appearance_and_round_trip() {
        let (vocab, tokens) = tokenize("天气好，天气").unwrap();
        assert_eq!(vocab.chars(), &['天', '气', '好', '，']);
        assert_eq!(tokens, vec![0, 1, 2, 3, 0, 1]);
        assert_eq!(vocab.len(), 4);
        assert_eq!(vocab.pad(), 4);
        assert_eq!(vocab.id('好'), Some(2));
        assert_eq!(vocab.id('坏'), None);
        assert_eq!(vocab.char(3), '，');
        assert_eq!(vocab.char(4), '\u{FFFD}', "the pad has no character");
        assert_eq!(vocab.decode(&tokens), "天气好，天气");
    }

    #[test]
    fn one_token_per_scalar_value() {
        // e + combining acute: two tokens; a ZWJ family and a flag: several.
        let (vocab, tokens) = tokenize("e\u{301}e").unwrap();
        assert_eq!(tokens, vec![0, 1, 0]);
        assert_eq!(vocab.chars(), &['e', '\u{301}']);
        let (_, tokens) = tokenize("👩\u{200D}💻🇨🇳").unwrap();
        assert_eq!(tokens.len(), 5);
    }

    #[test]
    fn line_ends_tabs_and_bom_are_normalised() {
        let (vocab, tokens) = tokenize("\u{FEFF}a\r\nb\rc\td\n").unwrap();
        assert_eq!(vocab.decode(&tokens), "a\nb\nc d\n");
        assert_eq!(
            tokenize("\r\n\r\n"),
            Err(TextError::OneDistinct { ch: '\n' })
        );
    }

    #[test]
    fn faults_are_typed() {
        assert_eq!(tokenize(""), Err(TextError::Empty));
        assert_eq!(tokenize("\u{FEFF}"), Err(TextError::Empty));
        assert_eq!(tokenize("aaaa"), Err(TextError::OneDistinct { ch: 'a' }));
        // Position counts the text as given: "\r\n" is two characters there.
        assert_eq!(
            tokenize("a\r\nb\u{7}"),
            Err(TextError::Control { ch: '\u{7}', at: 5 })
        );
        assert_eq!(
            tokenize("ab\u{0}"),
            Err(TextError::Control { ch: '\0', at: 3 })
        );
        assert_eq!(
            tokenize("x\u{85}"),
            Err(TextError::Control {
                ch: '\u{85}',
                at: 2
            })
        );
        let long: String = "ab".repeat(MAX_TEXT_CHARS / 2) + "c";
        assert_eq!(
            tokenize(&long),
            Err(TextError::TooLong {
                chars: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS
            })
        );
        // Too many distinct characters; exactly the limit passes.
        let cjk = |n: u32| {
            (0..n)
                .filter_map(|i| char::from_u32(0x4E00 + i))
                .collect::<String>()
        };
        assert_eq!(
            tokenize(&cjk(MAX_VOCAB as u32 + 1)),
            Err(TextError::Vocab {
                distinct: MAX_VOCAB + 1,
                max: MAX_VOCAB
            })
        );
        assert_eq!(tokenize(&cjk(MAX_VOCAB as u32)).unwrap().0.len(), MAX_VOCAB);
        // Exactly the limit passes; "\r\n" counts once after normalising.
        let exact: String = "ab".repeat(MAX_TEXT_CHARS / 2 - 1) + "\r\n\r\n";
        assert_eq!(tokenize(&exact).unwrap().1.len(), MAX_TEXT_CHARS);
    }

    #[test]
    fn prompts_encode_against_the_vocabulary() {
        let (vocab, _) = tokenize("hello world\n").unwrap();
        assert_eq!(vocab.encode("ol\r\n").unwrap(), vec![3, 2, 8]);
        assert_eq!(vocab.encode("").unwrap(), Vec::<u32>::new());
        assert_eq!(
            vocab.encode("hi"),
            Err(TextError::Unknown { ch: 'i', at: 2 })
        );
        assert_eq!(
            vocab.encode("h\u{1b}"),
            Err(TextError::Control {
                ch: '\u{1b}',
                at: 2
            })
        );
    }

    #[test]
    fn display_makes_invisible_tokens_visible() {
        assert_eq!(display('\n'), "↵");
        assert_eq!(display(' '), "␣");
        assert_eq!(display('字'), "字");
        assert_eq!(display('，'), "，");
        assert_eq!(display('\u{3000}'), "U+3000");
        assert_eq!(display('\u{200D}'), "U+200D");
        assert_eq!(display('\u{FE0F}'), "U+FE0F");
        assert_eq!(display('\u{7}'), "U+0007");
        assert_eq!(display('\u{E0041}'), "U+E0041");
        assert_eq!(display('\u{301}'), "◌\u{301}");
        assert_eq!(display('🇨'), "🇨");
    }
}
