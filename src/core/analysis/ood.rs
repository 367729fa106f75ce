//! Out of distribution: the test points moved, turned or widened away from
//! the points the model trained on (the notes' home recipes against a
//! Japanese dish), and how the model fares there: its accuracy on the test
//! points as they are and as shifted, and the shifted points it is sure of
//! and wrong about. Each shifted point keeps its class: the same kind of
//! thing, seen where the model never looked.

use crate::core::data::{Point, Task};
use crate::core::model::MAX_WIDTH;
use crate::core::session::Session;

/// A shifted point the model gives at least this probability is one it is
/// "sure" of.
pub const CONFIDENT: f64 = 0.9;
/// Degrees a turn of shift 1 makes.
pub const TURN_DEGREES: f64 = 15.0;
/// How much a widening of shift 1 adds to the spread (×).
pub const WIDEN_PER_UNIT: f64 = 1.0 / 3.0;

/// How the test points move away from the training ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShiftKind {
    /// Slid to the right by the amount (data units).
    #[default]
    Move,
    /// Turned about the origin by 15° per unit.
    Turn,
    /// Spread out from the origin, ×(1 + amount/3).
    Widen,
}

impl ShiftKind {
    /// Every kind, in the order of the page's select.
    pub const ALL: [ShiftKind; 3] = [ShiftKind::Move, ShiftKind::Turn, ShiftKind::Widen];

    /// The option's value.
    pub fn id(self) -> &'static str {
        match self {
            ShiftKind::Move => "move",
            ShiftKind::Turn => "turn",
            ShiftKind::Widen => "widen",
        }
    }

    /// The kind named `id`.
    pub fn from_id(id: &str) -> Option<ShiftKind> {
        ShiftKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

crate::json_names!(ShiftKind { Move => "Move", Turn => "Turn", Widen => "Widen" });

/// A shift of the test points: how, and how far (0 = none).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shift {
    /// How.
    pub kind: ShiftKind,
    /// How far, `0 ..= MAX_SHIFT`.
    pub amount: f64,
}

impl Shift {
    /// Where `(x, y)` goes.
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let a = self.amount;
        match self.kind {
            ShiftKind::Move => (x + a, y),
            ShiftKind::Turn => {
                let (s, c) = (a * TURN_DEGREES).to_radians().sin_cos();
                (c * x - s * y, s * x + c * y)
            }
            ShiftKind::Widen => {
                let k = 1.0 + a * WIDEN_PER_UNIT;
                (k * x, k * y)
            }
        }
    }
}

/// A test point as shifted, and what the model says of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShiftedPoint {
    /// Where it is after the shift.
    pub x: f64,
    /// Where it is after the shift.
    pub y: f64,
    /// Its class (the same as before the shift).
    pub class: usize,
    /// The class the model gives it.
    pub predicted: usize,
    /// The probability the model gives that class.
    pub confidence: f64,
}

impl ShiftedPoint {
    /// True when the model is at least [`CONFIDENT`] sure, and wrong.
    pub fn confident_wrong(&self) -> bool {
        self.predicted != self.class && self.confidence >= CONFIDENT
    }
}

/// The model on the test points, as they are and shifted.
#[derive(Clone, Debug, PartialEq)]
pub struct Ood {
    /// True when the test points are the held-out ones (else, with
    /// nothing held out, the training points).
    pub heldout: bool,
    /// Accuracy on the test points as they are.
    pub base: f64,
    /// Accuracy on the same points shifted.
    pub shifted: f64,
    /// Every shifted test point.
    pub points: Vec<ShiftedPoint>,
}

impl Ood {
    /// How many shifted points the model is sure of and wrong about.
    pub fn confident_wrong(&self) -> usize {
        self.points.iter().filter(|p| p.confident_wrong()).count()
    }
}

/// The class `session`'s model gives `(x, y)` and its probability.
fn judge(session: &Session, x: f64, y: f64) -> (usize, f64) {
    let k = session.settings().classes.max(2);
    let mut p = [0.0; MAX_WIDTH];
    session.class_probs(x, y, &mut p);
    let best = (0..k).fold(0, |b, c| if p[c] > p[b] { c } else { b });
    (best, p[best])
}

/// The model of `session` on its test points (held out, else all) as they
/// are and moved by `shift`; `None` in regression or without points.
pub fn ood(session: &Session, shift: Shift) -> Option<Ood> {
    if session.settings().task != Task::Classification {
        return None;
    }
    let held = session.heldout_indices();
    let heldout = !held.is_empty();
    let idx = if heldout {
        held
    } else {
        session.train_indices()
    };
    if idx.is_empty() {
        return None;
    }
    let data = &session.data().points;
    let test: Vec<Point> = idx.iter().map(|&i| data[i]).collect();
    let right = |pts: &mut dyn Iterator<Item = (f64, f64, usize)>| -> usize {
        pts.filter(|&(x, y, c)| judge(session, x, y).0 == c).count()
    };
    let base = right(&mut test.iter().map(|p| (p.x, p.y, p.class)));
    let points: Vec<ShiftedPoint> = test
        .iter()
        .map(|p| {
            let (x, y) = shift.apply(p.x, p.y);
            let (predicted, confidence) = judge(session, x, y);
            ShiftedPoint {
                x,
                y,
                class: p.class,
                predicted,
                confidence,
            }
        })
        .collect();
    let shifted = points.iter().filter(|p| p.predicted == p.class).count();
    let n = test.len() as f64;
    Some(Ood {
        heldout,
        base: base as f64 / n,
        shifted: shifted as f64 / n,
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_move_turn_and_widen() {
        let near =
            |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12;
        let none = Shift::default();
        assert_eq!(none.apply(1.5, -2.0), (1.5, -2.0));
        let s = |kind, amount| Shift { kind, amount };
        assert_eq!(s(ShiftKind::Move, 2.0).apply(1.0, 1.0), (3.0, 1.0));
        assert!(
            near(s(ShiftKind::Turn, 6.0).apply(2.0, 0.0), (0.0, 2.0)),
            "6 × 15° = 90°"
        );
        assert!(near(s(ShiftKind::Widen, 3.0).apply(1.0, -2.0), (2.0, -4.0)));
        for k in ShiftKind::ALL {
            assert_eq!(ShiftKind::from_id(k.id()), Some(k));
            assert_eq!(s(k, 0.0).apply(0.7, -0.3), (0.7, -0.3), "{k:?} by 0");
        }
    }
}
