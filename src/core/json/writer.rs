//! Writing JSON: compact, or pretty (each field of an object on its own
//! indented line; arrays on one line, so a file of parameters stays short).

use std::fmt::Write;

/// JSON being written.
pub struct Writer {
    out: String,
    pretty: bool,
    /// Per open object or array: whether it has had an entry yet.
    open: Vec<bool>,
}

impl Writer {
    /// An empty text.
    pub fn new(pretty: bool) -> Self {
        Writer {
            out: String::new(),
            pretty,
            open: Vec::new(),
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Text as it is (a literal such as `true` or `null`).
    #[inline(never)]
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A number in the shortest form that reads back to the same `f64`
    /// (`null` if it is not finite, as JSON has no such number).
    #[inline(never)]
    pub fn f64(&mut self, v: f64) {
        if !v.is_finite() {
            self.raw("null");
        } else if v == 0.0 || (1e-5..1e16).contains(&v.abs()) {
            let _ = write!(self.out, "{v}");
        } else {
            let _ = write!(self.out, "{v:e}");
        }
    }

    /// A whole number.
    #[inline(never)]
    pub fn u64(&mut self, v: u64) {
        let _ = write!(self.out, "{v}");
    }

    /// A string with `"`, `\` and control characters escaped.
    #[inline(never)]
    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if c < ' ' => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// Opens an object.
    #[inline(never)]
    pub fn begin_object(&mut self) {
        self.out.push('{');
        self.open.push(false);
    }

    /// Starts the field `key` of the open object.
    #[inline(never)]
    pub fn key(&mut self, key: &str) {
        self.separate();
        if self.pretty {
            self.out.push('\n');
            (0..self.open.len()).for_each(|_| self.out.push_str("  "));
        }
        self.string(key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    /// Closes the open object.
    #[inline(never)]
    pub fn end_object(&mut self) {
        let had = self.open.pop().unwrap_or(false);
        if self.pretty && had {
            self.out.push('\n');
            (0..self.open.len()).for_each(|_| self.out.push_str("  "));
        }
        self.out.push('}');
    }

    /// Opens an array.
    #[inline(never)]
    pub fn begin_array(&mut self) {
        self.out.push('[');
        self.open.push(false);
    }

    /// Starts the next element of the open array.
    #[inline(never)]
    pub fn item(&mut self) {
        self.separate();
    }

    /// Closes the open array.
    #[inline(never)]
    pub fn end_array(&mut self) {
        self.open.pop();
        self.out.push(']');
    }

    fn separate(&mut self) {
        if let Some(had) = self.open.last_mut() {
            if *had {
                self.out.push(',');
            }
            *had = true;
        }
    }

    /// One field: its key, then its value.
    pub fn field<T: super::Json>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write(self);
    }
}
