//! Optional wasm-opt pass over the wasm-bindgen output, checked before it is kept.
//!
//! Which wasm-opt, first that works:
//! 1. `$WASM_OPT` (a path; `none` skips optimisation),
//! 2. binaryen from npm, pinned in `xtask/npm-tools/package.json` (installed on
//!    first use when npm is available),
//! 3. `wasm-opt` on PATH (Debian's `binaryen`).
//!
//! Debian 12's binaryen 108 silently re-points the exported externref table
//! (`__wbindgen_externrefs`) to the funcref table, which breaks the page at
//! start-up. So every result is checked: its exports must keep their names,
//! kinds and table element types; otherwise it is thrown away with a warning.
//! Nothing here ever fails the build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use walrus::ExportItem;

use crate::{install, process};

/// `-Os --converge`: rustc has optimised for speed already (opt-level 3);
/// binaryen's size passes, run until nothing changes, take 2 KB more off the
/// gzipped page than `-O3` did, and the browser bench could not tell the two
/// apart (epochs, frames and the language model within their noise). And
/// `--low-memory-unused`: Rust's wasm never uses the first KiB of memory
/// (its stack and data start at 1 MiB), so constant offsets fold into loads
/// and stores (1.5 KB less gzipped).
const PASSES: [&str; 3] = ["-Os", "--converge", "--low-memory-unused"];

/// Features that current rustc turns on for wasm32-unknown-unknown and that
/// wasm-opt must accept when it reads and writes the module.
const FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Optimises `wasm` in place with the first wasm-opt that gives a sound result.
pub fn optimise(root: &Path, wasm: &Path) {
    let candidates = match std::env::var_os("WASM_OPT") {
        Some(v) if v == "none" => {
            println!("WASM_OPT=none: keeping the unoptimised module");
            return;
        }
        Some(v) => vec![PathBuf::from(v)],
        None => install::ensure_npm_tool(root, "wasm-opt")
            .into_iter()
            .chain(process::which("wasm-opt"))
            .collect(),
    };
    if candidates.is_empty() {
        println!("note: no wasm-opt (npm `binaryen` or Debian `binaryen`); keeping the unoptimised module");
        return;
    }
    for wasm_opt in candidates {
        let started = Instant::now();
        match run_checked(&wasm_opt, wasm) {
            Ok((before, after)) => {
                println!(
                    "wasm-opt {} ({}): {before} -> {after} bytes in {:.1} s",
                    PASSES.join(" "),
                    wasm_opt.display(),
                    started.elapsed().as_secs_f64()
                );
                return;
            }
            Err(e) => println!("warning: {} not used: {e:#}", wasm_opt.display()),
        }
    }
    println!("warning: keeping the unoptimised module");
}

/// Runs one wasm-opt into a temporary file and keeps its output only if the
/// exports survived intact. Returns the sizes before and after.
fn run_checked(wasm_opt: &Path, wasm: &Path) -> Result<(usize, usize)> {
    let original = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let tmp = wasm.with_extension("opt.wasm");
    let result = (|| {
        process::output(
            Command::new(wasm_opt)
                .args(PASSES)
                .args(FEATURES)
                .arg(wasm)
                .arg("-o")
                .arg(&tmp),
        )?;
        let optimised = fs::read(&tmp)?;
        let want = exports(&original).context("reading the exports of the input")?;
        let got = exports(&optimised).context("reading the exports of wasm-opt's output")?;
        if want != got {
            let changed: Vec<&str> = want
                .iter()
                .filter(|e| !got.contains(e))
                .map(|(name, _)| name.as_str())
                .collect();
            bail!("its output changes the module's exports {changed:?} (binaryen 108 does this)");
        }
        fs::rename(&tmp, wasm).context("replacing the module")?;
        Ok((original.len(), optimised.len()))
    })();
    let _ = fs::remove_file(&tmp);
    result
}

/// One export of a module: its name, and its kind (for a table, with its
/// element type: `funcref` and `externref` must not trade places).
type Export = (String, String);

/// The exports of a wasm binary, sorted by name, with table element types resolved.
pub fn exports(bytes: &[u8]) -> Result<Vec<Export>> {
    let module = walrus::Module::from_buffer(bytes).map_err(|e| anyhow!("{e}"))?;
    let mut out: Vec<Export> = module
        .exports
        .iter()
        .map(|e| {
            let kind = match e.item {
                ExportItem::Function(_) => "function".to_string(),
                ExportItem::Table(t) => format!("table of {}", module.tables.get(t).element_ty),
                ExportItem::Memory(_) => "memory".to_string(),
                ExportItem::Global(_) => "global".to_string(),
                ExportItem::Tag(_) => "tag".to_string(),
            };
            (e.name.clone(), kind)
        })
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (module (table 1 funcref) (table 2 externref) (export "t" (table 1)))
    const TWO_TABLES: &[u8] = &[
        0, b'a', b's', b'm', 1, 0, 0, 0, // header
        4, 7, 2, 0x70, 0, 1, 0x6f, 0, 2, // table section
        7, 5, 1, 1, b't', 1, 1, // export section
    ];

    #[test]
    fn exports_resolve_table_types() {
        let kind = |bytes: &[u8]| exports(bytes).unwrap()[0].1.clone();
        let mut repointed = TWO_TABLES.to_vec();
        *repointed.last_mut().unwrap() = 0;
        assert_ne!(kind(TWO_TABLES), kind(&repointed));
        assert!(
            kind(TWO_TABLES).starts_with("table of ext"),
            "{}",
            kind(TWO_TABLES)
        );
        assert!(
            kind(&repointed).starts_with("table of func"),
            "{}",
            kind(&repointed)
        );
        assert!(exports(&TWO_TABLES[..12]).is_err());
        assert!(exports(b"nope").is_err());
    }
}
