//! Native benchmarks: one training epoch of a 2-8-8-1 tanh network on 500
//! points (batch 10, η = 0.03) and evaluating it over a 200×200 grid.

use criterion::{criterion_group, criterion_main, Criterion};
use neuronlab::core::data::{Preset, Task, DOMAIN};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::{Session, Settings};
use std::hint::black_box;

fn network_session() -> Session {
    let mut settings = Settings::for_model(Task::Classification, ModelKind::Network);
    settings.model.hidden = vec![8, 8];
    settings.batch_size = 10;
    settings.learning_rate = 0.03;
    Session::new(settings, Preset::Circles.generate(500, 0.2, 1)).unwrap()
}

fn epoch(c: &mut Criterion) {
    let mut s = network_session();
    c.bench_function("epoch 2-8-8-1 tanh, 500 points, batch 10", |b| {
        b.iter(|| {
            s.run(50).unwrap();
            black_box(s.step_count())
        })
    });
}

fn grid(c: &mut Criterion) {
    let s = network_session();
    let n = 200;
    let mut out = vec![0.0f64; n * n];
    c.bench_function("grid 200x200 2-8-8-1 tanh", |b| {
        b.iter(|| {
            let mut p = [0.0; 1];
            for (k, o) in out.iter_mut().enumerate() {
                let x = -DOMAIN + 2.0 * DOMAIN * ((k % n) as f64 + 0.5) / n as f64;
                let y = DOMAIN - 2.0 * DOMAIN * ((k / n) as f64 + 0.5) / n as f64;
                s.model().predict(x, y, &mut p);
                *o = p[0];
            }
            black_box(out[n * n / 2])
        })
    });
}

criterion_group!(benches, epoch, grid);
criterion_main!(benches);
