//! Hovering a residual in regression: the point's term of the squared error,
//! `(y − ŷ)²`, and its share of the sum, written under the plot.

use web_sys::{EventTarget, HtmlElement, PointerEvent};

use super::dom::{by_id, set_text, show};
use super::page::Shared;
use super::ui::on;
use crate::app::metrics::residuals;
use crate::app::{Msg, Workspace};
use crate::core::data::Task;
use crate::render::format::{fixed3, percent};
use crate::render::view::View;

/// CSS pixels within which the pointer picks a residual's segment.
const REACH_PX: f64 = 8.0;

/// The words for the residual nearest the pointer at `(px, py)`, if one is
/// within reach.
fn residual_text(ws: &Workspace, view: &View, px: f64, py: f64) -> Option<String> {
    let s = ws.session();
    if s.settings().task != Task::Regression {
        return None;
    }
    let points = &s.data().points;
    let distance = |x: f64, y: f64, yhat: f64| {
        let (sx, sy) = view.to_px(x, y);
        let (_, sh) = view.to_px(x, yhat);
        // Off the segment from the point to the curve, vertically.
        let dy = (sy.min(sh) - py).max(py - sy.max(sh)).max(0.0);
        (px - sx).hypot(dy)
    };
    let r = residuals(s)
        .into_iter()
        .map(|r| {
            (
                distance(points[r.index].x, points[r.index].y, r.predicted),
                r,
            )
        })
        .filter(|(d, _)| *d <= REACH_PX)
        .min_by(|a, b| a.0.total_cmp(&b.0))?
        .1;
    let p = &points[r.index];
    let args = [
        ("n", &(r.index + 1).to_string()[..]),
        ("y", &fixed3(p.y)),
        ("yhat", &fixed3(r.predicted)),
        ("sq", &fixed3(r.square)),
        ("share", &percent(r.share)),
    ];
    Some(Msg::ResidualAt.fill(ws.lang(), &args))
}

/// Wires the plot's hover for residuals (its own handler, beside the plot's gestures).
pub fn wire(page: &Shared) {
    let plot: EventTarget = by_id("plot");
    let p = page.clone();
    on::<PointerEvent>(&plot, "pointermove", move |e| {
        let (px, py) = (e.offset_x() as f64, e.offset_y() as f64);
        let text = p
            .view()
            .and_then(|view| p.read(|ws| residual_text(ws, &view, px, py)).flatten());
        let el: HtmlElement = by_id("residual-info");
        show(&el, text.is_some());
        set_text(&el, &text.unwrap_or_default());
    });
    on::<PointerEvent>(&plot, "pointerleave", |_| {
        show(&by_id::<HtmlElement>("residual-info"), false);
    });
}
