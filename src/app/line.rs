//! Hands on the model: the line of a linear model taken by the pointer.
//! The boundary `w·x + b = 0` slides when held anywhere along it (only `b`
//! changes) and turns by the handle at the tip of its normal `w`: the
//! arrow turns about its foot towards the pointer, `w` keeping its length,
//! and `b` follows so that the line still passes through that foot (with
//! `b = 0` the foot is the origin and `b` stays 0).
//! Linear regression's `y = w·x + b` slides the same way and turns about
//! the point `(0, b)` by a handle on the line. The geometry only; the
//! workspace's handlers are in `line_drag.rs`.

use crate::core::analysis::grid::Domain;
use crate::core::data::Task;
use crate::core::model::ModelKind;
use crate::core::session::Session;

/// Length of the drawn normal `w`, in data units (its tip is the handle).
pub const ARROW_LEN: f64 = 1.6;
/// Where the regression line's turning handle sits: at this `x`.
pub const FIT_HANDLE_X: f64 = 4.0;

/// A line the user can take hold of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Line {
    /// The boundary `w1·x1 + w2·x2 + b = 0` of a two-class linear model.
    Boundary {
        /// `w = (w1, w2)`.
        w: [f64; 2],
        /// `b`.
        b: f64,
    },
    /// Linear regression's `y = w·x + b`.
    Fit {
        /// The slope `w`.
        w: f64,
        /// The intercept `b`.
        b: f64,
    },
}

/// Which part of the line is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grip {
    /// The line itself: it slides (`b` changes).
    Slide,
    /// The handle: it turns (`w` changes).
    Turn,
}

fn inside(p: (f64, f64)) -> bool {
    let d = Domain::default();
    (d.x_min..=d.x_max).contains(&p.0) && (d.y_min..=d.y_max).contains(&p.1)
}

/// The foot of the normal (the line's point nearest the origin) and the
/// tip of the arrow `w` drawn from it, both inside the plot, if they are.
pub fn arrow(w1: f64, w2: f64, b: f64) -> Option<((f64, f64), (f64, f64))> {
    let norm2 = w1 * w1 + w2 * w2;
    let n = norm2.sqrt();
    let foot = (-b * w1 / norm2, -b * w2 / norm2);
    let tip = (foot.0 + ARROW_LEN * w1 / n, foot.1 + ARROW_LEN * w2 / n);
    (n > 0.0 && inside(foot) && inside(tip)).then_some((foot, tip))
}

impl Line {
    /// The line of `s`'s model, when it has one to hold.
    pub fn of(s: &Session) -> Option<Line> {
        let m = s.model();
        match s.settings().task {
            Task::Classification => m
                .linear_boundary()
                .map(|(w1, w2, b)| Line::Boundary { w: [w1, w2], b }),
            Task::Regression if m.kind() == ModelKind::Linear => {
                let p = m.params();
                Some(Line::Fit { w: p[0], b: p[1] })
            }
            Task::Regression => None,
        }
    }

    /// Where the turning handle is drawn, if it is on the plot.
    pub fn handle(&self) -> Option<(f64, f64)> {
        match *self {
            Line::Boundary { w, b } => arrow(w[0], w[1], b).map(|(_, tip)| tip),
            Line::Fit { w, b } => Some((FIT_HANDLE_X, w * FIT_HANDLE_X + b)).filter(|&p| inside(p)),
        }
    }

    /// The distance from `(x, y)` to the line.
    pub fn distance(&self, x: f64, y: f64) -> f64 {
        match *self {
            Line::Boundary { w, b } => (w[0] * x + w[1] * y + b).abs() / w[0].hypot(w[1]),
            Line::Fit { w, b } => (w * x + b - y).abs() / w.hypot(1.0),
        }
    }

    /// What a press at `(x, y)` takes hold of, within `reach` data units:
    /// the handle first, then the line.
    pub fn grip(&self, x: f64, y: f64, reach: f64) -> Option<Grip> {
        if let Some((hx, hy)) = self.handle() {
            if (hx - x).hypot(hy - y) <= 1.5 * reach {
                return Some(Grip::Turn);
            }
        }
        (self.distance(x, y) <= reach).then_some(Grip::Slide)
    }

    /// The line slid so that the point held at `from` is at `to`: only `b`
    /// changes, by `−w·(to − from)` for the boundary and by
    /// `Δy − w·Δx` for the fit.
    pub fn slid(&self, from: (f64, f64), to: (f64, f64)) -> Line {
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        match *self {
            Line::Boundary { w, b } => Line::Boundary {
                w,
                b: b - (w[0] * dx + w[1] * dy),
            },
            Line::Fit { w, b } => Line::Fit {
                w,
                b: b + dy - w * dx,
            },
        }
    }

    /// The point the line turns about: for the boundary, the foot of its
    /// normal (the line's point nearest the origin), where the arrow `w`
    /// starts; for the fit, `(0, b)`.
    pub fn pivot(&self) -> (f64, f64) {
        match *self {
            Line::Boundary { w, b } => {
                let n2 = w[0] * w[0] + w[1] * w[1];
                if n2 > 0.0 {
                    (-b * w[0] / n2, -b * w[1] / n2)
                } else {
                    (0.0, 0.0)
                }
            }
            Line::Fit { b, .. } => (0.0, b),
        }
    }

    /// The line turned so that its handle points at `to`: for the boundary
    /// `w` keeps its length and turns to `to`'s direction from the pivot
    /// (the arrow's foot), and `b` follows so the line keeps the pivot; for
    /// the fit the slope becomes `(y − b)/x` (`b` kept). `None` too close
    /// to the pivot to say.
    pub fn turned(&self, to: (f64, f64)) -> Option<Line> {
        match *self {
            Line::Boundary { w, .. } => {
                let (fx, fy) = self.pivot();
                let (dx, dy) = (to.0 - fx, to.1 - fy);
                let (n, r) = (w[0].hypot(w[1]), dx.hypot(dy));
                (n > 0.0 && r > 0.1).then(|| {
                    let w = [n * dx / r, n * dy / r];
                    Line::Boundary {
                        w,
                        b: -(w[0] * fx + w[1] * fy),
                    }
                })
            }
            Line::Fit { b, .. } => (to.0.abs() > 0.5).then(|| Line::Fit {
                w: (to.1 - b) / to.0,
                b,
            }),
        }
    }

    /// Writes the line into the model's parameters `p`.
    pub(super) fn write(&self, p: &mut [f64]) {
        match *self {
            Line::Boundary { w, b } => p[..3].copy_from_slice(&[w[0], w[1], b]),
            Line::Fit { w, b } => p[..2].copy_from_slice(&[w, b]),
        }
    }
}

impl LineDrag {
    /// Where the arrow `w` is drawn from while its tip is being turned:
    /// the pivot, which stays on the line (else `None`: the foot).
    pub fn arrow_from(&self) -> Option<(f64, f64)> {
        match (self.grip, self.start) {
            (Grip::Turn, Line::Boundary { .. }) => Some(self.start.pivot()),
            _ => None,
        }
    }
}

/// A line being dragged.
#[derive(Clone, Debug)]
pub struct LineDrag {
    /// What is held.
    pub grip: Grip,
    /// Where it was taken.
    pub from: (f64, f64),
    /// The line then.
    pub start: Line,
    /// The parameters before the drag, until the first move records them.
    pub before: Option<Vec<f64>>,
}
