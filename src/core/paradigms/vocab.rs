//! The characters every paradigm's model reads and writes (the tasks'
//! [`alphabet`]), one id each, and text turned into ids — or refused with
//! the characters the vocabulary cannot express.

use super::tasks::alphabet;

/// The lab's characters by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocab {
    chars: Vec<char>,
}

/// Characters a text holds that the vocabulary has no id for, each once,
/// in the order they first appear.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// The characters.
    pub chars: Vec<char>,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::new()
    }
}

impl Vocab {
    /// Every character an example can contain ([`alphabet`], sorted).
    pub fn new() -> Self {
        Vocab { chars: alphabet() }
    }

    /// Characters `V`.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Always false: the alphabet has characters.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The characters by id.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The id of `c`, if it has one.
    pub fn id(&self, c: char) -> Option<u32> {
        self.chars.binary_search(&c).ok().map(|i| i as u32)
    }

    /// `text` as ids, or the characters it holds that have none.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>, Unknown> {
        let mut unknown: Vec<char> = Vec::new();
        let ids: Vec<u32> = text
            .chars()
            .filter_map(|c| {
                let id = self.id(c);
                if id.is_none() && !unknown.contains(&c) {
                    unknown.push(c);
                }
                id
            })
            .collect();
        if unknown.is_empty() {
            Ok(ids)
        } else {
            Err(Unknown { chars: unknown })
        }
    }

    /// The characters of `ids`.
    pub fn decode(&self, ids: &[u32]) -> String {
        ids.iter().map(|&i| self.chars[i as usize]).collect()
    }
}
