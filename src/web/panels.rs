//! The text panels: readouts, Parameters, Last update, the Points table and
//! the status line, written into the page's DOM.

use web_sys::Element;

use super::dom::{append, by_id, clear, document, make, set_lines, set_text, show, Line};
use crate::app::wording;
use crate::app::{Event, Lang, Msg, Workspace};
use crate::core::data::Task;
use crate::core::model::{Head, ModelKind};
use crate::core::session::{NoUpdate, Session};
use crate::render::format::{delta, delta_vector, fixed3, loss, percent, vector};
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

/// What the last update did, with the numbers substituted into the rule;
/// or why there is none.
pub fn last_update(s: &Session, lang: Lang) {
    let body: Element = by_id("update-body");
    let mut lines: Vec<Line> = Vec::new();
    let Some(u) = s.last_update() else {
        let step = s.step_count().to_string();
        let text = match s.no_update() {
            NoUpdate::Start => Msg::UpdateNone.text(lang).into(),
            NoUpdate::Back => Msg::UpdateBack.fill(lang, &[("step", &step)]),
            NoUpdate::Data => Msg::UpdateData.text(lang).into(),
            NoUpdate::Hand => Msg::UpdateHand.text(lang).into(),
            NoUpdate::Loaded => Msg::UpdateLoaded.fill(lang, &[("step", &step)]),
        };
        set_lines(&body, &[("p", "u-none", text)]);
        return;
    };
    let model = s.model();
    let net = model.net();
    let task = s.settings().task;
    let first = u.samples[0];
    let p = s.data().points[first];
    let x_text = match task {
        Task::Classification => vector(&[p.x, p.y]),
        Task::Regression => fixed3(p.x),
    };
    let line = if u.samples.len() == 1 {
        Msg::UpdateSample.fill(lang, &[("i", &(first + 1).to_string()), ("x", &x_text)])
    } else {
        Msg::UpdateBatch.fill(
            lang,
            &[
                ("n", &u.samples.len().to_string()),
                ("i", &(first + 1).to_string()),
                ("x", &x_text),
            ],
        )
    };
    lines.push(("div", "u-sample", line));

    // Prediction and target.
    let pred = match net.head() {
        Head::Step => format!("y = {}, Y = {}", u.output[0], target_class(lang, u.target)),
        Head::Sigmoid => format!(
            "ŷ = σ(z) = {}, Y = {}",
            fixed3(u.output[0]),
            target_class(lang, u.target)
        ),
        Head::Softmax => format!(
            "p = softmax(z) = {}, Y = {} {}",
            vector(&u.output),
            Msg::TableClass.text(lang),
            u.target as usize + 1
        ),
        Head::Linear => format!("ŷ = {}, Y = {}", fixed3(u.output[0]), fixed3(u.target)),
    };
    lines.push(("div", "u-pred", pred));

    let st = s.settings();
    let plain = st.momentum == 0.0 && st.l2 == 0.0;
    let eta = fixed3(st.learning_rate);
    let single = u.samples.len() == 1;
    let layers = net.layers();
    if layers.len() == 1 && net.outputs() == 1 {
        let layer = &layers[0];
        let dw = &u.delta[layer.w_offset..layer.b_offset];
        let db = u.delta[layer.b_offset];
        let x = vector(&u.input);
        let (dw_text, db_text) = match (net.head(), plain && single) {
            (Head::Step, true) => {
                let (yy, y) = (u.target, u.output[0]);
                (
                    format!(
                        "Δw = η(Y − y)·x = {eta} × ({yy} − {y}) × {x} = {}",
                        delta_vector(dw)
                    ),
                    format!("Δb = η(Y − y) = {eta} × ({yy} − {y}) = {}", delta(db)),
                )
            }
            (_, true) => {
                let (yh, yy) = (fixed3(u.output[0]), fixed3(u.target));
                (
                    format!(
                        "Δw = −η(ŷ − Y)·x = −{eta} × ({yh} − {yy}) × {x} = {}",
                        delta_vector(dw)
                    ),
                    format!("Δb = −η(ŷ − Y) = −{eta} × ({yh} − {yy}) = {}", delta(db)),
                )
            }
            (_, false) => (
                format!("Δw = {}", delta_vector(dw)),
                format!("Δb = {}", delta(db)),
            ),
        };
        lines.push(("div", "u-dw", dw_text));
        lines.push(("div", "u-db", db_text));
        if net.head() == Head::Step && dw.iter().all(|&d| d == 0.0) && db == 0.0 {
            lines.push(("div", "u-note", Msg::UpdateNoChange.text(lang).into()));
        }
    } else if layers.len() == 1 {
        let layer = &layers[0];
        for k in 0..layer.outputs {
            let row = layer.w_offset + k * layer.inputs;
            let text = format!(
                "{}: Δw = {}, Δb = {}",
                Msg::ParamClass.fill(lang, &[("n", &(k + 1).to_string())]),
                delta_vector(&u.delta[row..row + layer.inputs]),
                delta(u.delta[layer.b_offset + k])
            );
            lines.push(("div", "u-dw", text));
        }
    } else {
        for (l, layer) in layers.iter().enumerate() {
            let end = layer.b_offset + layer.outputs;
            let largest = u.delta[layer.w_offset..end]
                .iter()
                .fold(0.0f64, |m, d| m.max(d.abs()));
            let text = Msg::UpdateLayerChange.fill(
                lang,
                &[("layer", &(l + 1).to_string()), ("delta", &delta(largest))],
            );
            lines.push(("div", "u-dw", text));
        }
    }
    let mean = Msg::UpdateMeanLoss.fill(lang, &[("loss", &loss(u.batch_loss))]);
    lines.push(("div", "u-loss", mean));
    set_lines(&body, &lines);
}
/// The target `Y` of a one-output model with the class it stands for:
/// `0 (Class 1)`.
fn target_class(lang: Lang, y: f64) -> String {
    let class = crate::app::wording::class_name(lang, y as usize, false);
    format!("{y} ({class})")
}
