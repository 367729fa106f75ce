//! Convergence of every model, least squares against the closed form, determinism.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use neuronlab::core::activation::Activation;
use neuronlab::core::data::{Dataset, Point, Preset};
use neuronlab::core::model::linear::closed_form;
use neuronlab::core::model::ModelKind;

#[test]
fn logistic_separates_blobs() {
    let mut s = session_on(Preset::Separable, 200, 0.3, ModelKind::Logistic, |_| {});
    train(&mut s, 500);
    assert_eq!(accuracy(&s), 1.0);
}

#[test]
fn softmax_separates_three_blobs() {
    let mut s = session_on(Preset::ThreeBlobs, 150, 0.1, ModelKind::Softmax, |_| {});
    train(&mut s, 1000);
    assert_eq!(accuracy(&s), 1.0);
}

#[test]
fn logistic_on_overlapping_data_stays_below_perfect_but_learns() {
    let mut s = session_on(Preset::Overlapping, 200, 0.5, ModelKind::Logistic, |_| {});
    let start = s.metrics().loss;
    train(&mut s, 1000);
    let acc = accuracy(&s);
    assert!(acc > 0.7 && acc < 1.0, "{acc}");
    assert!(s.metrics().loss < start);
}

fn network_reaches(preset: Preset, min: f64) {
    let mut s = session_on(preset, 200, 0.1, ModelKind::Network, |st| {
        st.learning_rate = 0.1;
        st.momentum = 0.9;
        st.model.activation = Activation::Tanh;
    });
    train(&mut s, 4000);
    assert!(accuracy(&s) >= min, "{preset:?}: {}", accuracy(&s));
}

#[test]
fn network_solves_xor() {
    network_reaches(Preset::Xor, 0.98);
}

#[test]
fn network_solves_circles() {
    network_reaches(Preset::Circles, 0.98);
}

#[test]
fn network_solves_moons() {
    network_reaches(Preset::Moons, 0.98);
}

fn assert_close(a: &[f64], b: &[f64], rel: f64) {
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() <= rel * y.abs().max(1.0), "{a:?} vs {b:?}");
    }
}

#[test]
fn linear_regression_reaches_least_squares() {
    let mut s = session_on(Preset::Line, 60, 0.5, ModelKind::Linear, |st| {
        st.batch_size = 1000;
        st.learning_rate = 0.1;
    });
    train(&mut s, 3000);
    let exact = closed_form(s.model(), &s.data().points).unwrap();
    assert_close(s.model().params(), &exact, 1e-6);
}

#[test]
fn hand_worked_line() {
    // (0,1), (1,3), (2,2): least squares y = 0.5x + 1.5.
    let data = Dataset::from_points(vec![
        Point::new(0.0, 1.0, 0),
        Point::new(1.0, 3.0, 0),
        Point::new(2.0, 2.0, 0),
    ])
    .unwrap();
    let mut s = neuronlab::core::session::Session::with_model(REG, ModelKind::Linear, data);
    let mut st = s.settings().clone();
    st.batch_size = 3;
    st.learning_rate = 0.3;
    s.set_settings(st).unwrap();
    train(&mut s, 2000);
    assert_close(s.model().params(), &[0.5, 1.5], 1e-9);
}

#[test]
fn polynomial_regression_reaches_least_squares() {
    for degree in [1, 3, 6, 9] {
        let mut s = session_on(Preset::Cubic, 80, 0.4, ModelKind::Polynomial, |st| {
            st.model.degree = degree;
            st.batch_size = 1000;
            st.learning_rate = 0.5;
            st.momentum = 0.9;
        });
        train(&mut s, 20_000);
        let exact = closed_form(s.model(), &s.data().points).unwrap();
        assert_close(s.model().params(), &exact, 1e-6);
    }
}

#[test]
fn polynomial_matches_the_monomial_fit() {
    // The Legendre basis spans the same curves as 1, x, x², x³.
    let mut s = session_on(Preset::Cubic, 40, 0.4, ModelKind::Polynomial, |st| {
        st.batch_size = 1000;
        st.learning_rate = 0.5;
    });
    train(&mut s, 4000);
    let pts = &s.data().points;
    let rows: Vec<Vec<f64>> = pts
        .iter()
        .map(|p| (0..4).map(|k| p.x.powi(k)).collect())
        .collect();
    let y: Vec<f64> = pts.iter().map(|p| p.y).collect();
    let c = neuronlab::core::linalg::least_squares(&rows, &y).unwrap();
    for x in [-4.0, -1.0, 0.5, 3.0] {
        let mono: f64 = (0..4).map(|k| c[k] * f64::powi(x, k as i32)).sum();
        let mut out = [0.0];
        s.model().predict(x, 0.0, &mut out);
        assert!((out[0] - mono).abs() < 1e-6, "x={x}: {} vs {mono}", out[0]);
    }
}

#[test]
fn network_fits_a_sine() {
    let mut s = session_on(Preset::Sine, 100, 0.0, ModelKind::Network, |st| {
        st.learning_rate = 0.02;
        st.momentum = 0.9;
    });
    let start = s.metrics().loss;
    train(&mut s, 4000);
    assert!(
        s.metrics().loss < 0.05 * start,
        "{} → {}",
        start,
        s.metrics().loss
    );
}

#[test]
fn same_seed_same_parameters_after_1000_steps() {
    for kind in ModelKind::CLASSIFIERS {
        let make = || {
            let mut s = session_on(Preset::Moons, 120, 0.3, kind, |st| st.momentum = 0.5);
            train(&mut s, 1000);
            s.model()
                .params()
                .iter()
                .map(|p| p.to_bits())
                .collect::<Vec<_>>()
        };
        assert_eq!(make(), make(), "{kind:?}");
    }
    let other = |seed| {
        let mut s = session_on(Preset::Moons, 120, 0.3, ModelKind::Network, |st| {
            st.seed = seed
        });
        train(&mut s, 10);
        s.model().params().to_vec()
    };
    assert_ne!(other(1), other(2));
}

#[test]
fn generators_are_reproducible_and_sized() {
    for preset in Preset::ALL {
        let a = preset.generate(101, 0.4, 3);
        assert_eq!(a, preset.generate(101, 0.4, 3), "{preset:?}");
        assert_ne!(a, preset.generate(101, 0.4, 4), "{preset:?}");
        assert_eq!(a.len(), 101);
        assert!(a
            .points
            .iter()
            .all(|p| p.x.abs() <= 6.0 && p.y.abs() <= 6.0));
        let want = match preset {
            Preset::ThreeBlobs => 3,
            p if p.task() == neuronlab::core::data::Task::Regression => 1,
            _ => 2,
        };
        assert_eq!(a.distinct_classes(), want, "{preset:?}");
        assert_eq!(Preset::from_id(preset.id()), Some(preset));
    }
}
