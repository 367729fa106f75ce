//! The output unit's decision line in the space of two hidden units.
//!
//! When the last hidden layer has two units `h = (h1, h2)` and the output is
//! one sigmoid unit `p = σ(w·h + b)`, the model says class 2 exactly where
//! `w·h + b > 0`: the boundary is the straight line `w1·h1 + w2·h2 + b = 0`.
//! A two-class softmax with scores `z_k = w_k·h + b_k` ties where
//! `(w_2 − w_1)·h + (b_2 − b_1) = 0`, the same kind of line.

use crate::core::model::{Dense, Head};

/// `(w1, w2, b)` of the line `w1·h1 + w2·h2 + b = 0` where `net`'s output
/// separates the classes, with `h1`, `h2` the units `units` (0-based) of its
/// last hidden layer; class 2 lies where `w·h + b > 0`. `None` unless that
/// layer has exactly two units, `units` names both, and the output is one
/// sigmoid unit or a two-class softmax (or a coefficient is not finite).
pub fn output_line(net: &Dense, units: (usize, usize)) -> Option<[f64; 3]> {
    let layers = net.layers();
    let [.., hidden, out] = layers else {
        return None;
    };
    if hidden.outputs != 2 || units.0 == units.1 || units.0.max(units.1) > 1 {
        return None;
    }
    let p = net.params();
    let row = |j: usize| &p[out.w_offset + j * out.inputs..out.w_offset + (j + 1) * out.inputs];
    let (w, b) = match (net.head(), out.outputs) {
        (Head::Sigmoid, 1) => ([row(0)[0], row(0)[1]], p[out.b_offset]),
        (Head::Softmax, 2) => (
            [row(1)[0] - row(0)[0], row(1)[1] - row(0)[1]],
            p[out.b_offset + 1] - p[out.b_offset],
        ),
        _ => return None,
    };
    let coefficients = [w[units.0], w[units.1], b];
    coefficients
        .iter()
        .all(|v| v.is_finite())
        .then_some(coefficients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::{Preset, Task};
    use crate::core::model::{ModelKind, ModelSpec, MAX_WIDTH};
    use crate::core::session::{Session, Settings};

    #[test]
    fn the_line_separates_as_the_output_does() {
        for softmax_output in [false, true] {
            let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
            st.model = ModelSpec {
                hidden: vec![6, 2],
                softmax_output,
                ..ModelSpec::new(ModelKind::Network)
            };
            let mut s = Session::new(st, Preset::Xor.generate(60, 0.1, 3)).unwrap();
            s.run(50).unwrap();
            let net = s.model().net();
            for units in [(0, 1), (1, 0)] {
                let [w1, w2, b] = output_line(net, units).expect("two units, two classes");
                for p in &s.data().points {
                    let mut a = [0.0; MAX_WIDTH];
                    s.model().hidden_activations(p.x, p.y, 1, &mut a);
                    let score = w1 * a[units.0] + w2 * a[units.1] + b;
                    let class = s.model().predict_class(p.x, p.y);
                    if score.abs() > 1e-9 {
                        assert_eq!(
                            usize::from(score > 0.0),
                            class,
                            "{softmax_output} {units:?}"
                        );
                    }
                }
            }
            assert!(output_line(net, (1, 1)).is_none());
        }
        // Three classes, or three units: no single line.
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.model.hidden = vec![2];
        let s = Session::new(st, Preset::ThreeBlobs.generate(30, 0.1, 1)).unwrap();
        assert!(output_line(s.model().net(), (0, 1)).is_none());
        let mut st = Settings::for_model(Task::Classification, ModelKind::Network);
        st.model.hidden = vec![3];
        let s = Session::new(st, Preset::Xor.generate(30, 0.1, 1)).unwrap();
        assert!(output_line(s.model().net(), (0, 1)).is_none());
    }
}
