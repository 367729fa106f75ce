//! `cargo xtask build --single-file`: the whole app as one HTML file,
//! `dist/neuronlab.html`, that works when opened from `file://` (a USB
//! stick, no server, no network).
//!
//! It repackages what the build already wrote into `dist/`: the page's
//! stylesheets become `<style>` elements, and its module script
//! (`www/main.js`) one inline `<script type="module">`, bundled by esbuild
//! with everything it imports. The page's `www/assets.js` (where the wasm
//! and the training worker are) goes in through a stand-in
//! ([`ASSETS_STAND_IN`]): the wasm's bytes, inlined by esbuild's binary
//! loader, and the worker's script, bundled by esbuild with the glue and
//! inlined as text, started from a Blob URL.
//! Inline module scripts run from `file://`; external ones and `fetch()` do
//! not. Anything else the page would load (an image, another script) stops
//! the packager with an error rather than giving a file that silently
//! needs the network.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::html_tags::{self, Tag};
use crate::size::{file_sizes, kb};
use crate::{dirs, install, process, project};

/// The single file's name in `dist/`.
pub const FILE_NAME: &str = "neuronlab.html";
/// The page's module that says where the wasm and the worker are.
const ASSETS: &str = "www/assets.js";
/// The training worker's script, as the site serves it.
const WORKER: &str = "www/worker.js";
/// The scaling lab's sweep worker, as the site serves it.
const LAB_WORKER: &str = "www/sweep_worker.js";
/// It bundled with the lab's glue, as text for the stand-in.
const LAB_WORKER_BUNDLE: &str = "www/sweep_worker.bundle.txt";
/// The worker's script bundled with the glue, as text for the stand-in.
const WORKER_BUNDLE: &str = "www/worker.bundle.txt";
/// What the page's script imports in place of [`ASSETS`]: the wasm's
/// bytes, and the worker's bundled script started from a Blob URL, as a
/// classic script (Chromium refuses a module worker from a Blob URL in a
/// page opened from `file://`).
const ASSETS_STAND_IN: &str = "\
// The wasm, the workers and the scaling lab's texts, inline: nothing to
// fetch from file://.
import bytes from '../pkg/neuronlab_bg.wasm';
import code from './worker.bundle.txt';
import labBytes from '../pkg-lab/neuronlab_bg.wasm';
import labCode from './sweep_worker.bundle.txt';
import genesis from './corpora/genesis-en.txt';
import tangSong from './corpora/tang-song-zh.txt';
const blob = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
export const wasm = bytes;
export const worker = () => ({ url: blob(code), type: 'classic' });
export const labWasm = labBytes;
export const labWorker = () => ({ url: blob(labCode), type: 'classic' });
const corpora = { 'genesis-en.txt': genesis, 'tang-song-zh.txt': tangSong };
export const corpus = (file) => Promise.resolve(corpora[file]);
";

/// Writes `<dist>/neuronlab.html` from the site the build left in `dist`
/// (`index.html`, its stylesheets and script, `pkg/`), minified with
/// `minify`, prints its size next to the site's (`site_gz` bytes
/// gzipped), and returns its path. Needs esbuild (npm).
pub fn write(root: &Path, dist: &Path, minify: bool, site_gz: usize) -> Result<PathBuf> {
    let esbuild = install::ensure_npm_tool(root, "esbuild").context(
        "the one-file page is bundled by esbuild, from npm: install Node.js with npm and build again",
    )?;
    let work = project::target_dir(root)?.join("single-file");
    let read = |rel: &str| {
        fs::read_to_string(dist.join(rel)).with_context(|| format!("reading dist/{rel}"))
    };
    let bundle = |src: &str| bundle(&esbuild, dist, &work, src, minify);
    let html = package(&read("index.html")?, &read, &bundle)?;
    let out = dist.join(FILE_NAME);
    fs::write(&out, html).with_context(|| format!("writing {}", out.display()))?;
    let (raw, gz) = file_sizes(&out)?;
    println!(
        "single file: {} ({}, {} gzipped; the site's page, styles, script, glue and wasm: {} gzipped)",
        out.display(),
        kb(raw),
        kb(gz),
        kb(site_gz)
    );
    Ok(out)
}

/// The script `src` of the site in `dist` bundled by `esbuild` with all it
/// imports, [`ASSETS`] through [`ASSETS_STAND_IN`] (the worker bundled
/// first, on its own); `work` is a scratch folder.
fn bundle(esbuild: &Path, dist: &Path, work: &Path, src: &str, minify: bool) -> Result<String> {
    dirs::remove(work)?;
    for dir in ["www", "pkg", "pkg-lab"] {
        dirs::copy(&dist.join(dir), &work.join(dir))?;
    }
    let worker =
        run_esbuild(esbuild, work, WORKER, "iife", minify).context("bundling the worker")?;
    fs::write(work.join(WORKER_BUNDLE), worker)?;
    let lab_worker = run_esbuild(esbuild, work, LAB_WORKER, "iife", minify)
        .context("bundling the scaling lab's worker")?;
    fs::write(work.join(LAB_WORKER_BUNDLE), lab_worker)?;
    fs::write(work.join(ASSETS), ASSETS_STAND_IN)?;
    let js = run_esbuild(esbuild, work, src, "esm", minify)?;
    dirs::remove(work)?;
    Ok(js)
}

/// `src` in `work` bundled by `esbuild` with all it imports (the wasm as
/// bytes, `.txt` files as text), in `format` (`esm` or `iife`).
fn run_esbuild(
    esbuild: &Path,
    work: &Path,
    src: &str,
    format: &str,
    minify: bool,
) -> Result<String> {
    let out = work.join("bundle.js");
    let mut cmd = Command::new(esbuild);
    cmd.arg(work.join(src))
        .args([
            "--bundle",
            "--loader:.wasm=binary",
            "--loader:.txt=text",
            "--charset=utf8",
            "--log-level=warning",
        ])
        .arg(format!("--format={format}"))
        .arg(format!("--outfile={}", out.display()));
    if minify {
        cmd.arg("--minify");
    }
    process::output(&mut cmd)?;
    let js = fs::read_to_string(&out).with_context(|| format!("reading {}", out.display()))?;
    fs::remove_file(&out)?;
    Ok(js)
}

/// The one-file page: `html` with each stylesheet and the module script
/// inlined; `read` gives a file of the site by its path relative to the
/// page, `bundle` the module script at such a path with all it imports.
pub fn package(
    html: &str,
    read: &dyn Fn(&str) -> Result<String>,
    bundle: &dyn Fn(&str) -> Result<String>,
) -> Result<String> {
    let mut out = String::with_capacity(html.len() + 4096);
    let mut copied = 0;
    let mut scripts = 0;
    for tag in html_tags::scan(html)? {
        let replacement = match tag.name.as_str() {
            // What the site asks for early is inline here: nothing to preload.
            "link" if matches!(tag.attr("rel"), Some("preload" | "modulepreload")) => {
                Some(String::new())
            }
            "link" if tag.attr("rel") == Some("stylesheet") => {
                let href = local(&tag, "href")?;
                let css = read(href)?;
                check_css(href, &css)?;
                Some(raw_text("style", href, &css)?)
            }
            "script" if tag.attr("src").is_some() => {
                let src = local(&tag, "src")?;
                ensure!(
                    tag.content.trim().is_empty(),
                    "<script src=\"{src}\"> also has text of its own"
                );
                ensure!(
                    tag.attr("type") == Some("module"),
                    "<script src=\"{src}\"> is not a module script; the packager inlines only the page's module"
                );
                scripts += 1;
                let js = bundle(src).with_context(|| format!("bundling {src}"))?;
                Some(raw_text("script type=\"module\"", src, &js)?)
            }
            "style" => {
                check_css("a <style> of the page", tag.content)?;
                None
            }
            _ => {
                check_loads_nothing(&tag)?;
                None
            }
        };
        if let Some(text) = replacement {
            out.push_str(&html[copied..tag.start]);
            out.push_str(&text);
            copied = tag.end;
        }
    }
    out.push_str(&html[copied..]);
    ensure!(
        scripts == 1,
        "the page has {scripts} module scripts; the packager expects exactly one (www/main.js)"
    );
    Ok(out)
}

/// The value of `tag`'s attribute `name`, a path inside the site.
fn local<'a>(tag: &Tag<'a>, name: &str) -> Result<&'a str> {
    let value = tag
        .attr(name)
        .with_context(|| format!("<{}> without {name}", tag.name))?;
    ensure!(
        !value.contains(':') && !value.starts_with('/'),
        "<{} {name}=\"{value}\">: only a relative path in the site can be inlined",
        tag.name
    );
    Ok(value)
}

/// Fails for a tag that would load something: any `src`, `srcset`, `poster`
/// or `data`, or an `href` that is not a link (`<a>`), unless it is a
/// `data:` URL or a fragment; or a `style` that does ([`check_css`]).
fn check_loads_nothing(tag: &Tag) -> Result<()> {
    for (name, value) in &tag.attrs {
        if name == "style" {
            check_css(&format!("<{} style>", tag.name), value)?;
        }
        let loads = matches!(name.as_str(), "src" | "srcset" | "poster" | "data")
            || (name == "href" && tag.name != "a");
        if loads && !value.starts_with("data:") && !value.starts_with('#') {
            bail!(
                "<{} {name}=\"{value}\"> would load a file; the single file cannot hold it",
                tag.name
            );
        }
    }
    Ok(())
}

/// Fails for a stylesheet that loads something (`@import`, `url(` other
/// than `data:`).
fn check_css(name: &str, css: &str) -> Result<()> {
    ensure!(
        !css.contains("@import"),
        "{name}: @import cannot be inlined"
    );
    for (i, _) in css.match_indices("url(") {
        let arg = css[i + 4..].trim_start_matches([' ', '"', '\'']);
        ensure!(
            arg.starts_with("data:"),
            "{name}: url({}…) would load a file",
            &arg[..arg.len().min(24)]
        );
    }
    Ok(())
}

/// `<open>text</name>`, or an error when `text` would end the element
/// early (`</script`, `</style`) or open an HTML comment inside it.
fn raw_text(open: &str, what: &str, text: &str) -> Result<String> {
    let name = open.split(' ').next().unwrap_or(open);
    let lower = text.to_ascii_lowercase();
    ensure!(
        !lower.contains(&format!("</{name}")) && !lower.contains("<!--"),
        "{what} contains `</{name}` or `<!--`, which cannot stand inside <{name}>"
    );
    Ok(format!("<{open}>\n{text}\n</{name}>"))
}

#[cfg(test)]
#[path = "single_file_tests.rs"]
mod tests;
