//! The Network tab: draws the diagram of the session's model (its units'
//! thumbnails recomputed only when the parameters changed), remembers where
//! it put every unit and link for the pointer, and words one unit's
//! `z = w·a + b` at a point of the plane.

use std::cell::RefCell;

use web_sys::HtmlCanvasElement;

use super::dom::{by_id, set_text};
use crate::app::{Lang, Msg};
use crate::core::analysis::unit_maps::{unit_at, UnitMaps, THUMB};
use crate::core::data::Task;
use crate::core::features::Feature;
use crate::core::model::{Head, ModelKind};
use crate::core::session::Session;
use crate::render::canvas;
use crate::render::format::fixed3;
use crate::render::network::{draw_network, unit_scales, Layout};

/// What the diagram last drew, for redrawing a focus and for the pointer.
struct Drawn {
    canvas: HtmlCanvasElement,
    layout: Layout,
    maps: UnitMaps,
    scales: Vec<Vec<f32>>,
    params: Vec<f64>,
    names: (Vec<String>, Vec<String>),
    key: (ModelKind, Vec<usize>, Vec<Feature>, u64, u64, Lang),
    focus: Option<(usize, usize)>,
    dpr: f64,
}

thread_local! {
    static DRAWN: RefCell<Option<Drawn>> = const { RefCell::new(None) };
}

/// The outputs' names: `ŷ` in regression, `y` for the perceptron, else each
/// class's probability `P(k)` (`P(2)` for one sigmoid unit).
fn output_names(s: &Session) -> Vec<String> {
    let net = s.model().net();
    match net.head() {
        Head::Linear => vec!["ŷ".into()],
        Head::Step => vec!["y".into()],
        Head::Sigmoid => vec!["P(2)".into()],
        Head::Softmax => (1..=net.outputs()).map(|k| format!("P({k})")).collect(),
    }
}

/// Draws the diagram of `s` into `c`, `width` CSS pixels wide; the units'
/// fields are computed again only when the parameters or the shape changed.
pub fn draw(c: &HtmlCanvasElement, s: &Session, lang: Lang, width: f64, dpr: f64) {
    let model = s.model();
    let net = model.net();
    let key = (
        model.kind(),
        net.sizes().to_vec(),
        model.features().to_vec(),
        width.to_bits(),
        dpr.to_bits(),
        lang,
    );
    DRAWN.with_borrow_mut(|drawn| {
        if let Some(d) = drawn.as_ref() {
            if d.key == key && d.params == model.params() && d.canvas == *c {
                return;
            }
        }
        let maps = UnitMaps::compute(model, THUMB);
        let one_d = s.settings().task == Task::Regression;
        let d = Drawn {
            canvas: c.clone(),
            layout: Layout::new(net, width),
            scales: unit_scales(net, &maps),
            maps,
            params: model.params().to_vec(),
            names: (
                model.features().iter().map(|f| f.symbol(one_d)).collect(),
                output_names(s),
            ),
            focus: drawn
                .as_ref()
                .filter(|d| d.key.0 == key.0 && d.key.1 == key.1)
                .and_then(|d| d.focus),
            key,
            dpr,
        };
        if drawn.as_ref().is_none_or(|o| o.key != d.key) {
            // Where each weight's line runs (CSS px), for tests and tools.
            let links: Vec<String> = d
                .layout
                .links
                .iter()
                .map(|k| {
                    format!(
                        "{}:{:.1},{:.1},{:.1},{:.1}",
                        k.param, k.from.0, k.from.1, k.to.0, k.to.1
                    )
                })
                .collect();
            let _ = c.set_attribute("data-links", &links.join(";"));
            let _ = c.set_attribute("aria-label", Msg::NetworkLabel.text(lang));
            // Another model or shape: what was said about a unit no longer holds.
            set_text(&by_id("network-info"), "");
        }
        canvas::fit(c, width, d.layout.size.1, dpr);
        paint(&d);
        *drawn = Some(d);
    });
}

fn paint(d: &Drawn) {
    let names = (&d.names.0[..], &d.names.1[..]);
    let drawn = draw_network(
        &d.canvas, &d.layout, &d.maps, &d.scales, &d.params, names, d.focus, d.dpr,
    );
    if let Err(e) = drawn {
        web_sys::console::error_1(&e.into());
    }
}

/// Frames unit `focus` (`(layer, unit)`, layer 0 = the inputs), or none.
pub fn set_focus(focus: Option<(usize, usize)>) {
    DRAWN.with_borrow_mut(|drawn| {
        if let Some(d) = drawn.as_mut().filter(|d| d.focus != focus) {
            d.focus = focus;
            paint(d);
        }
    });
}

/// The framed unit, if any.
pub fn focus() -> Option<(usize, usize)> {
    DRAWN.with_borrow(|d| d.as_ref().and_then(|d| d.focus))
}

/// Reads the last drawn layout.
pub fn with_layout<R>(f: impl FnOnce(&Layout) -> R) -> Option<R> {
    DRAWN.with_borrow(|d| d.as_ref().map(|d| f(&d.layout)))
}

/// The weighted sum `w1·a1 + w2·a2 + … + b` with the numbers substituted.
fn sum_text(weights: &[f64], inputs: &[f64], bias: f64) -> String {
    let mut t = String::new();
    let num = |v: f64| {
        let s = fixed3(v);
        if v < 0.0 {
            format!("({s})")
        } else {
            s
        }
    };
    for (k, (&w, &a)) in weights.iter().zip(inputs).enumerate() {
        let sign = if w < 0.0 { " − " } else { " + " };
        if k == 0 {
            t.push_str(&format!("{}·{}", fixed3(w), num(a)));
        } else {
            t.push_str(&format!("{sign}{}·{}", fixed3(w.abs()), num(a)));
        }
    }
    let sign = if bias < 0.0 { " − " } else { " + " };
    t.push_str(&format!("{sign}{}", fixed3(bias.abs())));
    t
}

/// Unit `(layer, unit)` (layer 0 = the inputs) of `s` at the point
/// `(x1, x2)`, in words: an input's value, or `z = w·a + b` with the
/// numbers and the unit's output.
pub fn describe(
    s: &Session,
    lang: Lang,
    (layer, unit): (usize, usize),
    (x1, x2): (f64, f64),
) -> String {
    let model = s.model();
    let one_d = s.settings().task == Task::Regression;
    let at = if one_d {
        format!("x = {}", fixed3(x1))
    } else {
        format!("({}, {})", fixed3(x1), fixed3(x2))
    };
    let x2 = if one_d { 0.0 } else { x2 };
    if layer == 0 {
        let Some(f) = model.features().get(unit) else {
            return String::new();
        };
        let v = f.eval(x1, x2);
        let args = [
            ("name", &f.symbol(one_d)[..]),
            ("at", &at),
            ("v", &fixed3(v)),
        ];
        return Msg::NetInputAt.fill(lang, &args);
    }
    let Some(u) = unit_at(model, x1, x2, layer - 1, unit) else {
        return String::new();
    };
    let last = layer == model.net().layers().len();
    let name = if last {
        output_names(s).get(unit).cloned().unwrap_or_default()
    } else {
        Msg::NetUnitName.fill(
            lang,
            &[("l", &layer.to_string()), ("u", &(unit + 1).to_string())],
        )
    };
    let f = if last {
        String::new()
    } else {
        format!("{}(z) = ", model.net().activation().id())
    };
    let args = [
        ("name", &name[..]),
        ("at", &at),
        ("sum", &sum_text(&u.weights, &u.inputs, u.bias)),
        ("z", &fixed3(u.z)),
        ("f", &f),
        ("out", &fixed3(u.output)),
    ];
    Msg::NetUnitAt.fill(lang, &args)
}
