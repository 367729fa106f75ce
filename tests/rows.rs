//! The engine on a caller's own rows: a [`Dense`] with 24 inputs and 40
//! softmax classes (no points, no encoder), trained on synthetic one-hot
//! rows through the same SIMD pass and SGD as the app's models.
#![cfg(not(target_arch = "wasm32"))]

use neuronlab::core::activation::Activation;
use neuronlab::core::model::{Dense, Head, Precision, Rows, Table};
use neuronlab::core::optimizer::sgd_step;
use neuronlab::core::rng::SeededRng;

const TOKENS: usize = 3;
const SYMBOLS: usize = 8;
const CLASSES: usize = 40;

/// `n` samples of three "tokens" of 8 symbols each, one-hot side by side
/// (24 inputs). The class is the pair (first token, second token mod 5),
/// one of 40, which a sum of per-token scores can pick; the third token
/// is noise.
fn one_hot_rows(n: usize, seed: u64) -> Table {
    let mut rng = SeededRng::new(seed, 7);
    let mut t = Table::new(TOKENS * SYMBOLS);
    for _ in 0..n {
        let tokens: [usize; TOKENS] = std::array::from_fn(|_| rng.below(SYMBOLS));
        let class = 5 * tokens[0] + tokens[1] % 5;
        t.push_with(class as f64, |row| {
            for (k, &s) in tokens.iter().enumerate() {
                row[k * SYMBOLS + s] = 1.0;
            }
        });
    }
    t
}

fn net(hidden: &[usize], precision: Precision) -> Dense {
    let mut net = Dense::new(
        TOKENS * SYMBOLS,
        hidden,
        CLASSES,
        Activation::Tanh,
        Head::Softmax,
    );
    net.init_random(3, 1.0);
    net.set_precision(precision);
    net
}

/// Plain SGD over `epochs` epochs of batches of `batch`; returns the mean
/// loss over all rows after each epoch.
fn train(net: &mut Dense, rows: Rows<'_>, epochs: usize, batch: usize, lr: f64) -> Vec<f64> {
    let n = net.params().len();
    let (mut grad, mut velocity) = (vec![0.0; n], vec![0.0; n]);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = SeededRng::new(11, 0);
    let mut losses = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for chunk in order.chunks(batch) {
            net.loss_grad(rows.pick(chunk), &mut grad);
            sgd_step(net.params_mut(), &grad, &mut velocity, lr, 0.0, 0.0, |_| {
                false
            });
        }
        losses.push(net.loss(rows));
    }
    losses
}

#[test]
fn loss_falls_on_one_hot_rows() {
    let table = one_hot_rows(400, 1);
    let chance = (CLASSES as f64).ln();
    for (hidden, precision) in [
        (vec![], Precision::F64),
        (vec![], Precision::F32),
        (vec![32], Precision::F32),
        (vec![48, 24], Precision::F32),
    ] {
        let mut net = net(&hidden, precision);
        let start = net.loss(table.rows());
        assert!(
            (start - chance).abs() < 1.0,
            "{hidden:?}: starts at {start}"
        );
        let losses = train(&mut net, table.rows(), 60, 16, 0.5);
        let end = *losses.last().unwrap();
        assert!(
            end < 0.25 * start,
            "{hidden:?} {precision:?}: {start} → {end}"
        );
        let (_, accuracy) = net.loss_accuracy(table.rows());
        assert!(
            accuracy.unwrap() > 0.95,
            "{hidden:?}: accuracy {accuracy:?}"
        );
    }
}

/// The backpropagated gradient against central differences of the loss, in
/// `f64`, over a batch that runs through every lane group (8 + 8 + 4 + 1).
#[test]
fn gradient_matches_finite_differences() {
    let table = one_hot_rows(21, 2);
    let idx: Vec<usize> = (0..table.len()).rev().collect();
    let rows = table.rows().pick(&idx);
    for hidden in [vec![], vec![7], vec![9, 5]] {
        let mut net = net(&hidden, Precision::F64);
        let nudged: Vec<f64> = net.params().iter().map(|p| p + 0.01).collect();
        net.params_mut().copy_from_slice(&nudged);
        let mut grad = vec![0.0; nudged.len()];
        net.loss_grad(rows, &mut grad);
        let h = 1e-6;
        for i in 0..nudged.len() {
            net.params_mut()[i] = nudged[i] + h;
            let up = net.loss(rows);
            net.params_mut()[i] = nudged[i] - h;
            let down = net.loss(rows);
            net.params_mut()[i] = nudged[i];
            let num = (up - down) / (2.0 * h);
            let err = (num - grad[i]).abs() / num.abs().max(grad[i].abs()).max(1e-3);
            assert!(err < 1e-4, "{hidden:?} param {i}: {num:e} vs {:e}", grad[i]);
        }
        // The f32 pass agrees to f32 precision.
        net.set_precision(Precision::F32);
        let mut g32 = vec![0.0; grad.len()];
        net.loss_grad(rows, &mut g32);
        let scale = grad.iter().fold(0.0f64, |m, g| m.max(g.abs()));
        let worst = g32
            .iter()
            .zip(&grad)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        assert!(worst <= 1e-5 * scale, "{hidden:?}: f32 off by {worst:e}");
    }
}

/// Single rows: `predict` is the softmax of `scores`, the first output
/// the training pass reports is `predict`'s, and hidden activations are tanh
/// values of the layer's width.
#[test]
fn single_rows_agree_with_the_batch_pass() {
    let table = one_hot_rows(5, 3);
    let net = net(&[12], Precision::F64);
    let mut y = vec![0.0; CLASSES];
    net.predict(table.row(2), &mut y);
    assert!((y.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let mut first = vec![0.0; CLASSES];
    let mut grad = vec![0.0; net.params().len()];
    net.train_pass(table.rows().pick(&[2, 0, 4]), &mut grad, &mut first);
    assert_eq!(first, y);
    let mut h = [0.0; 12];
    net.hidden_activations(table.row(2), 0, &mut h);
    assert!(h.iter().all(|a| a.abs() < 1.0) && h.iter().any(|&a| a != 0.0));
}

/// Layers far wider than the plane's 16 units, and the scratch buffers
/// growing and shrinking back between models of different shapes.
#[test]
fn wide_layers_and_changing_shapes() {
    let table = one_hot_rows(30, 4);
    let wide = {
        let mut n = Dense::new(24, &[512], 400, Activation::Relu, Head::Softmax);
        n.init_random(5, 1.0);
        n.set_precision(Precision::F32);
        n
    };
    let targets: Vec<f64> = (0..30).map(|i| (i * 13 % 400) as f64).collect();
    let inputs: Vec<f64> = (0..30).flat_map(|i| table.row(i).to_vec()).collect();
    let rows = Rows::new(&inputs, 24, &targets);
    let mut grad = vec![0.0; wide.params().len()];
    let before = wide.loss_grad(rows, &mut grad);
    assert!(before.is_finite() && grad.iter().any(|&g| g != 0.0));
    // A small model after the big one, then the big one again: same answers.
    let small = net(&[], Precision::F32);
    let mut g_small = vec![0.0; small.params().len()];
    let l_small = small.loss_grad(table.rows(), &mut g_small);
    let mut grad2 = vec![0.0; grad.len()];
    assert_eq!(wide.loss_grad(rows, &mut grad2), before);
    assert_eq!(grad2, grad);
    let mut g_small2 = vec![0.0; g_small.len()];
    assert_eq!(small.loss_grad(table.rows(), &mut g_small2), l_small);
    assert_eq!(g_small2, g_small);
}

/// `∂L/∂x` of every sample's row (for learned inputs such as embeddings)
/// against central differences of the mean loss, in `f64` and `f32`.
#[test]
fn input_gradient_matches_finite_differences() {
    let mut rng = SeededRng::new(9, 1);
    let (n, width) = (13, 6);
    let mut inputs: Vec<f64> = (0..n * width).map(|_| rng.normal()).collect();
    let targets: Vec<f64> = (0..n).map(|k| (k % 5) as f64).collect();
    for hidden in [vec![], vec![7], vec![9, 4]] {
        let mut net = Dense::new(width, &hidden, 5, Activation::Tanh, Head::Softmax);
        net.init_random(4, 1.0);
        let (mut grad, mut dx) = (vec![0.0; net.params().len()], vec![0.0; n * width]);
        let idx: Vec<usize> = (0..n).rev().collect();
        let loss = net.loss_grad_inputs(
            Rows::new(&inputs, width, &targets).pick(&idx),
            &mut grad,
            &mut dx,
        );
        let mut plain = vec![0.0; grad.len()];
        assert_eq!(
            loss,
            net.loss_grad(Rows::new(&inputs, width, &targets).pick(&idx), &mut plain)
        );
        assert_eq!(plain, grad);
        let h = 1e-6;
        for (k, &row) in idx.iter().enumerate() {
            for i in 0..width {
                let at = row * width + i;
                let x = inputs[at];
                inputs[at] = x + h;
                let up = net.loss(Rows::new(&inputs, width, &targets));
                inputs[at] = x - h;
                let down = net.loss(Rows::new(&inputs, width, &targets));
                inputs[at] = x;
                let num = (up - down) / (2.0 * h);
                let got = dx[k * width + i];
                let err = (num - got).abs() / num.abs().max(got.abs()).max(1e-3);
                assert!(
                    err < 1e-4,
                    "{hidden:?} sample {k} input {i}: {num:e} vs {got:e}"
                );
            }
        }
        net.set_precision(Precision::F32);
        let mut dx32 = vec![0.0; dx.len()];
        let rows = Rows::new(&inputs, width, &targets).pick(&idx);
        net.loss_grad_inputs(rows, &mut grad, &mut dx32);
        let scale = dx.iter().fold(0.0f64, |m, g| m.max(g.abs()));
        let worst = dx32
            .iter()
            .zip(&dx)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        assert!(
            worst <= 1e-5 * scale,
            "{hidden:?}: f32 ∂L/∂x off by {worst:e}"
        );
    }
}
