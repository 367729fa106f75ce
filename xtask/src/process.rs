//! Running child processes and finding programs, with the command echoed first.

use std::env;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// A `cargo` command: the cargo that runs this xtask (`$CARGO`), else `cargo` on PATH.
pub fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Renders a command as a shell-like line for logs.
pub fn display(cmd: &Command) -> String {
    let mut line = String::new();
    if let Some(dir) = cmd.get_current_dir() {
        line.push_str(&format!("(cd {}) ", dir.display()));
    }
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            line.push_str(&format!(
                "{}={} ",
                key.to_string_lossy(),
                value.to_string_lossy()
            ));
        }
    }
    line.push_str(&cmd.get_program().to_string_lossy());
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs `cmd` with inherited stdout/stderr and no stdin; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = display(cmd);
    println!("$ {line}");
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `cmd` quietly and returns its stdout; fails on a non-zero exit.
pub fn output(cmd: &mut Command) -> Result<String> {
    let line = display(cmd);
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("could not start `{line}`"))?;
    if !out.status.success() {
        bail!(
            "`{line}` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The first executable called `name` on PATH (on Windows also `name.exe`,
/// `name.cmd`, … as `PATHEXT` lists them).
pub fn which(name: impl AsRef<OsStr>) -> Option<PathBuf> {
    let name = name.as_ref();
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .flat_map(|dir| executable_names(name).map(move |n| dir.join(n)))
        .find(|candidate| is_executable(candidate))
}

/// The file names a program `name` may have: itself, and on Windows with
/// each of `PATHEXT`'s extensions.
fn executable_names(name: &OsStr) -> impl Iterator<Item = std::ffi::OsString> {
    let mut names = vec![name.to_os_string()];
    if cfg!(windows) {
        let exts = env::var("PATHEXT").unwrap_or_else(|_| ".EXE;.CMD;.BAT".into());
        names.extend(exts.split(';').filter(|e| !e.is_empty()).map(|ext| {
            let mut n = name.to_os_string();
            n.push(ext.to_ascii_lowercase());
            n
        }));
    }
    names.into_iter()
}

/// Whether `path` is an executable file (on Unix: with an execute bit).
pub fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// An npm package's program `bin` in `node_modules/.bin` of `dir` (on
/// Windows npm writes `bin.cmd` there).
pub fn npm_bin(dir: &Path, bin: &str) -> PathBuf {
    let bin = if cfg!(windows) {
        format!("{bin}.cmd")
    } else {
        bin.to_string()
    };
    dir.join("node_modules").join(".bin").join(bin)
}

/// An `npm` command (`npm.cmd` on Windows, which `Command` does not find
/// by the bare name).
pub fn npm() -> Command {
    Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" })
}

/// Whether this process runs as root (Unix; never on Windows).
pub fn is_root() -> bool {
    if !cfg!(unix) {
        return false;
    }
    let from_proc = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().nth(1).map(|euid| euid == "0"))
        });
    // No /proc (macOS): ask `id`.
    from_proc
        .unwrap_or_else(|| output(Command::new("id").arg("-u")).is_ok_and(|id| id.trim() == "0"))
}

/// `$CARGO_HOME/bin` (default `~/.cargo/bin`), where `cargo install` puts programs.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            env::var_os("HOME")
                .or_else(|| env::var_os("USERPROFILE"))
                .map(|home| Path::new(&home).join(".cargo"))
        })
        .map(|home| home.join("bin"))
}

/// Prints a stage header and returns a timer for [`done`].
pub fn header(title: &str) -> Instant {
    let bar = "=".repeat(72);
    println!("\n{bar}\n==> {title}\n{bar}");
    Instant::now()
}

/// Prints how long a stage took.
pub fn done(title: &str, started: Instant) {
    println!(
        "==> {title}: done in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
