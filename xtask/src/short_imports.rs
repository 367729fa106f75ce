//! Short names for the wasm module's imports (release builds).
//!
//! wasm-bindgen names each import after the JS function it calls plus a
//! 16-digit hash (`__wbg_setAttribute_7fbd0b6ed2bd6d0a`), once in the
//! wasm's import section and once as a key of the glue's import object:
//! some 200 imports, ~7 KB of names twice over, the hashes incompressible.
//! This renames every import of the glue's module to a short name (`a`,
//! `b`, … `aa`, …) in both files, and the module itself to `m`: the wasm
//! through walrus (wasm-bindgen's own module library), the glue's text by
//! whole words. The glue must hold each old name, as a whole word, exactly
//! once (its import object's key), or nothing is changed.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::{anyhow, bail, ensure, Context, Result};

/// The module name wasm-bindgen gives the glue's imports.
const MODULE: &str = "./neuronlab_bg.js";
/// Its short name.
const SHORT_MODULE: &str = "m";

/// Renames the imports of `wasm` and the keys of its glue `js` in place
/// (before wasm-opt, which then encodes the module as it would have).
/// Returns the bytes saved (wasm + JS, before compression).
pub fn shorten(wasm: &Path, js: &Path) -> Result<usize> {
    let bytes = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let glue = fs::read_to_string(js).with_context(|| format!("reading {}", js.display()))?;
    let (new_wasm, new_glue) = rename(&bytes, &glue)?;
    let saved = (bytes.len() + glue.len()).saturating_sub(new_wasm.len() + new_glue.len());
    fs::write(wasm, new_wasm)?;
    fs::write(js, new_glue)?;
    Ok(saved)
}

/// The module `bytes` and its glue `glue` with short import names.
pub fn rename(bytes: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let mut module = walrus::ModuleConfig::new()
        // A release build has neither; walrus would add its own.
        .generate_producers_section(false)
        .generate_name_section(false)
        .parse(bytes)
        .map_err(|e| anyhow!("reading the module: {e}"))?;
    let mut names: HashMap<String, String> = HashMap::new();
    for import in module.imports.iter_mut().filter(|i| i.module == MODULE) {
        let short = short_name(names.len());
        import.module = SHORT_MODULE.to_string();
        names.insert(std::mem::replace(&mut import.name, short.clone()), short);
    }
    let glue = rename_keys(glue, &names)?;
    Ok((module.emit_wasm(), glue))
}

/// `glue` with each whole-word `old` of `names` replaced by its new name,
/// and the module's name; an error when an old name is not there exactly once.
fn rename_keys(glue: &str, names: &HashMap<String, String>) -> Result<String> {
    let quoted = format!("\"{MODULE}\"");
    ensure!(
        glue.matches(&quoted).count() == 1,
        "the glue names {MODULE} other than once"
    );
    let glue = glue.replace(&quoted, &format!("\"{SHORT_MODULE}\""));
    let mut out = String::with_capacity(glue.len());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut rest = glue.as_str();
    while let Some(at) = rest.find(|c: char| is_word(c)) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        match names.get_key_value(word) {
            Some((old, new)) => {
                *seen.entry(old.as_str()).or_default() += 1;
                out.push_str(new);
            }
            None => out.push_str(word),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    for old in names.keys() {
        match seen.get(old.as_str()) {
            Some(1) => {}
            Some(n) => bail!("the glue holds {old} {n} times"),
            None => bail!("the glue does not hold {old}"),
        }
    }
    Ok(out)
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The `i`-th short name: `a` … `z`, `A` … `Z`, then two letters, and so on.
fn short_name(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[i % LETTERS.len()]);
        i /= LETTERS.len();
        if i == 0 {
            break;
        }
        i -= 1;
    }
    String::from_utf8(name).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (module (import "./neuronlab_bg.js" "__wbg_f_0123" (func)) (import "env" "g" (func)))
    fn module() -> Vec<u8> {
        let mut config = walrus::ModuleConfig::new();
        config.generate_producers_section(false);
        let mut m = walrus::Module::with_config(config);
        let ty = m.types.add(&[], &[]);
        m.add_import_func(MODULE, "__wbg_f_0123", ty);
        m.add_import_func("env", "g", ty);
        m.emit_wasm()
    }

    #[test]
    fn renames_the_glue_imports_in_both_files() {
        let glue = "const i = { __wbg_f_0123: function() { x__wbg_f_0123x(); } };\nreturn { \"./neuronlab_bg.js\": i };";
        let (wasm, js) = rename(&module(), glue).unwrap();
        assert_eq!(
            js,
            "const i = { a: function() { x__wbg_f_0123x(); } };\nreturn { \"m\": i };"
        );
        let text = String::from_utf8_lossy(&wasm);
        assert!(!text.contains("__wbg_f_0123") && !text.contains(MODULE));
        assert!(text.contains("\u{1}m\u{1}a") && text.contains("\u{3}env\u{1}g"));
        assert_eq!(
            wasm.len(),
            module().len() - (MODULE.len() - 1) - ("__wbg_f_0123".len() - 1)
        );
    }

    #[test]
    fn refuses_a_glue_that_does_not_hold_each_name_once() {
        let twice = "__wbg_f_0123 __wbg_f_0123 \"./neuronlab_bg.js\"";
        assert!(rename(&module(), twice).is_err());
        assert!(rename(&module(), "\"./neuronlab_bg.js\"").is_err());
        assert!(rename(&module(), "__wbg_f_0123").is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(
            (short_name(0), short_name(51), short_name(52)),
            ("a".into(), "Z".into(), "aa".into())
        );
    }
}
