//! Event wiring: every control, pointer gesture and key calls one [`App`] action.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlInputElement, KeyboardEvent, PointerEvent};

use super::app::App;
use super::dom::{by_id, document};
use super::files::{self, Import};
use super::form::{mark, Form};
use super::i18n::{t, tf, Lang};
use super::views::Chart;
use crate::core::activation::Activation;
use crate::core::data::{Preset, Task, DOMAIN};
use crate::core::features::Feature;
use crate::core::model::ModelKind;
use crate::core::session::Settings;

/// Shared handle to the app.
pub type Shared = Rc<RefCell<App>>;
/// An action a button or key triggers.
type Action = fn(&mut App);
/// How a number field changes the settings.
type Apply = fn(&mut Settings, f64);

/// Pixels within which a press grabs an existing point.
const GRAB_PX: f64 = 9.0;
/// Pixels within which a remove gesture finds the nearest point.
const REMOVE_PX: f64 = 30.0;

/// Runs `f` on the app unless it is already busy (a nested event fired
/// synchronously from inside another handler).
fn with_app(app: &Shared, f: impl FnOnce(&mut App)) {
    if let Ok(mut a) = app.try_borrow_mut() {
        f(&mut a);
    }
}

fn on<E: JsCast + 'static>(target: &EventTarget, event: &str, mut f: impl FnMut(E) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        if let Ok(e) = e.dyn_into::<E>() {
            f(e);
        }
    });
    target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .expect("add listener");
    closure.forget();
}

fn on_id<E: JsCast + 'static>(id: &str, event: &str, f: impl FnMut(E) + 'static) {
    on(&by_id::<EventTarget>(id), event, f);
}

/// Wires every control of the page to `app`.
pub fn wire(app: &Shared, form: &Rc<Form>) {
    buttons(app);
    settings(app, form);
    data_controls(app);
    file_controls(app);
    plot_gestures(app);
    param_editing(app);
    keyboard(app);
}

fn buttons(app: &Shared) {
    let actions: [(&str, Action); 5] = [
        ("step", App::step),
        ("step-back", App::step_back),
        ("play", App::toggle_play),
        ("reset", App::reset),
        ("clear", App::clear_points),
    ];
    for (id, action) in actions {
        let a = app.clone();
        on_id::<Event>(id, "click", move |_| with_app(&a, action));
    }
    let a = app.clone();
    on::<Event>(
        &document()
            .query_selector(".tabs")
            .ok()
            .flatten()
            .expect("tabs")
            .into(),
        "click",
        move |e| {
            let chart = closest(&e, "button[data-view]")
                .and_then(|b| b.get_attribute("data-view"))
                .and_then(|v| Chart::from_id(&v));
            if let Some(chart) = chart {
                with_app(&a, |app| {
                    app.views.select(chart);
                    app.touch_all();
                });
            }
        },
    );
    for (n, id) in ["pick-a", "pick-b"].into_iter().enumerate() {
        let a = app.clone();
        on_id::<Event>(id, "change", move |e| {
            let v = target_select_value(&e).parse::<usize>().unwrap_or(0);
            with_app(&a, |app| {
                if n == 0 {
                    app.views.picks.0 = v;
                } else {
                    app.views.picks.1 = v;
                }
                app.touch_all();
            });
        });
    }
    let a = app.clone();
    on_id::<Event>("scrub", "input", move |e| {
        let v = target_input(&e).value().parse::<u64>().unwrap_or(0);
        with_app(&a, |app| app.seek(v));
    });
    let a = app.clone();
    on_id::<Event>("speed", "change", move |e| {
        let v = target_select_value(&e).parse::<usize>().unwrap_or(1);
        with_app(&a, |app| app.set_speed(v));
    });
    let a = app.clone();
    on_id::<Event>("class-buttons", "click", move |e| {
        let class = closest(&e, "button[data-class]")
            .and_then(|b| b.get_attribute("data-class"))
            .and_then(|c| c.parse::<usize>().ok());
        if let Some(k) = class {
            with_app(&a, |app| {
                app.class = k;
                app.touch_all();
            });
        }
    });
}

/// The visible name of a form field: the text of its label.
fn field_name(input: &HtmlInputElement) -> String {
    input
        .closest("label")
        .ok()
        .flatten()
        .and_then(|l| l.query_selector("span").ok().flatten())
        .and_then(|s| s.text_content())
        .unwrap_or_default()
}

fn target_input(e: &Event) -> HtmlInputElement {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .expect("an input")
}

fn target_select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn closest(e: &Event, selector: &str) -> Option<Element> {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest(selector).ok().flatten())
}

/// Applies `change` to a copy of the settings; shows why when refused.
fn change_settings(app: &mut App, change: impl FnOnce(&mut Settings)) -> bool {
    let mut new = app.session().settings().clone();
    change(&mut new);
    app.apply_settings(new).is_ok()
}

fn settings(app: &Shared, form: &Rc<Form>) {
    // Number fields that are settings.
    let fields: [(&str, Apply); 9] = [
        ("lr", |s, v| s.learning_rate = v),
        ("batch", |s, v| s.batch_size = v as usize),
        ("momentum", |s, v| s.momentum = v),
        ("l2", |s, v| s.l2 = v),
        ("holdout", |s, v| s.holdout = v / 100.0),
        ("seed", |s, v| s.seed = v as u64),
        ("layers", |s, v| {
            let units = s.model.hidden.first().copied().unwrap_or(8);
            s.model.hidden = vec![units; v as usize];
        }),
        ("units", |s, v| {
            let n = s.model.hidden.len();
            s.model.hidden = vec![v as usize; n];
        }),
        ("degree", |s, v| s.model.degree = v as usize),
    ];
    for (id, apply) in fields {
        let a = app.clone();
        on_id::<Event>(id, "change", move |_| {
            with_app(&a, |app| {
                let input = Form::input(id);
                match Form::number(id, app.lang()) {
                    Ok(v) => {
                        if !change_settings(app, |s| apply(s, v)) {
                            mark(&input, Some(&app.status().text.clone()));
                        }
                    }
                    Err(reason) => {
                        let msg = tf(app.lang(), "s-invalid", &[&field_name(&input), &reason]);
                        app.say(msg, true);
                    }
                }
            })
        });
    }
    let a = app.clone();
    on_id::<Event>("model", "change", move |e| {
        if let Some(kind) = ModelKind::from_id(&target_select_value(&e)) {
            with_app(&a, |app| app.set_model(kind));
        }
    });
    let a = app.clone();
    on_id::<Event>("classes", "change", move |e| {
        let k = target_select_value(&e).parse::<usize>().unwrap_or(2);
        with_app(&a, |app| {
            change_settings(app, |s| s.classes = k);
            app.class = app.class.min(app.session().settings().classes - 1);
            app.touch_all();
        });
    });
    let a = app.clone();
    on_id::<Event>("activation", "change", move |e| {
        if let Some(act) = Activation::from_id(&target_select_value(&e)) {
            with_app(&a, |app| {
                change_settings(app, |s| s.model.activation = act);
            });
        }
    });
    let a = app.clone();
    on_id::<Event>("output", "change", move |e| {
        let softmax = target_select_value(&e) == "softmax";
        with_app(&a, |app| {
            change_settings(app, |s| s.model.softmax_output = softmax);
        });
    });
    let a = app.clone();
    on_id::<Event>("features", "change", move |_| {
        let mut extras = Vec::new();
        if let Ok(list) = by_id::<Element>("features").query_selector_all("input:checked") {
            for i in 0..list.length() {
                if let Some(cb) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                {
                    extras.extend(Feature::from_id(&cb.value()));
                }
            }
        }
        with_app(&a, |app| {
            change_settings(app, |s| s.model.extras = extras);
        });
    });
    let a = app.clone();
    on_id::<Event>("lang", "change", move |e| {
        let lang = Lang::from_code(&target_select_value(&e));
        with_app(&a, |app| app.set_lang(lang));
    });
    for radio in &form.modes {
        let a = app.clone();
        let r = radio.clone();
        on::<Event>(radio.as_ref(), "change", move |_| {
            let task = if r.value() == "regression" {
                Task::Regression
            } else {
                Task::Classification
            };
            with_app(&a, |app| app.set_task(task));
        });
    }
}

fn file_controls(app: &Shared) {
    let a = app.clone();
    on_id::<Event>("save-json", "click", move |_| {
        if let Ok(app) = a.try_borrow() {
            report(files::export_json(&app));
        }
    });
    on_id::<Event>("save-png", "click", |_| report(files::export_png()));
    let a = app.clone();
    on_id::<Event>("share", "click", move |_| with_app(&a, files::share_link));
    for (button, input, kind) in [
        ("load-json-button", "load-json", Import::Json),
        ("import-csv-button", "import-csv", Import::Csv),
    ] {
        on_id::<Event>(button, "click", move |_| {
            by_id::<HtmlInputElement>(input).click()
        });
        let a = app.clone();
        on_id::<Event>(input, "change", move |e| {
            report(files::read_file(&a, &target_input(&e), kind))
        });
    }
}

/// Logs a failure of the browser's own APIs (they have no message for the user).
fn report(r: Result<(), JsValue>) {
    if let Err(e) = r {
        web_sys::console::error_2(&"NeuronLab:".into(), &e);
    }
}

fn data_controls(app: &Shared) {
    let regenerate = |app: &mut App| {
        let lang = app.lang();
        let read = |id: &str| Form::number(id, lang);
        let preset = Preset::from_id(&by_id::<web_sys::HtmlSelectElement>("preset").value());
        match (preset, read("count"), read("noise"), read("data-seed")) {
            (Some(p), Ok(count), Ok(noise), Ok(seed)) => {
                app.load_preset(p, count as usize, noise, seed as u64)
            }
            (_, c, n, s) => {
                let reason = [c, n, s]
                    .into_iter()
                    .find_map(Result::err)
                    .unwrap_or_default();
                let msg = tf(lang, "s-invalid", &["", &reason]);
                app.say(msg, true);
            }
        }
    };
    for (id, event) in [("preset", "change"), ("regenerate", "click")] {
        let a = app.clone();
        on_id::<Event>(id, event, move |_| with_app(&a, regenerate));
    }
    for id in ["count", "noise", "data-seed"] {
        let a = app.clone();
        on_id::<Event>(id, "change", move |_| {
            with_app(&a, |app| {
                if let Err(reason) = Form::number(id, app.lang()) {
                    let msg = tf(
                        app.lang(),
                        "s-invalid",
                        &[&field_name(&Form::input(id)), &reason],
                    );
                    app.say(msg, true);
                }
            })
        });
    }
}

/// Pointer position in data coordinates, if over the plotting area.
fn data_point(app: &App, e: &PointerEvent) -> Option<(f64, f64, f64)> {
    let view = app.view()?;
    let (px, py) = (e.offset_x() as f64, e.offset_y() as f64);
    if !view.contains(px, py) {
        return None;
    }
    let (x, y) = view.to_data(px, py);
    Some((x, y, view.data_per_px()))
}

fn plot_gestures(app: &Shared) {
    let plot: EventTarget = by_id("plot");
    let a = app.clone();
    on::<PointerEvent>(&plot, "pointerdown", move |e| {
        e.prevent_default();
        with_app(&a, |app| {
            let Some((x, y, per_px)) = data_point(app, &e) else {
                return;
            };
            let remove = e.button() == 2 || e.ctrl_key() || e.meta_key();
            if remove {
                if let Some(i) = app.nearest(x, y, REMOVE_PX * per_px) {
                    app.remove_point(i);
                }
                return;
            }
            if e.button() != 0 {
                return;
            }
            if let Some(i) = app.nearest(x, y, GRAB_PX * per_px) {
                app.drag = Some(i);
                if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    let _ = t.set_pointer_capture(e.pointer_id());
                }
                return;
            }
            let class = if e.shift_key() { 1 } else { app.class };
            app.add_point(x, y, class);
        });
    });
    let a = app.clone();
    on::<PointerEvent>(&plot, "pointermove", move |e| {
        with_app(&a, |app| {
            let (Some(i), Some(view)) = (app.drag, app.view()) else {
                return;
            };
            let (x, y) = view.to_data(e.offset_x() as f64, e.offset_y() as f64);
            app.move_point(i, x.clamp(-DOMAIN, DOMAIN), y.clamp(-DOMAIN, DOMAIN));
        });
    });
    for event in ["pointerup", "pointercancel"] {
        let a = app.clone();
        on::<PointerEvent>(&plot, event, move |_| with_app(&a, |app| app.drag = None));
    }
    on::<Event>(&plot, "contextmenu", |e| e.prevent_default());
}

fn param_editing(app: &Shared) {
    let body: EventTarget = by_id("params-body");
    let start = |app: &App, cell: Element| {
        if cell.get_attribute("data-editing").is_some() {
            return;
        }
        let Some(i) = cell
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            return;
        };
        let Some(value) = app.session().model().params().get(i).copied() else {
            return;
        };
        let _ = cell.set_attribute("data-editing", "");
        let input = document()
            .create_element("input")
            .expect("input")
            .dyn_into::<HtmlInputElement>()
            .expect("input");
        input.set_value(&value.to_string());
        input.set_class_name("param-input");
        let _ = input.set_attribute(
            "aria-label",
            &cell.get_attribute("aria-label").unwrap_or_default(),
        );
        cell.set_text_content(None);
        let _ = cell.append_child(&input);
        let _ = input.focus();
        input.select();
    };
    let a = app.clone();
    on::<Event>(&body, "click", move |e| {
        if let Some(cell) = closest(&e, ".param") {
            if let Ok(app) = a.try_borrow() {
                start(&app, cell);
            }
        }
    });
    let a = app.clone();
    on::<KeyboardEvent>(&body, "keydown", move |e| {
        let Some(cell) = closest(&e, ".param") else {
            return;
        };
        let editing = cell.get_attribute("data-editing").is_some();
        match (e.key().as_str(), editing) {
            ("Enter", false) => {
                e.prevent_default();
                if let Ok(app) = a.try_borrow() {
                    start(&app, cell);
                }
            }
            ("Enter", true) => {
                e.prevent_default();
                blur_target(&e);
            }
            ("Escape", true) => {
                let _ = cell.set_attribute("data-cancel", "");
                blur_target(&e);
            }
            _ => {}
        }
    });
    let a = app.clone();
    // focusout bubbles (blur does not): commit when the editor loses focus.
    on::<Event>(&body, "focusout", move |e| {
        let Some(cell) = closest(&e, ".param") else {
            return;
        };
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let cancel = cell.get_attribute("data-cancel").is_some();
        let _ = cell.remove_attribute("data-cancel");
        let _ = cell.remove_attribute("data-editing");
        let index = cell
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok());
        let text = input.value();
        with_app(&a, |app| {
            if !cancel {
                let ok = text
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .zip(index)
                    .is_some_and(|(v, i)| app.set_param(i, v));
                if !ok {
                    let msg = t(app.lang(), "s-param-bad").to_string();
                    app.say(msg, true);
                }
            }
            app.touch_all();
        });
        // The panel redraws the cell's text on the next frame.
        cell.set_text_content(Some(""));
    });
}

fn blur_target(e: &Event) {
    if let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}

fn keyboard(app: &Shared) {
    let a = app.clone();
    let doc: EventTarget = document().into();
    on::<KeyboardEvent>(&doc, "keydown", move |e| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|el| {
                let tag = el.tag_name().to_ascii_lowercase();
                tag == "input"
                    || tag == "select"
                    || tag == "textarea"
                    || el.closest(".param").ok().flatten().is_some()
            });
        if typing {
            return;
        }
        let action: Option<Action> = match e.key().as_str() {
            " " => Some(App::toggle_play),
            "ArrowRight" | "n" | "N" => Some(App::step),
            "ArrowLeft" | "b" | "B" => Some(App::step_back),
            "r" | "R" => Some(App::reset),
            _ => None,
        };
        if let Some(f) = action {
            e.prevent_default();
            with_app(&a, f);
        }
    });
}
