//! The four layers as docs/ARCHITECTURE.md draws them: `core` and `app`
//! never touch a web crate; imports point only down `web → render → app →
//! core`; and no two files import each other, directly or around a loop.
//! The same for xtask's files (no layers there, no loops either).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module's path, e.g. `["core", "model"]`.
type Module = Vec<String>;
/// Who imports whom.
type Edges = BTreeMap<Module, BTreeSet<Module>>;

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `src/core/model/mod.rs` → `["core", "model"]`.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut m: Module = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        m.pop();
    }
    m
}

/// The code of `text` without comments and string literals (roughly).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths `text` names from `crate::` or `super::`, as module paths
/// resolved from module `here` (each a list of segments, items included);
/// `crate::{a, b::c}` names `a` and `b::c`.
fn paths(here: &[String], text: &str) -> Vec<Module> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let rest: String = text[at..]
                .chars()
                .take_while(|c| {
                    c.is_alphanumeric()
                        || *c == '_'
                        || *c == ':'
                        || *c == '{'
                        || *c == ','
                        || *c == ' '
                })
                .collect();
            // The names in a `{…}` list (to its `}`, across lines), each
            // from its first segment; `self` is the path before the list.
            let (prefix, names) = match rest.find('{') {
                Some(b) => {
                    let open = at + b;
                    let close = text[open..].find('}').map_or(text.len(), |c| open + c);
                    let names = text[open + 1..close]
                        .split(',')
                        .map(|n| n.split("::").next().unwrap_or("").trim())
                        .filter(|n| !n.is_empty())
                        .map(|n| if n == "self" { "" } else { n })
                        .map(String::from)
                        .collect();
                    (&rest[..b], names)
                }
                None => (rest.as_str(), vec![String::new()]),
            };
            for name in names {
                let mut segs: Vec<String> = prefix
                    .split("::")
                    .chain([name.as_str()])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                let mut base: Module = if segs.first().map(String::as_str) == Some("crate") {
                    segs.remove(0);
                    Vec::new()
                } else {
                    here.to_vec()
                };
                while segs.first().map(String::as_str) == Some("super") {
                    segs.remove(0);
                    base.pop();
                }
                base.extend(segs);
                out.push(base);
            }
        }
    }
    out
}

/// Every module of the crate rooted at `src`, with its file, and who
/// imports whom; `check(importer, imported, file)` sees each import.
fn graph(
    src: &Path,
    mut check: impl FnMut(&Module, &Module, &Path),
) -> (BTreeMap<Module, PathBuf>, Edges) {
    let mut all = Vec::new();
    files(src, &mut all);
    let modules: BTreeMap<Module, PathBuf> =
        all.iter().map(|f| (module_of(src, f), f.clone())).collect();
    let mut edges = Edges::new();
    for (m, file) in &modules {
        let text = code(&fs::read_to_string(file).unwrap());
        for p in paths(m, &text) {
            // The longest prefix that is a file is the module imported.
            let target = (1..=p.len())
                .rev()
                .map(|n| p[..n].to_vec())
                .find(|q| modules.contains_key(q));
            let Some(t) = target else { continue };
            // A module file declaring or re-exporting its own children is
            // not an import of them.
            if &t == m || t.starts_with(m) {
                continue;
            }
            check(m, &t, file);
            edges.entry(m.clone()).or_default().insert(t);
        }
    }
    (modules, edges)
}

/// Fails on an import loop: a depth-first search finds no edge back to a
/// file on its path.
fn assert_no_loop(modules: &BTreeMap<Module, PathBuf>, edges: &Edges) {
    fn visit(m: &Module, edges: &Edges, state: &mut BTreeMap<Module, u8>, path: &mut Vec<Module>) {
        state.insert(m.clone(), 1);
        path.push(m.clone());
        for t in edges.get(m).into_iter().flatten() {
            match state.get(t) {
                Some(1) => {
                    let from = path.iter().position(|p| p == t).unwrap();
                    let cycle: Vec<String> = path[from..].iter().map(|p| p.join("::")).collect();
                    panic!("an import loop: {} → {}", cycle.join(" → "), t.join("::"));
                }
                Some(_) => {}
                None => visit(t, edges, state, path),
            }
        }
        path.pop();
        state.insert(m.clone(), 2);
    }
    let mut state = BTreeMap::new();
    for m in modules.keys() {
        if !state.contains_key(m) {
            visit(m, edges, &mut state, &mut Vec::new());
        }
    }
}

#[test]
fn layers_and_files_import_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rank = |m: &[String]| match m.first().map(String::as_str) {
        Some("core") => 0,
        Some("app") => 1,
        Some("render") => 2,
        Some("web") => 3,
        _ => 4,
    };
    let (modules, edges) = graph(&src, |m, t, file| {
        assert!(
            rank(t) <= rank(m),
            "{} imports {} from a layer above",
            file.display(),
            t.join("::")
        );
    });
    for (m, file) in &modules {
        if rank(m) <= 1 {
            let text = code(&fs::read_to_string(file).unwrap());
            for web in ["web_sys", "js_sys", "wasm_bindgen"] {
                assert!(!text.contains(web), "{} uses {web}", file.display());
            }
        }
    }
    assert_no_loop(&modules, &edges);
    assert!(
        edges.len() > 30,
        "the imports were read ({} files import others)",
        edges.len()
    );
}

#[test]
fn xtask_files_import_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("xtask/src");
    let (modules, edges) = graph(&src, |_, _, _| {});
    assert_no_loop(&modules, &edges);
    assert!(
        edges
            .get(&vec!["build".to_string()])
            .is_some_and(|t| t.contains(&vec!["dirs".to_string()])),
        "a brace list is read (build.rs's `use crate::{{dirs, …}}`): {edges:?}"
    );
    assert!(
        edges.len() > 15,
        "the imports were read ({} files import others)",
        edges.len()
    );
}
