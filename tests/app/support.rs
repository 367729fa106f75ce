//! Helpers shared by the app-layer tests.

use neuronlab::app::wording;
use neuronlab::app::{Action, Event, Lang, Outcome, Workspace};
use neuronlab::core::data::{Point, Task};
use neuronlab::core::settings::Knob;
use neuronlab::core::state::SavedState;

/// A fresh English workspace with a clock that never runs out.
pub fn ws() -> Workspace {
    Workspace::untimed(Lang::En)
}

/// A fresh workspace already in `task`.
pub fn ws_in(task: Task) -> Workspace {
    let mut w = ws();
    w.apply(Action::SetTask(task));
    w
}

/// The current session's points.
pub fn points(w: &Workspace) -> Vec<Point> {
    w.session().data().points.clone()
}

/// The current session's parameters.
pub fn params(w: &Workspace) -> Vec<f64> {
    w.session().model().params().to_vec()
}

/// The whole current session, in its saved form.
pub fn saved(w: &Workspace) -> SavedState {
    SavedState::of(w.session())
}

/// Applies `text` to `knob`.
pub fn knob(w: &mut Workspace, knob: Knob, text: &str) -> Outcome {
    w.apply(Action::SetKnob {
        knob,
        text: text.into(),
    })
}

/// Adds a point of class `class` at `(x, y)`, asserting it was accepted.
pub fn add(w: &mut Workspace, x: f64, y: f64, class: usize) -> usize {
    match w.apply(Action::AddPoint { x, y, class }).event {
        Event::PointAdded(i) => i,
        e => panic!("point refused: {e:?}"),
    }
}

/// The status line's text in `lang` (empty when there is none).
pub fn status_text(w: &Workspace, lang: Lang) -> String {
    w.status()
        .map(|e| wording::status(lang, e))
        .unwrap_or_default()
}

/// Applies `Step` `n` times, asserting each was taken.
pub fn steps(w: &mut Workspace, n: usize) {
    for _ in 0..n {
        let e = w.apply(Action::Step).event;
        assert!(
            matches!(e, Event::Stepped(_) | Event::Converged),
            "step refused: {e:?}"
        );
    }
}

/// True when `s` holds a CJK ideograph (or CJK punctuation).
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
    })
}
