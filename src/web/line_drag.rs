//! Hands on the model, on the page: a press on the plot's line (or on its
//! handle) takes hold of it, and a click on the loss landscape puts its two
//! parameters there. The maths is the app's (`app::line`, `app::line_drag`).

use web_sys::{EventTarget, HtmlElement, MouseEvent};

use super::dom::by_id;
use super::page::Shared;
use super::ui::on;
use crate::app::chart::Chart;
use crate::app::line::{Grip, Line};
use crate::app::Action;

/// Pixels within which a press takes hold of the line (the handle: 1.5×).
pub const LINE_PX: f64 = 6.0;

/// What a press at data point `(x, y)` would take hold of (`per_px` data
/// units a pixel).
pub fn grip_at(page: &Shared, x: f64, y: f64, per_px: f64) -> Option<Grip> {
    page.read(|ws| Line::of(ws.session())?.grip(x, y, LINE_PX * per_px))
        .flatten()
}

/// Takes hold of the line at `(x, y)` if the press is on it; true if it was.
pub fn press(page: &Shared, x: f64, y: f64, per_px: f64) -> bool {
    let Some(grip) = grip_at(page, x, y, per_px) else {
        return false;
    };
    page.dispatch(Action::LineStart { grip, x, y });
    true
}

/// The plot's pointer over `(x, y)`: a hand over the line, a crosshair elsewhere.
pub fn cursor(page: &Shared, at: Option<(f64, f64, f64)>) {
    let held = page.read(|ws| ws.line_drag().is_some()) == Some(true);
    let grip = at.and_then(|(x, y, per_px)| grip_at(page, x, y, per_px));
    let style = match (held, grip) {
        (true, _) => "grabbing",
        (_, Some(Grip::Turn)) => "grab",
        (_, Some(Grip::Slide)) => "move",
        _ => "",
    };
    let plot: HtmlElement = by_id("plot");
    let _ = plot.style().set_property("cursor", style);
}

/// Wires the landscape's clicks: the point clicked becomes the two
/// parameters' values.
pub fn wire(page: &Shared) {
    let canvas: EventTarget = by_id("view-canvas");
    let p = page.clone();
    on::<MouseEvent>(&canvas, "click", move |e| {
        if p.read(|ws| ws.chart()) != Some(Chart::Landscape) {
            return;
        }
        let Some((view, picks)) = p.landscape() else {
            return;
        };
        let (px, py) = (e.offset_x() as f64, e.offset_y() as f64);
        if view.contains(px, py) {
            let (a, b) = view.to_data(px, py);
            p.dispatch(Action::SetParamsAt { picks, at: [a, b] });
        }
    });
}
