//! What the model says at one point of the plot, for the `Probabilities`
//! view under the pointer (or the plot's keyboard cursor): the scores
//! `z = w·x + b` of its output units and the class probabilities they give,
//! or the prediction `ŷ` in regression.

use crate::core::data::Task;
use crate::core::features::Encoder;
use crate::core::model::Head;

use super::workspace::Workspace;

/// The model's answer at one point.
#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    /// The point, in data coordinates (`x`, ignored `y` in regression).
    pub at: (f64, f64),
    /// How the scores become the output.
    pub head: Head,
    /// The output units' scores `z` (in regression, `ŷ = z`).
    pub z: Vec<f64>,
    /// Each class's probability, adding up to 1 (the perceptron's answer
    /// as 0 or 1); empty in regression.
    pub probs: Vec<f64>,
}

impl Probe {
    /// The prediction `ŷ` in regression.
    pub fn yhat(&self) -> Option<f64> {
        (self.head == Head::Linear).then(|| self.z[0])
    }
}

impl Workspace {
    /// What the current plane model says at `(x, y)`; `None` in the lab.
    pub fn probe(&self, x: f64, y: f64) -> Option<Probe> {
        if self.lab_shown() {
            return None;
        }
        let s = self.session();
        let m = s.model();
        let classification = s.settings().task == Task::Classification;
        let x2 = if classification { y } else { 0.0 };
        let mut row = [0.0; Encoder::MAX];
        let row = &mut row[..m.encoder().width()];
        m.encoder().encode(x, x2, row);
        let mut z = vec![0.0; m.net().outputs()];
        m.net().scores(row, &mut z);
        let mut probs = Vec::new();
        if classification {
            let k = s.settings().classes.max(z.len());
            probs.resize(k, 0.0);
            m.class_probs(x, y, k, &mut probs);
        }
        Some(Probe {
            at: (x, y),
            head: m.net().head(),
            z,
            probs,
        })
    }
}
