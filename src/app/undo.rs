//! Undo and Redo of edits: bounded stacks of what the points (or, for a
//! loaded file, the whole session; for a change by hand, the parameters)
//! were before each edit. Separate from Step back, which undoes training.

use crate::core::data::Dataset;
use crate::core::state::SavedState;

use super::event::Edit;

/// Edits kept for Undo in each mode.
pub const UNDO_LIMIT: usize = 100;

/// What an edit replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Before {
    /// The points (the model keeps its parameters).
    Data(Dataset),
    /// The whole session (a loaded file replaced it).
    Session(Box<SavedState>),
    /// The model's parameters (changed by hand; the points are kept).
    Params(Vec<f64>),
}

/// One undoable edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What the edit was.
    pub edit: Edit,
    /// The state to go back (or forward) to.
    pub state: Before,
}

/// The two stacks of one mode.
#[derive(Clone, Debug, Default)]
pub struct UndoStack {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl UndoStack {
    /// Records an edit about to happen; clears what Redo had.
    pub fn record(&mut self, edit: Edit, state: Before) {
        self.redo.clear();
        push_bounded(&mut self.undo, Entry { edit, state });
    }

    /// The entry Undo goes back to; `now` (the state being left) goes to Redo.
    pub fn undo(&mut self, now: impl FnOnce(&Entry) -> Before) -> Option<Entry> {
        let e = self.undo.pop()?;
        let state = now(&e);
        push_bounded(
            &mut self.redo,
            Entry {
                edit: e.edit,
                state,
            },
        );
        Some(e)
    }

    /// The entry Redo goes forward to; `now` goes back to Undo.
    pub fn redo(&mut self, now: impl FnOnce(&Entry) -> Before) -> Option<Entry> {
        let e = self.redo.pop()?;
        let state = now(&e);
        push_bounded(
            &mut self.undo,
            Entry {
                edit: e.edit,
                state,
            },
        );
        Some(e)
    }

    /// True when Undo has something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when Redo has something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (a new workspace).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

fn push_bounded(stack: &mut Vec<Entry>, e: Entry) {
    if stack.len() == UNDO_LIMIT {
        stack.remove(0);
    }
    stack.push(e);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::Point;

    fn data(n: usize) -> Before {
        Before::Data(Dataset::from_points(vec![Point::new(0.0, 0.0, 0); n]).unwrap())
    }

    #[test]
    fn undo_then_redo_swaps_states() {
        let mut s = UndoStack::default();
        s.record(Edit::Add, data(0));
        let back = s.undo(|_| data(1)).unwrap();
        assert_eq!(back.state, data(0));
        assert!(s.can_redo() && !s.can_undo());
        let fwd = s.redo(|_| data(0)).unwrap();
        assert_eq!(fwd.state, data(1));
        assert!(s.can_undo() && !s.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo_and_the_stack_is_bounded() {
        let mut s = UndoStack::default();
        for n in 0..UNDO_LIMIT + 5 {
            s.record(Edit::Add, data(n));
        }
        s.undo(|_| data(0));
        s.record(Edit::Remove, data(1));
        assert!(!s.can_redo());
        let mut count = 0;
        while s.undo(|_| data(0)).is_some() {
            count += 1;
        }
        assert_eq!(count, UNDO_LIMIT);
    }
}
