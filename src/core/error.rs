//! Why the engine refused something, as typed values. The page words them
//! in its own language (`app::messages`); `core` never writes a sentence.
//! Each error lives beside what produces it; this file re-exports them and
//! holds those of loading and stepping, and the excerpt rule.

pub use super::data::DataError;
pub use super::json::{JsonError, JsonFault};
pub use super::lm::tokens::TextError;
pub use super::model::ParamError;
pub use super::settings::SettingError;

/// Longest excerpt of the user's input an error carries (characters).
pub const EXCERPT_CHARS: usize = 40;

/// At most [`EXCERPT_CHARS`] characters of `text`, with `…` when cut.
pub fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Why a saved state (file, link, autosave) was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The text is not a NeuronLab state; `line` and `column` from 1.
    Json {
        /// What kind of fault.
        fault: JsonFault,
        /// Line of the fault.
        line: usize,
        /// Column of the fault.
        column: usize,
    },
    /// The `format` field is not ours (shortened by [`excerpt`]).
    Format(String),
    /// A version this app does not read.
    Version {
        /// The file's version.
        found: u64,
        /// The version this app reads.
        supported: u32,
    },
    /// A link that is not base64.
    Link,
    /// The settings are refused.
    Settings(SettingError),
    /// A point is refused.
    Point(DataError),
    /// A language model's training text is refused.
    Text(TextError),
    /// The parameter count does not fit the model.
    ParamCount {
        /// What the model needs.
        expected: usize,
        /// What the file has.
        found: usize,
    },
    /// A parameter beyond ±[`super::session::DIVERGENCE_LIMIT`] or not finite.
    ParamValue,
    /// The step or epoch counter is past [`super::session::MAX_STEP`].
    Counter,
    /// The position within the epoch is past the end of the data.
    Cursor,
}

/// Checks a saved state's `format` and `version` fields against what this
/// app writes: the same refusal for every kind of file.
pub fn check_header(
    format: &str,
    version: u64,
    want: &str,
    supported: u32,
) -> Result<(), LoadError> {
    if format != want {
        return Err(LoadError::Format(excerpt(format)));
    }
    if version != u64::from(supported) {
        return Err(LoadError::Version {
            found: version,
            supported,
        });
    }
    Ok(())
}

impl From<JsonError> for LoadError {
    fn from(e: JsonError) -> Self {
        LoadError::Json {
            fault: e.fault,
            line: e.line,
            column: e.column,
        }
    }
}

impl From<ParamError> for LoadError {
    fn from(e: ParamError) -> Self {
        match e {
            ParamError::Count { expected, found } => LoadError::ParamCount { expected, found },
            ParamError::Value => LoadError::ParamValue,
        }
    }
}

/// Why a step was not taken.
#[derive(Clone, Debug, PartialEq)]
pub enum StepError {
    /// There are no (training) samples.
    NoPoints,
    /// Classification with only one class present.
    OneClass,
    /// A two-class model with a third class present.
    TooManyClasses,
    /// The last update diverged; Reset or a smaller learning rate is needed.
    Diverged,
    /// The step counter reached [`super::session::MAX_STEP`].
    Counter,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("abc"), "abc");
        let long = "x".repeat(100_000);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(
            excerpt(&"字".repeat(EXCERPT_CHARS)),
            "字".repeat(EXCERPT_CHARS)
        );
    }
}
