//! Regression by a straight line `y = w·x + b` and by a polynomial
//! `y = b + Σ_k w_k P_k(x/6)`, both on squared error, plus the closed-form
//! least-squares fit gradient descent should reach.

use super::dense::Dense;
use super::head::Head;
use super::kind::ModelKind;
use super::plane::{dense_model, Model};
use crate::core::activation::Activation;
use crate::core::data::Point;
use crate::core::features::{Encoder, Feature};
use crate::core::linalg;

/// `y = w·x + b`.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearRegression {
    /// The point as the row `(x)`.
    pub encoder: Encoder,
    /// The single unit.
    pub net: Dense,
}

impl LinearRegression {
    /// A line with a small random slope from `seed`, `b = 0`.
    pub fn new(seed: u64) -> Self {
        let encoder = Encoder::new(vec![Feature::X1]);
        let mut net = Dense::new(1, &[], 1, Activation::Linear, Head::Linear);
        net.init_random(seed, 0.5);
        LinearRegression { encoder, net }
    }
}

dense_model!(LinearRegression, ModelKind::Linear);

/// `y = b + Σ_{k=1..d} w_k P_k(x/6)`: a degree-`d` polynomial in Legendre form.
#[derive(Clone, Debug, PartialEq)]
pub struct Polynomial {
    /// The point as the row `(P_1(x/6), …, P_d(x/6))`.
    pub encoder: Encoder,
    /// The single unit.
    pub net: Dense,
}

impl Polynomial {
    /// Degree `degree` (1–9), small random weights from `seed`.
    pub fn new(degree: usize, seed: u64) -> Self {
        let encoder = Encoder::new((1..=degree as u8).map(Feature::Legendre).collect());
        let mut net = Dense::new(degree, &[], 1, Activation::Linear, Head::Linear);
        net.init_random(seed, 0.5);
        Polynomial { encoder, net }
    }

    /// The degree.
    pub fn degree(&self) -> usize {
        self.encoder.width()
    }
}

dense_model!(Polynomial, ModelKind::Polynomial);

/// The parameters (`w…`, then `b`) that minimise the squared error of a
/// single-layer linear-output `model` over `points`, solved directly by QR.
/// `None` when the points do not pin the fit down (too few distinct x).
pub fn closed_form(model: &dyn Model, points: &[Point]) -> Option<Vec<f64>> {
    let net = model.net();
    if net.layers().len() != 1 || net.head() != Head::Linear {
        return None;
    }
    let d = net.inputs();
    let rows: Vec<Vec<f64>> = points
        .iter()
        .map(|p| {
            let mut r = vec![0.0; d + 1];
            model.encode(p, &mut r[..d]);
            r[d] = 1.0;
            r
        })
        .collect();
    let y: Vec<f64> = points.iter().map(|p| p.y).collect();
    linalg::least_squares(&rows, &y)
}
