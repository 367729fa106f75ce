//! esbuild's minifier over the page's own JS and CSS in `dist/` (release
//! builds): the wasm-bindgen glue, the page's scripts and `www/style.css`, each
//! replaced by its minified form (about 2.6 KB less gzipped). Optional like
//! wasm-opt: without npm, or when esbuild fails, a file stays as it was.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{ensure, Context, Result};

use crate::{install, process};

/// The files minified, relative to `dist/`.
pub const FILES: [&str; 9] = [
    "pkg/neuronlab.js",
    "www/main.js",
    "www/assets.js",
    "www/wasm.js",
    "www/worker.js",
    "www/style.css",
    "pkg-lab/neuronlab.js",
    "www/scaling.js",
    "www/sweep_worker.js",
];

/// Minifies [`FILES`] in `dist` in place with npm's esbuild.
pub fn site(root: &Path, dist: &Path) {
    let Some(esbuild) = install::ensure_npm_tool(root, "esbuild") else {
        println!("note: no esbuild; the page's JS and CSS stay unminified");
        return;
    };
    for rel in FILES {
        let file = dist.join(rel);
        match one(&esbuild, &file) {
            Ok((before, after)) => println!("esbuild --minify {rel}: {before} -> {after} bytes"),
            Err(e) => println!("warning: {rel} left unminified: {e:#}"),
        }
    }
}

/// Minifies `file` into a temporary file next to it and keeps the result if
/// esbuild succeeded and wrote something. Returns the sizes before and after.
fn one(esbuild: &Path, file: &Path) -> Result<(usize, usize)> {
    let before = fs::metadata(file)
        .with_context(|| format!("reading {}", file.display()))?
        .len() as usize;
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("js");
    let tmp = file.with_extension(format!("min.{ext}"));
    let result = (|| {
        process::output(
            Command::new(esbuild)
                .arg(file)
                .args(["--minify", "--log-level=warning"])
                .arg(format!("--outfile={}", tmp.display())),
        )?;
        let after = fs::metadata(&tmp)?.len() as usize;
        ensure!(
            after > 0 && after < before,
            "esbuild wrote {after} bytes from {before}"
        );
        fs::rename(&tmp, file).context("replacing the file")?;
        Ok((before, after))
    })();
    let _ = fs::remove_file(&tmp);
    result
}

/// `html` without the indentation that starts its lines: a line break and
/// the spaces after it show as one space either way. Text inside `<pre>` or
/// `<textarea>`, where white space shows as it is, is left as it is.
pub fn html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut keep = false;
    for (i, line) in html.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(if keep { line } else { line.trim_start() });
        for (open, close) in [("<pre", "</pre>"), ("<textarea", "</textarea>")] {
            if let (Some(a), b) = (line.rfind(open), line.rfind(close)) {
                keep = b.is_none_or(|b| b < a);
            } else if line.contains(close) {
                keep = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn html_loses_indentation_but_not_preformatted_text() {
        assert_eq!(
            html("<div>\n    <p>a\n      b</p>\n</div>"),
            "<div>\n<p>a\nb</p>\n</div>"
        );
        let kept = "<textarea>\n  x\n  y</textarea>\n  <p>";
        assert_eq!(html(kept), "<textarea>\n  x\n  y</textarea>\n<p>");
        let one_line = "  <textarea id=t></textarea>\n    <p>";
        assert_eq!(html(one_line), "<textarea id=t></textarea>\n<p>");
    }
}
