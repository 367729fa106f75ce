//! Reading JSON as it is parsed, value by value, the way a saved form is
//! decoded: no tree in between, and every fault with its line and column.
//!
//! Faults: the text ending early is [`JsonFault::Truncated`]; text that is
//! not JSON is [`JsonFault::Syntax`]; JSON of the wrong kind for the field
//! being read (a string where a number belongs, a missing field) is
//! [`JsonFault::Shape`]. Nesting deeper than [`MAX_DEPTH`] is refused (no
//! stack overflow on hostile input).

use super::{JsonError, JsonFault};
use crate::core::decimal::parse_f64;

/// Deepest nesting of arrays and objects read.
pub const MAX_DEPTH: usize = 128;

/// A position in a JSON text and the reading from there.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            at: 0,
            depth: 0,
        }
    }

    /// A fault of kind `fault` at the current position (line and column from
    /// 1; the column counts characters). Counted in bytes, so a position
    /// inside a character (a bad escape such as `\é`) is reported, not a panic.
    /// Out of line: it runs once per refused file, from many places.
    #[cold]
    #[inline(never)]
    pub fn fault(&self, fault: JsonFault) -> JsonError {
        let before = &self.bytes()[..self.at.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Characters are the bytes that are not UTF-8 continuation bytes.
        let column = before[start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        JsonError {
            fault,
            line,
            column,
        }
    }

    /// [`JsonFault::Shape`] here: valid JSON, but not what belongs here.
    #[cold]
    #[inline(never)]
    pub fn shape(&self) -> JsonError {
        self.fault(JsonFault::Shape)
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after white space, not consumed; a truncation fault at the end.
    #[inline(never)]
    fn peek(&mut self) -> Result<u8, JsonError> {
        while let Some(&b) = self.bytes().get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Ok(b);
            }
            self.at += 1;
        }
        Err(self.fault(JsonFault::Truncated))
    }

    /// Consumes `b` (after white space) or fails as [`Reader::mismatch`].
    #[inline(never)]
    fn expect(&mut self, b: u8) -> Result<(), JsonError> {
        if self.peek()? == b {
            self.at += 1;
            return Ok(());
        }
        Err(self.mismatch())
    }

    /// The fault of finding something else where a value of one kind
    /// belongs: a value of another kind is a shape fault, text that is not
    /// JSON a syntax fault.
    fn mismatch(&self) -> JsonError {
        let rest = &self.bytes()[self.at..];
        let word = |w: &[u8]| rest[..rest.len().min(w.len())] == w[..rest.len().min(w.len())];
        let value = match rest.first() {
            Some(b't') => word(b"true"),
            Some(b'f') => word(b"false"),
            Some(b'n') => word(b"null"),
            Some(&b) => starts_value(b),
            None => false,
        };
        if value {
            self.shape()
        } else {
            self.fault(JsonFault::Syntax)
        }
    }

    /// True (and consumed) when the next value is `null`.
    #[inline(never)]
    pub fn null(&mut self) -> Result<bool, JsonError> {
        if self.peek()? != b'n' {
            return Ok(false);
        }
        self.literal("null")?;
        Ok(true)
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        let rest = &self.bytes()[self.at..];
        let n = rest.len().min(word.len());
        if rest[..n] != word.as_bytes()[..n] {
            return Err(self.fault(JsonFault::Syntax));
        }
        if n < word.len() {
            self.at += n;
            return Err(self.fault(JsonFault::Truncated));
        }
        self.at += n;
        Ok(())
    }

    /// A `true` or `false`.
    #[inline(never)]
    pub fn bool(&mut self) -> Result<bool, JsonError> {
        match self.peek()? {
            b't' => self.literal("true").map(|_| true),
            b'f' => self.literal("false").map(|_| false),
            _ => Err(self.mismatch()),
        }
    }

    /// A number's text, checked against JSON's grammar.
    fn number_text(&mut self) -> Result<&'a str, JsonError> {
        let b = self.peek()?;
        if !(b == b'-' || b.is_ascii_digit()) {
            return Err(self.mismatch());
        }
        let start = self.at;
        let bytes = self.bytes();
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at - from
        };
        let mut at = self.at + usize::from(b == b'-');
        let int = digits(&mut at);
        let mut ok = int > 0 && !(int > 1 && bytes[at - int] == b'0');
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            ok &= digits(&mut at) > 0;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            ok &= digits(&mut at) > 0;
        }
        self.at = at;
        if !ok {
            let kind = if at >= bytes.len() {
                JsonFault::Truncated
            } else {
                JsonFault::Syntax
            };
            return Err(self.fault(kind));
        }
        Ok(&self.text[start..at])
    }

    /// A finite number (nearest `f64`, as [`parse_f64`] rounds it).
    #[inline(never)]
    pub fn f64(&mut self) -> Result<f64, JsonError> {
        let text = self.number_text()?;
        let v = parse_f64(text).ok_or_else(|| self.fault(JsonFault::Syntax))?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(self.fault(JsonFault::Syntax))
        }
    }

    /// A whole number from 0 to `u64::MAX` (a fraction or a sign is a shape fault).
    #[inline(never)]
    pub fn u64(&mut self) -> Result<u64, JsonError> {
        let text = self.number_text()?;
        text.parse().map_err(|_| self.shape())
    }

    /// A string, its escapes decoded.
    #[inline(never)]
    pub fn string(&mut self) -> Result<String, JsonError> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(stop) = rest.find(['"', '\\']) else {
                self.at = self.text.len();
                return Err(self.fault(JsonFault::Truncated));
            };
            let plain = &rest[..stop];
            if let Some(i) = plain.find(|c: char| c < ' ') {
                self.at += i;
                return Err(self.fault(JsonFault::Syntax));
            }
            out.push_str(plain);
            self.at += stop + 1;
            if rest.as_bytes()[stop] == b'"' {
                return Ok(out);
            }
            out.push(self.escape()?);
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(&b) = self.bytes().get(self.at) else {
            return Err(self.fault(JsonFault::Truncated));
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) {
                    // A surrogate pair: `\uD83D\uDE00`.
                    if self.bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(self.fault(JsonFault::Syntax));
                    }
                    self.at += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.fault(JsonFault::Syntax));
                    }
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    char::from_u32(c).ok_or_else(|| self.fault(JsonFault::Syntax))?
                } else {
                    char::from_u32(hi).ok_or_else(|| self.fault(JsonFault::Syntax))?
                }
            }
            _ => return Err(self.fault(JsonFault::Syntax)),
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let Some(digits) = self.text.get(self.at..self.at + 4) else {
            self.at = self.text.len();
            return Err(self.fault(JsonFault::Truncated));
        };
        let v = u32::from_str_radix(digits, 16).map_err(|_| self.fault(JsonFault::Syntax))?;
        self.at += 4;
        Ok(v)
    }

    fn enter(&mut self, open: u8) -> Result<(), JsonError> {
        self.expect(open)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fault(JsonFault::Syntax));
        }
        Ok(())
    }

    /// An array: `item` reads each element.
    pub fn array(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.enter(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
        } else {
            loop {
                item(self)?;
                match self.peek()? {
                    b',' => self.at += 1,
                    b']' => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(self.fault(JsonFault::Syntax)),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An object: `field` reads the value of each key (it must read or
    /// [`Reader::skip`] it).
    pub fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.enter(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
        } else {
            loop {
                if self.peek()? != b'"' {
                    return Err(self.fault(JsonFault::Syntax));
                }
                let key = self.string()?;
                if self.peek()? != b':' {
                    return Err(self.fault(JsonFault::Syntax));
                }
                self.at += 1;
                field(self, &key)?;
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(self.fault(JsonFault::Syntax)),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads past one value of any kind.
    pub fn skip(&mut self) -> Result<(), JsonError> {
        match self.peek()? {
            b'{' => self.object(|r, _| r.skip()),
            b'[' => self.array(Reader::skip),
            b'"' => self.string().map(drop),
            b't' | b'f' => self.bool().map(drop),
            b'n' => self.literal("null"),
            _ => self.number_text().map(drop),
        }
    }

    /// Checks that only white space follows.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            Err(_) => Ok(()),
            Ok(_) => Err(self.fault(JsonFault::Syntax)),
        }
    }
}

/// Whether `b` can start a JSON value.
fn starts_value(b: u8) -> bool {
    matches!(
        b,
        b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9'
    )
}
