//! How good the model is, in detail: the confusion matrix of the training
//! points, the training and held-out loss of every polynomial degree, and
//! the squared error split into each point's term.

use crate::core::data::Task;
use crate::core::model::linear::closed_form;
use crate::core::model::{Model, Polynomial};
use crate::core::session::Session;

/// Counts of training points by true class (row) and predicted class (column).
#[derive(Clone, Debug, PartialEq)]
pub struct Confusion {
    /// `K`: classes, rows and columns.
    pub classes: usize,
    /// `counts[true·K + predicted]`.
    pub counts: Vec<usize>,
}

impl Confusion {
    /// The confusion matrix of the session's training points (`None` in
    /// regression).
    pub fn of(s: &Session) -> Option<Confusion> {
        if s.settings().task != Task::Classification {
            return None;
        }
        let model = s.model();
        let classes = s.settings().classes.max(s.data().class_count()).max(2);
        let mut counts = vec![0; classes * classes];
        for &i in s.train_indices() {
            let p = &s.data().points[i];
            let (x1, x2) = model.input(p);
            counts[p.class * classes + model.predict_class(x1, x2).min(classes - 1)] += 1;
        }
        Some(Confusion { classes, counts })
    }

    /// How many points of class `truth` were predicted `predicted`.
    pub fn count(&self, truth: usize, predicted: usize) -> usize {
        self.counts[truth * self.classes + predicted]
    }

    /// All points counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The points on the diagonal (predicted right).
    pub fn right(&self) -> usize {
        (0..self.classes).map(|c| self.count(c, c)).sum()
    }
}

/// The best fit of one polynomial degree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DegreeFit {
    /// The degree `d`.
    pub degree: usize,
    /// Mean loss `½(y − ŷ)²` over the training points.
    pub train: f64,
    /// The same over the held-out points, when some are held out.
    pub heldout: Option<f64>,
}

/// For every degree 1 to `max`, the least-squares fit (closed form, so each
/// degree at its best) on the training points and its training and
/// held-out loss; degrees the points do not pin down are left out.
pub fn degree_fits(s: &Session, max: usize) -> Vec<DegreeFit> {
    let points = &s.data().points;
    let train: Vec<_> = s.train_indices().iter().map(|&i| points[i]).collect();
    let held = s.heldout_indices();
    (1..=max)
        .filter_map(|degree| {
            let mut m = Polynomial::new(degree, 0);
            m.set_params(&closed_form(&m, &train)?).ok()?;
            Some(DegreeFit {
                degree,
                train: m.loss(points, s.train_indices()),
                heldout: (!held.is_empty()).then(|| m.loss(points, held)),
            })
        })
        .collect()
}

/// The degree with the lowest held-out loss, if any were held out.
pub fn best_degree(fits: &[DegreeFit]) -> Option<usize> {
    fits.iter()
        .filter_map(|f| Some((f.degree, f.heldout?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(d, _)| d)
}

/// One training point's term of the squared error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Residual {
    /// The point's index in the data.
    pub index: usize,
    /// `ŷ`: the model's prediction.
    pub predicted: f64,
    /// `(y − ŷ)²`.
    pub square: f64,
    /// Its share of the sum over the training points (0 to 1).
    pub share: f64,
}

/// Every training point's `(y − ŷ)²` and share of the squared error (empty
/// in classification); the shares sum to 1 unless every residual is 0.
pub fn residuals(s: &Session) -> Vec<Residual> {
    if s.settings().task != Task::Regression {
        return Vec::new();
    }
    let model = s.model();
    let mut out: Vec<Residual> = s
        .train_indices()
        .iter()
        .map(|&index| {
            let p = &s.data().points[index];
            let mut y = [0.0];
            model.predict(p.x, 0.0, &mut y);
            Residual {
                index,
                predicted: y[0],
                square: (p.y - y[0]).powi(2),
                share: 0.0,
            }
        })
        .collect();
    let sum: f64 = out.iter().map(|r| r.square).sum();
    if sum > 0.0 {
        out.iter_mut().for_each(|r| r.share = r.square / sum);
    }
    out
}
