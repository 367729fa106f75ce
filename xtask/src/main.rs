//! NeuronLab developer tasks, run as `cargo xtask <command>`.
//!
//! * `build [--dev] [--single-file]` — the static site in `dist/` (and
//!   `dist/neuronlab.html`, the app in one file for `file://`)
//! * `serve [--port N]`     — build, then serve `dist/` on 127.0.0.1
//! * `test [--checks] [--native] [--web] [--e2e]` — install what the tests
//!   need, then run the checks (fmt, clippy), the tests and the size check
//! * `bench [--native] [--browser] [--quick] [--no-write]` — benchmarks (native criterion, then bench.html in headless Chromium; writes BENCHMARKS.md)
//!
//! `serve` and `build` need only a Rust toolchain; README.md ("What the
//! tests need") says what `test` needs. `.ci/run` calls `cargo xtask test`.

mod bench;
mod build;
mod cli;
mod dirs;
mod html_tags;
mod install;
mod minify;
mod process;
mod project;
mod serve;
mod short_imports;
mod single_file;
mod size;
mod test;
mod wasm_opt;

use std::process::ExitCode;

use cli::Command;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(command) => command,
        Err(e) => {
            eprintln!("xtask: {e:#}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let root = project::repo_root();
    let result = match command {
        Command::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        Command::Build {
            release,
            single_file,
        } => build::build(
            &root,
            &build::BuildOptions {
                release,
                single_file,
            },
        )
        .map(|_| ()),
        Command::Serve { release, port } => serve::build_and_serve(&root, release, port),
        Command::Test(stages) => test::run(&root, &stages),
        Command::Bench(stages) => bench::run(&root, &stages),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
