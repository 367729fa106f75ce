//! Typing into the Points table: a coordinate or a class set by text, bad
//! text refused with a worded reason and nothing changed, each edit undone
//! and redone like any other data edit.

use crate::support::{has_cjk, points, status_text, ws, ws_in};
use neuronlab::app::{Action, CellError, Edit, Event, Lang, PointField, Problem};
use neuronlab::core::data::{DataError, Point, Task};

fn cell(i: usize, field: PointField, text: &str) -> Action {
    Action::EditPoint {
        i,
        field,
        text: text.into(),
    }
}

#[test]
fn typed_coordinates_move_the_point_and_undo() {
    let mut w = ws();
    let before = points(&w);
    let p = before[2];
    let out = w.apply(cell(2, PointField::X, " 1.25 "));
    assert_eq!(out.event, Event::PointMoved(2));
    assert!(out.changed.data);
    assert_eq!(points(&w)[2], Point::new(1.25, p.y, p.class));
    let out = w.apply(cell(2, PointField::Y, "-3e0"));
    assert_eq!(out.event, Event::PointMoved(2));
    assert_eq!(points(&w)[2], Point::new(1.25, -3.0, p.class));
    assert_eq!(points(&w).len(), before.len());

    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Move));
    assert_eq!(points(&w)[2], Point::new(1.25, p.y, p.class));
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Move));
    assert_eq!(points(&w), before);
    assert_eq!(w.apply(Action::Redo).event, Event::Redone(Edit::Move));
    assert_eq!(points(&w)[2].x, 1.25);
}

#[test]
fn a_typed_class_counts_from_one_and_undoes() {
    let mut w = ws();
    let before = points(&w);
    let i = before
        .iter()
        .position(|p| p.class == 0)
        .expect("a class-1 point");
    let out = w.apply(cell(i, PointField::Class, "2"));
    assert_eq!(out.event, Event::PointRelabeled(i));
    assert_eq!(points(&w)[i].class, 1);
    assert_eq!(
        (points(&w)[i].x, points(&w)[i].y),
        (before[i].x, before[i].y)
    );
    assert_eq!(w.apply(Action::Undo).event, Event::Undone(Edit::Relabel));
    assert_eq!(points(&w), before);
    assert!(status_text(&w, Lang::En).contains("changing a point's class"));
}

#[test]
fn bad_text_is_refused_with_a_reason_and_changes_nothing() {
    let mut w = ws();
    let before = points(&w);
    let k = w.session().settings().classes;
    let bad = [
        (PointField::X, "abc", CellError::NotANumber),
        (PointField::Y, "", CellError::NotANumber),
        (PointField::X, "2e6", CellError::Data(DataError::TooFar)),
        (PointField::Y, "inf", CellError::Data(DataError::NotFinite)),
        (PointField::Class, "0", CellError::NotAClass(k)),
        (PointField::Class, "1.5", CellError::NotAClass(k)),
        (
            PointField::Class,
            &(k + 1).to_string(),
            CellError::NotAClass(k),
        ),
    ];
    for (field, text, why) in bad {
        let out = w.apply(cell(1, field, text));
        assert_eq!(
            out.event,
            Event::Refused(Problem::Cell { point: 1, why }),
            "{field:?} {text:?}"
        );
        assert!(!out.changed.data && out.changed.status);
        assert_eq!(points(&w), before);
    }
    assert!(!w.can_undo());
    let en = status_text(&w, Lang::En);
    assert_eq!(
        en,
        format!("Point 2 is unchanged: the class must be a whole number from 1 to {k}.")
    );
    assert!(has_cjk(&status_text(&w, Lang::Zh)));

    let n = before.len();
    let out = w.apply(cell(n, PointField::X, "1"));
    let why = CellError::Data(DataError::NoSuchPoint(n));
    assert_eq!(out.event, Event::Refused(Problem::Cell { point: n, why }));
    assert_eq!(points(&w), before);
}

#[test]
fn regression_has_no_class_cell() {
    let mut w = ws_in(Task::Regression);
    let before = points(&w);
    let out = w.apply(cell(0, PointField::Class, "1"));
    assert!(out.event.is_refusal());
    assert_eq!(points(&w), before);
    assert_eq!(
        w.apply(cell(0, PointField::Y, "0.5")).event,
        Event::PointMoved(0)
    );
    assert_eq!(points(&w)[0].y, 0.5);
}
