//! Each lesson's task as a pure function of the workspace and of what the
//! lesson has seen, and the noting of what it sees after every action.

use crate::core::analysis::ood::ood;
use crate::core::data::Preset;
use crate::core::model::ModelKind;
use crate::core::session::Session;

use super::super::event::{Event, Problem};
use super::super::workspace::{Mode, Workspace};
use super::course::{Seen, DEGREES};
use super::{per_class, Goal, MIN_PER_CLASS};
use crate::core::lm::heads::Pattern;
use crate::core::lm::settings::LmKind;

/// Steps a polynomial must have trained before its held-out loss counts.
pub const FIT_STEPS: u64 = 1000;
/// The loss logistic regression must get below (lesson 5).
pub const SIGMOID_MARK: f64 = 0.2;
/// The accuracy softmax must reach on three classes (lesson 5).
pub const SOFTMAX_MARK: f64 = 0.9;
/// The accuracy the classifier must reach (lesson 7).
pub const CLASS_MARK: f64 = 0.9;
/// The loss the regression line must get below (lesson 7).
pub const REGRESSION_MARK: f64 = 0.1;
/// The held-out accuracy to reach before shifting (lesson 11).
pub const OOD_MARK: f64 = 0.9;
/// The share of held-out second copies the model must get right, beside
/// a head that copies (lesson 9).
pub const COPY_MARK: f64 = 0.5;
/// How much lower the shifted accuracy must be (lesson 11).
pub const OOD_DROP: f64 = 0.2;
/// How close a prediction of the scaling law must come to the loss its
/// run measures, relative to it (lesson 12).
pub const PREDICT_MARK: f64 = 0.05;

/// The bit of `preset` in [`Seen::gave_up`].
fn bit(preset: Preset) -> u16 {
    1 << Preset::ALL.iter().position(|&p| p == preset).unwrap_or(0)
}

impl Goal {
    /// True when the workspace, with what the lesson saw, meets the goal.
    pub fn met(self, ws: &Workspace, seen: &Seen) -> bool {
        let s = ws.session();
        let kind = s.model().kind();
        let plane = ws.mode() == Mode::Classification;
        let n = per_class(&s.data().points);
        let acc = || s.metrics().accuracy.unwrap_or(0.0);
        let three = n[..3].iter().all(|&c| c >= MIN_PER_CLASS);
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
            Goal::Converge => {
                plane
                    && kind == ModelKind::Perceptron
                    && seen.converged
                    && seen.pulled
                    && seen.pushed
            }
            Goal::NeverSettles => {
                let both = bit(Preset::Overlapping) | bit(Preset::Xor);
                seen.gave_up & both == both
            }
            Goal::Xor => {
                plane
                    && kind == ModelKind::Network
                    && ws.preset() == Preset::Xor
                    && s.data().len() >= 20
                    && acc() == 1.0
            }
            Goal::Probabilities => {
                plane
                    && seen.sigmoid
                    && seen.unsure
                    && kind == ModelKind::Softmax
                    && three
                    && s.step_count() > 0
                    && acc() >= SOFTMAX_MARK
            }
            Goal::BestDegree => {
                ws.mode() == Mode::Regression
                    && kind == ModelKind::Polynomial
                    && found_best(s, seen)
            }
            Goal::BothTrained => seen.trained & 0b11 == 0b11,
            Goal::Confident => seen.generated,
            Goal::CopyHead => copy_head(ws),
            Goal::BothSides => seen.both_won && seen.left_wrote && seen.both_refused,
            Goal::Predicted => ws.mode() == Mode::Language && seen.predicted,
            Goal::Paradigms => ws.mode() == Mode::Language && seen.paradigms,
            Goal::Shifted => {
                let Some(o) = ood(s, ws.shift()) else {
                    return false;
                };
                plane
                    && o.heldout
                    && s.step_count() > 0
                    && o.base >= OOD_MARK
                    && ws.shift().amount > 0.0
                    && o.shifted <= o.base - OOD_DROP
                    && o.confident_wrong() > 0
            }
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
    let tried = |k: usize| !(1..=DEGREES).contains(&k) || fits[k - 1] > 0.0;
    s.step_count() >= FIT_STEPS
        && seen.fits_data == s.data_version()
        && own > 0.0
        && [9, d - 1, d + 1].into_iter().all(tried)
        && fits.iter().all(|&f| f == 0.0 || own <= f)
}

/// True when the lab's transformer, on a copy text, shows one head picked
/// whose measured pattern is copying (attending to what followed the
/// earlier occurrence of the current character: an induction head).
fn copy_head(ws: &Workspace) -> bool {
    let lab = ws.lab();
    let copy = lab.text_id.is_some_and(|id| id.starts_with("copy-"));
    if ws.mode() != Mode::Language || !copy || lab.attention.head.is_none() {
        return false;
    }
    let copies = lab.attention_view().is_some_and(|v| {
        v.heads
            .first()
            .is_some_and(|g| g.pattern.pattern == Pattern::AfterEarlier)
    });
    copies && lab.copy_score().is_some_and(|(acc, _)| acc >= COPY_MARK)
}

/// True when the comparison's models are transformers (a decoder and an encoder).
fn transformers(ws: &Workspace) -> bool {
    ws.lab()
        .blank
        .as_ref()
        .is_some_and(|b| b.left.settings().model == LmKind::Transformer)
}

/// Notes what the lesson sees in `event` and the state after it.
pub(super) fn observe(ws: &Workspace, seen: &mut Seen, event: &Event, goal: Goal) {
    let s = ws.session();
    let kind = s.model().kind();
    let plane = ws.mode() != Mode::Language;
    match event {
        Event::ParamSet(_) => seen.by_hand = true,
        Event::Converged => seen.converged = true,
        Event::NoLine(_) if plane && kind == ModelKind::Perceptron => {
            seen.gave_up |= bit(ws.preset());
        }
        Event::BlankTrained(_) if goal == Goal::BothSides && transformers(ws) => {
            seen.both_won |= ws.lab().both_sides_win();
        }
        Event::CompareWrote => seen.left_wrote |= transformers(ws),
        Event::ScalingChecked(error) => seen.predicted |= error.abs() <= PREDICT_MARK,
        Event::ParadigmsMeasured { measured, asked } => {
            seen.paradigms |= *measured >= 3 && *asked;
        }
        Event::Refused(Problem::CannotWrite) => seen.both_refused |= transformers(ws),
        Event::Generated(_) => {
            let sure = ws.lab().last.as_ref().map(|g| g.raw[g.token as usize]);
            seen.generated |= sure.is_some_and(|p| p > 0.9);
        }
        _ => {}
    }
    if plane && kind == ModelKind::Perceptron {
        // What the last update did to b: +η for a missed 1, −η for a false 1.
        if let Some(db) = s.last_update().and_then(|u| u.delta.get(2)) {
            seen.pulled |= *db > 0.0;
            seen.pushed |= *db < 0.0;
        }
    }
    let m = || s.metrics();
    match goal {
        Goal::BestDegree if ws.mode() == Mode::Regression && kind == ModelKind::Polynomial => {
            if seen.fits_data != s.data_version() {
                seen.fits = [0.0; DEGREES];
                seen.fits_train = [0.0; DEGREES];
                seen.fits_data = s.data_version();
            }
            if let (true, Some(h)) = (s.step_count() >= FIT_STEPS, m().heldout_loss) {
                let d = s.settings().model.degree - 1;
                seen.fits[d] = h.max(f64::MIN_POSITIVE);
                seen.fits_train[d] = m().loss;
            }
        }
        Goal::Probabilities if ws.mode() == Mode::Classification => {
            let three = per_class(&s.data().points)[..3]
                .iter()
                .all(|&c| c >= MIN_PER_CLASS);
            let trained = s.step_count() > 0;
            if kind == ModelKind::Logistic && trained && m().loss < SIGMOID_MARK {
                seen.sigmoid = true;
            }
            if kind == ModelKind::Softmax && three && m().accuracy.unwrap_or(0.0) < SOFTMAX_MARK {
                seen.unsure = true;
            }
        }
        Goal::BothTrained if plane && s.step_count() > 0 => {
            let at_mark = match ws.mode() {
                Mode::Classification => m().accuracy.unwrap_or(0.0) >= CLASS_MARK,
                _ => m().loss < REGRESSION_MARK,
            };
            if at_mark {
                let i = Mode::ALL
                    .iter()
                    .position(|&md| md == ws.mode())
                    .unwrap_or(0);
                seen.trained |= 1 << i;
            }
        }
        _ => {}
    }
}
