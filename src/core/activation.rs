//! Activation functions `f` in `y = f(z)`, with their derivatives.

/// A scalar activation function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `f(z) = 1` if `z > 0`, else `0` (the perceptron's; derivative 0 almost everywhere).
    Step,
    /// `σ(z) = 1 / (1 + e^(−z))`.
    Sigmoid,
    /// `tanh(z)`.
    Tanh,
    /// `max(0, z)`.
    Relu,
    /// `f(z) = z`.
    Linear,
}

impl Activation {
    /// Hidden-layer activations offered for networks.
    pub const HIDDEN: [Activation; 4] = [
        Activation::Tanh,
        Activation::Relu,
        Activation::Sigmoid,
        Activation::Linear,
    ];

    /// `f(z)`.
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Step => f64::from(u8::from(z > 0.0)),
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
            Activation::Linear => z,
        }
    }

    /// `f(z)` as the networks compute it: tanh and sigmoid through
    /// [`fast_tanh`] (max error 2e-7, several times faster than `f64::tanh`),
    /// the others exactly as [`Activation::apply`].
    pub fn apply_fast(self, z: f64) -> f64 {
        match self {
            Activation::Tanh => fast_tanh(z),
            Activation::Sigmoid => 0.5 + 0.5 * fast_tanh(0.5 * z),
            other => other.apply(z),
        }
    }

    /// `f'(z)` written in terms of the output `a = f(z)` where that is cheaper;
    /// `z` is given too for the functions that need it.
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Step => 0.0,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => f64::from(u8::from(z > 0.0)),
            Activation::Linear => 1.0,
        }
    }

    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            Activation::Step => "step",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
        }
    }

    /// The activation with identifier `id`.
    pub fn from_id(id: &str) -> Option<Activation> {
        [
            Activation::Step,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::Linear,
        ]
        .into_iter()
        .find(|a| a.id() == id)
    }
}

pub use super::fastmath::fast_tanh;

/// `σ(z) = 1 / (1 + e^(−z))`, computed without overflow for large `|z|`.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Softmax of `z` written into `out`: `p_k = e^(z_k − max) / Σ_j e^(z_j − max)`.
/// Subtracting the max keeps every exponent ≤ 0, so any finite input gives
/// finite probabilities summing to 1.
pub fn softmax(z: &[f64], out: &mut [f64]) {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for (o, &v) in out.iter_mut().zip(z) {
        *o = (v - max).exp();
        sum += *o;
    }
    out.iter_mut().for_each(|o| *o /= sum);
}

crate::json_names!(Activation { Step => "Step", Sigmoid => "Sigmoid", Tanh => "Tanh", Relu => "Relu", Linear => "Linear" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_stable_at_the_edges() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(800.0) == 1.0 && sigmoid(-800.0) >= 0.0);
        assert!(sigmoid(-800.0).is_finite());
        assert!((sigmoid(2.0) + sigmoid(-2.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn derivatives_match_finite_differences() {
        let h = 1e-6;
        for f in [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::Linear,
        ] {
            for z in [-2.3, -0.4, 0.7, 1.9] {
                let num = (f.apply(z + h) - f.apply(z - h)) / (2.0 * h);
                let ana = f.derivative(z, f.apply(z));
                assert!((num - ana).abs() < 1e-7, "{f:?} at {z}: {num} vs {ana}");
            }
        }
    }

    #[test]
    fn fast_forms_stay_close_to_the_exact_ones() {
        for i in -4000..=4000 {
            let z = i as f64 * 0.005;
            for f in Activation::HIDDEN {
                assert!((f.apply_fast(z) - f.apply(z)).abs() < 3e-7, "{f:?} at {z}");
            }
        }
    }

    #[test]
    fn step_is_the_perceptron_rule() {
        assert_eq!(Activation::Step.apply(0.0), 0.0);
        assert_eq!(Activation::Step.apply(1e-9), 1.0);
        assert_eq!(Activation::Step.apply(-3.0), 0.0);
    }

    #[test]
    fn softmax_handles_huge_scores() {
        let mut p = [0.0; 3];
        softmax(&[1000.0, 1000.0, -1000.0], &mut p);
        assert!((p[0] - 0.5).abs() < 1e-12 && (p[1] - 0.5).abs() < 1e-12 && p[2] == 0.0);
    }

    #[test]
    fn ids_round_trip() {
        for a in Activation::HIDDEN.into_iter().chain([Activation::Step]) {
            assert_eq!(Activation::from_id(a.id()), Some(a));
        }
    }
}
