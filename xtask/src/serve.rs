//! A small static file server for `dist/` (used by `serve`, the end-to-end
//! tests and the benchmark). Like a static host, it sends text, scripts
//! and wasm gzipped to a browser that accepts it (each file compressed once
//! and kept while it is unchanged).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use anyhow::{anyhow, Context, Result};
use flate2::Compression;

use crate::build::{self, BuildOptions};
use crate::process;
use crate::size;

/// `cargo xtask serve`: build, then serve `dist/` on 127.0.0.1:`port` until killed.
pub fn build_and_serve(root: &Path, release: bool, port: u16) -> Result<()> {
    let out = build::build(
        root,
        &BuildOptions {
            release,
            single_file: false,
        },
    )?;
    let server = StaticServer::bind(&out.dist, port, true)?;
    println!(
        "\nServing {} at {}  (Ctrl+C to stop)\n",
        out.dist.display(),
        server.url()
    );
    server.serve_forever();
    Ok(())
}

/// Serves `dist` on a free port of 127.0.0.1 while `cmd` runs, with `BASE_URL`
/// set to the site's address (the end-to-end tests, the browser benchmark).
/// A failing `cmd` is reported as `failed`.
pub fn run_against(dist: &Path, cmd: &mut Command, failed: &'static str) -> Result<()> {
    let server = StaticServer::bind(dist, 0, false)?.spawn();
    println!("Serving {} at {}", dist.display(), server.url());
    cmd.env("BASE_URL", server.url());
    let result = process::run(cmd).context(failed);
    drop(server);
    result
}

/// Gzipped bodies by file, with the modification time they were made from.
type GzipCache = Arc<Mutex<HashMap<PathBuf, (SystemTime, Arc<Vec<u8>>)>>>;

/// A static file server bound to 127.0.0.1: a thread per connection, one
/// request each (`Connection: close`). A pool of threads kept by
/// keep-alive connections (tiny_http's, before) let a browser's sixth
/// connection wait for a minute: the first page of a test run stalled.
pub struct StaticServer {
    listener: TcpListener,
    root: PathBuf,
    port: u16,
    log: bool,
    gzipped: GzipCache,
}

impl StaticServer {
    /// Binds 127.0.0.1:`port` (0 picks a free port) to serve the files under `root`.
    /// With `log`, every request is printed.
    pub fn bind(root: &Path, port: u16, log: bool) -> Result<StaticServer> {
        let addr = format!("127.0.0.1:{port}");
        let listener = TcpListener::bind(&addr).map_err(|e| {
            anyhow!("cannot listen on {addr}: {e} (is the port in use? try --port N)")
        })?;
        let port = listener
            .local_addr()
            .context("server has no address")?
            .port();
        Ok(StaticServer {
            listener,
            root: root.to_path_buf(),
            port,
            log,
            gzipped: GzipCache::default(),
        })
    }

    /// The site's address, e.g. `http://127.0.0.1:8080/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Answers requests on this thread until the process ends.
    pub fn serve_forever(self) {
        self.serve_until(&AtomicBool::new(false));
    }

    /// Answers requests until `stop` is set (and one more connection comes).
    fn serve_until(self, stop: &AtomicBool) {
        for stream in self.listener.incoming() {
            if stop.load(Ordering::Acquire) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let root = self.root.clone();
            let log = self.log;
            let gzipped = Arc::clone(&self.gzipped);
            // A client that went away is not our problem.
            std::thread::spawn(move || {
                let _ = answer(stream, &root, log, &gzipped);
            });
        }
    }

    /// Serves on a background thread; the server stops when the handle is dropped.
    pub fn spawn(self) -> BackgroundServer {
        let url = self.url();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let addr = format!("127.0.0.1:{}", self.port);
        let thread = std::thread::spawn(move || self.serve_until(&flag));
        BackgroundServer {
            stop,
            addr,
            url,
            thread: Some(thread),
        }
    }
}

/// A [`StaticServer`] running on a background thread; stops on drop.
pub struct BackgroundServer {
    stop: Arc<AtomicBool>,
    addr: String,
    url: String,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundServer {
    /// The site's address, e.g. `http://127.0.0.1:41234/`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(&self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Most bytes of a request's head read.
const MAX_HEAD: usize = 16 * 1024;

/// Reads one request from `stream` and answers it, then closes.
fn answer(mut stream: TcpStream, root: &Path, log: bool, gzipped: &GzipCache) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (method, url) = (
        first.next().unwrap_or_default(),
        first.next().unwrap_or("/"),
    );
    let accepts_gzip = lines.any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("accept-encoding:") && l.contains("gzip")
    });
    let (status, mime, gzip, body) = if method != "GET" && method != "HEAD" {
        (405, TEXT, false, b"method not allowed".to_vec())
    } else {
        match resolve(root, url).and_then(|path| fs::read(&path).ok().map(|b| (path, b))) {
            Some((path, bytes)) => {
                let mime = mime_type(&path);
                let gzip = accepts_gzip && compressible(mime);
                let body = if gzip {
                    gzip_cached(gzipped, &path, &bytes).to_vec()
                } else {
                    bytes
                };
                (200, mime, gzip, body)
            }
            None => (404, TEXT, false, b"not found".to_vec()),
        }
    };
    if log {
        println!("{method} {url} {status}");
    }
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nVary: Accept-Encoding\r\nConnection: close\r\n",
        body.len()
    );
    if gzip {
        out.push_str("Content-Encoding: gzip\r\n");
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// The type of the server's own short answers.
const TEXT: &str = "text/plain; charset=utf-8";

/// Whether a static host would send this type gzipped: text, scripts,
/// JSON, SVG and wasm (images and fonts are compressed already).
fn compressible(mime: &str) -> bool {
    mime.starts_with("text/")
        || matches!(
            mime.split(';').next(),
            Some("application/wasm" | "application/json" | "image/svg+xml")
        )
}

/// `bytes` of the file `path`, gzipped at the best level, as kept in `cache`
/// while the file keeps its modification time.
fn gzip_cached(cache: &GzipCache, path: &Path, bytes: &[u8]) -> Arc<Vec<u8>> {
    let modified = fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    match cache.get(path) {
        Some((when, body)) if *when == modified => Arc::clone(body),
        _ => {
            let body = Arc::new(size::gzip(bytes, Compression::best()));
            cache.insert(path.to_path_buf(), (modified, Arc::clone(&body)));
            body
        }
    }
}

/// Maps a request URL to a file under `root`: drops the query and fragment,
/// percent-decodes, refuses `..`, and serves `index.html` for directories.
/// `None` when there is no such file or the path tries to leave `root`.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    (!decoded.contains('\0')).then_some(decoded)
}

/// The Content-Type for a file, by extension.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_cover_the_site() {
        assert_eq!(mime_type(Path::new("pkg/a_bg.wasm")), "application/wasm");
        assert!(mime_type(Path::new("pkg/a.js")).starts_with("text/javascript"));
        assert!(mime_type(Path::new("INDEX.HTML")).starts_with("text/html"));
        assert!(mime_type(Path::new("www/app.css")).starts_with("text/css"));
        assert_eq!(mime_type(Path::new("a.png")), "image/png");
        assert_eq!(mime_type(Path::new("a.svg")), "image/svg+xml");
        assert_eq!(mime_type(Path::new("a.json")), "application/json");
        assert_eq!(mime_type(Path::new("noext")), "application/octet-stream");
    }

    fn temp_site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "xtask-serve-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).unwrap();
        fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        fs::write(dir.join("pkg/a b.wasm"), b"\0asm").unwrap();
        dir
    }

    #[test]
    fn resolve_maps_urls_and_refuses_escapes() {
        let root = temp_site();
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/?lang=en#x"), Some(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/pkg/a%20b.wasm"),
            Some(root.join("pkg/a b.wasm"))
        );
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/pkg/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(&root, "/missing.js"), None);
        assert_eq!(resolve(&root, "/bad%zz"), None);
        fs::remove_dir_all(&root).unwrap();
    }

    /// Sends `GET path` with the header lines `headers` to `server`;
    /// returns the reply's head (lower case) and body.
    fn get(server: &BackgroundServer, path: &str, headers: &str) -> (String, Vec<u8>) {
        let addr = server
            .url()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let mut stream = TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).unwrap_or_default();
        let split = reply
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(reply.len());
        let head = String::from_utf8_lossy(&reply[..split]).to_ascii_lowercase();
        (head, reply.get(split + 4..).unwrap_or_default().to_vec())
    }

    #[test]
    fn background_server_serves_wasm_with_its_mime_type() {
        let root = temp_site();
        let server = StaticServer::bind(&root, 0, false).unwrap().spawn();
        let (head, body) = get(&server, "/pkg/a%20b.wasm", "");
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("content-type: application/wasm"), "{head}");
        assert!(head.contains("cache-control: no-store"), "{head}");
        assert!(!head.contains("content-encoding"), "{head}");
        assert_eq!(body, b"\0asm");
        drop(server);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_browser_that_accepts_gzip_gets_it() {
        let root = temp_site();
        let page = "<p>hi</p>".repeat(200);
        fs::write(root.join("index.html"), &page).unwrap();
        let server = StaticServer::bind(&root, 0, false).unwrap().spawn();
        let (head, body) = get(&server, "/", "Accept-Encoding: gzip, deflate, br\r\n");
        assert!(head.contains("content-encoding: gzip"), "{head}");
        assert!(body.len() < page.len() / 4, "sent compressed");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&body[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        drop(server);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn run_against_gives_the_command_the_site_address() {
        let root = temp_site();
        let mut ok = Command::new("sh");
        ok.args([
            "-c",
            r#"case "$BASE_URL" in http://127.0.0.1:*/) ;; *) exit 1;; esac"#,
        ]);
        run_against(&root, &mut ok, "no BASE_URL").unwrap();
        let err = run_against(&root, Command::new("false").arg("x"), "it failed").unwrap_err();
        assert!(format!("{err:#}").starts_with("it failed: "), "{err:#}");
        fs::remove_dir_all(&root).unwrap();
    }
}
