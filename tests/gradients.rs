//! Finite-difference checks of every model's backpropagated gradient.
#![cfg(not(target_arch = "wasm32"))]

use neuronlab::core::activation::Activation;
use neuronlab::core::data::{Point, Preset, Task};
use neuronlab::core::features::Feature;
use neuronlab::core::model::{Model, ModelKind, ModelSpec, Precision};

/// Relative error of the analytic gradient against central differences,
/// in f64 (networks train in f32; `f32_gradient_matches_f64` covers that).
fn check(model: &mut dyn Model, data: &[Point]) {
    model.net_mut().set_precision(Precision::F64);
    let idx: Vec<usize> = (0..data.len()).collect();
    let n = model.params().len();
    let mut grad = vec![0.0; n];
    model.loss_grad(data, &idx, &mut grad);
    let base = model.params().to_vec();
    let h = 1e-6;
    for i in 0..n {
        let mut p = base.clone();
        p[i] = base[i] + h;
        model.set_params(&p).unwrap();
        let up = model.loss(data, &idx);
        p[i] = base[i] - h;
        model.set_params(&p).unwrap();
        let down = model.loss(data, &idx);
        let num = (up - down) / (2.0 * h);
        let err = (num - grad[i]).abs() / num.abs().max(grad[i].abs()).max(1e-3);
        assert!(
            err < 1e-4,
            "{:?} param {} ({}): numeric {num:e} vs analytic {:e}",
            model.kind(),
            i,
            model.param_names()[i],
            grad[i]
        );
    }
    model.set_params(&base).unwrap();
}

fn build(spec: &ModelSpec, task: Task, classes: usize) -> Box<dyn Model> {
    spec.build(task, classes, 3)
}

fn classes_data(k: usize) -> Vec<Point> {
    let preset = if k == 2 {
        Preset::Overlapping
    } else {
        Preset::ThreeBlobs
    };
    preset.generate(30, 0.5, 11).points
}

#[test]
fn logistic_gradient() {
    check(
        build(
            &ModelSpec::new(ModelKind::Logistic),
            Task::Classification,
            2,
        )
        .as_mut(),
        &classes_data(2),
    );
}

#[test]
fn softmax_gradient() {
    check(
        build(&ModelSpec::new(ModelKind::Softmax), Task::Classification, 3).as_mut(),
        &classes_data(3),
    );
}

#[test]
fn perceptron_gradient_is_the_rule_away_from_the_kink() {
    // The perceptron criterion is piecewise linear; with no point on the
    // boundary the finite difference equals the rule's −(Y − y)·x.
    let mut m = build(
        &ModelSpec::new(ModelKind::Perceptron),
        Task::Classification,
        2,
    );
    m.set_params(&[0.4, -0.7, 0.25]).unwrap();
    check(m.as_mut(), &classes_data(2));
}

#[test]
fn linear_and_polynomial_gradients() {
    let data = Preset::Cubic.generate(25, 0.3, 5).points;
    check(
        build(&ModelSpec::new(ModelKind::Linear), Task::Regression, 2).as_mut(),
        &data,
    );
    for degree in [1, 4, 9] {
        let spec = ModelSpec {
            degree,
            ..ModelSpec::new(ModelKind::Polynomial)
        };
        check(build(&spec, Task::Regression, 2).as_mut(), &data);
    }
}

#[test]
fn network_gradients_for_every_activation_and_head() {
    for activation in Activation::HIDDEN {
        for (task, classes, softmax_output) in [
            (Task::Classification, 2, false),
            (Task::Classification, 2, true),
            (Task::Classification, 3, false),
            (Task::Regression, 2, false),
        ] {
            let extras = match task {
                Task::Classification => Feature::EXTRAS.to_vec(),
                Task::Regression => Feature::EXTRAS_1D.to_vec(),
            };
            let spec = ModelSpec {
                hidden: vec![5, 4, 3],
                activation,
                extras,
                softmax_output,
                ..ModelSpec::new(ModelKind::Network)
            };
            let data = match task {
                Task::Classification => classes_data(classes),
                Task::Regression => Preset::Sine.generate(20, 0.2, 9).points,
            };
            // Keep ReLU units away from their kink at 0 by nudging biases.
            let mut m = build(&spec, task, classes);
            let nudged: Vec<f64> = m.params().iter().map(|p| p + 0.01).collect();
            m.set_params(&nudged).unwrap();
            check(m.as_mut(), &data);
        }
    }
}

#[test]
fn deepest_widest_network_gradient() {
    let spec = ModelSpec {
        hidden: vec![16; 4],
        ..ModelSpec::new(ModelKind::Network)
    };
    check(
        build(&spec, Task::Classification, 5).as_mut(),
        &Preset::ThreeBlobs.generate(12, 0.4, 2).points,
    );
}

/// The f32 training pass gives the f64 gradient and loss to within f32
/// precision, for every activation and head.
#[test]
fn f32_gradient_matches_f64() {
    for (task, classes, softmax) in [
        (Task::Classification, 2, false),
        (Task::Classification, 3, false),
        (Task::Classification, 2, true),
        (Task::Regression, 2, false),
    ] {
        for activation in [
            Activation::Tanh,
            Activation::Relu,
            Activation::Sigmoid,
            Activation::Linear,
        ] {
            let mut spec = ModelSpec::new(ModelKind::Network);
            spec.hidden = vec![8, 5];
            spec.activation = activation;
            spec.softmax_output = softmax;
            let mut model = build(&spec, task, classes);
            assert_eq!(model.net().precision(), Precision::F32);
            let data = match task {
                Task::Classification => classes_data(classes),
                Task::Regression => Preset::Sine.generate(30, 0.1, 5).points,
            };
            // Batches of every shape the pass cuts: 4 lanes, 8, 8 + 4, 8 + 8 + …
            for size in [1, 3, 4, 5, 10, 17, data.len()] {
                let idx: Vec<usize> = (0..size).collect();
                let n = model.params().len();
                let (mut g32, mut g64) = (vec![0.0; n], vec![0.0; n]);
                model.net_mut().set_precision(Precision::F32);
                let l32 = model.loss_grad(&data, &idx, &mut g32);
                model.net_mut().set_precision(Precision::F64);
                let l64 = model.loss_grad(&data, &idx, &mut g64);
                let scale = g64.iter().fold(0.0f64, |m, g| m.max(g.abs()));
                let worst = g32
                    .iter()
                    .zip(&g64)
                    .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
                let what = format!("{task:?} K={classes} {activation:?} batch {size}");
                assert!(worst <= 1e-5 * scale, "{what}: gradient off by {worst:e}");
                assert!(
                    (l32 - l64).abs() <= 1e-6 * l64.abs(),
                    "{what}: {l32} vs {l64}"
                );
                assert!(worst > 0.0 || scale == 0.0, "{what}: no f32 pass");
            }
        }
    }
}
