//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use neuronlab::core::data::{Dataset, Point, Preset, Task};
use neuronlab::core::model::ModelKind;
use neuronlab::core::session::{Session, Settings};

/// A session on `preset` data (`count` points, noise, seed 7) with `kind` and tweaks.
pub fn session_on(
    preset: Preset,
    count: usize,
    noise: f64,
    kind: ModelKind,
    tweak: impl FnOnce(&mut Settings),
) -> Session {
    let task = preset.task();
    let mut settings = Settings::for_model(task, kind);
    settings.classes = preset.generate(count, noise, 7).class_count().max(2);
    tweak(&mut settings);
    Session::new(settings, preset.generate(count, noise, 7)).expect("valid settings")
}

/// Trains up to `steps` updates, panicking on a refusal.
pub fn train(s: &mut Session, steps: usize) {
    s.run(steps)
        .unwrap_or_else(|(n, e)| panic!("stopped after {n} steps: {e:?}"));
}

/// Training accuracy.
pub fn accuracy(s: &Session) -> f64 {
    s.metrics().accuracy.expect("classification")
}

/// Two points, one per class.
pub fn two_points() -> Dataset {
    Dataset::from_points(vec![Point::new(-1.0, 2.0, 1), Point::new(3.0, 1.0, 0)]).unwrap()
}

/// A regression task marker.
pub const REG: Task = Task::Regression;
