//! What the page loads, its gzipped size, and the budget that size must
//! keep: `cargo xtask build` prints it, `cargo xtask test` fails over it,
//! the benchmark reports it.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

/// Everything `index.html` loads, relative to `dist/` (the training
/// worker's script when Play trains the transformer): what the budget counts.
pub const PAGE_FILES: [&str; 8] = [
    "index.html",
    "www/style.css",
    "www/main.js",
    "www/assets.js",
    "www/wasm.js",
    "www/worker.js",
    "pkg/neuronlab.js",
    "pkg/neuronlab_bg.wasm",
];

/// What the scaling lab loads when the Language model mode is first
/// opened, relative to `dist/` (not part of the first load).
pub const LAB_FILES: [&str; 6] = [
    "www/scaling.js",
    "www/sweep_worker.js",
    "pkg-lab/neuronlab.js",
    "pkg-lab/neuronlab_bg.wasm",
    "www/corpora/genesis-en.txt",
    "www/corpora/tang-song-zh.txt",
];

/// The gzipped size of [`LAB_FILES`] in `dist` (the ones there).
pub fn lab_gzipped(dist: &Path) -> usize {
    LAB_FILES
        .iter()
        .filter_map(|f| file_sizes(&dist.join(f)).ok())
        .map(|(_, gz)| gz)
        .sum()
}

/// The most everything the page loads may weigh, gzipped (bytes).
pub const GZIP_BUDGET: usize = 400 * 1024;

/// Gzipped size of `bytes` at the best compression level.
pub fn gzip_len(bytes: &[u8]) -> usize {
    gzip(bytes, Compression::best()).len()
}

/// `bytes` gzipped at `level`.
pub fn gzip(bytes: &[u8], level: Compression) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), level);
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// The raw and the gzipped ([`gzip_len`]) size of a file, in bytes.
pub fn file_sizes(file: &Path) -> Result<(usize, usize)> {
    let bytes = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    Ok((bytes.len(), gzip_len(&bytes)))
}

/// The sizes of the page's files in a built site.
#[derive(Debug, Clone)]
pub struct PageSize {
    /// (file relative to `dist/`, raw bytes, gzipped bytes), in
    /// [`PAGE_FILES`] order.
    pub files: Vec<(String, usize, usize)>,
}

impl PageSize {
    /// Measures [`PAGE_FILES`] in `dist`.
    pub fn measure(dist: &Path) -> Result<PageSize> {
        let files = PAGE_FILES
            .iter()
            .map(|rel| {
                let (raw, gz) = file_sizes(&dist.join(rel))?;
                Ok((rel.to_string(), raw, gz))
            })
            .collect::<Result<_>>()?;
        Ok(PageSize { files })
    }

    /// The gzipped total (bytes).
    pub fn gzipped(&self) -> usize {
        self.files.iter().map(|f| f.2).sum()
    }

    /// The raw total (bytes).
    pub fn raw(&self) -> usize {
        self.files.iter().map(|f| f.1).sum()
    }

    /// Each file's raw and gzipped size and the total against the budget.
    pub fn table(&self) -> String {
        let mut out = String::from("sizes (raw / gzip -9):\n");
        for (rel, raw, gz) in &self.files {
            out.push_str(&format!("  {rel:<24} {raw:>9} B  {gz:>9} B\n"));
        }
        out.push_str(&format!(
            "  the page, gzipped: {} (budget {})",
            kb(self.gzipped()),
            kb(GZIP_BUDGET)
        ));
        out
    }

    /// An error saying by how much the page is over [`GZIP_BUDGET`], if it is.
    pub fn check_budget(&self) -> Result<()> {
        let total = self.gzipped();
        if total > GZIP_BUDGET {
            bail!(
                "the page is {} gzipped, {} over its budget of {} (files: {})",
                kb(total),
                kb(total - GZIP_BUDGET),
                kb(GZIP_BUDGET),
                self.files
                    .iter()
                    .map(|(rel, _, gz)| format!("{rel} {}", kb(*gz)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        Ok(())
    }
}

/// `n` bytes as KB with one decimal.
pub fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_input() {
        let data = vec![b'a'; 10_000];
        let gz = gzip_len(&data);
        assert!(gz > 0 && gz < 200, "gzip of 10k 'a's was {gz} bytes");
    }

    #[test]
    fn the_budget_check_says_by_how_much() {
        let page = |wasm: usize| PageSize {
            files: vec![
                ("index.html".into(), 9000, 3000),
                ("pkg/neuronlab_bg.wasm".into(), 900_000, wasm),
            ],
        };
        assert!(page(GZIP_BUDGET - 3000).check_budget().is_ok());
        let err = page(GZIP_BUDGET - 3000 + 2048)
            .check_budget()
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the page is 402.0 KB gzipped, 2.0 KB over its budget of 400.0 KB"),
            "{err}"
        );
        assert!(err.contains("pkg/neuronlab_bg.wasm 399.1 KB"), "{err}");
    }
}
