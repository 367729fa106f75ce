//! The scaling lab as the page keeps it across reloads (the choices,
//! every finished run and the last checked prediction), and the two
//! numbers the course's lesson 12 reads.

use super::scaling::{Measured, Prediction, Scaling, LAB_TEXT, TEXTS};
use crate::core::scaling::family::SIZES;

/// The loss predicted and the loss measured in what [`Scaling::checked`]
/// wrote; `None` for anything else.
pub fn read_checked(text: &str) -> Option<(f64, f64)> {
    let (p, m) = text.split_once(' ')?;
    let num = |s: &str| crate::core::decimal::parse_f64(s).filter(|x| x.is_finite());
    Some((num(p)?, num(m)?))
}

/// The scaling lab as the page keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedScaling {
    /// The text swept.
    pub text: String,
    /// Which sizes.
    pub sizes: Vec<bool>,
    /// Which budgets.
    pub budgets: Vec<bool>,
    /// Every finished run.
    pub results: Vec<Measured>,
    /// The last prediction, once checked.
    pub prediction: Option<Prediction>,
}

crate::json_struct!(SavedScaling {
    text,
    sizes,
    budgets,
    results,
    prediction = None
});

impl Scaling {
    /// The last checked prediction as the course reads it (the app's wasm
    /// holds no lab, and reading the whole save would cost it kilobytes):
    /// the loss predicted and the loss measured, `"2.51 2.49"`; empty
    /// before one was checked.
    pub fn checked(&self) -> String {
        match self.prediction {
            Some(Prediction {
                predicted,
                measured: Some(m),
                ..
            }) => format!("{predicted} {m}"),
            _ => String::new(),
        }
    }

    /// The choices and every finished run as JSON (what the page keeps
    /// across reloads; a run under way is lost with the page).
    pub fn save(&self) -> String {
        crate::core::json::to_string(
            &SavedScaling {
                text: self.text.clone(),
                sizes: self.sizes.to_vec(),
                budgets: self.budgets.to_vec(),
                results: self.results.clone(),
                prediction: self.prediction.filter(|p| p.measured.is_some()),
            },
            false,
        )
    }

    /// Puts back what [`Scaling::save`] wrote; a text that is not one
    /// changes nothing.
    pub fn load(&mut self, json: &str) -> bool {
        match crate::core::json::from_str::<SavedScaling>(json) {
            Ok(saved) => {
                self.restore(&saved);
                true
            }
            Err(_) => false,
        }
    }

    /// The choices and results of a save (a run under way is not kept;
    /// results with a size not of the family are dropped).
    fn restore(&mut self, saved: &SavedScaling) {
        if saved.text == LAB_TEXT || TEXTS.iter().any(|t| t.id == saved.text) {
            self.text = saved.text.clone();
        }
        for (on, &v) in self.sizes.iter_mut().zip(&saved.sizes) {
            *on = v;
        }
        for (on, &v) in self.budgets.iter_mut().zip(&saved.budgets) {
            *on = v;
        }
        self.results = saved
            .results
            .iter()
            .filter(|m| SIZES.contains(&m.result.spec.size) && m.result.loss.is_finite())
            .cloned()
            .collect();
        self.slots.clear();
        self.prediction = saved.prediction.filter(|p| {
            p.measured.is_some_and(f64::is_finite)
                && p.predicted.is_finite()
                && SIZES.contains(&p.spec.size)
        });
    }
}
