//! Dragging the model's line and clicking the loss landscape: each drag,
//! each click, is one undoable edit of the parameters (the geometry is in
//! `line.rs`).

use super::apply::{NOTHING, TRAINING};
use super::event::{Changed, Edit, Event, Problem};
use super::line::{Grip, Line, LineDrag};
use super::undo::Before;
use super::workspace::Workspace;

type Done = (Event, Changed);

impl Workspace {
    /// The line being dragged, if one is.
    pub fn line_drag(&self) -> Option<&LineDrag> {
        self.line.as_ref()
    }

    /// Sets the parameters to `p` as one undoable edit (the old ones were
    /// `before`, when this is the edit's first change).
    pub(super) fn put_params(&mut self, p: &[f64], before: Option<Vec<f64>>) -> Done {
        match self.session_mut().set_params(p) {
            Ok(()) => {
                if let Some(old) = before {
                    self.undo_mut().record(Edit::Params, Before::Params(old));
                }
                self.walk = Default::default();
                (Event::ParamsMoved, TRAINING)
            }
            Err(e) => (Event::Refused(Problem::Param(e)), NOTHING),
        }
    }

    pub(super) fn line_start(&mut self, grip: Grip, x: f64, y: f64) -> Done {
        let Some(start) = Line::of(self.session()) else {
            return (Event::Selected, NOTHING);
        };
        let before = Some(self.session().model().params().to_vec());
        self.line = Some(LineDrag {
            grip,
            from: (x, y),
            start,
            before,
        });
        (Event::Selected, TRAINING)
    }

    pub(super) fn line_to(&mut self, x: f64, y: f64) -> Done {
        // The model changed under the drag (another task, mode or model):
        // its line, if any, is not the one held, and the drag ends.
        let held = |d: &LineDrag, now: &Line| {
            std::mem::discriminant(&d.start) == std::mem::discriminant(now)
        };
        if !matches!((&self.line, Line::of(self.session())), (Some(d), Some(now)) if held(d, &now))
        {
            self.line = None;
            return (Event::Selected, NOTHING);
        }
        let Some(d) = self.line.as_mut() else {
            return (Event::Selected, NOTHING);
        };
        let line = match d.grip {
            Grip::Slide => Some(d.start.slid(d.from, (x, y))),
            Grip::Turn => d.start.turned((x, y)),
        };
        let Some(line) = line else {
            return (Event::Selected, NOTHING);
        };
        let before = d.before.take();
        self.playing = false;
        let mut p = self.session().model().params().to_vec();
        line.write(&mut p);
        let done = self.put_params(&p, before.clone());
        if done.0.is_refusal() {
            if let Some(d) = self.line.as_mut() {
                d.before = d.before.take().or(before);
            }
        }
        done
    }

    pub(super) fn line_end(&mut self) -> Done {
        self.line = None;
        (Event::Selected, NOTHING)
    }

    /// Parameters `i` and `j` set to `at` (a click on the loss landscape).
    pub(super) fn set_params_at(&mut self, (i, j): (usize, usize), at: [f64; 2]) -> Done {
        let mut p = self.session().model().params().to_vec();
        if i == j || i >= p.len() || j >= p.len() {
            return (Event::Selected, NOTHING);
        }
        let before = Some(p.clone());
        p[i] = at[0];
        p[j] = at[1];
        self.playing = false;
        self.put_params(&p, before)
    }
}
