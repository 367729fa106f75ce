//! Pointer, touch and keyboard input on the plot and the page, and typing a
//! parameter in place: each gesture becomes one [`Action`].

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlInputElement, KeyboardEvent, PointerEvent};

use super::dom::{by_id, document};
use super::page::Shared;
use super::ui::{closest, hear_key, on};
use crate::app::{Action, Msg};
use crate::core::data::DOMAIN;

/// Pixels within which a press grabs an existing point.
const GRAB_PX: f64 = 9.0;
/// Pixels within which a remove gesture finds the nearest point.
const REMOVE_PX: f64 = 30.0;

/// Wires the plot's gestures, the parameter cells and the shortcuts.
pub fn wire(page: &Shared) {
    plot_gestures(page);
    param_editing(page);
    keyboard(page);
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
    let p = page.clone();
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
        if let Some(i) = nearest(GRAB_PX * per_px) {
            p.dispatch(Action::DragStart(i));
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            return;
        }
        let selected = p.read(|ws| ws.class()).unwrap_or(0);
        let class = if e.shift_key() { 1 } else { selected };
        p.dispatch(Action::AddPoint { x, y, class });
    });
    let p = page.clone();
    on::<PointerEvent>(&plot, "pointermove", move |e| {
        let dragging = p.read(|ws| ws.dragging().is_some()) == Some(true);
        let (true, Some(view)) = (dragging, p.view()) else {
            return;
        };
        let (x, y) = view.to_data(e.offset_x() as f64, e.offset_y() as f64);
        p.dispatch(Action::DragTo {
            x: x.clamp(-DOMAIN, DOMAIN),
            y: y.clamp(-DOMAIN, DOMAIN),
        });
    });
    for event in ["pointerup", "pointercancel"] {
        let p = page.clone();
        on::<PointerEvent>(&plot, event, move |_| p.dispatch(Action::DragEnd));
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
        &cell.get_attribute("aria-label").unwrap_or_default(),
    );
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
        let index = cell
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok());
        // The panel writes the cell's text again on the next frame.
        cell.set_text_content(Some(""));
        match (cancel, index) {
            (false, Some(index)) => p.dispatch(Action::SetParam {
                index,
                text: input.value(),
            }),
            // Cancelled: the panel shows the value as it was.
            _ => p.redraw(),
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

/// True when `e` happened while typing in a field (shortcuts stay off).
fn typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "input"
                || tag == "select"
                || tag == "textarea"
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

fn keyboard(page: &Shared) {
    let p = page.clone();
    let doc: EventTarget = document().into();
    on::<KeyboardEvent>(&doc, "keydown", move |e| {
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
