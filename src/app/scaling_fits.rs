//! The laws fitted to the scaling lab's results — `L(C)` over the
//! compute-efficient frontier, `L(N)` at one budget, `L(D)` at one size —
//! and Predict, then check's prediction from `L(N)`.

use super::scaling::Scaling;
use crate::core::analysis::scaling::{fit, frontier, order_by, Fit};
use crate::core::scaling::family::{Size, BUDGETS, SIZES};

/// The laws fitted to one text's results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fits {
    /// The results' indices (into [`Scaling::results`]) for this text.
    pub runs: Vec<usize>,
    /// Of those, the compute-efficient frontier (positions in `runs`).
    pub frontier: Vec<usize>,
    /// `L(C)` over the frontier.
    pub compute: Option<Fit>,
    /// `L(N)` at the largest budget with three sizes or more: the budget and the law.
    pub params: Option<(usize, Fit)>,
    /// `L(D)` at the largest size with three budgets or more.
    pub tokens: Option<(Size, Fit)>,
}

impl Fits {
    /// True when the losses fall as a power law: `L(C)` fitted with an
    /// exponent in 0.005–1.5, and `L(N)` too. Otherwise (losses flat with
    /// size, or no law against parameters) the page draws no law and
    /// says so.
    pub fn is_law(&self) -> bool {
        let fair = |a: f64| (0.005..=1.5).contains(&a);
        self.compute.is_some_and(|c| fair(c.law.alpha))
            && self.params.is_some_and(|(_, p)| fair(p.law.alpha))
    }
}

impl Scaling {
    /// The laws fitted to the results on the text shown.
    pub fn fits(&self) -> Fits {
        let runs: Vec<usize> = (0..self.results.len())
            .filter(|&i| self.results[i].text == self.text)
            .collect();
        let r = |i: usize| &self.results[runs[i]].result;
        let points: Vec<(f64, f64)> = (0..runs.len()).map(|i| (r(i).compute, r(i).loss)).collect();
        let front = frontier(&points);
        let compute = (front.len() >= 3)
            .then(|| fit(&front.iter().map(|&i| points[i]).collect::<Vec<_>>()))
            .flatten();
        let mut params = None;
        for &b in BUDGETS.iter().rev() {
            let pts: Vec<(f64, f64)> = (0..runs.len())
                .filter(|&i| r(i).tokens == b)
                .map(|i| (r(i).params as f64, r(i).loss))
                .collect();
            if distinct(&pts) >= 3 {
                params = fit(&pts).map(|f| (b, f));
                break;
            }
        }
        let mut tokens = None;
        for s in SIZES.iter().rev() {
            let pts: Vec<(f64, f64)> = (0..runs.len())
                .filter(|&i| r(i).spec.size == *s)
                .map(|i| (r(i).tokens as f64, r(i).loss))
                .collect();
            if distinct(&pts) >= 3 {
                tokens = fit(&pts).map(|f| (*s, f));
                break;
            }
        }
        Fits {
            runs,
            frontier: front,
            compute,
            params,
            tokens,
        }
    }

    /// The loss the law `L(N)` at the check's budget predicts for the
    /// check's run: the sizes trained on that budget, fitted and carried
    /// to the bigger size.
    pub fn predict(&self) -> Option<f64> {
        let (size, budget) = (SIZES[self.check.0], BUDGETS[self.check.1]);
        let pts: Vec<(f64, f64)> = self
            .results
            .iter()
            .filter(|m| {
                m.text == self.text && m.result.tokens == budget && m.result.spec.size != size
            })
            .map(|m| (m.result.params as f64, m.result.loss))
            .collect();
        if distinct(&pts) < 3 {
            return None;
        }
        fit(&pts).map(|f| f.law.at(size.params() as f64))
    }
}

/// Distinct x values among `pts`.
fn distinct(pts: &[(f64, f64)]) -> usize {
    let mut xs: Vec<f64> = order_by(pts).into_iter().map(|i| pts[i].0).collect();
    xs.dedup();
    xs.len()
}
