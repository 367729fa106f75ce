//! Each lesson's task as a pure function of the workspace and of what the
//! lesson has seen, and the noting of what it sees after every action.

use crate::core::data::Preset;
use crate::core::model::ModelKind;
use crate::core::session::Session;

use super::super::event::Event;
use super::super::workspace::{Mode, Workspace};
use super::course::Seen;
use super::{per_class, Goal, MIN_PER_CLASS, NEVER_SETTLES};

/// Steps a polynomial must have trained before its held-out loss counts.
pub const FIT_STEPS: u64 = 1000;

impl Goal {
    /// True when the workspace, with what the lesson saw, meets the goal.
    pub fn met(self, ws: &Workspace, seen: &Seen) -> bool {
        let s = ws.session();
        let kind = s.model().kind();
        let plane = ws.mode() == Mode::Classification;
        let n = per_class(&s.data().points);
        let acc = || s.metrics().accuracy.unwrap_or(0.0);
        let xor = ws.preset() == Preset::Xor;
        match self {
            Goal::Separate => {
                let two = n[..2].iter().all(|&c| c >= MIN_PER_CLASS);
                plane
                    && kind == ModelKind::Perceptron
                    && two
                    && seen.by_hand
                    && s.step_count() == 0
                    && acc() == 1.0
            }
            Goal::Converge => plane && kind == ModelKind::Perceptron && seen.converged,
            Goal::NeverSettles => {
                plane
                    && kind == ModelKind::Perceptron
                    && xor
                    && !seen.converged
                    && s.epoch() >= NEVER_SETTLES
            }
            Goal::Xor => {
                plane && kind == ModelKind::Network && xor && s.data().len() >= 20 && acc() == 1.0
            }
            Goal::ThreeClusters => {
                let three = n[..3].iter().all(|&c| c >= MIN_PER_CLASS);
                plane && kind == ModelKind::Softmax && three && s.step_count() > 0 && acc() >= 0.9
            }
            Goal::BestDegree => {
                ws.mode() == Mode::Regression
                    && kind == ModelKind::Polynomial
                    && found_best(s, seen)
            }
            Goal::BothModes => seen.modes & 0b11 == 0b11,
            Goal::Confident => seen.generated,
        }
    }
}

/// The degree the learner found best: the current one, trained long
/// enough on these points, with a held-out loss no higher than any other
/// degree trained on them, degree 9 and both its neighbours among those.
fn found_best(s: &Session, seen: &Seen) -> bool {
    let d = s.settings().model.degree;
    let fits = &seen.fits;
    let own = fits[d - 1];
    let tried = |k: usize| !(1..=9).contains(&k) || fits[k - 1] > 0.0;
    s.step_count() >= FIT_STEPS
        && seen.fits_data == s.data_version()
        && own > 0.0
        && [9, d - 1, d + 1].into_iter().all(tried)
        && fits.iter().all(|&f| f == 0.0 || own <= f)
}

/// Notes what the lesson sees in `event` and the state after it.
pub(super) fn observe(ws: &Workspace, seen: &mut Seen, event: &Event, goal: Goal) {
    match event {
        Event::ParamSet(_) => seen.by_hand = true,
        Event::Converged => seen.converged = true,
        Event::Generated(_) if seen.confident => seen.generated = true,
        _ => {}
    }
    let s = ws.session();
    if ws.mode() == Mode::Regression && s.model().kind() == ModelKind::Polynomial {
        if seen.fits_data != s.data_version() {
            seen.fits = [0.0; 9];
            seen.fits_data = s.data_version();
        }
        if let (true, Some(h)) = (s.step_count() >= FIT_STEPS, s.metrics().heldout_loss) {
            seen.fits[s.settings().model.degree - 1] = h.max(f64::MIN_POSITIVE);
        }
    }
    let mode = Mode::ALL.iter().position(|&m| m == ws.mode()).unwrap_or(0);
    seen.modes |= 1 << mode;
    if goal == Goal::Confident && ws.mode() == Mode::Language {
        let lab = ws.lab();
        let (ctx, _) = lab.prompt_context();
        let mut p = vec![0.0; lab.session.vocab().len()];
        lab.session.probs(&ctx, &mut p);
        seen.confident = p.iter().any(|&q| q > 0.9);
    }
}
