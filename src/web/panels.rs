//! The text panels: readouts, Parameters, Last update, the Points table and
//! the status line, written into the page's DOM.

use web_sys::Element;

use super::dom::{append, by_id, clear, document, make, set_lines, set_text, show, Line};
use crate::app::update_text::update_lines;
use crate::app::wording;
use crate::app::{Event, Lang, Msg, Workspace};
use crate::core::data::Task;
use crate::core::model::{Head, ModelKind};
use crate::core::session::Session;
use crate::render::format::{fixed3, loss, percent};
use crate::render::palette::class_hex;

/// Layers with more weights than this show a summary, the table folded away.
const MAX_OPEN_WEIGHTS: usize = 64;

/// Loss, accuracy, step and epoch.
pub fn readouts(s: &Session, _lang: Lang) {
    let m = s.metrics();
    let loss_text = match m.heldout_loss {
        Some(h) => format!("{} / {}", loss(m.loss), loss(h)),
        None => loss(m.loss),
    };
    set_text(&by_id("loss"), &loss_text);
    let acc = match (m.accuracy, m.heldout_accuracy) {
        (Some(a), Some(h)) => format!("{} / {}", percent(a), percent(h)),
        (Some(a), None) => percent(a),
        _ => "–".into(),
    };
    set_text(&by_id("accuracy"), &acc);
    set_text(&by_id("step-count"), &s.step_count().to_string());
    set_text(&by_id("epoch"), &s.epoch().to_string());
    let acc_box: web_sys::HtmlElement = by_id("acc-box");
    acc_box.set_hidden(s.settings().task != Task::Classification);
}

/// The status line: the workspace's last event worth a line, in its language.
pub fn status(ws: &Workspace) {
    let el: Element = by_id("status");
    let (text, warn) = ws.status().map_or((String::new(), false), |e| {
        (wording::status(ws.lang(), e), e.is_warning())
    });
    set_text(&el, &text);
    let _ = el.set_attribute("class", if warn { "warn" } else { "" });
    let restored = matches!(ws.status(), Some(Event::Restored));
    show(&by_id::<web_sys::HtmlElement>("start-fresh"), restored);
}

/// The cells of the Parameters panel, kept between frames so that only
/// their text changes while training.
#[derive(Default)]
pub struct ParamCells {
    key: Option<(ModelKind, Vec<usize>, Lang, Task)>,
    cells: Vec<(Element, String)>,
    /// The values the cells show (bits; NaN until first written).
    shown: Vec<u64>,
}

impl ParamCells {
    /// Writes every cell again on the next refresh (an edit left one empty).
    pub fn forget_values(&mut self) {
        self.shown.clear();
    }
}

/// Every parameter, editable: `w1 = 0.500` lines for one unit, one group per
/// class for softmax regression, one table per layer for a network.
pub fn parameters(s: &Session, lang: Lang, cache: &mut ParamCells) {
    let model = s.model();
    let net = model.net();
    let key = (model.kind(), net.sizes().to_vec(), lang, s.settings().task);
    if cache.key.as_ref() != Some(&key) {
        build_parameters(s, lang, cache);
        cache.key = Some(key);
        cache.shown.clear();
    }
    let params = model.params();
    cache.shown.resize(params.len(), f64::NAN.to_bits());
    // The cell being edited holds a text field (`Page::rewrite_params`
    // has every cell written again once it closes).
    let editing = (document()
        .query_selector("#params-body [data-editing]")
        .ok())
    .flatten()
    .and_then(|el| el.get_attribute("data-index")?.parse::<usize>().ok());
    // Only the cells whose value changed are written (a network's hundred
    // cells were each read back on every refresh).
    for (i, (el, prefix)) in cache.cells.iter().enumerate() {
        if editing != Some(i) && cache.shown[i] != params[i].to_bits() {
            set_text(el, &format!("{prefix}{}", fixed3(params[i])));
            cache.shown[i] = params[i].to_bits();
        }
    }
}

fn param_cell(tag: &str, index: usize, name: &str) -> Element {
    let el = make(tag, "param", "");
    let _ = el.set_attribute("data-index", &index.to_string());
    let _ = el.set_attribute("tabindex", "0");
    let _ = el.set_attribute("role", "button");
    let _ = el.set_attribute("data-name", name);
    // A `w1 = 0.500` line is named by its text; a table cell shows only the value.
    if tag == "td" {
        let _ = el.set_attribute("aria-label", name);
    }
    el
}

fn build_parameters(s: &Session, lang: Lang, cache: &mut ParamCells) {
    let body: Element = by_id("params-body");
    clear(&body);
    let model = s.model();
    let net = model.net();
    let n = model.params().len();
    let mut cells: Vec<Option<(Element, String)>> = vec![None; n];
    let one_d = s.settings().task == Task::Regression;
    let input_names: Vec<String> = model.features().iter().map(|f| f.symbol(one_d)).collect();
    let layers = net.layers();
    let formula = match model.kind() {
        ModelKind::Linear => Some(Msg::FormulaLinear.text(lang)),
        ModelKind::Polynomial => Some(Msg::FormulaPoly.text(lang)),
        ModelKind::Perceptron | ModelKind::Logistic => Some(Msg::FormulaSingle.text(lang)),
        _ => None,
    };
    if let Some(f) = formula {
        append(&body, &make("p", "formula", f));
    }
    if layers.len() == 1 {
        let layer = &layers[0];
        for unit in 0..layer.outputs {
            let group = if layer.outputs > 1 {
                let g = make("div", "param-group", "");
                let swatch = make("span", &format!("swatch k{}", unit % 5), "");
                let _ = swatch.set_attribute("style", &format!("background:{}", class_hex(unit)));
                let h = make("h3", "", "");
                append(&h, &swatch);
                let _ = h.append_with_str_1(
                    &Msg::ParamClass.fill(lang, &[("n", &(unit + 1).to_string())]),
                );
                append(&g, &h);
                append(&body, &g);
                g
            } else {
                body.clone()
            };
            for (j, input_name) in input_names.iter().enumerate() {
                let idx = layer.w_offset + unit * layer.inputs + j;
                let name = format!("w{}", j + 1);
                let el = param_cell("div", idx, &name);
                let _ = el.set_attribute("title", input_name);
                append(&group, &el);
                cells[idx] = Some((el, format!("{name} = ")));
            }
            let idx = layer.b_offset + unit;
            let el = param_cell("div", idx, "b");
            append(&group, &el);
            cells[idx] = Some((el, "b = ".into()));
        }
    } else {
        for (l, layer) in layers.iter().enumerate() {
            let weights = layer.inputs * layer.outputs;
            let title = Msg::ParamLayer.fill(
                lang,
                &[
                    ("layer", &(l + 1).to_string()),
                    ("from", &layer.inputs.to_string()),
                    ("to", &layer.outputs.to_string()),
                ],
            );
            let holder = if weights > MAX_OPEN_WEIGHTS {
                let details = make("details", "layer", "");
                append(&details, &make("summary", "", &title));
                let params = &model.params()[layer.w_offset..layer.b_offset];
                let mean = params.iter().map(|w| w.abs()).sum::<f64>() / weights as f64;
                let min = params.iter().copied().fold(f64::INFINITY, f64::min);
                let max = params.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let summary = Msg::ParamSummary.fill(
                    lang,
                    &[
                        ("count", &weights.to_string()),
                        ("mean", &fixed3(mean)),
                        ("min", &fixed3(min)),
                        ("max", &fixed3(max)),
                    ],
                );
                append(&body, &make("p", "layer-summary", &summary));
                append(&body, &details);
                details
            } else {
                let h = make("h3", "", &title);
                append(&body, &h);
                body.clone()
            };
            let table = make("table", "layer-table", "");
            let head = make("tr", "", "");
            append(&head, &make("th", "", Msg::ParamUnit.text(lang)));
            let names: Vec<String> = if l == 0 {
                input_names.clone()
            } else {
                (1..=layer.inputs).map(|i| format!("h{i}")).collect()
            };
            for name in names.iter().chain(std::iter::once(&"b".to_string())) {
                append(&head, &make("th", "", name));
            }
            let thead = make("thead", "", "");
            append(&thead, &head);
            append(&table, &thead);
            let tbody = make("tbody", "", "");
            for unit in 0..layer.outputs {
                let row = make("tr", "", "");
                let label = if l + 1 == layers.len() {
                    match net.head() {
                        Head::Softmax => format!("{}{}", Msg::TableClass.text(lang), unit + 1),
                        _ => "out".into(),
                    }
                } else {
                    format!("h{}", unit + 1)
                };
                append(&row, &make("th", "", &label));
                for j in 0..layer.inputs {
                    let idx = layer.w_offset + unit * layer.inputs + j;
                    let el =
                        param_cell("td", idx, &format!("L{}.w[{},{}]", l + 1, unit + 1, j + 1));
                    append(&row, &el);
                    cells[idx] = Some((el, String::new()));
                }
                let idx = layer.b_offset + unit;
                let el = param_cell("td", idx, &format!("L{}.b[{}]", l + 1, unit + 1));
                append(&row, &el);
                cells[idx] = Some((el, String::new()));
                append(&tbody, &row);
            }
            append(&table, &tbody);
            append(&holder, &table);
        }
    }
    append(&body, &make("p", "hint", Msg::ParamEdit.text(lang)));
    cache.cells = cells
        .into_iter()
        .map(|c| c.expect("every parameter has a cell"))
        .collect();
}

/// What the last update did, with the numbers substituted into the rule
/// (worded by [`update_lines`]); or why there is none.
pub fn last_update(s: &Session, lang: Lang) {
    let lines: Vec<Line> = update_lines(s, lang)
        .into_iter()
        .map(|(class, text)| (if class == "u-none" { "p" } else { "div" }, class, text))
        .collect();
    set_lines(&by_id("update-body"), &lines);
}
