//! `cargo xtask build --single-file`: the whole app as one HTML file,
//! `dist/neuronlab.html`, that works when opened from `file://` (a USB
//! stick, no server, no network).
//!
//! It repackages what the build already wrote into `dist/`: the page's
//! stylesheets become `<style>` elements, and its module script
//! (`www/main.js`) becomes one inline `<script type="module">` holding the
//! wasm-bindgen glue verbatim, the wasm as base64, and `main.js` with its
//! import of the glue replaced by the glue's own names, so `init()` is given
//! the wasm's bytes instead of fetching them. Inline module scripts run from
//! `file://`; external ones and `fetch()` do not. Anything else the page
//! would load (an image, another script) stops the packager with an error
//! rather than giving a file that silently needs the network.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};

use crate::build::{file_sizes, PAGE_FILES};
use crate::html_tags::{self, Tag};
use crate::project::CRATE;

/// The single file's name in `dist/`.
pub const FILE_NAME: &str = "neuronlab.html";
/// The glue's path in `dist/`, as the page's script imports it.
const GLUE: &str = "pkg/neuronlab.js";
/// The name the bundle gives the base64 text of the wasm.
const WASM_CONST: &str = "__neuronlab_wasm_base64";

/// Writes `<dist>/neuronlab.html` from the site the build left in `dist`
/// (`index.html`, its stylesheets and script, `pkg/`), prints its size next
/// to the site's, and returns its path.
pub fn write(dist: &Path) -> Result<PathBuf> {
    let read = |rel: &str| {
        fs::read_to_string(dist.join(rel)).with_context(|| format!("reading dist/{rel}"))
    };
    let wasm_path = dist.join(format!("pkg/{CRATE}_bg.wasm"));
    let wasm = fs::read(&wasm_path).with_context(|| format!("reading {}", wasm_path.display()))?;
    let html = package(&read("index.html")?, &read, &read(GLUE)?, &wasm)?;
    let out = dist.join(FILE_NAME);
    fs::write(&out, html).with_context(|| format!("writing {}", out.display()))?;

    let (raw, gz) = file_sizes(&out)?;
    let site = PAGE_FILES
        .iter()
        .map(|rel| file_sizes(&dist.join(rel)).map(|(_, gz)| gz))
        .sum::<Result<usize>>()?;
    println!(
        "single file: {} ({raw} B, {gz} B gzipped; the site's page, styles, script, glue and wasm: {site} B gzipped)",
        out.display()
    );
    Ok(out)
}

/// The one-file page: `html` with each stylesheet and the module script
/// inlined; `read` gives a file of the site by its path relative to the
/// page, `glue` is wasm-bindgen's JS (web target) and `wasm` its module.
pub fn package(
    html: &str,
    read: &dyn Fn(&str) -> Result<String>,
    glue: &str,
    wasm: &[u8],
) -> Result<String> {
    let mut out = String::with_capacity(html.len() + glue.len() + wasm.len() * 4 / 3 + 4096);
    let mut copied = 0;
    let mut scripts = 0;
    for tag in html_tags::scan(html)? {
        let replacement = match tag.name.as_str() {
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
                let bundle = bundle(&read(src)?, &parent(src), glue, wasm)
                    .with_context(|| format!("inlining {src}"))?;
                Some(raw_text("script type=\"module\"", src, &bundle)?)
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

/// The module script: the glue, the wasm, then the page's script in a block
/// of its own, its `import D, { a, b } from '<glue>';` replaced by a `D`
/// that initialises the glue with the inlined bytes (`a`, `b` are the
/// glue's top-level functions, in scope already).
fn bundle(script: &str, dir: &str, glue: &str, wasm: &[u8]) -> Result<String> {
    let import = import_statement(script)?;
    let resolved = resolve(dir, import.from)?;
    ensure!(
        resolved == GLUE,
        "it imports {} ({resolved}); only the glue {GLUE} can be inlined",
        import.from
    );
    for name in &import.names {
        ensure!(
            exports(glue).iter().any(|e| e == name),
            "the glue does not export `{name}`"
        );
    }
    ensure!(
        !glue.contains(WASM_CONST),
        "the glue already uses the name {WASM_CONST}"
    );
    let init = default_export(glue)?;
    let rest = format!("{}{}", &script[..import.start], &script[import.end..]);
    let mut out = String::with_capacity(glue.len() + wasm.len() * 4 / 3 + rest.len() + 512);
    out.push_str(glue);
    out.push_str("\n// The wasm module, base64.\n");
    out.push_str(&format!("const {WASM_CONST} = \"{}\";\n", base64(wasm)));
    out.push_str("// The page's script; its import of the glue is the glue above.\n{\n");
    if let Some(default) = import.default {
        out.push_str(&format!(
            "const {default} = () => {init}({{ module_or_path: Uint8Array.from(atob({WASM_CONST}), (c) => c.charCodeAt(0)) }});\n"
        ));
    }
    out.push_str(&rest);
    out.push_str("\n}\n");
    Ok(out)
}

/// `import D, { a, b } from 'path';` found in a script.
#[derive(Debug, PartialEq)]
struct Import<'a> {
    /// Byte range of the statement.
    start: usize,
    end: usize,
    /// The default import's local name, if any.
    default: Option<&'a str>,
    /// The named imports.
    names: Vec<&'a str>,
    /// The module specifier.
    from: &'a str,
}

/// The one static import at the start of a line of `script`; any other
/// import or export form (which cannot stand inside a block) is an error.
fn import_statement(script: &str) -> Result<Import<'_>> {
    let mut found = None;
    let mut offset = 0;
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("export ") || trimmed.starts_with("export{") {
            bail!("an export statement cannot be inlined");
        }
        if trimmed.starts_with("import ") || trimmed.starts_with("import{") {
            ensure!(found.is_none(), "more than one import statement");
            found = Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    let start = found.context("no import statement")?;
    ensure!(
        !script.contains("import(") && !script.contains("import.meta"),
        "dynamic import or import.meta cannot be inlined"
    );
    let end = start + script[start..].find(';').context("import without `;`")? + 1;
    let statement = &script[start + "import".len()..end - 1];
    let (clause, from) = statement
        .rsplit_once(" from ")
        .context("import without `from`")?;
    let from = from.trim();
    let from = from
        .strip_prefix('\'')
        .and_then(|f| f.strip_suffix('\''))
        .or_else(|| from.strip_prefix('"').and_then(|f| f.strip_suffix('"')))
        .with_context(|| format!("import from {from}: not a quoted path"))?;
    let (default, named) = match clause.split_once('{') {
        Some((default, named)) => (
            default.trim().trim_end_matches(',').trim(),
            named
                .trim_end()
                .strip_suffix('}')
                .context("import list without `}`")?,
        ),
        None => (clause.trim(), ""),
    };
    let names: Vec<&str> = named
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    for name in names.iter().chain(Some(&default).filter(|d| !d.is_empty())) {
        ensure!(
            is_identifier(name),
            "`{name}` in the import is not a plain name (`* as` and `as` cannot be inlined)"
        );
    }
    Ok(Import {
        start,
        end,
        default: Some(default).filter(|d| !d.is_empty()),
        names,
        from,
    })
}

/// The glue's exports that are its own top-level names too (so the page's
/// script, placed after it, sees them): `export function f(`, `export class
/// C`, and `a` of `export { a, b as c }` (not `c`, whose local name is `b`).
fn exports(glue: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for line in glue.lines() {
        let ident = |s: &'static str| {
            line.strip_prefix(s)
                .map(|r| r.split(['(', ' ', '{']).next())
        };
        if let Some(Some(name)) = ident("export function ").or_else(|| ident("export class ")) {
            names.push(name);
        } else if let Some(list) = line.strip_prefix("export {") {
            let list = list.split('}').next().unwrap_or("");
            names.extend(
                list.split(',')
                    .map(str::trim)
                    .filter(|item| is_identifier(item)),
            );
        }
    }
    names
}

/// The local name of the glue's default export (`export { x as default }`).
fn default_export(glue: &str) -> Result<&str> {
    glue.lines()
        .filter_map(|line| line.strip_prefix("export {"))
        .flat_map(|list| list.split('}').next().unwrap_or("").split(','))
        .find_map(|item| item.trim().strip_suffix(" as default").map(str::trim))
        .filter(|name| is_identifier(name))
        .context("the glue has no `export { … as default }` (its init function)")
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
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

/// The folder of a relative path (`www/main.js` → `www`).
fn parent(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(dir, _)| dir.to_string())
}

/// `spec` (`./x`, `../pkg/y.js`) relative to the folder `dir`, as a path
/// inside the site.
fn resolve(dir: &str, spec: &str) -> Result<String> {
    ensure!(
        spec.starts_with("./") || spec.starts_with("../"),
        "`{spec}` is not a relative path"
    );
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in spec.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts
                    .pop()
                    .with_context(|| format!("`{spec}` leaves the site"))?;
            }
            name => parts.push(name),
        }
    }
    Ok(parts.join("/"))
}

/// Standard base64 (RFC 4648, with `=` padding), as `atob` reads it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "single_file_tests.rs"]
mod tests;
