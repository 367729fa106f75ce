//! Command-line parsing for `cargo xtask` (hand-written: four commands, a few flags).

use anyhow::{anyhow, bail, Result};

/// Shown by `cargo xtask help` and after a usage error.
pub const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  build [--dev] [--single-file]
                           build the static site into dist/ (release unless --dev);
                           --single-file also writes dist/neuronlab.html, the whole
                           app in one file that opens from file:// (a USB stick)
  serve [--port N] [--dev] build, then serve dist/ on http://127.0.0.1:8080/ (or port N)
  test [--checks] [--native] [--web] [--e2e]
                           install what the tests need, then run the checks
                           (cargo fmt --check, clippy -D warnings natively and for
                           wasm), native tests, in-browser tests (tests/web.rs) and
                           end-to-end tests (tests/e2e/*.test.mjs, after the page's
                           size check); flags pick stages (default: all)
  bench [--native] [--browser] [--quick] [--no-write]
                           benchmarks: native criterion (cargo bench --bench core)
                           and bench.html in headless Chromium (wasm next to a JS
                           reference, page load, size, memory); prints one table
                           and writes BENCHMARKS.md + docs/bench.png (not with
                           --no-write); flags pick stages (default: both);
                           --quick: shorter criterion, fewer browser samples
  help                     this text";

/// The default port of `cargo xtask serve`.
pub const DEFAULT_PORT: u16 = 8080;

/// A parsed `cargo xtask` invocation.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print usage.
    Help,
    /// Build `dist/`.
    Build {
        /// Release (optimised) build; `false` with `--dev`.
        release: bool,
        /// Also write `dist/neuronlab.html` (`--single-file`).
        single_file: bool,
    },
    /// Build, then serve `dist/`.
    Serve {
        /// Release (optimised) build; `false` with `--dev`.
        release: bool,
        /// TCP port on 127.0.0.1.
        port: u16,
    },
    /// Run test stages.
    Test(TestStages),
    /// Run benchmark stages.
    Bench(BenchStages),
}

/// Which test stages to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestStages {
    /// `cargo fmt --check` and `cargo clippy -D warnings` (native and wasm).
    pub checks: bool,
    /// `cargo test --workspace`.
    pub native: bool,
    /// `cargo test --target wasm32-unknown-unknown --test web` in headless Chromium.
    pub web: bool,
    /// The release build's size against the budget, then `node --test
    /// tests/e2e/*.test.mjs` against the built site.
    pub e2e: bool,
}

/// Which benchmark stages to run, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchStages {
    /// `cargo bench --bench core` (criterion, native).
    pub native: bool,
    /// `bench.html` in headless Chromium, plus page load, size and memory.
    pub browser: bool,
    /// Shorter runs (criterion `--warm-up-time 1 --measurement-time 2`, 10
    /// browser samples, 200,000 memory-test steps); figures are noisier.
    pub quick: bool,
    /// Write `BENCHMARKS.md` and `docs/bench.png` (needs the browser stage).
    pub write: bool,
}

/// Parses the arguments after `cargo xtask`.
pub fn parse(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    match command.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "build" => {
            let mut release = true;
            let mut single_file = false;
            for arg in rest {
                match arg.as_str() {
                    "--dev" => release = false,
                    "--release" => release = true,
                    "--single-file" => single_file = true,
                    other => bail!("unknown option for build: {other}"),
                }
            }
            Ok(Command::Build {
                release,
                single_file,
            })
        }
        "serve" => {
            let mut release = true;
            let mut port = DEFAULT_PORT;
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                match arg.as_str() {
                    "--dev" => release = false,
                    "--release" => release = true,
                    "--port" | "-p" => {
                        let value = it.next().ok_or_else(|| anyhow!("--port needs a number"))?;
                        port = parse_port(value)?;
                    }
                    other => match other.strip_prefix("--port=") {
                        Some(value) => port = parse_port(value)?,
                        None => bail!("unknown option for serve: {other}"),
                    },
                }
            }
            Ok(Command::Serve { release, port })
        }
        "test" => {
            let [checks, native, web, e2e] =
                flags("test", rest, ["--checks", "--native", "--web", "--e2e"])?;
            let all = !(checks || native || web || e2e);
            Ok(Command::Test(TestStages {
                checks: checks || all,
                native: native || all,
                web: web || all,
                e2e: e2e || all,
            }))
        }
        "bench" => {
            let [native, browser, quick, no_write] = flags(
                "bench",
                rest,
                ["--native", "--browser", "--quick", "--no-write"],
            )?;
            let both = !(native || browser);
            Ok(Command::Bench(BenchStages {
                native: native || both,
                browser: browser || both,
                quick,
                write: !no_write,
            }))
        }
        other => bail!("unknown command: {other}"),
    }
}

/// Which of the on/off options `names` the arguments of `command` give;
/// anything else is an error.
fn flags<const N: usize>(command: &str, args: &[String], names: [&str; N]) -> Result<[bool; N]> {
    let mut given = [false; N];
    for arg in args {
        match names.iter().position(|name| name == arg) {
            Some(i) => given[i] = true,
            None => bail!("unknown option for {command}: {arg}"),
        }
    }
    Ok(given)
}

fn parse_port(value: &str) -> Result<u16> {
    value
        .parse()
        .map_err(|_| anyhow!("--port needs a number from 0 to 65535, got {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn test_without_flags_runs_every_stage() {
        assert_eq!(
            parse(&args(&["test"])).unwrap(),
            Command::Test(TestStages {
                checks: true,
                native: true,
                web: true,
                e2e: true
            })
        );
        assert_eq!(
            parse(&args(&["test", "--e2e"])).unwrap(),
            Command::Test(TestStages {
                checks: false,
                native: false,
                web: false,
                e2e: true
            })
        );
    }

    #[test]
    fn serve_takes_a_port_both_ways() {
        let expected = Command::Serve {
            release: true,
            port: 9000,
        };
        assert_eq!(
            parse(&args(&["serve", "--port", "9000"])).unwrap(),
            expected
        );
        assert_eq!(parse(&args(&["serve", "--port=9000"])).unwrap(), expected);
        assert!(parse(&args(&["serve", "--port", "http"])).is_err());
        assert!(parse(&args(&["serve", "--port"])).is_err());
    }

    #[test]
    fn bench_runs_both_stages_unless_told() {
        let all = BenchStages {
            native: true,
            browser: true,
            quick: false,
            write: true,
        };
        assert_eq!(parse(&args(&["bench"])).unwrap(), Command::Bench(all));
        assert_eq!(
            parse(&args(&["bench", "--browser", "--quick", "--no-write"])).unwrap(),
            Command::Bench(BenchStages {
                native: false,
                quick: true,
                write: false,
                ..all
            })
        );
        assert!(parse(&args(&["bench", "--fast"])).is_err());
    }

    #[test]
    fn build_defaults_to_release() {
        assert_eq!(
            parse(&args(&["build"])).unwrap(),
            Command::Build {
                release: true,
                single_file: false
            }
        );
        assert_eq!(
            parse(&args(&["build", "--dev"])).unwrap(),
            Command::Build {
                release: false,
                single_file: false
            }
        );
        assert_eq!(
            parse(&args(&["build", "--single-file"])).unwrap(),
            Command::Build {
                release: true,
                single_file: true
            }
        );
        assert!(parse(&args(&["build", "--single"])).is_err());
        assert!(parse(&args(&["frobnicate"])).is_err());
    }
}
