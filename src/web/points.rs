//! The Points table, `#, x1, x2, class` or `#, x, y`: its value cells are
//! one tab stop for the whole table (see `cell_edit.rs` for typing into
//! them), and the cell that had focus keeps it when the table is written
//! again.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::dom::{append, by_id, clear, document, make};
use crate::app::{Lang, Msg};
use crate::core::data::Task;
use crate::core::session::Session;
use crate::render::format::fixed3;
use crate::render::palette::class_hex;

/// Most rows the Points table shows (the rest are counted).
const MAX_TABLE_ROWS: usize = 1000;
/// The value cells' `data-f` names, in column order.
pub const FIELDS: [&str; 3] = ["x", "y", "c"];

/// Appends a value cell of point `i`, field `f`, holding `v` (shown as
/// `inner`); `stop` makes it the table's tab stop.
fn push_cell(html: &mut String, i: usize, f: &str, v: &str, inner: &str, stop: bool) {
    let t = if stop { "0" } else { "-1" };
    for part in [
        "<td class=\"cell\" data-i=\"",
        &i.to_string(),
        "\" data-f=\"",
        f,
        "\" tabindex=\"",
        t,
        "\" data-v=\"",
        v,
        "\">",
        inner,
        "</td>",
    ] {
        html.push_str(part);
    }
}

/// The focused value cell's point and field, if one has focus.
fn focused_cell() -> Option<(usize, String)> {
    let el = document().active_element()?;
    let i = el.get_attribute("data-i")?.parse().ok()?;
    Some((i, el.get_attribute("data-f")?))
}

/// Writes the table of `s`'s points in `lang`.
pub fn table(s: &Session, lang: Lang) {
    let table: Element = by_id("points-table");
    let keep = focused_cell();
    clear(&table);
    let classification = s.settings().task == Task::Classification;
    let head = make("tr", "", "");
    let names: &[&str] = if classification {
        &["#", "x1", "x2", Msg::TableClass.text(lang)]
    } else {
        &["#", "x", "y"]
    };
    for (k, n) in names.iter().enumerate() {
        let th = make("th", "", n);
        let _ = th.set_attribute("scope", "col");
        if k > 0 {
            let _ = th.set_attribute("data-f", FIELDS[k - 1]);
        }
        append(&head, &th);
    }
    let thead = make("thead", "", "");
    append(&thead, &head);
    append(&table, &thead);
    let tbody = make("tbody", "", "");
    let pts = &s.data().points;
    let shown = pts.len().min(MAX_TABLE_ROWS);
    let stop = keep.clone().filter(|(i, _)| *i < shown);
    let stop = stop.unwrap_or((0, "x".into()));
    let mut html = String::with_capacity(shown * 160);
    for (i, p) in pts.iter().enumerate().take(MAX_TABLE_ROWS) {
        let held = if s.is_heldout(i) {
            format!(" <small>({})</small>", Msg::TableHeldout.text(lang))
        } else {
            String::new()
        };
        let stop = |f: &str| stop.0 == i && stop.1 == f;
        html.push_str(&format!("<tr><td>{}{held}</td>", i + 1));
        push_cell(&mut html, i, "x", &p.x.to_string(), &fixed3(p.x), stop("x"));
        push_cell(&mut html, i, "y", &p.y.to_string(), &fixed3(p.y), stop("y"));
        if classification {
            let k = p.class;
            let swatch = format!(
                "<span class=\"swatch k{}\" style=\"background:{}\"></span>{}",
                k % 5,
                class_hex(k),
                k + 1
            );
            push_cell(&mut html, i, "c", &(k + 1).to_string(), &swatch, stop("c"));
        }
        html.push_str("</tr>");
    }
    tbody.set_inner_html(&html);
    append(&table, &tbody);
    if pts.len() > MAX_TABLE_ROWS {
        let more = Msg::TableMore.fill(lang, &[("n", &(pts.len() - MAX_TABLE_ROWS).to_string())]);
        let cap = make("caption", "more", &more);
        let _ = table.insert_before(&cap, table.first_child().as_ref());
    }
    if let Some((i, f)) = keep {
        focus_cell(&table, i.min(shown.saturating_sub(1)), &f);
    }
}

/// Focuses the value cell of point `i`, field `f`, making it the tab stop.
pub fn focus_cell(table: &Element, i: usize, f: &str) -> bool {
    let sel = format!("td[data-i=\"{i}\"][data-f=\"{f}\"]");
    let Some(cell) = table
        .query_selector(&sel)
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<HtmlElement>().ok())
    else {
        return false;
    };
    if let Ok(Some(old)) = table.query_selector("td[tabindex=\"0\"]") {
        let _ = old.set_attribute("tabindex", "-1");
    }
    let _ = cell.set_attribute("tabindex", "0");
    let _ = cell.focus();
    true
}
