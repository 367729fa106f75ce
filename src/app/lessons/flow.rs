//! The course's actions: opening a lesson (the playground set aside, the
//! lesson's setup applied through the one door), going back to the
//! playground as it was, the lessons done from their saved form, and the
//! check after every action.

use super::super::apply::NOTHING;
use super::super::autosave::encode;
use super::super::event::{Changed, Event, Problem, Source};
use super::super::workspace::Workspace;
use super::check::observe;
use super::course::{decode_done, Course};
use super::LESSONS;

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
        let mut course = std::mem::take(&mut self.course);
        if course.open.is_none() {
            course.stash = Some(encode(self));
        }
        for action in (lesson.setup)(self.lang) {
            self.apply(action);
        }
        course.open = Some(i);
        course.seen = Default::default();
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
        self.apply(super::super::action::Action::StartFresh);
        self.restore(&stash);
        self.course = course;
        self.status = None;
        (Event::LeftCourse, Changed::ALL)
    }

    /// The lessons done, from their saved form; a damaged form changes nothing.
    pub(in crate::app) fn restore_lessons(&mut self, text: &str) -> Done {
        match decode_done(text) {
            Ok(done) => {
                self.course.done |= done;
                (Event::Selected, Changed::ALL)
            }
            Err(error) => (
                Event::Refused(Problem::Load {
                    source: Source::Autosave,
                    error,
                }),
                NOTHING,
            ),
        }
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
