//! The plot's keyboard cursor: with the plot focused, the arrow keys move a
//! cursor over the plane (Shift for bigger steps), Enter adds a point of the
//! selected class there, Delete removes the nearest point, and 1 to 5 pick
//! the class. The cursor is the page's alone (what it draws and says): what
//! the keys do to the data goes through the same actions as the pointer.

use std::cell::Cell;
use std::rc::Rc;

use web_sys::{Element, Event, EventTarget, KeyboardEvent};

use super::dom::{by_id, set_text};
use super::page::Shared;
use super::ui::on;
use crate::app::{Action, Msg};
use crate::core::data::{DOMAIN, MAX_CLASSES};
use crate::render::format::fixed;

/// One arrow press moves the cursor this share of the axis (Shift: ×5).
const STEP_SHARE: f64 = 1.0 / 40.0;

/// Wires the plot's keys and its focus.
pub fn wire(page: &Shared) {
    let plot: EventTarget = by_id("plot");
    let at = Rc::new(Cell::new(None::<(f64, f64)>));
    let (p, a) = (page.clone(), at.clone());
    on::<KeyboardEvent>(&plot, "keydown", move |e| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let (x, y) = a.get().unwrap_or((0.0, 0.0));
        let base = 2.0 * DOMAIN * STEP_SHARE;
        let step = base * if e.shift_key() { 5.0 } else { 1.0 };
        let moved = match e.key().as_str() {
            "ArrowLeft" => Some((x - step, y)),
            "ArrowRight" => Some((x + step, y)),
            "ArrowUp" => Some((x, y + step)),
            "ArrowDown" => Some((x, y - step)),
            "Enter" => {
                let class = p.read(|ws| ws.class()).unwrap_or(0);
                p.dispatch(Action::AddPoint { x, y, class });
                None
            }
            "Delete" | "Backspace" => {
                let near = p.read(|ws| ws.session().data().nearest(x, y, f64::INFINITY));
                if let Some(i) = near.flatten() {
                    p.dispatch(Action::RemovePoint(i));
                }
                None
            }
            k => match k.parse::<usize>() {
                Ok(n @ 1..=MAX_CLASSES) => {
                    p.dispatch(Action::SelectClass(n - 1));
                    None
                }
                // Any other key is the page's (Step, Play, Undo…).
                _ => return,
            },
        };
        e.prevent_default();
        e.stop_propagation();
        let to = moved.map_or((x, y), |(x, y)| {
            // Whole steps from the origin, so that positions read cleanly.
            let snap = |v: f64| ((v / base).round() * base).clamp(-DOMAIN, DOMAIN);
            (snap(x), snap(y))
        });
        show(&p, &a, Some(to));
    });
    let (p, a) = (page.clone(), at.clone());
    on::<Event>(&plot, "focus", move |_| {
        let keyboard = by_id::<Element>("plot")
            .matches(":focus-visible")
            .unwrap_or(false);
        if keyboard {
            show(&p, &a, Some(a.get().unwrap_or((0.0, 0.0))));
        }
    });
    let p = page.clone();
    on::<Event>(&plot, "blur", move |_| p.set_cursor(None));
}

/// Puts the cursor at `to`, draws it and says where it is.
fn show(page: &Shared, at: &Cell<Option<(f64, f64)>>, to: Option<(f64, f64)>) {
    at.set(to);
    page.set_cursor(to);
    let (Some((x, y)), Some(lang)) = (to, page.read(|ws| ws.lang())) else {
        return;
    };
    let text = Msg::PlotCursor.fill(lang, &[("x", &fixed(x, 2)), ("y", &fixed(y, 2))]);
    set_text(&by_id("plot-cursor"), &text);
}
