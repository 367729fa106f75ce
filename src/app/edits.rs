//! Data edits (each one undoable) and loading: points added, moved and
//! removed, data sets, CSV and JSON files, shared links, Undo and Redo (of
//! these and of parameter edits).

use crate::core::csv::parse_csv;
use crate::core::data::{DataError, Dataset, Point, Preset, Task};
use crate::core::decimal::parse_f64;

use crate::core::session::Session;
use crate::core::state::SavedState;

use super::apply::{DATA, NOTHING};
use super::cell::{CellError, PointField};
use super::event::{Changed, Edit, Event, Problem, Source};
use super::undo::{Before, Entry};
use super::walk::Walk;
use super::workspace::{Drag, Workspace};

type Done = (Event, Changed);

fn refused(p: Problem) -> Done {
    (Event::Refused(p), NOTHING)
}

impl Workspace {
    fn data_before(&self) -> Dataset {
        self.session().data().clone()
    }

    /// Records `edit` (the points were `before`) and reports `event`.
    fn edited(&mut self, edit: Edit, before: Dataset, event: Event) -> Done {
        self.undo_mut().record(edit, Before::Data(before));
        self.walk = Walk::default();
        (event, DATA)
    }

    pub(super) fn add_point(&mut self, x: f64, y: f64, class: usize) -> Done {
        let class = if self.task == Task::Regression {
            0
        } else {
            class
        };
        let before = self.data_before();
        match self.session_mut().add_point(Point::new(x, y, class)) {
            Ok(i) => self.edited(Edit::Add, before, Event::PointAdded(i)),
            Err(e) => refused(Problem::Data(e)),
        }
    }

    pub(super) fn remove_point(&mut self, i: usize) -> Done {
        let before = self.data_before();
        match self.session_mut().remove_point(i) {
            Ok(_) => {
                self.drag = None;
                self.edited(Edit::Remove, before, Event::PointRemoved(i))
            }
            Err(e) => refused(Problem::Data(e)),
        }
    }

    pub(super) fn move_point(&mut self, i: usize, x: f64, y: f64) -> Done {
        let before = self.data_before();
        match self.session_mut().move_point(i, x, y) {
            Ok(()) => self.edited(Edit::Move, before, Event::PointMoved(i)),
            Err(e) => refused(Problem::Data(e)),
        }
    }

    pub(super) fn drag_start(&mut self, i: usize) -> Done {
        if i >= self.session().data().len() {
            return refused(Problem::Data(DataError::NoSuchPoint(i)));
        }
        let before = Some(self.data_before());
        self.drag = Some(Drag { index: i, before });
        (Event::Selected, NOTHING)
    }

    pub(super) fn drag_to(&mut self, x: f64, y: f64) -> Done {
        let Some(index) = self.dragging() else {
            return (Event::Selected, NOTHING);
        };
        match self.session_mut().move_point(index, x, y) {
            Ok(()) => {
                let first = self.drag.as_mut().and_then(|d| d.before.take());
                if let Some(before) = first {
                    self.undo_mut().record(Edit::Move, Before::Data(before));
                }
                self.walk = Walk::default();
                (Event::PointMoved(index), DATA)
            }
            Err(e) => refused(Problem::Data(e)),
        }
    }

    /// Ends a drag; when it moved the point, the page redraws what it put
    /// off while the point moved (the points table, the form).
    pub(super) fn drag_end(&mut self) -> Done {
        let moved = self.drag.take().is_some_and(|d| d.before.is_none());
        (Event::Selected, if moved { DATA } else { NOTHING })
    }

    pub(super) fn clear_points(&mut self) -> Done {
        self.playing = false;
        let before = self.data_before();
        self.session_mut().clear_points();
        self.drag = None;
        self.edited(Edit::Clear, before, Event::PointsCleared)
    }

    pub(super) fn choose_preset(&mut self, preset: Preset) -> Done {
        if preset.task() != self.task {
            return refused(Problem::Data(DataError::OtherMode));
        }
        self.presets[self.task as usize] = preset;
        self.regenerate()
    }

    pub(super) fn regenerate(&mut self) -> Done {
        // A data-set field still holding a refused value: say so again
        // (the field shows it) rather than quietly use the last good one.
        let pending = self.invalid.iter().find(|(k, _)| k.is_data());
        if let Some((_, e)) = pending {
            return refused(Problem::Pending(e.clone()));
        }
        self.playing = false;
        let g = self.generator;
        let preset = self.preset();
        let before = self.data_before();
        match self
            .session_mut()
            .load_preset(preset, g.count, g.noise, g.seed)
        {
            Ok(()) => {
                self.drag = None;
                self.edited(Edit::Preset, before, Event::PresetLoaded)
            }
            Err(e) => refused(Problem::Data(e)),
        }
    }

    pub(super) fn import_csv(&mut self, name: String, text: &str) -> Done {
        match parse_csv(text, self.task) {
            Ok(data) => {
                self.playing = false;
                let before = self.data_before();
                self.session_mut().set_data(data);
                self.drag = None;
                self.edited(Edit::Csv, before, Event::Loaded { name })
            }
            Err(error) => refused(Problem::Csv { name, error }),
        }
    }

    /// Puts `s` in place as its own mode's session (recording the one it
    /// replaces for Undo) and switches to that mode.
    fn replace_session(&mut self, s: Session) {
        self.playing = false;
        let task = s.settings().task;
        let old = SavedState::of(&self.sessions[task as usize]);
        self.undo[task as usize].record(Edit::File, Before::Session(Box::new(old)));
        self.put_session(s);
    }

    /// Puts `s` in place as its own mode's session, without recording it.
    pub(super) fn put_session(&mut self, s: Session) {
        self.set_plane(s.settings().task);
        self.sessions[self.task as usize] = s;
        self.class = self.class.min(self.session().settings().classes - 1);
        self.drag = None;
        self.invalid.clear();
        self.walk = Walk::default();
    }

    pub(super) fn load_json(&mut self, name: String, text: &str) -> Done {
        match Session::from_json(text) {
            Ok(s) => {
                self.replace_session(s);
                (Event::Loaded { name }, Changed::ALL)
            }
            Err(error) => refused(Problem::Load {
                source: Source::File(name),
                error,
            }),
        }
    }

    pub(super) fn open_link(&mut self, json: &str) -> Done {
        // A link that is not base64 decodes to nothing.
        let loaded = if json.is_empty() {
            Err(crate::core::error::LoadError::Link)
        } else {
            Session::from_json(json)
        };
        match loaded {
            Ok(s) => {
                self.replace_session(s);
                (Event::LinkOpened, Changed::ALL)
            }
            Err(error) => refused(Problem::Load {
                source: Source::Link,
                error,
            }),
        }
    }

    /// Puts `entry`'s state in place.
    fn go_to(&mut self, entry: Entry) -> Result<(), Problem> {
        self.playing = false;
        self.drag = None;
        self.line = None;
        self.walk = Walk::default();
        match entry.state {
            Before::Data(d) => {
                self.session_mut().set_data(d);
                Ok(())
            }
            Before::Session(s) => {
                let s = s.into_session().map_err(|error| Problem::Load {
                    source: Source::Autosave,
                    error,
                })?;
                self.put_session(s);
                Ok(())
            }
            Before::Params(p) => self.session_mut().set_params(&p).map_err(Problem::Param),
        }
    }

    pub(super) fn undo(&mut self) -> Done {
        let task = self.task as usize;
        let sessions = &self.sessions;
        match self.undo[task].undo(|e| like(&sessions[task], e)) {
            Some(entry) => self.went(entry, Event::Undone),
            None => (Event::NothingToUndo, NOTHING),
        }
    }

    pub(super) fn redo(&mut self) -> Done {
        let task = self.task as usize;
        let sessions = &self.sessions;
        match self.undo[task].redo(|e| like(&sessions[task], e)) {
            Some(entry) => self.went(entry, Event::Redone),
            None => (Event::NothingToRedo, NOTHING),
        }
    }

    fn went(&mut self, entry: Entry, event: fn(Edit) -> Event) -> Done {
        let edit = entry.edit;
        match self.go_to(entry) {
            Ok(()) => (event(edit), Changed::ALL),
            Err(p) => refused(p),
        }
    }
}

impl Workspace {
    /// Point `i`'s `field` typed as `text`: a coordinate (within the limits
    /// every point keeps) or a class from 1 to K. One undoable edit; bad
    /// text changes nothing.
    pub(super) fn edit_point(&mut self, i: usize, field: PointField, text: &str) -> Done {
        let refuse = |why| refused(Problem::Cell { point: i, why });
        let Some(&p) = self.session().data().points.get(i) else {
            return refuse(CellError::Data(DataError::NoSuchPoint(i)));
        };
        let text = text.trim();
        let before = self.data_before();
        if field == PointField::Class {
            let k = self.session().settings().classes;
            let class = match text.parse::<usize>() {
                _ if self.task == Task::Regression => {
                    return refuse(CellError::Data(DataError::BadClass(0)))
                }
                Ok(c) if (1..=k).contains(&c) => c - 1,
                _ => return refuse(CellError::NotAClass(k)),
            };
            let mut data = before.clone();
            data.points[i].class = class;
            self.session_mut().set_data(data);
            return self.edited(Edit::Relabel, before, Event::PointRelabeled(i));
        }
        let Some(v) = parse_f64(text) else {
            return refuse(CellError::NotANumber);
        };
        let (x, y) = match field {
            PointField::X => (v, p.y),
            _ => (p.x, v),
        };
        match self.session_mut().move_point(i, x, y) {
            Ok(()) => self.edited(Edit::Move, before, Event::PointMoved(i)),
            Err(e) => refuse(CellError::Data(e)),
        }
    }
}

/// What `s` is now, in the form `entry` holds: what Undo or Redo needs to
/// come back here.
fn like(s: &Session, entry: &Entry) -> Before {
    match entry.state {
        Before::Data(_) => Before::Data(s.data().clone()),
        Before::Session(_) => Before::Session(Box::new(SavedState::of(s))),
        Before::Params(_) => Before::Params(s.model().params().to_vec()),
    }
}
