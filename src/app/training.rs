//! Training actions: Step, Step back, the history slider, Play and its
//! frames, Reset; and the perceptron's walk: "converged", or "no line
//! separates these points".

use crate::core::model::ModelKind;

use super::apply::{NOTHING, TRAINING};
use super::event::{Changed, Event, Problem};
use super::lab::{Progress, Run};
use super::walk::{Verdict, Walk, GIVE_UP_EPOCHS};
use super::workspace::Workspace;

/// Play stops training for the frame once it has used this long (ms),
/// whatever the speed asks, so drawing and input always get their share.
pub const TRAIN_BUDGET_MS: f64 = 6.0;

type Done = (Event, Changed);

/// What one update meant for the perceptron's walk.
enum Stepped {
    /// An ordinary update.
    Moved(u64),
    /// The update completed an epoch without a mistake.
    Converged,
    /// Many epochs, each with a mistake: no line separates the points.
    NoLine,
}

impl Workspace {
    /// One update; follows the perceptron's walk.
    fn one_step(&mut self) -> Result<Stepped, Problem> {
        if self.lab_shown() {
            let u = self.lab.session.step().map_err(Problem::Step)?;
            let step = u.step;
            self.lab.show_sample = true;
            self.lab.drop_generated();
            self.lab.last = None;
            return Ok(Stepped::Moved(step));
        }
        let perceptron = self.session().model().kind() == ModelKind::Perceptron;
        let n_train = self.session().train_indices().len();
        let epoch = self.session().epoch();
        let u = self.session_mut().step().map_err(Problem::Step)?;
        let changed = u.delta.iter().any(|&d| d != 0.0);
        let (step, used) = (u.step, u.samples.len());
        let epoch_end = self.session().epoch() > epoch;
        match self.walk.saw(used, changed, n_train, epoch_end) {
            Verdict::Converged if perceptron => Ok(Stepped::Converged),
            Verdict::NoLine if perceptron => Ok(Stepped::NoLine),
            _ => Ok(Stepped::Moved(step)),
        }
    }

    pub(super) fn step(&mut self) -> Done {
        match self.one_step() {
            Ok(Stepped::Moved(n)) => (Event::Stepped(n), TRAINING),
            Ok(Stepped::Converged) => (Event::Converged, TRAINING),
            Ok(Stepped::NoLine) => (Event::NoLine(GIVE_UP_EPOCHS), TRAINING),
            Err(p) => (Event::Refused(p), NOTHING),
        }
    }

    pub(super) fn step_back(&mut self) -> Done {
        self.playing = false;
        self.walk = Walk::default();
        let back = if self.lab_shown() {
            self.lab.session.step_back()
        } else {
            self.session_mut().step_back()
        };
        if back {
            (Event::SteppedBack(self.step_count()), TRAINING)
        } else {
            (Event::NothingBack, TRAINING)
        }
    }

    pub(super) fn seek(&mut self, n: u64) -> Done {
        self.playing = false;
        self.walk = Walk::default();
        let reached = if self.lab_shown() {
            self.lab.session.seek(n)
        } else {
            self.session_mut().seek(n)
        };
        if reached {
            (Event::Seeked(n), TRAINING)
        } else {
            (Event::CantReach, TRAINING)
        }
    }

    pub(super) fn toggle_play(&mut self) -> Done {
        self.until = None;
        if self.playing {
            self.playing = false;
            return (Event::Paused, TRAINING);
        }
        self.start_playing()
    }

    /// Play, if a step can be taken.
    fn start_playing(&mut self) -> Done {
        let ready = if self.lab_shown() && self.lab.session.diverged() {
            Err(crate::core::error::StepError::Diverged)
        } else if self.lab_shown() {
            Ok(())
        } else {
            self.session().readiness()
        };
        match ready {
            Ok(()) => {
                self.playing = true;
                self.walk = Walk::default();
                (Event::Playing, TRAINING)
            }
            Err(e) => (Event::Refused(Problem::Step(e)), NOTHING),
        }
    }

    /// `Train N steps`: Play at the chosen speed until exactly `steps` more
    /// updates are made (from wherever training is, playing or not).
    /// A model that trains in a worker trains these here, on the page, so
    /// that they are exactly N (a worker's reports come in stretches).
    pub(super) fn train_steps(&mut self) -> Done {
        self.playing = false;
        self.lab.run = None;
        let done = self.start_playing();
        if self.playing {
            self.until = Some(self.step_count() + self.steps);
        }
        done
    }

    /// One frame of Play: up to `speed` updates, stopping early when the
    /// frame's training budget is spent, at a refusal, or at convergence.
    /// A model trained off the main thread is not trained here: the frame
    /// asks for a run from the current step when none is going on.
    pub(super) fn tick(&mut self) -> Done {
        if self.playing && self.lab_shown() && self.lab.off_thread() && self.until.is_none() {
            let step = self.lab.session.step_count();
            if self.lab.run.is_some_and(|r| r.from == step) {
                return (Event::Trained { steps: 0, step }, NOTHING);
            }
            let id = self.lab.next_run;
            self.lab.next_run += 1;
            self.lab.run = Some(Run { id, from: step });
            return (Event::Trained { steps: 0, step }, TRAINING);
        }
        if !self.playing {
            return (
                Event::Trained {
                    steps: 0,
                    step: self.session().step_count(),
                },
                NOTHING,
            );
        }
        let start = self.now();
        let mut steps = 0;
        let left = self
            .until
            .map_or(u64::MAX, |t| t.saturating_sub(self.step_count()));
        let speed = (self.speed as u64).min(left) as usize;
        while steps < speed {
            if steps > 0 && self.now() - start > TRAIN_BUDGET_MS {
                break;
            }
            match self.one_step() {
                Ok(Stepped::Moved(_)) => steps += 1,
                Ok(Stepped::Converged) => {
                    self.playing = false;
                    return (Event::Converged, TRAINING);
                }
                Ok(Stepped::NoLine) => {
                    self.playing = false;
                    return (Event::NoLine(GIVE_UP_EPOCHS), TRAINING);
                }
                Err(p) => {
                    let changed = if steps > 0 { TRAINING } else { NOTHING };
                    return (Event::Refused(p), changed);
                }
            }
        }
        // While Play trains, Next character follows the prompt (a single
        // Step shows the sample it trained on).
        self.lab.show_sample &= !self.lab_shown();
        let step = self.step_count();
        if self.until.is_some_and(|t| step >= t) {
            self.playing = false;
            self.until = None;
            return (
                Event::TrainedSteps {
                    steps: self.steps,
                    step,
                },
                TRAINING,
            );
        }
        (Event::Trained { steps, step }, TRAINING)
    }

    /// Takes over what a worker trained, when it continues the session's
    /// state in the run Play asked for (anything else is set aside).
    pub(super) fn adopt(&mut self, p: Progress) -> Done {
        let step = self.lab.session.step_count();
        let current = self
            .lab
            .run
            .is_some_and(|r| r.id == p.run && r.from == p.from);
        let ours = self.playing && self.lab_shown() && self.until.is_none();
        if !(ours && current && p.from == step) {
            return (Event::Trained { steps: 0, step }, NOTHING);
        }
        let diverged = p.diverged;
        if !self
            .lab
            .session
            .adopt(&p.snapshot, &p.curve, p.last, diverged)
        {
            self.lab.run = None;
            return (Event::Trained { steps: 0, step }, NOTHING);
        }
        let now = self.lab.session.step_count();
        self.lab.run = Some(Run {
            id: p.run,
            from: now,
        });
        self.lab.show_sample = true;
        self.lab.last = None;
        if diverged {
            self.playing = false;
            self.lab.run = None;
            let e = crate::core::error::StepError::Diverged;
            return (Event::Refused(Problem::Step(e)), TRAINING);
        }
        let steps = (now - step) as usize;
        (Event::Trained { steps, step: now }, TRAINING)
    }

    pub(super) fn reset(&mut self) -> Done {
        self.playing = false;
        self.walk = Walk::default();
        if self.lab_shown() {
            self.lab.session.reset();
            self.lab.blank = None;
        } else {
            self.session_mut().reset();
        }
        (Event::ResetDone, TRAINING)
    }

    /// Updates made by the model being trained (the lab's in its mode).
    pub fn step_count(&self) -> u64 {
        if self.lab_shown() {
            self.lab.session.step_count()
        } else {
            self.session().step_count()
        }
    }
}
