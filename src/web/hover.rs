//! The `Probabilities` view next to the plot: what the model says at the
//! point under the pointer (or the plot's keyboard cursor, through
//! `Page::probe_at`): the scores `z`, and each class's probability as a bar
//! with its percentage (they add up to 100%), or the prediction `ŷ` in
//! regression. And the hint under the plot on how to hold the line.

use web_sys::Element;

use super::bars::{set_bars, Bar};
use super::dom::{by_id, set_text};
use crate::app::line::Line;
use crate::app::probe::Probe;
use crate::app::wording::class_name;
use crate::app::{Msg, Workspace};
use crate::core::model::Head;
use crate::render::format::fixed;
use crate::render::palette::class_hex;

fn list(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|z| fixed(*z, 3)).collect();
    format!("({})", parts.join(", "))
}

/// The scores (and the output they give) as one line of maths.
fn scores(p: &Probe, single_layer: bool) -> String {
    let z = if single_layer { "z = w·x + b" } else { "z" };
    match p.head {
        Head::Step => format!("{z} = {}, y = {}", fixed(p.z[0], 3), p.probs[1]),
        Head::Sigmoid => format!(
            "{z} = {}, σ(z) = {}",
            fixed(p.z[0], 3),
            fixed(p.probs[1], 3)
        ),
        Head::Softmax => format!("{z} = {}, p = softmax(z)", list(&p.z)),
        Head::Linear => format!("ŷ = {}", fixed(p.z[0], 3)),
    }
}

/// Draws the view for the point `at`.
pub fn draw(ws: &Workspace, at: Option<(f64, f64)>) {
    let lang = ws.lang();
    let probe = at.and_then(|(x, y)| ws.probe(x, y));
    let regression = probe.as_ref().is_some_and(|p| p.probs.is_empty())
        || ws.task() == crate::core::data::Task::Regression;
    let heading = if regression {
        Msg::ProbePrediction
    } else {
        Msg::ProbeHeading
    };
    set_text(&by_id("h-probe"), heading.text(lang));
    let bars: Element = by_id("probe-bars");
    let (place, line, note): (Element, Element, Element) =
        (by_id("probe-at"), by_id("probe-z"), by_id("probe-note"));
    let Some(p) = probe else {
        set_bars(&bars, &[]);
        set_text(&place, Msg::ProbeNone.text(lang));
        set_text(&line, "");
        set_text(&note, "");
        return;
    };
    let x = if regression {
        fixed(p.at.0, 2)
    } else {
        format!("({}, {})", fixed(p.at.0, 2), fixed(p.at.1, 2))
    };
    set_text(&place, &Msg::ProbeAt.fill(lang, &[("x", &x)]));
    let single = ws.session().model().net().layers().len() == 1;
    set_text(&line, &scores(&p, single));
    let one_output = p.z.len() == 1;
    let rows: Vec<Bar> = (p.probs.iter().enumerate())
        .map(|(k, &pk)| Bar {
            label: class_name(lang, k, one_output),
            p: pk,
            raw: None,
            truth: false,
            // Each bar in its class's colour, as on the plot.
            colour: Some(class_hex(k)),
        })
        .collect();
    set_bars(&bars, &rows);
    let step = p.head == Head::Step;
    set_text(&note, if step { Msg::ProbeStep.text(lang) } else { "" });
}

/// The score to mark on the activation chart at `at`: the output unit's
/// `z` of a single-layer model (a two-class softmax as `z₂ − z₁`).
pub fn marked_z(ws: &Workspace, at: Option<(f64, f64)>) -> Option<f64> {
    if ws.session().model().net().layers().len() != 1 {
        return None;
    }
    let p = ws.probe(at?.0, at?.1)?;
    match p.z.as_slice() {
        [z] => Some(*z),
        [z1, z2] => Some(z2 - z1),
        _ => None,
    }
}

/// The hint under the plot: how to hold the line, when there is one.
pub fn line_hint(ws: &Workspace) {
    let text = match Line::of(ws.session()) {
        Some(Line::Boundary { .. }) => Msg::LineHint.text(ws.lang()),
        Some(Line::Fit { .. }) => Msg::FitHint.text(ws.lang()),
        None => "",
    };
    set_text(&by_id("line-hint"), text);
}
