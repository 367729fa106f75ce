//! The form controls: handles to them, and writing the workspace's
//! settings, options and selections back into them (each number field from
//! its [`Knob`] declaration).

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::dom::{append, by_id, clear, document, make, set_attr, set_text, show};
use crate::app::wording::{self, class_name, model_name};
use crate::app::{Lang, Mode, Msg, Workspace};
use crate::core::activation::Activation;
use crate::core::analysis::ood::ShiftKind;
use crate::core::data::{Preset, Task};
use crate::core::features::Feature;
use crate::core::model::ModelKind;
use crate::core::settings::Knob;
use crate::render::palette::class_hex;

/// Handles to the controls, and what was last built into them.
pub struct Form {
    /// Mode radio buttons (classification, regression).
    pub modes: Vec<HtmlInputElement>,
    /// Language select.
    pub lang: HtmlSelectElement,
    /// Model select.
    pub model: HtmlSelectElement,
    /// Data-set select.
    pub preset: HtmlSelectElement,
    /// Classes select.
    pub classes: HtmlSelectElement,
    /// Network activation select.
    pub activation: HtmlSelectElement,
    /// Network output select.
    pub output: HtmlSelectElement,
    /// Steps-per-frame select.
    pub speed: HtmlSelectElement,
    /// History scrubber.
    pub scrub: HtmlInputElement,
    /// Play/Pause button.
    pub play: HtmlButtonElement,
    /// Undo button.
    pub undo: HtmlButtonElement,
    /// Redo button.
    pub redo: HtmlButtonElement,
    built: RefCell<Option<(Task, Lang, usize)>>,
}

impl Form {
    /// Finds every control on the page.
    pub fn find() -> Form {
        let modes = ["classification", "regression", "language"]
            .iter()
            .map(|v| {
                document()
                    .query_selector(&format!("input[name=mode][value={v}]"))
                    .ok()
                    .flatten()
                    .expect("mode radio")
                    .dyn_into::<HtmlInputElement>()
                    .expect("input")
            })
            .collect();
        Form {
            modes,
            lang: by_id("lang"),
            model: by_id("model"),
            preset: by_id("preset"),
            classes: by_id("classes"),
            activation: by_id("activation"),
            output: by_id("output"),
            speed: by_id("speed"),
            scrub: by_id("scrub"),
            play: by_id("play"),
            undo: by_id("undo"),
            redo: by_id("redo"),
            built: RefCell::new(None),
        }
    }

    /// The number input `id`.
    pub fn input(id: &str) -> HtmlInputElement {
        by_id(id)
    }
}

/// Marks `input` invalid with `reason`, or valid when `None`.
pub fn mark(input: &HtmlInputElement, reason: Option<&str>) {
    match reason {
        Some(r) => {
            set_attr(input, "aria-invalid", "true");
            set_attr(input, "title", r);
        }
        None => {
            if input.has_attribute("aria-invalid") {
                let _ = input.remove_attribute("aria-invalid");
            }
            set_attr(input, "title", "");
        }
    }
}

fn set_value(id: &str, value: &str) {
    let input = Form::input(id);
    let focused = document().active_element().is_some_and(|a| {
        let el: &Element = input.as_ref();
        a == *el
    });
    if !focused && input.get_attribute("aria-invalid").is_none() && input.value() != value {
        input.set_value(value);
    }
}

fn fill_select(select: &HtmlSelectElement, options: &[(String, String)]) {
    clear(select);
    for (value, label) in options {
        let o = make("option", "", label);
        let _ = o.set_attribute("value", value);
        append(select, &o);
    }
}

/// Translates every element marked `data-i18n` into `lang`, and the
/// accessible names that are not element text.
pub fn translate_page(lang: Lang) {
    let doc = document();
    let _ = doc
        .document_element()
        .map(|e| e.set_attribute("lang", lang.html_code()));
    if let Ok(list) = doc.query_selector_all("[data-i18n]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let msg = el
                    .get_attribute("data-i18n")
                    .and_then(|k| Msg::from_key(&k));
                if let Some(msg) = msg {
                    set_text(&el, msg.text(lang));
                }
            }
        }
    }
    let labels = [
        ("#plot", Msg::DataPlot),
        ("#loss-chart", Msg::LossChart),
        ("#attention-map", Msg::AttentionMap),
        ("#attention-lines", Msg::AttentionLines),
        ("#class-buttons", Msg::ClassGroup),
        ("#features", Msg::Features),
        (".transport", Msg::TrainingBar),
        (".tabs", Msg::Charts),
    ];
    for (selector, msg) in labels {
        if let Ok(Some(el)) = doc.query_selector(selector) {
            let _ = el.set_attribute("aria-label", msg.text(lang));
        }
    }
}

/// A knob's value as its field shows it (no float noise such as 30.000000000000004).
fn knob_text(knob: Knob, v: f64) -> String {
    if knob.range().whole {
        format!("{}", v.round() as i64)
    } else {
        let r = (v * 1e9).round() / 1e9;
        format!("{r}")
    }
}

/// Writes the workspace into the controls: values, options, visibility,
/// and the refused fields marked with the reason.
pub fn sync(form: &Form, ws: &Workspace) {
    let lang = ws.lang();
    let task = ws.task();
    let s = ws.session();
    let st = s.settings();
    let classification = task == Task::Classification;

    let built = (task, lang, st.classes);
    if *form.built.borrow() != Some(built) {
        rebuild(form, ws);
        *form.built.borrow_mut() = Some(built);
    }
    for (radio, want) in form.modes.iter().zip(Mode::ALL) {
        radio.set_checked(ws.mode() == want);
    }
    form.model.set_value(st.model.kind.id());
    form.preset.set_value(ws.preset().id());
    let explain = match st.model.kind {
        ModelKind::Perceptron => Msg::ExplainPerceptron,
        ModelKind::Logistic => Msg::ExplainLogistic,
        ModelKind::Softmax => Msg::ExplainSoftmax,
        ModelKind::Network if task == Task::Regression => Msg::ExplainNetworkReg,
        ModelKind::Network => Msg::ExplainNetwork,
        ModelKind::Linear => Msg::ExplainLinear,
        ModelKind::Polynomial => Msg::ExplainPolynomial,
    };
    set_text(&by_id("model-explain"), explain.text(lang));

    // Class buttons' pressed state, and with one output the Y each stands for.
    let one_output = s.model().net().outputs() == 1;
    if let Ok(list) = by_id::<Element>("class-buttons").query_selector_all("button") {
        for i in 0..list.length() {
            if let Some(b) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                set_attr(&b, "title", &class_name(lang, i as usize, one_output));
                let pressed = if i as usize == ws.class() {
                    "true"
                } else {
                    "false"
                };
                set_attr(&b, "aria-pressed", pressed);
            }
        }
    }
    show(&by_id::<HtmlElement>("class-row"), classification);
    form.classes.set_value(&st.classes.to_string());
    let hint = if classification {
        Msg::HintClass
    } else {
        Msg::HintReg
    };
    set_text(&by_id("click-hint"), hint.text(lang));

    for knob in Knob::ALL {
        if knob == Knob::Classes {
            continue;
        }
        let input = Form::input(knob.id());
        let reason = ws.invalid(knob).map(|e| wording::setting_error(lang, e));
        mark(&input, reason.as_deref());
        set_value(knob.id(), &knob_text(knob, ws.knob(knob)));
    }

    let spec = &st.model;
    show(
        &by_id::<HtmlElement>("network-group"),
        spec.kind == ModelKind::Network,
    );
    form.activation.set_value(spec.activation.id());
    show(
        &by_id::<HtmlElement>("output-label"),
        classification && st.classes == 2,
    );
    form.output.set_value(if spec.softmax_output {
        "softmax"
    } else {
        "sigmoid"
    });
    if let Ok(list) = by_id::<Element>("features").query_selector_all("input") {
        for i in 0..list.length() {
            if let Some(cb) = list
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                let f = Feature::from_id(&cb.value());
                cb.set_checked(f.is_some_and(|f| spec.extras.contains(&f)));
            }
        }
    }
    show(
        &by_id::<HtmlElement>("poly-group"),
        spec.kind == ModelKind::Polynomial,
    );

    let n = ws.steps().to_string();
    set_text(&by_id("train-n"), &Msg::TrainN.fill(lang, &[("n", &n)]));
    by_id::<HtmlSelectElement>("shift-kind").set_value(ws.shift().kind.id());
    show(&by_id::<HtmlElement>("ood-group"), classification);
    let shifted = classification && ws.shift().amount > 0.0;
    show(&by_id::<HtmlElement>("shifted-box"), shifted);

    let play = if ws.playing() { Msg::Pause } else { Msg::Play };
    set_text(&form.play, play.text(lang));
    set_attr(
        &form.play,
        "aria-pressed",
        if ws.playing() { "true" } else { "false" },
    );
    for (button, off) in [(&form.undo, !ws.can_undo()), (&form.redo, !ws.can_redo())] {
        if button.disabled() != off {
            button.set_disabled(off);
        }
    }
    form.speed.set_value(&ws.speed().to_string());
    let step = ws.step_count();
    let (h, latest) = if ws.mode() == Mode::Language {
        let lm = &ws.lab().session;
        (lm.history(), lm.latest_step())
    } else {
        (s.history(), s.history().latest().unwrap_or(0).max(step))
    };
    set_attr(&form.scrub, "min", &h.earliest().unwrap_or(0).to_string());
    set_attr(&form.scrub, "max", &latest.to_string());
    form.scrub.set_value(&step.to_string());
}

/// Rebuilds the option lists and buttons that depend on mode, language and K.
fn rebuild(form: &Form, ws: &Workspace) {
    let lang = ws.lang();
    let task = ws.task();
    translate_page(lang);
    form.lang.set_value(lang.code());
    let kinds: &[ModelKind] = match task {
        Task::Classification => &ModelKind::CLASSIFIERS,
        Task::Regression => &ModelKind::REGRESSORS,
    };
    let options: Vec<(String, String)> = kinds
        .iter()
        .map(|&k| (k.id().to_string(), model_name(k).text(lang).to_string()))
        .collect();
    fill_select(&form.model, &options);

    let presets: Vec<(String, String)> = Preset::ALL
        .iter()
        .filter(|p| p.task() == task)
        .map(|&p| (p.id().to_string(), preset_name(p).text(lang).to_string()))
        .collect();
    fill_select(&form.preset, &presets);

    let shifts: Vec<(String, String)> = ShiftKind::ALL
        .iter()
        .map(|&k| (k.id().to_string(), shift_name(k).text(lang).to_string()))
        .collect();
    fill_select(&by_id("shift-kind"), &shifts);

    let acts: Vec<(String, String)> = Activation::HIDDEN
        .iter()
        .map(|a| (a.id().to_string(), a.id().to_string()))
        .collect();
    fill_select(&form.activation, &acts);

    let classes = ws.session().settings().classes;
    let row: Element = by_id("class-buttons");
    clear(&row);
    for k in 0..classes {
        let b = make("button", "class-button", "");
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("data-class", &k.to_string());
        let sw = make("span", &format!("swatch k{}", k % 5), "");
        let _ = sw.set_attribute("style", &format!("background:{}", class_hex(k)));
        append(&b, &sw);
        let _ = b.append_with_str_1(&Msg::ClassN.fill(lang, &[("n", &(k + 1).to_string())]));
        append(&row, &b);
    }

    let feats: &[Feature] = match task {
        Task::Classification => &Feature::EXTRAS,
        Task::Regression => &Feature::EXTRAS_1D,
    };
    let box_: Element = by_id("features");
    clear(&box_);
    for f in feats {
        let label = make("label", "feature", "");
        let cb = make("input", "", "");
        let _ = cb.set_attribute("type", "checkbox");
        let _ = cb.set_attribute("value", &f.id());
        append(&label, &cb);
        let _ = label.append_with_str_1(&format!(" {}", f.symbol(task == Task::Regression)));
        append(&box_, &label);
    }
}

/// The name of shift kind `k`.
fn shift_name(k: ShiftKind) -> Msg {
    match k {
        ShiftKind::Move => Msg::ShiftMove,
        ShiftKind::Turn => Msg::ShiftTurn,
        ShiftKind::Widen => Msg::ShiftWiden,
    }
}

/// The name of data set `p`.
fn preset_name(p: Preset) -> Msg {
    match p {
        Preset::Separable => Msg::PresetSeparable,
        Preset::Overlapping => Msg::PresetOverlapping,
        Preset::Xor => Msg::PresetXor,
        Preset::Circles => Msg::PresetCircles,
        Preset::Moons => Msg::PresetMoons,
        Preset::Spiral => Msg::PresetSpiral,
        Preset::ThreeBlobs => Msg::PresetThreeBlobs,
        Preset::Line => Msg::PresetLine,
        Preset::Sine => Msg::PresetSine,
        Preset::Cubic => Msg::PresetCubic,
    }
}
