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

use anyhow::{bail, ensure, Context, Result};

use crate::wasm_reader::Reader;
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
                .map(|(name, _, _)| name.as_str())
                .collect();
            bail!("its output changes the module's exports {changed:?} (binaryen 108 does this)");
        }
        fs::rename(&tmp, wasm).context("replacing the module")?;
        Ok((original.len(), optimised.len()))
    })();
    let _ = fs::remove_file(&tmp);
    result
}

/// One export of a module: its name, kind (0 func, 1 table, 2 memory, 3 global,
/// 4 tag) and, for a table, its element type byte (0x70 funcref, 0x6f externref).
type Export = (String, u8, Option<u8>);

/// The exports of a wasm binary, sorted by name, with table element types resolved.
pub fn exports(bytes: &[u8]) -> Result<Vec<Export>> {
    let mut r = Reader { bytes, pos: 0 };
    ensure!(r.take(8)? == b"\0asm\x01\0\0\0", "not a wasm module");
    let mut tables: Vec<u8> = Vec::new(); // element types, imports first
    let mut raw_exports: Vec<(String, u8, u32)> = Vec::new();
    while r.pos < bytes.len() {
        let id = r.byte()?;
        let len = r.u32()? as usize;
        let mut s = Reader {
            bytes: r.take(len)?,
            pos: 0,
        };
        match id {
            2 => {
                for _ in 0..s.u32()? {
                    s.name()?;
                    s.name()?;
                    tables.extend(s.import_desc()?);
                }
            }
            4 => {
                for _ in 0..s.u32()? {
                    tables.push(s.table_type()?);
                }
            }
            7 => {
                for _ in 0..s.u32()? {
                    let name = s.name()?;
                    let kind = s.byte()?;
                    raw_exports.push((name, kind, s.u32()?));
                }
            }
            _ => {}
        }
    }
    let mut out = raw_exports
        .into_iter()
        .map(|(name, kind, index)| {
            let table = if kind == 1 {
                Some(
                    *tables
                        .get(index as usize)
                        .with_context(|| format!("export {name} names a missing table"))?,
                )
            } else {
                None
            };
            Ok((name, kind, table))
        })
        .collect::<Result<Vec<_>>>()?;
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
        assert_eq!(
            exports(TWO_TABLES).unwrap(),
            vec![("t".to_string(), 1, Some(0x6f))]
        );
        let mut repointed = TWO_TABLES.to_vec();
        *repointed.last_mut().unwrap() = 0;
        assert_eq!(
            exports(&repointed).unwrap(),
            vec![("t".to_string(), 1, Some(0x70))]
        );
        assert!(exports(&TWO_TABLES[..12]).is_err());
        assert!(exports(b"nope").is_err());
    }
}
