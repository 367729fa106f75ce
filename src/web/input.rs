//! Pointer, touch and keyboard input on the plot and the page, and typing a
//! parameter in place: each gesture becomes one [`Action`].

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlInputElement, KeyboardEvent, PointerEvent};

use super::dom::{by_id, document};
use super::line_drag;
use super::page::Shared;
use super::ui::{closest, hear_key, on};
use crate::app::{Action, Msg};
use crate::core::data::DOMAIN;

/// Pixels within which a press grabs an existing point.
const GRAB_PX: f64 = 9.0;
/// Pixels within which a remove gesture finds the nearest point.
const REMOVE_PX: f64 = 30.0;
/// A touch held this long (ms) without moving removes the nearest point.
const LONG_PRESS_MS: i32 = 600;
/// Pixels a touch may wander and still be a press.
const PRESS_SLOP_PX: f64 = 8.0;

/// A touch held on the plot: where it started (CSS px), the point it adds
/// when lifted (none once it moved or was held long), its timer.
struct Press {
    at: (f64, f64),
    add: Option<Action>,
    timer: i32,
    _fire: Closure<dyn FnMut()>,
}

type Held = Rc<RefCell<Option<Press>>>;

/// Stops the long-press timer of the press in `held` and forgets it,
/// giving back the point it was to add.
fn release(held: &Held) -> Option<Action> {
    let press = held.borrow_mut().take()?;
    if let Some(w) = web_sys::window() {
        w.clear_timeout_with_handle(press.timer);
    }
    press.add
}

/// Starts a touch press at `(x, y)` (data) that, held still, removes the
/// nearest point within `radius` and otherwise adds `add` when lifted.
fn hold(
    page: &Shared,
    held: &Held,
    e: &PointerEvent,
    (x, y, radius): (f64, f64, f64),
    add: Option<Action>,
) {
    release(held);
    let (p, h) = (page.clone(), held.clone());
    let fire = Closure::<dyn FnMut()>::new(move || {
        if let Some(press) = h.borrow_mut().as_mut() {
            press.add = None;
        }
        p.dispatch(Action::DragEnd);
        let near = p.read(|ws| ws.session().data().nearest(x, y, radius));
        if let Some(i) = near.flatten() {
            p.dispatch(Action::RemovePoint(i));
        }
    });
    let timer = web_sys::window().map_or(0, |w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            fire.as_ref().unchecked_ref(),
            LONG_PRESS_MS,
        )
        .unwrap_or(0)
    });
    *held.borrow_mut() = Some(Press {
        at: (e.offset_x() as f64, e.offset_y() as f64),
        add,
        timer,
        _fire: fire,
    });
}

/// Wires the plot's gestures, the parameter cells and the shortcuts.
pub fn wire(page: &Shared) {
    plot_gestures(page);
    param_editing(page);
    keyboard(page);
    super::cursor::wire(page);
}

/// Pointer position in data coordinates and data units per pixel, if over
/// the plotting area.
fn data_point(page: &Shared, e: &PointerEvent) -> Option<(f64, f64, f64)> {
    let view = page.view()?;
    let (px, py) = (e.offset_x() as f64, e.offset_y() as f64);
    if !view.contains(px, py) {
        return None;
    }
    let (x, y) = view.to_data(px, py);
    Some((x, y, view.data_per_px()))
}

fn plot_gestures(page: &Shared) {
    let plot: EventTarget = by_id("plot");
    let held: Held = Rc::default();
    let (p, h) = (page.clone(), held.clone());
    on::<PointerEvent>(&plot, "pointerdown", move |e| {
        e.prevent_default();
        let Some((x, y, per_px)) = data_point(&p, &e) else {
            return;
        };
        let nearest = |r: f64| p.read(|ws| ws.session().data().nearest(x, y, r)).flatten();
        let remove = e.button() == 2 || e.ctrl_key() || e.meta_key();
        if remove {
            if let Some(i) = nearest(REMOVE_PX * per_px) {
                p.dispatch(Action::RemovePoint(i));
            }
            return;
        }
        if e.button() != 0 {
            return;
        }
        let capture = || {
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
        };
        let touch = e.pointer_type() == "touch";
        let grabbed = nearest(GRAB_PX * per_px);
        if let Some(i) = grabbed {
            p.dispatch(Action::DragStart(i));
            capture();
        } else if line_drag::press(&p, x, y, per_px) {
            // Near the model's line or its handle: take hold of the line.
            return capture();
        }
        let selected = p.read(|ws| ws.class()).unwrap_or(0);
        let class = if e.shift_key() { 1 } else { selected };
        let add = grabbed
            .is_none()
            .then_some(Action::AddPoint { x, y, class });
        if touch {
            // A touch adds its point when lifted: held still, it removes one.
            hold(&p, &h, &e, (x, y, REMOVE_PX * per_px), add);
        } else if let Some(a) = add {
            p.dispatch(a);
        }
    });
    let (p, h) = (page.clone(), held.clone());
    on::<PointerEvent>(&plot, "pointermove", move |e| {
        let wandered = h.borrow().as_ref().is_some_and(|press| {
            let (dx, dy) = (
                e.offset_x() as f64 - press.at.0,
                e.offset_y() as f64 - press.at.1,
            );
            dx.hypot(dy) > PRESS_SLOP_PX
        });
        if wandered {
            release(&h);
        }
        let held = p.read(|ws| (ws.dragging().is_some(), ws.line_drag().is_some()));
        let Some(view) = p.view() else {
            return;
        };
        let (x, y) = view.to_data(e.offset_x() as f64, e.offset_y() as f64);
        let (x, y) = (x.clamp(-DOMAIN, DOMAIN), y.clamp(-DOMAIN, DOMAIN));
        match held {
            Some((true, _)) => p.dispatch(Action::DragTo { x, y }),
            Some((_, true)) => p.dispatch(Action::LineTo { x, y }),
            _ => {}
        }
        // The Probabilities view follows the pointer over the plotting area.
        let over = data_point(&p, &e);
        p.probe_at(over.map(|(x, y, _)| (x, y)));
        line_drag::cursor(&p, over);
    });
    let p = page.clone();
    on::<PointerEvent>(&plot, "pointerleave", move |_| p.probe_at(None));
    for event in ["pointerup", "pointercancel"] {
        let (p, h) = (page.clone(), held.clone());
        on::<PointerEvent>(&plot, event, move |e| {
            let add = release(&h);
            p.dispatch(Action::DragEnd);
            // A press on the line that never moved it is a click: it adds a point.
            let unmoved = p.read(|ws| {
                let d = ws.line_drag()?;
                d.before.as_ref().map(|_| (d.from, ws.class()))
            });
            p.dispatch(Action::LineEnd);
            if event != "pointerup" {
                return;
            }
            if let Some(a) = add {
                p.dispatch(a);
            } else if let Some(Some(((x, y), selected))) = unmoved {
                let class = if e.shift_key() { 1 } else { selected };
                p.dispatch(Action::AddPoint { x, y, class });
            }
        });
    }
    on::<Event>(&plot, "contextmenu", |e| e.prevent_default());
}

/// Turns parameter cell `cell` into a text field holding its value.
fn start_editing(page: &Shared, cell: Element) {
    if cell.get_attribute("data-editing").is_some() {
        return;
    }
    let Some(i) = cell
        .get_attribute("data-index")
        .and_then(|v| v.parse::<usize>().ok())
    else {
        return;
    };
    let Some(value) = page
        .read(|ws| ws.session().model().params().get(i).copied())
        .flatten()
    else {
        return;
    };
    let _ = cell.set_attribute("data-editing", "");
    let input = document()
        .create_element("input")
        .expect("input")
        .dyn_into::<HtmlInputElement>()
        .expect("input");
    input.set_value(&value.to_string());
    input.set_class_name("param-input");
    if let Some(lang) = page.read(|ws| ws.lang()) {
        input.set_title(Msg::EditParam.text(lang));
    }
    let _ = input.set_attribute(
        "aria-label",
        &cell.get_attribute("data-name").unwrap_or_default(),
    );
    // A button holding a field would be a control inside a control.
    let _ = cell.remove_attribute("role");
    cell.set_text_content(None);
    let _ = cell.append_child(&input);
    let _ = input.focus();
    input.select();
}

fn param_editing(page: &Shared) {
    let body: EventTarget = by_id("params-body");
    let p = page.clone();
    on::<Event>(&body, "click", move |e| {
        if let Some(cell) = closest(&e, ".param") {
            start_editing(&p, cell);
        }
    });
    let p = page.clone();
    on::<KeyboardEvent>(&body, "keydown", move |e| {
        let Some(cell) = closest(&e, ".param") else {
            return;
        };
        let editing = cell.get_attribute("data-editing").is_some();
        match (e.key().as_str(), editing) {
            ("Enter", false) => {
                e.prevent_default();
                start_editing(&p, cell);
            }
            ("Enter", true) => {
                e.prevent_default();
                blur_target(&e);
            }
            ("Escape", true) => {
                let _ = cell.set_attribute("data-cancel", "");
                blur_target(&e);
            }
            _ => {}
        }
    });
    let p = page.clone();
    // focusout bubbles (blur does not): commit when the editor loses focus.
    on::<Event>(&body, "focusout", move |e| {
        let Some(cell) = closest(&e, ".param") else {
            return;
        };
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let cancel = cell.get_attribute("data-cancel").is_some();
        let _ = cell.remove_attribute("data-cancel");
        let _ = cell.remove_attribute("data-editing");
        let _ = cell.set_attribute("role", "button");
        let index = cell
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok());
        // The panel writes the cell's text again on the next frame (the
        // value as it was when cancelled or refused).
        cell.set_text_content(Some(""));
        p.rewrite_params();
        if let (false, Some(index)) = (cancel, index) {
            p.dispatch(Action::SetParam {
                index,
                text: input.value(),
            });
        }
    });
}

fn blur_target(e: &Event) {
    if let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}

/// True when `e` happened while typing in a field or on a chart tab
/// (shortcuts stay off).
fn typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "input"
                || tag == "select"
                || tag == "textarea"
                || el.get_attribute("role").as_deref() == Some("tab")
                || el.closest(".param").ok().flatten().is_some()
        })
}

/// The action a shortcut stands for.
fn shortcut(e: &KeyboardEvent) -> Option<Action> {
    let command = e.ctrl_key() || e.meta_key();
    if e.alt_key() {
        return None;
    }
    let key = e.key();
    if command {
        return match key.as_str() {
            "z" | "Z" if e.shift_key() => Some(Action::Redo),
            "z" | "Z" => Some(Action::Undo),
            "y" | "Y" => Some(Action::Redo),
            _ => None,
        };
    }
    match key.as_str() {
        " " => Some(Action::TogglePlay),
        "ArrowRight" | "n" | "N" => Some(Action::Step),
        "ArrowLeft" | "b" | "B" => Some(Action::StepBack),
        "r" | "R" => Some(Action::Reset),
        _ => None,
    }
}

/// ← and → on a chart tab move to the tab beside it and show its chart.
fn tab_keys(e: &KeyboardEvent) {
    let Some(tab) = closest(e, "[role=tab]") else {
        return;
    };
    let next = match e.key().as_str() {
        "ArrowRight" => tab.next_element_sibling(),
        "ArrowLeft" => tab.previous_element_sibling(),
        _ => return,
    };
    e.prevent_default();
    let visible = |t: &web_sys::HtmlElement| !t.hidden();
    if let Some(t) = next.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        if visible(&t) {
            t.click();
            let _ = t.focus();
        }
    }
}

fn keyboard(page: &Shared) {
    let p = page.clone();
    let doc: EventTarget = document().into();
    on::<KeyboardEvent>(&doc, "keydown", move |e| {
        tab_keys(&e);
        if typing(&e) {
            return;
        }
        if let Some(action) = shortcut(&e) {
            e.prevent_default();
            p.dispatch(action);
        } else if !(e.ctrl_key() || e.meta_key() || e.alt_key()) && hear_key(&p, &e.key()) {
            e.prevent_default();
        }
    });
}
