//! Native benchmarks: one training epoch of a 2-8-8-1 tanh network on 500
//! points (batch 10, η = 0.03), evaluating it over 100×100 and 200×200 grids
//! (the field's path), and painting a field at device resolution; and one
//! batch of a language-lab-sized network (256 inputs, 128 tanh units, 400
//! softmax classes) on rows of its own; and the language model: an epoch
//! over 2,000 Chinese characters (context 3, d = 16, 64 hidden units) and
//! one generated character; and the chart panel's views: the loss
//! landscape (on 200 points, and on 10,000 within the app's budget) and
//! the hidden view of 10,000 points.
//! Native only (criterion); the browser figures come from `bench.html`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use neuronlab::core::activation::Activation;
    use neuronlab::core::analysis::hidden::HiddenView;
    use neuronlab::core::analysis::landscape::{Landscape, DEFAULT_BUDGET, DEFAULT_N};
    use neuronlab::core::data::{Preset, Task};
    use neuronlab::core::lm::session::{LmSession, LmSettings};
    use neuronlab::core::model::{Dense, Head, ModelKind, Precision, Rows, Table};
    use neuronlab::core::rng::SeededRng;
    use neuronlab::core::session::{Session, Settings};
    use neuronlab::render::field::Field;
    use neuronlab::render::view::Domain;
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
                // Like the browser figure: a fresh session every 100 epochs,
                // so the loss curve stays in its early (denser) regime.
                if s.epoch() >= 100 {
                    s = network_session();
                }
                s.run(50).unwrap();
                black_box(s.step_count())
            })
        });
    }

    fn engine(c: &mut Criterion) {
        let s = network_session();
        // The points as the engine takes them, encoded once (as the session
        // keeps them).
        let mut table = Table::default();
        s.model().encode_points(&s.data().points, &mut table);
        let mut net = s.model().net().clone();
        let idx: Vec<usize> = (0..s.data().len()).collect();
        let mut grad = vec![0.0; net.params().len()];
        c.bench_function("engine epoch 2-8-8-1 tanh, 500 points, batch 10", |b| {
            b.iter(|| {
                for batch in idx.chunks(10) {
                    net.loss_grad(table.rows().pick(batch), &mut grad);
                    for (w, g) in net.params_mut().iter_mut().zip(&grad) {
                        *w -= 0.03 * g;
                    }
                }
                black_box(net.params()[0])
            })
        });
        let net = s.model().net();
        c.bench_function("loss over 500 points 2-8-8-1 tanh", |b| {
            b.iter(|| black_box(net.loss(table.rows().pick(&idx))))
        });
    }

    /// One SGD batch of 32 rows of a next-character model's size: a context
    /// of 8 embeddings of 32 (256 inputs), 128 tanh units, 400 classes.
    fn language_size(c: &mut Criterion) {
        let (n_in, n) = (256, 32);
        let mut net = Dense::new(n_in, &[128], 400, Activation::Tanh, Head::Softmax);
        net.init_random(1, 1.0);
        net.set_precision(Precision::F32);
        let inputs: Vec<f64> = (0..n * n_in)
            .map(|i| ((i * 37 % 101) as f64 - 50.0) / 50.0)
            .collect();
        let targets: Vec<f64> = (0..n).map(|i| (i * 53 % 400) as f64).collect();
        let rows = Rows::new(&inputs, n_in, &targets);
        let mut grad = vec![0.0; net.params().len()];
        c.bench_function("engine batch 256-128-400 tanh softmax, batch 32", |b| {
            b.iter(|| {
                net.loss_grad(rows, &mut grad);
                for (w, g) in net.params_mut().iter_mut().zip(&grad) {
                    *w -= 0.01 * g;
                }
                black_box(net.params()[0])
            })
        });
    }

    fn grid(c: &mut Criterion) {
        let s = network_session();
        for n in [100, 200] {
            c.bench_function(&format!("grid {n}x{n} 2-8-8-1 tanh"), |b| {
                b.iter(|| black_box(Field::evaluate(s.model(), 2, Domain::default(), n)))
            });
        }
    }

    fn paint(c: &mut Criterion) {
        let s = network_session();
        let field = Field::evaluate(s.model(), 2, Domain::default(), 100);
        let mut buf = Vec::new();
        c.bench_function("paint 100x100 grid into 1000x1000 RGBA", |b| {
            b.iter(|| {
                field.paint(1000, 1000, &mut buf);
                black_box(buf[0])
            })
        });
    }

    /// The language lab's benchmark model on 2,000 Chinese characters
    /// (`LmSettings::benchmark`, as the browser bench).
    fn lm_session() -> LmSession {
        LmSession::new(LmSettings::benchmark(2000)).unwrap()
    }

    /// One epoch (125 steps of 16) over the 2,000-character text, through
    /// the session (history and curve included); and one generated
    /// character (forward pass, temperature, top-k, sampling).
    fn language_model(c: &mut Criterion) {
        let mut s = lm_session();
        let per_epoch = s.windows().expect("the window model").len().div_ceil(16);
        c.bench_function("lm epoch 2000 zh chars, n=3 d=16 h=64, batch 16", |b| {
            b.iter(|| {
                // A fresh session every 50 epochs (the curve's early regime).
                if s.epoch() >= 50 {
                    s = lm_session();
                }
                s.run(per_epoch).unwrap();
                black_box(s.step_count())
            })
        });
        let mut s = lm_session();
        s.run(5 * per_epoch).unwrap();
        let mut rng = SeededRng::new(1, 7);
        let mut ctx = s.windows().expect("the window model").row(100).to_vec();
        c.bench_function("lm generate one character, n=3 d=16 h=64", |b| {
            b.iter(|| {
                let g = s.next(&ctx, 1.0, 10, &mut rng);
                ctx.rotate_left(1);
                ctx[2] = g.token;
                black_box(g.token)
            })
        });
    }

    /// A 2-8-8-1 tanh network on `points` seeded moons, trained `steps` steps.
    fn moons_session(points: usize, steps: usize) -> Session {
        let mut settings = Settings::for_model(Task::Classification, ModelKind::Network);
        settings.model.hidden = vec![8, 8];
        let mut s = Session::new(settings, Preset::Moons.generate(points, 0.2, 5)).unwrap();
        s.run(steps).unwrap();
        s
    }

    /// What the chart panel computes: the loss over a 32×32 grid of two
    /// parameters (1,024 passes over the data; over 10,000 points, a
    /// sample within the app's budget of forward passes), and where the
    /// last hidden layer puts every one of 10,000 points.
    fn views(c: &mut Criterion) {
        let small = moons_session(200, 100);
        c.bench_function("landscape 32x32 2-8-8-1 tanh, 200 points", |b| {
            b.iter(|| black_box(Landscape::compute(&small, 0, 1, DEFAULT_N)))
        });
        let big = moons_session(10_000, 20);
        c.bench_function("landscape 32x32 2-8-8-1 tanh, 10,000 points, budget", |b| {
            b.iter(|| {
                black_box(Landscape::compute_within(
                    &big,
                    0,
                    1,
                    DEFAULT_N,
                    DEFAULT_BUDGET,
                ))
            })
        });
        c.bench_function("hidden view 2-8-8-1 tanh, 10,000 points", |b| {
            b.iter(|| black_box(HiddenView::compute(&big, (0, 1))))
        });
    }

    criterion_group!(
        benches,
        epoch,
        engine,
        grid,
        paint,
        language_size,
        language_model,
        views
    );
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);
