//! Input features `φ(x)`: what a model of the plane actually sees of a
//! point, and the [`Encoder`] that turns a point into the engine's input row.

use super::json::{Json, JsonError, Reader, Writer};

use super::data::DOMAIN;

/// One input feature computed from a point `(x1, x2)` (regression: `x = x1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// `x1` (regression: `x`).
    X1,
    /// `x2`.
    X2,
    /// `x1²`.
    X1Sq,
    /// `x2²`.
    X2Sq,
    /// `x1·x2`.
    X1X2,
    /// `sin x1`.
    SinX1,
    /// `sin x2`.
    SinX2,
    /// Legendre polynomial `P_k(u)` of the scaled input `u = x / 6` (polynomial regression).
    /// Over `[-1, 1]` these are nearly orthogonal, so gradient descent trains
    /// degree 9 as easily as degree 1; they span the same curves as `1, x, …, x^k`.
    Legendre(u8),
}

impl Feature {
    /// The optional extra features offered for networks (classification).
    pub const EXTRAS: [Feature; 5] = [
        Feature::X1Sq,
        Feature::X2Sq,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];
    /// The optional extra features offered for networks (regression).
    pub const EXTRAS_1D: [Feature; 2] = [Feature::X1Sq, Feature::SinX1];

    /// `φ(x1, x2)`.
    pub fn eval(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Sq => x1 * x1,
            Feature::X2Sq => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
            Feature::Legendre(k) => legendre(k as usize, x1 / DOMAIN),
        }
    }

    /// Stable identifier (UI and saved state).
    pub fn id(self) -> String {
        match self {
            Feature::X1 => "x1".into(),
            Feature::X2 => "x2".into(),
            Feature::X1Sq => "x1^2".into(),
            Feature::X2Sq => "x2^2".into(),
            Feature::X1X2 => "x1*x2".into(),
            Feature::SinX1 => "sin(x1)".into(),
            Feature::SinX2 => "sin(x2)".into(),
            Feature::Legendre(k) => format!("P{k}"),
        }
    }

    /// The feature with identifier `id`.
    pub fn from_id(id: &str) -> Option<Feature> {
        let fixed = [
            Feature::X1,
            Feature::X2,
            Feature::X1Sq,
            Feature::X2Sq,
            Feature::X1X2,
            Feature::SinX1,
            Feature::SinX2,
        ];
        fixed.into_iter().find(|f| f.id() == id).or_else(|| {
            let k: u8 = id.strip_prefix('P')?.parse().ok()?;
            (1..=9).contains(&k).then_some(Feature::Legendre(k))
        })
    }

    /// How the feature is written in formulas (`x` stands for `x1` in regression).
    pub fn symbol(self, one_d: bool) -> String {
        let x1 = if one_d { "x" } else { "x1" };
        match self {
            Feature::X1 => x1.into(),
            Feature::X2 => "x2".into(),
            Feature::X1Sq => format!("{x1}²"),
            Feature::X2Sq => "x2²".into(),
            Feature::X1X2 => "x1·x2".into(),
            Feature::SinX1 => format!("sin {x1}"),
            Feature::SinX2 => "sin x2".into(),
            Feature::Legendre(k) => format!("P{k}(x/6)"),
        }
    }
}

/// The input encoder of the models of the plane: a point `(x1, x2)` becomes
/// the row `φ(x) = (φ_1(x1, x2), …, φ_d(x1, x2))` of its features, in order.
#[derive(Debug, PartialEq)]
pub struct Encoder {
    features: Vec<Feature>,
}

impl Clone for Encoder {
    // Out of line: every model's `clone_box` calls this one copy.
    #[inline(never)]
    fn clone(&self) -> Self {
        Encoder {
            features: self.features.clone(),
        }
    }
}

impl Encoder {
    /// Most features an encoder holds.
    pub const MAX: usize = 16;

    /// The encoder of `features` (1 to [`Encoder::MAX`]).
    pub fn new(features: Vec<Feature>) -> Self {
        assert!((1..=Self::MAX).contains(&features.len()), "{features:?}");
        Encoder { features }
    }

    /// The features, in row order.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    /// Width of a row.
    pub fn width(&self) -> usize {
        self.features.len()
    }

    /// `φ(x1, x2)` into `row` (`width()` values).
    pub fn encode(&self, x1: f64, x2: f64, row: &mut [f64]) {
        for (o, f) in row.iter_mut().zip(&self.features) {
            *o = f.eval(x1, x2);
        }
    }

    /// `φ(x, x2)` for every `x` of `xs`, column by column in `f32`: feature
    /// `f` of point `i` at `cols[f·n + i]` (`n = xs.len()`).
    pub fn encode_columns(&self, xs: &[f64], x2: f64, cols: &mut [f32]) {
        let n = xs.len();
        if n == 0 {
            return;
        }
        for (col, feature) in cols.chunks_exact_mut(n).zip(&self.features) {
            for (v, &x) in col.iter_mut().zip(xs) {
                *v = feature.eval(x, x2) as f32;
            }
        }
    }
}

/// Legendre polynomial `P_k(u)` by Bonnet's recursion
/// `(n+1) P_{n+1} = (2n+1) u P_n − n P_{n−1}`.
pub fn legendre(k: usize, u: f64) -> f64 {
    let (mut prev, mut cur) = (1.0, u);
    if k == 0 {
        return prev;
    }
    for n in 1..k {
        let n = n as f64;
        let next = ((2.0 * n + 1.0) * u * cur - n * prev) / (n + 1.0);
        prev = cur;
        cur = next;
    }
    cur
}

/// The names of the features without a number, as saved.
const NAMED: [(Feature, &str); 7] = [
    (Feature::X1, "X1"),
    (Feature::X2, "X2"),
    (Feature::X1Sq, "X1Sq"),
    (Feature::X2Sq, "X2Sq"),
    (Feature::X1X2, "X1X2"),
    (Feature::SinX1, "SinX1"),
    (Feature::SinX2, "SinX2"),
];

/// Saved as its name, `"X1Sq"`, or `{"Legendre": k}`.
impl Json for Feature {
    fn write(&self, w: &mut Writer) {
        match (self, NAMED.iter().find(|(f, _)| f == self)) {
            (_, Some((_, name))) => w.string(name),
            (Feature::Legendre(k), None) => {
                w.begin_object();
                w.field("Legendre", &u64::from(*k));
                w.end_object();
            }
            _ => unreachable!("every other feature is named"),
        }
    }
    fn read(r: &mut Reader) -> Result<Self, JsonError> {
        if r.null()? {
            return Err(r.shape());
        }
        let mut legendre = None;
        let named = r.string().ok();
        if let Some(name) = named {
            return NAMED
                .iter()
                .find(|(_, n)| *n == name)
                .map(|(f, _)| *f)
                .ok_or_else(|| r.shape());
        }
        r.object(|r, key| {
            match key {
                "Legendre" => legendre = Some(u8::try_from(r.u64()?).map_err(|_| r.shape())?),
                _ => r.skip()?,
            }
            Ok(())
        })?;
        legendre.map(Feature::Legendre).ok_or_else(|| r.shape())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legendre_matches_closed_forms() {
        for u in [-1.0, -0.3, 0.0, 0.55, 1.0] {
            assert!((legendre(2, u) - 0.5 * (3.0 * u * u - 1.0)).abs() < 1e-14);
            assert!((legendre(3, u) - 0.5 * (5.0 * u * u * u - 3.0 * u)).abs() < 1e-14);
            assert!((legendre(9, 1.0) - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn ids_round_trip() {
        for f in Feature::EXTRAS
            .into_iter()
            .chain([Feature::X1, Feature::X2, Feature::Legendre(7)])
        {
            assert_eq!(Feature::from_id(&f.id()), Some(f));
        }
        assert_eq!(Feature::from_id("P0"), None);
        assert_eq!(Feature::from_id("P10"), None);
    }
}
