//! The form controls: handles to them, reading and checking what the user
//! typed, and writing the session's settings back into them.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::app::App;
use super::dom::{append, by_id, clear, document, make, set_text, show};
use super::i18n::{t, tf, Lang};
use crate::core::activation::Activation;
use crate::core::data::{Preset, Task};
use crate::core::features::Feature;
use crate::core::model::ModelKind;
use crate::render::palette::class_hex;

/// How a number field is checked.
#[derive(Clone, Copy, Debug)]
pub enum NumSpec {
    /// A real number in `(min, max]` when `open_min`, else `[min, max]`.
    Real {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// True when `min` itself is not allowed.
        open_min: bool,
    },
    /// A whole number in `[min, max]`.
    Whole {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
}

/// The number in `text` if it meets `spec`, else the reason, in `lang`.
pub fn parse_number(text: &str, spec: NumSpec, lang: Lang) -> Result<f64, String> {
    let v: f64 = text
        .trim()
        .parse()
        .map_err(|_| t(lang, "s-need-number").to_string())?;
    if !v.is_finite() {
        return Err(t(lang, "s-need-number").to_string());
    }
    match spec {
        NumSpec::Real { min, max, open_min } => {
            let low_ok = if open_min { v > min } else { v >= min };
            if !low_ok || v > max {
                return Err(if open_min {
                    tf(lang, "s-positive", &[&max.to_string()])
                } else {
                    tf(lang, "s-range", &[&min.to_string(), &max.to_string()])
                });
            }
        }
        NumSpec::Whole { min, max } => {
            if v.fract() != 0.0 || v < min || v > max {
                return Err(tf(lang, "s-whole", &[&min.to_string(), &max.to_string()]));
            }
        }
    }
    Ok(v)
}

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
    built: RefCell<Option<(Task, Lang, usize)>>,
}

/// Number inputs: element id, how it is checked.
pub const NUMBERS: &[(&str, NumSpec)] = &[
    (
        "lr",
        NumSpec::Real {
            min: 0.0,
            max: 100.0,
            open_min: true,
        },
    ),
    (
        "batch",
        NumSpec::Whole {
            min: 1.0,
            max: 100_000.0,
        },
    ),
    (
        "momentum",
        NumSpec::Real {
            min: 0.0,
            max: 0.99,
            open_min: false,
        },
    ),
    (
        "l2",
        NumSpec::Real {
            min: 0.0,
            max: 10.0,
            open_min: false,
        },
    ),
    (
        "holdout",
        NumSpec::Whole {
            min: 0.0,
            max: 90.0,
        },
    ),
    (
        "seed",
        NumSpec::Whole {
            min: 0.0,
            max: 4_294_967_295.0,
        },
    ),
    ("layers", NumSpec::Whole { min: 0.0, max: 4.0 }),
    (
        "units",
        NumSpec::Whole {
            min: 1.0,
            max: 16.0,
        },
    ),
    ("degree", NumSpec::Whole { min: 1.0, max: 9.0 }),
    (
        "count",
        NumSpec::Whole {
            min: 1.0,
            max: 10_000.0,
        },
    ),
    (
        "noise",
        NumSpec::Real {
            min: 0.0,
            max: 1.0,
            open_min: false,
        },
    ),
    (
        "data-seed",
        NumSpec::Whole {
            min: 0.0,
            max: 4_294_967_295.0,
        },
    ),
];

impl Form {
    /// Finds every control on the page.
    pub fn find() -> Form {
        let modes = ["classification", "regression"]
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
            built: RefCell::new(None),
        }
    }

    /// The number input `id`.
    pub fn input(id: &str) -> HtmlInputElement {
        by_id(id)
    }

    /// Reads number field `id`; marks it invalid (and returns the reason) when bad.
    pub fn number(id: &str, lang: Lang) -> Result<f64, String> {
        let spec = NUMBERS
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, s)| *s)
            .expect("a known number field");
        let input = Form::input(id);
        let r = parse_number(&input.value(), spec, lang);
        mark(&input, r.as_ref().err().map(String::as_str));
        r
    }
}

/// Marks `input` invalid with `reason`, or valid when `None`.
pub fn mark(input: &HtmlInputElement, reason: Option<&str>) {
    match reason {
        Some(r) => {
            let _ = input.set_attribute("aria-invalid", "true");
            input.set_title(r);
        }
        None => {
            let _ = input.remove_attribute("aria-invalid");
            input.set_title("");
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

/// Translates every element marked `data-i18n` into `lang`.
pub fn translate_page(lang: Lang) {
    let doc = document();
    let _ = doc
        .document_element()
        .map(|e| e.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" }));
    if let Ok(list) = doc.query_selector_all("[data-i18n]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                if let Some(key) = el.get_attribute("data-i18n") {
                    set_text(&el, t(lang, &key));
                }
            }
        }
    }
    let labels = [
        ("plot", "data-plot"),
        ("loss-chart", "loss-chart"),
        ("class-buttons", "class-group"),
        ("features", "features"),
    ];
    for (id, key) in labels {
        let _ = by_id::<Element>(id).set_attribute("aria-label", t(lang, key));
    }
    if let Ok(Some(bar)) = doc.query_selector(".transport") {
        let _ = bar.set_attribute("aria-label", t(lang, "training-bar"));
    }
}

/// Writes the app's state into the controls: values, options, visibility.
pub fn sync(form: &Form, app: &App) {
    let lang = app.lang();
    let task = app.task();
    let s = app.session();
    let st = s.settings();
    let classification = task == Task::Classification;

    let built = (task, lang, st.classes);
    if *form.built.borrow() != Some(built) {
        rebuild(form, app);
        *form.built.borrow_mut() = Some(built);
    }
    for (radio, want) in form
        .modes
        .iter()
        .zip([Task::Classification, Task::Regression])
    {
        radio.set_checked(task == want);
    }
    form.model.set_value(st.model.kind.id());
    let explain_key = match (st.model.kind, task) {
        (ModelKind::Network, Task::Regression) => "x-network-reg".to_string(),
        (k, _) => format!("x-{}", k.id()),
    };
    set_text(&by_id("model-explain"), t(lang, &explain_key));

    // Class buttons' pressed state.
    if let Ok(list) = by_id::<Element>("class-buttons").query_selector_all("button") {
        for i in 0..list.length() {
            if let Some(b) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let pressed = if i as usize == app.class {
                    "true"
                } else {
                    "false"
                };
                let _ = b.set_attribute("aria-pressed", pressed);
            }
        }
    }
    show(&by_id::<HtmlElement>("class-row"), classification);
    form.classes.set_value(&st.classes.to_string());
    set_text(
        &by_id("click-hint"),
        t(
            lang,
            if classification {
                "hint-class"
            } else {
                "hint-reg"
            },
        ),
    );

    set_value("lr", &st.learning_rate.to_string());
    set_value("batch", &st.batch_size.to_string());
    set_value("momentum", &st.momentum.to_string());
    set_value("l2", &st.l2.to_string());
    set_value("holdout", &((st.holdout * 100.0).round()).to_string());
    set_value("seed", &st.seed.to_string());

    let spec = &st.model;
    show(
        &by_id::<HtmlElement>("network-group"),
        spec.kind == ModelKind::Network,
    );
    set_value("layers", &spec.hidden.len().to_string());
    set_value(
        "units",
        &spec.hidden.first().copied().unwrap_or(8).to_string(),
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
    set_value("degree", &spec.degree.to_string());

    set_text(
        &form.play,
        t(lang, if app.playing() { "pause" } else { "play" }),
    );
    let _ = form
        .play
        .set_attribute("aria-pressed", if app.playing() { "true" } else { "false" });
    let h = s.history();
    form.scrub.set_min(&h.earliest().unwrap_or(0).to_string());
    form.scrub
        .set_max(&h.latest().unwrap_or(0).max(s.step_count()).to_string());
    form.scrub.set_value(&s.step_count().to_string());
}

/// Rebuilds the option lists and buttons that depend on mode, language and K.
fn rebuild(form: &Form, app: &App) {
    let lang = app.lang();
    let task = app.task();
    translate_page(lang);
    form.lang.set_value(lang.code());
    let kinds: &[ModelKind] = match task {
        Task::Classification => &ModelKind::CLASSIFIERS,
        Task::Regression => &ModelKind::REGRESSORS,
    };
    let options: Vec<(String, String)> = kinds
        .iter()
        .map(|k| {
            (
                k.id().to_string(),
                t(lang, &format!("m-{}", k.id())).to_string(),
            )
        })
        .collect();
    fill_select(&form.model, &options);

    let current_preset = form.preset.value();
    let presets: Vec<(String, String)> = Preset::ALL
        .iter()
        .filter(|p| p.task() == task)
        .map(|p| {
            (
                p.id().to_string(),
                t(lang, &format!("p-{}", p.id())).to_string(),
            )
        })
        .collect();
    fill_select(&form.preset, &presets);
    if presets.iter().any(|(v, _)| *v == current_preset) {
        form.preset.set_value(&current_preset);
    }

    let acts: Vec<(String, String)> = Activation::HIDDEN
        .iter()
        .map(|a| (a.id().to_string(), a.id().to_string()))
        .collect();
    fill_select(&form.activation, &acts);

    let classes = app.session().settings().classes;
    let row: Element = by_id("class-buttons");
    clear(&row);
    for k in 0..classes {
        let b = make("button", "class-button", "");
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("data-class", &k.to_string());
        let sw = make("span", "swatch", "");
        let _ = sw.set_attribute("style", &format!("background:{}", class_hex(k)));
        append(&b, &sw);
        let _ = b.append_with_str_1(&tf(lang, "class-n", &[&(k + 1).to_string()]));
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
