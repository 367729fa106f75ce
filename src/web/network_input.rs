//! The network diagram's pointer and keys: hovering (or focusing with the
//! arrow keys) a unit frames it and words its `z = w·a + b` at the point of
//! the plane under the pointer; clicking a link opens that weight's editor
//! in the Parameters panel.

use wasm_bindgen::JsCast;
use web_sys::{EventTarget, HtmlElement, KeyboardEvent, PointerEvent};

use super::dom::{by_id, document, set_text};
use super::network::{describe, focus, set_focus, with_layout};
use super::page::Shared;
use super::ui::on;
use crate::core::data::DOMAIN;

/// CSS pixels within which a click picks a link.
const LINK_REACH: f64 = 6.0;

/// Writes unit `unit`'s sum at `point` under the diagram and frames it.
fn show_unit(page: &Shared, unit: Option<(usize, usize)>, point: (f64, f64)) {
    set_focus(unit);
    let text = unit
        .and_then(|u| page.read(|ws| describe(ws.session(), ws.lang(), u, point)))
        .unwrap_or_default();
    set_text(&by_id("network-info"), &text);
}

/// Opens the Parameters panel's editor of parameter `index`.
fn edit_param(index: usize) {
    let cell = document()
        .query_selector(&format!("#params-body .param[data-index=\"{index}\"]"))
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<HtmlElement>().ok());
    if let Some(cell) = cell {
        cell.scroll_into_view();
        cell.click();
    }
}

/// Wires the diagram's canvas.
pub fn wire(page: &Shared) {
    let c: EventTarget = by_id("network");
    let p = page.clone();
    on::<PointerEvent>(&c, "pointermove", move |e| {
        let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
        match with_layout(|l| l.unit_under(x, y)).flatten() {
            Some((unit, (fx, fy))) => {
                let point = (DOMAIN * (2.0 * fx - 1.0), DOMAIN * (2.0 * fy - 1.0));
                show_unit(&p, Some(unit), point);
            }
            None => set_focus(None),
        }
    });
    on::<PointerEvent>(&c, "click", move |e| {
        let (x, y) = (e.offset_x() as f64, e.offset_y() as f64);
        if let Some(index) =
            with_layout(|l| l.link_near(x, y, LINK_REACH).map(|k| k.param)).flatten()
        {
            edit_param(index);
        }
    });
    let p = page.clone();
    on::<KeyboardEvent>(&c, "keydown", move |e| {
        let Some(sizes) = with_layout(|l| l.units.iter().map(Vec::len).collect::<Vec<_>>()) else {
            return;
        };
        let (l, u) = focus().unwrap_or((0, 0));
        let next = match e.key().as_str() {
            "ArrowUp" => (l, u.saturating_sub(1)),
            "ArrowDown" => (l, u + 1),
            "ArrowLeft" => (l.saturating_sub(1), u),
            "ArrowRight" => (l + 1, u),
            _ => return,
        };
        // The arrows move the focus here, not the training (← and → step).
        e.prevent_default();
        e.stop_propagation();
        let l = next.0.min(sizes.len() - 1);
        // At the plane's centre: the keyboard has no point under it.
        show_unit(&p, Some((l, next.1.min(sizes[l] - 1))), (0.0, 0.0));
    });
    on::<web_sys::Event>(&c, "focus", {
        let p = page.clone();
        move |_| show_unit(&p, Some(focus().unwrap_or((0, 0))), (0.0, 0.0))
    });
}
