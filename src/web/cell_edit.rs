//! Typing into the Points table: the arrow keys move between the value
//! cells, Enter or a typed digit opens a cell's editor, Enter commits it as
//! one undoable edit (a refused value changes nothing and says why) and Esc
//! leaves the point as it was.

use crate::core::decimal::parse_f64;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlElement, HtmlInputElement, KeyboardEvent};

use super::dom::{by_id, document};
use super::page::Shared;
use super::points::{focus_cell, FIELDS};
use super::ui::{closest, on};
use crate::app::{Action, Lang, Msg, PointField};

use crate::render::format::fixed3;

/// Opens `cell`'s editor holding `text`.
fn start_editing(page: &Shared, cell: &Element, text: &str) {
    if cell.get_attribute("data-editing").is_some() {
        return;
    }
    let Ok(input) = document()
        .create_element("input")
        .map(|e| e.unchecked_into::<HtmlInputElement>())
    else {
        return;
    };
    let f = cell.get_attribute("data-f").unwrap_or_default();
    let column = cell
        .closest("table")
        .ok()
        .flatten()
        .and_then(|t| {
            t.query_selector(&format!("th[data-f=\"{f}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|th| th.text_content())
        .unwrap_or_default();
    let n = cell
        .get_attribute("data-i")
        .and_then(|v| v.parse::<usize>().ok());
    let lang = page.read(|ws| ws.lang()).unwrap_or(Lang::En);
    let n = n.map_or(0, |n| n + 1).to_string();
    let label = Msg::CellLabel.fill(lang, &[("field", &column), ("n", &n)]);
    let _ = input.set_attribute("aria-label", &label);
    input.set_title(Msg::EditParam.text(lang));
    input.set_class_name("param-input");
    input.set_value(text);
    let _ = cell.set_attribute("data-editing", "");
    cell.set_text_content(None);
    let _ = cell.append_child(&input);
    let _ = input.focus();
    if text.chars().count() > 1 {
        input.select();
    }
}

/// Closes the editor in `cell`: the cell shows its value again, and unless
/// cancelled what was typed goes to the workspace.
fn finish_editing(page: &Shared, cell: &Element, input: &HtmlInputElement) {
    let cancel = cell.get_attribute("data-cancel").is_some();
    let _ = cell.remove_attribute("data-cancel");
    let _ = cell.remove_attribute("data-editing");
    let old = cell.get_attribute("data-v").unwrap_or_default();
    let text = input.value();
    // The value as it was; a new one comes with the table written again.
    match cell.get_attribute("data-f").as_deref() {
        Some("c") => {
            let swatch = cell.query_selector(".swatch").ok().flatten();
            cell.set_text_content(None);
            input.remove();
            if let Some(sw) = swatch {
                let _ = cell.append_child(&sw);
            }
            let _ = cell.append_with_str_1(&old);
        }
        _ => {
            let shown = parse_f64(&old).map(fixed3).unwrap_or_default();
            cell.set_text_content(Some(&shown));
        }
    }
    // Closed by Enter or Esc, the cell keeps the focus.
    if cell.get_attribute("data-refocus").is_some() {
        let _ = cell.remove_attribute("data-refocus");
        if let Ok(c) = cell.clone().dyn_into::<HtmlElement>() {
            let _ = c.focus();
        }
    }
    let field = match cell.get_attribute("data-f").as_deref() {
        Some("x") => PointField::X,
        Some("y") => PointField::Y,
        _ => PointField::Class,
    };
    let i = cell.get_attribute("data-i").and_then(|v| v.parse().ok());
    if let (false, Some(i)) = (cancel || text.trim() == old, i) {
        page.dispatch(Action::EditPoint { i, field, text });
    }
}

/// The value cell beside `cell` in direction `key`, as (point, field).
fn neighbour(cell: &Element, key: &str) -> Option<(usize, &'static str)> {
    let i: usize = cell.get_attribute("data-i")?.parse().ok()?;
    let f = cell.get_attribute("data-f")?;
    let k = FIELDS.iter().position(|x| *x == f)?;
    Some(match key {
        "ArrowUp" => (i.checked_sub(1)?, FIELDS[k]),
        "ArrowDown" => (i + 1, FIELDS[k]),
        "ArrowLeft" => (i, FIELDS[k.checked_sub(1)?]),
        "ArrowRight" => (i, *FIELDS.get(k + 1)?),
        _ => return None,
    })
}

/// Wires the table's keys, clicks and editors.
pub fn wire(page: &Shared) {
    let table: EventTarget = by_id("points-table");
    let p = page.clone();
    on::<KeyboardEvent>(&table, "keydown", move |e| {
        let Some(cell) = closest(&e, "td.cell") else {
            return;
        };
        let key = e.key();
        let editing = cell.get_attribute("data-editing").is_some();
        if editing {
            let _ = cell.set_attribute("data-refocus", "");
            match key.as_str() {
                "Escape" => {
                    let _ = cell.set_attribute("data-cancel", "");
                    blur(&e);
                }
                "Enter" => blur(&e),
                _ => {
                    let _ = cell.remove_attribute("data-refocus");
                    return;
                }
            }
            e.prevent_default();
            return;
        }
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let typed = key.chars().count() == 1
            && key.chars().all(|c| c.is_ascii_digit() || "-+.".contains(c));
        if key == "Enter" || key == "F2" {
            let v = cell.get_attribute("data-v").unwrap_or_default();
            start_editing(&p, &cell, &v);
        } else if typed {
            start_editing(&p, &cell, &key);
        } else if let Some((i, f)) = neighbour(&cell, &key) {
            if let Some(t) = cell.closest("table").ok().flatten() {
                focus_cell(&t, i, f);
            }
        } else {
            return;
        }
        // Keys the table used are not the page's shortcuts.
        e.prevent_default();
        e.stop_propagation();
    });
    let p = page.clone();
    on::<Event>(&table, "click", move |e| {
        if let Some(cell) = closest(&e, "td.cell") {
            let v = cell.get_attribute("data-v").unwrap_or_default();
            start_editing(&p, &cell, &v);
        }
    });
    let p = page.clone();
    // focusout bubbles (blur does not): commit when the editor loses focus.
    on::<Event>(&table, "focusout", move |e| {
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
        if let (Some(cell), Some(input)) = (closest(&e, "td.cell"), input) {
            finish_editing(&p, &cell, &input);
        }
    });
}

fn blur(e: &Event) {
    if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = el.blur();
    }
}
