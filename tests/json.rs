//! The saved forms' JSON (`core::json`): numbers and strings read back
//! exactly, every fault typed with its place, hostile nesting refused, and
//! files written by earlier versions (serde_json's pretty layout) still load.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use neuronlab::core::data::Preset;
use neuronlab::core::error::LoadError;
use neuronlab::core::json::{self, JsonError, JsonFault, MAX_DEPTH};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::Session;
use proptest::prelude::*;

fn fault(text: &str) -> (JsonFault, usize, usize) {
    let e: JsonError = json::from_str::<Vec<f64>>(text).unwrap_err();
    (e.fault, e.line, e.column)
}

proptest! {
    /// Any finite number is written in a form that reads back bit for bit.
    #[test]
    fn numbers_read_back_exactly(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        prop_assume!(v.is_finite());
        let text = json::to_string(&vec![v], false);
        let back: Vec<f64> = json::from_str(&text).unwrap();
        prop_assert_eq!(back[0].to_bits(), v.to_bits(), "{}", text);
    }

    /// Any string survives, whatever characters it holds.
    #[test]
    fn strings_read_back_exactly(s in any::<String>()) {
        let text = json::to_string(&s, false);
        prop_assert_eq!(json::from_str::<String>(&text).unwrap(), s);
    }

    /// Any text is read or refused with a fault; nothing panics.
    #[test]
    fn any_text_reads_or_is_refused(s in "[\\[\\]{}\",:0-9eE.+\\-tnrufals \\\\]{0,40}") {
        let _ = json::from_str::<Vec<f64>>(&s);
        let _ = Session::from_json(&s);
    }
}

#[test]
fn faults_are_typed_and_placed() {
    assert_eq!(fault("[1, 2"), (JsonFault::Truncated, 1, 6));
    assert_eq!(fault("[1,\n 2 x]"), (JsonFault::Syntax, 2, 4));
    assert_eq!(fault("[1, \"two\"]"), (JsonFault::Shape, 1, 5));
    assert_eq!(fault("not json").0, JsonFault::Syntax);
    assert_eq!(fault("[01]").0, JsonFault::Syntax);
    assert_eq!(fault("[1e999]").0, JsonFault::Syntax, "not a finite number");
    assert_eq!(
        fault("[1] [2]").0,
        JsonFault::Syntax,
        "text after the value"
    );
    assert_eq!(fault("").0, JsonFault::Truncated);
    assert_eq!(
        fault("[tru").0,
        JsonFault::Shape,
        "a cut `true` is a value of the wrong kind"
    );
    // Escapes, surrogate pairs, and the faults of broken ones.
    let s: String = json::from_str(r#""a\"\\\/\n\u00e9\ud83d\ude00""#).unwrap();
    assert_eq!(s, "a\"\\/\né😀");
    for bad in [r#""\ud83d""#, r#""\x""#, "\"a\u{1}\""] {
        assert_eq!(
            json::from_str::<String>(bad).unwrap_err().fault,
            JsonFault::Syntax,
            "{bad}"
        );
    }
    assert_eq!(
        json::from_str::<String>("\"abc").unwrap_err().fault,
        JsonFault::Truncated
    );
    // A bad escape before a character of several bytes: a fault, not a panic.
    let strings = |t: &str| {
        let e = json::from_str::<Vec<String>>(t).unwrap_err();
        (e.fault, e.line, e.column)
    };
    assert_eq!(strings("[\"\\é\"]"), (JsonFault::Syntax, 1, 5));
    // Columns count characters, not bytes.
    assert_eq!(strings("[\n \"é\", x]"), (JsonFault::Syntax, 2, 7));
    // Whole numbers: no fraction, no sign, within range.
    assert_eq!(
        json::from_str::<u64>("18446744073709551615").unwrap(),
        u64::MAX
    );
    for bad in ["1.5", "-1", "18446744073709551616"] {
        assert_eq!(
            json::from_str::<u64>(bad).unwrap_err().fault,
            JsonFault::Shape,
            "{bad}"
        );
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    // An unknown field is skipped, however deep it goes — up to the limit.
    let deep = format!("{{\"x\": {}", "[".repeat(100_000));
    assert!(matches!(
        Session::from_json(&deep).unwrap_err(),
        LoadError::Json { fault: JsonFault::Syntax, line: 1, column } if column == 7 + MAX_DEPTH
    ));
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
    let wrapped = format!("{{\"x\": {ok}, \"format\": 1}}");
    assert_eq!(
        Session::from_json(&wrapped).unwrap_err(),
        LoadError::Json {
            fault: JsonFault::Shape,
            line: 1,
            column: wrapped.len() - 1,
        }
    );
}

/// A file in the layout serde_json's pretty printer wrote (one array
/// element per line, `1.0` for whole numbers) loads to the same session.
#[test]
fn files_of_earlier_versions_still_load() {
    let mut s = session_on(Preset::Moons, 60, 0.3, ModelKind::Network, |st| {
        st.momentum = 0.9
    });
    train(&mut s, 37);
    let ours = s.to_json();
    let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
    let theirs = serde_json::to_string_pretty(&value).unwrap();
    assert_ne!(ours, theirs, "a different layout");
    let back = Session::from_json(&theirs).unwrap();
    assert_eq!(back.to_json(), ours);
    let bits = |s: &Session| {
        s.model()
            .params()
            .iter()
            .map(|p| p.to_bits())
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(&back), bits(&s));
}
