//! The teaching views' maths: every unit's thumbnail against the model's
//! own activations, one unit's weighted sum, the diagram's layout and hit
//! tests, the confusion matrix, the loss of every polynomial degree and the
//! squared error's shares.

use neuronlab::app::metrics::{best_degree, degree_fits, residuals, Confusion};
use neuronlab::core::activation::Activation;
use neuronlab::core::analysis::grid::node;
use neuronlab::core::analysis::unit_maps::{unit_at, UnitMaps};
use neuronlab::core::data::{Preset, Task, DOMAIN};
use neuronlab::core::features::Feature;
use neuronlab::core::model::{ModelKind, ModelSpec};
use neuronlab::core::session::{Session, Settings};
use neuronlab::render::network::{paint, unit_scales, value_rgb, Layout, NEGATIVE, POSITIVE};

fn network(hidden: Vec<usize>, act: Activation, extras: Vec<Feature>, softmax: bool) -> Session {
    let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
    st.model = ModelSpec {
        hidden,
        activation: act,
        extras,
        softmax_output: softmax,
        ..ModelSpec::new(ModelKind::Network)
    };
    st.classes = if softmax { 3 } else { 2 };
    let preset = if softmax {
        Preset::ThreeBlobs
    } else {
        Preset::Xor
    };
    let mut s = Session::new(st, preset.generate(60, 0.2, 3)).unwrap();
    s.run(40).unwrap();
    s
}

#[test]
fn every_thumbnail_equals_the_models_own_values_at_its_nodes() {
    let cases = [
        network(vec![4, 3], Activation::Tanh, vec![Feature::X1Sq], false),
        network(vec![5], Activation::Relu, vec![], true),
        network(vec![3, 2], Activation::Sigmoid, vec![Feature::SinX2], false),
    ];
    for s in &cases {
        let model = s.model();
        let net = model.net();
        let n = 9;
        let maps = UnitMaps::compute(model, n);
        assert_eq!((maps.cols, maps.rows), (n, n));
        assert_eq!(maps.sizes, net.sizes());
        for (j, i) in [(0, 0), (2, 7), (8, 8), (5, 1)] {
            let (x1, x2) = (node(-DOMAIN, DOMAIN, i, n), node(-DOMAIN, DOMAIN, j, n));
            let at = j * n + i;
            let mut row = vec![0.0; net.inputs()];
            model.encoder().encode(x1, x2, &mut row);
            for (u, v) in row.iter().enumerate() {
                assert!((maps.unit(0, u)[at] as f64 - v).abs() < 1e-4, "input {u}");
            }
            for layer in 0..net.layers().len() - 1 {
                let mut a = vec![0.0; net.sizes()[layer + 1]];
                model.hidden_activations(x1, x2, layer, &mut a);
                for (u, v) in a.iter().enumerate() {
                    let got = maps.unit(layer + 1, u)[at] as f64;
                    assert!(
                        (got - v).abs() < 1e-4,
                        "layer {layer} unit {u}: {got} vs {v}"
                    );
                }
            }
            let mut out = vec![0.0; net.outputs()];
            model.predict(x1, x2, &mut out);
            let last = net.layers().len();
            for (u, v) in out.iter().enumerate() {
                assert!(
                    (maps.unit(last, u)[at] as f64 - v).abs() < 1e-4,
                    "output {u}"
                );
            }
        }
    }
}

#[test]
fn regression_thumbnails_run_along_x_only() {
    let s = Session::with_model(
        Task::Regression,
        ModelKind::Polynomial,
        Preset::Sine.generate(20, 0.1, 1),
    );
    let maps = UnitMaps::compute(s.model(), 12);
    assert_eq!((maps.cols, maps.rows), (12, 1));
    let mut y = [0.0];
    s.model().predict(node(-DOMAIN, DOMAIN, 4, 12), 0.0, &mut y);
    assert!((maps.unit(1, 0)[4] as f64 - y[0]).abs() < 1e-4);
}

#[test]
fn a_units_sum_is_its_weights_times_the_layer_below_plus_its_bias() {
    let s = network(vec![3, 2], Activation::Tanh, vec![], false);
    let model = s.model();
    let net = model.net();
    let u = unit_at(model, 1.5, -2.0, 1, 1).unwrap();
    let mut below = [0.0; 3];
    model.hidden_activations(1.5, -2.0, 0, &mut below);
    assert_eq!(u.inputs, below.to_vec());
    let l = &net.layers()[1];
    assert_eq!(
        u.weights,
        net.params()[l.w_offset + 3..l.w_offset + 6].to_vec()
    );
    assert_eq!(u.bias, net.params()[l.b_offset + 1]);
    let z = u.bias
        + u.weights
            .iter()
            .zip(&u.inputs)
            .map(|(w, a)| w * a)
            .sum::<f64>();
    assert!((u.z - z).abs() < 1e-12);
    let mut h = [0.0; 2];
    model.hidden_activations(1.5, -2.0, 1, &mut h);
    assert!((u.output - h[1]).abs() < 1e-6 && (u.output - z.tanh()).abs() < 1e-6);
    let out = unit_at(model, 1.5, -2.0, 2, 0).unwrap();
    let mut p = [0.0];
    model.predict(1.5, -2.0, &mut p);
    assert!((out.output - p[0]).abs() < 1e-12);
    assert!(unit_at(model, 0.0, 0.0, 1, 2).is_none());
    assert!(unit_at(model, 0.0, 0.0, 3, 0).is_none());
}

#[test]
fn each_link_sits_between_its_two_units_and_is_found_by_a_click() {
    let s = network(vec![4, 3], Activation::Tanh, vec![], false);
    let net = s.model().net();
    let layout = Layout::new(net, 400.0);
    let weights: usize = net.layers().iter().map(|l| l.inputs * l.outputs).sum();
    assert_eq!(layout.links.len(), weights);
    assert_eq!(
        layout.units.iter().map(Vec::len).collect::<Vec<_>>(),
        net.sizes()
    );
    for k in &layout.links {
        assert!(!net.is_bias(k.param));
        // A point a third of the way along the link picks that very link.
        let (x, y) = (
            k.from.0 + (k.to.0 - k.from.0) / 3.0,
            k.from.1 + (k.to.1 - k.from.1) / 3.0,
        );
        let near = layout.link_near(x, y, 3.0).unwrap();
        let on = |m: &neuronlab::render::network::Link| {
            let cross = (m.to.0 - m.from.0) * (y - m.from.1) - (m.to.1 - m.from.1) * (x - m.from.0);
            cross.abs() < 1e-6
        };
        assert!(near.param == k.param || on(near), "link {}", k.param);
    }
    let (ux, uy) = layout.units[1][2];
    let side = layout.side;
    let hit = layout
        .unit_under(ux + side * 0.25, uy + side * 0.25)
        .unwrap();
    assert_eq!(hit.0, (1, 2));
    assert!((hit.1 .0 - 0.25).abs() < 1e-9 && (hit.1 .1 - 0.75).abs() < 1e-9);
    assert!(layout.unit_under(1.0, 1.0).is_none());
    assert!(layout.link_near(1.0, 1.0, 3.0).is_none());
}

#[test]
fn the_pixels_show_each_units_sign_at_its_corners() {
    let s = network(vec![3], Activation::Tanh, vec![], false);
    let net = s.model().net();
    let maps = UnitMaps::compute(s.model(), 8);
    let layout = Layout::new(net, 300.0);
    let scales = unit_scales(net, &maps);
    // Input x1 goes from −6 (left, orange) to 6 (right, blue).
    assert_eq!(scales[0][0], 6.0);
    assert_eq!(scales[1], vec![1.0; 3]);
    let (rgba, w, _) = paint(&layout, &maps, &scales, 2.0);
    let px = |x: f64, y: f64| {
        let at = ((y * 2.0).round() as usize * w as usize + (x * 2.0).round() as usize) * 4;
        [rgba[at], rgba[at + 1], rgba[at + 2]]
    };
    let (x, y) = layout.units[0][0];
    assert_eq!(px(x + 0.5, y + 0.5), NEGATIVE);
    assert_eq!(px(x + layout.side - 1.0, y + 0.5), POSITIVE);
    assert_eq!(px(1.0, 1.0), [255, 255, 255]);
    assert_eq!(value_rgb(0.0), [255, 255, 255]);
}

#[test]
fn the_confusion_matrix_counts_every_training_point_once() {
    let mut s = network(vec![5], Activation::Relu, vec![], true);
    let mut st = s.settings().clone();
    st.holdout = 0.25;
    s = Session::new(st, s.data().clone()).unwrap();
    s.run(200).unwrap();
    let m = Confusion::of(&s).unwrap();
    assert_eq!(m.classes, 3);
    assert_eq!(m.total(), s.train_indices().len());
    assert!(m.total() < s.data().len());
    for t in 0..3 {
        let of_class = s
            .train_indices()
            .iter()
            .filter(|&&i| s.data().points[i].class == t)
            .count();
        assert_eq!((0..3).map(|p| m.count(t, p)).sum::<usize>(), of_class);
    }
    let acc = s.metrics().accuracy.unwrap();
    assert!((m.right() as f64 / m.total() as f64 - acc).abs() < 1e-12);
    assert!(m.right() < m.total() || acc == 1.0);
    let r = Session::with_model(
        Task::Regression,
        ModelKind::Linear,
        Preset::Line.generate(9, 0.1, 1),
    );
    assert!(Confusion::of(&r).is_none());
}

fn poly(holdout: f64) -> Session {
    let mut st = Settings::for_model(Task::Regression, ModelKind::Polynomial);
    st.holdout = holdout;
    Session::new(st, Preset::Sine.generate(30, 0.3, 5)).unwrap()
}

#[test]
fn every_degree_gets_its_best_fit_and_a_lowest_heldout_loss() {
    let s = poly(0.3);
    let fits = degree_fits(&s, 9);
    assert_eq!(
        fits.iter().map(|f| f.degree).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    // Least squares over nested models: the training loss never rises.
    for w in fits.windows(2) {
        assert!(w[1].train <= w[0].train + 1e-9, "{w:?}");
    }
    let best = best_degree(&fits).unwrap();
    let low = fits
        .iter()
        .map(|f| f.heldout.unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(fits[best - 1].heldout, Some(low));
    // A sine needs more than a line: degree 1 is not the best.
    assert!(best > 1, "{fits:?}");
    let none = degree_fits(&poly(0.0), 3);
    assert!(none.iter().all(|f| f.heldout.is_none()) && best_degree(&none).is_none());
}

#[test]
fn the_squared_errors_shares_sum_to_one() {
    let mut s = poly(0.2);
    s.run(30).unwrap();
    let r = residuals(&s);
    assert_eq!(r.len(), s.train_indices().len());
    let sum: f64 = r.iter().map(|t| t.share).sum();
    assert!((sum - 1.0).abs() < 1e-12);
    // The loss is half the mean of the terms.
    let mean = r.iter().map(|t| t.square).sum::<f64>() / r.len() as f64;
    assert!((s.metrics().loss - 0.5 * mean).abs() < 1e-9);
    for t in &r {
        let p = &s.data().points[t.index];
        assert!((t.square - (p.y - t.predicted).powi(2)).abs() < 1e-12);
    }
    assert!(residuals(&network(vec![2], Activation::Tanh, vec![], false)).is_empty());
}

#[test]
fn the_curve_keeps_the_accuracy_and_step_back_keeps_it_exact() {
    let mut st = Settings::for_model(Task::Classification, ModelKind::Logistic);
    st.holdout = 0.3;
    let mut s = Session::new(st, Preset::Overlapping.generate(40, 0.5, 2)).unwrap();
    s.run(12).unwrap();
    let m = s.metrics();
    let last = *s.curve().last().unwrap();
    assert_eq!(last.step, 12);
    assert_eq!(
        (last.accuracy, last.heldout_accuracy),
        (m.accuracy, m.heldout_accuracy)
    );
    assert!(m.heldout_accuracy.is_some());
    let at_11 = s.curve()[s.curve().len() - 2];
    // Step back keeps the recorded future; the point of step 11 is the state
    // it returns to.
    assert!(s.step_back());
    let kept = s.curve().iter().find(|p| p.step == 11).unwrap();
    assert_eq!(*kept, at_11);
    let m = s.metrics();
    assert_eq!(
        (kept.accuracy, kept.heldout_accuracy),
        (m.accuracy, m.heldout_accuracy)
    );
    assert_eq!(kept.train, m.loss);
    let r = Session::with_model(
        Task::Regression,
        ModelKind::Linear,
        Preset::Line.generate(9, 0.1, 1),
    );
    assert!(r.curve().iter().all(|p| p.accuracy.is_none()));
}
