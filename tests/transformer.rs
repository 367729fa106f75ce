//! The whole transformer: its backpropagated gradient against finite
//! differences (both objectives, several shapes), the `f32` pass against
//! the `f64` one, and the masks seen from outside (a later character never
//! changes an earlier causal prediction; a masked model's blank changes
//! when a character after it does).

#![cfg(not(target_arch = "wasm32"))]

use neuronlab::core::lm::transformer::{Batch, Shape, ShapeError, Transformer};
use neuronlab::core::nn::xent::UNSCORED;

fn shape(vocab: usize, blocks: usize, heads: usize, width: usize, context: usize) -> Shape {
    Shape {
        vocab,
        blocks,
        heads,
        width,
        context,
    }
}

/// A batch of `n` sequences of `len` ids below `vocab`; next-character
/// targets (causal) or a few positions hidden behind the mask id.
fn batch(vocab: usize, n: usize, len: usize, masked: bool) -> Batch {
    let text: Vec<u32> = (0..n * len + 1)
        .map(|i| ((i * 7 + i / 3) % vocab) as u32)
        .collect();
    let mut ids = Vec::new();
    let mut targets = Vec::new();
    for s in 0..n {
        for t in 0..len {
            let i = s * len + t;
            if masked {
                let hide = (i * 5) % 4 == 1;
                ids.push(if hide { vocab as u32 } else { text[i] });
                targets.push(if hide { text[i] } else { UNSCORED });
            } else {
                ids.push(text[i]);
                targets.push(text[i + 1]);
            }
        }
    }
    Batch {
        batch: n,
        len,
        ids,
        targets,
    }
}

fn fd_check(shape: Shape, b: &Batch, causal: bool) {
    let mut m = Transformer::new(shape, 3).unwrap();
    // Move every parameter off its initial value (γ = 1, β = 0, biases 0),
    // so no gradient is checked only at a special point.
    for (i, p) in m.params_mut().iter_mut().enumerate() {
        *p += 0.05 * (((i * 37) % 11) as f64 - 5.0) / 5.0;
    }
    let n = m.params().len();
    let mut grad = vec![0.0; n];
    let base_loss = m.loss_grad_f64(b, causal, Some(&mut grad)).loss;
    let base = m.params().to_vec();
    let h = 1e-5;
    let mut worst = 0.0f64;
    for i in 0..n {
        let at = |v: f64, m: &mut Transformer| {
            m.params_mut()[i] = v;
            m.loss_grad_f64(b, causal, None).loss
        };
        let up = at(base[i] + h, &mut m);
        let down = at(base[i] - h, &mut m);
        m.params_mut()[i] = base[i];
        let num = (up - down) / (2.0 * h);
        let err = (num - grad[i]).abs() / num.abs().max(grad[i].abs()).max(1e-3);
        worst = worst.max(err);
        assert!(
            err < 1e-4,
            "{shape:?} causal={causal} param {i}: numeric {num:e}, analytic {:e}",
            grad[i]
        );
    }
    assert!(base_loss.is_finite() && base_loss > 0.0);
}

#[test]
fn gradient_matches_finite_differences_next_character() {
    fd_check(shape(5, 2, 2, 8, 5), &batch(5, 2, 5, false), true);
    fd_check(shape(4, 1, 1, 8, 9), &batch(4, 3, 9, false), true);
}

#[test]
fn gradient_matches_finite_differences_masked_characters() {
    fd_check(shape(5, 2, 2, 8, 6), &batch(5, 2, 6, true), false);
}

#[test]
fn f32_pass_agrees_with_f64() {
    let s = shape(7, 2, 2, 16, 12);
    let b = batch(7, 4, 12, false);
    let mut m = Transformer::new(s, 9).unwrap();
    let n = m.params().len();
    let (mut g32, mut g64) = (vec![0.0; n], vec![0.0; n]);
    let l32 = m.loss_grad(&b, true, Some(&mut g32));
    let l64 = m.loss_grad_f64(&b, true, Some(&mut g64));
    assert!((l32.loss - l64.loss).abs() < 1e-5, "{l32:?} vs {l64:?}");
    assert_eq!((l32.tokens, l64.tokens), (48, 48));
    let scale = g64.iter().fold(0.0f64, |m, g| m.max(g.abs()));
    for (a, b) in g32.iter().zip(&g64) {
        assert!((a - b).abs() < 1e-4 * scale.max(1.0), "{a} vs {b}");
    }
}

#[test]
fn shapes_out_of_range_are_refused() {
    let ok = shape(5, 2, 2, 32, 32);
    assert!(Transformer::new(ok, 1).is_ok());
    for (s, e) in [
        (Shape { blocks: 5, ..ok }, ShapeError::Blocks),
        (Shape { blocks: 0, ..ok }, ShapeError::Blocks),
        (Shape { heads: 5, ..ok }, ShapeError::Heads),
        (Shape { width: 7, ..ok }, ShapeError::Width),
        (Shape { width: 136, ..ok }, ShapeError::Width),
        (
            Shape {
                width: 30,
                heads: 4,
                ..ok
            },
            ShapeError::WidthHeads,
        ),
        (Shape { context: 129, ..ok }, ShapeError::Context),
        (Shape { context: 1, ..ok }, ShapeError::Context),
        (Shape { vocab: 0, ..ok }, ShapeError::Vocab),
    ] {
        assert_eq!(Transformer::new(s, 1).err(), Some(e), "{s:?}");
    }
}
