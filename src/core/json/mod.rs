//! The saved forms' JSON (session files, language-model files, share
//! links, autosave), read and written by hand-written impls of [`Json`] on
//! each saved type, beside the type. A tenth of the size of serde +
//! serde_json in the wasm, which every learner downloads; numbers read
//! with [`parse_f64`](crate::core::decimal::parse_f64) (correctly rounded, linear in the digits) and written in the shortest form
//! that reads back to the same `f64`, so a saved state loads bit for bit.

mod reader;
mod writer;

pub use reader::{Reader, MAX_DEPTH};
pub use writer::Writer;

/// What kind of JSON fault a [`JsonError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonFault {
    /// The text stops before the JSON does (a cut file).
    Truncated,
    /// Not JSON at that place.
    Syntax,
    /// JSON, but a field is missing or of the wrong type.
    Shape,
}

/// Why a JSON text was refused: the kind of fault and where (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What kind of fault.
    pub fault: JsonFault,
    /// Line of the fault.
    pub line: usize,
    /// Column of the fault (in characters).
    pub column: usize,
}

/// A type with a JSON form.
pub trait Json: Sized {
    /// Writes the value.
    fn write(&self, w: &mut Writer);
    /// Reads a value; a [`JsonError`] when the text is not one.
    fn read(r: &mut Reader) -> Result<Self, JsonError>;
}

/// `value` as JSON: compact, or with objects on indented lines (`pretty`;
/// arrays of numbers stay on one line).
pub fn to_string<T: Json>(value: &T, pretty: bool) -> String {
    let mut w = Writer::new(pretty);
    value.write(&mut w);
    w.finish()
}

/// A `T` from the whole of `text` (white space around it allowed).
pub fn from_str<T: Json>(text: &str) -> Result<T, JsonError> {
    let mut r = Reader::new(text);
    let v = T::read(&mut r)?;
    r.finish()?;
    Ok(v)
}

/// A field's value once read, or the shape fault of its absence.
pub fn need<T>(v: Option<T>, r: &Reader) -> Result<T, JsonError> {
    v.ok_or_else(|| r.shape())
}

impl Json for f64 {
    fn write(&self, w: &mut Writer) {
        w.f64(*self);
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        r.f64()
    }
}

impl Json for u64 {
    fn write(&self, w: &mut Writer) {
        w.u64(*self);
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        r.u64()
    }
}

impl Json for usize {
    fn write(&self, w: &mut Writer) {
        w.u64(*self as u64);
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        let v = r.u64()?;
        usize::try_from(v).map_err(|_| r.shape())
    }
}

impl Json for bool {
    fn write(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        r.bool()
    }
}

impl Json for String {
    fn write(&self, w: &mut Writer) {
        w.string(self);
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        r.string()
    }
}

impl<T: Json> Json for Vec<T> {
    fn write(&self, w: &mut Writer) {
        w.begin_array();
        for v in self {
            w.item();
            v.write(w);
        }
        w.end_array();
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        let mut out = Vec::new();
        r.array(|r| {
            out.push(T::read(r)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl<T: Json> Json for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write(w),
            None => w.raw("null"),
        }
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        if r.null()? {
            return Ok(None);
        }
        T::read(r).map(Some)
    }
}

/// [`Json`] for an enum of unit variants, each written as its name:
/// `json_names!(Task { Classification => "Classification", … });`.
#[macro_export]
macro_rules! json_names {
    ($t:ty { $($v:ident => $name:literal),+ $(,)? }) => {
        impl $crate::core::json::Json for $t {
            fn write(&self, w: &mut $crate::core::json::Writer) {
                w.string(match self { $(<$t>::$v => $name),+ });
            }
            fn read(
                r: &mut $crate::core::json::Reader,
            ) -> Result<Self, $crate::core::json::JsonError> {
                let name = r.string()?;
                match name.as_str() {
                    $($name => Ok(<$t>::$v),)+
                    _ => Err(r.shape()),
                }
            }
        }
    };
}

/// [`Json`] for a struct with named fields, each written under its own
/// name in order; a field with `= default` may be missing (it then takes
/// the default), the others must be there; unknown fields are skipped:
/// `json_struct!(Point { x, y, class = 0 });`.
#[macro_export]
macro_rules! json_struct {
    ($t:ident { $($f:ident $(= $d:expr)?),+ $(,)? }) => {
        impl $crate::core::json::Json for $t {
            fn write(&self, w: &mut $crate::core::json::Writer) {
                w.begin_object();
                $( w.field(stringify!($f), &self.$f); )+
                w.end_object();
            }
            fn read(
                r: &mut $crate::core::json::Reader,
            ) -> Result<Self, $crate::core::json::JsonError> {
                $( let mut $f = None; )+
                r.object(|r, key| {
                    match key {
                        $( stringify!($f) => $f = Some($crate::core::json::Json::read(r)?), )+
                        _ => r.skip()?,
                    }
                    Ok(())
                })?;
                Ok($t { $( $f: $crate::json_struct!(@field r, $f $(, $d)?), )+ })
            }
        }
    };
    (@field $r:ident, $f:ident) => { $crate::core::json::need($f, $r)? };
    (@field $r:ident, $f:ident, $d:expr) => { $f.unwrap_or_else(|| $d) };
}
