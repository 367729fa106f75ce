//! The line's short walk after a Step: the boundary `w·x + b = 0` (and its
//! normal `w`) moves from the old place to the new one in about 200 ms,
//! drawn frame by frame. Only for one Step (or Step back): skipped while
//! playing, for edits by hand, and when the user prefers reduced motion.

use crate::app::Workspace;

/// How long the walk takes (ms).
pub const TRANSITION_MS: f64 = 200.0;

/// The line shown and the walk under way, if any.
#[derive(Default)]
pub struct Transition {
    /// The model's line when last seen, and the step count then.
    target: Option<[f64; 3]>,
    step: u64,
    /// The line drawn last (part way, during a walk).
    drawn: Option<[f64; 3]>,
    /// Where the walk started and when.
    from: Option<([f64; 3], f64)>,
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

impl Transition {
    /// The line to draw at `now` instead of the model's (`None`: the
    /// model's), and whether the plot must be drawn again this frame.
    pub fn line(&mut self, ws: &Workspace, now: f64) -> (Option<(f64, f64, f64)>, bool) {
        let target = ws
            .session()
            .model()
            .linear_boundary()
            .map(|(w1, w2, b)| [w1, w2, b]);
        let step = ws.step_count();
        if target != self.target {
            // One Step (or Step back): not Play's last frame, not a seek.
            let stepped = step.abs_diff(self.step) == 1;
            self.from = match (self.drawn.or(self.target), target) {
                (Some(old), Some(_)) if stepped && !ws.playing() && !reduced_motion() => {
                    Some((old, now))
                }
                _ => None,
            };
            self.target = target;
        }
        self.step = step;
        let Some(((old, t0), to)) = self.from.zip(target) else {
            self.drawn = None;
            return (None, false);
        };
        let t = (now - t0) / TRANSITION_MS;
        if t >= 1.0 {
            // The walk is over: draw the model's own line once more.
            self.from = None;
            self.drawn = None;
            return (None, true);
        }
        // Ease out: fast, then settling.
        let e = 1.0 - (1.0 - t) * (1.0 - t);
        let p: [f64; 3] = std::array::from_fn(|k| old[k] + (to[k] - old[k]) * e);
        self.drawn = Some(p);
        (Some((p[0], p[1], p[2])), true)
    }
}
