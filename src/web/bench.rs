//! Benchmark harness exported to `bench.html` (see `cargo xtask bench`).
