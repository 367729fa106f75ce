//! The message table: both languages filled in, same placeholders, unique keys, every page key known, no message unused.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::support::has_cjk;
use neuronlab::app::lang::{fill, placeholders};
use neuronlab::app::{Lang, Msg};

/// Messages whose Chinese text is a formula: the same in both languages, no CJK.
const FORMULAS: &[Msg] = &[
    Msg::AxisZ,
    Msg::FormulaLinear,
    Msg::FormulaPoly,
    Msg::FormulaSingle,
];

/// Messages that nothing in `src/` (as `Msg::Name`) or `index.html` (as a
/// `data-i18n` key) uses today. The web layer is moving from its own
/// `web::i18n` table to `Msg`; empty this list as it does, and delete a
/// message that stays unused.
const KNOWN_UNUSED: &[&str] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn index_keys() -> Vec<String> {
    let html = std::fs::read_to_string(root().join("index.html")).expect("index.html");
    let attr = "data-i18n=\"";
    html.match_indices(attr)
        .map(|(at, _)| {
            let rest = &html[at + attr.len()..];
            rest[..rest.find('"').expect("closing quote")].to_string()
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `Msg::Name` written in `src/` outside the table itself.
fn names_used_in_src() -> HashSet<String> {
    names_used("src/app/messages.rs", "Msg::")
}

/// Every `{prefix}Name` written in `src/` outside the table at `table`.
fn names_used(table: &str, prefix: &str) -> HashSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let table = root().join(table);
    assert!(files.contains(&table), "the message table moved");
    let mut used = HashSet::new();
    for f in files.iter().filter(|f| **f != table) {
        let text = std::fs::read_to_string(f).expect("source file");
        for (at, m) in text.match_indices(prefix) {
            // `PMsg::X` is not `Msg::X`.
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            used.insert(rest[..end].to_string());
        }
    }
    used
}

#[test]
fn every_message_has_text_in_both_languages() {
    assert!(Msg::ALL.len() > 100, "{}", Msg::ALL.len());
    for &m in Msg::ALL {
        for lang in Lang::ALL {
            let t = m.template(lang);
            assert!(!t.trim().is_empty(), "{m:?} {lang:?} is empty");
            assert_eq!(t, t.trim(), "{m:?} {lang:?} has stray spaces");
            assert_eq!(m.text(lang), t);
        }
        assert!(!has_cjk(m.template(Lang::En)), "{m:?}: CJK in English");
    }
}

#[test]
fn both_languages_use_the_same_placeholders() {
    for &m in Msg::ALL {
        let en: BTreeSet<&str> = placeholders(m.template(Lang::En)).into_iter().collect();
        let zh: BTreeSet<&str> = placeholders(m.template(Lang::Zh)).into_iter().collect();
        assert_eq!(en, zh, "{m:?}");
        for name in &en {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()),
                "{m:?}: placeholder {{{name}}}"
            );
        }
        // Filling every placeholder leaves no brace behind.
        let args: Vec<(&str, &str)> = en.iter().map(|&n| (n, "7")).collect();
        for lang in Lang::ALL {
            let filled = m.fill(lang, &args);
            assert!(!filled.contains(['{', '}']), "{m:?} {lang:?}: {filled}");
            assert_eq!(filled, fill(m.template(lang), &args));
        }
    }
}

#[test]
fn chinese_texts_are_chinese_except_formulas() {
    for &m in Msg::ALL {
        let zh = m.template(Lang::Zh);
        if FORMULAS.contains(&m) {
            assert!(!has_cjk(zh), "{m:?} is listed as a formula but has CJK");
            assert_eq!(zh, m.template(Lang::En), "{m:?}: a formula reads the same");
        } else {
            assert!(has_cjk(zh), "{m:?}: no Chinese in {zh:?}");
        }
    }
}

#[test]
fn keys_and_names_are_unique_and_round_trip() {
    let mut keys = HashSet::new();
    let mut names = HashSet::new();
    for &m in Msg::ALL {
        assert!(keys.insert(m.key()), "key {:?} twice", m.key());
        assert!(names.insert(m.name()), "name {:?} twice", m.name());
        assert_eq!(Msg::from_key(m.key()), Some(m));
        assert!(
            m.key()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "key {:?}",
            m.key()
        );
    }
    assert_eq!(Msg::from_key("no-such-key"), None);
    assert_eq!(format!("{:?}", Msg::Lr), Msg::Lr.name());
}

#[test]
fn every_page_key_is_a_message() {
    let keys = index_keys();
    assert!(keys.len() > 20, "found only {} data-i18n keys", keys.len());
    for key in keys {
        assert!(
            Msg::from_key(&key).is_some(),
            "index.html: unknown key {key:?}"
        );
    }
}

#[test]
fn no_message_is_unused() {
    let used = names_used_in_src();
    let page: HashSet<String> = index_keys().into_iter().collect();
    let unused: Vec<&str> = Msg::ALL
        .iter()
        .filter(|m| !used.contains(m.name()) && !page.contains(m.key()))
        .map(|m| m.name())
        .collect();
    let fresh: Vec<&&str> = unused
        .iter()
        .filter(|n| !KNOWN_UNUSED.contains(n))
        .collect();
    assert!(fresh.is_empty(), "unused messages: {fresh:?}");
    let stale: Vec<&&str> = KNOWN_UNUSED
        .iter()
        .filter(|n| !unused.contains(n))
        .collect();
    assert!(
        stale.is_empty(),
        "now used, drop from KNOWN_UNUSED: {stale:?}"
    );
    for name in KNOWN_UNUSED {
        assert!(
            Msg::ALL.iter().any(|m| m.name() == *name),
            "KNOWN_UNUSED names no message: {name}"
        );
    }
}

/// The Paradigms region's own table: the same checks.
mod paradigms_table {
    use super::*;
    use neuronlab::app::paradigms_messages::PMsg;

    #[test]
    fn both_languages_filled_with_the_same_placeholders() {
        for &m in PMsg::ALL {
            let en: BTreeSet<&str> = placeholders(m.template(Lang::En)).into_iter().collect();
            let zh: BTreeSet<&str> = placeholders(m.template(Lang::Zh)).into_iter().collect();
            assert_eq!(en, zh, "{m:?}");
            for lang in Lang::ALL {
                let t = m.template(lang);
                assert!(!t.trim().is_empty() && t == t.trim(), "{m:?} {lang:?}");
            }
            assert!(!has_cjk(m.template(Lang::En)), "{m:?}: CJK in English");
            assert!(has_cjk(m.template(Lang::Zh)), "{m:?}: no Chinese");
            let args: Vec<(&str, &str)> = en.iter().map(|&n| (n, "7")).collect();
            assert!(!m.fill(Lang::Zh, &args).contains(['{', '}']), "{m:?}");
        }
    }

    #[test]
    fn keys_unique_and_every_message_used() {
        let mut keys = HashSet::new();
        for &m in PMsg::ALL {
            assert!(keys.insert(m.key()), "key {:?} twice", m.key());
            assert!(
                !Msg::ALL.iter().any(|n| n.key() == m.key()),
                "{:?} is a key of the page's table too",
                m.key()
            );
        }
        let used = names_used("src/app/paradigms_messages.rs", "PMsg::");
        let unused: Vec<&str> = PMsg::ALL
            .iter()
            .map(|m| m.name())
            .filter(|n| !used.contains(*n))
            .collect();
        assert!(unused.is_empty(), "unused messages: {unused:?}");
    }
}
