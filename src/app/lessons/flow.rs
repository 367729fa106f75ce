//! The course's actions: opening a lesson (the playground set aside, the
//! lesson's setup applied through the one door, its pace and step count
//! set), picking a lesson in progress up after a reload, going back to the
//! playground as it was, the lessons done from their saved form, and the
//! check after every action.

use super::super::action::Action;
use super::super::apply::NOTHING;
use super::super::autosave::{checked, encode};
use super::super::event::{Changed, Event, Problem, Source};
use super::super::metrics::DegreeFit;
use super::super::workspace::Workspace;
use super::check::observe;
use super::course::{decode_done, Course, Seen, DEGREES};
use super::saved::decode_lesson;
use super::{Goal, LESSONS};

type Done = (Event, Changed);

impl Workspace {
    /// The course: the lesson open, the lessons done.
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// Opens lesson `i` (0-based): the playground is set aside the first
    /// time, then the lesson's setup runs as ordinary actions.
    pub(in crate::app) fn open_lesson(&mut self, i: usize) -> Done {
        let Some(lesson) = LESSONS.get(i) else {
            return (Event::Selected, NOTHING);
        };
        let mut course = self.set_playground_aside();
        let steps = lesson.steps.to_string();
        let setup = (lesson.setup)(self.lang).into_iter().chain([
            Action::SetSpeed(lesson.pace),
            Action::SetKnob {
                knob: crate::core::settings::Knob::Steps,
                text: steps,
            },
        ]);
        for action in setup {
            self.apply(action);
        }
        course.open = Some(i);
        course.seen = Default::default();
        self.course = course;
        self.status = None;
        self.observe_lesson(&Event::LessonOpened(i));
        (Event::LessonOpened(i), Changed::ALL)
    }

    /// Takes the course out of the workspace, with the playground stashed
    /// in it unless a lesson already holds it.
    fn set_playground_aside(&mut self) -> Course {
        let mut course = std::mem::take(&mut self.course);
        if course.open.is_none() {
            course.stash = Some(encode(self));
        }
        course
    }

    /// Picks lesson `i` up from its saved form `text`, where it was before
    /// a reload; another lesson's form changes nothing, a damaged one is
    /// refused.
    pub(in crate::app) fn resume_lesson(&mut self, i: usize, text: &str) -> Done {
        let saved = match decode_lesson(text) {
            Ok(s) if s.lesson == i + 1 && i < LESSONS.len() => s,
            Ok(_) => return (Event::Selected, NOTHING),
            Err(error) => return refused(error),
        };
        let seen = match saved.seen() {
            Ok(seen) => seen,
            Err(error) => return refused(error),
        };
        let read = match checked(saved.workspace) {
            Ok(read) => read,
            Err(error) => return refused(error),
        };
        let mut course = self.set_playground_aside();
        self.restore_saved(Ok(read));
        // The blank comparison is not saved: the lesson's own is set up again.
        for action in (LESSONS[i].setup)(self.lang) {
            if matches!(action, Action::SetBlank { .. }) {
                self.apply(action);
            }
        }
        course.open = Some(i);
        course.seen = Seen {
            fits_data: self.session().data_version(),
            ..seen
        };
        self.course = course;
        self.status = None;
        self.observe_lesson(&Event::LessonOpened(i));
        (Event::LessonOpened(i), Changed::ALL)
    }

    /// Leaves the course: the playground comes back as it was.
    pub(in crate::app) fn back_to_playground(&mut self) -> Done {
        let Some(stash) = self.course.stash.take() else {
            return (Event::Selected, NOTHING);
        };
        self.course.open = None;
        let course = std::mem::take(&mut self.course);
        self.apply(Action::StartFresh);
        self.restore(&stash);
        self.course = course;
        self.status = None;
        (Event::LeftCourse, Changed::ALL)
    }

    /// The lessons done, from their saved form; a damaged form changes nothing.
    pub(in crate::app) fn restore_lessons(&mut self, text: &str) -> Done {
        match decode_done(text, LESSONS.len()) {
            Ok(done) => {
                self.course.done |= done;
                (Event::Selected, Changed::ALL)
            }
            Err(error) => refused(error),
        }
    }

    /// The degrees the open lesson saw trained long enough on these
    /// points, for the loss-by-degree table to show in place of every
    /// degree's best fit (which would give the answer away); `None`
    /// outside such a lesson.
    pub fn trials(&self) -> Option<Vec<DegreeFit>> {
        let i = self.course.open?;
        if LESSONS[i].goal != Goal::BestDegree {
            return None;
        }
        let seen = &self.course.seen;
        let current = seen.fits_data == self.session().data_version();
        let tried = (1..=DEGREES).filter(|&d| current && seen.fits[d - 1] > 0.0);
        Some(
            tried
                .map(|d| DegreeFit {
                    degree: d,
                    train: seen.fits_train[d - 1],
                    heldout: Some(seen.fits[d - 1]),
                })
                .collect(),
        )
    }

    /// After every action: what the open lesson sees, and its task's check.
    pub(in crate::app) fn observe_lesson(&mut self, event: &Event) {
        let Some(i) = self.course.open else { return };
        let goal = LESSONS[i].goal;
        let mut seen = self.course.seen;
        observe(self, &mut seen, event, goal);
        self.course.seen = seen;
        if goal.met(self, &seen) {
            self.course.done |= 1 << i;
        }
    }
}

/// A saved form refused: nothing changes.
fn refused(error: crate::core::error::LoadError) -> Done {
    (
        Event::Refused(Problem::Load {
            source: Source::Autosave,
            error,
        }),
        NOTHING,
    )
}
